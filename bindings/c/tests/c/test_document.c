/* The project document through the C API (issue 13 item 3): wz_workspace_project_document_json,
 * wz_inv_project_document_json and wz_dig_project_document_json give the JSON the core's
 * `to_json` gives (the whole project: configuration, log and, for an investment project, the plan
 * entries it read), and replaying it is strict — no difference — where the bare log of the same
 * project, re-judged without its plan entries, is refused (INV-12.2 reads differently). */
#include "wztest.h"

#include <stdlib.h>
#include <string.h>

/* The workspace of an example project file (its config, its commands applied in one call). */
static wz_workspace *example_workspace(const char *examples_dir, const char *file, wz_context **ctx) {
    char path[1024];
    char *text, *commands, *steps = NULL, *config_json = NULL;
    cJSON *doc, *config;
    wz_workspace *ws = NULL;
    snprintf(path, sizeof path, "%s/%s", examples_dir, file);
    text = wzt_read_file(path);
    CHECK(text != NULL);
    if (!text) {
        return NULL;
    }
    doc = cJSON_Parse(text);
    CHECK(doc != NULL);
    config = cJSON_GetObjectItemCaseSensitive(doc, "config");
    config_json = config ? cJSON_PrintUnformatted(config) : NULL;
    CHECK_STATUS(wz_context_new(config_json, NULL, ctx), WZ_OK);
    CHECK_STATUS(wz_workspace_new(*ctx, &ws), WZ_OK);
    commands = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(doc, "commands"));
    CHECK_STATUS(wz_workspace_apply_all(ws, commands, &steps), WZ_OK);
    wz_string_free(steps);
    free(commands);
    free(config_json);
    cJSON_Delete(doc);
    free(text);
    return ws;
}

/* The `differences` array length of a replay report, or -1. */
static int differences(const char *report) {
    cJSON *r = cJSON_Parse(report);
    int n = r ? cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "differences")) : -1;
    cJSON_Delete(r);
    return n;
}

static void investment_document(const char *examples_dir) {
    char buf[256];
    char *doc = NULL, *again = NULL, *log = NULL, *report = NULL, *state = NULL;
    cJSON *d;
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL, *bare = NULL;
    wz_workspace *ws = example_workspace(examples_dir, "investment/violations.json", &ctx);
    if (!ws) {
        return;
    }
    CHECK_STATUS(wz_workspace_project_document_json(ws, "NY-TYZX-TYG", &doc), WZ_OK);
    d = cJSON_Parse(doc);
    CHECK(d != NULL);
    CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(d, "machine")->valuestring, "inv") == 0);
    CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(d, "schema_version")));
    CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(d, "config")));
    CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(d, "plans")));
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "log")) > 0);
    /* Strict replay of the document (options NULL: differences are errors): accepted, none. */
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, doc, NULL, &p, &report), WZ_OK);
    CHECK(report != NULL && differences(report) == 0);
    wz_string_free(report);
    report = NULL;
    /* The rebuilt project gives the same document, byte for byte. */
    CHECK_STATUS(wz_inv_project_document_json(p, &again), WZ_OK);
    CHECK(again != NULL && strcmp(doc, again) == 0);
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_OK);
    CHECK(state != NULL && strstr(state, "\"state\"") != NULL);
    /* The bare log is not enough: re-judged without the plan entries, strict replay refuses it
     * and a reporting replay lists the entries whose INV-12.2 reads differently. */
    CHECK_STATUS(wz_inv_project_export_log(p, &log), WZ_OK);
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, log, NULL, &bare, &report), WZ_MALFORMED_INPUT);
    CHECK(bare == NULL && report == NULL);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "replay_difference") == 0);
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, log, "{\"differences\":\"report\"}", &bare, &report), WZ_OK);
    CHECK(report != NULL && differences(report) == 2);
    CHECK(report != NULL && strstr(report, "INV-12.2") != NULL);
    /* Refusals: an unknown project, NULL arguments, a handle of another kind. */
    wz_string_free(again);
    again = NULL;
    CHECK_STATUS(wz_workspace_project_document_json(ws, "NO-SUCH", &again), WZ_MALFORMED_INPUT);
    CHECK(again == NULL);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "project_id") == 0);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "unknown_id") == 0);
    CHECK_STATUS(wz_workspace_project_document_json(ws, NULL, &again), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_project_document_json(NULL, "NY-TYZX-TYG", &again), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_project_document_json(ws, "NY-TYZX-TYG", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_document_json(NULL, &again), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_document_json(p, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_document_json((const wz_inv_project *)ws, &again), WZ_WRONG_HANDLE);
    CHECK(again == NULL);
    cJSON_Delete(d);
    wz_string_free(state);
    wz_string_free(report);
    wz_string_free(log);
    wz_string_free(doc);
    wz_inv_project_free(bare);
    wz_inv_project_free(p);
    wz_workspace_free(ws);
    wz_context_free(ctx);
}

static void digital_document(const char *examples_dir) {
    char *doc = NULL, *again = NULL, *report = NULL;
    cJSON *d;
    wz_context *ctx = NULL;
    wz_dig_project *p = NULL;
    wz_workspace *ws = example_workspace(examples_dir, "digital/city_data_sharing_platform.json", &ctx);
    if (!ws) {
        return;
    }
    CHECK_STATUS(wz_workspace_project_document_json(ws, "DSP-2024", &doc), WZ_OK);
    d = cJSON_Parse(doc);
    CHECK(d != NULL && strcmp(cJSON_GetObjectItemCaseSensitive(d, "machine")->valuestring, "dig") == 0);
    CHECK(d != NULL && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "log")) > 0);
    CHECK_STATUS(wz_dig_project_replay_checked(ctx, doc, NULL, &p, &report), WZ_OK);
    CHECK(report != NULL && differences(report) == 0);
    CHECK_STATUS(wz_dig_project_document_json(p, &again), WZ_OK);
    CHECK(again != NULL && strcmp(doc, again) == 0);
    CHECK_STATUS(wz_dig_project_document_json(NULL, &again), WZ_NULL_ARGUMENT);
    cJSON_Delete(d);
    wz_string_free(report);
    wz_string_free(again);
    wz_string_free(doc);
    wz_dig_project_free(p);
    wz_workspace_free(ws);
    wz_context_free(ctx);
}

void test_document(const char *examples_dir) {
    investment_document(examples_dir);
    digital_document(examples_dir);
}
