-- Nothing to do on SQLite: ix_outbox_claim (status, next_attempt_at_ms) ends in the rowid (= id),
-- so it is already in the claim order (next_attempt_at_ms, id). PostgreSQL's index gains the id.
SELECT 1;
