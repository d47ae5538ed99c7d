/* A legacy-style approval client: reads a project file, applies its events one by one through the
 * C ABI, and prints each outcome with its citation, the way a municipal approval system would log
 * them.
 *
 *   wz_legacy PROJECT.json
 *
 * PROJECT.json: {"project": "name", "config": {…RULES.md §7…}, "as_of": "YYYY-MM-DD",
 *                "events": [command, …]}  (commands as RULES.md §1.6/§1.7, without seq/hash)
 *
 * Exit status: 0 when every event was judged (accepted or refused by the regulation), 2 when an
 * event was malformed or the library failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <wanzheng.h>

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
            buf[n] = '\0';
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static const char *str(const cJSON *obj, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Prints "INV-8 宛政〔2023〕7号 第八条 — summary" for a rule ID. */
static void print_citation(const char *rule) {
    char *json = NULL;
    if (wz_explain(rule, &json) == WZ_OK) {
        cJSON *e = cJSON_Parse(json);
        printf("%s %s — %s", rule, str(e, "citation_zh"), str(e, "summary"));
        cJSON_Delete(e);
    } else {
        printf("%s", rule);
    }
    wz_string_free(json);
}

static void print_outcomes(const cJSON *outcomes) {
    const cJSON *o;
    cJSON_ArrayForEach(o, outcomes) {
        printf("      %s ", str(o, "kind"));
        print_citation(str(o, "rule"));
        if (str(o, "detail")[0]) {
            printf(" [%s]", str(o, "detail"));
        }
        putchar('\n');
    }
}

/* Prints the refusal held in the last error; returns 1 when it was a malformed or internal error. */
static int print_refusal(wz_status status) {
    char *json = NULL;
    cJSON *e;
    int bad = status != WZ_RULE_VIOLATION && status != WZ_INVALID_TRANSITION;
    if (wz_last_error_json(&json) != WZ_OK) {
        printf("%s\n", wz_status_name(status));
        return 1;
    }
    e = cJSON_Parse(json);
    wz_string_free(json);
    if (status == WZ_RULE_VIOLATION) {
        printf("REFUSED %s %s\n", str(e, "rule_id"), str(e, "citation"));
        printf("      %s\n      %s\n", str(e, "message_zh"), str(e, "message_en"));
        print_outcomes(cJSON_GetObjectItemCaseSensitive(e, "outcomes"));
    } else if (status == WZ_INVALID_TRANSITION) {
        printf("NOT ALLOWED in state %s: %s\n", str(e, "state"), str(e, "message"));
    } else {
        printf("ERROR %s: %s\n", wz_status_name(status), str(e, "message"));
    }
    cJSON_Delete(e);
    return bad;
}

int main(int argc, char **argv) {
    char *text, *config = NULL, *out = NULL;
    cJSON *doc;
    const cJSON *ev;
    wz_context *ctx = NULL;
    wz_inv_project *project = NULL;
    int n = 0, failed = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: %s PROJECT.json\n", argv[0]);
        return 2;
    }
    text = read_file(argv[1]);
    doc = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (!doc) {
        fprintf(stderr, "%s: cannot read a JSON project file\n", argv[1]);
        return 2;
    }
    if (cJSON_GetObjectItemCaseSensitive(doc, "config")) {
        config = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(doc, "config"));
    }
    if (wz_context_new(config, NULL, &ctx) != WZ_OK || wz_inv_project_new(ctx, &project) != WZ_OK) {
        print_refusal(WZ_MALFORMED_INPUT);
        free(config);
        cJSON_Delete(doc);
        wz_context_free(ctx);
        return 2;
    }
    free(config);
    printf("wanzheng %s — %s\n", wz_version(), str(doc, "project"));

    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(doc, "events")) {
        char *command = cJSON_PrintUnformatted(ev);
        wz_status s = wz_inv_project_apply(project, command, &out);
        printf("#%d %s %s (%s%s%s): ", ++n, str(ev, "date"), str(ev, "event"), str(ev, "actor"),
               strcmp(str(ev, "mode"), "record") == 0 ? ", record" : "", "");
        if (s == WZ_OK) {
            cJSON *t = cJSON_Parse(out);
            printf("accepted, %s -> %s (log seq %d)\n", str(t, "from"), str(t, "to"),
                   cJSON_GetObjectItemCaseSensitive(t, "seq") ? cJSON_GetObjectItemCaseSensitive(t, "seq")->valueint : 0);
            print_outcomes(cJSON_GetObjectItemCaseSensitive(t, "outcomes"));
            cJSON_Delete(t);
            wz_string_free(out);
            out = NULL;
        } else {
            failed |= print_refusal(s);
        }
        free(command);
    }

    if (wz_inv_project_findings(project, str(doc, "as_of"), &out) == WZ_OK) {
        cJSON *fs = cJSON_Parse(out);
        const cJSON *f;
        printf("findings as of %s: %d\n", str(doc, "as_of"), cJSON_GetArraySize(fs));
        cJSON_ArrayForEach(f, fs) {
            printf("      %s ", str(f, "code"));
            print_citation(str(f, "rule"));
            putchar('\n');
        }
        cJSON_Delete(fs);
        wz_string_free(out);
        out = NULL;
    } else {
        failed |= print_refusal(WZ_MALFORMED_INPUT);
    }
    if (wz_inv_project_state(project, &out) == WZ_OK) {
        cJSON *st = cJSON_Parse(out);
        printf("final state: %s, %d log entries, head %s\n", str(st, "state"),
               cJSON_GetObjectItemCaseSensitive(st, "log_len") ? cJSON_GetObjectItemCaseSensitive(st, "log_len")->valueint : 0,
               str(st, "head"));
        cJSON_Delete(st);
        wz_string_free(out);
    }
    wz_inv_project_free(project);
    wz_context_free(ctx);
    cJSON_Delete(doc);
    return failed ? 2 : 0;
}
