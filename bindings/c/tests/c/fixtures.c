/* The shared fixtures (tests/fixtures, schema in tests/fixtures/README.md) through the C ABI: the
 * same rows and scenarios as the Rust conformance runner (tests/src/lib.rs), with the same
 * matching rules, so the two agree row by row. Failures name the file and the row. */
#define _POSIX_C_SOURCE 200809L

#include "wztest.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Whether `actual` contains `expected`: objects match when every expected key matches; anything
 * else must be equal (as wanzheng_conformance::subset). */
static int subset(const cJSON *expected, const cJSON *actual) {
    if (cJSON_IsObject(expected) && cJSON_IsObject(actual)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, expected) {
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(actual, e->string);
            if (a == NULL || !subset(e, a)) {
                return 0;
            }
        }
        return 1;
    }
    if (actual == NULL) {
        return 0;
    }
    return cJSON_Compare(expected, actual, 1) ? 1 : 0;
}

static wz_context *context_for(const cJSON *config, char *why, size_t len) {
    wz_context *ctx = NULL;
    char *text = config ? cJSON_PrintUnformatted(config) : NULL;
    if (wz_context_new(text, NULL, &ctx) != WZ_OK) {
        size_t n;
        wz_last_error_message(why, len, &n);
        ctx = NULL;
    }
    free(text);
    return ctx;
}

static void report(int verbose, const char *path, const char *id, const char *fmt, const char *a, const char *b) {
    if (verbose) {
        fprintf(stderr, "%s: %s: ", path, id);
        fprintf(stderr, fmt, a, b);
        fputc('\n', stderr);
    }
}

int wzt_run_decision_file(const char *path, int *rows, int verbose) {
    char *text = wzt_read_file(path);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    const cJSON *function, *row;
    int failures = 0;
    free(text);
    function = cJSON_GetObjectItemCaseSensitive(doc, "function");
    if (!cJSON_IsString(function)) {
        report(1, path, "-", "%s%s", "not a decision file (no \"function\")", "");
        cJSON_Delete(doc);
        return 1;
    }
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(doc, "rows")) {
        const cJSON *idv = cJSON_GetObjectItemCaseSensitive(row, "id");
        const char *id = cJSON_IsString(idv) ? idv->valuestring : "?";
        const cJSON *expect = cJSON_GetObjectItemCaseSensitive(row, "expect");
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(row, "error");
        char why[512] = "";
        wz_context *ctx = context_for(cJSON_GetObjectItemCaseSensitive(row, "config"), why, sizeof why);
        char *request, *out = NULL;
        wz_status s;
        (*rows)++;
        if (!ctx) {
            report(verbose, path, id, "bad config: %s%s", why, "");
            failures++;
            continue;
        }
        request = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(row, "request"));
        s = wz_decide(ctx, function->valuestring, request ? request : "null", &out);
        if (s == WZ_OK && expect) {
            cJSON *result = cJSON_Parse(out);
            if (!subset(expect, result)) {
                char *e = cJSON_PrintUnformatted(expect);
                report(verbose, path, id, "expected %s within %s", e, out);
                free(e);
                failures++;
            }
            cJSON_Delete(result);
        } else if (s != WZ_OK && cJSON_IsString(error)) {
            char kind[64];
            wzt_last_error_field("kind", kind, sizeof kind);
            if (strcmp(kind, error->valuestring) != 0) {
                report(verbose, path, id, "expected error %s, got %s", error->valuestring, kind);
                failures++;
            }
        } else if (s == WZ_OK) {
            report(verbose, path, id, "expected an error, got %s%s", out, "");
            failures++;
        } else {
            wzt_last_error_field("message", why, sizeof why);
            report(verbose, path, id, "unexpected error %s: %s", wz_status_name(s), why);
            failures++;
        }
        wz_string_free(out);
        free(request);
        wz_context_free(ctx);
    }
    cJSON_Delete(doc);
    return failures;
}

static const char *const TRANSITION_KEYS[] = {"to", "from", "outcomes", "rules", "exceptions_used"};
static const char *const ERROR_KEYS[] = {"rule_id", "reason", "state", "machine"};

