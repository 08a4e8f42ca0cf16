-- One automatic reply per number and town day (a START flood must not cost money).
-- Like the verification log, it keeps only a keyed hash of the number.
CREATE TABLE inbound_replies (
    phone_hash TEXT NOT NULL,
    day TEXT NOT NULL,
    sent_at_ms BIGINT NOT NULL,
    PRIMARY KEY (phone_hash, day)
);
CREATE INDEX ix_inbound_replies_day ON inbound_replies(day);
