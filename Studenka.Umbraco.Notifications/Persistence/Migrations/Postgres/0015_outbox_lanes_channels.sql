-- Every outgoing message goes through the outbox: campaign SMS (lane 'campaign', one row per
-- recipient, text in the campaign) and service messages (lane 'service': verification codes,
-- notices, confirmations, STOP/START answers; no campaign, the text in the row). A row names its
-- channel and address ('sms' + E.164 phone today), so another channel adds a sender, not a table.
ALTER TABLE outbox ALTER COLUMN campaign_id DROP NOT NULL;
ALTER TABLE outbox RENAME COLUMN phone TO address;
ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT 'campaign' CHECK (lane IN ('campaign', 'service'));
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms'));
ALTER TABLE outbox ADD COLUMN body TEXT NULL;
ALTER TABLE outbox ADD COLUMN created_at_ms BIGINT NULL;
ALTER TABLE outbox ADD CONSTRAINT ck_outbox_lane_campaign CHECK ((lane = 'campaign') = (campaign_id IS NOT NULL));
ALTER TABLE outbox ADD CONSTRAINT ck_outbox_service_body CHECK (lane = 'campaign' OR body IS NOT NULL);
DROP INDEX IF EXISTS ix_outbox_phone;
CREATE INDEX ix_outbox_address ON outbox(address, status);
-- The service lane is looked at before every campaign batch: this index holds only service rows,
-- and leads with lane and status so the planner prefers it to ix_outbox_claim (which would walk
-- every pending campaign row to find none).
CREATE INDEX ix_outbox_service ON outbox(lane, status, next_attempt_at_ms) WHERE lane = 'service';
-- Finished service messages are purged after a while (they carry codes and numbers).
CREATE INDEX ix_outbox_service_age ON outbox(lane, updated_at_ms) WHERE lane = 'service';
