/* README "Approval screens" in C: which acts a project permits next, and a dry run.
 *
 *   wz_approval_screen PROJECT.json
 *
 * Applies every command of the project file but the last (the act about to be done), prints
 * the screen of the actor of that act on its date — each allowed act, and each act a rule
 * blocks with its article and Chinese message — then the dry run of the act (the transition
 * wz_workspace_apply would give, or its refusal), with nothing changed. Exit 0, 2 on bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <wanzheng.h>

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = calloc((size_t)n + 1, 1)) != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (f) {
        fclose(f);
    }
    return buf;
}

static const char *str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* One line per act the screen enables or a rule blocks for this actor's act (acts the state does
 * not take, and acts for other actors, are left out). */
static void print_screen(const char *json) {
    cJSON *screen = cJSON_Parse(json);
    const cJSON *s, *e, *b;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(screen, "streams")) {
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(s, "events")) {
            int allowed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "allowed"));
            const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "blockers"), 0);
            if (!allowed && (strcmp(str(first, "kind"), "transition") == 0 || strcmp(str(first, "detail"), "wrong_actor") == 0)) {
                continue;
            }
            printf("%s %s %s", allowed ? "+" : "-", str(s, "machine"), str(e, "event"));
            cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(e, "blockers")) {
                printf(" [%s %s %s]", str(b, "rule"), str(b, "article"), str(b, "message_zh"));
            }
            putchar('\n');
        }
    }
    cJSON_Delete(screen);
}

int main(int argc, char **argv) {
    char *text = argc == 2 ? slurp(argv[1]) : NULL;
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    cJSON *commands = cJSON_GetObjectItemCaseSensitive(doc, "commands");
    cJSON *next = cJSON_DetachItemFromArray(commands, cJSON_GetArraySize(commands) - 1);
    char *rest = cJSON_PrintUnformatted(commands), *act = cJSON_PrintUnformatted(next);
    const cJSON *config = cJSON_GetObjectItemCaseSensitive(doc, "config");
    char *config_json = config ? cJSON_PrintUnformatted(config) : NULL;
    char *steps = NULL, *screen = NULL, *dry = NULL, *err = NULL;
    wz_context *ctx = NULL;
    wz_workspace *ws = NULL;
    int rc = 2;
    if (!next || wz_context_new(config_json, NULL, &ctx) != WZ_OK || wz_workspace_new(ctx, &ws) != WZ_OK ||
        wz_workspace_apply_all(ws, rest, &steps) != WZ_OK) {
        fprintf(stderr, "usage: %s PROJECT.json (a project file with commands)\n", argv[0]);
        goto done;
    }
    /* The screen: every stream's table for the actor of the next act, on its date (JSON, README). */
    if (wz_workspace_permitted_events(ws, str(next, "date"), str(next, "actor"), &screen) != WZ_OK) {
        goto done;
    }
    print_screen(screen);
    /* The dry run: the transition JSON apply would give, or its refusal in the last error. */
    if (wz_workspace_what_if(ws, act, &dry) == WZ_OK) {
        printf("what_if %s: %s\n", str(next, "event"), dry);
    } else if (wz_last_error_json(&err) == WZ_OK) {
        printf("what_if %s refused: %s\n", str(next, "event"), err);
    }
    rc = 0;
done:
    wz_string_free(steps);
    wz_string_free(screen);
    wz_string_free(dry);
    wz_string_free(err);
    wz_workspace_free(ws);
    wz_context_free(ctx);
    free(config_json);
    free(rest);
    free(act);
    cJSON_Delete(next);
    cJSON_Delete(doc);
    free(text);
    return rc;
}
