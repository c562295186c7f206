/* test_support: helpers shared by the tests (cmocka is the framework).
 * Threads: test main thread. */
#ifndef TR_TEST_SUPPORT_H
#define TR_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* The source tree (for proto/, migrations/, shared data) and the built ticket-router. */
#define TEST_SOURCE_DIR TR_SOURCE_DIR
#define TEST_BINARY TR_BINARY

/* A string unique to this process and call, for topic names, ids and keys: "<prefix>-<pid>-<n>". */
void test_unique(char *buf, size_t len, const char *prefix);

/* Environment value or fallback. */
const char *test_env(const char *name, const char *fallback);

#endif
