/* The C ABI as a C caller sees it: versions, a project lifecycle, the last error, calendars,
 * decisions, and a forced panic. */
#include "wztest.h"

#include <string.h>

void test_versions(void) {
    const char *v = wz_version();
    CHECK(wz_abi_version() == WZ_ABI_VERSION);
    CHECK(v != NULL && strlen(v) > 0 && strchr(v, '.') != NULL);
    CHECK(WZ_OK == 0);
    CHECK(strcmp(wz_status_name(WZ_RULE_VIOLATION), "WZ_RULE_VIOLATION") == 0);
    CHECK(strcmp(wz_status_name(12345), "WZ_UNKNOWN_STATUS") == 0);
    /* Ranges: argument, input, rule, state, internal. */
    CHECK(WZ_NULL_ARGUMENT >= 1000 && WZ_NULL_ARGUMENT < 2000);
    CHECK(WZ_WRONG_HANDLE >= 1000 && WZ_WRONG_HANDLE < 2000);
    CHECK(WZ_MALFORMED_INPUT >= 2000 && WZ_MALFORMED_INPUT < 3000);
    CHECK(WZ_RULE_VIOLATION >= 3000 && WZ_RULE_VIOLATION < 4000);
    CHECK(WZ_INVALID_TRANSITION >= 4000 && WZ_INVALID_TRANSITION < 5000);
    CHECK(WZ_INTERNAL_ERROR >= 5000 && WZ_INTERNAL_ERROR < 6000);
}

static int json_str_eq(const char *json, const char *key, const char *want) {
    cJSON *v = cJSON_Parse(json);
    const cJSON *f = v ? cJSON_GetObjectItemCaseSensitive(v, key) : NULL;
    int ok = cJSON_IsString(f) && strcmp(f->valuestring, want) == 0;
    cJSON_Delete(v);
    return ok;
}

static int json_array_len(const char *json) {
    cJSON *v = cJSON_Parse(json);
    int n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
    cJSON_Delete(v);
    return n;
}

