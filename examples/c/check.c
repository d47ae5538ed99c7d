/* `wanzheng check --json` in C: the report of a project file in one call.
 *
 *   wz_check PROJECT.json [AS_OF]
 *
 * Prints the report wz_check_file returns — the same text `wanzheng check --json PROJECT.json`
 * prints, byte for byte (scripts/test-c.sh compares them on every example) — and exits like the
 * CLI: 0 clean, 1 when a command was rejected or a finding raised, 2 when the file is not a
 * project file. */
#include <stdio.h>
#include <string.h>

#include <wanzheng.h>

/* The count after "key": in the report's summary (the report is pretty-printed, keys sorted). */
static long summary_count(const char *report, const char *key) {
    char pattern[64];
    const char *summary = strstr(report, "\"summary\":");
    const char *at;
    long n = 0;
    snprintf(pattern, sizeof pattern, "\"%s\": ", key);
    at = summary ? strstr(summary, pattern) : NULL;
    if (at && sscanf(at + strlen(pattern), "%ld", &n) == 1) {
        return n;
    }
    return -1;
}

int main(int argc, char **argv) {
    char *report = NULL;
    int dirty;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PROJECT.json [AS_OF]\n", argv[0]);
        return 2;
    }
    if (wz_check_file(NULL, argv[1], argc == 3 ? argv[2] : NULL, &report) != WZ_OK) {
        char msg[1024];
        size_t n = 0;
        wz_last_error_message(msg, sizeof msg, &n);
        fprintf(stderr, "wz_check: %s\n", msg);
        return 2;
    }
    printf("%s\n", report);
    dirty = summary_count(report, "rejected") != 0 || summary_count(report, "findings") != 0;
    wz_string_free(report);
    return dirty ? 1 : 0;
}
