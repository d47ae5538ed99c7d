/* Issue 13 through the C ABI: wz_*_permitted_events and wz_*_what_if on every handle kind
 * (investment project, digital project, workspace). The shared screens rows
 * (tests/fixtures/permitted) give the JSON Rust gives; the standard route is walked with
 * what_if before each apply (same transition, byte for byte; nothing changed by the dry run);
 * rejections come back with apply's status and last error; null, bad and wrong-kind arguments
 * get their statuses; every returned string is freed with wz_string_free (valgrind and ASan
 * count the leaks). */
#include "wztest.h"

#include <stdlib.h>
#include <string.h>

static const char *str_item(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int streq(const char *a, const char *b) {
    return a && b && strcmp(a, b) == 0;
}

/* Whether two last-error JSON texts agree but for `function` (the call that failed). */
static int same_error(const char *a, const char *b) {
    cJSON *x = a ? cJSON_Parse(a) : NULL, *y = b ? cJSON_Parse(b) : NULL;
    int same;
    cJSON_DeleteItemFromObjectCaseSensitive(x, "function");
    cJSON_DeleteItemFromObjectCaseSensitive(y, "function");
    same = x && y && cJSON_Compare(x, y, 1);
    cJSON_Delete(x);
    cJSON_Delete(y);
    return same;
}

static wz_context *context_of(const cJSON *scenario) {
    wz_context *ctx = NULL;
    const cJSON *config = cJSON_GetObjectItemCaseSensitive(scenario, "config");
    char *text = config ? cJSON_PrintUnformatted(config) : NULL;
    CHECK_STATUS(wz_context_new(text, NULL, &ctx), WZ_OK);
    free(text);
    return ctx;
}

static cJSON *read_json(const char *dir, const char *sub, const char *file) {
    char path[1024];
    char *text;
    cJSON *doc;
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, file);
    text = wzt_read_file(path);
    CHECK(text != NULL);
    doc = text ? cJSON_Parse(text) : NULL;
    CHECK(doc != NULL);
    free(text);
    return doc;
}

/* The workspace's screen as parsed JSON (NULL, with a failed check, when the call fails). */
static cJSON *ws_screen(const wz_workspace *ws, const char *as_of, const char *actor) {
    char *json = NULL;
    cJSON *doc;
    CHECK_STATUS(wz_workspace_permitted_events(ws, as_of, actor, &json), WZ_OK);
    doc = json ? cJSON_Parse(json) : NULL;
    CHECK(doc != NULL);
    wz_string_free(json);
    return doc;
}

/* The shared rows: the first `steps` commands of a scenario in a workspace (rejections
 * ignored), then the workspace's permitted_events = screens.json[id]. */
static void shared_rows(const char *fixtures_dir) {
    cJSON *rows = read_json(fixtures_dir, "permitted", "rows.json");
    cJSON *screens = read_json(fixtures_dir, "permitted", "screens.json");
    const cJSON *row;
    int n = 0;
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(rows, "rows")) {
        const char *id = str_item(row, "id");
        cJSON *scenario = read_json(fixtures_dir, "scenarios", str_item(row, "scenario"));
        wz_context *ctx = context_of(scenario);
        wz_workspace *ws = NULL;
        const cJSON *step;
        int steps = cJSON_GetObjectItemCaseSensitive(row, "steps")->valueint, i = 0;
        cJSON *got;
        CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
        cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(scenario, "steps")) {
            char *cmd, *out = NULL;
            if (i++ >= steps) {
                break;
            }
            cmd = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(step, "command"));
            (void)wz_workspace_apply(ws, cmd, &out);
            wz_string_free(out);
            free(cmd);
        }
        got = ws_screen(ws, str_item(row, "as_of"), str_item(row, "actor"));
        wzt_check(got && cJSON_Compare(got, cJSON_GetObjectItemCaseSensitive(screens, id), 1), __FILE__, __LINE__,
                  id ? id : "row");
        cJSON_Delete(got);
        wz_workspace_free(ws);
        wz_context_free(ctx);
        cJSON_Delete(scenario);
        n++;
    }
    CHECK(n > 0 && n == cJSON_GetArraySize(screens));
    cJSON_Delete(rows);
    cJSON_Delete(screens);
}