void test_lifecycle(void) {
    char cmd[2048], buf[256];
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL, *q = NULL;
    char *t = NULL, *state = NULL, *state2 = NULL, *log = NULL, *report = NULL, *json = NULL;

    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "P1", "8500000.00", "2023-07-03"), &p, &t),
                 WZ_OK);
    CHECK(t != NULL && json_str_eq(t, "to", "reserve") && json_str_eq(t, "event", "register_project"));
    wz_string_free(t);
    t = NULL;

    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_select_route(cmd, sizeof cmd, "P1", "standard", "2023-07-04"), &t), WZ_OK);
    CHECK(t != NULL && json_str_eq(t, "from", "reserve") && json_str_eq(t, "to", "reserve"));
    wz_string_free(t);
    t = NULL;
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_exception(cmd, sizeof cmd, "P1", "2023-07-05"), &t), WZ_OK);
    wz_string_free(t);
    t = NULL;

    /* A wrong actor: refused by INV-8, outputs untouched, project unchanged. */
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_OK);
    t = (char *)"untouched";
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, "P1", "drc", "2023-07-06"), &t),
                 WZ_RULE_VIOLATION);
    CHECK(strcmp(t, "untouched") == 0);
    t = NULL;
    CHECK(strcmp(wzt_last_error_field("rule_id", buf, sizeof buf), "INV-8") == 0);
    CHECK(strcmp(wzt_last_error_field("article", buf, sizeof buf), "第八条") == 0);
    CHECK(strlen(wzt_last_error_field("message_zh", buf, sizeof buf)) > 0);
    CHECK(strlen(wzt_last_error_field("message_en", buf, sizeof buf)) > 0);
    CHECK(strcmp(wzt_last_error_field("kind", buf, sizeof buf), "rule_violation") == 0);
    CHECK(strcmp(wzt_last_error_field("status", buf, sizeof buf), "WZ_RULE_VIOLATION") == 0);
    CHECK(strcmp(wzt_last_error_field("function", buf, sizeof buf), "wz_inv_project_apply") == 0);
    CHECK_STATUS(wz_inv_project_state(p, &state2), WZ_OK);
    CHECK(strcmp(state, state2) == 0);
    wz_string_free(state2);
    state2 = NULL;

    /* Registering twice: an invalid transition. */
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_register(cmd, sizeof cmd, "P1", "1.00", "2023-07-06"), &t),
                 WZ_INVALID_TRANSITION);
    CHECK(strcmp(wzt_last_error_field("kind", buf, sizeof buf), "transition_error") == 0);
    CHECK(strcmp(wzt_last_error_field("state", buf, sizeof buf), "reserve") == 0);

    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, "P1", "project_unit", "2023-07-06"), &t),
                 WZ_OK);
    CHECK(t != NULL && json_str_eq(t, "to", "withdrawn"));
    wz_string_free(t);
    t = NULL;

    CHECK_STATUS(wz_inv_project_obligations(p, "2024-12-31", &json), WZ_OK);
    CHECK(json_array_len(json) >= 0);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_inv_project_findings(p, "2024-12-31", &json), WZ_OK);
    CHECK(json_array_len(json) >= 0);
    wz_string_free(json);
    json = NULL;

    /* Export, replay, same state; a tampered log is refused. */
    wz_string_free(state);
    state = NULL;
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_OK);
    CHECK(json_str_eq(state, "state", "withdrawn"));
    CHECK_STATUS(wz_inv_project_export_log(p, &log), WZ_OK);
    CHECK(json_array_len(log) == 4);
    CHECK_STATUS(wz_inv_project_replay(ctx, log, &q, &report), WZ_OK);
    CHECK(report != NULL && strstr(report, "\"differences\":[]") != NULL);
    CHECK_STATUS(wz_inv_project_state(q, &state2), WZ_OK);
    CHECK(state2 != NULL && strcmp(state, state2) == 0);
    wz_string_free(state2);
    state2 = NULL;
    wz_inv_project_free(q);
    q = NULL;
    CHECK_STATUS(wz_inv_project_replay(ctx, log, &q, NULL), WZ_OK);
    wz_inv_project_free(q);
    q = NULL;
    {
        char *tampered = strstr(log, "8500000.00");
        CHECK(tampered != NULL);
        if (tampered) {
            tampered[0] = '9';
            CHECK_STATUS(wz_inv_project_replay(ctx, log, &q, NULL), WZ_MALFORMED_INPUT);
            CHECK(q == NULL);
            CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "broken_chain") == 0);
        }
    }

    /* An empty project takes its registration through apply. */
    CHECK_STATUS(wz_inv_project_new(ctx, &q), WZ_OK);
    CHECK_STATUS(wz_inv_project_apply(q, wzt_cmd_register(cmd, sizeof cmd, "P2", "1.00", "2023-06-01"), &t), WZ_OK);
    wz_string_free(t);
    t = NULL;
    wz_inv_project_free(q);
    q = NULL;
    /* Before the regulation's effective date (INV-60): refused, nothing allocated. */
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "P3", "1.00", "2023-05-31"), &q, NULL),
                 WZ_RULE_VIOLATION);
    CHECK(q == NULL);
    CHECK(strcmp(wzt_last_error_field("rule_id", buf, sizeof buf), "INV-60") == 0);

    /* The workspace routes by stream. */
    {
        wz_workspace *ws = NULL;
        CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
        CHECK_STATUS(wz_workspace_apply(ws, wzt_cmd_register(cmd, sizeof cmd, "W1", "1.00", "2023-07-01"), &t), WZ_OK);
        wz_string_free(t);
        t = NULL;
        CHECK_STATUS(wz_workspace_apply(ws, wzt_cmd_withdraw(cmd, sizeof cmd, "W9", "project_unit", "2023-07-02"), &t),
                     WZ_INVALID_TRANSITION);
        CHECK_STATUS(wz_workspace_report(ws, "2023-12-31", &json), WZ_OK);
        CHECK(json != NULL && strstr(json, "\"stream\":\"inv/W1\"") != NULL);
        wz_string_free(json);
        json = NULL;
        wz_workspace_free(ws);
    }

    /* wz_explain. */
    CHECK_STATUS(wz_explain("INV-48.3", &json), WZ_OK);
    CHECK(json != NULL && json_str_eq(json, "article", "第四十八条") && json_str_eq(json, "kind", "R"));
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_explain("INV-48.9", &json), WZ_MALFORMED_INPUT);
    CHECK(json == NULL);

    wz_string_free(state);
    wz_string_free(log);
    wz_string_free(report);
    wz_inv_project_free(p);
    /* A second free (and a use after free) of a recently freed handle is refused, not a double
     * free: freeing cleared the tag and keeps the emptied allocation for a while. */
    wz_inv_project_free(p);
    CHECK(strcmp(wzt_last_error_field("status", buf, sizeof buf), "WZ_WRONG_HANDLE") == 0);
    CHECK(strcmp(wzt_last_error_field("found", buf, sizeof buf), "freed") == 0);
    state = NULL;
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_WRONG_HANDLE);
    CHECK(state == NULL);
    wz_context_free(ctx);
    wz_context_free(ctx);
    CHECK(strcmp(wzt_last_error_field("found", buf, sizeof buf), "freed") == 0);
}

