using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

/// <summary>
/// Migrations 1–14 exactly as main kept them inline in C# before they became SQL files, with the
/// runner of that time: to build a database "made by today's main" and to prove the files are the same SQL.
/// </summary>
internal static class MainMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "areas and packages", """
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
            """),
        new(2, "subscribers and verification", """
            CREATE TABLE subscribers (
                id INTEGER PRIMARY KEY,
                phone TEXT NOT NULL UNIQUE,
                name TEXT NULL,
                email TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
                consent_version TEXT NOT NULL,
                consent_at_ms INTEGER NOT NULL,
                created_at_ms INTEGER NOT NULL,
                activated_at_ms INTEGER NULL,
                updated_at_ms INTEGER NOT NULL
            );
            CREATE TABLE subscriber_packages (
                subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                package_id INTEGER NOT NULL REFERENCES packages(id),
                PRIMARY KEY (subscriber_id, package_id)
            );
            CREATE TABLE subscriber_addresses (
                subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
                city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
                street_id INTEGER NULL REFERENCES streets(id),
                house_number TEXT NULL,
                PRIMARY KEY (subscriber_id, position)
            );
            CREATE INDEX ix_subscriber_addresses_part ON subscriber_addresses(city_part_id);
            CREATE INDEX ix_subscriber_addresses_street ON subscriber_addresses(street_id);
            CREATE TABLE verification_codes (
                id INTEGER PRIMARY KEY,
                phone TEXT NOT NULL,
                purpose TEXT NOT NULL CHECK (purpose IN ('signup', 'manage')),
                code_hash BLOB NOT NULL,
                salt BLOB NOT NULL,
                created_at_ms INTEGER NOT NULL,
                expires_at_ms INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                consumed_at_ms INTEGER NULL
            );
            CREATE INDEX ix_verification_codes_phone ON verification_codes(phone, purpose);
            -- Rate limiting must survive restarts and work across nodes, so it lives here.
            -- The phone is kept only as a keyed hash: the log outlives a cancelled subscription.
            CREATE TABLE verification_sms_log (
                id INTEGER PRIMARY KEY,
                phone_hash TEXT NOT NULL,
                sent_at_ms INTEGER NOT NULL
            );
            CREATE INDEX ix_verification_sms_log_phone ON verification_sms_log(phone_hash, sent_at_ms);
            CREATE INDEX ix_verification_sms_log_time ON verification_sms_log(sent_at_ms);
            -- Anonymous counters: what remains of a cancelled subscriber.
            CREATE TABLE subscription_stats (
                day TEXT NOT NULL,
                event TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (day, event)
            );
            """),
        new(3, "sandbox gateway", """
            CREATE TABLE sandbox_sms (
                id INTEGER PRIMARY KEY,
                recipient TEXT NOT NULL,
                originator TEXT NOT NULL,
                body TEXT NOT NULL,
                reference TEXT NULL,
                sent_at_ms INTEGER NOT NULL
            );
            """),
        new(4, "installation secrets", """
            CREATE TABLE installation_secrets (
                name TEXT PRIMARY KEY,
                value BLOB NOT NULL
            );
            """),
        new(5, "campaigns and outbox", """
            CREATE TABLE campaigns (
                id INTEGER PRIMARY KEY,
                package_id INTEGER NOT NULL REFERENCES packages(id),
                text TEXT NOT NULL,
                diacritics TEXT NOT NULL CHECK (diacritics IN ('keep', 'transliterate')),
                -- What is sent: the text after the diacritics choice, with its counted encoding.
                body TEXT NOT NULL,
                encoding TEXT NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
                segments INTEGER NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('manual', 'content')),
                content_key TEXT NULL,
                content_url TEXT NULL,
                created_by TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled', 'failed')),
                -- The time the operator asked for (NULL = at once) and the time it may go after quiet hours.
                requested_at_ms INTEGER NULL,
                due_at_ms INTEGER NULL,
                recipient_count INTEGER NULL,
                failure_reason TEXT NULL,
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                snapshot_at_ms INTEGER NULL,
                finished_at_ms INTEGER NULL
            );
            CREATE INDEX ix_campaigns_due ON campaigns(state, due_at_ms);
            CREATE TABLE campaign_city_parts (
                campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                city_part_id INTEGER NOT NULL REFERENCES city_parts(id),
                PRIMARY KEY (campaign_id, city_part_id)
            );
            CREATE TABLE campaign_streets (
                campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                street_id INTEGER NOT NULL REFERENCES streets(id),
                PRIMARY KEY (campaign_id, street_id)
            );
            -- One row per distinct phone of a campaign, written in one transaction at send time.
            -- pending -> claimed (leased, not yet sent) -> sending (request may be on the wire)
            -- -> accepted | failed | unknown; cancelled when the campaign is cancelled mid-way.
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
                phone TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sending', 'accepted', 'failed', 'unknown', 'cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at_ms INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until_ms INTEGER NULL,
                batch_id TEXT NULL,
                provider_message_id TEXT NULL,
                error TEXT NULL,
                sent_at_ms INTEGER NULL,
                delivery_status TEXT NULL,
                delivery_status_at_ms INTEGER NULL,
                delivery_error_code INTEGER NULL,
                updated_at_ms INTEGER NOT NULL,
                UNIQUE (campaign_id, phone)
            );
            CREATE INDEX ix_outbox_claim ON outbox(status, next_attempt_at_ms);
            CREATE INDEX ix_outbox_batch ON outbox(batch_id);
            CREATE INDEX ix_outbox_phone ON outbox(phone, status);
            """),
        new(6, "operators and audit log", """
            CREATE TABLE operators (
                id INTEGER PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('Administrator', 'Editor', 'Dispatch')),
                password_hash TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until_ms INTEGER NULL,
                created_at_ms INTEGER NOT NULL,
                last_login_at_ms INTEGER NULL
            );
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NULL,
                details TEXT NULL
            );
            -- Append-only by construction, not by convention: the database refuses edits.
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """),
        new(7, "inbound sms replies", """
            -- One automatic reply per number and town day (a START flood must not cost money).
            -- Like the verification log, it keeps only a keyed hash of the number.
            CREATE TABLE inbound_replies (
                phone_hash TEXT NOT NULL,
                day TEXT NOT NULL,
                sent_at_ms INTEGER NOT NULL,
                PRIMARY KEY (phone_hash, day)
            );
            CREATE INDEX ix_inbound_replies_day ON inbound_replies(day);
            """),
        new(8, "campaign originator", """
            -- The sender a campaign's SMS show (e.g. the town police as "MP Studenka"); NULL = Studenka:Sms:Originator.
            ALTER TABLE campaigns ADD COLUMN originator TEXT NULL;
            """),
        new(9, "subscriber ids never reused", """
            -- INTEGER PRIMARY KEY without AUTOINCREMENT hands a deleted highest id to the next sign-up;
            -- anything still naming the old id (a session, a log) would then point at another person.
            -- foreign_keys cannot be switched off inside the migration's transaction, and DROP TABLE
            -- of a parent runs an implicit DELETE that would cascade into the children. So the
            -- children are emptied first (kept in temp copies), the parent is rebuilt, and the
            -- children get their rows back; their own definitions, indexes and columns stay as they are.
            PRAGMA defer_foreign_keys = ON;
            CREATE TEMP TABLE keep_subscriber_packages AS SELECT * FROM subscriber_packages;
            CREATE TEMP TABLE keep_subscriber_addresses AS SELECT * FROM subscriber_addresses;
            DELETE FROM subscriber_packages;
            DELETE FROM subscriber_addresses;
            CREATE TABLE subscribers_v9 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                phone TEXT NOT NULL UNIQUE,
                name TEXT NULL,
                email TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
                consent_version TEXT NOT NULL,
                consent_at_ms INTEGER NOT NULL,
                created_at_ms INTEGER NOT NULL,
                activated_at_ms INTEGER NULL,
                updated_at_ms INTEGER NOT NULL
            );
            INSERT INTO subscribers_v9 (id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms)
                SELECT id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms FROM subscribers;
            DROP TABLE subscribers;
            ALTER TABLE subscribers_v9 RENAME TO subscribers;
            INSERT INTO subscriber_packages SELECT * FROM temp.keep_subscriber_packages;
            INSERT INTO subscriber_addresses SELECT * FROM temp.keep_subscriber_addresses;
            DROP TABLE temp.keep_subscriber_packages;
            DROP TABLE temp.keep_subscriber_addresses;
            """),
        new(10, "resident sessions, sign-up attempts and sms limits", """
            -- A manage session is a random token; only its SHA-256 is stored. It ends on "leave",
            -- on expiry, and with its subscriber (cascade), so a copied cookie opens nothing after that.
            CREATE TABLE manage_sessions (
                token_hash TEXT PRIMARY KEY,
                subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
                created_at_ms INTEGER NOT NULL,
                expires_at_ms INTEGER NOT NULL
            );
            CREATE INDEX ix_manage_sessions_subscriber ON manage_sessions(subscriber_id);
            CREATE INDEX ix_manage_sessions_expiry ON manage_sessions(expires_at_ms);
            -- A sign-up waits beside its own code: what a code confirms is what was posted with it,
            -- so a second sign-up for the same number cannot change it.
            ALTER TABLE verification_codes ADD COLUMN attempt TEXT NULL;
            ALTER TABLE verification_codes ADD COLUMN signup TEXT NULL;
            CREATE INDEX ix_verification_codes_attempt ON verification_codes(attempt);
            -- Limits per client address and network, kept like the phone: keyed hashes only.
            ALTER TABLE verification_sms_log ADD COLUMN client_hash TEXT NULL;
            ALTER TABLE verification_sms_log ADD COLUMN network_hash TEXT NULL;
            CREATE INDEX ix_verification_sms_log_client ON verification_sms_log(client_hash, sent_at_ms);
            CREATE INDEX ix_verification_sms_log_network ON verification_sms_log(network_hash, sent_at_ms);
            -- Values an administrator changed at run time (e.g. the daily verification cap); absent = configuration.
            CREATE TABLE subscription_settings (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                updated_by TEXT NOT NULL
            );
            -- Which cap alerts went out today: each threshold once per town day.
            CREATE TABLE verification_cap_alerts (
                day TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                at_ms INTEGER NOT NULL,
                PRIMARY KEY (day, threshold)
            );
            """),
        new(11, "addresses: house number parts and streets missing from the list", """
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
            """),
        new(12, "address points and streets needing mapping", """
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
            """),
        new(13, "webhook token replay cache", """
            -- The jti of each accepted MessageBird webhook token until the token expires (minutes),
            -- so a replayed call is refused on every node. Expired rows are deleted as new ones come.
            CREATE TABLE webhook_token_ids (
                jti TEXT PRIMARY KEY,
                expires_at_ms INTEGER NOT NULL
            );
            CREATE INDEX ix_webhook_token_ids_expires ON webhook_token_ids(expires_at_ms);
            """),
        new(14, "operator login delays instead of account lockout", """
            -- Wrong logins per (user name, client address), the pair only as a keyed hash: after a
            -- few, that address waits before trying that name again; the account never locks.
            CREATE TABLE operator_login_failures (
                key_hash TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_failure_at_ms INTEGER NOT NULL
            );
            CREATE INDEX ix_operator_login_failures_time ON operator_login_failures(last_failure_at_ms);
            -- operators.failed_attempts and locked_until_ms stay in the table, unused from now on.
            UPDATE operators SET failed_attempts = 0, locked_until_ms = NULL;
            """),
    ];

    /// <summary>What DatabaseMigrator did then: each step in its own transaction, recorded in schema_migrations.</summary>
    public static async Task ApplyAsync(System.Data.Common.DbConnection connection, long atMs)
    {
        await Dapper.SqlMapper.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
        foreach (var migration in All)
        {
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
            await Dapper.SqlMapper.ExecuteAsync(connection, migration.Sql, transaction: transaction);
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, @atMs)", new { migration.Version, migration.Name, atMs }, transaction);
            await transaction.CommitAsync();
        }
    }
}
