-- The town office may sign up a resident who came in person or on paper and record the written
-- consent instead of an SMS code: who recorded it is kept with the subscriber (consent_at_ms says when).
ALTER TABLE subscribers ADD COLUMN written_consent_by TEXT NULL;
