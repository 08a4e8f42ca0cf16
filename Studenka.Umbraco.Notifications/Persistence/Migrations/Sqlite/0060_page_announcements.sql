-- What each published page (event, news) has announced by SMS, per culture ('' = invariant): the hash
-- of its SMS-relevant values, so re-publishing an unchanged page creates nothing; the campaign made
-- last; the event start and the hash of the reminders asked for, so a moved start reschedules them.
-- withdrawn = unpublished, trashed or SMS switched off (its unsent campaigns were cancelled).
-- problem = why the page's last publish made no SMS (a bad property value), shown in its SMS view.
CREATE TABLE page_announcements (
    content_key TEXT NOT NULL,
    culture TEXT NOT NULL,
    document_type TEXT NOT NULL,
    values_hash TEXT NULL,
    campaign_id INTEGER NULL REFERENCES campaigns(id),
    event_start_ms INTEGER NULL,
    reminders_hash TEXT NULL,
    published_by TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    problem TEXT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (content_key, culture)
);
CREATE INDEX ix_page_announcements_campaign ON page_announcements(campaign_id);
