/* The fault suite's table: every scenario's row (written by the test_fault_* binaries into
 * <build>/tests/fault-results/), printed; with TR_FAULT_RESULTS set also written to
 * tests/fault/RESULTS.md. Runs after every scenario, also under ctest -j: tests/CMakeLists.txt
 * makes it the cleanup test of the fixture fault_table, which every other fault test requires. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fault_results.h"
#include "test_support.h"

static void test_print_fault_results_table(void **state)
{
    (void)state;
    printf("\nfault suite results\n\n");
    size_t rows = fault_results_print(stdout);
    const char *want = getenv("TR_FAULT_RESULTS");
    if (want && *want) {
        const char *path = TEST_SOURCE_DIR "/tests/fault/RESULTS.md";
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        time_t now = time(NULL);
        char when[64];
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", gmtime(&now));
        fprintf(fp,
                "# Fault suite results\n\nMeasured %s by `ctest -L fault` (tests/fault/);"
                " what each column means: tests/fault/README.md.\n\n",
                when);
        fault_results_print(fp);
        fclose(fp);
        printf("\nwritten to %s\n", path);
    }
    assert_true(rows > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_fault_results_table),
    };
    return cmocka_run_group_tests_name("fault.report", tests, NULL, NULL);
}
