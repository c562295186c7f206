/* load_internal: shared by the load module's files only. */
#ifndef TR_LOAD_INTERNAL_H
#define TR_LOAD_INTERNAL_H

#include <hiredis/hiredis.h>
#include <stdatomic.h>

#include "load/load.h"

struct load_conn {
    redisContext *redis;
    char *host;
    char *password;
    int port, db, timeout_ms;
    char prefix[96];
    char load_key[128];
    char claims_key[128];
    char presence_key[128];
    char deadlines_key[128];
    char epoch_key[128];
    char lock_key[128];
    char claim_sha[41];
    char release_sha[41];
    char claim_first_sha[41];     /* loaded on first use (claims.c) */
    char last_error[256];         /* what failed last, for the retry line */
    _Atomic uint64_t round_trips; /* requests sent and waited for (pipelined ones count once) */
};

/* Count one round trip (a pipelined group counts once). */
void load_rt_count(load_conn *conn);
/* Forget a broken connection (the next call connects again), keeping its error. */
void load_conn_drop(load_conn *conn);
/* Connect when not connected (and load the claim and release scripts). 0 or TR_EIO. */
int load_conn_ensure(load_conn *conn, char *err, size_t errlen);
/* SCRIPT LOAD lua into sha. 0 or TR_EIO with err. */
int load_script_load(redisContext *redis, const char *lua, char sha[41], char *err, size_t errlen);

#endif
