-- INTEGER PRIMARY KEY without AUTOINCREMENT hands a deleted highest id to the next sign-up;
-- anything still naming the old id (a session, a log) would then point at another person.
-- foreign_keys cannot be switched off inside the migration's transaction, and DROP TABLE
-- of a parent runs an implicit DELETE that would cascade into the children. So the
-- children are emptied first (kept in temp copies), the parent is rebuilt, and the
-- children get their rows back; their own definitions, indexes and columns stay as they are.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE keep_subscriber_packages AS SELECT * FROM subscriber_packages;
CREATE TEMP TABLE keep_subscriber_addresses AS SELECT * FROM subscriber_addresses;
DELETE FROM subscriber_packages;
DELETE FROM subscriber_addresses;
CREATE TABLE subscribers_v9 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL UNIQUE,
    name TEXT NULL,
    email TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
    consent_version TEXT NOT NULL,
    consent_at_ms INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    activated_at_ms INTEGER NULL,
    updated_at_ms INTEGER NOT NULL
);
INSERT INTO subscribers_v9 (id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms)
    SELECT id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms FROM subscribers;
DROP TABLE subscribers;
ALTER TABLE subscribers_v9 RENAME TO subscribers;
INSERT INTO subscriber_packages SELECT * FROM temp.keep_subscriber_packages;
INSERT INTO subscriber_addresses SELECT * FROM temp.keep_subscriber_addresses;
DROP TABLE temp.keep_subscriber_packages;
DROP TABLE temp.keep_subscriber_addresses;
