-- A manage session is a random token; only its SHA-256 is stored. It ends on "leave",
-- on expiry, and with its subscriber (cascade), so a copied cookie opens nothing after that.
CREATE TABLE manage_sessions (
    token_hash TEXT PRIMARY KEY,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX ix_manage_sessions_subscriber ON manage_sessions(subscriber_id);
CREATE INDEX ix_manage_sessions_expiry ON manage_sessions(expires_at_ms);
-- A sign-up waits beside its own code: what a code confirms is what was posted with it,
-- so a second sign-up for the same number cannot change it.
ALTER TABLE verification_codes ADD COLUMN attempt TEXT NULL;
ALTER TABLE verification_codes ADD COLUMN signup TEXT NULL;
CREATE INDEX ix_verification_codes_attempt ON verification_codes(attempt);
-- Limits per client address and network, kept like the phone: keyed hashes only.
ALTER TABLE verification_sms_log ADD COLUMN client_hash TEXT NULL;
ALTER TABLE verification_sms_log ADD COLUMN network_hash TEXT NULL;
CREATE INDEX ix_verification_sms_log_client ON verification_sms_log(client_hash, sent_at_ms);
CREATE INDEX ix_verification_sms_log_network ON verification_sms_log(network_hash, sent_at_ms);
-- Values an administrator changed at run time (e.g. the daily verification cap); absent = configuration.
CREATE TABLE subscription_settings (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
-- Which cap alerts went out today: each threshold once per town day.
CREATE TABLE verification_cap_alerts (
    day TEXT NOT NULL,
    threshold BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    PRIMARY KEY (day, threshold)
);
