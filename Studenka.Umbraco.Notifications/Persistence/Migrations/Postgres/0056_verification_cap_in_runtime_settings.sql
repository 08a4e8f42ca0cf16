-- The daily verification-SMS cap joins the other run-time settings: one table, one cache, one audit
-- form for everything administrators change. A cap set before this version is kept (its value as JSON).
INSERT INTO runtime_settings (name, value, updated_at_ms, updated_by)
SELECT 'verification-cap', value::text, updated_at_ms, updated_by FROM subscription_settings WHERE name = 'daily_verification_sms_cap';
DROP TABLE subscription_settings;
