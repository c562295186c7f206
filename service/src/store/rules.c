#include <jansson.h>
#include <string.h>

#include "store/store.h"

static int string_list(json_t *value, const char *key, char (*out)[TR_NAME_MAX], size_t max,
                       size_t *n, char *err, size_t errlen)
{
    if (json_is_string(value)) {
        value = json_pack("[O]", value);
    } else if (json_is_array(value)) {
        json_incref(value);
    } else {
        snprintf(err, errlen, "%s: must be a string or a list of strings", key);
        return TR_EINVAL;
    }
    int rc = 0;
    size_t i;
    json_t *item;
    if (json_array_size(value) > max) {
        snprintf(err, errlen, "%s: at most %zu entries", key, max);
        rc = TR_EINVAL;
    }
    json_array_foreach(value, i, item)
    {
        if (rc != 0)
            break;
        if (!json_is_string(item) || json_string_length(item) == 0 ||
            json_string_length(item) >= TR_NAME_MAX) {
            snprintf(err, errlen, "%s: entries must be non-empty strings under %d bytes", key,
                     TR_NAME_MAX);
            rc = TR_EINVAL;
            break;
        }
        tr_strlcpy(out[i], json_string_value(item), TR_NAME_MAX);
        *n = i + 1;
    }
    json_decref(value);
    return rc;
}

static int string_field(json_t *value, const char *key, char *out, size_t outlen, char *err,
                        size_t errlen)
{
    if (!json_is_string(value) || json_string_length(value) == 0 ||
        json_string_length(value) >= outlen) {
        snprintf(err, errlen, "%s: must be a non-empty string under %zu bytes", key, outlen);
        return TR_EINVAL;
    }
    tr_strlcpy(out, json_string_value(value), outlen);
    return 0;
}

static int number_field(json_t *value, const char *key, double lo, double hi, double *out,
                        char *err, size_t errlen)
{
    if (!json_is_number(value) || json_number_value(value) < lo || json_number_value(value) > hi) {
        snprintf(err, errlen, "%s: must be a number within %g..%g", key, lo, hi);
        return TR_EINVAL;
    }
    *out = json_number_value(value);
    return 0;
}

static int flag_field(json_t *value, const char *key, int *out, char *err, size_t errlen)
{
    if (!json_is_boolean(value)) {
        snprintf(err, errlen, "%s: must be true or false", key);
        return TR_EINVAL;
    }
    *out = json_is_true(value) ? ROUTE_YES : ROUTE_NO;
    return 0;
}

static int escalate_parse(json_t *obj, struct route_rule *r, char *err, size_t errlen)
{
    if (!json_is_object(obj)) {
        snprintf(err, errlen, "escalate: must be an object {\"kind\", \"severity\", \"notify\"}");
        return TR_EINVAL;
    }
    r->escalate = true;
    r->escalation_severity = SEVERITY_HIGH;
    bool has_kind = false;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strcmp(key, "kind") == 0) {
            if (!json_is_string(v) ||
                !escalation_kind_parse(json_string_value(v), &r->escalation_kind)) {
                snprintf(err, errlen,
                         "escalate.kind: one of SECURITY, LEGAL, VIP_DISTRESS, CHURN_RETURN, "
                         "CHURN_THREAT, OUTAGE, SLA_TIMEOUT, AFTER_HOURS_VALUE");
                return TR_EINVAL;
            }
            has_kind = true;
        } else if (strcmp(key, "severity") == 0) {
            if (!json_is_string(v) ||
                !severity_parse(json_string_value(v), &r->escalation_severity)) {
                snprintf(err, errlen, "escalate.severity: one of LOW, MEDIUM, HIGH, CRITICAL");
                return TR_EINVAL;
            }
        } else if (strcmp(key, "notify") == 0) {
            int rc = string_list(v, "escalate.notify", r->notify, TR_NOTIFY_MAX, &r->n_notify, err,
                                 errlen);
            if (rc != 0)
                return rc;
        } else {
            snprintf(err, errlen, "escalate: unknown key '%s'", key);
            return TR_EINVAL;
        }
    }
    if (!has_kind) {
        snprintf(err, errlen, "escalate: kind is required");
        return TR_EINVAL;
    }
    return 0;
}

