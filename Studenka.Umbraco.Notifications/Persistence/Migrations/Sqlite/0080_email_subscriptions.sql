-- E-mail as a second channel (issue 12). A subscriber's e-mail is usable only once verified by a
-- link and while the SMTP server has not refused it for good; the resident confirms it again to clear a bounce.
UPDATE subscribers SET email = NULLIF(lower(trim(email)), '');
ALTER TABLE subscribers ADD COLUMN email_verified_at_ms INTEGER NULL;
ALTER TABLE subscribers ADD COLUMN email_bounced_at_ms INTEGER NULL;
-- A verified address belongs to one subscriber only (addresses are stored normalized: trimmed, lower-case).
CREATE UNIQUE INDEX ux_subscribers_verified_email ON subscribers(email) WHERE email_verified_at_ms IS NOT NULL;
-- Per package: by SMS, by e-mail or both, never neither. Existing rows stay SMS-only.
ALTER TABLE subscriber_packages ADD COLUMN by_sms INTEGER NOT NULL DEFAULT 1 CHECK (by_sms IN (0, 1));
ALTER TABLE subscriber_packages ADD COLUMN by_email INTEGER NOT NULL DEFAULT 0 CHECK (by_email IN (0, 1) AND (by_sms = 1 OR by_email = 1));
-- Verification links: only the SHA-256 of the random token is kept, so the table leaks no working link.
CREATE TABLE email_verifications (
    token_hash TEXT NOT NULL PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    used_at_ms INTEGER NULL
);
CREATE INDEX ix_email_verifications_subscriber ON email_verifications(subscriber_id, created_at_ms);
