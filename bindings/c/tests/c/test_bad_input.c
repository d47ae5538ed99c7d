/* Bad input: each gets a status and a clear last error, never a crash. */
#include "wztest.h"

#include <string.h>

/* The last error names `want` as its reason (input errors) and has a message. */
static void check_reason(const char *want, int line) {
    char buf[128];
    wzt_last_error_field("reason", buf, sizeof buf);
    wzt_check(strcmp(buf, want) == 0, __FILE__, line, want);
    if (strcmp(buf, want) != 0) {
        fprintf(stderr, "  reason was \"%s\"\n", buf);
    }
    wzt_check(wzt_last_error_has_message(), __FILE__, line, "last error has a message");
}
#define CHECK_REASON(r) check_reason((r), __LINE__)

static void check_null_arg(const char *want, int line) {
    char buf[128];
    wzt_last_error_field("argument", buf, sizeof buf);
    wzt_check(strcmp(buf, want) == 0, __FILE__, line, want);
    wzt_check(wzt_last_error_has_message(), __FILE__, line, "last error has a message");
}
#define CHECK_NULL_ARG(a) check_null_arg((a), __LINE__)

/* A register_project command whose `total` is the raw JSON token `total`, with extra text. */
static const char *register_raw(char *buf, size_t len, const char *total, const char *extra_top,
                                const char *extra_facts) {
    snprintf(buf, len,
             "{%s\"stream\":{\"machine\":\"inv\",\"project_id\":\"B1\",\"instance\":\"B1\"},"
             "\"event\":\"register_project\",\"actor\":\"project_unit\",\"date\":\"2023-07-03\","
             "\"project_code\":\"2307-411300-04-01-000001\",\"facts\":{%s\"project_id\":\"B1\","
             "\"project_code\":\"2307-411300-04-01-000001\",\"name\":\"n\",\"sector\":\"transport\","
             "\"nature\":\"non_operating\",\"mode\":\"direct_investment\",\"total\":%s,"
             "\"unit_kind\":\"admin_or_public_unit\",\"industry_authority_org\":\"o\"}}",
             extra_top, extra_facts, total);
    return buf;
}