void test_last_error(void) {
    char buf[8], big[1024];
    size_t n = 99, full = 0;
    char *json = NULL;
    wz_context *ctx = NULL;

    /* A success clears it; the readers do not. */
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_last_error_message(big, sizeof big, &n), WZ_OK);
    CHECK(n == 0 && big[0] == '\0');
    CHECK_STATUS(wz_last_error_json(&json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"kind\":\"none\"") != NULL);
    wz_string_free(json);
    json = NULL;

    CHECK_STATUS(wz_decide(ctx, "no_such_function", "{}", &json), WZ_MALFORMED_INPUT);
    CHECK_STATUS(wz_last_error_message(NULL, 0, &full), WZ_OK);
    CHECK(full > sizeof buf);
    /* Truncated copy: len - 1 bytes and a NUL. */
    CHECK_STATUS(wz_last_error_message(buf, sizeof buf, &n), WZ_OK);
    CHECK(n == sizeof buf - 1 && buf[n] == '\0');
    CHECK_STATUS(wz_last_error_message(big, sizeof big, &n), WZ_OK);
    CHECK(n == full && strlen(big) == full && strstr(big, "no_such_function") != NULL);
    /* Still there after reading twice. */
    CHECK(strcmp(wzt_last_error_field("reason", big, sizeof big), "unknown_value") == 0);
    CHECK_STATUS(wz_last_error_message(NULL, 5, &n), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_last_error_message(big, sizeof big, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_last_error_json(NULL), WZ_NULL_ARGUMENT);

    /* UTF-8 is cut at a character boundary. */
    {
        char cmd[2048], small[6];
        wz_inv_project *p = NULL;
        char *t = NULL;
        size_t i;
        CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "U1", "1.00", "2023-07-03"), &p, NULL),
                     WZ_OK);
        CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, "U1", "drc", "2023-07-04"), &t),
                     WZ_RULE_VIOLATION);
        for (i = 1; i <= sizeof small; i++) {
            CHECK_STATUS(wz_last_error_message(small, i, &n), WZ_OK);
            CHECK(n < i && small[n] == '\0');
        }
        wz_inv_project_free(p);
    }
    wz_context_free(ctx);
}

/* tests/fixtures/calendar/notice_2027_illustrative.json, abridged: illustrative test data. */
static const char NOTICE_2027[] =
    "{\"years\":{\"2027\":{\"notice\":\"illustrative 2027 notice (test data)\",\"holidays\":["
    "\"2027-01-01\",\"2027-02-05\",\"2027-02-06\",\"2027-02-07\",\"2027-02-08\",\"2027-02-09\","
    "\"2027-02-10\",\"2027-02-11\",\"2027-04-05\",\"2027-05-01\",\"2027-05-02\",\"2027-06-09\","
    "\"2027-09-15\",\"2027-10-01\",\"2027-10-02\",\"2027-10-03\"],\"workdays\":[\"2027-02-20\"]}}}";