/* Whether `screen` lists `event` as allowed on the stream `stream` names (a sub-machine
 * instance not created yet is read from its new-instance table, `instance: null`). */
static int listed_allowed(const cJSON *screen, const cJSON *stream, const char *event) {
    const char *machine = str_item(stream, "machine"), *pid = str_item(stream, "project_id");
    const char *instance = str_item(stream, "instance");
    const cJSON *s;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(screen, "streams")) {
        const cJSON *inst = cJSON_GetObjectItemCaseSensitive(s, "instance");
        const cJSON *e;
        if (!streq(str_item(s, "machine"), machine) || (pid && !streq(str_item(s, "project_id"), pid)) ||
            !(cJSON_IsNull(inst) || streq(str_item(s, "instance"), instance))) {
            continue;
        }
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(s, "events")) {
            if (streq(str_item(e, "event"), event) && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "allowed"))) {
                return 1;
            }
        }
    }
    return 0;
}

static char *ws_report(const wz_workspace *ws) {
    char *out = NULL;
    CHECK_STATUS(wz_workspace_report(ws, "2026-12-31", &out), WZ_OK);
    return out;
}

/* Whether the screen has a stream of the command's machine and project (or plan year). */
static int has_stream(const cJSON *screen, const cJSON *stream) {
    const char *machine = str_item(stream, "machine"), *pid = str_item(stream, "project_id");
    const char *instance = str_item(stream, "instance");
    const cJSON *s;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(screen, "streams")) {
        if (streq(str_item(s, "machine"), machine) &&
            (pid ? streq(str_item(s, "project_id"), pid) : streq(str_item(s, "instance"), instance))) {
            return 1;
        }
    }
    return 0;
}

/* The standard route: before each step its event is listed as allowed for its actor on its
 * date (once its project or plan year exists: the workspace screen shows existing streams);
 * what_if gives exactly apply's transition and changes nothing (the compliance report is
 * the same before and after the dry run). At the end, the last step again (closed): what_if
 * and apply give the same status and the same last error, and the workspace is unchanged. */
static void standard_route_walk(const char *fixtures_dir) {
    cJSON *scenario = read_json(fixtures_dir, "scenarios", "inv_standard_route.json");
    wz_context *ctx = context_of(scenario);
    wz_workspace *ws = NULL;
    const cJSON *step, *last = NULL;
    int i = 0, listed = 0, unborn = 0, same = 0;
    char *dry_err, *apply_err, *before, *after, *out = NULL;
    CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
    cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(scenario, "steps")) {
        const cJSON *command = cJSON_GetObjectItemCaseSensitive(step, "command");
        char *cmd = cJSON_PrintUnformatted(command), *dry = NULL, *applied = NULL;
        cJSON *screen = ws_screen(ws, str_item(command, "date"), str_item(command, "actor"));
        last = command;
        if (!has_stream(screen, cJSON_GetObjectItemCaseSensitive(command, "stream"))) {
            unborn++;
        } else if (listed_allowed(screen, cJSON_GetObjectItemCaseSensitive(command, "stream"),
                                  str_item(command, "event"))) {
            listed++;
        } else {
            fprintf(stderr, "standard route step %d (%s) not listed as allowed\n", i, str_item(command, "event"));
        }
        cJSON_Delete(screen);
        before = ws_report(ws);
        CHECK_STATUS(wz_workspace_what_if(ws, cmd, &dry), WZ_OK);
        after = ws_report(ws);
        CHECK(streq(before, after));
        wz_string_free(before);
        wz_string_free(after);
        CHECK_STATUS(wz_workspace_apply(ws, cmd, &applied), WZ_OK);
        if (streq(dry, applied)) {
            same++;
        } else {
            fprintf(stderr, "standard route step %d: what_if %s\n  apply %s\n", i, dry ? dry : "-",
                    applied ? applied : "-");
        }
        wz_string_free(dry);
        wz_string_free(applied);
        free(cmd);
        i++;
    }
    CHECK(i == 31 && unborn == 2 && listed == i - unborn && same == i);
    /* A rejected dry run: apply's status and last error, nothing changed, nothing written. */
    {
        char *cmd = cJSON_PrintUnformatted(last);
        before = ws_report(ws);
        CHECK_STATUS(wz_workspace_what_if(ws, cmd, &out), WZ_INVALID_TRANSITION);
        CHECK(out == NULL);
        CHECK_STATUS(wz_last_error_json(&dry_err), WZ_OK);
        after = ws_report(ws);
        CHECK(streq(before, after));
        CHECK_STATUS(wz_workspace_apply(ws, cmd, &out), WZ_INVALID_TRANSITION);
        CHECK_STATUS(wz_last_error_json(&apply_err), WZ_OK);
        CHECK(same_error(dry_err, apply_err));
        wz_string_free(dry_err);
        wz_string_free(apply_err);
        wz_string_free(before);
        wz_string_free(after);
        free(cmd);
    }
    wz_workspace_free(ws);
    wz_context_free(ctx);
    cJSON_Delete(scenario);
}

