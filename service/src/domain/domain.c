#include "domain/domain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const TIERS[] = {"free", "pro", "enterprise"};
static const char *const EVENT_TYPES[] = {
    "ASSIGNED",         "REASSIGNED", "FIRST_RESPONSE", "RESOLVED", "CLOSED",
    "MISROUTE_FLAGGED", "REOPENED",   "AGENT_PRESENCE", "UNKNOWN",
};
static const char *const ESCALATION_KINDS[] = {
    "SECURITY", "LEGAL",       "VIP_DISTRESS",      "CHURN_RETURN",
    "OUTAGE",   "SLA_TIMEOUT", "AFTER_HOURS_VALUE", "CHURN_THREAT",
};
static const char *const SEVERITIES[] = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const char *tier_name(enum tier tier)
{
    return (unsigned)tier < N_OF(TIERS) ? TIERS[tier] : "free";
}

bool tier_parse(const char *s, enum tier *out)
{
    for (size_t i = 0; s && i < N_OF(TIERS); i++) {
        if (strcasecmp(s, TIERS[i]) == 0) {
            *out = (enum tier)i;
            return true;
        }
    }
    *out = TIER_FREE;
    return false;
}

const char *priority_name(enum priority priority)
{
    static const char *const NAMES[] = {"P1", "P2", "P3", "P4"};
    return priority >= PRIORITY_P1 && priority <= PRIORITY_P4 ? NAMES[priority - 1] : "P3";
}

bool priority_parse(const char *s, enum priority *out)
{
    if (!s)
        return false;
    if (s[0] == 'P' || s[0] == 'p')
        s++;
    if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0') {
        *out = (enum priority)(s[0] - '0');
        return true;
    }
    return false;
}

const char *route_mode_name(enum route_mode mode)
{
    return mode == ROUTE_MODE_SHADOW ? "SHADOW" : "LIVE";
}

void ticket_clear(struct ticket *ticket)
{
    free(ticket->subject);
    free(ticket->body);
    memset(ticket, 0, sizeof(*ticket));
}

const char *ticket_event_type_name(enum ticket_event_type type)
{
    return (unsigned)type < N_OF(EVENT_TYPES) ? EVENT_TYPES[type] : "UNKNOWN";
}

void reason_list_addf(struct reason_list *list, const char *fmt, ...)
{
    if (list->n >= TR_REASONS_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(list->items[list->n], TR_REASON_MAX, fmt, ap);
    va_end(ap);
    list->n++;
}

const char *escalation_kind_name(enum escalation_kind kind)
{
    return (unsigned)kind < N_OF(ESCALATION_KINDS) ? ESCALATION_KINDS[kind] : "SECURITY";
}

bool escalation_kind_parse(const char *s, enum escalation_kind *out)
{
    for (size_t i = 0; s && i < N_OF(ESCALATION_KINDS); i++) {
        if (strcasecmp(s, ESCALATION_KINDS[i]) == 0) {
            *out = (enum escalation_kind)i;
            return true;
        }
    }
    return false;
}

const char *severity_name(enum severity severity)
{
    return (unsigned)severity < N_OF(SEVERITIES) ? SEVERITIES[severity] : "MEDIUM";
}

bool severity_parse(const char *s, enum severity *out)
{
    for (size_t i = 0; s && i < N_OF(SEVERITIES); i++) {
        if (strcasecmp(s, SEVERITIES[i]) == 0) {
            *out = (enum severity)i;
            return true;
        }
    }
    return false;
}

enum presence presence_parse(const char *s)
{
    if (!s)
        return PRESENCE_UNKNOWN;
    if (strcasecmp(s, "online") == 0)
        return PRESENCE_ONLINE;
    if (strcasecmp(s, "away") == 0)
        return PRESENCE_AWAY;
    if (strcasecmp(s, "offline") == 0)
        return PRESENCE_OFFLINE;
    return PRESENCE_UNKNOWN;
}

const char *presence_name(enum presence presence)
{
    static const char *const NAMES[] = {"unknown", "online", "away", "offline"};
    return (unsigned)presence < N_OF(NAMES) ? NAMES[presence] : "unknown";
}