void test_calendar(void) {
    wz_calendar *cal = NULL, *cal2 = NULL, *bad = NULL;
    wz_context *ctx = NULL;
    bool working = false, official = false;
    char *json = NULL;
    char buf[128];
    char msg[1024];

    CHECK_STATUS(wz_calendar_embedded(&cal), WZ_OK);
    /* 2023-06-25 is a Sunday worked in lieu (调休上班); 2023-06-22 a holiday. */
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2023-06-25", &working), WZ_OK);
    CHECK(working);
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2023-06-22", &working), WZ_OK);
    CHECK(!working);
    /* 2027 has no notice: provisional, from the statutory holidays (issue 10), never refused. */
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2027-01-04", &working), WZ_OK);
    CHECK(working);
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2027-01-01", &working), WZ_OK); /* 元旦 */
    CHECK(!working);
    CHECK_STATUS(wz_calendar_is_official(cal, "2027-01-04", &official), WZ_OK);
    CHECK(!official);
    CHECK_STATUS(wz_calendar_is_official(cal, "2026-12-31", &official), WZ_OK);
    CHECK(official);
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2100-01-04", &working), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "calendar_out_of_range") == 0);
    /* INV-44.2 through wz_decide: ordered Mon 2026-12-28 -> 2027-01-05, provisional. */
    CHECK_STATUS(wz_context_new(NULL, cal, &ctx), WZ_OK);
    CHECK_STATUS(wz_decide(ctx, "emergency_change_deadline", "{\"order_date\":\"2026-12-28\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"date\":\"2027-01-05\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"provisional\":true") != NULL);
    wz_string_free(json);
    json = NULL;
    /* The official 2024 answer is unchanged: 2024-09-27 -> 2024-10-10, not provisional. */
    CHECK_STATUS(wz_decide(ctx, "emergency_change_deadline", "{\"order_date\":\"2024-09-27\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"date\":\"2024-10-10\"") != NULL);
    CHECK(json != NULL && strstr(json, "provisional") == NULL);
    wz_string_free(json);
    json = NULL;
    wz_context_free(ctx);
    ctx = NULL;
    /* Load the next year's notice as data (illustrative data: statutory days, 9-11 Feb bridged,
     * Sat 20 Feb worked). */
    CHECK_STATUS(wz_calendar_with_notice(cal, NOTICE_2027, &cal2), WZ_OK);
    CHECK_STATUS(wz_calendar_is_official(cal2, "2027-01-04", &official), WZ_OK);
    CHECK(official);
    CHECK_STATUS(wz_calendar_is_working_day(cal2, "2027-02-20", &working), WZ_OK);
    CHECK(working);
    CHECK_STATUS(wz_calendar_is_working_day(cal2, "2027-02-11", &working), WZ_OK);
    CHECK(!working);
    CHECK_STATUS(wz_context_new(NULL, cal2, &ctx), WZ_OK);
    CHECK_STATUS(wz_decide(ctx, "emergency_change_deadline", "{\"order_date\":\"2026-12-28\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"date\":\"2027-01-05\"") != NULL);
    CHECK(json != NULL && strstr(json, "provisional") == NULL);
    wz_string_free(json);
    json = NULL;
    wz_context_free(ctx);
    ctx = NULL;
    /* The base calendar is unchanged. */
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2027-02-20", &working), WZ_OK);
    CHECK(!working);
    /* A notice that leaves National Day a working day is refused, naming the day. */
    CHECK_STATUS(wz_calendar_with_notice(cal,
                                         "{\"years\":{\"2027\":{\"notice\":\"x\",\"holidays\":["
                                         "\"2027-01-01\",\"2027-02-05\",\"2027-02-06\",\"2027-02-07\","
                                         "\"2027-02-08\",\"2027-04-05\",\"2027-05-01\",\"2027-05-02\","
                                         "\"2027-06-09\",\"2027-09-15\",\"2027-10-02\",\"2027-10-03\"],"
                                         "\"workdays\":[]}}}",
                                         &bad),
                 WZ_MALFORMED_INPUT);
    CHECK(bad == NULL);
    CHECK(strstr(wzt_last_error_field("message", msg, sizeof msg), "2027-10-01") != NULL);
    CHECK(strstr(msg, "calendar_contradicts_statute") != NULL);
    /* Malformed data and years outside 2023-2099 are refused. */
    CHECK_STATUS(wz_calendar_with_notice(cal, "{\"years\":{\"2100\":{\"notice\":\"x\",\"holidays\":[],\"workdays\":[]}}}",
                                         &bad),
                 WZ_MALFORMED_INPUT);
    CHECK(bad == NULL);
    CHECK_STATUS(wz_calendar_from_json("{\"years\":{}}", &bad), WZ_MALFORMED_INPUT);
    CHECK_STATUS(wz_calendar_from_json("{", &bad), WZ_MALFORMED_INPUT);
    CHECK(bad == NULL);
    /* Round trip through JSON. */
    CHECK_STATUS(wz_calendar_to_json(cal2, &json), WZ_OK);
    CHECK_STATUS(wz_calendar_from_json(json, &bad), WZ_OK);
    CHECK_STATUS(wz_calendar_is_working_day(bad, "2027-01-01", &working), WZ_OK);
    CHECK(!working);
    wz_string_free(json);
    json = NULL;
    wz_calendar_free(bad);
    /* A context keeps its calendar alive after the handle is freed. */
    CHECK_STATUS(wz_context_new("{\"inv48_3_inclusive\":true}", cal2, &ctx), WZ_OK);
    wz_calendar_free(cal2);
    CHECK_STATUS(wz_context_config_json(ctx, &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"inv48_3_inclusive\":true") != NULL);
    wz_string_free(json);
    wz_context_free(ctx);
    wz_calendar_free(cal);
}