static int check_final(const char *path, const char *name, wz_workspace *ws, const cJSON *fin, int verbose) {
    const cJSON *as_of = cJSON_GetObjectItemCaseSensitive(fin, "as_of");
    const cJSON *stream = cJSON_GetObjectItemCaseSensitive(fin, "stream");
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(fin, "state");
    const cJSON *codes = cJSON_GetObjectItemCaseSensitive(fin, "findings");
    const cJSON *r, *found = NULL, *code;
    char *out = NULL;
    cJSON *rep;
    int failures = 0;
    if (!cJSON_IsString(as_of) || wz_workspace_report(ws, as_of->valuestring, &out) != WZ_OK) {
        return 0; /* as the Rust runner: no parsable as_of, no final check */
    }
    rep = cJSON_Parse(out);
    wz_string_free(out);
    cJSON_ArrayForEach(r, rep) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(r, "stream");
        if (cJSON_IsString(s) && cJSON_IsString(stream) && strcmp(s->valuestring, stream->valuestring) == 0) {
            found = r;
        }
    }
    if (!found) {
        report(verbose, path, name, "final stream %s not found%s", cJSON_IsString(stream) ? stream->valuestring : "?", "");
        cJSON_Delete(rep);
        return 1;
    }
    if (cJSON_IsString(state)) {
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(found, "state");
        if (!cJSON_IsString(got) || strcmp(got->valuestring, state->valuestring) != 0) {
            report(verbose, path, name, "final state expected %s, got %s", state->valuestring,
                   cJSON_IsString(got) ? got->valuestring : "?");
            failures++;
        }
    }
    cJSON_ArrayForEach(code, codes) {
        const cJSON *f;
        int present = 0;
        if (!cJSON_IsString(code)) {
            continue;
        }
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(found, "findings")) {
            const cJSON *c = cJSON_GetObjectItemCaseSensitive(f, "code");
            present |= cJSON_IsString(c) && strcmp(c->valuestring, code->valuestring) == 0;
        }
        if (!present) {
            report(verbose, path, name, "finding %s missing%s", code->valuestring, "");
            failures++;
        }
    }
    cJSON_Delete(rep);
    return failures;
}

int wzt_run_scenario_file(const char *path, int *steps, int verbose) {
    char *text = wzt_read_file(path);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    const cJSON *namev = cJSON_GetObjectItemCaseSensitive(doc, "name");
    const char *name = cJSON_IsString(namev) ? namev->valuestring : "?";
    const cJSON *step;
    char why[512] = "", label[160];
    wz_context *ctx = context_for(cJSON_GetObjectItemCaseSensitive(doc, "config"), why, sizeof why);
    wz_workspace *ws = NULL;
    int failures = 0, i = 0;
    free(text);
    if (!doc || !ctx || wz_workspace_new(ctx, &ws) != WZ_OK) {
        report(1, path, name, "cannot start: %s%s", why, "");
        cJSON_Delete(doc);
        wz_context_free(ctx);
        return 1;
    }
    cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(doc, "steps")) {
        const cJSON *exp = cJSON_GetObjectItemCaseSensitive(step, "expect");
        const cJSON *okv = cJSON_GetObjectItemCaseSensitive(exp, "ok");
        int want_ok = cJSON_IsBool(okv) ? cJSON_IsTrue(okv) : 1;
        char *command = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(step, "command"));
        char *out = NULL;
        size_t k;
        wz_status s = wz_workspace_apply(ws, command ? command : "null", &out);
        snprintf(label, sizeof label, "%s step %d", name, i);
        (*steps)++;
        if (s == WZ_OK) {
            cJSON *t = cJSON_Parse(out);
            if (!want_ok) {
                report(verbose, path, label, "expected rejection, accepted as %s%s", out, "");
                failures++;
            } else {
                for (k = 0; k < sizeof TRANSITION_KEYS / sizeof TRANSITION_KEYS[0]; k++) {
                    const cJSON *e = cJSON_GetObjectItemCaseSensitive(exp, TRANSITION_KEYS[k]);
                    if (e && !subset(e, cJSON_GetObjectItemCaseSensitive(t, TRANSITION_KEYS[k]))) {
                        report(verbose, path, label, "%s differs from the expectation (got %s)", TRANSITION_KEYS[k], out);
                        failures++;
                    }
                }
            }
            cJSON_Delete(t);
        } else {
            cJSON *ev = wzt_last_error();
            const cJSON *kind = cJSON_GetObjectItemCaseSensitive(exp, "error");
            const cJSON *got_kind = cJSON_GetObjectItemCaseSensitive(ev, "kind");
            if (want_ok) {
                const cJSON *m = cJSON_GetObjectItemCaseSensitive(ev, "message");
                report(verbose, path, label, "unexpected error %s%s", cJSON_IsString(m) ? m->valuestring : "?", "");
                failures++;
            } else {
                for (k = 0; k < sizeof ERROR_KEYS / sizeof ERROR_KEYS[0]; k++) {
                    const cJSON *x = cJSON_GetObjectItemCaseSensitive(exp, ERROR_KEYS[k]);
                    const cJSON *g = cJSON_GetObjectItemCaseSensitive(ev, ERROR_KEYS[k]);
                    if (x && (!g || !cJSON_Compare(x, g, 1))) {
                        report(verbose, path, label, "%s differs from the expectation%s", ERROR_KEYS[k], "");
                        failures++;
                    }
                }
                if (cJSON_IsString(kind) &&
                    (!cJSON_IsString(got_kind) || strcmp(kind->valuestring, got_kind->valuestring) != 0)) {
                    report(verbose, path, label, "error kind expected %s, got %s", kind->valuestring,
                           cJSON_IsString(got_kind) ? got_kind->valuestring : "?");
                    failures++;
                }
            }
            cJSON_Delete(ev);
        }
        wz_string_free(out);
        free(command);
        i++;
    }
    if (cJSON_GetObjectItemCaseSensitive(doc, "final")) {
        failures += check_final(path, name, ws, cJSON_GetObjectItemCaseSensitive(doc, "final"), verbose);
    }
    wz_workspace_free(ws);
    wz_context_free(ctx);
    cJSON_Delete(doc);
    return failures;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of `dir`, sorted (caller frees each and the array); *n is their number. */
