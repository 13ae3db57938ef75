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
/* A run stopped by ^C: 128 + SIGINT, as the shell reports a process that SIGINT ended. */
enum { CLI_INTERRUPTED = 130 };

typedef struct {
    int id;            /* returned by cli_next; >= 256 for long-only options */
    const char *name;  /* long name without dashes */
    const char *arg;   /* name of the argument, NULL for a flag */
    const char *help;
} cli_opt;

/* Options every command accepts; ids below 0 are reserved for them. */
enum { CLI_OPT_HELP = 'h', CLI_OPT_QUIET = 'q', CLI_OPT_VERBOSE = 'v', CLI_OPT_THREADS = 1001, CLI_OPT_SEED = 1002 };

/* Options of loading, for the commands that list them in their table (cli_parse keeps them in
 * cli_common and cli_load applies them): --join FILE (repeatable) and --derive-srlg D,L. */
enum { CLI_OPT_JOIN = 1010, CLI_OPT_DERIVE = 1011 };
/* --shard K/N, for the commands that run a list of independent scenarios (cli_parse keeps it in
 * cli_common; see the shard helpers below). */
enum { CLI_OPT_SHARD = 1012 };
#define CLI_OPT_SHARD_ROW \
    {CLI_OPT_SHARD, "shard", "K/N", "run only block K of N of the scenarios; -o DIR gets a part for 'omvei merge'"}
#define CLI_OPT_JOIN_ROW \
    {CLI_OPT_JOIN, "join", "FILE", "merge nodes that are one place: CSV with columns a,b (node b is node a); repeatable"}
#define CLI_OPT_DERIVE_ROW \
    {CLI_OPT_DERIVE, "derive-srlg", "D,L", "add shared-risk groups of links whose routes run within D metres of each " \
                                           "other for more than L km"}

typedef struct {
    const char *name;
    const char *usage;   /* "TOPOLOGY... [options]" */
    const char *summary; /* one line */
    const char *details; /* a paragraph after the options, may be NULL */
    const cli_opt *opts; /* terminated by {0} */
    int (*run)(int argc, char **argv);
} cli_cmd;

/* Scenario options (omvei/scenario.h): a command lists those it takes in its table with these ids
 * and the long name of the scenario key; cli_parse hands them, in order, to cli_scenario. */
enum {
    CLI_SC_FIRST = 1100,
    CLI_SC_FAILURES = CLI_SC_FIRST,
    CLI_SC_AGAINST,
    CLI_SC_POWER,
    CLI_SC_REGION,
    CLI_SC_CORE,
    CLI_SC_BORDER,
    CLI_SC_LAST = 1199
};
#define CLI_MAX_SC 64

