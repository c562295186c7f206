/* domain: the plain data of ticket routing, shared by codec, routing, store and pipeline.
 * Plain structs with fixed-size text fields, except the ticket's subject and body, which are
 * heap strings owned by the struct (free with ticket_clear()).
 * Threads: any; the structs carry no locks. */
#ifndef TR_DOMAIN_H
#define TR_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TR_ID_MAX 128     /* ids: ticket, customer, agent, event (bytes incl. NUL) */
#define TR_NAME_MAX 64    /* team, queue, category, channel, product area, skill */
#define TR_LANG_MAX 16    /* BCP-47 language tag, e.g. "en", "pt-BR" */
#define TR_TEXT_MAX 65536 /* subject + body bytes a ticket may carry */
#define TR_REASON_MAX 200 /* one reason line */
#define TR_REASONS_MAX 16 /* reasons one decision keeps */
#define TR_NOTIFY_MAX 8   /* notify targets of one escalation */

enum tier { TIER_FREE = 0, TIER_PRO = 1, TIER_ENTERPRISE = 2 };
enum priority { PRIORITY_P1 = 1, PRIORITY_P2 = 2, PRIORITY_P3 = 3, PRIORITY_P4 = 4 };
enum route_mode { ROUTE_MODE_LIVE = 0, ROUTE_MODE_SHADOW = 1 };

/* "free" / "pro" / "enterprise"; unknown text parses as TIER_FREE and returns false. */
const char *tier_name(enum tier tier);
bool tier_parse(const char *s, enum tier *out);
/* "P1".."P4"; parse accepts "P1".."P4" and "1".."4". */
const char *priority_name(enum priority priority);
bool priority_parse(const char *s, enum priority *out);
const char *route_mode_name(enum route_mode mode);

/* An agent's availability, from AGENT_PRESENCE events. */
enum presence { PRESENCE_UNKNOWN = 0, PRESENCE_ONLINE, PRESENCE_AWAY, PRESENCE_OFFLINE };
/* "online", "away", "offline"; anything else is PRESENCE_UNKNOWN (treated as online). */
enum presence presence_parse(const char *s);
const char *presence_name(enum presence presence);

/* A new ticket, as it arrives on tickets.created. */
struct ticket {
    char ticket_id[TR_ID_MAX];
    char customer_id[TR_ID_MAX];
    char requester_email[TR_ID_MAX]; /* "" when absent */
    char *subject;                   /* owned; never NULL after decode ("" when empty) */
    char *body;                      /* owned; never NULL after decode */
    char channel[TR_NAME_MAX];       /* email, chat, web, phone, api */
    char language[TR_LANG_MAX];      /* "" when the helpdesk did not say */
    char product_area[TR_NAME_MAX];  /* "" when unknown */
    int64_t created_at_ms;           /* when the helpdesk created it (unix ms) */
};

/* Frees subject and body and zeroes the struct. Accepts a zeroed struct. */
void ticket_clear(struct ticket *ticket);

enum ticket_event_type {
    TICKET_EVENT_ASSIGNED = 0,
    TICKET_EVENT_REASSIGNED,
    TICKET_EVENT_FIRST_RESPONSE,
    TICKET_EVENT_RESOLVED,
    TICKET_EVENT_CLOSED,
    TICKET_EVENT_MISROUTE_FLAGGED,
    TICKET_EVENT_REOPENED,
    TICKET_EVENT_AGENT_PRESENCE,
    TICKET_EVENT_UNKNOWN, /* a symbol this build does not know: stored, otherwise ignored */
};
const char *ticket_event_type_name(enum ticket_event_type type);

/* A lifecycle event on tickets.events. */
struct ticket_event {
    char event_id[TR_ID_MAX];
    char ticket_id[TR_ID_MAX]; /* "" for agent presence */
    enum ticket_event_type type;
    char agent_id[TR_ID_MAX]; /* "" when absent */
    char team[TR_NAME_MAX];   /* "" when absent */
    char previous_agent_id[TR_ID_MAX];
    char previous_team[TR_NAME_MAX];
    char correct_category[TR_NAME_MAX]; /* misroute feedback: the right category, or "" */
    char presence[TR_NAME_MAX];         /* agent presence: online, away, offline; or "" */
    char reason[TR_REASON_MAX];
    int64_t occurred_at_ms;
};

struct reason_list {
    size_t n;
    char items[TR_REASONS_MAX][TR_REASON_MAX];
};

/* Appends a formatted reason; silently drops it when the list is full or truncates the text. */
void reason_list_addf(struct reason_list *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct category_score {
    char category[TR_NAME_MAX];
    double confidence;
};
#define TR_TOP_CLASSES 3

/* The router's answer for one ticket, as published on routing.decisions. */
struct route_decision {
    char decision_id[TR_ID_MAX]; /* stable: derived from the ticket id, so replays match */
    char ticket_id[TR_ID_MAX];
    char customer_id[TR_ID_MAX];
    enum tier customer_tier;
    bool customer_known;
    char team[TR_NAME_MAX];
    char queue[TR_NAME_MAX];
    char agent_id[TR_ID_MAX]; /* "" when queued without an agent */
    enum priority priority;
    int64_t first_response_due_ms; /* 0 when no SLA applies */
    char category[TR_NAME_MAX];
    double confidence;
    struct category_score top[TR_TOP_CLASSES];
    size_t n_top;
    char language[TR_LANG_MAX];
    bool fallback; /* true when the ticket went to a fallback queue (triage, senior, default) */
    enum route_mode mode;
    char model_version[TR_NAME_MAX];
    struct reason_list reasons;     /* why: classes, rules fired, agent choice */
    struct reason_list rules_fired; /* rule names, in the order they fired */
    int64_t decided_at_ms;
    int64_t latency_us; /* time inside the router for this ticket */
    /* What the agent must be (from the category mapping or a rule); not in the published
     * record, kept in PostgreSQL so that a re-route asks the same of the next agent. */
    char required_skill[TR_NAME_MAX];
    bool senior_only;
};

enum escalation_kind {
    ESCALATION_SECURITY = 0,
    ESCALATION_LEGAL,
    ESCALATION_VIP_DISTRESS,
    ESCALATION_CHURN_RETURN,
    ESCALATION_OUTAGE,
    ESCALATION_SLA_TIMEOUT,
    ESCALATION_AFTER_HOURS_VALUE,
    ESCALATION_CHURN_THREAT, /* a customer threatening to leave (the churn signal) */
};
enum severity { SEVERITY_LOW = 0, SEVERITY_MEDIUM, SEVERITY_HIGH, SEVERITY_CRITICAL };
const char *escalation_kind_name(enum escalation_kind kind);
bool escalation_kind_parse(const char *s, enum escalation_kind *out);
const char *severity_name(enum severity severity);
bool severity_parse(const char *s, enum severity *out);

/* An escalation, as published on routing.escalations. */
struct escalation {
    char escalation_id[TR_ID_MAX];
    char ticket_id[TR_ID_MAX];
    char customer_id[TR_ID_MAX];
    enum escalation_kind kind;
    enum severity severity;
    char incident_id[TR_ID_MAX]; /* outage incidents: tickets of one incident share it */
    char team[TR_NAME_MAX];
    size_t n_notify;
    char notify[TR_NOTIFY_MAX][TR_NAME_MAX]; /* e.g. "pagerduty:security", "slack:#billing" */
    char summary[TR_REASON_MAX * 2];
    struct reason_list reasons;
    int64_t created_at_ms;
};

#endif
