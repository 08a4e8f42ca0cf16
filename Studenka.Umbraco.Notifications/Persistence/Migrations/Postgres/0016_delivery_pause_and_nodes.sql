-- The delivery pause is one row shared by every node: a bad key or an empty account met by one
-- node pauses all of them, and a resume on any node resumes all.
CREATE TABLE delivery_pause (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('ConfigurationError', 'InsufficientBalance')),
    reason TEXT NOT NULL,
    node_id TEXT NOT NULL,
    since_ms BIGINT NOT NULL,
    retries_at_ms BIGINT NULL
);
-- Each node's heartbeat, written every few seconds; the delivery status shows them all (stale ones marked).
CREATE TABLE delivery_nodes (
    node_id TEXT PRIMARY KEY,
    lease_owner TEXT NOT NULL,
    started_at_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    worker_enabled BIGINT NOT NULL,
    paused BIGINT NOT NULL,
    in_flight BIGINT NOT NULL
);
