-- deploy/seed/demo.sql: a demo support organisation ("Northwind Cloud") for ticket-router.
-- Loaded by `deploy/stack seed` (psql -v ON_ERROR_STOP=1 -f). Idempotent: one transaction that
-- empties the demo tables and fills them again, so loading it twice gives the same data.
-- Schema: migrations/0001_init.sql. Decisions, ticket events and training examples are left alone.
--
-- Conventions the router reads:
--   * team hours are local to teams.timezone; a 24/7 team has 00:00-24:00 and work_days 1..7;
--   * routing_rules.conditions.keywords_any: lower-case phrases, any of them in subject or body
--     (meant as whole words/phrases, case-insensitive: "api" should not match "rapid");
--     actions: team, category, required_skill (as in category_teams), and "stop": true to end
--     rule evaluation. The first rule that sets a field wins.

BEGIN;

TRUNCATE routing_rules, category_teams, agent_skills, agents, teams, customers, sla_policies
    CASCADE;
-- A fresh demo: no open tickets. (deploy/stack seed also clears the agents' load in Redis.)
TRUNCATE decisions, ticket_events;

-- ------------------------------------------------------------------------------ SLA policies
-- First-response targets in minutes, P1..P4.
INSERT INTO sla_policies (name, description, first_response_p1_min, first_response_p2_min,
                          first_response_p3_min, first_response_p4_min) VALUES
    ('standard',   'Free plan: best effort during business hours',        240, 480, 1440, 2880),
    ('business',   'Pro plan: business-hours support with faster targets', 60, 240,  480, 1440),
    ('enterprise', 'Enterprise plan: 24/7 for P1, named account manager',   30,  60,  240,  480);

-- ------------------------------------------------------------------------------------ teams
INSERT INTO teams (team, display_name, queue, timezone, hours_start, hours_end, work_days,
                   oncall_target, notify_targets) VALUES
    ('billing',   'Billing & Payments',     'billing',   'Europe/Dublin',    '08:00', '18:00',
        '{1,2,3,4,5}',     'pagerduty:billing-oncall',   '{slack:#support-billing}'),
    ('technical', 'Technical Support',      'technical', 'UTC',              '00:00', '24:00',
        '{1,2,3,4,5,6,7}', 'pagerduty:technical-oncall', '{slack:#support-technical,slack:#incidents}'),
    ('accounts',  'Accounts & Access',      'accounts',  'America/New_York', '08:00', '20:00',
        '{1,2,3,4,5}',     'pagerduty:accounts-oncall',  '{slack:#support-accounts}'),
    ('security',  'Security Response',      'security',  'UTC',              '00:00', '24:00',
        '{1,2,3,4,5,6,7}', 'pagerduty:security-oncall',  '{slack:#security-incidents,email:security@northwind.example}'),
    ('retention', 'Customer Retention',     'retention', 'Europe/Berlin',    '09:00', '18:00',
        '{1,2,3,4,5}',     NULL,                         '{slack:#support-retention}'),
    ('general',   'Tier 1 General Support', 'general',   'America/Chicago',  '07:00', '19:00',
        '{1,2,3,4,5,6}',   NULL,                         '{slack:#support-general}'),
    ('triage',    'Triage (human review)',  'triage',    'UTC',              '00:00', '24:00',
        '{1,2,3,4,5,6,7}', 'pagerduty:support-duty-manager', '{slack:#support-triage}');

-- ----------------------------------------------------------------------------------- agents
INSERT INTO agents (agent_id, name, email, team, seniority, languages, timezone,
                    shift_start, shift_end, capacity, active) VALUES
    -- billing
    ('siobhan.murphy', 'Siobhan Murphy',  'siobhan.murphy@northwind.example',  'billing',   'lead',   '{en}',       'Europe/Dublin',    NULL,    NULL,    5, true),
    ('lukas.becker',   'Lukas Becker',    'lukas.becker@northwind.example',    'billing',   'tier2',  '{de,en}',    'Europe/Berlin',    '08:00', '16:30', 7, true),
    ('camille.martin', 'Camille Martin',  'camille.martin@northwind.example',  'billing',   'tier1',  '{fr,en}',    'Europe/Paris',     '10:00', '18:00', 8, true),
    -- technical
    ('raj.patel',      'Raj Patel',       'raj.patel@northwind.example',       'technical', 'senior', '{en}',       'Europe/London',    '07:00', '15:00', 5, true),
    ('mei.chen',       'Mei Chen',        'mei.chen@northwind.example',        'technical', 'tier2',  '{en}',       'Asia/Singapore',   '09:00', '17:00', 6, true),
    ('diego.alvarez',  'Diego Alvarez',   'diego.alvarez@northwind.example',   'technical', 'tier2',  '{es,en,pt}', 'America/Mexico_City', '08:00', '16:00', 6, true),
    ('jonas.weber',    'Jonas Weber',     'jonas.weber@northwind.example',     'technical', 'tier1',  '{de,en}',    'Europe/Berlin',    NULL,    NULL,    8, true),
    ('ana.souza',      'Ana Souza',       'ana.souza@northwind.example',       'technical', 'senior', '{pt,es,en}', 'America/Sao_Paulo', '09:00', '18:00', 4, true),
    -- accounts
    ('emily.johnson',  'Emily Johnson',   'emily.johnson@northwind.example',   'accounts',  'tier2',  '{en,es}',    'America/New_York', '08:00', '16:00', 6, true),
    ('marcus.brown',   'Marcus Brown',    'marcus.brown@northwind.example',    'accounts',  'tier1',  '{en}',       'America/Chicago',  '11:00', '20:00', 7, true),
    -- security
    ('nadia.karimi',   'Nadia Karimi',    'nadia.karimi@northwind.example',    'security',  'lead',   '{en,fr}',    'Europe/Paris',     NULL,    NULL,    3, true),
    ('tom.fischer',    'Tom Fischer',     'tom.fischer@northwind.example',     'security',  'senior', '{en,de}',    'UTC',              NULL,    NULL,    4, true),
    -- retention
    ('sophie.laurent', 'Sophie Laurent',  'sophie.laurent@northwind.example',  'retention', 'senior', '{fr,en,de}', 'Europe/Berlin',    NULL,    NULL,    5, true),
    ('carlos.ruiz',    'Carlos Ruiz',     'carlos.ruiz@northwind.example',     'retention', 'tier2',  '{es,en}',    'Europe/Madrid',    '09:00', '17:00', 6, true),
    -- general (tier 1)
    ('olivia.smith',   'Olivia Smith',    'olivia.smith@northwind.example',    'general',   'tier1',  '{en}',       'America/Chicago',  '07:00', '15:00', 8, true),
    ('joao.pereira',   'Joao Pereira',    'joao.pereira@northwind.example',    'general',   'tier1',  '{pt,en}',    'Europe/Lisbon',    '09:00', '17:00', 8, true),
    ('hannah.klein',   'Hannah Klein',    'hannah.klein@northwind.example',    'general',   'tier1',  '{de,en}',    'Europe/Vienna',    '08:00', '16:00', 7, false), -- on leave
    -- triage
    ('grace.okafor',   'Grace Okafor',    'grace.okafor@northwind.example',    'triage',    'senior', '{en,fr}',    'Africa/Lagos',     NULL,    NULL,    6, true),
    ('ben.carter',     'Ben Carter',      'ben.carter@northwind.example',      'triage',    'lead',   '{en,es}',    'America/Denver',   NULL,    NULL,    5, true);

-- ----------------------------------------------------------------------------- agent skills
INSERT INTO agent_skills (agent_id, skill, proficiency) VALUES
    ('siobhan.murphy', 'billing', 0.95), ('siobhan.murphy', 'refunds', 0.90), ('siobhan.murphy', 'accounts', 0.60),
    ('lukas.becker',   'billing', 0.80), ('lukas.becker',   'refunds', 0.75),
    ('camille.martin', 'billing', 0.60), ('camille.martin', 'refunds', 0.50),
    ('raj.patel',      'troubleshooting', 0.90), ('raj.patel', 'api', 0.95), ('raj.patel', 'networking', 0.85), ('raj.patel', 'bugs', 0.80),
    ('mei.chen',       'troubleshooting', 0.80), ('mei.chen', 'integrations', 0.90), ('mei.chen', 'api', 0.75), ('mei.chen', 'bugs', 0.70),
    ('diego.alvarez',  'troubleshooting', 0.75), ('diego.alvarez', 'networking', 0.80), ('diego.alvarez', 'bugs', 0.65),
    ('jonas.weber',    'troubleshooting', 0.55), ('jonas.weber', 'integrations', 0.50), ('jonas.weber', 'bugs', 0.45),
    ('ana.souza',      'troubleshooting', 0.85), ('ana.souza', 'integrations', 0.85), ('ana.souza', 'api', 0.80),
    ('emily.johnson',  'accounts', 0.85), ('emily.johnson', 'sso', 0.90),
    ('marcus.brown',   'accounts', 0.70), ('marcus.brown', 'sso', 0.55),
    ('nadia.karimi',   'security', 0.95), ('nadia.karimi', 'sso', 0.80), ('nadia.karimi', 'compliance', 0.90),
    ('tom.fischer',    'security', 0.85), ('tom.fischer', 'networking', 0.75),
    ('sophie.laurent', 'retention', 0.90), ('sophie.laurent', 'billing', 0.60),
    ('carlos.ruiz',    'retention', 0.75), ('carlos.ruiz', 'refunds', 0.50),
    ('olivia.smith',   'general', 0.70), ('olivia.smith', 'accounts', 0.40),
    ('joao.pereira',   'general', 0.65), ('joao.pereira', 'billing', 0.35),
    ('hannah.klein',   'general', 0.75),
    ('grace.okafor',   'general', 0.85), ('grace.okafor', 'troubleshooting', 0.60), ('grace.okafor', 'billing', 0.55),
    ('ben.carter',     'general', 0.90), ('ben.carter', 'accounts', 0.70), ('ben.carter', 'security', 0.50);

-- -------------------------------------------------------------------------------- customers
-- free: standard SLA, no contract value; pro: business SLA; enterprise: enterprise SLA with an
-- account manager (notify target for VIP escalations).
INSERT INTO customers (customer_id, name, tier, contract_value, sla_policy, language, timezone,
                       churned_at, at_risk, account_manager) VALUES
    -- enterprise
    ('cust-1001', 'Globex Corporation',         'enterprise', 480000.00, 'enterprise', 'en', 'America/New_York',    NULL, false, 'slack:@laura.am'),
    ('cust-1002', 'Initech GmbH',               'enterprise', 210000.00, 'enterprise', 'de', 'Europe/Berlin',       NULL, true,  'slack:@stefan.am'),
    ('cust-1003', 'Soylent Foods S.A.',         'enterprise', 156000.00, 'enterprise', 'fr', 'Europe/Paris',        NULL, false, 'slack:@claire.am'),
    ('cust-1004', 'Umbrella Health',            'enterprise', 325000.00, 'enterprise', 'en', 'America/Los_Angeles', NULL, false, 'slack:@laura.am'),
    ('cust-1005', 'Hooli Europe',               'enterprise',  98000.00, 'enterprise', 'en', 'Europe/London',       NULL, true,  'slack:@oliver.am'),
    ('cust-1006', 'Banco Estrella',             'enterprise', 265000.00, 'enterprise', 'es', 'Europe/Madrid',       NULL, false, 'slack:@lucia.am'),
    ('cust-1007', 'Vandelay Logistica Ltda',    'enterprise', 120000.00, 'enterprise', 'pt', 'America/Sao_Paulo',   NULL, false, 'slack:@lucia.am'),
    ('cust-1008', 'Wayne Aerospace',            'enterprise', 390000.00, 'enterprise', 'en', 'America/Chicago',     NULL, false, 'slack:@laura.am'),
    ('cust-1009', 'Stark Industrie AG',         'enterprise',  72000.00, 'enterprise', 'de', 'Europe/Zurich',       NULL, false, 'slack:@stefan.am'),
    ('cust-1010', 'Tyrell Systems',             'enterprise',  64000.00, 'enterprise', 'en', 'Asia/Tokyo',          now() - interval '12 days', true, 'slack:@oliver.am'),
    -- pro
    ('cust-2001', 'Acme Analytics',             'pro',  18000.00, 'business', 'en', 'America/Denver',      NULL, false, NULL),
    ('cust-2002', 'Bluth Properties',           'pro',   6000.00, 'business', 'en', 'America/Los_Angeles', NULL, true,  NULL),
    ('cust-2003', 'Cyberdyne Robotik',          'pro',  24000.00, 'business', 'de', 'Europe/Berlin',       NULL, false, NULL),
    ('cust-2004', 'Dunder Mifflin Paper',       'pro',   3600.00, 'business', 'en', 'America/New_York',    NULL, false, NULL),
    ('cust-2005', 'Ecole Lumiere',              'pro',   4800.00, 'business', 'fr', 'Europe/Paris',        NULL, false, NULL),
    ('cust-2006', 'Frutas del Sol',             'pro',   2400.00, 'business', 'es', 'America/Mexico_City', NULL, true,  NULL),
    ('cust-2007', 'Gringotts Ledger',           'pro',  12000.00, 'business', 'en', 'Europe/London',       NULL, false, NULL),
    ('cust-2008', 'Hamburg Hafen Digital',      'pro',   9600.00, 'business', 'de', 'Europe/Berlin',       NULL, false, NULL),
    ('cust-2009', 'Ipanema Design',             'pro',   1200.00, 'business', 'pt', 'America/Sao_Paulo',   NULL, false, NULL),
    ('cust-2010', 'Jumbo Retail NV',            'pro',   7200.00, 'business', 'en', 'Europe/Amsterdam',    NULL, false, NULL),
    ('cust-2011', 'Krusty Media',               'pro',   3000.00, 'business', 'en', 'America/Chicago',     now() - interval '30 days', true, NULL),
    ('cust-2012', 'Lyon Textile SARL',          'pro',   5400.00, 'business', 'fr', 'Europe/Paris',        NULL, false, NULL),
    ('cust-2013', 'Madrid Movilidad',           'pro',   8400.00, 'business', 'es', 'Europe/Madrid',       NULL, false, NULL),
    ('cust-2014', 'Nakatomi Trading',           'pro',  15000.00, 'business', 'en', 'Asia/Tokyo',          NULL, false, NULL),
    ('cust-2015', 'Oceanic Airlines Cargo',     'pro',  21000.00, 'business', 'en', 'Australia/Sydney',    NULL, true,  NULL),
    ('cust-2016', 'Porto Vinhos',               'pro',   2000.00, 'business', 'pt', 'Europe/Lisbon',       NULL, false, NULL),
    -- free
    ('cust-3001', 'Ana Lima (personal)',        'free', 0, 'standard', 'pt', 'America/Sao_Paulo',   NULL, false, NULL),
    ('cust-3002', 'Bob''s Bikes',               'free', 0, 'standard', 'en', 'America/Denver',      NULL, false, NULL),
    ('cust-3003', 'Chez Nous Bistro',           'free', 0, 'standard', 'fr', 'Europe/Paris',        NULL, false, NULL),
    ('cust-3004', 'Dev Side Project',           'free', 0, 'standard', 'en', 'UTC',                 NULL, false, NULL),
    ('cust-3005', 'Elke Hoffmann',              'free', 0, 'standard', 'de', 'Europe/Berlin',       NULL, false, NULL),
    ('cust-3006', 'Fiesta Eventos',             'free', 0, 'standard', 'es', 'America/Bogota',      NULL, false, NULL),
    ('cust-3007', 'Green Thumb Gardening',      'free', 0, 'standard', 'en', 'Europe/London',       NULL, false, NULL),
    ('cust-3008', 'Hobby Astronomers Club',     'free', 0, 'standard', 'en', 'Australia/Melbourne', NULL, false, NULL),
    ('cust-3009', 'Inés Navarro',               'free', 0, 'standard', 'es', 'Europe/Madrid',       NULL, false, NULL),
    ('cust-3010', 'Jazz Bar Montmartre',        'free', 0, 'standard', 'fr', 'Europe/Paris',        NULL, false, NULL),
    ('cust-3011', 'Kiez Kollektiv',             'free', 0, 'standard', 'de', 'Europe/Berlin',       NULL, false, NULL),
    ('cust-3012', 'Little Library Project',     'free', 0, 'standard', 'en', 'America/Toronto',     NULL, false, NULL),
    ('cust-3013', 'Mateus Costa',               'free', 0, 'standard', 'pt', 'Europe/Lisbon',       NULL, false, NULL),
    ('cust-3014', 'Night Owl Podcasts',         'free', 0, 'standard', 'en', 'America/New_York',    NULL, false, NULL);

-- ---------------------------------------------------------- what each category means for routing
INSERT INTO category_teams (category, team, required_skill, product_area) VALUES
    ('billing',         'billing',   'billing',         'billing'),
    ('refund',          'billing',   'refunds',         'payments'),
    ('technical',       'technical', 'troubleshooting', 'platform'),
    ('bug',             'technical', 'bugs',            'platform'),
    ('integration',     'technical', 'integrations',    'integrations'),
    ('login',           'accounts',  'sso',             'identity'),
    ('account',         'accounts',  'accounts',        'identity'),
    ('security',        'security',  'security',        'security'),
    ('cancellation',    'retention', 'retention',       'subscriptions'),
    ('feature_request', 'general',   'general',         'product'),
    ('other',           'general',   'general',         NULL);

-- ---------------------------------------------------------------------------- routing rules
-- Evaluated by position, ascending. Keyword rules for now (the classifier comes later); the
-- security rule stops evaluation so nothing can route a breach report elsewhere.
INSERT INTO routing_rules (name, position, enabled, description, conditions, actions) VALUES
    ('security-incident', 10, true, 'Breach, leak or compromised account: security team, nothing else applies',
        '{"keywords_any": ["breach", "data leak", "leaked", "hacked", "ransomware"]}',
        '{"team": "security", "category": "security", "required_skill": "security", "priority": "P1",
          "escalate": {"kind": "SECURITY", "severity": "CRITICAL",
                       "notify": ["oncall", "slack:#security-incidents"]},
          "stop": true}'),
    ('security-concern', 20, true, 'Suspicious activity and vulnerability reports',
        '{"keywords_any": ["phishing", "suspicious login", "unauthorized access", "unauthorised access", "vulnerability", "compromised", "malware", "datenleck", "fuite de données"]}',
        '{"category": "security", "required_skill": "security"}'),
    ('cancellation', 30, true, 'Customers who want to leave: retention team',
        '{"keywords_any": ["cancel my subscription", "cancel our subscription", "cancel my plan", "cancel our contract", "terminate our contract", "switching to", "moving to a competitor", "kündigen", "kündigung", "résilier", "résiliation", "cancelar mi suscripción", "cancelar a assinatura"]}',
        '{"category": "cancellation", "required_skill": "retention"}'),
    ('refund', 40, true, 'Refund requests and chargebacks',
        '{"keywords_any": ["refund", "money back", "chargeback", "reimburse", "rückerstattung", "geld zurück", "remboursement", "rembourser", "reembolso", "devolución"]}',
        '{"category": "refund", "required_skill": "refunds"}'),
    ('billing', 50, true, 'Invoices, charges, payment methods',
        '{"keywords_any": ["invoice", "charged twice", "double charge", "billing", "payment failed", "credit card", "receipt", "vat number", "pricing", "rechnung", "abbuchung", "facture", "prélèvement", "factura", "cobro", "fatura"]}',
        '{"category": "billing", "required_skill": "billing"}'),
    ('login', 60, true, 'Cannot sign in: SSO, passwords, 2FA',
        '{"keywords_any": ["can''t log in", "cannot log in", "unable to log in", "login", "password reset", "locked out", "sso", "saml", "2fa", "two-factor", "anmelden", "connexion", "mot de passe", "iniciar sesión", "contraseña", "senha"]}',
        '{"category": "login", "required_skill": "sso"}'),
    ('account', 70, true, 'Account settings, users, seats, ownership',
        '{"keywords_any": ["change email", "change the email", "account owner", "transfer ownership", "add user", "remove user", "add a user", "seats", "permissions", "user roles", "delete my account", "gdpr export", "konto", "compte", "cuenta", "minha conta"]}',
        '{"category": "account", "required_skill": "accounts"}'),
    ('integration', 80, true, 'Third-party integrations and webhooks',
        '{"keywords_any": ["webhook", "zapier", "salesforce", "hubspot", "slack integration", "jira integration", "integration", "oauth app", "not syncing", "sync fails", "sync issue", "integración", "intégration", "integração"]}',
        '{"category": "integration", "required_skill": "integrations"}'),
    ('feature-request', 90, true, 'Ideas and requests for the product team',
        '{"keywords_any": ["feature request", "would be great if", "would be nice", "please add", "suggestion", "roadmap", "wishlist", "funktionswunsch", "suggestion de fonctionnalité", "sugerencia"]}',
        '{"category": "feature_request", "required_skill": "general"}'),
    ('bug', 100, true, 'Something is broken in the product',
        '{"keywords_any": ["bug", "crash", "crashes", "error 500", "500 error", "stack trace", "exception", "regression", "broken", "fehler", "absturz", "plantage", "error al"]}',
        '{"category": "bug", "required_skill": "bugs"}'),
    ('technical', 110, true, 'Performance, availability, API and connectivity',
        '{"keywords_any": ["timeout", "timed out", "latency", "slow", "outage", "is down", "api", "rate limit", "dns", "ssl", "certificate", "not loading", "sehr langsam", "très lent", "muy lento"]}',
        '{"category": "technical", "required_skill": "troubleshooting"}'),
    ('other', 120, true, 'General questions that match nothing more specific',
        '{"keywords_any": ["question", "partnership", "press inquiry", "training", "documentation", "frage", "demande", "pregunta", "pergunta"]}',
        '{"category": "other", "required_skill": "general"}'),
    -- Escalations and the decision trees (after the keyword rules, which name the category).
    ('legal-threat', 5, true, 'Legal threats: executive visibility, account manager informed',
        '{"keywords_any": ["lawyer", "legal action", "lawsuit", "sue you", "attorney", "solicitor", "small claims", "anwalt", "rechtliche schritte", "avocat", "poursuites", "abogado", "demanda", "advogado", "processo judicial"]}',
        '{"priority": "P2", "escalate": {"kind": "LEGAL", "severity": "HIGH",
          "notify": ["exec:vp-support", "account_manager"]}}'),
    ('vip-distress', 6, true, 'A distressed message from a top-10% customer (their tier and value give 45, so 75 needs urgent words): their account manager',
        '{"value_percentile_min": 0.9, "urgency_min": 75}',
        '{"priority": "P1", "escalate": {"kind": "VIP_DISTRESS", "severity": "HIGH",
          "notify": ["account_manager", "slack:#vip-customers"]}}'),
    ('churned-returns', 15, true, 'A churned customer comes back: retention, before anything else',
        '{"churned_within_days": 365}',
        '{"team": "retention", "required_skill": "retention", "escalate": {"kind": "CHURN_RETURN",
          "severity": "MEDIUM", "notify": ["account_manager", "slack:#support-retention"]}}'),
    ('technical-free-tier1', 130, true, 'Technical question from a free user: tier one',
        '{"categories": ["technical", "bug", "integration"], "tiers": ["free"]}',
        '{"team": "general", "required_skill": "general"}'),
    ('technical-enterprise-senior', 131, true, 'Technical question from an enterprise customer: a senior engineer',
        '{"categories": ["technical", "bug", "integration"], "tiers": ["enterprise"]}',
        '{"senior": true}'),
    ('billing-after-hours-high-value', 140, true, 'Billing out of hours from a high-value customer: page the on-call billing manager',
        '{"categories": ["billing", "refund"], "team_open": false, "hours_team": "billing", "contract_value_min": 50000}',
        '{"priority": "P2", "escalate": {"kind": "AFTER_HOURS_VALUE", "severity": "HIGH",
          "notify": ["oncall"]}}'),
    ('billing-after-hours', 141, true, 'Billing out of hours: queued for the next business day',
        '{"categories": ["billing", "refund"], "team_open": false, "hours_team": "billing", "contract_value_max": 50000}',
        '{"hold_until_open": true}');

COMMIT;
