-- RÚIAN imports started from the backoffice (upload or download from ČÚZK): one row per job, so
-- every node shows its state and result, and at most one runs at a time (the partial unique index).
CREATE TABLE ruian_import_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL CHECK (source IN ('upload', 'cuzk')),
    file_name TEXT NULL,
    actor TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    phase TEXT NOT NULL,
    started_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER NULL,
    summary_json TEXT NULL,
    errors_json TEXT NULL
);
CREATE UNIQUE INDEX ux_ruian_import_jobs_one_running ON ruian_import_jobs(state) WHERE state = 'running';
