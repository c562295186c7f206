/* cli_internal: option parsing shared by the subcommands. */
#ifndef TR_CLI_INTERNAL_H
#define TR_CLI_INTERNAL_H

#include <stdbool.h>

#include "config/config.h"

/* The value after `name` (e.g. "--config") in argv, or fallback. */
const char *cli_opt(int argc, char **argv, const char *name, const char *fallback);
/* True when the flag is present. */
bool cli_flag(int argc, char **argv, const char *name);
/* Every option is one of allowed (NULL-terminated; names that take a value end with '='),
 * else print the problem and return false. */
bool cli_check(int argc, char **argv, const char *const *allowed, const char *usage);
/* Load --config (or none) plus the environment; print the error and return false on failure.
 * Sets the log level and format. */
bool cli_config_load(int argc, char **argv, struct config *cfg);

#endif
