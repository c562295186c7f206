-- ticket-router schema, version 4: dead letters that did not fit the dead-letter topic.
-- A message whose original bytes are larger than what the producer may send goes to the
-- dead-letter topic as a prefix (headers x-dlq-truncated, x-dlq-original-size,
-- x-dlq-original-sha256) and is kept whole here, so that `dlq redrive` can still send it back.
-- Routers delete rows older than dlq.retention_days (default 30).
CREATE TABLE dead_letters (
    source_topic     text NOT NULL,
    source_partition int NOT NULL,
    source_offset    bigint NOT NULL,
    message_key      bytea,
    payload          bytea NOT NULL,
    size             int NOT NULL,
    sha256           text NOT NULL,       -- hex of the original bytes
    error            text NOT NULL,       -- TR_E* name
    reason           text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
CREATE INDEX dead_letters_created ON dead_letters (created_at);
