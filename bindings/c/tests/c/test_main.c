/* The C suite of wanzheng: run as `wz_c_tests <fixtures dir> <self-test data dir> <examples dir>`. */
#include "wztest.h"

int main(int argc, char **argv) {
    const char *fixtures = argc > 1 ? argv[1] : "tests/fixtures";
    const char *selftest = argc > 2 ? argv[2] : "bindings/c/tests/c/data";
    const char *examples = argc > 3 ? argv[3] : "examples";
    test_versions();
    test_lifecycle();
    test_last_error();
    test_bad_input();
    test_calendar();
    test_ruleset();
    test_decide();
    test_panics();
    test_threads();
    test_digital();
    test_route_batch(fixtures);
    test_fixtures(fixtures, selftest);
    test_check(examples);
    test_tamper(fixtures);
    test_permitted(fixtures);
    test_document(examples);
    printf("wz_c_tests: %d passed, %d failed\n", wzt_checks - wzt_failures, wzt_failures);
    return wzt_failures == 0 ? 0 : 1;
}
