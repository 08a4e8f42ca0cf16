-- A street the register does not (or no longer) list that residents still live on: kept
-- active so campaigns reach them, until an administrator maps it onto a register street.
ALTER TABLE streets ADD COLUMN needs_mapping INTEGER NOT NULL DEFAULT 0;
-- The register's address points (one row of the RÚIAN file each), to check residents' house numbers.
CREATE TABLE address_points (
    adm_code INTEGER PRIMARY KEY,
    city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
    street_id INTEGER NULL REFERENCES streets(id),
    building_kind TEXT NOT NULL CHECK (building_kind IN ('cp', 'ce')),
    building_number INTEGER NOT NULL,
    orientation_number INTEGER NULL,
    orientation_letter TEXT NULL
);
CREATE INDEX ix_address_points_part ON address_points(city_part_id, building_number);
CREATE INDEX ix_address_points_street ON address_points(street_id, orientation_number);
