-- house_number stays the canonical text shown to people; its parts let the RÚIAN import check it.
ALTER TABLE subscriber_addresses ADD COLUMN house_kind TEXT NULL CHECK (house_kind IN ('cp', 'ce'));
ALTER TABLE subscriber_addresses ADD COLUMN house_building BIGINT NULL;
ALTER TABLE subscriber_addresses ADD COLUMN house_orientation BIGINT NULL;
ALTER TABLE subscriber_addresses ADD COLUMN house_orientation_letter TEXT NULL;
-- A street the resident typed because the list lacks it (street_id is then NULL); an administrator maps it.
ALTER TABLE subscriber_addresses ADD COLUMN street_text TEXT NULL;
-- SQLite rewrote numbers stored before this version; a PostgreSQL database starts empty at 0001, so there are none.
