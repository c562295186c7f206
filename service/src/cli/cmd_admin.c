#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "kafka/kafka.h"
#include "store/store.h"

enum { MIGRATE_CONFIG, MIGRATE_DIR };
static const struct cli_option MIGRATE_OPTIONS[] = {
    [MIGRATE_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [MIGRATE_DIR] = {"dir", "DIR",
                     "folder of the numbered SQL migrations (default: the "
                     "migrations.dir key, \"migrations\")"},
};
static const struct cli_command MIGRATE = {
    "migrate", "[--config FILE] [--dir DIR]",
    "Apply the database migrations (DIR/NNNN_name.sql) in order, each once, under an advisory "
    "lock; an applied migration that was edited since is refused.",
    CLI_OPTIONS(MIGRATE_OPTIONS)};

int cli_migrate(int argc, char **argv)
{
    const char *opt[2];
    int status = 1;
    if (!cli_parse(&MIGRATE, argc, argv, opt, &status))
        return status;
    struct config cfg;
    if (!cli_config_load(opt[MIGRATE_CONFIG], &cfg))
        return 2;
    const char *dir = opt[MIGRATE_DIR] ? opt[MIGRATE_DIR] : cfg.migrations_dir;
    char err[1024];
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

enum { TOPICS_CONFIG, TOPICS_PARTITIONS };
static const struct cli_option TOPICS_OPTIONS[] = {
    [TOPICS_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [TOPICS_PARTITIONS] = {"partitions", "N",
                           "partitions of each new topic (default: the topic.partitions key)"},
};
static const struct cli_command TOPICS = {
    "topics", "[--config FILE] [--partitions N]",
    "Create the six Kafka topics named in the configuration (tickets, events, decisions, "
    "escalations, shadow, dead letters); topics that exist already are fine.",
    CLI_OPTIONS(TOPICS_OPTIONS)};

int cli_topics(int argc, char **argv)
{
    const char *opt[2];
    int status = 0;
    long n = 0;
    if (!cli_parse(&TOPICS, argc, argv, opt, &status))
        return status;
    if (!cli_long(&TOPICS, "partitions", opt[TOPICS_PARTITIONS], 0, 0, &n))
        return 2;
    if (n > 100000)
        return cli_usage_error(&TOPICS, "--partitions: %ld is too many", n);
    struct config cfg;
    if (!cli_config_load(opt[TOPICS_CONFIG], &cfg))
        return 2;
    int partitions = n > 0 ? (int)n : (int)cfg.topic_partitions;
    const char *topics[] = {cfg.topic_tickets,     cfg.topic_events, cfg.topic_decisions,
                            cfg.topic_escalations, cfg.topic_shadow, cfg.topic_dlq};
    char err[512];
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

static const struct cli_option RULES_OPTIONS[] = {
    {"config", "FILE", CLI_CONFIG_HELP},
};
static const struct cli_command RULES = {
    "rules check", "[--config FILE]",
    "Validate every routing rule in the database: each is listed as ok, or refused when it names "
    "a team that does not exist. Exits 1 when any rule is refused.",
    CLI_OPTIONS(RULES_OPTIONS)};

int cli_rules(int argc, char **argv)
{
    const char *opt[1];
    int status = 1;
    if (!cli_subcommand(&RULES, "check", argc, argv, &status) ||
        !cli_parse(&RULES, argc - 1, argv + 1, opt, &status))
        return status;
    struct config cfg;
    if (!cli_config_load(opt[0], &cfg))
        return 2;
    char err[1024];
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
