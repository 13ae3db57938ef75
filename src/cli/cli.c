/*
 * cli.c — what every subcommand shares: option parsing driven by the option tables, help text,
 * error printing and exit codes, SIGINT handling.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cli_opt COMMON_OPTS[] = {
    {CLI_OPT_HELP, "help", NULL, "show this help and exit"},
    {CLI_OPT_QUIET, "quiet", NULL, "no progress and no warnings on stderr"},
    {CLI_OPT_VERBOSE, "verbose", NULL, "also show where in omvei an error was raised"},
    {CLI_OPT_THREADS, "threads", "N", "threads for parallel loops (default: all cores)"},
    {CLI_OPT_SEED, "seed", "N", "seed of randomised algorithms (default 20140101)"},
    {0, NULL, NULL, NULL},
};

static void print_opts(const cli_opt *o, FILE *to)
{
    for (; o && o->name; o++) {
        char left[64];
        if (o->id > 0 && o->id < 128)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", o->id, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(to, "  %-28s %s\n", left, o->help);
    }
}

void cli_help(const cli_cmd *cmd, FILE *to)
{
    fprintf(to, "usage: omvei %s %s\n\n%s\n\noptions:\n", cmd->name, cmd->usage, cmd->summary);
    print_opts(cmd->opts, to);
    print_opts(COMMON_OPTS, to);
    if (cmd->details)
        fprintf(to, "\n%s\n", cmd->details);
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "omvei %s: ", cmd ? cmd->name : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'omvei %s --help')\n", cmd ? cmd->name : "");
    return CLI_USAGE;
}

static size_t count_opts(const cli_opt *o)
{
    size_t n = 0;
    while (o && o[n].name)
        n++;
    return n;
}

/* The arguments of the last parse that decide its results (cli_common.key_args). */
static const char **g_key_args;

