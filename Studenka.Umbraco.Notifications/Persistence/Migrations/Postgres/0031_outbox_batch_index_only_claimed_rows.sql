-- A snapshot writes every row without a batch (batch_id is set by the claim), so the full index on
-- batch_id took one entry per recipient for nothing: a million NULL entries for a town-wide
-- campaign of a million. Partial, it holds only rows claimed at least once; every by-batch
-- statement (batch_id = @BatchId) still uses it (benchmarks/README.md, "snapshot").
DROP INDEX IF EXISTS ix_outbox_batch;
CREATE INDEX ix_outbox_batch ON outbox(batch_id) WHERE batch_id IS NOT NULL;
