-- Every outgoing message goes through the outbox: campaign SMS (lane 'campaign', one row per
-- recipient, text in the campaign) and service messages (lane 'service': verification codes,
-- notices, confirmations, STOP/START answers; no campaign, the text in the row). A row names its
-- channel and address ('sms' + E.164 phone today), so another channel adds a sender, not a table.
-- SQLite cannot drop NOT NULL from campaign_id, so the table is rebuilt (nothing references it).
CREATE TABLE outbox_v15 (
    id INTEGER PRIMARY KEY,
    lane TEXT NOT NULL DEFAULT 'campaign' CHECK (lane IN ('campaign', 'service')),
    campaign_id INTEGER NULL REFERENCES campaigns(id),
    channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms')),
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
INSERT INTO outbox_v15 (id, lane, campaign_id, channel, address, status, attempts, next_attempt_at_ms, lease_owner, lease_until_ms,
        batch_id, provider_message_id, error, sent_at_ms, delivery_status, delivery_status_at_ms, delivery_error_code, updated_at_ms)
    SELECT id, 'campaign', campaign_id, 'sms', phone, status, attempts, next_attempt_at_ms, lease_owner, lease_until_ms,
        batch_id, provider_message_id, error, sent_at_ms, delivery_status, delivery_status_at_ms, delivery_error_code, updated_at_ms FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v15 RENAME TO outbox;
CREATE INDEX ix_outbox_claim ON outbox(status, next_attempt_at_ms);
CREATE INDEX ix_outbox_batch ON outbox(batch_id);
CREATE INDEX ix_outbox_address ON outbox(address, status);
-- The service lane is looked at before every campaign batch: this index holds only service rows,
-- and leads with lane and status so the planner prefers it to ix_outbox_claim (which would walk
-- every pending campaign row to find none).
CREATE INDEX ix_outbox_service ON outbox(lane, status, next_attempt_at_ms) WHERE lane = 'service';
-- Finished service messages are purged after a while (they carry codes and numbers).
CREATE INDEX ix_outbox_service_age ON outbox(lane, updated_at_ms) WHERE lane = 'service';