/* The investment-project handle: a screen of its streams, a dry run equal to apply on a second
 * project built the same way, a rule violation with every outcome, nothing changed. */
static void inv_handle(void) {
    char cmd[2048], buf[128];
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL, *q = NULL, *empty = NULL;
    char *json = NULL, *log1 = NULL, *log2 = NULL, *dry = NULL, *applied = NULL, *err1 = NULL, *err2 = NULL;
    cJSON *doc;
    const cJSON *s, *e;
    int found = 0;
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "W1", "8500000.00", "2023-07-03"), &p, NULL),
                 WZ_OK);
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "W1", "8500000.00", "2023-07-03"), &q, NULL),
                 WZ_OK);
    /* Any actor: select_route is allowed in reserve; for drc it is blocked by the actor rule. */
    CHECK_STATUS(wz_inv_project_permitted_events(p, "2023-07-04", NULL, &json), WZ_OK);
    doc = cJSON_Parse(json);
    wz_string_free(json);
    json = NULL;
    CHECK(doc && cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(doc, "actor")));
    CHECK(streq(str_item(doc, "as_of"), "2023-07-04"));
    s = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "streams"), 0);
    CHECK(streq(str_item(s, "machine"), "inv") && streq(str_item(s, "state"), "reserve"));
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(s, "events")) {
        if (streq(str_item(e, "event"), "select_route")) {
            found = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "allowed"));
        }
    }
    CHECK(found);
    cJSON_Delete(doc);
    CHECK_STATUS(wz_inv_project_permitted_events(p, "2023-07-04", "drc", &json), WZ_OK);
    doc = cJSON_Parse(json);
    wz_string_free(json);
    json = NULL;
    found = 0;
    s = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "streams"), 0);
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(s, "events")) {
        if (streq(str_item(e, "event"), "select_route")) {
            const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "blockers"), 0);
            found = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(e, "allowed")) &&
                    streq(str_item(b, "kind"), "violation") && streq(str_item(b, "detail"), "wrong_actor") &&
                    str_item(b, "rule") && str_item(b, "article") && str_item(b, "message_zh") &&
                    str_item(b, "message_en");
        }
    }
    CHECK(found);
    cJSON_Delete(doc);

    /* what_if = apply on a copy; the project is unchanged. */
    CHECK_STATUS(wz_inv_project_export_log(p, &log1), WZ_OK);
    CHECK_STATUS(wz_inv_project_what_if(p, wzt_cmd_select_route(cmd, sizeof cmd, "W1", "standard", "2023-07-04"), &dry),
                 WZ_OK);
    CHECK_STATUS(wz_inv_project_export_log(p, &log2), WZ_OK);
    CHECK(streq(log1, log2));
    wz_string_free(log2);
    log2 = NULL;
    CHECK_STATUS(wz_inv_project_apply(q, cmd, &applied), WZ_OK);
    CHECK(streq(dry, applied));
    wz_string_free(dry);
    wz_string_free(applied);
    dry = applied = NULL;

    /* A wrong actor: WZ_RULE_VIOLATION from both, the same last error (rule, article, messages). */
    CHECK_STATUS(wz_inv_project_what_if(p, wzt_cmd_withdraw(cmd, sizeof cmd, "W1", "drc", "2023-07-05"), &dry),
                 WZ_RULE_VIOLATION);
    CHECK(dry == NULL);
    CHECK_STATUS(wz_last_error_json(&err1), WZ_OK);
    CHECK(strlen(wzt_last_error_field("rule_id", buf, sizeof buf)) > 0);
    CHECK(strlen(wzt_last_error_field("message_zh", buf, sizeof buf)) > 0);
    CHECK_STATUS(wz_inv_project_export_log(p, &log2), WZ_OK);
    CHECK(streq(log1, log2));
    CHECK_STATUS(wz_inv_project_apply(p, cmd, &applied), WZ_RULE_VIOLATION);
    CHECK_STATUS(wz_last_error_json(&err2), WZ_OK);
    CHECK(same_error(err1, err2));
    wz_string_free(err1);
    wz_string_free(err2);
    wz_string_free(log1);
    wz_string_free(log2);

    /* Input errors come back as from apply: malformed JSON, another machine's stream. */
    CHECK_STATUS(wz_inv_project_what_if(p, "{\"stream\":", &dry), WZ_MALFORMED_INPUT);
    CHECK(streq(wzt_last_error_field("reason", buf, sizeof buf), "malformed_json"));
    CHECK_STATUS(wz_inv_project_what_if(p, "[]", &dry), WZ_MALFORMED_INPUT);
    CHECK(dry == NULL);

    /* An empty project (no stream yet): the first command's table, state none. */
    CHECK_STATUS(wz_inv_project_new(ctx, &empty), WZ_OK);
    CHECK_STATUS(wz_inv_project_permitted_events(empty, "2023-07-03", "project_unit", &json), WZ_OK);
    doc = cJSON_Parse(json);
    s = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "streams"), 0);
    CHECK(streq(str_item(s, "state"), "none"));
    CHECK(listed_allowed(doc, s, "register_project"));
    cJSON_Delete(doc);
    wz_string_free(json);
    json = NULL;
    CHECK_STATUS(wz_inv_project_what_if(empty, wzt_cmd_register(cmd, sizeof cmd, "W2", "1.00", "2023-07-03"), &dry),
                 WZ_OK);
    CHECK(dry && strstr(dry, "\"to\":\"reserve\"") != NULL);
    wz_string_free(dry);
    dry = NULL;
    CHECK_STATUS(wz_inv_project_export_log(empty, &log1), WZ_OK);
    CHECK(streq(log1, "[]"));
    wz_string_free(log1);

    wz_inv_project_free(empty);
    wz_inv_project_free(q);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

