-- tests/bench/pipeline/indexes.sql: drop (which=drop) or build (which=decisions | events) the
-- indexes of the history tables, so that the bulk load writes heap only and each index is
-- built once by a sort. The names are those of migrations/0001_init.sql.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET maintenance_work_mem = '256MB';
SELECT :'which' = 'drop' AS is_drop, :'which' = 'decisions' AS is_decisions \gset
\if :is_drop
ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_pkey,
                      DROP CONSTRAINT IF EXISTS decisions_decision_id_key;
DROP INDEX IF EXISTS decisions_agent_open, decisions_decided_at, ticket_events_ticket;
ALTER TABLE ticket_events DROP CONSTRAINT IF EXISTS ticket_events_pkey;
ALTER TABLE decisions SET (autovacuum_enabled = false);
ALTER TABLE ticket_events SET (autovacuum_enabled = false);
\elif :is_decisions
ALTER TABLE decisions ADD CONSTRAINT decisions_pkey PRIMARY KEY (ticket_id);
ALTER TABLE decisions ADD CONSTRAINT decisions_decision_id_key UNIQUE (decision_id);
CREATE INDEX decisions_agent_open ON decisions (agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX decisions_decided_at ON decisions (decided_at);
ALTER TABLE decisions RESET (autovacuum_enabled);
ANALYZE decisions;
\else
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_pkey PRIMARY KEY (event_id);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
ALTER TABLE ticket_events RESET (autovacuum_enabled);
ANALYZE ticket_events;
\endif
