/* test_log: the fields of a log line come from the format's literal text and never from the
 * arguments. Whatever an argument holds (newlines, " x=1", quotes, invalid UTF-8), the text
 * line stays one line with the same fields, and the JSON line stays one valid object with the
 * same members. Exact lines are asserted. */
#include "test_support.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "log/log.h"

#define WHEN "2026-11-25T06:00:00.000Z"
#define TEXT_HEAD WHEN " info  "
#define JSON_HEAD "{\"ts\":\"" WHEN "\",\"level\":\"info\","

static char line[LOG_LINE_MAX];

/* The text or JSON line of one info event. */
#define TEXT(...) (log_format_line(line, sizeof(line), 0, WHEN, LOG_INFO, __VA_ARGS__), line)
#define JSON(...) (log_format_line(line, sizeof(line), 1, WHEN, LOG_INFO, __VA_ARGS__), line)

/* The JSON line parsed; fails unless it is one valid object on one line. */
static json_t *parsed(const char *json_line)
{
    assert_null(strchr(json_line, '\n'));
    json_error_t error;
    json_t *j = json_loads(json_line, 0, &error);
    if (!json_is_object(j))
        fail_msg("not a JSON object (%s): %s", error.text, json_line);
    return j;
}

static void test_fields_numbers_and_ticket_id(void **state)
{
    (void)state;
    const char *fmt_args = "decided";
    assert_string_equal(JSON("%s ticket=%s team=%s agent=%s confidence=%.2f escalations=%zu "
                             "latency_us=%" PRId64,
                             fmt_args, "t-1", "billing", "a-b", 0.93, (size_t)0, (int64_t)1404),
                        JSON_HEAD "\"msg\":\"decided\",\"ticket_id\":\"t-1\",\"team\":\"billing\","
                                  "\"agent\":\"a-b\",\"confidence\":0.93,\"escalations\":0,"
                                  "\"latency_us\":1404}");
    json_decref(parsed(line));
    assert_string_equal(TEXT("decided ticket=%s team=%s confidence=%.2f latency_us=%" PRId64, "t-1",
                             "billing", 0.93, (int64_t)1404),
                        TEXT_HEAD
                        "decided ticket=t-1 team=billing confidence=0.93 latency_us=1404");
}

static void test_newline_in_a_key_forges_no_line(void **state)
{
    (void)state;
    const char key[] = "t-1\n2026-11-25T06:00:00.001Z error forged ticket=t-2";
    assert_string_equal(
        TEXT("dead letter ticket=%.*s partition=%d offset=%" PRId64 " err=%s", (int)strlen(key),
             key, 3, (int64_t)42, "EDECODE"),
        TEXT_HEAD "dead letter ticket=\"t-1\\n2026-11-25T06:00:00.001Z error forged ticket=t-2\" "
                  "partition=3 offset=42 err=EDECODE");
    assert_string_equal(
        JSON("dead letter ticket=%.*s partition=%d offset=%" PRId64 " err=%s", (int)strlen(key),
             key, 3, (int64_t)42, "EDECODE"),
        JSON_HEAD "\"msg\":\"dead letter\",\"ticket_id\":\"t-1\\n2026-11-25T06:00:00.001Z error "
                  "forged ticket=t-2\",\"partition\":3,\"offset\":42,\"err\":\"EDECODE\"}");
    json_decref(parsed(line));
    /* \r and the other control bytes too. */
    assert_string_equal(TEXT("reopened ticket=%s agent=%s", "a\rb\x01\x1b[2J\x7f", "x"),
                        TEXT_HEAD "reopened ticket=\"a\\rb\\x01\\x1b[2J\\x7f\" agent=x");
}

static void test_key_value_text_in_a_value_opens_no_field(void **state)
{
    (void)state;
    const char *err = "timeout x=1 ticket=forged level=error";
    assert_string_equal(JSON("routing context reload failed err=%s", err),
                        JSON_HEAD "\"msg\":\"routing context reload failed\","
                                  "\"err\":\"timeout x=1 ticket=forged level=error\"}");
    json_t *j = parsed(line);
    assert_int_equal(json_object_size(j), 4);
    assert_string_equal(json_string_value(json_object_get(j, "level")), "info");
    json_decref(j);
    assert_string_equal(
        TEXT("routing context reload failed err=%s", err),
        TEXT_HEAD "routing context reload failed err=\"timeout x=1 ticket=forged level=error\"");
    /* Nor in the message words. */
    assert_string_equal(JSON("kafka %s: %s", "FAIL", "broker down\nx=1 \"y\""),
                        JSON_HEAD "\"msg\":\"kafka FAIL: broker down\\nx=1 \\\"y\\\"\"}");
    json_decref(parsed(line));
    assert_string_equal(TEXT("kafka %s: %s", "FAIL", "broker down\nx=1 \"y\" \\"),
                        TEXT_HEAD "kafka FAIL: broker down\\nx=1 \"y\" \\\\");
}

static void test_quotes_and_backslashes_are_escaped(void **state)
{
    (void)state;
    assert_string_equal(TEXT("re-routed ticket=%s why=%s", "a\"b", "say \"hi\" \\ bye"),
                        TEXT_HEAD "re-routed ticket=\"a\\\"b\" why=\"say \\\"hi\\\" \\\\ bye\"");
    assert_string_equal(JSON("re-routed ticket=%s why=%s", "a\"b", "say \"hi\" \\ bye"),
                        JSON_HEAD "\"msg\":\"re-routed\",\"ticket_id\":\"a\\\"b\","
                                  "\"why\":\"say \\\"hi\\\" \\\\ bye\"}");
    json_decref(parsed(line));
    /* Empty values are quoted in text, so the next field cannot look like the value. */
    assert_string_equal(TEXT("load released ticket=%s agent=%s", "", "a-1"),
                        TEXT_HEAD "load released ticket=\"\" agent=a-1");
}