/* The digital-project handle, on the shared DIG scenario (its dig stream only). */
static void dig_handle(const char *fixtures_dir) {
    cJSON *scenario = read_json(fixtures_dir, "scenarios", "dig_special_fund_inv_parts.json");
    wz_context *ctx = context_of(scenario);
    wz_dig_project *p = NULL, *q = NULL;
    const cJSON *step, *last = NULL;
    char *json = NULL, *log1 = NULL, *log2 = NULL, *dry = NULL, *applied = NULL;
    cJSON *doc;
    int applied_n = 0, ok = 1;
    CHECK_STATUS(wz_dig_project_new(ctx, &p), WZ_OK);
    CHECK_STATUS(wz_dig_project_new(ctx, &q), WZ_OK);
    cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(scenario, "steps")) {
        const cJSON *command = cJSON_GetObjectItemCaseSensitive(step, "command");
        char *cmd;
        if (!streq(str_item(cJSON_GetObjectItemCaseSensitive(command, "stream"), "machine"), "dig")) {
            continue;
        }
        cmd = cJSON_PrintUnformatted(command);
        /* Each dig step (some need the DIG cycle this handle has not got): what_if on p gives
         * what apply gives on q — the transition, or the status and the last error — and p then
         * takes it as q did. */
        {
            char *e1 = NULL, *e2 = NULL;
            wz_status s1, s2;
            dry = applied = NULL;
            s1 = wz_dig_project_what_if(p, cmd, &dry);
            if (s1 != WZ_OK) {
                (void)wz_last_error_json(&e1);
            }
            s2 = wz_dig_project_apply(q, cmd, &applied);
            if (s2 != WZ_OK) {
                (void)wz_last_error_json(&e2);
            }
            ok = ok && s1 == s2 && (s1 == WZ_OK ? streq(dry, applied) : same_error(e1, e2));
            wz_string_free(e1);
            wz_string_free(e2);
            wz_string_free(applied);
            applied = NULL;
            if (s1 == WZ_OK) {
                ok = ok && wz_dig_project_apply(p, cmd, &applied) == WZ_OK && streq(dry, applied);
                applied_n++;
                last = command;
            }
        }
        wz_string_free(dry);
        wz_string_free(applied);
        free(cmd);
    }
    CHECK(ok && applied_n >= 2);
    CHECK_STATUS(wz_dig_project_permitted_events(p, "2025-12-31", NULL, &json), WZ_OK);
    doc = cJSON_Parse(json);
    wz_string_free(json);
    json = NULL;
    CHECK(streq(str_item(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "streams"), 0), "machine"), "dig"));
    cJSON_Delete(doc);
    /* Repeating the last dig step: refused, nothing changed. */
    if (last) {
        char *cmd = cJSON_PrintUnformatted(last);
        wz_status s1, s2;
        char *err1 = NULL, *err2 = NULL;
        CHECK_STATUS(wz_dig_project_export_log(p, &log1), WZ_OK);
        s1 = wz_dig_project_what_if(p, cmd, &dry);
        CHECK(s1 != WZ_OK && dry == NULL);
        CHECK_STATUS(wz_last_error_json(&err1), WZ_OK);
        CHECK_STATUS(wz_dig_project_export_log(p, &log2), WZ_OK);
        CHECK(streq(log1, log2));
        s2 = wz_dig_project_apply(p, cmd, &applied);
        CHECK(s1 == s2);
        CHECK_STATUS(wz_last_error_json(&err2), WZ_OK);
        CHECK(same_error(err1, err2));
        wz_string_free(err1);
        wz_string_free(err2);
        wz_string_free(log1);
        wz_string_free(log2);
        free(cmd);
    }
    wz_dig_project_free(q);
    wz_dig_project_free(p);
    wz_context_free(ctx);
    cJSON_Delete(scenario);
}

