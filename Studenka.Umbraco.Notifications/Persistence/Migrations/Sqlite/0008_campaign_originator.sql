-- The sender a campaign's SMS show (e.g. the town police as "MP Studenka"); NULL = Studenka:Sms:Originator.
ALTER TABLE campaigns ADD COLUMN originator TEXT NULL;