static bool key_option(int id)
{
    return id != CLI_OPT_SHARD && id != 'o' && id != CLI_OPT_THREADS && id != CLI_OPT_QUIET &&
           id != CLI_OPT_VERBOSE && id != CLI_OPT_HELP;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_common *common,
              int (*on_opt)(int id, const char *arg, void *user), void *user, char ***pos, int *npos, bool *done)
{
    *done = false;
    memset(common, 0, sizeof(*common));
    common->cmd = cmd->name;
    size_t n1 = count_opts(cmd->opts), n2 = count_opts(COMMON_OPTS);
    struct option *lo = calloc(n1 + n2 + 1, sizeof(*lo));
    /* '+': stop at the first positional (handled by the loop below); ':': report a missing argument
     * as ':' rather than as an unknown option. */
    char shorts[128] = "+:";
    if (!lo)
        return CLI_RUNTIME;
    size_t k = 0;
    const cli_opt *tabs[2] = {cmd->opts, COMMON_OPTS};
    for (int t = 0; t < 2; t++) {
        for (const cli_opt *o = tabs[t]; o && o->name; o++) {
            lo[k].name = o->name;
            lo[k].has_arg = o->arg ? required_argument : no_argument;
            lo[k].val = o->id;
            k++;
            if (o->id > 0 && o->id < 128) {
                size_t l = strlen(shorts);
                shorts[l] = (char)o->id;
                shorts[l + 1] = '\0';
                if (o->arg)
                    strcat(shorts, ":");
            }
        }
    }
    *pos = calloc((size_t)argc + 1, sizeof(char *));
    *npos = 0;
    if (!*pos) {
        free(lo);
        fprintf(stderr, "omvei: out of memory\n");
        return CLI_RUNTIME;
    }
    free(g_key_args);
    if (!(g_key_args = calloc((size_t)argc + 1, sizeof(*g_key_args)))) {
        free(lo);
        fprintf(stderr, "omvei: out of memory\n");
        return CLI_RUNTIME;
    }
    common->key_args = g_key_args;
    int rc = CLI_OK;
    optind = 1;
    opterr = 0;
    /* Positional arguments may come between options: parse in a loop. */
    while (optind < argc && rc == CLI_OK) {
        int from = optind;
        int c = getopt_long(argc, argv, shorts, lo, NULL);
        if (c == -1) {
            if (optind >= argc) /* a final "--" */
                break;
            if (strcmp(argv[optind - 1], "--") == 0) {
                while (optind < argc) {
                    g_key_args[common->nkey_args++] = argv[optind];
                    (*pos)[(*npos)++] = argv[optind++];
                }
                break;
            }
            g_key_args[common->nkey_args++] = argv[optind];
            (*pos)[(*npos)++] = argv[optind++];
            continue;
        }
        /* The words this option took (a group of short flags counts once, with its last flag). */
        if (key_option(c))
            for (int w = from; w < optind; w++)
                g_key_args[common->nkey_args++] = argv[w];
        switch (c) {
        case CLI_OPT_HELP:
            cli_help(cmd, stdout);
            *done = true;
            goto out;
        case CLI_OPT_QUIET:
            common->quiet = true;
            break;
        case CLI_OPT_VERBOSE:
            common->verbose++;
            break;
        case CLI_OPT_THREADS: {
            common->threads_arg = optarg;
            char *end;
            long t = strtol(optarg, &end, 10);
            if (*end || t < 1 || t > 1024)
                rc = cli_usage_error(cmd, "--threads takes a whole number from 1 to 1024, got '%s'", optarg);
            common->threads = (int)t;
            break;
        }
        case CLI_OPT_SEED: {
            char *end;
            errno = 0;
            unsigned long long s = strtoull(optarg, &end, 10);
            if (*end || errno || optarg[0] == '-')
                rc = cli_usage_error(cmd, "--seed takes a whole number, got '%s'", optarg);
            common->seed = s;
            common->seed_set = true;
            common->seed_arg = optarg;
            break;
        }
        case '?': {
            /* getopt sets optopt to a long option's id when it got "--flag=value": read the word. */
            const char *word = argv[optind - 1];
            if (strncmp(word, "--", 2) == 0) {
                size_t n = strcspn(word + 2, "=");
                bool known = false;
                for (size_t j = 0; j < k; j++)
                    known |= strlen(lo[j].name) == n && strncmp(lo[j].name, word + 2, n) == 0;
                if (known && word[2 + n] == '=')
                    rc = cli_usage_error(cmd, "option '--%.*s' takes no argument", (int)n, word + 2);
                else
                    rc = cli_usage_error(cmd, "unknown option '%s'", word);
            } else if (optopt > 0 && optopt < 128) {
                rc = cli_usage_error(cmd, "unknown option '-%c'", optopt);
            } else {
                rc = cli_usage_error(cmd, "unknown option '%s'", word);
            }
            break;
        }
        case ':':
            rc = cli_usage_error(cmd, "option '%s' needs an argument", argv[optind - 1]);
            break;
        case CLI_OPT_SHARD: {
            omv_ctx *tmp = omv_ctx_new();
            if (!tmp || omv_shard_parse(&common->shard, tmp, optarg))
                rc = cli_usage_error(cmd, "--shard takes K/N, shard K (from 1) of N, got '%s'", optarg);
            omv_ctx_free(tmp);
            break;
        }
        case CLI_OPT_JOIN:
            if (common->njoins == sizeof(common->joins) / sizeof(common->joins[0]))
                rc = cli_usage_error(cmd, "at most %zu --join files", common->njoins);
            else
                common->joins[common->njoins++] = optarg;
            break;
        case CLI_OPT_DERIVE: {
            /* "D,L": metres and kilometres. */
            char *end;
            double d = strtod(optarg, &end), l = NAN;
            if (end != optarg && *end == ',') {
                const char *p = end + 1;
                l = strtod(p, &end);
                if (end == p || *end)
                    l = NAN;
            }
            if (!(d > 0) || !(l >= 0) || !isfinite(d) || !isfinite(l) || strpbrk(optarg, "xXnNiI"))
                rc = cli_usage_error(cmd, "--derive-srlg takes D,L with D > 0 metres and L >= 0 km, got '%s'", optarg);
            common->derive = true;
            common->derive_m = d;
            common->derive_km = l;
            break;
        }
        default:
            if (c >= CLI_SC_FIRST && c <= CLI_SC_LAST) {
                if (common->nsc == CLI_MAX_SC) {
                    rc = cli_usage_error(cmd, "too many scenario options");
                    break;
                }
                for (const cli_opt *o = cmd->opts; o && o->name; o++)
                    if (o->id == c)
                        common->sc_key[common->nsc] = o->name;
                common->sc_val[common->nsc++] = optarg;
                break;
            }
            rc = on_opt ? on_opt(c, optarg, user) : CLI_USAGE;
            break;
        }
    }
out:
    free(lo);
    return rc;
}

/* Progress on a terminal: one line on stderr, rewritten in place, shown only once a run has taken
 * a second, and wiped when the command ends. Nothing when stderr is not a terminal or with --quiet. */
static struct {
    const char *cmd;
    double start, delay;
    int shown;
} g_progress;

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_wipe(void)
{
    if (g_progress.shown)
        fputs("\r\033[K", stderr);
    g_progress.shown = 0;
}

void cli_progress_end(void) { progress_wipe(); }

