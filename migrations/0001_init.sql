-- ticket-router schema, version 1: context, policy, decisions, feedback.
-- Applied once by `ticket-router migrate` (advisory lock, checksum recorded in schema_migrations).

CREATE TABLE sla_policies (
    name                 text PRIMARY KEY,
    description          text NOT NULL DEFAULT '',
    -- first-response targets in minutes, by priority
    first_response_p1_min integer NOT NULL CHECK (first_response_p1_min > 0),
    first_response_p2_min integer NOT NULL CHECK (first_response_p2_min > 0),
    first_response_p3_min integer NOT NULL CHECK (first_response_p3_min > 0),
    first_response_p4_min integer NOT NULL CHECK (first_response_p4_min > 0)
);

CREATE TABLE customers (
    customer_id     text PRIMARY KEY,
    name            text NOT NULL DEFAULT '',
    tier            text NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'pro', 'enterprise')),
    contract_value  numeric(14, 2) NOT NULL DEFAULT 0 CHECK (contract_value >= 0),
    sla_policy      text REFERENCES sla_policies (name),
    language        text NOT NULL DEFAULT 'en',
    timezone        text NOT NULL DEFAULT 'UTC',
    churned_at      timestamptz,          -- set when the customer left; NULL while a customer
    at_risk         boolean NOT NULL DEFAULT false,
    account_manager text,                 -- notify target for VIP escalations
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
    team           text PRIMARY KEY,
    display_name   text NOT NULL DEFAULT '',
    queue          text NOT NULL,                 -- the helpdesk queue for unassigned tickets
    timezone       text NOT NULL DEFAULT 'UTC',   -- IANA name, e.g. Europe/Berlin
    hours_start    time NOT NULL DEFAULT '09:00',
    hours_end      time NOT NULL DEFAULT '17:00',
    work_days      smallint[] NOT NULL DEFAULT '{1,2,3,4,5}', -- ISO days, 1 = Monday
    oncall_target  text,                          -- e.g. pagerduty:billing-oncall
    notify_targets text[] NOT NULL DEFAULT '{}'   -- e.g. {slack:#billing}
);

CREATE TABLE agents (
    agent_id    text PRIMARY KEY,
    name        text NOT NULL DEFAULT '',
    email       text,
    team        text NOT NULL REFERENCES teams (team),
    seniority   text NOT NULL DEFAULT 'tier1' CHECK (seniority IN ('tier1', 'tier2', 'senior', 'lead')),
    languages   text[] NOT NULL DEFAULT '{en}',
    timezone    text NOT NULL DEFAULT 'UTC',
    shift_start time,                 -- NULL: no shift limits (the team's hours apply)
    shift_end   time,
    capacity    integer NOT NULL DEFAULT 5 CHECK (capacity > 0),  -- open tickets at once
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX agents_team ON agents (team) WHERE active;

CREATE TABLE agent_skills (
    agent_id    text NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
    skill       text NOT NULL,
    proficiency real NOT NULL DEFAULT 0.5 CHECK (proficiency >= 0 AND proficiency <= 1),
    PRIMARY KEY (agent_id, skill)
);

-- What the classifier's category means for routing.
CREATE TABLE category_teams (
    category       text PRIMARY KEY,
    team           text NOT NULL REFERENCES teams (team),
    required_skill text,
    product_area   text
);

-- Ordered routing rules, kept as data. conditions and actions are JSON objects; the router
-- validates them when it loads them and refuses a bad rule with a reason (the others keep
-- working). The README documents the keys.
CREATE TABLE routing_rules (
    name        text PRIMARY KEY,
    position    integer NOT NULL,
    enabled     boolean NOT NULL DEFAULT true,
    description text NOT NULL DEFAULT '',
    conditions  jsonb NOT NULL DEFAULT '{}',
    actions     jsonb NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_position ON routing_rules (position) WHERE enabled;

-- Routers LISTEN on this channel and reload rules, mappings, teams and agents.
CREATE FUNCTION ticket_router_notify_config() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ticket_router_config', TG_TABLE_NAME);
    RETURN NULL;
END $$;
CREATE TRIGGER routing_rules_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();
CREATE TRIGGER category_teams_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_teams
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();
CREATE TRIGGER teams_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teams
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();
CREATE TRIGGER agents_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agents
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();
CREATE TRIGGER agent_skills_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agent_skills
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_config();

-- One decision per ticket: the truth that makes replays idempotent. payload is the exact
-- Avro record that was published, so a replay republishes the same bytes.
CREATE TABLE decisions (
    ticket_id      text PRIMARY KEY,
    decision_id    text NOT NULL UNIQUE,
    customer_id    text NOT NULL,
    customer_tier  text NOT NULL,
    team           text NOT NULL,
    queue          text NOT NULL,
    agent_id       text,
    priority       text NOT NULL,
    category       text NOT NULL,
    confidence     real NOT NULL,
    model_version  text NOT NULL,
    mode           text NOT NULL,
    fallback       boolean NOT NULL,
    reasons        jsonb NOT NULL DEFAULT '[]',
    rules_fired    jsonb NOT NULL DEFAULT '[]',
    first_response_due timestamptz,
    ticket_created_at  timestamptz,
    decided_at     timestamptz NOT NULL,
    latency_us     bigint NOT NULL,
    payload        bytea NOT NULL
);
CREATE INDEX decisions_agent_open ON decisions (agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX decisions_decided_at ON decisions (decided_at);

-- Lifecycle events from the helpdesk (tickets.events), kept for feedback and reports.
CREATE TABLE ticket_events (
    event_id          text PRIMARY KEY,
    ticket_id         text NOT NULL,
    type              text NOT NULL,
    agent_id          text,
    team              text,
    previous_agent_id text,
    previous_team     text,
    correct_category  text,
    presence          text,
    reason            text,
    occurred_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);

-- Labelled text for the classifier: historical tickets and feedback (misroutes, reassignments).
CREATE TABLE training_examples (
    id         bigserial PRIMARY KEY,
    ticket_id  text,
    text       text NOT NULL,
    label      text NOT NULL,
    source     text NOT NULL DEFAULT 'historical', -- historical | misroute | reassignment
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX training_examples_ticket_source ON training_examples (ticket_id, source)
    WHERE ticket_id IS NOT NULL;
