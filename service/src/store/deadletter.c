/* Dead letters kept whole in PostgreSQL (migrations/0004_dead_letters.sql): the originals that
 * did not fit the dead-letter topic. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

int store_dead_letter_keep(store_conn *pg, const struct dead_letter *dl, char *sha256_hex)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char partition[16], offset[24], size[24];
    snprintf(partition, sizeof(partition), "%" PRId32, dl->partition);
    snprintf(offset, sizeof(offset), "%" PRId64, dl->offset);
    snprintf(size, sizeof(size), "%zu", dl->len);
    const char *params[] = {dl->topic,   partition, offset,    dl->key,
                            dl->payload, size,      dl->error, dl->reason};
    int lengths[] = {0, 0, 0, (int)dl->key_len, (int)dl->len, 0, 0, 0};
    int formats[] = {0, 0, 0, 1, 1, 0, 0, 0};
    /* The hash is PostgreSQL's (sha256(), 11+): the bytes are sent once and hashed where they
     * are kept. A replay keeps the first row and returns its hash. */
    PGresult *res = st_params(
        pg,
        "WITH i AS (INSERT INTO dead_letters (source_topic, source_partition, source_offset, "
        "  message_key, payload, size, sha256, error, reason) "
        "  VALUES ($1, $2, $3, $4, $5, $6, encode(sha256($5), 'hex'), $7, $8) "
        "  ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING "
        "  RETURNING sha256) "
        "SELECT sha256 FROM i UNION ALL SELECT sha256 FROM dead_letters "
        "WHERE source_topic = $1 AND source_partition = $2 AND source_offset = $3",
        8, NULL, params, lengths, formats, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0) {
        tr_strlcpy(sha256_hex, PQgetvalue(res, 0, 0), 65);
        rc = 0;
    }
    PQclear(res);
    return rc;
}

int store_dead_letter_get(store_conn *pg, const char *topic, int32_t partition, int64_t offset,
                          void **payload, size_t *len)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char p[16], o[24];
    snprintf(p, sizeof(p), "%" PRId32, partition);
    snprintf(o, sizeof(o), "%" PRId64, offset);
    const char *params[] = {topic, p, o};
    PGresult *res = st_params(pg,
                              "SELECT payload FROM dead_letters WHERE source_topic = $1 "
                              "AND source_partition = $2 AND source_offset = $3",
                              3, NULL, params, NULL, NULL, 1);
    int rc = TR_EIO;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        goto out;
    if (PQntuples(res) == 0) {
        rc = TR_ENOTFOUND;
        goto out;
    }
    *len = (size_t)PQgetlength(res, 0, 0);
    *payload = malloc(*len ? *len : 1);
    if (!*payload) {
        rc = TR_ENOMEM;
        goto out;
    }
    memcpy(*payload, PQgetvalue(res, 0, 0), *len);
    rc = 0;
out:
    PQclear(res);
    return rc;
}

int store_dead_letters_purge(store_conn *pg, unsigned days, long *deleted)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char d[16];
    snprintf(d, sizeof(d), "%u", days);
    const char *params[] = {d};
    PGresult *res = st_params(pg,
                              "DELETE FROM dead_letters "
                              "WHERE created_at < now() - make_interval(days => $1::int)",
                              1, NULL, params, NULL, NULL, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
        *deleted = atol(PQcmdTuples(res));
        rc = 0;
    }
    PQclear(res);
    return rc;
}