static char **json_files(const char *dir, size_t *n) {
    DIR *d = opendir(dir);
    struct dirent *e;
    char **out = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d) {
        return NULL;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char *path;
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) {
            continue;
        }
        if (*n == cap) {
            char **grown;
            cap = cap ? 2 * cap : 16;
            grown = realloc(out, cap * sizeof *out);
            if (!grown) {
                break;
            }
            out = grown;
        }
        path = malloc(strlen(dir) + len + 2);
        if (!path) {
            break;
        }
        sprintf(path, "%s/%s", dir, e->d_name);
        out[(*n)++] = path;
    }
    closedir(d);
    if (*n > 1) {
        qsort(out, *n, sizeof *out, by_name);
    }
    return out;
}

static void run_dir(const char *dir, int scenarios, int *files, int *units, int *failed) {
    size_t n, i;
    char **paths = json_files(dir, &n);
    for (i = 0; i < n; i++) {
        int f = scenarios ? wzt_run_scenario_file(paths[i], units, 1) : wzt_run_decision_file(paths[i], units, 1);
        *failed += f;
        (*files)++;
        free(paths[i]);
    }
    free(paths);
}

void test_fixtures(const char *fixtures_dir, const char *selftest_dir) {
    char dir[1024];
    int files = 0, rows = 0, steps = 0, failed = 0, self_rows = 0, self_steps = 0;
    snprintf(dir, sizeof dir, "%s/investment", fixtures_dir);
    run_dir(dir, 0, &files, &rows, &failed);
    snprintf(dir, sizeof dir, "%s/digital", fixtures_dir);
    run_dir(dir, 0, &files, &rows, &failed);
    snprintf(dir, sizeof dir, "%s/scenarios", fixtures_dir);
    run_dir(dir, 1, &files, &steps, &failed);
    printf("fixtures: %d files, %d decision rows, %d scenario steps, %d disagreements\n", files, rows, steps, failed);
    CHECK(failed == 0);

    /* The runner itself: a file written to disagree must be reported, row by row. */
    snprintf(dir, sizeof dir, "%s/selftest_decision.json", selftest_dir);
    CHECK(wzt_run_decision_file(dir, &self_rows, 0) == 3);
    CHECK(self_rows == 5);
    snprintf(dir, sizeof dir, "%s/selftest_scenario.json", selftest_dir);
    CHECK(wzt_run_scenario_file(dir, &self_steps, 0) == 4);
    CHECK(self_steps == 4);
}
