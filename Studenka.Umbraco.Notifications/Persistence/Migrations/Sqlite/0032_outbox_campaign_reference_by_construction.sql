-- Nothing to do on SQLite: its foreign key check is one rowid lookup per row, which the 100,000-row
-- snapshot affords (PostgreSQL's per-row check cost 2-3 x the whole insert; see the Postgres file).
SELECT 1;