typedef struct {
    const char *cmd; /* the command's name */
    bool quiet;
    int verbose;
    int threads;
    unsigned long long seed;
    bool seed_set;
    const char *threads_arg, *seed_arg;
    const char *joins[16]; /* --join */
    size_t njoins;
    bool derive; /* --derive-srlg D,L */
    bool no_lengths; /* set by a command that never reads link lengths: cli_load defers them */
    double derive_m, derive_km;
    const char *sc_key[CLI_MAX_SC]; /* scenario options in command-line order */
    const char *sc_val[CLI_MAX_SC];
    int nsc;
    omv_shard shard; /* --shard; n == 0 when not given */
    const char *const *key_args; /* the arguments that decide the results: all but the shard, output,
                                    thread, quiet and verbose options (owned by cli.c) */
    size_t nkey_args;
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

/* Builds the scenario from the command's defaults (key, value pairs; NULL-terminated, may be NULL)
 * and the scenario options given, in order. Errors are printed: a bad value is a usage error (exit
 * 2), a region file that cannot be read an input error (exit 3). Returns an exit code. */
int cli_scenario(const cli_cmd *cmd, omv_ctx *ctx, const cli_common *common, const char *const *defaults,
                 omv_scenario **sc);
/* Checks the scenario against the loaded network (core ids, transit countries): usage errors. */
int cli_scenario_bind(const cli_cmd *cmd, omv_ctx *ctx, const cli_common *common, omv_scenario *sc,
                      const omv_net *net);
/* The view an analysis of sites sees under the scenario's border policy: *an is net under allow,
 * else the border view (owned by *view, freed by the caller); closed[0] and closed[1] receive the
 * existing links and the candidates it leaves out. Returns an exit code. */
int cli_border_view(omv_ctx *ctx, const cli_common *common, const omv_scenario *sc, const omv_net *net,
                    omv_net **view, const omv_net **an, size_t closed[2]);
/* The line that says what the border view left out (nothing under allow). */
void cli_border_line(const omv_scenario *sc, const size_t closed[2], bool candidates);

/* --time-limit S: seconds above 0 (a plain decimal); *seconds is set, or a usage error printed. */
int cli_opt_time_limit(const cli_cmd *cmd, const char *arg, double *seconds);
/* --top N: a whole number (0: all); *top is set, or a usage error printed. */
int cli_opt_top(const cli_cmd *cmd, const char *arg, size_t *top);
/* Prints dir/name (a report file just written) to standard output; false when it cannot be read. */
bool cli_print_file(const char *dir, const char *name);

/* Wipes the progress line from the terminal (if one is shown) before the command prints its result. */
void cli_progress_end(void);

/* Prints warnings of the context to stderr unless quiet. */
void cli_print_warnings(omv_ctx *ctx, const cli_common *common);

/* Installs SIGINT handling: the first ^C sets the returned flag (long runs stop and keep their best
 * result); the second ends the process. */
volatile int *cli_interrupt_flag(void);

/* ---- interrupted runs and their report folders ------------------------------------------------
 * A run that ^C stopped early exits CLI_INTERRUPTED and keeps an earlier complete report: its partial
 * report is written only into a folder that holds no report of the command yet. ^C while the report
 * is being written aborts the write (the folder stays as it was; the library returns OMV_EINTR,
 * which cli_fail maps to CLI_INTERRUPTED). Every command that writes a report folder:
 *   - guards its folder write with cli_report_allowed(cmd, dir, main file);
 *   - returns cli_finish(cmd, ec) instead of ec. */

/* True once ^C arrived. */
bool cli_interrupted(void);

/* Whether the command may write its report into dir now: always, unless ^C stopped the run and dir
 * already holds `marker` (the command's main file, "spof.json"), an earlier report, which is then
 * kept (a message says so). */
bool cli_report_allowed(const char *cmd, const char *dir, const char *marker);

/* The exit code of a command that ended with ec: CLI_INTERRUPTED (with a message) when ^C stopped a
 * run that otherwise succeeded, else ec. */
int cli_finish(const char *cmd, int ec);

/* Loads the topology paths with the command's candidate files and join tables, and adds the derived
 * shared-risk groups (--derive-srlg). *derived (may be NULL) receives those groups for reporting;
 * freed with omv_srlg_derived_free. Prints and returns an exit code. */
int cli_load(omv_net **net, omv_ctx *ctx, const cli_common *common, char **paths, int npaths,
             const char *const *cands, size_t ncands, omv_srlg_derived **derived);

/* Subcommands. */
extern const cli_cmd CLI_CMD_CHECK;
extern const cli_cmd CLI_CMD_CONVERT;
extern const cli_cmd CLI_CMD_SPOF;
extern const cli_cmd CLI_CMD_PLAN;
extern const cli_cmd CLI_CMD_REPORT;
extern const cli_cmd CLI_CMD_COMPARE;
extern const cli_cmd CLI_CMD_RUN;
extern const cli_cmd CLI_CMD_REROUTE;
extern const cli_cmd CLI_CMD_MERGE;

/* ---- shards and merge (shard.c) ----------------------------------------------------------------
 * A command that takes --shard runs its block of scenarios and writes a part with cli_part_write.
 * omvei merge reads the parts and runs the command again with their arguments and -o OUT: while it
 * does, cli_merge_parts returns the parts, and the command, instead of evaluating scenarios, checks
 * them with cli_merge_check and reads their results. */

/* The parts being merged, or NULL (*n = 0) in an ordinary run. */
omv_part *const *cli_merge_parts(size_t *n);
/* --shard without -o DIR, or with --json: a usage error (returned); else CLI_OK. */
int cli_shard_usage(const cli_cmd *cmd, const cli_common *common, const char *out, bool json);
/* Merging: the parts must come from this command and this run's inputs and options (the key
 * computed again now): exit code CLI_DATA with a message when not, else CLI_OK. */
int cli_merge_check(omv_ctx *ctx, const cli_common *common, const char *command, const omv_net *net);
/* Writes dir/part.json (data: the shard's results, count: scenarios in the whole run) and the
 * manifest; prints what the part holds unless quiet. Returns a library code. */
int cli_part_write(omv_ctx *ctx, const cli_common *common, const char *command, const char *dir, const omv_net *net,
                   size_t count, const char *data, int argc, char **argv);
extern const cli_cmd *const CLI_COMMANDS[];

#endif
