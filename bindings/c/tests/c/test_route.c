/* wz_approval_route_batch: the typed batch of RULES.md §4.1 agrees with the shared fixture rows
 * of tests/fixtures/investment/approval_route.json (the same rows wz_decide, the Rust and the
 * Python suites run), row by row and as one batch; bad input is a status, never a crash. */
#define _POSIX_C_SOURCE 200809L

#include "wztest.h"

#include <stdlib.h>
#include <string.h>

/* Source: INV-13.3, INV-13.4, INV-14.1, INV-15.1–15.5, INV-16.1 (through the fixture rows).
 * The flag names are the library's (wz_route_flag_name: bit i is 1 << i); the test keeps no list. */
/* The flag word of a fixture request's `flags` object; -1 when a key has no bit (a row about
 * unknown fields, which the typed call cannot express). */
static long flags_of(const cJSON *flags) {
    const cJSON *f;
    uint32_t bits = 0;
    cJSON_ArrayForEach(f, flags) {
        size_t i;
        int found = 0;
        if (strcmp(f->string, "level") == 0 && cJSON_IsString(f)) {
            if (strcmp(f->valuestring, "county") == 0) {
                bits |= WZ_ROUTE_COUNTY;
            }
            continue;
        }
        for (i = 0; wz_route_flag_name(i) != NULL; i++) {
            if (strcmp(f->string, wz_route_flag_name(i)) == 0) {
                found = 1;
                if (cJSON_IsTrue(f)) {
                    bits |= 1u << i;
                }
            }
        }
        if (!found) {
            return -1;
        }
    }
    return (long)bits;
}

static void test_route_fixtures(const char *fixtures_dir) {
    char path[1024];
    char *text;
    cJSON *doc;
    const cJSON *row;
    wz_context *ctx = NULL;
    wz_route_request batch[64];
    const char *want[64];
    const char *got[64];
    size_t n = 0, i;
    int rows = 0, refused = 0, skipped = 0;

    snprintf(path, sizeof path, "%s/investment/approval_route.json", fixtures_dir);
    text = wzt_read_file(path);
    doc = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(doc != NULL);
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(doc, "rows")) {
        const cJSON *request = cJSON_GetObjectItemCaseSensitive(row, "request");
        const cJSON *total = cJSON_GetObjectItemCaseSensitive(request, "total");
        const cJSON *expect = cJSON_GetObjectItemCaseSensitive(row, "expect");
        const cJSON *route = cJSON_GetObjectItemCaseSensitive(expect, "route");
        long bits = flags_of(cJSON_GetObjectItemCaseSensitive(request, "flags"));
        wz_route_request one;
        const char *out = NULL;
        wz_status s;
        if (!cJSON_IsString(total) || bits < 0) {
            /* Not expressible as a typed request: the JSON path covers it. */
            CHECK(cJSON_GetObjectItemCaseSensitive(row, "error") != NULL);
            skipped++;
            continue;
        }
        one.total = total->valuestring;
        one.flags = (uint32_t)bits;
        s = wz_approval_route_batch(ctx, &one, 1, &out);
        rows++;
        if (cJSON_IsString(route)) {
            CHECK(s == WZ_OK);
            CHECK(out != NULL && strcmp(out, route->valuestring) == 0);
            if (out == NULL || strcmp(out, route->valuestring) != 0) {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(row, "id");
                fprintf(stderr, "approval_route row %s: typed batch %s, fixture %s\n",
                        cJSON_IsString(id) ? id->valuestring : "?", out ? out : "(none)", route->valuestring);
            }
            if (n < sizeof batch / sizeof batch[0]) {
                batch[n] = one;
                want[n] = route->valuestring;
                n++;
            }
        } else {
            /* An error row: refused with the amount's path, nothing written. */
            char reason[64], where[64];
            CHECK(s == WZ_MALFORMED_INPUT);
            CHECK(out == NULL);
            CHECK(strcmp(wzt_last_error_field("reason", reason, sizeof reason), "amount") == 0);
            CHECK(strcmp(wzt_last_error_field("path", where, sizeof where), "[0].total") == 0);
            refused++;
        }
    }
    printf("approval_route typed batch: %d rows (%d refused), %d not expressible\n", rows, refused, skipped);
    CHECK(rows >= 10 && refused >= 1);

    /* All the rows at once give the same routes, in order. */
    memset(got, 0, sizeof got);
    CHECK_STATUS(wz_approval_route_batch(ctx, batch, n, got), WZ_OK);
    for (i = 0; i < n; i++) {
        CHECK(got[i] != NULL && strcmp(got[i], want[i]) == 0);
    }
    cJSON_Delete(doc);
    wz_context_free(ctx);
}

