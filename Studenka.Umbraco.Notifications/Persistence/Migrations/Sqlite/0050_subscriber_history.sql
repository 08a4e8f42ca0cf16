-- Anonymous history of the subscriber counts, for the statistics' "subscribers over time": a
-- cancellation deletes the subscriber's rows, so their timestamps cannot tell the past. Each row is a
-- change of one count (total, a package, a city part) at an instant; no subscriber id, no phone.
CREATE TABLE subscriber_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('total', 'package', 'city_part')),
    key_id INTEGER NOT NULL,
    delta INTEGER NOT NULL
);
CREATE INDEX ix_subscriber_history_at ON subscriber_history(at_ms);
-- Who subscribes today counts from their activation; who cancelled before this table existed is not known.
INSERT INTO subscriber_history (at_ms, dimension, key_id, delta)
SELECT COALESCE(activated_at_ms, created_at_ms), 'total', 0, 1 FROM subscribers WHERE status = 'active';
INSERT INTO subscriber_history (at_ms, dimension, key_id, delta)
SELECT COALESCE(s.activated_at_ms, s.created_at_ms), 'package', sp.package_id, 1
FROM subscriber_packages sp JOIN subscribers s ON s.id = sp.subscriber_id WHERE s.status = 'active';
INSERT INTO subscriber_history (at_ms, dimension, key_id, delta)
SELECT COALESCE(s.activated_at_ms, s.created_at_ms), 'city_part', a.city_part_id, 1
FROM (SELECT DISTINCT subscriber_id, city_part_id FROM subscriber_addresses) a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.status = 'active';
