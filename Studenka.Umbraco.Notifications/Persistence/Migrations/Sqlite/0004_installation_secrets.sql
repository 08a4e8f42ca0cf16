CREATE TABLE installation_secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