/* Null, bad and wrong-kind arguments: statuses and last errors, no output written. */
static void bad_arguments(void) {
    char cmd[2048], buf[128];
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL;
    wz_dig_project *d = NULL;
    wz_workspace *ws = NULL;
    char *out = NULL;
    const char *select = wzt_cmd_select_route(cmd, sizeof cmd, "B1", "standard", "2023-07-04");
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    CHECK_STATUS(wz_inv_project_new(ctx, &p), WZ_OK);
    CHECK_STATUS(wz_dig_project_new(ctx, &d), WZ_OK);
    CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);

    CHECK_STATUS(wz_inv_project_permitted_events(NULL, "2024-01-01", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK(streq(wzt_last_error_field("argument", buf, sizeof buf), "project"));
    CHECK_STATUS(wz_inv_project_permitted_events(p, NULL, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK(streq(wzt_last_error_field("argument", buf, sizeof buf), "as_of"));
    CHECK_STATUS(wz_inv_project_permitted_events(p, "2024-01-01", NULL, NULL), WZ_NULL_ARGUMENT);
    CHECK(streq(wzt_last_error_field("argument", buf, sizeof buf), "out_json"));
    CHECK_STATUS(wz_dig_project_permitted_events(NULL, "2024-01-01", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_permitted_events(d, NULL, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_permitted_events(d, "2024-01-01", NULL, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_permitted_events(NULL, "2024-01-01", NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_permitted_events(ws, NULL, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_permitted_events(ws, "2024-01-01", NULL, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_what_if(NULL, select, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_inv_project_what_if(p, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK(streq(wzt_last_error_field("argument", buf, sizeof buf), "command_json"));
    CHECK_STATUS(wz_inv_project_what_if(p, select, NULL), WZ_NULL_ARGUMENT);
    CHECK(streq(wzt_last_error_field("argument", buf, sizeof buf), "out_transition_json"));
    CHECK_STATUS(wz_dig_project_what_if(NULL, select, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_what_if(d, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_dig_project_what_if(d, select, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_what_if(NULL, select, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_what_if(ws, NULL, &out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_workspace_what_if(ws, select, NULL), WZ_NULL_ARGUMENT);

    /* Bad dates (the one strict ISO parser) and unknown actors. */
    CHECK_STATUS(wz_inv_project_permitted_events(p, "2024-02-30", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(streq(wzt_last_error_field("reason", buf, sizeof buf), "date"));
    CHECK_STATUS(wz_dig_project_permitted_events(d, "2024-1-1", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(streq(wzt_last_error_field("reason", buf, sizeof buf), "date"));
    CHECK_STATUS(wz_workspace_permitted_events(ws, "2024-01-\xff", NULL, &out), WZ_MALFORMED_INPUT);
    CHECK(streq(wzt_last_error_field("reason", buf, sizeof buf), "invalid_utf8"));
    CHECK_STATUS(wz_inv_project_permitted_events(p, "2024-01-01", "mayor", &out), WZ_MALFORMED_INPUT);
    CHECK(wzt_last_error_has_message());
    CHECK_STATUS(wz_dig_project_permitted_events(d, "2024-01-01", "", &out), WZ_MALFORMED_INPUT);
    CHECK_STATUS(wz_workspace_permitted_events(ws, "2024-01-01", "Drc", &out), WZ_MALFORMED_INPUT);

    /* Wrong handle kinds. */
    CHECK_STATUS(wz_inv_project_permitted_events((const wz_inv_project *)d, "2024-01-01", NULL, &out), WZ_WRONG_HANDLE);
    CHECK(streq(wzt_last_error_field("found", buf, sizeof buf), "wz_dig_project"));
    CHECK_STATUS(wz_dig_project_permitted_events((const wz_dig_project *)ws, "2024-01-01", NULL, &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_workspace_permitted_events((const wz_workspace *)p, "2024-01-01", NULL, &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_inv_project_what_if((wz_inv_project *)ws, select, &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_dig_project_what_if((wz_dig_project *)p, select, &out), WZ_WRONG_HANDLE);
    CHECK_STATUS(wz_workspace_what_if((wz_workspace *)ctx, select, &out), WZ_WRONG_HANDLE);
    CHECK(streq(wzt_last_error_field("found", buf, sizeof buf), "wz_context"));

    /* A command to a project the workspace does not have; an inv command on a dig handle. */
    CHECK_STATUS(wz_workspace_what_if(ws, select, &out), WZ_INVALID_TRANSITION);
    CHECK(streq(wzt_last_error_field("detail", buf, sizeof buf), "unknown_instance"));
    CHECK_STATUS(wz_dig_project_what_if(d, select, &out), WZ_MALFORMED_INPUT);
    CHECK(out == NULL);

    /* A dry-run registration on the empty workspace: accepted, and the workspace stays empty. */
    CHECK_STATUS(wz_workspace_what_if(ws, wzt_cmd_register(cmd, sizeof cmd, "B1", "1.00", "2023-07-03"), &out), WZ_OK);
    wz_string_free(out);
    out = NULL;
    CHECK_STATUS(wz_workspace_report(ws, "2024-01-01", &out), WZ_OK);
    CHECK(streq(out, "[]"));
    wz_string_free(out);
    out = NULL;
    CHECK_STATUS(wz_workspace_permitted_events(ws, "2024-01-01", NULL, &out), WZ_OK);
    CHECK(out && strstr(out, "\"streams\":[]") != NULL);
    wz_string_free(out);

    wz_workspace_free(ws);
    wz_dig_project_free(d);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

void test_permitted(const char *fixtures_dir) {
    shared_rows(fixtures_dir);
    standard_route_walk(fixtures_dir);
    inv_handle();
    dig_handle(fixtures_dir);
    bad_arguments();
}
