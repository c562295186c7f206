-- ticket-router schema, version 2: urgency and agent weights, escalations, outage incidents,
-- decision revisions (re-routes), agent performance learned from ticket events.

-- Weights of the urgency score and of the agent score. The defaults are built in (README);
-- a row overrides the default of the same kind and key, or adds a phrase or category.
--   kind 'phrase'   key: a phrase ("losing money")      weight: added to the urgency score
--   kind 'category' key: a category ("security")        weight: added to the urgency score
--   kind 'tier'     key: free | pro | enterprise        weight: added to the urgency score
--   kind 'urgency'  key: unknown_customer | top_value | top_value_cut | at_risk | p1_min |
--                        p2_min | p3_min
--   kind 'agent'    key: proficiency | speed | quality | load | redistribution_share
--   kind 'outage'   key: customers | window_s       (an incident: that many distinct customers
--                                                     reporting one product area down in window_s)
--   kind 'timeout'  key: p1 | p2 | p3 | p4          minutes without a first response before an
--                                                     assigned ticket is re-routed
CREATE TABLE routing_weights (
    kind   text NOT NULL CHECK (kind IN ('phrase', 'category', 'tier', 'urgency', 'agent', 'outage',
                                         'timeout')),
    key    text NOT NULL,
    weight double precision NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TRIGGER routing_weights_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_weights
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();
CREATE TRIGGER customers_notify AFTER UPDATE OR DELETE OR TRUNCATE ON customers
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();

-- Every escalation published, once per ticket and kind (a replay publishes the stored bytes).
CREATE TABLE escalations (
    escalation_id text PRIMARY KEY,
    ticket_id     text NOT NULL,
    kind          text NOT NULL,
    severity      text NOT NULL,
    incident_id   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    payload       bytea NOT NULL
);
CREATE INDEX escalations_ticket ON escalations (ticket_id);

-- Outage incidents: one per product area and window, shared by all replicas through Redis;
-- recorded here for people and reports.
CREATE TABLE incidents (
    incident_id     text PRIMARY KEY,
    product_area    text NOT NULL,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    first_ticket_id text NOT NULL,
    customers       integer NOT NULL
);

-- Re-routes (first-response time-outs, reopened tickets of offline agents): decisions keeps the
-- latest decision of a ticket; every earlier and later one is a revision here.
CREATE TABLE decision_revisions (
    decision_id text PRIMARY KEY,
    ticket_id   text NOT NULL,
    revision    integer NOT NULL,
    reason      text NOT NULL,
    agent_id    text,
    team        text NOT NULL,
    decided_at  timestamptz NOT NULL,
    payload     bytea NOT NULL,
    UNIQUE (ticket_id, revision)
);
ALTER TABLE decisions ADD COLUMN revision integer NOT NULL DEFAULT 0;

-- When every agent of a team is busy, offline or off shift, its tickets may overflow to another
-- team's agents (NULL: they wait in the team's queue).
ALTER TABLE teams ADD COLUMN overflow_team text REFERENCES teams (team);

-- What an agent is like on a category, learned from the last 90 days of decisions and events:
-- how fast their tickets get resolved and how often they are taken away from them.
CREATE VIEW agent_performance AS
SELECT d.agent_id,
       d.category,
       count(*)::integer AS assigned,
       count(r.resolved_at)::integer AS resolved,
       coalesce(percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM r.resolved_at - d.decided_at) / 60), 0)::float8
           AS median_resolution_min,
       (count(x.ticket_id)::float8 / count(*))::float8 AS reassignment_rate
FROM decisions d
LEFT JOIN LATERAL (
    SELECT min(e.occurred_at) AS resolved_at FROM ticket_events e
    WHERE e.ticket_id = d.ticket_id AND e.type = 'RESOLVED') r ON true
LEFT JOIN LATERAL (
    SELECT e.ticket_id FROM ticket_events e
    WHERE e.ticket_id = d.ticket_id AND e.type IN ('REASSIGNED', 'MISROUTE_FLAGGED')
      AND (e.previous_agent_id = d.agent_id OR e.previous_agent_id IS NULL)
    LIMIT 1) x ON true
WHERE d.agent_id IS NOT NULL AND d.decided_at > now() - interval '90 days'
GROUP BY d.agent_id, d.category;
