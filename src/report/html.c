/*
 * html.c — omv_report_html: reads the result files of a report folder (and of its sub-folders, such
 * as domestic/) and writes report.html, one self-contained page. This file holds the page frame:
 * head, style, contents, the order of the sections, the note on absent files, and the one small
 * script (click a table heading to sort). The sections live in html_*.c.
 *
 * No network access is possible from the page: a Content Security Policy allows nothing but inline
 * styles, data: images and the one script, named by its SHA-256, so even a text that escaped the
 * escaping could not run. The page holds no time of day and no timings, so the same results give
 * the same bytes.
 */
#include "core/sha256.h"
#include "report/html.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Sorts a table by the clicked column: numbers by value (thousands separators and units ignored),
 * text otherwise; a second click reverses. The mark on <html> tells a test that the script ran. */
static const char SCRIPT[] =
    "document.querySelectorAll('table.sortable th').forEach(function(th){"
    "th.addEventListener('click',function(){"
    "var tb=th.closest('table').tBodies[0],i=th.cellIndex,d=th.dataset.dir==='a'?-1:1;th.dataset.dir=d>0?'a':'d';"
    "var v=function(r){var t=r.cells[i]?r.cells[i].textContent.trim():'';var n=parseFloat(t.replace(/[,\\s]/g,''));"
    "return isNaN(n)?t.toLowerCase():n;};"
    "Array.from(tb.rows).sort(function(a,b){var x=v(a),y=v(b);"
    "if(typeof x!==typeof y){x=String(x);y=String(y);}return x<y?-d:x>y?d:0;})"
    ".forEach(function(r){tb.appendChild(r);});});});"
    "document.documentElement.dataset.sortable='on';";

