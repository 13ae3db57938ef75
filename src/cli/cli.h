/*
 * cli.h — the omvei command: the only part of omvei that prints or exits. Each subcommand lives in
 * its own cmd_*.c and describes its options in one table that also drives its --help.
 */
#ifndef OMV_CLI_H
#define OMV_CLI_H

#include "omvei.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes (DESIGN.md §7). */
enum { CLI_OK = 0, CLI_RUNTIME = 1, CLI_USAGE = 2, CLI_DATA = 3 };

typedef struct {
    int id;            /* returned by cli_next; >= 256 for long-only options */
    const char *name;  /* long name without dashes */
    const char *arg;   /* name of the argument, NULL for a flag */
    const char *help;
} cli_opt;

/* Options every command accepts; ids below 0 are reserved for them. */
enum { CLI_OPT_HELP = 'h', CLI_OPT_QUIET = 'q', CLI_OPT_VERBOSE = 'v', CLI_OPT_THREADS = 1001, CLI_OPT_SEED = 1002 };

typedef struct {
    const char *name;
    const char *usage;   /* "TOPOLOGY... [options]" */
    const char *summary; /* one line */
    const char *details; /* a paragraph after the options, may be NULL */
    const cli_opt *opts; /* terminated by {0} */
    int (*run)(int argc, char **argv);
} cli_cmd;

typedef struct {
    bool quiet;
    int verbose;
    int threads;
    unsigned long long seed;
    bool seed_set;
} cli_common;

/* Parses argv for cmd: handles the common options (and --help, which prints and sets *done).
 * Calls on_opt for the command's own options; positional arguments are collected into pos (argv
 * order). Returns CLI_OK or CLI_USAGE (message printed). */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_common *common,
              int (*on_opt)(int id, const char *arg, void *user), void *user, char ***pos, int *npos,
              bool *done);

void cli_help(const cli_cmd *cmd, FILE *to);

/* A context set up from the common options; NULL when out of memory (message printed). */
omv_ctx *cli_ctx(const cli_common *common);

/* Prints the context's error and maps a library code to an exit code. */
int cli_fail(omv_ctx *ctx, int rc, const cli_common *common);
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --candidates FILE, repeatable up to CLI_MAX_CANDIDATES times: appends arg to cands[*n]. */
#define CLI_MAX_CANDIDATES 16
int cli_opt_candidates(const cli_cmd *cmd, const char *arg, const char **cands, size_t *n);

/* --border allow|deny, for the commands that take it; *deny is set, or a usage error printed. */
int cli_opt_border(const cli_cmd *cmd, const char *arg, bool *deny);

/* Prints warnings of the context to stderr unless quiet. */
void cli_print_warnings(omv_ctx *ctx, const cli_common *common);

/* Installs SIGINT handling: the first ^C sets the returned flag (long runs stop and keep their best
 * result); the second ends the process. */
volatile int *cli_interrupt_flag(void);

/* Loads the topology paths with the command's candidate files. Prints and returns an exit code. */
int cli_load(omv_net **net, omv_ctx *ctx, const cli_common *common, char **paths, int npaths,
             const char *const *cands, size_t ncands);

/* Subcommands. */
extern const cli_cmd CLI_CMD_CHECK;
extern const cli_cmd CLI_CMD_CONVERT;
extern const cli_cmd CLI_CMD_SPOF;
extern const cli_cmd CLI_CMD_PLAN;
extern const cli_cmd CLI_CMD_REROUTE;
extern const cli_cmd *const CLI_COMMANDS[];

#endif