static void on_progress(void *user, const char *phase, double fraction)
{
    (void)user;
    double t = mono_s() - g_progress.start;
    if (t < g_progress.delay)
        return;
    if (fraction >= 0)
        fprintf(stderr, "\r\033[Komvei %s: %s %3.0f%% (%.0f s)", g_progress.cmd, phase, 100 * fraction, t);
    else
        fprintf(stderr, "\r\033[Komvei %s: %s (%.0f s)", g_progress.cmd, phase, t);
    g_progress.shown = 1;
}

omv_ctx *cli_ctx(const cli_common *common)
{
    omv_ctx *ctx = omv_ctx_new();
    if (!ctx) {
        fprintf(stderr, "omvei: out of memory\n");
        return NULL;
    }
    if (common->threads)
        omv_ctx_set_threads(ctx, common->threads);
    if (common->seed_set)
        omv_ctx_set_seed(ctx, common->seed);
    omv_ctx_set_interrupt_flag(ctx, cli_interrupt_flag());
    if (!common->quiet && isatty(STDERR_FILENO)) {
        g_progress.cmd = common->cmd ? common->cmd : "";
        g_progress.start = mono_s();
        /* OMVEI_PROGRESS_DELAY: seconds before the line appears (default 1). */
        const char *d = getenv("OMVEI_PROGRESS_DELAY");
        char *end = NULL;
        g_progress.delay = d ? strtod(d, &end) : 1.0;
        if (!d || end == d || *end || !(g_progress.delay >= 0))
            g_progress.delay = 1.0;
        omv_ctx_set_progress(ctx, on_progress, NULL);
        atexit(progress_wipe);
    }
    return ctx;
}

int cli_fail(omv_ctx *ctx, int rc, const cli_common *common)
{
    progress_wipe();
    fprintf(stderr, "omvei: error: %s\n", omv_ctx_errmsg(ctx));
    if (common && common->verbose)
        fprintf(stderr, "  (raised at %s)\n", omv_ctx_errsrc(ctx));
    switch (rc) {
    case OMV_EINTR:
        return CLI_INTERRUPTED;
    case OMV_EDATA:
        return CLI_DATA;
    case OMV_EARG:
        return CLI_USAGE;
    default:
        return CLI_RUNTIME;
    }
}

int cli_opt_candidates(const cli_cmd *cmd, const char *arg, const char **cands, size_t *n)
{
    if (*n == CLI_MAX_CANDIDATES)
        return cli_usage_error(cmd, "at most %d --candidates files", CLI_MAX_CANDIDATES);
    cands[(*n)++] = arg;
    return CLI_OK;
}

/* A scenario error: a bad value is the user's (usage), anything else goes through cli_fail. */
static int scenario_fail(const cli_cmd *cmd, omv_ctx *ctx, const cli_common *common, int rc)
{
    if (rc == OMV_EARG)
        return cli_usage_error(cmd, "--%s", omv_ctx_errmsg(ctx));
    return cli_fail(ctx, rc, common);
}

int cli_scenario(const cli_cmd *cmd, omv_ctx *ctx, const cli_common *common, const char *const *defaults,
                 omv_scenario **sc)
{
    *sc = NULL;
    int rc = omv_scenario_new(sc, ctx);
    for (int i = 0; !rc && i < common->nsc; i++)
        rc = omv_scenario_set(*sc, ctx, common->sc_key[i], common->sc_val[i]);
    for (size_t i = 0; !rc && defaults && defaults[i]; i += 2)
        rc = omv_scenario_default(*sc, ctx, defaults[i], defaults[i + 1]);
    if (!rc && common->threads_arg)
        rc = omv_scenario_set(*sc, ctx, "threads", common->threads_arg);
    if (!rc && common->seed_arg)
        rc = omv_scenario_set(*sc, ctx, "seed", common->seed_arg);
    if (!rc)
        rc = omv_scenario_check(*sc, ctx);
    return rc ? scenario_fail(cmd, ctx, common, rc) : CLI_OK;
}

int cli_scenario_bind(const cli_cmd *cmd, omv_ctx *ctx, const cli_common *common, omv_scenario *sc,
                      const omv_net *net)
{
    int rc = omv_scenario_bind(sc, ctx, net);
    return rc ? scenario_fail(cmd, ctx, common, rc) : CLI_OK;
}

int cli_border_view(omv_ctx *ctx, const cli_common *common, const omv_scenario *sc, const omv_net *net,
                    omv_net **view, const omv_net **an, size_t closed[2])
{
    *an = net;
    int rc = omv_scenario_border_view(view, ctx, sc, net, &closed[0], &closed[1]);
    if (rc)
        return cli_fail(ctx, rc, common);
    if (*view)
        *an = *view;
    return CLI_OK;
}

