-- Wrong logins per (user name, client address), the pair only as a keyed hash: after a
-- few, that address waits before trying that name again; the account never locks.
CREATE TABLE operator_login_failures (
    key_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_operator_login_failures_time ON operator_login_failures(last_failure_at_ms);
-- operators.failed_attempts and locked_until_ms stay in the table, unused from now on.
UPDATE operators SET failed_attempts = 0, locked_until_ms = NULL;
