-- The claim orders by (next_attempt_at_ms, id). SQLite's index already ends in the rowid, so it
-- reads in that order; PostgreSQL's did not, and sorted every due row of the outbox twice per claim
-- (225 ms per batch of 50 with 100,000 pending rows, measured: benchmarks/README.md, "nodes").
-- With id in the index the claim reads its 50 rows off the index (0.1 ms).
DROP INDEX IF EXISTS ix_outbox_claim;
CREATE INDEX ix_outbox_claim ON outbox(status, next_attempt_at_ms, id);
