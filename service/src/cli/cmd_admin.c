#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "kafka/kafka.h"
#include "store/store.h"

int cli_migrate(int argc, char **argv)
{
    static const char *const OPTS[] = {"--config=", "--dir=", NULL};
    if (!cli_check(argc, argv, OPTS, "ticket-router migrate --config FILE [--dir DIR]"))
        return 2;
    struct config cfg;
    if (!cli_config_load(argc, argv, &cfg))
        return 2;
    const char *dir = cli_opt(argc, argv, "--dir", cfg.migrations_dir);
    char err[1024];
    int status = 1;
    store_conn *pg = store_conn_new(cfg.pg_dsn, err, sizeof(err));
    if (!pg) {
        fprintf(stderr, "ticket-router migrate: %s\n", err);
        goto out;
    }
    if (store_migrate(pg, dir, stdout, err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router migrate: %s\n", err);
        goto out;
    }
    status = 0;
out:
    store_conn_free(pg);
    config_clear(&cfg);
    return status;
}

int cli_topics(int argc, char **argv)
{
    static const char *const OPTS[] = {"--config=", "--partitions=", NULL};
    if (!cli_check(argc, argv, OPTS, "ticket-router topics --config FILE [--partitions N]"))
        return 2;
    struct config cfg;
    if (!cli_config_load(argc, argv, &cfg))
        return 2;
    int partitions = atoi(cli_opt(argc, argv, "--partitions", "0"));
    if (partitions <= 0)
        partitions = (int)cfg.topic_partitions;
    const char *topics[] = {cfg.topic_tickets,     cfg.topic_events, cfg.topic_decisions,
                            cfg.topic_escalations, cfg.topic_shadow, cfg.topic_dlq};
    char err[512];
    int status = 0;
    if (kafka_topics_create(&cfg, topics, 6, partitions, (int)cfg.topic_replication, 15000, err,
                            sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router topics: %s\n", err);
        status = 1;
    } else {
        for (size_t i = 0; i < 6; i++)
            printf("topic %s ready (%d partitions requested)\n", topics[i], partitions);
    }
    config_clear(&cfg);
    return status;
}
