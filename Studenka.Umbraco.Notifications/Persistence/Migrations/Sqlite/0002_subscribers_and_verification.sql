CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
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
CREATE TABLE subscriber_packages (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    PRIMARY KEY (subscriber_id, package_id)
);
CREATE TABLE subscriber_addresses (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
    street_id INTEGER NULL REFERENCES streets(id),
    house_number TEXT NULL,
    PRIMARY KEY (subscriber_id, position)
);
CREATE INDEX ix_subscriber_addresses_part ON subscriber_addresses(city_part_id);
CREATE INDEX ix_subscriber_addresses_street ON subscriber_addresses(street_id);
CREATE TABLE verification_codes (
    id INTEGER PRIMARY KEY,
    phone TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('signup', 'manage')),
    code_hash BLOB NOT NULL,
    salt BLOB NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    consumed_at_ms INTEGER NULL
);
CREATE INDEX ix_verification_codes_phone ON verification_codes(phone, purpose);
-- Rate limiting must survive restarts and work across nodes, so it lives here.
-- The phone is kept only as a keyed hash: the log outlives a cancelled subscription.
CREATE TABLE verification_sms_log (
    id INTEGER PRIMARY KEY,
    phone_hash TEXT NOT NULL,
    sent_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_verification_sms_log_phone ON verification_sms_log(phone_hash, sent_at_ms);
CREATE INDEX ix_verification_sms_log_time ON verification_sms_log(sent_at_ms);
-- Anonymous counters: what remains of a cancelled subscriber.
CREATE TABLE subscription_stats (
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, event)
);
