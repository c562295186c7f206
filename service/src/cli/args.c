#include <stdio.h>
#include <string.h>

#include "cli/cli_internal.h"
#include "log/log.h"

extern char **environ;

const char *cli_opt(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

bool cli_flag(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return true;
    return false;
}

bool cli_check(int argc, char **argv, const char *const *allowed, const char *usage)
{
    for (int i = 1; i < argc; i++) {
        bool ok = false;
        for (size_t j = 0; allowed[j] && !ok; j++) {
            size_t n = strlen(allowed[j]);
            bool takes_value = n && allowed[j][n - 1] == '=';
            if (takes_value ? (strncmp(argv[i], allowed[j], n - 1) == 0 && argv[i][n - 1] == '\0')
                            : strcmp(argv[i], allowed[j]) == 0) {
                ok = true;
                if (takes_value) {
                    if (i + 1 >= argc) {
                        fprintf(stderr, "%s: %s needs a value\nusage: %s\n", argv[0], argv[i],
                                usage);
                        return false;
                    }
                    i++;
                }
            }
        }
        if (!ok) {
            fprintf(stderr, "%s: unknown option %s\nusage: %s\n", argv[0], argv[i], usage);
            return false;
        }
    }
    return true;
}

bool cli_config_load(int argc, char **argv, struct config *cfg)
{
    const char *path = cli_opt(argc, argv, "--config", NULL);
    char err[512];
    if (config_load(cfg, path, environ, err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router: config: %s\n", err);
        return false;
    }
    enum log_level level;
    if (!log_level_parse(cfg->log_level, &level)) {
        fprintf(stderr, "ticket-router: config: log.level: unknown level '%s'\n", cfg->log_level);
        config_clear(cfg);
        return false;
    }
    log_set_level(level);
    log_set_json(strcmp(cfg->log_format, "json") == 0);
    return true;
}