/* Issue 10 part 4: an amendment of the dated rule parameters (hypothetical: the INV-15.1 band
 * raised to 20,000,000.00 and the INV-44.2 period to 10 working days from 2027-07-01). */
#define AMENDMENT_2027                                                                             \
    "{\"version\":\"2027-amendment\",\"effective_from\":\"2027-07-01\",\"values\":"               \
    "{\"simplified_fsr_max\":\"20000000.00\",\"emergency_filing_working_days\":10}}"

void test_ruleset(void) {
    wz_context *base = NULL, *ctx = NULL, *bad = NULL;
    char *json = NULL;
    char buf[256];
    const char *route = NULL;
    wz_route_request req = {"15000000.00", 0};
    CHECK_STATUS(wz_context_new(NULL, NULL, &base), WZ_OK);
    /* Source: INV-15.1 — the built-in version: 15,000,000.00 is standard, named 2023. */
    CHECK_STATUS(wz_decide(base, "approval_route", "{\"total\":\"15000000.00\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"route\":\"standard\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"ruleset\":\"2023\"") != NULL);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_context_with_ruleset(base, AMENDMENT_2027, &ctx), WZ_OK);
    /* The day before: the 2023 band; on the day: the amended band, 20,000,000.00 in, .01 out. */
    CHECK_STATUS(wz_decide(ctx, "approval_route", "{\"total\":\"15000000.00\",\"as_of\":\"2027-06-30\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"route\":\"standard\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"ruleset\":\"2023\"") != NULL);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_decide(ctx, "approval_route", "{\"total\":\"20000000.00\",\"as_of\":\"2027-07-01\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"route\":\"simplified_fsr_only\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"ruleset\":\"2027-amendment\"") != NULL);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_decide(ctx, "approval_route", "{\"total\":\"20000000.01\",\"as_of\":\"2027-07-01\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"route\":\"standard\"") != NULL);
    wz_string_free(json);
    json = NULL;
    /* The typed batch uses the newest version loaded. */
    CHECK_STATUS(wz_approval_route_batch(ctx, &req, 1, &route), WZ_OK);
    CHECK(route != NULL && strcmp(route, "simplified_fsr_only") == 0);
    CHECK_STATUS(wz_approval_route_batch(base, &req, 1, &route), WZ_OK);
    CHECK(route != NULL && strcmp(route, "standard") == 0);
    /* Source: INV-44.2 — 5 working days before the amendment, 10 from it. */
    CHECK_STATUS(wz_decide(ctx, "emergency_change_deadline", "{\"order_date\":\"2027-06-30\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"date\":\"2027-07-07\"") != NULL);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_decide(ctx, "emergency_change_deadline", "{\"order_date\":\"2027-07-01\"}", &json), WZ_OK);
    CHECK(json != NULL && strstr(json, "\"date\":\"2027-07-15\"") != NULL);
    wz_string_free(json);
    json = NULL;
    /* Loading the same version twice, or an earlier date, is refused; nothing is written. */
    CHECK_STATUS(wz_context_with_ruleset(ctx, AMENDMENT_2027, &bad), WZ_MALFORMED_INPUT);
    CHECK(bad == NULL);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "ruleset.version") == 0);
    CHECK_STATUS(wz_context_with_ruleset(base, "{\"version\":\"x\",\"effective_from\":\"2027-7-1\"}", &bad),
                 WZ_MALFORMED_INPUT);
    CHECK(bad == NULL);
    CHECK_STATUS(wz_context_with_ruleset(NULL, AMENDMENT_2027, &bad), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_context_with_ruleset(base, NULL, &bad), WZ_NULL_ARGUMENT);
    wz_context_free(ctx);
    wz_context_free(base);
}

