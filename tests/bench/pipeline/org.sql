-- tests/bench/pipeline/org.sql: the organisation of the pipeline benchmark (context tables).
-- Run by tests/bench/pipeline/run on its own database (never the service's), after
-- `ticket-router migrate`, with psql variables:
--   customers   how many customers (c0000001 ...)           e.g. 1000000
--   agents      how many agents, in 20 teams (a0001 ...)     e.g. 1000
--   capacity    open tickets an agent may hold               e.g. 600
--   cats        the classifier's categories, comma separated (BANKING77's 77 intents)
-- Every random choice is a hash of the row number (bench_u), so the same variables give the same
-- organisation, and history.sql and the ticket generator (bench_pipeline.c) compute the same
-- customer tiers and activity without joins.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- u(n, salt): a uniform number in [0, 1) from row n; independent per salt.
CREATE OR REPLACE FUNCTION bench_u(n bigint, salt bigint) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8extended($1, $2) & 4294967295)::float8 / 4294967296.0 $$;

-- The tier of customer number i: 3% enterprise, 17% pro, 80% free (the generator uses the same).
CREATE OR REPLACE FUNCTION bench_tier(i bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN bench_u($1, 7) < 0.03 THEN 'enterprise'
                      WHEN bench_u($1, 7) < 0.20 THEN 'pro' ELSE 'free' END $$;

BEGIN;
TRUNCATE routing_rules, category_teams, agent_skills, agents, teams, customers, sla_policies,
    routing_weights CASCADE;

INSERT INTO sla_policies (name, description, first_response_p1_min, first_response_p2_min,
                          first_response_p3_min, first_response_p4_min) VALUES
    ('standard',   'Free plan',                        240, 480, 1440, 2880),
    ('business',   'Pro plan',                          60, 240,  480, 1440),
    ('enterprise', 'Enterprise plan, account manager',  30,  60,  240,  480);

-- 20 teams, all open 24x7 so that every ticket can be claimed at any hour of the run.
CREATE TEMP TABLE bench_teams (team_no int PRIMARY KEY, team text NOT NULL);
INSERT INTO bench_teams VALUES
    (1, 'security'), (2, 'refunds'), (3, 'retention'), (4, 'pin_passcode'), (5, 'virtual_cards'),
    (6, 'identity'), (7, 'top_up'), (8, 'exchange'), (9, 'fees'), (10, 'transfers'), (11, 'cash'),
    (12, 'card_delivery'), (13, 'card_payments'), (14, 'mobile_pay'), (15, 'balance'),
    (16, 'account'), (17, 'cards'), (18, 'vip'), (19, 'general'), (20, 'triage');
INSERT INTO teams (team, display_name, queue, timezone, hours_start, hours_end, work_days,
                   oncall_target, notify_targets)
SELECT team, initcap(replace(team, '_', ' ')), team,
       (ARRAY['UTC', 'Europe/Dublin', 'Europe/Berlin', 'America/New_York'])[team_no % 4 + 1],
       '00:00', '24:00', '{1,2,3,4,5,6,7}', 'pagerduty:' || team || '-oncall',
       ARRAY['slack:#support-' || team]
FROM bench_teams;
UPDATE teams SET overflow_team = 'general' WHERE team NOT IN ('general', 'triage');

-- Agents a0001..: agent j is in team ((j - 1) % 20) + 1. 50% tier1, 30% tier2, 15% senior,
-- 5% lead; a fifth speak a second language; 1% on leave; no shift limits (the team's 24x7).
INSERT INTO agents (agent_id, name, email, team, seniority, languages, timezone, shift_start,
                    shift_end, capacity, active)
SELECT 'a' || lpad(j::text, 4, '0'), 'Agent ' || j, 'agent' || j || '@bench.example', t.team,
       CASE WHEN bench_u(j, 31) < 0.50 THEN 'tier1' WHEN bench_u(j, 31) < 0.80 THEN 'tier2'
            WHEN bench_u(j, 31) < 0.95 THEN 'senior' ELSE 'lead' END,
       CASE WHEN bench_u(j, 32) < 0.80 THEN '{en}'::text[]
            ELSE ARRAY['en', (ARRAY['de', 'fr', 'es', 'pt'])[1 + (bench_u(j, 33) * 4)::int % 4]]
       END,
       (ARRAY['UTC', 'Europe/Dublin', 'Europe/Berlin', 'America/New_York'])[j % 4 + 1],
       NULL, NULL, :capacity, bench_u(j, 34) >= 0.01
FROM generate_series(1, :agents) j
JOIN bench_teams t ON t.team_no = (j - 1) % 20 + 1;

-- Skills: the team's own (named as the team), plus one or two neighbouring ones.
INSERT INTO agent_skills (agent_id, skill, proficiency)
SELECT 'a' || lpad(j::text, 4, '0'), t.team, round((0.4 + 0.6 * bench_u(j, 41))::numeric, 2)
FROM generate_series(1, :agents) j JOIN bench_teams t ON t.team_no = (j - 1) % 20 + 1;
INSERT INTO agent_skills (agent_id, skill, proficiency)
SELECT DISTINCT ON (1, 2) 'a' || lpad(j::text, 4, '0'), t.team,
       round((0.2 + 0.6 * bench_u(j * 3 + k, 42))::numeric, 2)
FROM generate_series(1, :agents) j CROSS JOIN generate_series(1, 2) k
JOIN bench_teams t ON t.team_no = 1 + (bench_u(j * 3 + k, 43) * 20)::int % 20
WHERE (k = 1 OR bench_u(j, 44) < 0.5) AND t.team_no <> (j - 1) % 20 + 1;
-- Everyone can take general tickets; seniors and leads the VIP desk.
INSERT INTO agent_skills (agent_id, skill, proficiency)
SELECT agent_id, 'general', 0.5 FROM agents ON CONFLICT DO NOTHING;

-- What each BANKING77 intent means for routing.
INSERT INTO category_teams (category, team, required_skill, product_area)
SELECT c, team, team, team FROM (
    SELECT c, CASE
        WHEN c IN ('compromised_card', 'lost_or_stolen_card', 'lost_or_stolen_phone',
                   'card_payment_not_recognised', 'cash_withdrawal_not_recognised',
                   'direct_debit_payment_not_recognised') THEN 'security'
        WHEN c IN ('request_refund', 'Refund_not_showing_up', 'transaction_charged_twice',
                   'reverted_card_payment?') THEN 'refunds'
        WHEN c = 'terminate_account' THEN 'retention'
        WHEN c LIKE '%pin%' OR c LIKE 'passcode%' THEN 'pin_passcode'
        WHEN c LIKE '%virtual%' OR c LIKE '%disposable%' THEN 'virtual_cards'
        WHEN c LIKE '%identity%' OR c IN ('verify_source_of_funds', 'age_limit') THEN 'identity'
        WHEN c LIKE '%top_up%' OR c LIKE 'topping_up%' THEN 'top_up'
        WHEN c LIKE '%exchange%' OR c = 'fiat_currency_support' THEN 'exchange'
        WHEN c LIKE '%fee%' OR c LIKE '%charge%' THEN 'fees'
        WHEN c LIKE '%transfer%' OR c IN ('beneficiary_not_allowed', 'receiving_money') THEN 'transfers'
        WHEN c LIKE '%cash%' OR c = 'atm_support' THEN 'cash'
        WHEN c IN ('card_arrival', 'card_delivery_estimate', 'get_physical_card',
                   'order_physical_card', 'getting_spare_card', 'card_about_to_expire')
            THEN 'card_delivery'
        WHEN c LIKE '%card_payment%' THEN 'card_payments'
        WHEN c IN ('apple_pay_or_google_pay', 'contactless_not_working') THEN 'mobile_pay'
        WHEN c LIKE 'balance%' THEN 'balance'
        WHEN c IN ('edit_personal_details', 'country_support', 'supported_cards_and_currencies',
                   'visa_or_mastercard') THEN 'account'
        WHEN c LIKE '%card%' THEN 'cards'
        ELSE 'general' END AS team
    FROM unnest(string_to_array(:'cats', ',')) c) m;

-- A few rules of the kind a bank keeps: legal threats and VIP distress escalate, churned
-- customers go to retention, enterprise customers get a senior agent, fraud words to security.
INSERT INTO routing_rules (name, position, enabled, description, conditions, actions) VALUES
    ('legal-threat', 5, true, 'Legal threats',
        '{"keywords_any": ["lawyer", "legal action", "lawsuit", "sue you", "attorney"]}',
        '{"priority": "P2", "escalate": {"kind": "LEGAL", "severity": "HIGH", "notify": ["exec:vp-support", "account_manager"]}}'),
    ('vip-distress', 6, true, 'A distressed top-10% customer',
        '{"value_percentile_min": 0.9, "urgency_min": 75}',
        '{"priority": "P1", "team": "vip", "required_skill": "vip", "escalate": {"kind": "VIP_DISTRESS", "severity": "HIGH", "notify": ["account_manager"]}}'),
    ('fraud-words', 10, true, 'Fraud and theft words: security',
        '{"keywords_any": ["fraud", "hacked", "stolen", "scam", "unauthorised", "unauthorized"]}',
        '{"team": "security", "required_skill": "security", "priority": "P1", "stop": true}'),
    ('churned-returns', 15, true, 'A churned customer comes back',
        '{"churned_within_days": 365}',
        '{"team": "retention", "required_skill": "retention"}'),
    ('enterprise-senior', 20, true, 'Enterprise customers get a senior agent',
        '{"tiers": ["enterprise"]}',
        '{"senior": true}');
COMMIT;

-- Customers c0000001..: tiers by bench_tier, contract values by tier (enterprise 50k..1M,
-- pro 1.2k..12k, free 0), languages 80% en, 2% churned, 5% at risk.
ALTER TABLE customers SET (autovacuum_enabled = false);
INSERT INTO customers (customer_id, name, tier, contract_value, sla_policy, language, timezone,
                       churned_at, at_risk, account_manager, updated_at)
SELECT 'c' || lpad(i::text, 7, '0'), 'Customer ' || i, tier,
       CASE tier WHEN 'enterprise' THEN round((50000 * exp(3 * bench_u(i, 11)))::numeric, 2)
                 WHEN 'pro' THEN round((1200 * exp(2.3 * bench_u(i, 11)))::numeric, 2)
                 ELSE 0 END,
       CASE tier WHEN 'enterprise' THEN 'enterprise' WHEN 'pro' THEN 'business' ELSE 'standard' END,
       lang,
       CASE lang WHEN 'de' THEN 'Europe/Berlin' WHEN 'fr' THEN 'Europe/Paris'
                 WHEN 'es' THEN 'Europe/Madrid' WHEN 'pt' THEN 'America/Sao_Paulo'
                 ELSE 'Europe/London' END,
       CASE WHEN bench_u(i, 13) < 0.02 THEN now() - (bench_u(i, 14) * 300) * interval '1 day' END,
       bench_u(i, 15) < 0.05,
       CASE WHEN tier = 'enterprise' THEN 'slack:@am' || (i % 40) END,
       now()
FROM (SELECT i, bench_tier(i) AS tier,
             CASE WHEN bench_u(i, 12) < 0.80 THEN 'en' WHEN bench_u(i, 12) < 0.88 THEN 'de'
                  WHEN bench_u(i, 12) < 0.94 THEN 'fr' WHEN bench_u(i, 12) < 0.97 THEN 'es'
                  ELSE 'pt' END AS lang
      FROM generate_series(1, :customers) i) c;
ALTER TABLE customers RESET (autovacuum_enabled);
