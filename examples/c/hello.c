/* The smallest wanzheng program: check the ABI, explain a rule, list the decision functions. */
#include <stdio.h>

#include <wanzheng.h>

int main(void) {
    char *json = NULL;
    if (wz_abi_version() != WZ_ABI_VERSION) {
        fprintf(stderr, "wanzheng ABI %u, header %u\n", (unsigned)wz_abi_version(), (unsigned)WZ_ABI_VERSION);
        return 1;
    }
    printf("wanzheng %s (ABI %u)\n", wz_version(), (unsigned)wz_abi_version());
    if (wz_explain("INV-15.1", &json) != WZ_OK) {
        char msg[512];
        size_t n;
        wz_last_error_message(msg, sizeof msg, &n);
        fprintf(stderr, "wz_explain: %s\n", msg);
        return 1;
    }
    printf("INV-15.1: %s\n", json);
    wz_string_free(json);
    if (wz_decide_functions(&json) != WZ_OK) {
        return 1;
    }
    printf("decision functions: %s\n", json);
    wz_string_free(json);
    return 0;
}
