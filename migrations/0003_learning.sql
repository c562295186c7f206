-- ticket-router schema, version 3: the learning loop. Shadow comparisons, feedback examples,
-- the model registry.

-- The text a decision was made from (subject and body as classified), so that feedback on the
-- ticket can become a labelled training example. Routers delete rows older than
-- feedback.text_retention_days (default 180).
CREATE TABLE ticket_texts (
    ticket_id  text PRIMARY KEY,
    text       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_texts_created ON ticket_texts (created_at);

-- Shadow mode: the router's decision next to the first manual assignment (ASSIGNED on
-- tickets.events). Written by whichever of the two arrives second; one row per ticket.
CREATE TABLE shadow_comparisons (
    ticket_id       text PRIMARY KEY,
    category        text NOT NULL,         -- the shadow decision's category
    customer_tier   text NOT NULL,
    shadow_team     text NOT NULL,
    shadow_agent_id text,
    manual_team     text,                  -- the event's team, else the agent's team; NULL unknown
    manual_agent_id text,
    team_agrees     boolean,               -- NULL when the manual team is unknown
    agent_agrees    boolean NOT NULL,
    decided_at      timestamptz NOT NULL,
    assigned_at     timestamptz NOT NULL,
    compared_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shadow_comparisons_assigned ON shadow_comparisons (assigned_at);

-- Feedback examples carry what their label names: a category (the classifier's classes) or a
-- team (a reassignment to a team that no single category maps to).
ALTER TABLE training_examples
    ADD COLUMN label_kind text NOT NULL DEFAULT 'category' CHECK (label_kind IN ('category', 'team'));

-- Trained model versions. `ticket-router train --publish` stores every candidate with its
-- metrics and publishes it (published_at) only when it is not worse than the current one on the
-- same held-out slice; routers load the newest published model without a restart.
CREATE TABLE models (
    model_version     text PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    published_at      timestamptz,
    examples          integer NOT NULL,        -- training examples (without the held-out slice)
    holdout           integer NOT NULL,        -- held-out examples it was measured on
    accuracy          double precision NOT NULL,
    macro_f1          double precision NOT NULL,
    baseline_version  text,                    -- the published model it was measured against
    baseline_accuracy double precision,        -- that model on the same held-out slice
    verdict           text NOT NULL,           -- why it was or was not published
    metrics           jsonb NOT NULL DEFAULT '{}',
    model             bytea NOT NULL           -- the model file (docs/classifier.md format)
);
CREATE INDEX models_published ON models (published_at DESC) WHERE published_at IS NOT NULL;

CREATE FUNCTION ticket_router_notify_model() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ticket_router_model', coalesce(NEW.model_version, ''));
    RETURN NULL;
END $$;
CREATE TRIGGER models_notify AFTER INSERT OR UPDATE OF published_at ON models
    FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION ticket_router_notify_model();

-- Agents are learned from live decisions only: a shadow decision names an agent nobody claimed.
CREATE OR REPLACE VIEW agent_performance AS
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
WHERE d.agent_id IS NOT NULL AND d.mode = 'LIVE' AND d.decided_at > now() - interval '90 days'
GROUP BY d.agent_id, d.category;

-- What the agent of a decision had to be (skill from the category mapping or a rule, senior
-- only), so that a re-route (first-response time-out, reopened ticket) asks it of the next one.
ALTER TABLE decisions ADD COLUMN required_skill text,
                      ADD COLUMN senior_only boolean NOT NULL DEFAULT false;
