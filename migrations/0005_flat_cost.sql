-- ticket-router schema, version 5: nothing per ticket or per context reload grows with the data.
-- What history teaches is kept beside it by a slow background refresh (one replica at a time,
-- under an advisory lock), never computed in the decision path.

-- Agent performance by category over the last 90 days of live decisions: the agent_performance
-- view, materialised. Routers read this table at every context reload (a row per agent and
-- category, whatever the history's length) and refresh it every cache.history_refresh_ms.
CREATE TABLE agent_performance_rollup (
    agent_id              text NOT NULL,
    category              text NOT NULL,
    assigned              integer NOT NULL,
    resolved              integer NOT NULL,
    median_resolution_min float8 NOT NULL,
    reassignment_rate     float8 NOT NULL,
    refreshed_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, category)
);

-- The distribution of contract values as 1001 quantiles (q = 0 .. 1000, value at q/1000): a
-- customer's value percentile is found among them in the router's memory, instead of counting
-- every customer for every ticket.
CREATE TABLE customer_value_quantiles (
    q            smallint PRIMARY KEY CHECK (q BETWEEN 0 AND 1000),
    value        float8 NOT NULL,
    customers    bigint NOT NULL,       -- how many customers they were computed from
    refreshed_at timestamptz NOT NULL DEFAULT now()
);

-- The refreshes: each replaces its table in one transaction (readers see the old rows until it
-- commits). Quantiles are cheap (one pass over customers) and follow customer changes within a
-- minute; agent performance reads 90 days of decisions and runs on a slow schedule.
CREATE FUNCTION ticket_router_refresh_agent_performance() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM agent_performance_rollup;
    INSERT INTO agent_performance_rollup (agent_id, category, assigned, resolved,
                                          median_resolution_min, reassignment_rate)
    SELECT agent_id, category, assigned, resolved, median_resolution_min, reassignment_rate
    FROM agent_performance;
END $$;

CREATE FUNCTION ticket_router_refresh_value_quantiles() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_value_quantiles;
    INSERT INTO customer_value_quantiles (q, value, customers)
    SELECT g.q, coalesce(p.v[g.q + 1], 0), p.n
    FROM (SELECT percentile_cont(array(SELECT x / 1000.0 FROM generate_series(0, 1000) x))
                 WITHIN GROUP (ORDER BY contract_value::float8) AS v,
                 count(*) AS n
          FROM customers) p,
         generate_series(0, 1000) AS g(q)
    WHERE p.n > 0;
END $$;

-- A changed customer invalidates the routers' cached copy: the id, or '*' (drop every cached
-- customer) when one statement changed many.
CREATE FUNCTION ticket_router_notify_customers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n  bigint;
    id text;
BEGIN
    SELECT count(*) INTO n FROM changed_customers;
    IF n > 100 THEN
        PERFORM pg_notify('ticket_router_customer', '*');
    ELSE
        FOR id IN SELECT customer_id FROM changed_customers LOOP
            PERFORM pg_notify('ticket_router_customer', id);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customers_notify_insert AFTER INSERT ON customers
    REFERENCING NEW TABLE AS changed_customers
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_customers();
CREATE TRIGGER customers_notify_update AFTER UPDATE ON customers
    REFERENCING NEW TABLE AS changed_customers
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_customers();
CREATE TRIGGER customers_notify_delete AFTER DELETE ON customers
    REFERENCING OLD TABLE AS changed_customers
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_customers();
-- SLA policies change what a customer's context says: drop every cached customer.
CREATE FUNCTION ticket_router_notify_sla() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ticket_router_customer', '*');
    RETURN NULL;
END $$;
CREATE TRIGGER sla_policies_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_router_notify_sla();

SELECT ticket_router_refresh_agent_performance();
SELECT ticket_router_refresh_value_quantiles();
