-- tests/bench/pipeline/history.sql: 90 days of decided tickets and their lifecycle events, rows
-- lo..hi of one deterministic history, so that two sessions can load decisions and events at the
-- same time (one core each) and agree on every ticket. After org.sql, with psql variables:
--   what       decisions | events
--   lo, hi     ticket numbers (h0000001 ...)
--   customers, days, t0 (the generator's "now", unix seconds)
-- Customers' activity is Zipf-like (exponent 0.9 over a fixed permutation of the customers, the
-- same as bench_pipeline.c's tickets); 8% of tickets went to triage; resolution takes 5 minutes
-- to 33 hours (log-uniform); tickets decided in the last 4 hours are open with probability 0.6
-- (about 5 open tickets per agent at 5M decisions); 4% were reassigned, 1% flagged misrouted.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '64MB';

-- The categories (numbered), their team, the team's number (agent j is in team (j - 1) % 20 + 1,
-- see org.sql) and the reasons a decision of that category carries (computed once, not per row).
CREATE TEMP TABLE bench_cat AS
SELECT (row_number() OVER (ORDER BY m.category) - 1)::int AS i, m.category, m.team,
       t.team_no, tt.team_no AS triage_no,
       jsonb_build_array('classifier: ' || m.category || ' 0.91, second 0.04',
                         'SLA: first response within the policy at this priority',
                         'agent: best score among eligible (proficiency, speed, load)') AS reasons
FROM category_teams m
JOIN (SELECT team, row_number() OVER (ORDER BY min(agent_id)) AS team_no FROM agents
      GROUP BY team) t ON t.team = m.team
JOIN (SELECT row_number() OVER (ORDER BY min(agent_id)) AS team_no, team FROM agents
      GROUP BY team) tt ON tt.team = 'triage';
SELECT count(*) AS n_cat FROM bench_cat \gset
SELECT count(*) / 20 AS per_team FROM agents \gset
ANALYZE bench_cat;

CREATE TEMP VIEW bench_hist AS
SELECT n, 'h' || lpad(n::text, 7, '0') AS ticket_id, cust_i, bench_tier(cust_i) AS tier,
       c.category, c.reasons, t.fallback, CASE WHEN t.fallback THEN 'triage' ELSE c.team END AS team,
       'a' || lpad((a.team_no + 20 * (bench_u(n, 5) * :per_team)::int % :per_team)::text, 4, '0')
           AS agent_id,
       'a' || lpad((a.team_no + 20 * (bench_u(n, 11) * :per_team)::int % :per_team)::text, 4, '0')
           AS agent2,
       t.decided_at, t.decided_at + make_interval(secs => 300 * exp(bench_u(n, 8) * ln(400)))
           AS resolved_at,
       bench_u(n, 6) AS up, bench_u(n, 10) AS ur, bench_u(n, 9) AS uo
FROM generate_series(:lo::bigint, :hi::bigint) n
CROSS JOIN LATERAL (
    SELECT ((floor(((:customers::float8 ^ 0.1 - 1) * bench_u(n, 1) + 1) ^ 10)::bigint - 1)
            * 7919 % :customers) + 1 AS cust_i,
           bench_u(n, 4) < 0.08 AS fallback,
           to_timestamp(:t0 - :days * 86400 * bench_u(n, 2)) AS decided_at) t
JOIN bench_cat c ON c.i = (bench_u(n, 3) * :n_cat)::int % :n_cat
CROSS JOIN LATERAL (SELECT CASE WHEN t.fallback THEN c.triage_no ELSE c.team_no END AS team_no) a;

\if :{?what}
\else
\set what decisions
\endif
SELECT :'what' = 'decisions' AS is_decisions \gset
\if :is_decisions
INSERT INTO decisions (ticket_id, decision_id, customer_id, customer_tier, team, queue, agent_id,
                       priority, category, confidence, model_version, mode, fallback, reasons,
                       rules_fired, first_response_due, ticket_created_at, decided_at, latency_us,
                       payload, required_skill, senior_only, closed_at)
SELECT ticket_id, 'd-' || ticket_id, 'c' || lpad(cust_i::text, 7, '0'), tier, team, team, agent_id,
       p.priority, category,
       CASE WHEN fallback THEN 0.3 + 0.4 * bench_u(n, 7) ELSE 0.7 + 0.3 * bench_u(n, 7) END,
       'banking-hist-1', 'LIVE', fallback,
       reasons,
       CASE WHEN tier = 'enterprise' THEN '["enterprise-senior"]'::jsonb ELSE '[]'::jsonb END,
       decided_at + make_interval(mins => p.due_min),
       decided_at - make_interval(secs => 0.05 + 2 * bench_u(n, 12)), decided_at,
       (2000 + 30000 * bench_u(n, 12))::bigint,
       -- ~410 bytes like a published RoutingDecision (Confluent framing, schema id 1003).
       ('\x00000003eb'::bytea || convert_to(ticket_id, 'UTF8') || decode(repeat('5a', 392), 'hex')),
       team, tier = 'enterprise',
       -- what the RESOLVED event below says (its trigger is off during the bulk load)
       CASE WHEN resolved_at < to_timestamp(:t0)
                 AND NOT (decided_at > to_timestamp(:t0 - 4 * 3600) AND uo < 0.6)
            THEN resolved_at END
FROM bench_hist
CROSS JOIN LATERAL (
    SELECT CASE WHEN up < 0.03 THEN 'P1' WHEN up < 0.20 THEN 'P2' WHEN up < 0.70 THEN 'P3'
                ELSE 'P4' END AS priority,
           CASE WHEN up < 0.03 THEN 30 WHEN up < 0.20 THEN 240 WHEN up < 0.70 THEN 480
                ELSE 1440 END AS due_min) p;
\else
INSERT INTO ticket_events (event_id, ticket_id, type, agent_id, team, previous_agent_id,
                           previous_team, correct_category, presence, reason, occurred_at,
                           received_at)
SELECT e.event_id, ticket_id, e.type, e.agent_id, team, e.previous_agent_id, NULL,
       e.correct_category, NULL, NULL, e.occurred_at, e.occurred_at
FROM bench_hist h
CROSS JOIN LATERAL (
    -- The reassignment, half-way to the resolution.
    SELECT 'e-' || ticket_id || '-x' AS event_id, 'REASSIGNED' AS type, agent2 AS agent_id,
           h.agent_id AS previous_agent_id, NULL AS correct_category,
           decided_at + (resolved_at - decided_at) / 2 AS occurred_at
    WHERE ur < 0.04 AND agent2 <> h.agent_id
    UNION ALL
    SELECT 'e-' || ticket_id || '-m', 'MISROUTE_FLAGGED', h.agent_id, h.agent_id, 'general',
           decided_at + (resolved_at - decided_at) / 3
    WHERE ur >= 0.04 AND ur < 0.05
    UNION ALL
    SELECT 'e-' || ticket_id || '-r', 'RESOLVED',
           CASE WHEN ur < 0.04 AND agent2 <> h.agent_id THEN agent2 ELSE h.agent_id END, NULL, NULL,
           resolved_at
    WHERE resolved_at < to_timestamp(:t0)
      AND NOT (decided_at > to_timestamp(:t0 - 4 * 3600) AND uo < 0.6)) e;
\endif