static const char STYLE[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0;color:#1d2329;"
    "background:#fff;line-height:1.45}"
    "header{background:#16324f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:24px}"
    "header p{margin:4px 0 0;color:#c9d6e3}"
    "nav{background:#eef2f6;padding:8px 32px;font-size:14px;border-bottom:1px solid #d5dde5}"
    "nav a{margin-right:14px;color:#16324f}"
    "main{padding:8px 32px 40px;max-width:1250px}"
    "h2{border-bottom:2px solid #16324f;padding-bottom:4px;margin-top:34px;font-size:20px}"
    "h3{font-size:16px;margin:20px 0 6px}"
    ".where{font-weight:normal;color:#5b6b7b;font-size:15px}"
    "table{border-collapse:collapse;margin:8px 0 14px;font-size:13.5px}"
    "th,td{border:1px solid #d5dde5;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#eef2f6}table.sortable th{cursor:pointer}td.n,th.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    "tbody tr:nth-child(even){background:#f8fafc}"
    ".summary li{margin:4px 0}.note{color:#5b6b7b;font-size:13.5px}"
    ".hash{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}"
    ".mapbox{border:1px solid #d5dde5;display:inline-block;max-width:100%}"
    ".mapbox svg,svg.chart{max-width:100%;height:auto}"
    ".sub{border-top:6px solid #d5dde5;margin-top:40px}"
    ".good{color:#1a7f37}.bad{color:#b42318}";

static const char *const FILES[] = {"manifest.json", "spof.json",      "map.geojson",         "plan.json",
                                    "plan_map.geojson", "plan_sweep.json", "reroute.json",     "reroute_map.geojson",
                                    "compare.json"};
#define NFILES (sizeof(FILES) / sizeof(FILES[0]))

static json_t **slot(omv__html_folder *f, size_t i)
{
    json_t **s[NFILES] = {&f->manifest, &f->spof,    &f->map,         &f->plan,   &f->plan_map,
                          &f->sweep,    &f->reroute, &f->reroute_map, &f->compare};
    return s[i];
}

static void folder_free(omv__html_folder *f)
{
    for (size_t i = 0; i < NFILES; i++)
        json_decref(*slot(f, i));
    json_decref(f->names);
    free((char *)f->rel);
    free((char *)f->idp);
}

/* Reads every known result file of dir; returns the number read, or a negative code. */
static int folder_load(omv_ctx *ctx, omv__html_folder *f, const char *dir)
{
    int nread = 0;
    for (size_t i = 0; i < NFILES; i++) {
        char *path = omv__path_join(dir, FILES[i]);
        if (!path)
            return OMV_NOMEM(ctx, "path");
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (st.st_size > OMV__HTML_MAX_FILE) {
            size_t used = strlen(f->skipped);
            snprintf(f->skipped + used, sizeof(f->skipped) - used, "%s%s (%.0f MB)", used ? ", " : "", FILES[i],
                     (double)st.st_size / (1 << 20));
            free(path);
            continue;
        }
        json_error_t e;
        json_t *j = json_load_file(path, 0, &e);
        if (!j) {
            int rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: %s", path, e.line, e.column, e.text);
            free(path);
            return rc;
        }
        free(path);
        *slot(f, i) = j;
        nread++;
    }
    if (!(f->names = json_object()))
        return OMV_NOMEM(ctx, "node names");
    json_t *maps[] = {f->reroute_map, f->plan_map, f->map};
    for (size_t m = 0; m < 3; m++) {
        json_t *feat = omv__json_a(maps[m], "features"), *ft;
        size_t k;
        json_array_foreach(feat, k, ft)
        {
            json_t *pr = json_object_get(ft, "properties");
            const char *id = omv__json_s(pr, "id"), *name = omv__json_s(pr, "name");
            const char *type = omv__json_s(json_object_get(ft, "geometry"), "type");
            if (id && name && type && !strcmp(type, "Point"))
                json_object_set_new(f->names, id, json_string(name));
        }
    }
    return nread;
}

const char *omv__html_name(const omv__html_folder *f, const char *id)
{
    const char *n = id ? omv__json_s(f->names, id) : NULL;
    return n ? n : id ? id : "";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sub-folders of dir that hold results, sorted by name. */
static int subfolders(omv_ctx *ctx, const char *dir, char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    size_t cap = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = omv__path_join(dir, e->d_name);
        if (!p) {
            rc = OMV_NOMEM(ctx, "path");
            break;
        }
        bool has = false;
        if (omv__is_dir(p))
            for (size_t i = 0; i < NFILES && !has; i++) {
                char *q = omv__path_join(p, FILES[i]);
                has = q && omv__file_exists(q);
                free(q);
            }
        free(p);
        if (!has)
            continue;
        char *s = strdup(e->d_name);
        if (!s || OMV_GROW(*names, cap, *n + 1)) {
            free(s);
            rc = OMV_NOMEM(ctx, "folder list");
            break;
        }
        (*names)[(*n)++] = s;
    }
    closedir(d);
    if (*n > 1)
        qsort(*names, *n, sizeof(**names), cmp_str);
    return rc;
}

/* Whether any run of the folder was made with --border deny. */
static bool border_deny(const omv__html_folder *f)
{
    json_t *runs = omv__json_a(f->manifest, "runs"), *r;
    size_t i, k;
    json_array_foreach(runs, i, r)
    {
        json_t *args = omv__json_a(r, "args"), *a;
        const char *prev = "";
        json_array_foreach(args, k, a)
        {
            const char *s = json_string_value(a);
            if (!s)
                continue;
            if ((!strcmp(prev, "--border") && !strcmp(s, "deny")) || !strcmp(s, "--border=deny"))
                return true;
            prev = s;
        }
    }
    return false;
}

static void nav_link(omv__buf *b, const omv__html_folder *f, const char *id, const char *text)
{
    omv__buf_printf(b, "<a href=\"#%s%s\">%s</a>", f->idp, id, text);
}

static void folder_nav(omv__buf *b, const omv__html_folder *f)
{
    nav_link(b, f, "summary", "Summary");
    if (f->map || f->plan_map)
        nav_link(b, f, "map", "Map");
    if (f->spof)
        nav_link(b, f, "spof", "Single points of failure");
    if (f->plan)
        nav_link(b, f, "plan", "Investments");
    if (f->sweep)
        nav_link(b, f, "sweep", "Budget curve");
    if (f->compare)
        nav_link(b, f, "compare", "Proposals");
    if (f->reroute)
        nav_link(b, f, "reroute", "Rerouting");
    if (f->manifest)
        nav_link(b, f, "manifest", "Manifest");
}

static void folder_body(omv__buf *b, omv_ctx *ctx, const omv__html_folder *f)
{
    omv__html_summary(b, f);
    if (f->map || f->plan_map) {
        omv__html_section(b, f, "map", "Map");
        omv__html_map(b, ctx, f, false);
        omv__buf_puts(b, "</section>\n");
    }
    omv__html_spof(b, f);
    omv__html_plan(b, f);
    omv__html_sweep(b, f);
    omv__html_compare(b, f);
    if (f->reroute) {
        omv__html_reroute(b, f);
        if (f->map || f->reroute_map) {
            omv__buf_puts(b, "<h3>Worst-case utilisation on the map</h3>\n");
            omv__html_map(b, ctx, f, true);
        }
    }
    omv__html_manifest(b, f);
    /* What is not there. */
    static const struct {
        size_t file;
        const char *what;
    } parts[] = {{1, "single points of failure (omvei spof)"}, {3, "investments (omvei plan)"},
                 {5, "budget curve (omvei plan --sweep)"},     {8, "proposals (omvei compare)"},
                 {6, "rerouting (omvei reroute)"},              {0, "manifest"}};
    if (f->skipped[0]) {
        omv__buf_puts(b, "<p class=\"note\">Too large for this page, so left out: ");
        omv__html_esc(b, f->skipped);
        omv__buf_puts(b, ". The files themselves hold every result.</p>\n");
    }
    int nabsent = 0;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (*slot((omv__html_folder *)f, parts[i].file))
            continue;
        omv__buf_puts(b, nabsent++ ? "; " : "<p class=\"note\">Not in this folder, so left out: ");
        omv__buf_printf(b, "%s (%s)", parts[i].what, FILES[parts[i].file]);
    }
    if (nabsent)
        omv__buf_puts(b, ".</p>\n");
}

/* The CSP source of the script: 'sha256-<base64 of the digest>'. */
static void script_hash(char out[64])
{
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    omv__sha256 s;
    char hex[65];
    unsigned char d[33] = {0};
    omv__sha256_init(&s);
    omv__sha256_update(&s, SCRIPT, strlen(SCRIPT));
    omv__sha256_hex(&s, hex);
    for (int i = 0; i < 32; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        d[i] = (unsigned char)v;
    }
    size_t k = 0;
    for (int i = 0; i < 33; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | (i + 2 < 33 ? d[i + 2] : 0);
        out[k++] = B64[v >> 18 & 63];
        out[k++] = B64[v >> 12 & 63];
        out[k++] = i + 1 < 32 ? B64[v >> 6 & 63] : '=';
        out[k++] = i + 2 < 32 ? B64[v & 63] : '=';
    }
    out[k] = '\0';
}

static int write_report(omv_ctx *ctx, const char *dir)
{
    if (!dir || !omv__is_dir(dir))
        return OMV_ERR(ctx, OMV_EARG, "%s: not a report folder", dir ? dir : "(null)");
    omv__html_folder top = {0};
    omv__html_folder *subs = NULL;
    char **names = NULL;
    size_t nnames = 0, nsubs = 0;
    omv__buf b;
    omv__buf_init(&b);
    int rc = 0;
    top.rel = strdup("");
    top.idp = strdup("");
    if (!top.rel || !top.idp) {
        rc = OMV_NOMEM(ctx, "report.html");
        goto cleanup;
    }
    if ((rc = folder_load(ctx, &top, dir)) < 0)
        goto cleanup;
    if ((rc = subfolders(ctx, dir, &names, &nnames)) < 0)
        goto cleanup;
    subs = calloc(nnames + 1, sizeof(*subs));
    if (!subs) {
        rc = OMV_NOMEM(ctx, "report.html");
        goto cleanup;
    }
    for (size_t i = 0; i < nnames; i++) {
        omv__html_folder *f = &subs[nsubs++];
        char *p = omv__path_join(dir, names[i]);
        size_t n = strlen(names[i]);
        char *rel = malloc(n + 2), *idp = malloc(n + 2);
        f->rel = rel;
        f->idp = idp;
        if (!p || !rel || !idp) {
            free(p);
            rc = OMV_NOMEM(ctx, "report.html");
            goto cleanup;
        }
        snprintf(rel, n + 2, "%s/", names[i]);
        /* ids: letters and digits of the name, the rest as '_' */
        for (size_t k = 0; k < n; k++) {
            char c = names[i][k];
            idp[k] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
        }
        idp[n] = '-';
        idp[n + 1] = '\0';
        rc = folder_load(ctx, f, p);
        free(p);
        if (rc < 0)
            goto cleanup;
    }
    rc = 0;

    char hash[64];
    script_hash(hash);
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    omv__buf_printf(&b,
                    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; img-src data:; script-src 'sha256-%s'\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"omvei %s\">\n<title>omvei report: ",
                    hash, omv_version());
    omv__html_esc(&b, base);
    omv__buf_printf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>Redundancy report: ", STYLE);
    omv__html_esc(&b, base);
    omv__buf_printf(&b,
                    "</h1><p>Written by omvei %s from the result files of this folder%s. Every figure comes from "
                    "the JSON files beside this page; the manifest at the end says how they were made.</p>"
                    "</header>\n<nav>",
                    omv_version(), nsubs ? " and its sub-folders" : "");
    folder_nav(&b, &top);
    for (size_t i = 0; i < nsubs; i++) {
        omv__buf_printf(&b, "<a href=\"#%ssummary\">", subs[i].idp);
        omv__html_esc(&b, subs[i].rel);
        omv__buf_puts(&b, "</a>");
    }
    omv__buf_puts(&b, "</nav>\n<main>\n");
    folder_body(&b, ctx, &top);
    for (size_t i = 0; i < nsubs; i++) {
        omv__buf_printf(&b, "<div class=\"sub\"><p class=\"note\">The results below are in the sub-folder <b>");
        omv__html_esc(&b, subs[i].rel);
        omv__buf_puts(&b, "</b>");
        if (border_deny(&subs[i]))
            omv__buf_puts(&b, ": domestic routes only (<code>--border deny</code>): links between two countries "
                              "are left out, so a site must reach the core over its own country's links");
        omv__buf_puts(&b, ". It has its own report.html.</p>\n");
        folder_body(&b, ctx, &subs[i]);
        omv__buf_puts(&b, "</div>\n");
    }
    omv__buf_printf(&b,
                    "<p class=\"note\">Map data: coastlines from Natural Earth (public domain). Click a table "
                    "heading to sort by that column.</p>\n</main>\n<script>%s</script>\n</body>\n</html>\n",
                    SCRIPT);
    if (b.failed) {
        rc = OMV_NOMEM(ctx, "report.html");
        goto cleanup;
    }
    char *path = omv__path_join(dir, "report.html");
    if (!path) {
        rc = OMV_NOMEM(ctx, "path");
        goto cleanup;
    }
    rc = omv__write_file_atomic(ctx, path, b.s, b.len);
    free(path);
cleanup:
    omv__buf_free(&b);
    folder_free(&top);
    for (size_t i = 0; i < nsubs; i++)
        folder_free(&subs[i]);
    free(subs);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* The folder above dir when it is a report folder with a page of its own (it shows dir as a
 * sub-folder); NULL otherwise. */
static char *parent_report(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t k = n;
    while (k > 0 && dir[k - 1] != '/')
        k--;
    if (k == n || (n - k == 2 && !strncmp(dir + k, "..", 2)) || (n - k == 1 && dir[k] == '.'))
        return NULL;
    char *up = k == 0 ? strdup(".") : strndup(dir, k > 1 ? k - 1 : 1);
    char *page = up ? omv__path_join(up, "report.html") : NULL, *man = up ? omv__path_join(up, "manifest.json") : NULL;
    bool ok = page && man && omv__file_exists(page) && omv__file_exists(man);
    free(page);
    free(man);
    if (!ok) {
        free(up);
        return NULL;
    }
    return up;
}

int omv_report_html(omv_ctx *ctx, const char *dir)
{
    int rc = write_report(ctx, dir);
    if (rc)
        return rc;
    /* A run into domestic/ changes what the page of the folder above shows: refresh it too. Its
     * failure is a warning, not this run's failure. */
    char *up = parent_report(dir);
    if (up && write_report(ctx, up))
        omv__warn(ctx, "%s/report.html not refreshed: %s", up, omv_ctx_errmsg(ctx));
    free(up);
    return 0;
}
