/* test_log: the JSON log line is one valid JSON object whatever the message holds, with the
 * message words, ticket_id and every key=value as fields. */
#include "test_support.h"

#include <jansson.h>
#include <string.h>

#include "log/log.h"

static json_t *line_of(const char *msg)
{
    static char line[LOG_JSON_LINE_MAX];
    log_format_json(line, sizeof(line), "2026-11-25T06:00:00.000Z", "info", msg);
    assert_null(strchr(line, '\n'));
    json_error_t error;
    json_t *j = json_loads(line, 0, &error);
    if (!j)
        fail_msg("not JSON (%s): %s", error.text, line);
    return j;
}

static const char *str(json_t *j, const char *key)
{
    json_t *v = json_object_get(j, key);
    if (!json_is_string(v))
        fail_msg("%s is not a string", key);
    return json_string_value(v);
}

static void test_fields_and_ticket_id(void **state)
{
    (void)state;
    json_t *j = line_of("decided ticket=t-1 team=billing agent=a-b confidence=0.93 "
                        "escalations=0 latency_us=1404");
    assert_string_equal(str(j, "ts"), "2026-11-25T06:00:00.000Z");
    assert_string_equal(str(j, "level"), "info");
    assert_string_equal(str(j, "msg"), "decided");
    assert_string_equal(str(j, "ticket_id"), "t-1");
    assert_null(json_object_get(j, "ticket"));
    assert_string_equal(str(j, "team"), "billing");
    assert_true(json_is_real(json_object_get(j, "confidence")));
    assert_true(json_real_value(json_object_get(j, "confidence")) == 0.93);
    assert_int_equal(json_integer_value(json_object_get(j, "latency_us")), 1404);
    assert_int_equal(json_integer_value(json_object_get(j, "escalations")), 0);
    json_decref(j);
}

static void test_values_with_spaces_run_to_the_next_key(void **state)
{
    (void)state;
    json_t *j = line_of("re-routed ticket=t-2 from=a to=b revision=1 why=no first response "
                        "within 15 min");
    assert_string_equal(str(j, "msg"), "re-routed");
    assert_string_equal(str(j, "why"), "no first response within 15 min");
    assert_int_equal(json_integer_value(json_object_get(j, "revision")), 1);
    json_decref(j);
    /* Words only, and a message whose words come after a number-like token. */
    j = line_of("consumption paused: a dependency is failing");
    assert_string_equal(str(j, "msg"), "consumption paused: a dependency is failing");
    assert_int_equal(json_object_size(j), 3);
    json_decref(j);
}

static void test_hostile_bytes_stay_valid_json(void **state)
{
    (void)state;
    json_t *j = line_of("dead letter ticket=\"x\\y\" reason=bad\tbyte\x01 \"quoted\" err=EINVAL");
    assert_string_equal(str(j, "ticket_id"), "\"x\\y\"");
    assert_string_equal(str(j, "reason"), "bad\tbyte\x01 \"quoted\"");
    assert_string_equal(str(j, "err"), "EINVAL");
    json_decref(j);
    /* Not numbers: leading zeros, versions, trailing dots. */
    j = line_of("model reloaded version=007 other=1.2.3 dot=5. neg=-3");
    assert_string_equal(str(j, "version"), "007");
    assert_string_equal(str(j, "other"), "1.2.3");
    assert_string_equal(str(j, "dot"), "5.");
    assert_int_equal(json_integer_value(json_object_get(j, "neg")), -3);
    json_decref(j);
    /* The longest message, all control bytes: still one valid object. */
    char msg[LOG_MSG_MAX];
    memset(msg, 0x02, sizeof(msg) - 1);
    msg[sizeof(msg) - 1] = '\0';
    j = line_of(msg);
    assert_int_equal(strlen(str(j, "msg")), sizeof(msg) - 1);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_ticket_id),
        cmocka_unit_test(test_values_with_spaces_run_to_the_next_key),
        cmocka_unit_test(test_hostile_bytes_stay_valid_json),
    };
    return cmocka_run_group_tests_name("unit.log", tests, NULL, NULL);
}
