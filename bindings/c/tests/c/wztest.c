#include "wztest.h"

#include <stdlib.h>
#include <string.h>

int wzt_checks = 0;
int wzt_failures = 0;

void wzt_check(int ok, const char *file, int line, const char *what) {
    wzt_checks++;
    if (!ok) {
        wzt_failures++;
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what);
    }
}

void wzt_check_status(wz_status got, wz_status want, const char *file, int line, const char *what) {
    wzt_checks++;
    if (got != want) {
        char msg[1024];
        size_t n = 0;
        wzt_failures++;
        if (wz_last_error_message(msg, sizeof msg, &n) != WZ_OK) {
            msg[0] = '\0';
        }
        fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: %s)\n", file, line, what,
                wz_status_name(got), wz_status_name(want), msg);
    }
}

cJSON *wzt_last_error(void) {
    char *json = NULL;
    cJSON *v;
    if (wz_last_error_json(&json) != WZ_OK) {
        return NULL;
    }
    v = cJSON_Parse(json);
    wz_string_free(json);
    return v;
}

const char *wzt_last_error_field(const char *key, char *buf, size_t len) {
    cJSON *v = wzt_last_error();
    const cJSON *f = v ? cJSON_GetObjectItemCaseSensitive(v, key) : NULL;
    buf[0] = '\0';
    if (cJSON_IsString(f)) {
        strncpy(buf, f->valuestring, len - 1);
        buf[len - 1] = '\0';
    }
    cJSON_Delete(v);
    return buf;
}

int wzt_last_error_has_message(void) {
    size_t n = 0;
    return wz_last_error_message(NULL, 0, &n) == WZ_OK && n > 0;
}

#define CODE "2307-411300-04-01-000001"

const char *wzt_cmd_register(char *buf, size_t len, const char *pid, const char *total, const char *date) {
    snprintf(buf, len,
             "{\"stream\":{\"machine\":\"inv\",\"project_id\":\"%s\",\"instance\":\"%s\"},"
             "\"event\":\"register_project\",\"actor\":\"project_unit\",\"date\":\"%s\","
             "\"project_code\":\"" CODE "\",\"facts\":{\"project_id\":\"%s\",\"project_code\":\"" CODE "\","
             "\"name\":\"Village road\",\"sector\":\"transport\",\"nature\":\"non_operating\","
             "\"mode\":\"direct_investment\",\"total\":\"%s\",\"unit_kind\":\"admin_or_public_unit\","
             "\"industry_authority_org\":\"南阳市交通运输局\"}}",
             pid, pid, date, pid, total);
    return buf;
}

const char *wzt_cmd_select_route(char *buf, size_t len, const char *pid, const char *route, const char *date) {
    snprintf(buf, len,
             "{\"stream\":{\"machine\":\"inv\",\"project_id\":\"%s\",\"instance\":\"%s\"},"
             "\"event\":\"select_route\",\"actor\":\"project_unit\",\"date\":\"%s\","
             "\"project_code\":\"" CODE "\",\"facts\":{\"chosen_route\":\"%s\"}}",
             pid, pid, date, route);
    return buf;
}

const char *wzt_cmd_withdraw(char *buf, size_t len, const char *pid, const char *actor, const char *date) {
    snprintf(buf, len,
             "{\"stream\":{\"machine\":\"inv\",\"project_id\":\"%s\",\"instance\":\"%s\"},"
             "\"event\":\"withdraw_project\",\"actor\":\"%s\",\"date\":\"%s\","
             "\"project_code\":\"" CODE "\",\"facts\":{\"reason\":\"no funds this year\"}}",
             pid, pid, actor, date);
    return buf;
}

const char *wzt_cmd_exception(char *buf, size_t len, const char *pid, const char *date) {
    snprintf(buf, len,
             "{\"stream\":{\"machine\":\"inv\",\"project_id\":\"%s\",\"instance\":\"%s\"},"
             "\"event\":\"record_exception\",\"actor\":\"executive_meeting\",\"date\":\"%s\","
             "\"project_code\":\"" CODE "\",\"facts\":{\"decision_ref\":{\"kind\":\"minutes\","
             "\"ref\":\"纪要〔2023〕5号\"},\"reason\":\"meeting decision\",\"rule_id\":\"INV-7.2\","
             "\"scope\":\"one\"}}",
             pid, pid, date);
    return buf;
}

char *wzt_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) {
        buf[n] = '\0';
    }
    fclose(f);
    return buf;
}
