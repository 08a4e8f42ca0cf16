-- A campaign that resends another's failed recipients names it; each campaign's failures are resent
-- once (a double click makes one resend, not two), later failures from the resend itself.
ALTER TABLE campaigns ADD COLUMN resend_of_campaign_id INTEGER NULL REFERENCES campaigns(id);
CREATE UNIQUE INDEX ux_campaigns_resend_of ON campaigns(resend_of_campaign_id);
