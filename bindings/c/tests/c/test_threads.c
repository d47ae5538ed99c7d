/* Several threads at once, each with its own project handles, sharing one calendar and one
 * context (both documented as shareable); then one project and one workspace shared by all. */
#include "wztest.h"

#include <pthread.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 8

struct job {
    const wz_calendar *calendar;
    const wz_context *context;
    int index;
    int failures;
};

static void *worker(void *arg) {
    struct job *job = arg;
    char cmd[2048], pid[32], buf[64];
    int round;
    for (round = 0; round < ROUNDS; round++) {
        wz_inv_project *p = NULL, *q = NULL;
        wz_context *own = NULL;
        char *t = NULL, *log = NULL, *s1 = NULL, *s2 = NULL;
        bool working = false;
        snprintf(pid, sizeof pid, "T%d-%d", job->index, round);
        /* A context of its own on the shared calendar, and the shared context. */
        if (wz_context_new(NULL, job->calendar, &own) != WZ_OK) {
            job->failures++;
            continue;
        }
        if (wz_calendar_is_working_day(job->calendar, "2023-06-25", &working) != WZ_OK || !working) {
            job->failures++;
        }
        if (wz_inv_project_create(round % 2 ? own : job->context,
                                  wzt_cmd_register(cmd, sizeof cmd, pid, "8500000.00", "2023-07-03"), &p, NULL) != WZ_OK) {
            job->failures++;
            wz_context_free(own);
            continue;
        }
        if (wz_inv_project_apply(p, wzt_cmd_select_route(cmd, sizeof cmd, pid, "standard", "2023-07-04"), &t) != WZ_OK) {
            job->failures++;
        }
        wz_string_free(t);
        t = NULL;
        /* A refusal: this thread's last error names INV-8, whatever the other threads do. */
        if (wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, pid, "drc", "2023-07-05"), &t) !=
            WZ_RULE_VIOLATION) {
            job->failures++;
        }
        if (strcmp(wzt_last_error_field("rule_id", buf, sizeof buf), "INV-8") != 0) {
            job->failures++;
        }
        if (wz_decide(job->context, "no_such_function", "{}", &t) != WZ_MALFORMED_INPUT) {
            job->failures++;
        }
        if (strcmp(wzt_last_error_field("reason", buf, sizeof buf), "unknown_value") != 0) {
            job->failures++;
        }
        if (wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, pid, "project_unit", "2023-07-05"), &t) != WZ_OK) {
            job->failures++;
        }
        wz_string_free(t);
        t = NULL;
        /* Export, replay on the shared context, same state. */
        if (wz_inv_project_export_log(p, &log) != WZ_OK || wz_inv_project_replay(job->context, log, &q, NULL) != WZ_OK ||
            wz_inv_project_state(p, &s1) != WZ_OK || wz_inv_project_state(q, &s2) != WZ_OK || strcmp(s1, s2) != 0 ||
            strstr(s1, "\"state\":\"withdrawn\"") == NULL) {
            job->failures++;
        }
        wz_string_free(log);
        wz_string_free(s1);
        wz_string_free(s2);
        wz_inv_project_free(q);
        wz_inv_project_free(p);
        wz_context_free(own);
    }
    return NULL;
}

/* One project and one workspace shared by every thread (issue 12: concurrent apply on one
 * handle answered WZ_POISONED_HANDLE in ~90 % of calls, from a data race on its flag). */
#define SHARED_ROUNDS 50

struct shared_job {
    wz_inv_project *project;
    wz_workspace *workspace;
    int index;
    int failures;
    int poisoned;
};

