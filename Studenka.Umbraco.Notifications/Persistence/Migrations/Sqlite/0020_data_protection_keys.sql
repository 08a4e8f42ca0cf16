-- ASP.NET Core data-protection key ring (antiforgery, manage sessions, sign-in cookies), shared
-- by every node on this database. One row per key element, as the key manager wrote it.
CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NULL,
    xml TEXT NOT NULL
);
