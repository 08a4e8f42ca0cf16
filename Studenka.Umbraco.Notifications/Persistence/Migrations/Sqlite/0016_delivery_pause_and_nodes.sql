-- The delivery pause is one row shared by every node: a bad key or an empty account met by one
-- node pauses all of them, and a resume on any node resumes all.
CREATE TABLE delivery_pause (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('ConfigurationError', 'InsufficientBalance')),
    reason TEXT NOT NULL,
    node_id TEXT NOT NULL,
    since_ms INTEGER NOT NULL,
    retries_at_ms INTEGER NULL
);
-- Each node's heartbeat, written every few seconds; the delivery status shows them all (stale ones marked).
CREATE TABLE delivery_nodes (
    node_id TEXT PRIMARY KEY,
    lease_owner TEXT NOT NULL,
    started_at_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    worker_enabled INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    in_flight INTEGER NOT NULL
);