static void test_invalid_utf8_is_escaped_and_valid_utf8_kept(void **state)
{
    (void)state;
    /* é is valid; \xff, \xfe, an overlong '/' (\xc0\xaf) and a cut sequence (\xe2\x82) are not;
     * U+2028 and U+0085 end lines in some readers. */
    const char *name = "caf\xc3\xa9 \xff\xfe \xc0\xaf \xe2\x80\xa8\xc2\x85 \xe2\x82";
    assert_string_equal(
        TEXT("presence agent=%s presence=%s", name, "online"),
        TEXT_HEAD "presence agent=\"caf\xc3\xa9 \\xff\\xfe \\xc0\\xaf \\u2028\\u0085 \\xe2\\x82\" "
                  "presence=online");
    assert_string_equal(JSON("presence agent=%s presence=%s", name, "online"),
                        JSON_HEAD "\"msg\":\"presence\",\"agent\":\"caf\xc3\xa9 \\ufffd\\ufffd "
                                  "\\ufffd\\ufffd \\u2028\\u0085 \\ufffd\\ufffd\","
                                  "\"presence\":\"online\"}");
    json_t *j = parsed(line);
    assert_string_equal(json_string_value(json_object_get(j, "agent")),
                        "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
                        "\xe2\x80\xa8\xc2\x85 \xef\xbf\xbd\xef\xbf\xbd");
    json_decref(j);
}

static void test_words_around_fields_are_the_message(void **state)
{
    (void)state;
    assert_string_equal(JSON("re-route failed, retrying in %d s ticket=%s err=%s", 5, "t-9", "EIO"),
                        JSON_HEAD "\"msg\":\"re-route failed, retrying in 5 s\","
                                  "\"ticket_id\":\"t-9\",\"err\":\"EIO\"}");
    assert_string_equal(JSON("published model refused version=%s err=%s (keeping the model in use)",
                             "v2", "bad header"),
                        JSON_HEAD "\"msg\":\"published model refused (keeping the model in use)\","
                                  "\"version\":\"v2\",\"err\":\"bad header\"}");
    /* Text keeps the format's order. */
    assert_string_equal(
        TEXT("published model refused version=%s err=%s (keeping the model in use)", "v2",
             "bad header"),
        TEXT_HEAD
        "published model refused version=v2 err=\"bad header\" (keeping the model in use)");
    assert_string_equal(JSON("consumption paused: a dependency is failing"),
                        JSON_HEAD "\"msg\":\"consumption paused: a dependency is failing\"}");
    assert_string_equal(TEXT("routing mode=%s topics=%s,%s", "live", "a", "b"),
                        TEXT_HEAD "routing mode=live topics=a,b");
}

static void test_only_a_lone_numeric_conversion_is_a_json_number(void **state)
{
    (void)state;
    assert_string_equal(JSON("model reloaded version=%s neg=%d big=%g hex=%x nan=%f pct=%d%% "
                             "pad=%*d cut=%.*s c=%c",
                             "007", -3, 1e6, 255u, NAN, 50, 4, 7, 2, "abc", '\n'),
                        JSON_HEAD "\"msg\":\"model reloaded\",\"version\":\"007\",\"neg\":-3,"
                                  "\"big\":1e+06,\"hex\":\"ff\",\"nan\":\"nan\",\"pct\":\"50%\","
                                  "\"pad\":\"   7\",\"cut\":\"ab\",\"c\":\"\\n\"}");
    json_decref(parsed(line));
    /* Reserved member names are kept apart. */
    assert_string_equal(JSON("odd msg=%s level=%s", "m", "l"),
                        JSON_HEAD "\"msg\":\"odd\",\"msg_\":\"m\",\"level_\":\"l\"}");
}

static void test_longest_message_stays_one_valid_line(void **state)
{
    (void)state;
    char msg[LOG_MSG_MAX];
    memset(msg, 0x02, sizeof(msg) - 1);
    msg[sizeof(msg) - 1] = '\0';
    json_t *j = parsed(JSON("%s", msg));
    assert_int_equal(strlen(json_string_value(json_object_get(j, "msg"))), sizeof(msg) - 1);
    json_decref(j);
    TEXT("%s", msg);
    assert_int_equal(strlen(line), strlen(TEXT_HEAD) + 4 * (sizeof(msg) - 1));
    /* A value of invalid bytes, each escaped to the most: still one valid object. */
    memset(msg, 0xff, sizeof(msg) - 1);
    j = parsed(JSON("x ticket=%s", msg));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_numbers_and_ticket_id),
        cmocka_unit_test(test_newline_in_a_key_forges_no_line),
        cmocka_unit_test(test_key_value_text_in_a_value_opens_no_field),
        cmocka_unit_test(test_quotes_and_backslashes_are_escaped),
        cmocka_unit_test(test_invalid_utf8_is_escaped_and_valid_utf8_kept),
        cmocka_unit_test(test_words_around_fields_are_the_message),
        cmocka_unit_test(test_only_a_lone_numeric_conversion_is_a_json_number),
        cmocka_unit_test(test_longest_message_stays_one_valid_line),
    };
    return cmocka_run_group_tests_name("unit.log", tests, NULL, NULL);
}
