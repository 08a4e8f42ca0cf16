CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    text TEXT NOT NULL,
    diacritics TEXT NOT NULL CHECK (diacritics IN ('keep', 'transliterate')),
    -- What is sent: the text after the diacritics choice, with its counted encoding.
    body TEXT NOT NULL,
    encoding TEXT NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
    segments INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('manual', 'content')),
    content_key TEXT NULL,
    content_url TEXT NULL,
    created_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled', 'failed')),
    -- The time the operator asked for (NULL = at once) and the time it may go after quiet hours.
    requested_at_ms INTEGER NULL,
    due_at_ms INTEGER NULL,
    recipient_count INTEGER NULL,
    failure_reason TEXT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    snapshot_at_ms INTEGER NULL,
    finished_at_ms INTEGER NULL
);
CREATE INDEX ix_campaigns_due ON campaigns(state, due_at_ms);
CREATE TABLE campaign_city_parts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
    PRIMARY KEY (campaign_id, city_part_id)
);
CREATE TABLE campaign_streets (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    street_id INTEGER NOT NULL REFERENCES streets(id),
    PRIMARY KEY (campaign_id, street_id)
);
-- One row per distinct phone of a campaign, written in one transaction at send time.
-- pending -> claimed (leased, not yet sent) -> sending (request may be on the wire)
-- -> accepted | failed | unknown; cancelled when the campaign is cancelled mid-way.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    phone TEXT NOT NULL,
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
    UNIQUE (campaign_id, phone)
);
CREATE INDEX ix_outbox_claim ON outbox(status, next_attempt_at_ms);
CREATE INDEX ix_outbox_batch ON outbox(batch_id);
CREATE INDEX ix_outbox_phone ON outbox(phone, status);
