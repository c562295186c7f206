#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cli_rules(int argc, char **argv)
{
    static const char *const OPTS[] = {"check", "--config=", NULL};
    if (argc < 2 || strcmp(argv[1], "check") != 0 ||
        !cli_check(argc, argv, OPTS, "ticket-router rules check --config FILE")) {
        fprintf(stderr, "usage: ticket-router rules check --config FILE\n");
        return 2;
    }
    struct config cfg;
    if (!cli_config_load(argc, argv, &cfg))
        return 2;
    char err[1024];
    int status = 1;
    struct route_context *ctx = NULL;
    store_conn *pg = store_conn_new(cfg.pg_dsn, err, sizeof(err));
    if (!pg || store_context_load(pg, &ctx, stdout, err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router rules: %s\n", err);
        goto out;
    }
    for (size_t i = 0; i < ctx->policy.n_rules; i++) {
        const struct route_rule *r = &ctx->policy.rules[i];
        printf("rule %s ok (position %d)\n", r->name, r->position);
        /* A rule naming a team that does not exist routes to the default team. */
        if (r->team[0] && !policy_team_find(&ctx->policy, r->team)) {
            printf("rule %s refused: team %s does not exist\n", r->name, r->team);
            ctx->n_rules_refused++;
        }
        if (r->hours_team[0] && !policy_team_find(&ctx->policy, r->hours_team)) {
            printf("rule %s refused: hours_team %s does not exist\n", r->name, r->hours_team);
            ctx->n_rules_refused++;
        }
    }
    printf("%zu rules ok, %zu refused\n", ctx->policy.n_rules, ctx->n_rules_refused);
    status = ctx->n_rules_refused ? 1 : 0;
out:
    route_context_free(ctx);
    store_conn_free(pg);
    config_clear(&cfg);
    return status;
}
