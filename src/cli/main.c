/*
 * main.c — entry point of the omvei command: picks the subcommand, prints the top-level help and
 * the versions.
 */
#include "cli/cli.h"

#include <string.h>

const cli_cmd *const CLI_COMMANDS[] = {&CLI_CMD_CHECK,   &CLI_CMD_SPOF,    &CLI_CMD_CONVERT, &CLI_CMD_PLAN,
                                        &CLI_CMD_REROUTE, &CLI_CMD_COMPARE, &CLI_CMD_REPORT,  &CLI_CMD_RUN,
                                        &CLI_CMD_MERGE,
                                        NULL};

static void top_help(FILE *to)
{
    fprintf(to, "usage: omvei COMMAND [options] TOPOLOGY...\n\n"
                "omvei plans redundancy in telecom backbones: it finds the single points of failure that\n"
                "cut sites off from the core and the cheapest investments that remove them.\n\n"
                "commands:\n");
    for (const cli_cmd *const *c = CLI_COMMANDS; *c; c++)
        fprintf(to, "  %-10s %s\n", (*c)->name, (*c)->summary);
    fprintf(to, "\nTOPOLOGY is a folder with nodes.csv and links.csv, a .geojson, a .graphml, or an SNDlib\n"
                ".txt/.xml file. 'omvei COMMAND --help' shows a command's options.\n\n"
                "exit codes: 0 ok, 1 runtime or solver error, 2 usage error, 3 input data error\n");
}

static void version(void)
{
    printf("omvei %s\nigraph %s\nGLPK %s\nPROJ %s\n", omv_version(), omv_version_igraph(), omv_version_glpk(),
           omv_version_proj());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        top_help(stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            for (const cli_cmd *const *c = CLI_COMMANDS; *c; c++)
                if (!strcmp((*c)->name, argv[2])) {
                    cli_help(*c, stdout);
                    return CLI_OK;
                }
            fprintf(stderr, "omvei: unknown command '%s'\n\n", argv[2]);
            top_help(stderr);
            return CLI_USAGE;
        }
        top_help(stdout);
        return CLI_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        version();
        return CLI_OK;
    }
    for (const cli_cmd *const *c = CLI_COMMANDS; *c; c++)
        if (!strcmp((*c)->name, cmd))
            return (*c)->run(argc - 1, argv + 1);
    fprintf(stderr, "omvei: unknown command '%s'\n\n", cmd);
    top_help(stderr);
    return CLI_USAGE;
}
