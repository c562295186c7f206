-- tests/bench/pipeline/indexes.sql: drop (which=drop) or build the indexes of the history tables,
-- so that the bulk load writes heap only and each index is built once by a sort. Two sessions
-- build them at once: which=unique (the decisions' primary key and decision_id, attached as the
-- constraints of migrations/0001_init.sql) and which=other (the events' indexes and the
-- decisions' secondary ones); CREATE INDEX on one table from two sessions is allowed (SHARE
-- locks); attaching a constraint waits for the other session's index on that table.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET maintenance_work_mem = '256MB';
SELECT :'which' = 'drop' AS is_drop, :'which' = 'unique' AS is_unique \gset
\if :is_drop
ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_pkey,
                      DROP CONSTRAINT IF EXISTS decisions_decision_id_key;
DROP INDEX IF EXISTS decisions_agent_open, decisions_decided_at, ticket_events_ticket;
ALTER TABLE ticket_events DROP CONSTRAINT IF EXISTS ticket_events_pkey;
ALTER TABLE decisions SET (autovacuum_enabled = false);
ALTER TABLE ticket_events SET (autovacuum_enabled = false);
-- history.sql sets the decisions' closed_at itself: no per-event UPDATE during the load.
ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_open_state;
\elif :is_unique
CREATE UNIQUE INDEX decisions_pkey ON decisions (ticket_id);
CREATE UNIQUE INDEX decisions_decision_id_key ON decisions (decision_id);
ALTER TABLE decisions ADD CONSTRAINT decisions_pkey PRIMARY KEY USING INDEX decisions_pkey,
                      ADD CONSTRAINT decisions_decision_id_key UNIQUE
                          USING INDEX decisions_decision_id_key;
ALTER TABLE decisions RESET (autovacuum_enabled);
ANALYZE decisions;
\else
CREATE UNIQUE INDEX ticket_events_pkey ON ticket_events (event_id);
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_pkey PRIMARY KEY USING INDEX ticket_events_pkey;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
CREATE INDEX decisions_agent_open ON decisions (agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX decisions_decided_at ON decisions (decided_at);
ALTER TABLE ticket_events RESET (autovacuum_enabled);
ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_open_state;
ANALYZE ticket_events;
\endif
