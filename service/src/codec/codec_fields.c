/* codec_fields: the schema field names our code reads and writes, in the order of the enums
 * of codec_internal.h. codec_new() fails when a schema lacks one of them. */
#include "codec/codec_internal.h"

static const char *const TICKET_CREATED_FIELDS[TC_N + 1] = {
    [TC_TICKET_ID] = "ticket_id",
    [TC_CUSTOMER_ID] = "customer_id",
    [TC_REQUESTER_EMAIL] = "requester_email",
    [TC_SUBJECT] = "subject",
    [TC_BODY] = "body",
    [TC_CHANNEL] = "channel",
    [TC_LANGUAGE] = "language",
    [TC_PRODUCT_AREA] = "product_area",
    [TC_CREATED_AT] = "created_at_ms",
    [TC_N] = NULL,
};

static const char *const TICKET_EVENT_FIELDS[TE_N + 1] = {
    [TE_EVENT_ID] = "event_id",
    [TE_TICKET_ID] = "ticket_id",
    [TE_TYPE] = "type",
    [TE_AGENT_ID] = "agent_id",
    [TE_TEAM] = "team",
    [TE_PREVIOUS_AGENT_ID] = "previous_agent_id",
    [TE_PREVIOUS_TEAM] = "previous_team",
    [TE_CORRECT_CATEGORY] = "correct_category",
    [TE_PRESENCE] = "presence",
    [TE_REASON] = "reason",
    [TE_OCCURRED_AT] = "occurred_at_ms",
    [TE_N] = NULL,
};

static const char *const ROUTING_DECISION_FIELDS[RD_N + 1] = {
    [RD_DECISION_ID] = "decision_id",
    [RD_TICKET_ID] = "ticket_id",
    [RD_CUSTOMER_ID] = "customer_id",
    [RD_CUSTOMER_TIER] = "customer_tier",
    [RD_CUSTOMER_KNOWN] = "customer_known",
    [RD_TEAM] = "team",
    [RD_QUEUE] = "queue",
    [RD_AGENT_ID] = "agent_id",
    [RD_PRIORITY] = "priority",
    [RD_FIRST_RESPONSE_DUE] = "first_response_due_ms",
    [RD_CATEGORY] = "category",
    [RD_CONFIDENCE] = "confidence",
    [RD_TOP_CLASSES] = "top_classes",
    [RD_LANGUAGE] = "language",
    [RD_FALLBACK] = "fallback",
    [RD_MODE] = "mode",
    [RD_MODEL_VERSION] = "model_version",
    [RD_REASONS] = "reasons",
    [RD_RULES_FIRED] = "rules_fired",
    [RD_DECIDED_AT] = "decided_at_ms",
    [RD_LATENCY_US] = "latency_us",
    [RD_N] = NULL,
};

static const char *const ESCALATION_FIELDS[ES_N + 1] = {
    [ES_ESCALATION_ID] = "escalation_id",
    [ES_TICKET_ID] = "ticket_id",
    [ES_CUSTOMER_ID] = "customer_id",
    [ES_KIND] = "kind",
    [ES_SEVERITY] = "severity",
    [ES_INCIDENT_ID] = "incident_id",
    [ES_TEAM] = "team",
    [ES_NOTIFY] = "notify",
    [ES_SUMMARY] = "summary",
    [ES_REASONS] = "reasons",
    [ES_CREATED_AT] = "created_at_ms",
    [ES_N] = NULL,
};

const char *const *const CODEC_FIELD_NAMES[CODEC_N_SCHEMAS] = {
    [CODEC_TICKET_CREATED] = TICKET_CREATED_FIELDS,
    [CODEC_TICKET_EVENT] = TICKET_EVENT_FIELDS,
    [CODEC_ROUTING_DECISION] = ROUTING_DECISION_FIELDS,
    [CODEC_ESCALATION] = ESCALATION_FIELDS,
};
