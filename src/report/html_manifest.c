/*
 * html_manifest.c — the audit trail in report.html (from manifest.json): every run that wrote into
 * the folder with its arguments and parameters, every input file with its SHA-256, and the versions.
 * Times of day and the thread count are left out on purpose: the same results give the same page.
 */
#include "report/html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void kv_object(omv__buf *b, json_t *o)
{
    const char *k;
    json_t *v;
    int first = 1;
    json_object_foreach(o, k, v)
    {
        /* The page does not depend on the thread count, as no result does (manifest.json has it). */
        if (!strcmp(k, "threads"))
            continue;
        omv__buf_puts(b, first ? "" : "; ");
        first = 0;
        omv__html_esc(b, k);
        omv__buf_puts(b, " ");
        char *s = json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        omv__html_esc(b, s ? s : json_string_value(v));
        free(s);
    }
}

void omv__html_manifest(omv__buf *b, const omv__html_folder *f)
{
    if (!f->manifest)
        return;
    json_t *m = f->manifest, *runs = omv__json_a(m, "runs"), *r;
    size_t i, k;
    omv__html_section(b, f, "manifest", "Manifest: how these results were made");
    omv__buf_puts(b, "<p>Versions: ");
    kv_object(b, json_object_get(m, "versions"));
    omv__buf_puts(b, ".</p>\n<table><thead><tr><th>command</th><th>arguments</th><th>parameters</th><th>files "
                     "written</th></tr></thead><tbody>\n");
    json_array_foreach(runs, i, r)
    {
        omv__buf_puts(b, "<tr><td>");
        omv__html_esc(b, omv__json_s(r, "command"));
        omv__buf_puts(b, "</td><td><code>omvei");
        json_t *a;
        json_array_foreach(omv__json_a(r, "args"), k, a)
        {
            omv__buf_puts(b, " ");
            omv__html_esc(b, json_string_value(a));
        }
        omv__buf_puts(b, "</code></td><td>");
        kv_object(b, json_object_get(r, "parameters"));
        omv__buf_puts(b, "</td><td>");
        json_array_foreach(omv__json_a(r, "outputs"), k, a)
        {
            omv__buf_puts(b, k ? ", " : "");
            omv__html_esc(b, json_string_value(a));
        }
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n");
    /* Inputs, each once (the runs usually read the same files). */
    json_t *seen = json_object();
    omv__buf_puts(b, "<h3>Input files</h3>\n<table><thead><tr><th>file</th><th class=\"n\">bytes</th><th>SHA-256"
                     "</th><th>read by</th></tr></thead><tbody>\n");
    json_array_foreach(runs, i, r)
    {
        json_t *in;
        json_array_foreach(omv__json_a(r, "inputs"), k, in)
        {
            const char *path = omv__json_s(in, "path"), *sha = omv__json_s(in, "sha256");
            if (!path)
                continue;
            /* key: path and hash, so a file changed between runs shows twice */
            char key[1200];
            snprintf(key, sizeof(key), "%s\n%s", path, sha ? sha : "");
            if (seen && json_object_get(seen, key))
                continue;
            if (seen)
                json_object_set_new(seen, key, json_true());
            omv__buf_puts(b, "<tr><td>");
            omv__html_esc(b, path);
            omv__buf_puts(b, "</td><td class=\"n\">");
            omv__html_int(b, omv__json_d(in, "bytes", NAN));
            omv__buf_puts(b, "</td><td class=\"hash\">");
            omv__html_esc(b, sha);
            omv__buf_puts(b, "</td><td>");
            json_t *r2;
            size_t i2, k2, nby = 0;
            json_array_foreach(runs, i2, r2)
            {
                json_t *in2;
                json_array_foreach(omv__json_a(r2, "inputs"), k2, in2)
                {
                    const char *p2 = omv__json_s(in2, "path"), *s2 = omv__json_s(in2, "sha256");
                    if (p2 && !strcmp(p2, path) && !strcmp(s2 ? s2 : "", sha ? sha : "")) {
                        omv__buf_puts(b, nby++ ? ", " : "");
                        omv__html_esc(b, omv__json_s(r2, "command"));
                        break;
                    }
                }
            }
            omv__buf_puts(b, "</td></tr>\n");
        }
    }
    json_decref(seen);
    omv__buf_puts(b, "</tbody></table>\n</section>\n");
}
