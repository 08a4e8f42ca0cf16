-- SQLite rebuilt subscribers with AUTOINCREMENT here. An identity column (0002) never hands a
-- used id out again, so PostgreSQL has nothing to change; the version is kept so both histories match.
SELECT 1;
