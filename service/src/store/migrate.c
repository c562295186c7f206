#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* Any fixed number works; every router uses the same, so two migrate runs take turns. */
#define MIGRATE_LOCK_KEY "7340331123"

static int name_is_migration(const char *name)
{
    size_t n = strlen(name);
    return n > 9 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
           isdigit((unsigned char)name[2]) && isdigit((unsigned char)name[3]) && name[4] == '_' &&
           strcmp(name + n - 4, ".sql") == 0;
}

static int name_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int exec_ok(PGconn *conn, const char *sql, char *err, size_t errlen)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s", PQerrorMessage(conn));
        rc = TR_EIO;
    }
    PQclear(res);
    return rc;
}

/* Applies one file unless recorded; refuses a recorded one whose checksum changed. */
static int migration_apply(PGconn *conn, const char *dir, const char *name, FILE *progress,
                           char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    char *sql = NULL;
    char reason[512];
    if (tr_file_read(path, &sql, NULL, reason, sizeof(reason)) != 0) {
        snprintf(err, errlen, "%s", reason);
        return TR_EIO;
    }
    int rc = TR_EIO;
    char version[8];
    snprintf(version, sizeof(version), "%.4s", name);
    const char *params[] = {version, sql};
    PGresult *res = PQexecParams(conn,
                                 "SELECT md5($2::text) AS sum, "
                                 "(SELECT checksum FROM schema_migrations WHERE version = "
                                 "$1::int) AS recorded, "
                                 "(SELECT name FROM schema_migrations WHERE version = $1::int) "
                                 "AS recorded_name",
                                 2, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s: %s", name, PQerrorMessage(conn));
        goto out;
    }
    char sum[40];
    tr_strlcpy(sum, store_col(res, 0, "sum"), sizeof(sum));
    const char *recorded = store_col(res, 0, "recorded");
    if (recorded[0]) {
        if (strcmp(recorded, sum) != 0) {
            snprintf(err, errlen,
                     "migration %s was changed after it was applied (recorded checksum %s as "
                     "%s, file now %s): add a new migration instead of editing an applied one",
                     name, recorded, store_col(res, 0, "recorded_name"), sum);
            rc = TR_ECONFLICT;
        } else {
            rc = 0;
        }
        goto out;
    }
    PQclear(res);
    res = NULL;
    if (exec_ok(conn, "BEGIN", err, errlen) != 0)
        goto out;
    if (exec_ok(conn, sql, reason, sizeof(reason)) != 0) {
        snprintf(err, errlen, "migration %s failed: %s", name, reason);
        char ignored[64];
        (void)exec_ok(conn, "ROLLBACK", ignored, sizeof(ignored));
        goto out;
    }
    const char *rec[] = {version, name, sum};
    res = PQexecParams(conn,
                       "INSERT INTO schema_migrations (version, name, checksum) "
                       "VALUES ($1::int, $2, $3)",
                       3, NULL, rec, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        snprintf(err, errlen, "recording %s: %s", name, PQerrorMessage(conn));
        char ignored[64];
        (void)exec_ok(conn, "ROLLBACK", ignored, sizeof(ignored));
        goto out;
    }
    if (exec_ok(conn, "COMMIT", err, errlen) != 0)
        goto out;
    if (progress)
        fprintf(progress, "applied %s\n", name);
    rc = 0;
out:
    PQclear(res);
    free(sql);
    return rc;
}

int store_migrate(store_conn *pg, const char *dir, FILE *progress, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot open migrations directory %s", dir);
        return TR_EINVAL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = TR_ENOMEM;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (!name_is_migration(entry->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof(*names));
            if (!grown)
                goto out;
            names = grown;
        }
        if (!(names[n] = strdup(entry->d_name)))
            goto out;
        n++;
    }
    qsort(names, n, sizeof(*names), name_compare);

    rc = TR_EIO;
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        PQreset(pg->conn);
        if (PQstatus(pg->conn) != CONNECTION_OK) {
            snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
            goto out;
        }
    }
    if (exec_ok(pg->conn, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", err, errlen) != 0)
        goto out;
    rc = exec_ok(pg->conn,
                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                 " applied_at timestamptz NOT NULL DEFAULT now())",
                 err, errlen);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = migration_apply(pg->conn, dir, names[i], progress, err, errlen);
    char ignored[64];
    (void)exec_ok(pg->conn, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")", ignored,
                  sizeof(ignored));
    pg->prepared = false; /* new tables: prepare again on next use */
    if (rc == 0 && progress)
        fprintf(progress, "migrations up to date (%zu files)\n", n);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}
