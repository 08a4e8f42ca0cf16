-- Reminders of published pages (Reminders/): one row per reminder offset, from "scheduled" to
-- "fired" (its campaign), "skipped" (missed beyond the grace) or "cancelled" (page unpublished).
-- The row is the reminder; its Quartz trigger (qrtz_*) only says when. "firing" is the claim a
-- fired job takes first, so a trigger Quartz fires twice still makes one campaign.
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content_key TEXT NOT NULL,
    offset_days INTEGER NULL,
    offset_at TEXT NULL,
    offset_before_s INTEGER NULL,
    fire_at_ms INTEGER NOT NULL,
    event_start_ms INTEGER NOT NULL,
    package_id INTEGER NOT NULL,
    city_part_ids TEXT NOT NULL,
    street_ids TEXT NOT NULL,
    text TEXT NOT NULL,
    content_url TEXT NULL,
    editor_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('scheduled', 'firing', 'fired', 'skipped', 'cancelled')),
    campaign_id INTEGER NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_reminders_content ON reminders(content_key, state);

-- Recurring announcements an administrator sets up (waste collection, council meetings): a Quartz
-- cron expression in Europe/Prague, every n-th week from starts_on, Czech public holidays excluded.
-- Each firing creates a due campaign; the last one is remembered here.
CREATE TABLE recurring_announcements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    cron TEXT NOT NULL,
    week_interval INTEGER NOT NULL DEFAULT 1,
    starts_on TEXT NOT NULL,
    text TEXT NOT NULL,
    package_id INTEGER NOT NULL,
    city_part_ids TEXT NOT NULL,
    street_ids TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    last_fired_at_ms INTEGER NULL,
    last_campaign_id INTEGER NULL
);
