-- house_number stays the canonical text shown to people; its parts let the RÚIAN import check it.
ALTER TABLE subscriber_addresses ADD COLUMN house_kind TEXT NULL CHECK (house_kind IN ('cp', 'ce'));
ALTER TABLE subscriber_addresses ADD COLUMN house_building INTEGER NULL;
ALTER TABLE subscriber_addresses ADD COLUMN house_orientation INTEGER NULL;
ALTER TABLE subscriber_addresses ADD COLUMN house_orientation_letter TEXT NULL;
-- A street the resident typed because the list lacks it (street_id is then NULL); an administrator maps it.
ALTER TABLE subscriber_addresses ADD COLUMN street_text TEXT NULL;
-- Numbers stored before could only be "762" or "1234/5a": give them their parts and canonical form.
UPDATE subscriber_addresses SET
    house_building = CAST(house_number AS INTEGER),
    house_number = CAST(CAST(house_number AS INTEGER) AS TEXT)
WHERE house_number IS NOT NULL AND instr(house_number, '/') = 0;
UPDATE subscriber_addresses SET
    house_kind = 'cp',
    house_building = CAST(substr(house_number, 1, instr(house_number, '/') - 1) AS INTEGER),
    house_orientation = CAST(substr(house_number, instr(house_number, '/') + 1) AS INTEGER),
    house_orientation_letter = CASE WHEN lower(substr(house_number, -1)) BETWEEN 'a' AND 'z' THEN lower(substr(house_number, -1)) END,
    house_number = CAST(CAST(substr(house_number, 1, instr(house_number, '/') - 1) AS INTEGER) AS TEXT) || '/'
        || CAST(CAST(substr(house_number, instr(house_number, '/') + 1) AS INTEGER) AS TEXT)
        || coalesce(CASE WHEN lower(substr(house_number, -1)) BETWEEN 'a' AND 'z' THEN lower(substr(house_number, -1)) END, '')
WHERE house_number IS NOT NULL AND instr(house_number, '/') > 0;
