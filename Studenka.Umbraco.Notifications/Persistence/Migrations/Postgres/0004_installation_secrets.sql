CREATE TABLE installation_secrets (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
