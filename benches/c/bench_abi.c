/* Per-call cost through the C ABI (release library): the handle-based apply of one event, and a
 * decision function single and batched. The Rust side of the comparison is
 * bindings/c/examples/bench_rust.rs, run on the same inputs by benches/c/run.sh.
 *
 *   bench_abi APPLY_COMMAND_FILE [FUNCTION REQUEST_FILE]
 *
 * Prints one line per measurement: name, ns per call (median of 7 runs). */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wanzheng.h"

#define RUNS 7

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
            buf[n] = '\0';
        } else {
            free(buf);
            buf = NULL;
        }
    }
    if (f) {
        fclose(f);
    }
    return buf;
}

static void fail(const char *what) {
    char msg[512];
    size_t n;
    wz_last_error_message(msg, sizeof msg, &n);
    fprintf(stderr, "%s: %s\n", what, msg);
    exit(1);
}

static void report(const char *name, double *per_call) {
    qsort(per_call, RUNS, sizeof *per_call, cmp);
    printf("%-28s %10.0f ns\n", name, per_call[RUNS / 2]);
}

int main(int argc, char **argv) {
    wz_context *ctx = NULL;
    wz_inv_project *p = NULL;
    char *first, *apply_cmd, *out = NULL;
    double t[RUNS];
    int r, i;
    const int n_apply = 4000;
    if (argc < 2) {
        fprintf(stderr, "usage: %s APPLY_COMMAND_FILE [FUNCTION REQUEST_FILE]\n", argv[0]);
        return 2;
    }
    /* The apply file holds two lines: the registration, then the event applied repeatedly. */
    first = read_file(argv[1]);
    if (!first || !(apply_cmd = strchr(first, '\n'))) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    *apply_cmd++ = '\0';
    if (wz_context_new(NULL, NULL, &ctx) != WZ_OK) {
        fail("wz_context_new");
    }
    for (r = 0; r < RUNS; r++) {
        double t0;
        if (wz_inv_project_create(ctx, first, &p, NULL) != WZ_OK) {
            fail("wz_inv_project_create");
        }
        t0 = now_ns();
        for (i = 0; i < n_apply; i++) {
            if (wz_inv_project_apply(p, apply_cmd, &out) != WZ_OK) {
                fail("wz_inv_project_apply");
            }
            wz_string_free(out);
        }
        t[r] = (now_ns() - t0) / n_apply;
        wz_inv_project_free(p);
    }
    report("c_abi/apply_one_event", t);

    if (argc >= 4) {
        const char *function = argv[2];
        char *request = read_file(argv[3]);
        const int n_single = 20000, batch = 1000, n_batch = 20;
        size_t len = request ? strlen(request) : 0;
        char *array = malloc(len * (size_t)batch + (size_t)batch + 3);
        char *w = array;
        if (!request || !array) {
            return 2;
        }
        for (r = 0; r < RUNS; r++) {
            double t0 = now_ns();
            for (i = 0; i < n_single; i++) {
                if (wz_decide(ctx, function, request, &out) != WZ_OK) {
                    fail("wz_decide");
                }
                wz_string_free(out);
            }
            t[r] = (now_ns() - t0) / n_single;
        }
        report("c_abi/decide_single", t);
        *w++ = '[';
        for (i = 0; i < batch; i++) {
            if (i) {
                *w++ = ',';
            }
            memcpy(w, request, len);
            w += len;
        }
        *w++ = ']';
        *w = '\0';
        for (r = 0; r < RUNS; r++) {
            double t0 = now_ns();
            for (i = 0; i < n_batch; i++) {
                if (wz_decide_batch(ctx, function, array, &out) != WZ_OK) {
                    fail("wz_decide_batch");
                }
                wz_string_free(out);
            }
            t[r] = (now_ns() - t0) / ((double)n_batch * batch);
        }
        report("c_abi/decide_batch_per_item", t);
        free(array);
        free(request);
    }
    {
        /* The typed route batch: 1000 requests per call, totals k × 123,457.89 for k = 0..999
         * (0 to 123,334,431.11, across both thresholds), flags 0, in_plan or in_plan|agreed in
         * turn; the same inputs as rust/approval_route_typed. */
        enum { N_TYPED = 1000, CALLS = 2000 };
        static char totals[N_TYPED][24];
        static wz_route_request reqs[N_TYPED];
        static const char *routes[N_TYPED];
        const uint32_t flags[3] = {0, WZ_ROUTE_IN_PLAN, WZ_ROUTE_IN_PLAN | WZ_ROUTE_AGREED};
        for (i = 0; i < N_TYPED; i++) {
            long long fen = (long long)i * 12345789LL;
            snprintf(totals[i], sizeof totals[i], "%lld.%02lld", fen / 100, fen % 100);
            reqs[i].total = totals[i];
            reqs[i].flags = flags[i % 3];
        }
        for (r = 0; r < RUNS; r++) {
            double t0 = now_ns();
            for (i = 0; i < CALLS; i++) {
                if (wz_approval_route_batch(ctx, reqs, N_TYPED, routes) != WZ_OK) {
                    fail("wz_approval_route_batch");
                }
            }
            t[r] = (now_ns() - t0) / ((double)CALLS * N_TYPED);
        }
        report("c_abi/route_batch_per_item", t);
    }
    wz_context_free(ctx);
    free(first);
    return 0;
}
