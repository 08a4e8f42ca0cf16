CREATE TABLE city_parts (
    id INTEGER PRIMARY KEY,
    ruian_code INTEGER NOT NULL UNIQUE,
    municipality_code INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE streets (
    id INTEGER PRIMARY KEY,
    city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
    name TEXT NOT NULL,
    ruian_code INTEGER NULL,
    source TEXT NOT NULL CHECK (source IN ('seed', 'ruian')),
    is_active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (city_part_id, name)
);
CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL
);
