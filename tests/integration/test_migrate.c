/* ticket-router migrate against a real PostgreSQL: once each, in order, under a lock, with
 * checksums. */
#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "test_support.h"

struct fixture {
    char db[96];
    char dsn[256];
    char dir[64];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    test_db_create(f->db, sizeof(f->db), f->dsn, sizeof(f->dsn));
    snprintf(f->dir, sizeof(f->dir), "/tmp/tr-migrations-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    test_db_drop(f->db);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
}

static long count(const char *dsn, const char *sql)
{
    PGconn *conn = PQconnectdb(dsn);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    PGresult *res = PQexec(conn, sql);
    long v = PQresultStatus(res) == PGRES_TUPLES_OK ? atol(PQgetvalue(res, 0, 0)) : -1;
    PQclear(res);
    PQfinish(conn);
    return v;
}

static int migrate(const struct fixture *f, char *err, size_t errlen)
{
    store_conn *pg = store_conn_new(f->dsn, err, errlen);
    assert_non_null(pg);
    int rc = store_migrate(pg, f->dir, NULL, err, errlen);
    store_conn_free(pg);
    return rc;
}

static void test_project_migrations_apply_once(void **state)
{
    struct fixture *f = *state;
    char err[1024];
    snprintf(f->dir, sizeof(f->dir), "%s", TEST_SOURCE_DIR "/migrations");
    assert_int_equal(migrate(f, err, sizeof(err)), 0);
    long applied = count(f->dsn, "SELECT count(*) FROM schema_migrations");
    assert_true(applied >= 1);
    assert_int_equal(migrate(f, err, sizeof(err)), 0);
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM schema_migrations"), applied);
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 'decisions'"),
                     1);
    /* The fixture's teardown removes dir: give it a fresh one to remove. */
    snprintf(f->dir, sizeof(f->dir), "/tmp/tr-migrations-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
}

static void test_migrations_apply_in_order(void **state)
{
    struct fixture *f = *state;
    write_file(f->dir, "0002_b.sql", "ALTER TABLE t ADD COLUMN b int;");
    write_file(f->dir, "0001_a.sql", "CREATE TABLE t (a int);");
    write_file(f->dir, "README.md", "not a migration");
    char err[1024];
    assert_int_equal(migrate(f, err, sizeof(err)), 0);
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM schema_migrations"), 2);
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM information_schema.columns "
                                   "WHERE table_name = 't'"),
                     2);
}

static void test_changed_applied_migration_is_refused(void **state)
{
    struct fixture *f = *state;
    write_file(f->dir, "0001_a.sql", "CREATE TABLE t (a int);");
    char err[1024] = "";
    assert_int_equal(migrate(f, err, sizeof(err)), 0);
    write_file(f->dir, "0001_a.sql", "CREATE TABLE t (a bigint);");
    assert_int_equal(migrate(f, err, sizeof(err)), TR_ECONFLICT);
    assert_non_null(strstr(err, "0001_a.sql"));
    assert_non_null(strstr(err, "changed"));
}

static void test_failing_migration_rolls_back_and_is_not_recorded(void **state)
{
    struct fixture *f = *state;
    write_file(f->dir, "0001_a.sql", "CREATE TABLE t (a int);");
    write_file(f->dir, "0002_bad.sql", "CREATE TABLE t2 (a int); SELECT no_such_function();");
    char err[1024] = "";
    assert_int_equal(migrate(f, err, sizeof(err)), TR_EIO);
    assert_non_null(strstr(err, "0002_bad.sql"));
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM schema_migrations"), 1);
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 't2'"),
                     0);
}

static void test_concurrent_migrate_commands_apply_once(void **state)
{
    struct fixture *f = *state;
    /* pg_sleep makes the two runs overlap: without the lock both would apply 0001. */
    write_file(f->dir, "0001_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE t (a int);");
    char env_dsn[300];
    snprintf(env_dsn, sizeof(env_dsn), "TICKET_ROUTER_POSTGRES_DSN=%s", f->dsn);
    char *envp[] = {env_dsn, NULL};
    char *argv[] = {(char *)TEST_BINARY, (char *)"migrate", (char *)"--dir", f->dir, NULL};
    pid_t pids[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(posix_spawn(&pids[i], TEST_BINARY, NULL, NULL, argv, envp), 0);
    for (int i = 0; i < 2; i++) {
        int status = 0;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(count(f->dsn, "SELECT count(*) FROM schema_migrations"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_project_migrations_apply_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrations_apply_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_applied_migration_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_migration_rolls_back_and_is_not_recorded,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_migrate_commands_apply_once, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("integration.migrate", tests, NULL, NULL);
}