static void *shared_worker(void *arg) {
    struct shared_job *job = arg;
    char cmd[2048], pid[32];
    int round;
    for (round = 0; round < SHARED_ROUNDS; round++) {
        char *t = NULL, *s = NULL;
        wz_status st;
        /* A refused change of the shared project, and reads between. */
        st = wz_inv_project_apply(job->project, wzt_cmd_withdraw(cmd, sizeof cmd, "S1", "drc", "2023-07-05"), &t);
        job->poisoned += st == WZ_POISONED_HANDLE;
        job->failures += st != WZ_RULE_VIOLATION || t != NULL;
        st = wz_inv_project_state(job->project, &s);
        job->poisoned += st == WZ_POISONED_HANDLE;
        job->failures += st != WZ_OK || s == NULL || strstr(s, "\"state\":\"reserve\"") == NULL;
        wz_string_free(s);
        s = NULL;
        /* Accepted changes of the shared workspace: a project of this thread's own. */
        snprintf(pid, sizeof pid, "W%d-%d", job->index, round);
        st = wz_workspace_apply(job->workspace, wzt_cmd_register(cmd, sizeof cmd, pid, "1.00", "2023-07-03"), &t);
        job->poisoned += st == WZ_POISONED_HANDLE;
        job->failures += st != WZ_OK;
        wz_string_free(t);
        t = NULL;
        st = wz_workspace_apply(job->workspace, wzt_cmd_withdraw(cmd, sizeof cmd, pid, "project_unit", "2023-07-04"), &t);
        job->poisoned += st == WZ_POISONED_HANDLE;
        job->failures += st != WZ_OK;
        wz_string_free(t);
    }
    return NULL;
}

static void test_shared_handles(const wz_context *ctx) {
    pthread_t threads[THREADS];
    struct shared_job jobs[THREADS];
    wz_inv_project *p = NULL;
    wz_workspace *ws = NULL;
    char cmd[2048], *log = NULL, *report = NULL, *t = NULL;
    const char *at;
    int i, streams = 0;
    CHECK_STATUS(wz_inv_project_create(ctx, wzt_cmd_register(cmd, sizeof cmd, "S1", "8500000.00", "2023-07-03"), &p, NULL),
                 WZ_OK);
    CHECK_STATUS(wz_workspace_new(ctx, &ws), WZ_OK);
    for (i = 0; i < THREADS; i++) {
        jobs[i].project = p;
        jobs[i].workspace = ws;
        jobs[i].index = i;
        jobs[i].failures = 0;
        jobs[i].poisoned = 0;
        CHECK(pthread_create(&threads[i], NULL, shared_worker, &jobs[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(jobs[i].poisoned == 0);
        CHECK(jobs[i].failures == 0);
        if (jobs[i].failures || jobs[i].poisoned) {
            fprintf(stderr, "shared handles, thread %d: %d failures, %d poisoned\n", i, jobs[i].failures,
                    jobs[i].poisoned);
        }
    }
    /* Nothing was lost: the refusals left the project as it was, every registration landed. */
    CHECK_STATUS(wz_inv_project_export_log(p, &log), WZ_OK);
    CHECK(log != NULL && strstr(log, "\"seq\":2") == NULL);
    CHECK_STATUS(wz_inv_project_apply(p, wzt_cmd_withdraw(cmd, sizeof cmd, "S1", "project_unit", "2023-07-05"), &t), WZ_OK);
    CHECK_STATUS(wz_workspace_report(ws, "2023-07-10", &report), WZ_OK);
    for (at = report; at && (at = strstr(at, "\"stream\":\"inv/W")) != NULL; at++) {
        streams++;
    }
    CHECK(streams == THREADS * SHARED_ROUNDS);
    wz_string_free(t);
    wz_string_free(log);
    wz_string_free(report);
    wz_workspace_free(ws);
    wz_inv_project_free(p);
}

void test_threads(void) {
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    wz_calendar *cal = NULL;
    wz_context *ctx = NULL;
    int i;
    CHECK_STATUS(wz_calendar_embedded(&cal), WZ_OK);
    CHECK_STATUS(wz_context_new(NULL, cal, &ctx), WZ_OK);
    for (i = 0; i < THREADS; i++) {
        jobs[i].calendar = cal;
        jobs[i].context = ctx;
        jobs[i].index = i;
        jobs[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, worker, &jobs[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(jobs[i].failures == 0);
        if (jobs[i].failures) {
            fprintf(stderr, "thread %d: %d failures\n", i, jobs[i].failures);
        }
    }
    test_shared_handles(ctx);
    wz_context_free(ctx);
    wz_calendar_free(cal);
}