static void null_arguments(wz_context *ctx, wz_calendar *cal, wz_inv_project *p, wz_workspace *ws) {
    char cmd[2048];
    char *out = NULL;
    wz_calendar *ocal = NULL;
    wz_context *octx = NULL;
    wz_inv_project *op = NULL;
    wz_workspace *ows = NULL;
    bool b = false;
    const char *reg = wzt_cmd_register(cmd, sizeof cmd, "N1", "1.00", "2023-07-03");

    CHECK_STATUS(wz_calendar_embedded(NULL), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("out_calendar");
    CHECK_STATUS(wz_calendar_from_json(NULL, &ocal), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("json");
    CHECK_STATUS(wz_calendar_from_json("{}", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_with_notice(NULL, "{}", &ocal), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("base");
    CHECK_STATUS(wz_calendar_with_notice(cal, NULL, &ocal), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_with_notice(cal, "{}", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_to_json(NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_to_json(cal, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_is_working_day(NULL, "2023-07-03", &b), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_is_working_day(cal, NULL, &b), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2023-07-03", NULL), WZ_NULL_ARGUMENT);
    CHECK(ocal == NULL);

    CHECK_STATUS(wz_context_new(NULL, NULL, NULL), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("out_context");
    CHECK_STATUS(wz_context_config_json(NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_context_config_json(ctx, NULL), WZ_NULL_ARGUMENT);
    CHECK(octx == NULL);

    CHECK_STATUS(wz_decide(NULL, "f", "{}", &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("context");
    CHECK_STATUS(wz_decide(ctx, NULL, "{}", &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("function");
    CHECK_STATUS(wz_decide(ctx, "f", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("request_json");
    CHECK_STATUS(wz_decide(ctx, "f", "{}", NULL), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("out_json");
    CHECK_STATUS(wz_decide_batch(NULL, "f", "[]", &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_decide_batch(ctx, NULL, "[]", &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_decide_batch(ctx, "f", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("requests_json");
    CHECK_STATUS(wz_decide_batch(ctx, "f", "[]", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_decide_functions(NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_explain(NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_explain("INV-8", NULL), WZ_NULL_ARGUMENT);

    CHECK_STATUS(wz_inv_project_new(NULL, &op), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_new(ctx, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_create(NULL, reg, &op, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_create(ctx, NULL, &op, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("command_json");
    CHECK_STATUS(wz_inv_project_create(ctx, reg, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("out_project");
    CHECK_STATUS(wz_inv_project_apply(NULL, reg, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("project");
    CHECK_STATUS(wz_inv_project_apply(p, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_apply(p, reg, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_state(NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_state(p, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_obligations(NULL, "2024-01-01", &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_obligations(p, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_NULL_ARG("as_of");
    CHECK_STATUS(wz_inv_project_obligations(p, "2024-01-01", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_findings(NULL, "2024-01-01", &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_findings(p, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_findings(p, "2024-01-01", NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_replay(NULL, "[]", &op, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_replay(ctx, NULL, &op, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_replay(ctx, "[]", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_export_log(NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_export_log(p, NULL), WZ_NULL_ARGUMENT);
    CHECK(op == NULL);

    CHECK_STATUS(wz_workspace_new(NULL, &ows), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_new(ctx, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_apply(NULL, reg, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_apply(ws, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_apply(ws, reg, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_report(NULL, "2024-01-01", &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_report(ws, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_report(ws, "2024-01-01", NULL), WZ_NULL_ARGUMENT);
    CHECK(ows == NULL);
    CHECK(out == NULL);

    /* Freeing NULL does nothing. */
    wz_string_free(NULL);
    wz_calendar_free(NULL);
    wz_context_free(NULL);
    wz_inv_project_free(NULL);
    wz_workspace_free(NULL);
    CHECK(1);
}

static void malformed(wz_context *ctx, wz_inv_project *p) {
    char cmd[2048];
    char *out = NULL;
    wz_context *octx = NULL;
    wz_inv_project *op = NULL;
    /* Invalid UTF-8 in each kind of string argument. */
    CHECK_STATUS(wz_inv_project_apply(p, "{\"event\":\"\xff\xfe\"}", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("invalid_utf8");
    CHECK_STATUS(wz_decide(ctx, "approval_\xc3\x28", "{}", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("invalid_utf8");
    CHECK_STATUS(wz_context_new("{\"\xe2\x82\":1}", NULL, &octx), WZ_MALFORMED_INPUT);
    CHECK_REASON("invalid_utf8");
    CHECK_STATUS(wz_inv_project_findings(p, "2024-01-\xff", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("invalid_utf8");
    CHECK_STATUS(wz_explain("INV-\xff", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("invalid_utf8");
    /* Malformed JSON. */
    CHECK_STATUS(wz_inv_project_apply(p, "{\"stream\":", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("malformed_json");
    CHECK_STATUS(wz_context_new("{", NULL, &octx), WZ_MALFORMED_INPUT);
    CHECK_REASON("malformed_json");
    CHECK_STATUS(wz_inv_project_replay(ctx, "[{", &op, NULL), WZ_MALFORMED_INPUT);
    CHECK_REASON("malformed_json");
    /* JSON of the wrong shape. */
    CHECK_STATUS(wz_inv_project_apply(p, "[]", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("schema");
    CHECK_STATUS(wz_inv_project_apply(p, "{\"stream\":1}", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("schema");
    CHECK_STATUS(wz_inv_project_replay(ctx, "{}", &op, NULL), WZ_MALFORMED_INPUT);
    CHECK_REASON("schema");
    CHECK_STATUS(wz_context_new("{\"final_accounts_due\":\"three\"}", NULL, &octx), WZ_MALFORMED_INPUT);
    /* Unknown fields: in the envelope, in the facts, in the configuration. */
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1.00\"", "\"colour\":\"red\",", ""), &op,
                                       NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("unknown_field");
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1.00\"", "", "\"colour\":\"red\","), &op,
                                       NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("unknown_field");
    CHECK_STATUS(wz_context_new("{\"no_such_key\":1}", NULL, &octx), WZ_MALFORMED_INPUT);
    CHECK_REASON("unknown_field");
    /* Amounts: floats and numbers, signs, more than two decimals, exponents. */
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "8500000.0", "", ""), &op, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("amount");
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "8500000", "", ""), &op, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("amount");
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"-1.00\"", "", ""), &op, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("amount");
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1.001\"", "", ""), &op, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("amount");
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1e3\"", "", ""), &op, NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("amount");
    CHECK_STATUS(wz_context_new("{\"large_fund_threshold\":30000000.5}", NULL, &octx), WZ_MALFORMED_INPUT);
    /* A future schema_version: command, configuration, decision request. */
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1.00\"", "\"schema_version\":2,", ""), &op,
                                       NULL),
                 WZ_MALFORMED_INPUT);
    CHECK_REASON("future_schema_version");
    CHECK_STATUS(wz_context_new("{\"schema_version\":2}", NULL, &octx), WZ_MALFORMED_INPUT);
    CHECK_REASON("future_schema_version");
    /* Bad dates and unknown names. */
    CHECK_STATUS(wz_inv_project_obligations(p, "31/12/2024", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("date");
    CHECK_STATUS(wz_inv_project_findings(p, "2024-02-30", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("date");
    CHECK_STATUS(wz_decide(ctx, "no_such_function", "{}", &out), WZ_MALFORMED_INPUT);
    CHECK_REASON("unknown_value");
    CHECK(out == NULL && octx == NULL && op == NULL);
    /* The well-formed command is accepted (the checks above were not refusing everything). */
    CHECK_STATUS(wz_inv_project_create(ctx, register_raw(cmd, sizeof cmd, "\"1.00\"", "\"schema_version\":1,", ""), &op,
                                       NULL),
                 WZ_OK);
    wz_inv_project_free(op);
}

/* Issue 12 (4): every C date argument reads through the core's one strict ISO parser, so the
 * forms chrono's %Y-%m-%d accepted are refused with reason `date` (and the strict form works). */
static void lenient_dates(wz_calendar *cal, wz_inv_project *p, wz_workspace *ws) {
    static const char *const lenient[] = {"2023-7-3",    " 2023-07-03", "+2023-07-03", "2023-07-03 ",
                                          "2023-07-3",   "02023-07-03", "2023-07-03T00:00",
                                          "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x93-07-03"};
    char *out = NULL;
    bool b = false;
    for (size_t i = 0; i < sizeof lenient / sizeof lenient[0]; i++) {
        const char *d = lenient[i];
        CHECK_STATUS(wz_inv_project_obligations(p, d, &out), WZ_MALFORMED_INPUT);
        CHECK_REASON("date");
        CHECK_STATUS(wz_inv_project_findings(p, d, &out), WZ_MALFORMED_INPUT);
        CHECK_REASON("date");
        CHECK_STATUS(wz_workspace_report(ws, d, &out), WZ_MALFORMED_INPUT);
        CHECK_REASON("date");
        CHECK_STATUS(wz_calendar_is_working_day(cal, d, &b), WZ_MALFORMED_INPUT);
        CHECK_REASON("date");
        CHECK_STATUS(wz_calendar_is_official(cal, d, &b), WZ_MALFORMED_INPUT);
        CHECK_REASON("date");
    }
    CHECK(out == NULL);
    CHECK_STATUS(wz_inv_project_obligations(p, "2023-07-03", &out), WZ_OK);
    wz_string_free(out);
    CHECK_STATUS(wz_calendar_is_working_day(cal, "2023-07-03", &b), WZ_OK);
    CHECK(b);
}

static void wrong_handles(wz_context *ctx, wz_calendar *cal, wz_inv_project *p, wz_workspace *ws) {
    char cmd[2048], buf[64];
    char *out = NULL;
    wz_calendar *ocal = NULL;
    wz_context *octx = NULL;
    CHECK_STATUS(wz_inv_project_apply((wz_inv_project *)cal, wzt_cmd_select_route(cmd, sizeof cmd, "P", "standard",
                                                                                   "2023-07-04"),
                                      &out),
                 WZ_WRONG_HANDLE);
    CHECK(strcmp(wzt_last_error_field("expected", buf, sizeof buf), "wz_inv_project") == 0);
    CHECK(strcmp(wzt_last_error_field("found", buf, sizeof buf), "wz_calendar") == 0);
    CHECK_STATUS(wz_inv_project_state((const wz_inv_project *)ws, &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_workspace_report((const wz_workspace *)p, "2024-01-01", &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_decide((const wz_context *)cal, "f", "{}", &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_context_new(NULL, (const wz_calendar *)ctx, &octx), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_calendar_with_notice((const wz_calendar *)p, "{}", &ocal), WZ_WRONG_HANDLE);
    CHECK(out == NULL && octx == NULL && ocal == NULL);
    /* A free function given another kind leaves it alone and says so. */
    wz_inv_project_free((wz_inv_project *)cal);
    CHECK(strcmp(wzt_last_error_field("status", buf, sizeof buf), "WZ_WRONG_HANDLE") == 0);
    wz_context_free((wz_context *)ws);
    wz_calendar_free((wz_calendar *)ctx);
    /* ...and they still work. */
    CHECK_STATUS(wz_calendar_to_json(cal, &out), WZ_OK);
    wz_string_free(out);
}

void test_bad_input(void) {
    char cmd[2048];
    wz_calendar *cal = NULL;
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL;
    wz_workspace *ws = NULL;
    CHECK_STATUS(wz_calendar_embedded(&cal), WZ_OK);
    CHECK_STATUS(wz_context_new(NULL, cal, &ctx), WZ_OK);
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "P", "1.00", "2023-07-03"), &p, NULL),
                 WZ_OK);
    CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
    null_arguments(ctx, cal, p, ws);
    malformed(ctx, p);
    lenient_dates(cal, p, ws);
    wrong_handles(ctx, cal, p, ws);
    wz_workspace_free(ws);
    wz_inv_project_free(p);
    wz_context_free(ctx);
    wz_calendar_free(cal);
}
