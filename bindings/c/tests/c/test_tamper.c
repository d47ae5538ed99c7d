/* Issue 12 item 2 — a chain that proves something: the shared tamper fixture
 * (tests/fixtures/tamper/inv_violations.json) through wz_inv_project_replay_checked, and the
 * checkpoint made by wz_inv_project_checkpoint with the approval system's keys. The same cases
 * run in Rust (crates/wanzheng/src/anchor.rs) and Python (test_tamper.py). */
#define _POSIX_C_SOURCE 200809L

#include "wztest.h"

#include <stdlib.h>
#include <string.h>

static void run_case(wz_context *ctx, const cJSON *fx, const cJSON *c) {
    const char *id = cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring;
    const char *log_name = cJSON_GetObjectItemCaseSensitive(c, "log")->valuestring;
    const char *log = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fx, "logs"), log_name)->valuestring;
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(expect, "error");
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(expect, "path");
    char *options = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "options"));
    wz_inv_project *p = NULL;
    char *report = NULL;
    char buf[256];
    wz_status s = wz_inv_project_replay_checked(ctx, log, options, &p, &report);
    if (cJSON_IsString(error)) {
        int ok = s == WZ_MALFORMED_INPUT && strcmp(wzt_last_error_field("reason", buf, sizeof buf), error->valuestring) == 0;
        if (ok && cJSON_IsString(path)) {
            ok = strcmp(wzt_last_error_field("path", buf, sizeof buf), path->valuestring) == 0;
        }
        wzt_check(ok, __FILE__, __LINE__, id);
        if (!ok) {
            fprintf(stderr, "  %s: status %d, reason/path %s, expected %s\n", id, (int)s, buf, error->valuestring);
        }
        wzt_check(p == NULL && report == NULL, __FILE__, __LINE__, id);
    } else {
        cJSON *r = report ? cJSON_Parse(report) : NULL;
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(r, "differences");
        int want = cJSON_GetObjectItemCaseSensitive(expect, "differences")->valueint;
        int ok = s == WZ_OK && cJSON_IsArray(d) && cJSON_GetArraySize(d) == want;
        wzt_check(ok, __FILE__, __LINE__, id);
        if (!ok) {
            fprintf(stderr, "  %s: status %d, %d differences expected\n", id, (int)s, want);
        }
        cJSON_Delete(r);
    }
    wz_string_free(report);
    wz_inv_project_free(p);
    cJSON_free(options);
}

void test_tamper(const char *fixtures_dir) {
    char path[1024], opts[1024], keys[512];
    char *text, *cp = NULL, *report = NULL;
    cJSON *fx;
    const cJSON *c, *k;
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL, *q = NULL;
    snprintf(path, sizeof path, "%s/tamper/inv_violations.json", fixtures_dir);
    text = wzt_read_file(path);
    fx = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(fx != NULL);
    if (fx == NULL) {
        return;
    }
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(fx, "cases")) {
        run_case(ctx, fx, c);
    }
    /* Without the report, a difference is refused (the stripped outcomes); with it, listed. */
    CHECK_STATUS(wz_inv_project_replay(ctx, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fx, "logs"),
                                                                               "stripped_outcomes")->valuestring,
                                       &p, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("reason", path, sizeof path), "replay_difference") == 0);
    CHECK(p == NULL);
    /* The checkpoint of the replayed original with the fixture's keys is the fixture's. */
    k = cJSON_GetObjectItemCaseSensitive(fx, "keys");
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fx, "logs"),
                                                                                     "original")->valuestring,
                                               NULL, &p, &report),
                 WZ_OK);
    CHECK(report != NULL && strstr(report, "\"differences\":[]") != NULL);
    wz_string_free(report);
    snprintf(keys, sizeof keys, "{\"hmac_key\":\"%s\",\"signing_key\":\"%s\"}",
             cJSON_GetObjectItemCaseSensitive(k, "hmac_key")->valuestring,
             cJSON_GetObjectItemCaseSensitive(k, "signing_key")->valuestring);
    CHECK_STATUS(wz_inv_project_checkpoint(p, keys, &cp), WZ_OK);
    {
        cJSON *got = cp ? cJSON_Parse(cp) : NULL;
        CHECK(cJSON_Compare(got, cJSON_GetObjectItemCaseSensitive(fx, "checkpoint"), 1));
        cJSON_Delete(got);
    }
    /* ...and verifies with the public key only (what an auditor holds). */
    snprintf(opts, sizeof opts, "{\"checkpoints\":[%s],\"hmac_key\":\"%s\",\"public_key\":\"%s\"}", cp,
             cJSON_GetObjectItemCaseSensitive(k, "hmac_key")->valuestring,
             cJSON_GetObjectItemCaseSensitive(k, "public_key")->valuestring);
    wz_string_free(cp);
    cp = NULL;
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fx, "logs"),
                                                                                     "original")->valuestring,
                                               opts, &q, NULL),
                 WZ_OK);
    wz_inv_project_free(q);
    q = NULL;
    /* Bad keys and options name their path. */
    CHECK_STATUS(wz_inv_project_checkpoint(p, "{\"signing_key\":\"00\"}", &cp), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", path, sizeof path), "signing_key") == 0);
    CHECK_STATUS(wz_inv_project_checkpoint(NULL, NULL, &cp), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_replay_checked(ctx, "[]", "{\"expected_len\":-1}", &q, NULL), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", path, sizeof path), "expected_len") == 0);
    CHECK(cp == NULL && q == NULL);
    wz_inv_project_free(p);
    wz_context_free(ctx);
    cJSON_Delete(fx);
}
