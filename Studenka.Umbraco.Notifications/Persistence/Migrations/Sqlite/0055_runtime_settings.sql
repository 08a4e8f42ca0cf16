-- Settings administrators change in the backoffice (quiet hours, price, senders per role, templates,
-- privacy texts). One row per setting, its value as JSON; no row = the configuration's default.
-- Every node reads the table (through a cache of a few seconds), so a change needs no restart.
CREATE TABLE runtime_settings (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
