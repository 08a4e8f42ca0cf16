-- The foreign key outbox.campaign_id -> campaigns ran one check per written row: a SELECT ... FOR
-- KEY SHARE of the same campaign a million times in a town-wide snapshot of a million. Measured in
-- psql on this machine, 1,000,000 rows INSERT ... SELECT: 13.4-15.4 s with the key, 3.9-5.4 s
-- without it (benchmarks/README.md, "snapshot"). The rows it guarded are written by construction
-- for a campaign that exists: the snapshot and the resend insert in the transaction that has just
-- moved (and so row-locked) their campaign, and service rows have none. What the key also did, keep
-- a campaign with outbox rows from being deleted, this trigger does (campaigns are never deleted).
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_campaign_id_fkey;
CREATE FUNCTION campaigns_keep_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM outbox WHERE campaign_id = OLD.id) THEN
        RAISE EXCEPTION 'campaign % has outbox rows and cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER campaigns_no_delete_with_outbox BEFORE DELETE ON campaigns FOR EACH ROW EXECUTE FUNCTION campaigns_keep_sent();
