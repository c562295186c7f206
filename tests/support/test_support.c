#include "test_support.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void test_unique(char *buf, size_t len, const char *prefix)
{
    static atomic_uint counter;
    unsigned n = atomic_fetch_add(&counter, 1);
    snprintf(buf, len, "%s-%ld-%d-%u", prefix, (long)time(NULL), (int)getpid(), n);
}

const char *test_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}