void test_decide(void) {
    wz_context *ctx = NULL;
    char *json = NULL;
    cJSON *list;
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_decide_functions(&json), WZ_OK);
    list = cJSON_Parse(json);
    CHECK(cJSON_IsArray(list));
    wz_string_free(json);
    json = NULL;
    /* Every registered function answers through wz_decide and wz_decide_batch alike: an empty
     * request is at least a well-formed call (a result or a malformed-input status). */
    {
        const cJSON *f;
        cJSON_ArrayForEach(f, list) {
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(f, "name");
            wz_status s;
            CHECK(cJSON_IsString(name));
            if (!cJSON_IsString(name)) {
                continue;
            }
            s = wz_decide(ctx, name->valuestring, "{\"schema_version\":2}", &json);
            CHECK(s == WZ_MALFORMED_INPUT);
            CHECK_STATUS(wz_decide_batch(ctx, name->valuestring, "[{\"schema_version\":2}]", &json), WZ_OK);
            CHECK(json != NULL && strstr(json, "future_schema_version") != NULL);
            wz_string_free(json);
            json = NULL;
        }
    }
    cJSON_Delete(list);
    CHECK_STATUS(wz_decide_batch(ctx, "no_such_function", "[]", &json), WZ_MALFORMED_INPUT);
    CHECK(json == NULL);
    wz_context_free(ctx);
}

#if defined(WZ_TEST_HOOKS)
void test_panics(void) {
    char cmd[2048], buf[256];
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL;
    char *out = NULL, *state = NULL;

    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    /* A panic on entry of several functions: WZ_INTERNAL_ERROR, outputs untouched. */
    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    CHECK_STATUS(wz_decide(ctx, "approval_route", "{}", &out), WZ_INTERNAL_ERROR);
    CHECK(out == NULL);
    CHECK(strcmp(wzt_last_error_field("kind", buf, sizeof buf), "internal_error") == 0);
    CHECK(strstr(wzt_last_error_field("message", buf, sizeof buf), "forced panic") != NULL);
    CHECK(strcmp(wzt_last_error_field("function", buf, sizeof buf), "wz_decide") == 0);

    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "X1", "1.00", "2023-07-03"), &p, &out),
                 WZ_INTERNAL_ERROR);
    CHECK(p == NULL && out == NULL);

    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "X1", "1.00", "2023-07-03"), &p, NULL),
                 WZ_OK);
    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_INTERNAL_ERROR);
    CHECK(state == NULL);
    /* A panic on entry does not poison: the project was not being changed. */
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_OK);
    wz_string_free(state);
    state = NULL;

    /* A panic in the middle of a change poisons the handle. */
    CHECK_STATUS(wz_test_arm_panic(true), WZ_OK);
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_select_route(cmd, sizeof cmd, "X1", "standard", "2023-07-04"), &out),
                 WZ_INTERNAL_ERROR);
    CHECK(out == NULL);
    CHECK_STATUS(wz_inv_project_state(p, &state), WZ_POISONED_HANDLE);
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_select_route(cmd, sizeof cmd, "X1", "standard", "2023-07-04"), &out),
                 WZ_POISONED_HANDLE);
    /* A poisoned handle can still be freed. */
    wz_inv_project_free(p);

    /* Functions that return no status survive a panic too. */
    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    wz_string_free(NULL);
    CHECK(strcmp(wzt_last_error_field("kind", buf, sizeof buf), "internal_error") == 0);
    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    CHECK(wz_abi_version() == WZ_ABI_VERSION);
    CHECK_STATUS(wz_test_arm_panic(false), WZ_OK);
    CHECK(wz_version() != NULL);
    wz_context_free(ctx);
}
#else
void test_panics(void) {
    fprintf(stderr, "test_panics: skipped (built without WZ_TEST_HOOKS)\n");
}
#endif
