-- E-mail as a second channel (issue 12). SQLite cannot change a CHECK, so the outbox is rebuilt
-- with channel IN ('sms', 'email'); every index it had is created again as it was (0015, 0031).
-- Nothing references the outbox, and it has no triggers.
CREATE TABLE outbox_v81 (
    id INTEGER PRIMARY KEY,
    lane TEXT NOT NULL DEFAULT 'campaign' CHECK (lane IN ('campaign', 'service')),
    campaign_id INTEGER NULL REFERENCES campaigns(id),
    channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email')),
    address TEXT NOT NULL,
    body TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sending', 'accepted', 'failed', 'unknown', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    lease_owner TEXT NULL,
    lease_until_ms INTEGER NULL,
    batch_id TEXT NULL,
    provider_message_id TEXT NULL,
    error TEXT NULL,
    sent_at_ms INTEGER NULL,
    delivery_status TEXT NULL,
    delivery_status_at_ms INTEGER NULL,
    delivery_error_code INTEGER NULL,
    updated_at_ms INTEGER NOT NULL,
    created_at_ms INTEGER NULL,
    UNIQUE (campaign_id, address),
    CHECK ((lane = 'campaign') = (campaign_id IS NOT NULL)),
    CHECK (lane = 'campaign' OR body IS NOT NULL)
);
INSERT INTO outbox_v81 (id, lane, campaign_id, channel, address, body, status, attempts, next_attempt_at_ms, lease_owner, lease_until_ms,
        batch_id, provider_message_id, error, sent_at_ms, delivery_status, delivery_status_at_ms, delivery_error_code, updated_at_ms, created_at_ms)
    SELECT id, lane, campaign_id, channel, address, body, status, attempts, next_attempt_at_ms, lease_owner, lease_until_ms,
        batch_id, provider_message_id, error, sent_at_ms, delivery_status, delivery_status_at_ms, delivery_error_code, updated_at_ms, created_at_ms FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v81 RENAME TO outbox;
CREATE INDEX ix_outbox_claim ON outbox(status, next_attempt_at_ms);
CREATE INDEX ix_outbox_batch ON outbox(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX ix_outbox_address ON outbox(address, status);
CREATE INDEX ix_outbox_service ON outbox(lane, status, next_attempt_at_ms) WHERE lane = 'service';
CREATE INDEX ix_outbox_service_age ON outbox(lane, updated_at_ms) WHERE lane = 'service';
-- The e-mail pipeline claims through this index alone: it holds only e-mail rows, so a claim
-- never walks the SMS rows waiting in ix_outbox_claim (a million of them in a town-wide campaign).
CREATE INDEX ix_outbox_email ON outbox(channel, status, next_attempt_at_ms) WHERE channel = 'email';
-- One pause per channel: a refused SMTP login pauses e-mail, never SMS, and vice versa.
CREATE TABLE delivery_pause_v81 (
    channel TEXT PRIMARY KEY CHECK (channel IN ('sms', 'email')),
    kind TEXT NOT NULL CHECK (kind IN ('ConfigurationError', 'InsufficientBalance')),
    reason TEXT NOT NULL,
    node_id TEXT NOT NULL,
    since_ms INTEGER NOT NULL,
    retries_at_ms INTEGER NULL
);
INSERT INTO delivery_pause_v81 (channel, kind, reason, node_id, since_ms, retries_at_ms)
    SELECT 'sms', kind, reason, node_id, since_ms, retries_at_ms FROM delivery_pause;
DROP TABLE delivery_pause;
ALTER TABLE delivery_pause_v81 RENAME TO delivery_pause;
-- What the sandbox e-mail sender kept (as sandbox_sms for SMS): shown on the sandbox page.
CREATE TABLE sandbox_emails (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    headers TEXT NOT NULL,
    ics TEXT NULL,
    reference TEXT NULL,
    created_at_ms INTEGER NOT NULL
);
-- An event campaign's e-mail carries an .ics: what, when (UTC ms, shown in Europe/Prague) and where.
ALTER TABLE campaigns ADD COLUMN event_title TEXT NULL;
ALTER TABLE campaigns ADD COLUMN event_start_ms INTEGER NULL;
ALTER TABLE campaigns ADD COLUMN event_end_ms INTEGER NULL;
ALTER TABLE campaigns ADD COLUMN event_location TEXT NULL;