static int conditions_parse(json_t *obj, struct route_rule *r, char *err, size_t errlen)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int rc;
        if (strcmp(key, "keywords_any") == 0) {
            rc = string_list(v, key, r->keywords, ROUTE_MAX_KEYWORDS, &r->n_keywords, err, errlen);
        } else if (strcmp(key, "category") == 0 || strcmp(key, "categories") == 0) {
            rc = string_list(v, key, r->categories, ROUTE_MAX_KEYWORDS, &r->n_categories, err,
                             errlen);
        } else if (strcmp(key, "tier") == 0 || strcmp(key, "tiers") == 0) {
            char tiers[3][TR_NAME_MAX];
            size_t n = 0;
            rc = string_list(v, key, tiers, 3, &n, err, errlen);
            for (size_t i = 0; rc == 0 && i < n; i++) {
                enum tier t;
                if (!tier_parse(tiers[i], &t)) {
                    snprintf(err, errlen, "%s: unknown tier '%s' (free, pro, enterprise)", key,
                             tiers[i]);
                    rc = TR_EINVAL;
                }
                r->tiers_mask |= 1u << t;
            }
        } else if (strcmp(key, "min_confidence") == 0) {
            rc = number_field(v, key, 0, 1, &r->min_confidence, err, errlen);
        } else if (strcmp(key, "max_confidence") == 0) {
            rc = number_field(v, key, 0, 1, &r->max_confidence, err, errlen);
        } else if (strcmp(key, "language") == 0) {
            rc = string_field(v, key, r->language, sizeof(r->language), err, errlen);
        } else if (strcmp(key, "channel") == 0) {
            rc = string_field(v, key, r->channel, sizeof(r->channel), err, errlen);
        } else if (strcmp(key, "product_area") == 0 || strcmp(key, "product_areas") == 0) {
            rc = string_list(v, key, r->product_areas, ROUTE_MAX_KEYWORDS, &r->n_product_areas, err,
                             errlen);
        } else if (strcmp(key, "contract_value_min") == 0) {
            rc = number_field(v, key, 0, 1e15, &r->contract_value_min, err, errlen);
        } else if (strcmp(key, "contract_value_max") == 0) {
            rc = number_field(v, key, 0, 1e15, &r->contract_value_max, err, errlen);
        } else if (strcmp(key, "value_percentile_min") == 0) {
            rc = number_field(v, key, 0, 1, &r->value_percentile_min, err, errlen);
        } else if (strcmp(key, "urgency_min") == 0) {
            rc = number_field(v, key, 0, 1e6, &r->urgency_min, err, errlen);
        } else if (strcmp(key, "churned_within_days") == 0) {
            double days = 0;
            rc = number_field(v, key, 1, 36500, &days, err, errlen);
            r->churned_within_days = (int)days;
        } else if (strcmp(key, "at_risk") == 0) {
            rc = flag_field(v, key, &r->at_risk, err, errlen);
        } else if (strcmp(key, "customer_known") == 0) {
            rc = flag_field(v, key, &r->customer_known, err, errlen);
        } else if (strcmp(key, "team_open") == 0) {
            rc = flag_field(v, key, &r->team_open, err, errlen);
        } else if (strcmp(key, "signals_any") == 0) {
            char names[ROUTE_SIGNALS][TR_NAME_MAX];
            size_t n = 0;
            rc = string_list(v, key, names, ROUTE_SIGNALS, &n, err, errlen);
            for (size_t i = 0; rc == 0 && i < n; i++) {
                int k = route_signal_parse(names[i]);
                if (k < 0) {
                    snprintf(err, errlen,
                             "%s: unknown signal '%s' (security, legal, outage, churn, distress)",
                             key, names[i]);
                    rc = TR_EINVAL;
                } else {
                    r->signals_mask |= 1u << k;
                }
            }
        } else if (strcmp(key, "hours_team") == 0) {
            rc = string_field(v, key, r->hours_team, sizeof(r->hours_team), err, errlen);
        } else {
            snprintf(err, errlen, "unknown condition '%s'", key);
            rc = TR_EINVAL;
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int actions_parse(json_t *obj, struct route_rule *r, char *err, size_t errlen)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int rc = 0;
        if (strcmp(key, "team") == 0) {
            rc = string_field(v, key, r->team, sizeof(r->team), err, errlen);
        } else if (strcmp(key, "queue") == 0) {
            rc = string_field(v, key, r->queue, sizeof(r->queue), err, errlen);
        } else if (strcmp(key, "category") == 0) {
            rc = string_field(v, key, r->category, sizeof(r->category), err, errlen);
        } else if (strcmp(key, "required_skill") == 0) {
            rc = string_field(v, key, r->required_skill, sizeof(r->required_skill), err, errlen);
        } else if (strcmp(key, "priority") == 0) {
            if (!json_is_string(v) || !priority_parse(json_string_value(v), &r->priority)) {
                snprintf(err, errlen, "priority: must be one of P1, P2, P3, P4");
                rc = TR_EINVAL;
            }
        } else if (strcmp(key, "escalate") == 0) {
            rc = escalate_parse(v, r, err, errlen);
        } else if (strcmp(key, "senior") == 0) {
            int flag = 0;
            rc = flag_field(v, key, &flag, err, errlen);
            r->senior_only = flag == ROUTE_YES;
        } else if (strcmp(key, "hold_until_open") == 0) {
            int flag = 0;
            rc = flag_field(v, key, &flag, err, errlen);
            r->hold_until_open = flag == ROUTE_YES;
        } else if (strcmp(key, "stop") == 0) {
            if (!json_is_boolean(v)) {
                snprintf(err, errlen, "stop: must be true or false");
                rc = TR_EINVAL;
            }
            r->stop = json_is_true(v);
        } else {
            snprintf(err, errlen, "unknown action '%s'", key);
            rc = TR_EINVAL;
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

int store_rule_parse(const char *name, int position, const char *conditions_json,
                     const char *actions_json, struct route_rule *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (tr_strlcpy(out->name, name, sizeof(out->name)) != 0 || !name[0]) {
        snprintf(err, errlen, "rule name must be 1..%d bytes", TR_NAME_MAX - 1);
        return TR_EINVAL;
    }
    out->position = position;
    json_error_t jerr;
    json_t *cond = json_loads(conditions_json, 0, &jerr);
    json_t *act = cond ? json_loads(actions_json, 0, &jerr) : NULL;
    int rc = TR_EINVAL;
    if (!cond || !act)
        snprintf(err, errlen, "invalid JSON: %s", jerr.text);
    else if (!json_is_object(cond) || !json_is_object(act))
        snprintf(err, errlen, "conditions and actions must be JSON objects");
    else if (conditions_parse(cond, out, err, errlen) == 0 &&
             actions_parse(act, out, err, errlen) == 0)
        rc = 0;
    if (rc == 0 && out->hours_team[0] && out->team_open == ROUTE_ANY) {
        snprintf(err, errlen, "hours_team needs team_open");
        rc = TR_EINVAL;
    }
    if (rc == 0 && !out->team[0] && !out->queue[0] && !out->category[0] && !out->priority &&
        !out->required_skill[0] && !out->stop && !out->escalate && !out->hold_until_open &&
        !out->senior_only) {
        snprintf(err, errlen, "a rule needs at least one action");
        rc = TR_EINVAL;
    }
    json_decref(cond);
    json_decref(act);
    return rc;
}
