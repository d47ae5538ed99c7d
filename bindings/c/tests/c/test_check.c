/* wz_check_file, wz_check_json and wz_workspace_apply_all on the repository's example project
 * files: the counts `wanzheng check` reports (pinned in crates/wanzheng-cli/tests/examples.rs),
 * the same report from text and from a file, and refusals of what is not a project file. */
#include "wztest.h"

#include <stdlib.h>
#include <string.h>

struct expect {
    const char *file;
    int accepted, rejected, findings;
    const char *rejected_rule; /* the rule of the one rejected command, or NULL */
};

static const struct expect EXAMPLES[] = {
    {"investment/flood_repair.json", 39, 0, 0, NULL},
    {"investment/hospital_expansion.json", 107, 0, 0, NULL},
    {"investment/village_road.json", 40, 0, 0, NULL},
    {"investment/violations.json", 43, 1, 11, "INV-35.3"},
    {"digital/city_data_sharing_platform.json", 29, 0, 0, NULL},
    {"digital/emergency_epidemic_reporting.json", 17, 0, 0, NULL},
    {"digital/soe_self_funded_filing.json", 24, 0, 0, NULL},
    {"digital/violations.json", 22, 0, 3, NULL},
};

static int summary(const cJSON *report, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(report, "summary"), key);
    return cJSON_IsNumber(v) ? v->valueint : -1;
}

/* The rule of the first rejected step's error, or "". */
static const char *first_rejected_rule(const cJSON *steps) {
    const cJSON *s;
    cJSON_ArrayForEach(s, steps) {
        if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(s, "accepted"))) {
            const cJSON *r = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "error"), "rule_id");
            return cJSON_IsString(r) ? r->valuestring : "";
        }
    }
    return "";
}

static void check_example(const char *examples_dir, const struct expect *e) {
    char path[1024];
    char *report = NULL, *from_text = NULL, *steps = NULL, *streams = NULL, *text, *commands;
    cJSON *r, *t, *doc, *st, *config;
    wz_context *ctx = NULL;
    wz_workspace *ws = NULL;
    snprintf(path, sizeof path, "%s/%s", examples_dir, e->file);
    text = wzt_read_file(path);
    CHECK(text != NULL);
    if (!text) {
        return;
    }
    CHECK_STATUS(wz_check_file(NULL, path, NULL, &report), WZ_OK);
    r = cJSON_Parse(report);
    CHECK(r != NULL);
    CHECK(summary(r, "accepted") == e->accepted);
    CHECK(summary(r, "rejected") == e->rejected);
    CHECK(summary(r, "findings") == e->findings);
    CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(r, "file")->valuestring, path) == 0);
    if (e->rejected_rule) {
        CHECK(strcmp(first_rejected_rule(cJSON_GetObjectItemCaseSensitive(r, "steps")), e->rejected_rule) == 0);
    }
    /* From text: the same report without the file's name. */
    CHECK_STATUS(wz_check_json(NULL, text, NULL, &from_text), WZ_OK);
    t = cJSON_Parse(from_text);
    cJSON_DeleteItemFromObjectCaseSensitive(r, "file");
    CHECK(t != NULL && cJSON_Compare(r, t, 1));
    /* The commands applied in one call give the report's steps and streams. */
    doc = cJSON_Parse(text);
    config = cJSON_GetObjectItemCaseSensitive(doc, "config");
    {
        char *config_json = config ? cJSON_PrintUnformatted(config) : NULL;
        CHECK_STATUS(wz_context_new(config_json, NULL, &ctx), WZ_OK);
        free(config_json);
    }
    CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
    commands = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(doc, "commands"));
    CHECK_STATUS(wz_workspace_apply_all(ws, commands, &steps), WZ_OK);
    st = cJSON_Parse(steps);
    CHECK(st != NULL && cJSON_Compare(st, cJSON_GetObjectItemCaseSensitive(r, "steps"), 1));
    cJSON_Delete(st);
    CHECK_STATUS(wz_workspace_report(ws, cJSON_GetObjectItemCaseSensitive(r, "as_of")->valuestring, &streams), WZ_OK);
    st = cJSON_Parse(streams);
    CHECK(st != NULL && cJSON_Compare(st, cJSON_GetObjectItemCaseSensitive(r, "streams"), 1));
    cJSON_Delete(st);
    /* Not an array: nothing applied, nothing written. */
    wz_string_free(steps);
    steps = NULL;
    CHECK_STATUS(wz_workspace_apply_all(ws, "{\"commands\":[]}", &steps), WZ_MALFORMED_INPUT);
    CHECK(steps == NULL);
    free(commands);
    wz_workspace_free(ws);
    wz_context_free(ctx);
    cJSON_Delete(doc);
    cJSON_Delete(t);
    cJSON_Delete(r);
    wz_string_free(from_text);
    wz_string_free(streams);
    wz_string_free(report);
    free(text);
}

void test_check(const char *examples_dir) {
    char buf[256];
    char *out = NULL;
    size_t i;
    wz_context *ctx = NULL;
    for (i = 0; i < sizeof EXAMPLES / sizeof EXAMPLES[0]; i++) {
        check_example(examples_dir, &EXAMPLES[i]);
    }
    /* What is not a project file fails loudly, naming the path; nothing is written. */
    CHECK_STATUS(wz_check_json(NULL, "{\"name\":\"x\"}", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(out == NULL);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "commands") == 0);
    /* Another format (a legacy "events" list): refused, naming the key. */
    CHECK_STATUS(wz_check_json(NULL, "{\"project\":\"x\",\"events\":[]}", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "events") == 0);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "unknown_field") == 0);
    CHECK_STATUS(wz_check_json(NULL, "{\"commands\":", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "malformed_json") == 0);
    CHECK_STATUS(wz_check_json(NULL, "{\"commands\":[]}", "2024-02-30", &out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "as_of") == 0);
    CHECK_STATUS(wz_check_file(NULL, "/nonexistent/project.json", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "path") == 0);
    CHECK(out == NULL);
    CHECK_STATUS(wz_check_json(NULL, NULL, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_check_file(NULL, "x.json", NULL, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_apply_all(NULL, "[]", &out), WZ_NULL_ARGUMENT);
    /* A handle of another kind in place of the calendar. */
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_check_json((const wz_calendar *)ctx, "{\"commands\":[]}", NULL, &out), WZ_WRONG_HANDLE);
    CHECK(out == NULL);
    /* An empty project: nothing to report, but a report. */
    CHECK_STATUS(wz_check_json(NULL, "{\"commands\":[]}", "2024-12-31", &out), WZ_OK);
    CHECK(out != NULL && strstr(out, "\"accepted\": 0") != NULL);
    wz_string_free(out);
    wz_context_free(ctx);
}
