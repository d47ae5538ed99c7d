/* A minimal test harness for the C suite of wanzheng (C99). */
#ifndef WZTEST_H
#define WZTEST_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "wanzheng.h"

extern int wzt_checks;
extern int wzt_failures;

/* Records one check. */
void wzt_check(int ok, const char *file, int line, const char *what);
/* Records one status check; on a mismatch prints the last error. */
void wzt_check_status(wz_status got, wz_status want, const char *file, int line, const char *what);

#define CHECK(cond) wzt_check((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_STATUS(call, want) wzt_check_status((call), (want), __FILE__, __LINE__, #call)

/* The last error as parsed JSON (caller frees with cJSON_Delete), or NULL. */
cJSON *wzt_last_error(void);
/* A string field of the last error, copied into buf ("" when absent). */
const char *wzt_last_error_field(const char *key, char *buf, size_t len);
/* Whether the last error's message is non-empty. */
int wzt_last_error_has_message(void);

/* Command JSON builders (written into buf). */
const char *wzt_cmd_register(char *buf, size_t len, const char *pid, const char *total, const char *date);
const char *wzt_cmd_select_route(char *buf, size_t len, const char *pid, const char *route, const char *date);
const char *wzt_cmd_withdraw(char *buf, size_t len, const char *pid, const char *actor, const char *date);
const char *wzt_cmd_exception(char *buf, size_t len, const char *pid, const char *date);

/* Reads a whole file into a malloc'd NUL-terminated buffer (NULL on failure). */
char *wzt_read_file(const char *path);

/* Test groups. */
void test_versions(void);
void test_lifecycle(void);
void test_last_error(void);
void test_bad_input(void);
void test_calendar(void);
void test_ruleset(void);
void test_decide(void);
void test_panics(void);
void test_threads(void);
void test_digital(void);
void test_route_batch(const char *fixtures_dir);
/* The shared fixtures: returns the number of failing rows; adds to *rows. */
int wzt_run_decision_file(const char *path, int *rows, int verbose);
int wzt_run_scenario_file(const char *path, int *steps, int verbose);
void test_fixtures(const char *fixtures_dir, const char *selftest_dir);
/* wz_check_file/wz_check_json/wz_workspace_apply_all on the repository's example projects. */
void test_check(const char *examples_dir);
/* Issue 12 item 2: the shared tamper fixture through wz_inv_project_replay_checked. */
void test_tamper(const char *fixtures_dir);
/* Issue 13: permitted_events and what_if on every handle kind, the shared screens rows. */
void test_permitted(const char *fixtures_dir);
/* Issue 13 item 3: the project document (the whole project, not just the log) and its strict replay. */
void test_document(const char *examples_dir);

#endif
