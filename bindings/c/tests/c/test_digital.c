/* The digital-project handle (宛政办〔2023〕12号, machine dig). */
#include "wztest.h"

#include <string.h>

static const char *dig_register(char *buf, size_t len, const char *actor, const char *date) {
    snprintf(buf, len,
             "{\"stream\":{\"machine\":\"dig\",\"project_id\":\"PARK-2024\",\"instance\":\"PARK-2024\"},"
             "\"event\":\"register_dig_project\",\"actor\":\"%s\",\"actor_org\":\"南阳市城市管理局\","
             "\"date\":\"%s\",\"facts\":{\"project_id\":\"PARK-2024\",\"name\":\"南阳市智慧停车平台\","
             "\"demand_unit_org\":\"南阳市城市管理局\",\"funding\":\"soe_self\","
             "\"project_code\":\"2309-411300-04-01-000318\"}}",
             actor, date);
    return buf;
}

void test_digital(void) {
    char cmd[2048], buf[128];
    wz_context *ctx = NULL;
    wz_dig_project *p = NULL, *q = NULL;
    char *t = NULL, *log = NULL, *s1 = NULL, *s2 = NULL, *json = NULL;

    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_dig_project_create(ctx, dig_register(cmd, sizeof cmd, "demand_unit", "2023-09-05"), &p, &t), WZ_OK);
    CHECK(t != NULL && strstr(t, "\"to\":\"registered\"") != NULL);
    wz_string_free(t);
    t = NULL;
    /* A wrong actor: refused by the regulation with a DIG rule, nothing allocated. */
    CHECK_STATUS(wz_dig_project_create(ctx, dig_register(cmd, sizeof cmd, "drc", "2023-09-05"), &q, NULL),
                 WZ_RULE_VIOLATION);
    CHECK(q == NULL);
    CHECK(strncmp(wzt_last_error_field("rule_id", buf, sizeof buf), "DIG-", 4) == 0);
    CHECK(strlen(wzt_last_error_field("message_zh", buf, sizeof buf)) > 0);
    /* Registering again: not valid in state registered. */
    CHECK_STATUS(wz_dig_project_apply(p, dig_register(cmd, sizeof cmd, "demand_unit", "2023-09-06"), &t),
                 WZ_INVALID_TRANSITION);
    CHECK(t == NULL);
    /* An inv command on a dig project is malformed input (wrong stream). */
    CHECK_STATUS(wz_dig_project_apply(p, wzt_cmd_select_route(cmd, sizeof cmd, "PARK-2024", "standard", "2023-09-06"), &t),
                 WZ_MALFORMED_INPUT);
    /* The two machines' handles are not interchangeable. */
    CHECK_STATUS(wz_inv_project_state((const wz_inv_project *)p, &json), WZ_WRONG_HANDLE);
    CHECK(strcmp(wzt_last_error_field("found", buf, sizeof buf), "wz_dig_project") == 0);
    /* NULL arguments. */
    CHECK_STATUS(wz_dig_project_new(NULL, &q), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_new(ctx, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_create(ctx, NULL, &q, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_apply(NULL, cmd, &t), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_apply(p, cmd, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_state(p, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_obligations(p, NULL, &json), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_findings(NULL, "2024-12-31", &json), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_replay(ctx, NULL, &q, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_export_log(p, NULL), WZ_NULL_ARGUMENT);
    wz_dig_project_free(NULL);
    /* Audit, obligations, export and replay. */
    CHECK_STATUS(wz_dig_project_findings(p, "2024-12-31", &json), WZ_OK);
    CHECK(json != NULL && json[0] == '[');
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_dig_project_obligations(p, "2024-12-31", &json), WZ_OK);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_dig_project_export_log(p, &log), WZ_OK);
    CHECK_STATUS(wz_dig_project_replay(ctx, log, &q, NULL), WZ_OK);
    CHECK_STATUS(wz_dig_project_state(p, &s1), WZ_OK);
    CHECK_STATUS(wz_dig_project_state(q, &s2), WZ_OK);
    CHECK(s1 && s2 && strcmp(s1, s2) == 0 && strstr(s1, "\"machine\":\"dig\"") != NULL);
    wz_string_free(s1);
    wz_string_free(s2);
    wz_string_free(log);
    wz_dig_project_free(q);
    q = NULL;
    CHECK_STATUS(wz_dig_project_new(ctx, &q), WZ_OK);
    wz_dig_project_free(q);
    wz_dig_project_free(p);
    wz_context_free(ctx);
}
