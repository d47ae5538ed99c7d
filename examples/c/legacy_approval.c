/* A legacy-style approval client: reads a wanzheng project file, applies its commands one by one
 * through a workspace of the C ABI (projects, plan years, DIG cycles: each command goes to the
 * stream it names), and prints each outcome with its citation, the way a municipal approval
 * system would log them; then every stream's state and findings.
 *
 *   wz_legacy PROJECT.json
 *
 * PROJECT.json is a project file as `wanzheng check` reads it (docs/reference.md, "Project
 * file"): {"schema_version":1, "name":…, "description":…, "config":{…RULES.md §7…}?,
 * "as_of":"YYYY-MM-DD"?, "commands":[command, …]} — e.g. the files of examples/investment. Anything
 * else (another format, an unknown key, a command that is not an object) is refused loudly.
 *
 * Exit status: 0 when every command was judged (accepted or refused by the regulation or the
 * state machine), 2 when the file is not a project file, a command was malformed or the library
 * failed. The last line gives the counts `wanzheng check` reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <wanzheng.h>

static const char *const KEYS[] = {"schema_version", "name", "description", "config", "as_of", "commands"};

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

/* Why `doc` is not a project file, or NULL when it is one. */
static const char *not_a_project_file(const cJSON *doc, const char **key) {
    const cJSON *item;
    *key = "";
    if (!cJSON_IsObject(doc)) {
        return "the file is not a JSON object";
    }
    cJSON_ArrayForEach(item, doc) {
        size_t i;
        int known = item->string[0] == '_'; /* comments */
        for (i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
            known |= strcmp(item->string, KEYS[i]) == 0;
        }
        if (!known) {
            *key = item->string;
            return "unknown key";
        }
    }
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, "commands"))) {
        *key = "commands";
        return "no \"commands\" array";
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "commands")) {
        if (!cJSON_IsObject(item)) {
            *key = "commands";
            return "a command is not a JSON object";
        }
    }
    return NULL;
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

/* Prints every stream's state and findings as of `as_of`; returns the number of findings or -1. */
static int print_report(wz_workspace *ws, const char *as_of) {
    char *out = NULL;
    cJSON *streams;
    const cJSON *s, *f;
    int findings = 0;
    if (wz_workspace_report(ws, as_of, &out) != WZ_OK) {
        print_refusal(WZ_MALFORMED_INPUT);
        return -1;
    }
    streams = cJSON_Parse(out);
    wz_string_free(out);
    printf("as of %s:\n", as_of);
    cJSON_ArrayForEach(s, streams) {
        printf("  %s: %s\n", str(s, "stream"), str(s, "state"));
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(s, "findings")) {
            printf("      %s ", str(f, "code"));
            print_citation(str(f, "rule"));
            putchar('\n');
            findings++;
        }
    }
    cJSON_Delete(streams);
    return findings;
}

int main(int argc, char **argv) {
    char *text, *config = NULL, *out = NULL;
    const char *why, *key, *as_of;
    char last_date[11] = "";
    cJSON *doc;
    const cJSON *cmd;
    wz_context *ctx = NULL;
    wz_workspace *ws = NULL;
    int n = 0, accepted = 0, rejected = 0, findings, failed = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: %s PROJECT.json\n", argv[0]);
        return 2;
    }
    text = read_file(argv[1]);
    if (!text) {
        fprintf(stderr, "%s: cannot read the file\n", argv[1]);
        return 2;
    }
    doc = cJSON_Parse(text);
    free(text);
    if ((why = not_a_project_file(doc, &key)) != NULL) {
        fprintf(stderr, "%s: not a wanzheng project file: %s%s%s (expected {\"name\", \"config\"?, \"as_of\"?, "
                        "\"commands\": [...]}: docs/reference.md, \"Project file\")\n",
                argv[1], why, key[0] ? " " : "", key);
        cJSON_Delete(doc);
        return 2;
    }
    if (cJSON_GetObjectItemCaseSensitive(doc, "config")) {
        config = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(doc, "config"));
    }
    if (wz_context_new(config, NULL, &ctx) != WZ_OK || wz_workspace_new(ctx, &ws) != WZ_OK) {
        print_refusal(WZ_MALFORMED_INPUT);
        free(config);
        cJSON_Delete(doc);
        wz_context_free(ctx);
        return 2;
    }
    free(config);
    printf("wanzheng %s — %s\n", wz_version(), str(doc, "name"));

    cJSON_ArrayForEach(cmd, cJSON_GetObjectItemCaseSensitive(doc, "commands")) {
        char *command = cJSON_PrintUnformatted(cmd);
        wz_status s = wz_workspace_apply(ws, command, &out);
        const cJSON *stream = cJSON_GetObjectItemCaseSensitive(cmd, "stream");
        printf("#%d %s %s/%s %s (%s%s): ", ++n, str(cmd, "date"), str(stream, "machine"), str(stream, "instance"),
               str(cmd, "event"), str(cmd, "actor"), strcmp(str(cmd, "mode"), "record") == 0 ? ", record" : "");
        if (strlen(str(cmd, "date")) == 10 && strcmp(str(cmd, "date"), last_date) > 0) {
            memcpy(last_date, str(cmd, "date"), sizeof last_date);
        }
        if (s == WZ_OK) {
            cJSON *t = cJSON_Parse(out);
            const cJSON *seq = cJSON_GetObjectItemCaseSensitive(t, "seq");
            printf("accepted, %s -> %s (log seq %d)\n", str(t, "from"), str(t, "to"), cJSON_IsNumber(seq) ? seq->valueint : 0);
            print_outcomes(cJSON_GetObjectItemCaseSensitive(t, "outcomes"));
            cJSON_Delete(t);
            wz_string_free(out);
            out = NULL;
            accepted++;
        } else {
            failed |= print_refusal(s);
            rejected++;
        }
        free(command);
    }

    as_of = str(doc, "as_of")[0] ? str(doc, "as_of") : last_date;
    findings = as_of[0] ? print_report(ws, as_of) : 0;
    if (findings < 0) {
        failed = 1;
        findings = 0;
    }
    printf("== %d accepted, %d rejected, %d findings\n", accepted, rejected, findings);
    wz_workspace_free(ws);
    wz_context_free(ctx);
    cJSON_Delete(doc);
    return failed ? 2 : 0;
}
