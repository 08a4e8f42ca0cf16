CREATE TABLE sandbox_sms (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    originator TEXT NOT NULL,
    body TEXT NOT NULL,
    reference TEXT NULL,
    sent_at_ms INTEGER NOT NULL
);