void cli_border_line(const omv_scenario *sc, const size_t closed[2], bool candidates)
{
    omv_border_mode mode = omv_scenario_border(sc);
    if (mode == OMV_BORDER_ALLOW)
        return;
    printf("Border policy %s: %zu cross-border link%s", mode == OMV_BORDER_DENY ? "deny" : "transit", closed[0],
           closed[0] == 1 ? "" : "s");
    if (candidates)
        printf(" and %zu cross-border candidate%s", closed[1], closed[1] == 1 ? "" : "s");
    printf(" left out; a site reaches the core over its own country's links");
    for (size_t k = 0; k < omv_scenario_transit_count(sc); k++)
        printf("%s%s", k ? ", " : " and links within or into ", omv_scenario_transit_country(sc, k));
    printf(".\n");
}

void cli_print_warnings(omv_ctx *ctx, const cli_common *common)
{
    if (common->quiet)
        return;
    progress_wipe();
    for (size_t i = 0; i < omv_ctx_warning_count(ctx); i++)
        fprintf(stderr, "%s\n", omv_ctx_warning(ctx, i));
}

static volatile int g_interrupt;

static void on_sigint(int sig)
{
    (void)sig;
    if (g_interrupt) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        return;
    }
    g_interrupt = 1;
}

volatile int *cli_interrupt_flag(void)
{
    static int installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        installed = 1;
    }
    return &g_interrupt;
}

int cli_load(omv_net **net, omv_ctx *ctx, const cli_common *common, char **paths, int npaths,
             const char *const *cands, size_t ncands, omv_srlg_derived **derived)
{
    omv_load_opts lo = OMV_LOAD_OPTS_INIT;
    lo.candidates = cands;
    lo.ncandidates = ncands;
    lo.joins = common->joins;
    lo.njoins = common->njoins;
    lo.lengths = !common->no_lengths;
    omv_srlg_derived *d = NULL;
    int rc = omv_net_load_opts(net, ctx, (const char *const *)paths, (size_t)npaths, &lo);
    /* Derived groups join the network before any analysis sees its groups. */
    if (!rc && common->derive && !(rc = omv_srlg_derive(&d, ctx, *net, common->derive_m, common->derive_km)))
        rc = omv_net_add_srlgs(*net, ctx, d);
    if (rc) {
        omv_srlg_derived_free(d);
        omv_net_free(*net);
        *net = NULL;
        return cli_fail(ctx, rc, common);
    }
    if (derived)
        *derived = d;
    else
        omv_srlg_derived_free(d);
    return CLI_OK;
}

bool cli_interrupted(void) { return *cli_interrupt_flag() != 0; }

bool cli_report_allowed(const char *cmd, const char *dir, const char *marker)
{
    if (!cli_interrupted())
        return true;
    size_t n = strlen(dir) + strlen(marker) + 2;
    char *path = malloc(n);
    if (!path)
        return false;
    snprintf(path, n, "%s/%s", dir, marker);
    struct stat st;
    bool earlier = stat(path, &st) == 0;
    free(path);
    if (earlier)
        fprintf(stderr, "omvei %s: interrupted: the earlier report in %s is kept; the incomplete results are not "
                        "written\n",
                cmd, dir);
    return !earlier;
}

int cli_finish(const char *cmd, int ec)
{
    if (ec != CLI_OK || !cli_interrupted())
        return ec;
    fprintf(stderr, "omvei %s: interrupted (exit %d)\n", cmd, CLI_INTERRUPTED);
    return CLI_INTERRUPTED;
}

int cli_opt_top(const cli_cmd *cmd, const char *arg, size_t *top)
{
    char *end;
    errno = 0;
    unsigned long long t = strtoull(arg, &end, 10);
    if (!arg[0] || *end || errno || arg[0] < '0' || arg[0] > '9')
        return cli_usage_error(cmd, "--top takes a whole number, got '%s'", arg);
    *top = (size_t)t;
    return CLI_OK;
}

bool cli_print_file(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path)
        return false;
    snprintf(path, len, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f)
        return false;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(f);
    return true;
}

int cli_opt_time_limit(const cli_cmd *cmd, const char *arg, double *seconds)
{
    char *end;
    errno = 0;
    double t = strtod(arg, &end);
    if (end == arg || *end || errno || !isfinite(t) || t <= 0 || strpbrk(arg, "xXnNiI"))
        return cli_usage_error(cmd, "--time-limit: expected a number of seconds > 0, got '%s'", arg);
    *seconds = t;
    return CLI_OK;
}