static void test_route_bad_input(void) {
    wz_context *ctx = NULL;
    wz_route_request r[3];
    const char *out[3] = {NULL, NULL, NULL};
    char buf[64];
    CHECK_STATUS(wz_context_new(NULL, NULL, &ctx), WZ_OK);
    r[0].total = "10000000.00";
    r[0].flags = 0;
    r[1].total = "10000000.01";
    r[1].flags = 0;
    r[2].total = "-1.00";
    r[2].flags = 0;

    /* Source: INV-15.1 — the boundary, then a bad third item: nothing written, its index named. */
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 2, out), WZ_OK);
    CHECK(out[0] != NULL && strcmp(out[0], "simplified_fsr_only") == 0);
    CHECK(out[1] != NULL && strcmp(out[1], "standard") == 0);
    out[0] = out[1] = NULL;
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_MALFORMED_INPUT);
    CHECK(out[0] == NULL && out[1] == NULL && out[2] == NULL);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "[2].total") == 0);
    r[2].total = "1.005";
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_MALFORMED_INPUT);
    r[2].total = "1e7";
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_MALFORMED_INPUT);
    r[2].total = "\xff\xfe";
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("reason", buf, sizeof buf), "invalid_utf8") == 0);
    r[2].total = NULL;
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_NULL_ARGUMENT);
    r[2].total = "1.00";
    r[2].flags = WZ_ROUTE_KNOWN_FLAGS + 1u;
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 3, out), WZ_MALFORMED_INPUT);
    CHECK(strcmp(wzt_last_error_field("path", buf, sizeof buf), "[2].flags") == 0);
    CHECK(out[0] == NULL && out[1] == NULL && out[2] == NULL);

    /* NULL arguments and the empty batch. */
    CHECK_STATUS(wz_approval_route_batch(NULL, r, 1, out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_approval_route_batch(ctx, NULL, 1, out), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 1, NULL), WZ_NULL_ARGUMENT);
    CHECK_STATUS(wz_approval_route_batch(ctx, NULL, 0, NULL), WZ_OK);
    /* Source: INV-13.3 — the county bit. */
    r[0].flags = WZ_ROUTE_COUNTY;
    CHECK_STATUS(wz_approval_route_batch(ctx, r, 1, out), WZ_OK);
    CHECK(out[0] != NULL && strcmp(out[0], "county_rules") == 0);
    wz_context_free(ctx);
}

/* The names of the flag bits come from the core's one list; the header's defines are its bits. */
static void test_route_flag_names(void) {
    size_t n = 0;
    while (wz_route_flag_name(n) != NULL) {
        n++;
    }
    CHECK(n == 10);
    CHECK(strcmp(wz_route_flag_name(0), "special_authority") == 0 && WZ_ROUTE_SPECIAL_AUTHORITY == 1u << 0);
    CHECK(strcmp(wz_route_flag_name(8), "small_scale") == 0 && WZ_ROUTE_SMALL_SCALE == 1u << 8);
    CHECK(strcmp(wz_route_flag_name(9), "dispersed_similar") == 0 && WZ_ROUTE_DISPERSED_SIMILAR == 1u << 9);
    CHECK(WZ_ROUTE_COUNTY == 1u << n);
    CHECK(wz_route_flag_name((size_t)-1) == NULL);
}

void test_route_batch(const char *fixtures_dir) {
    test_route_flag_names();
    test_route_fixtures(fixtures_dir);
    test_route_bad_input();
}
