//! Schema migrations: SQL files under `db/migrations/sqlite/` and `db/migrations/postgres/`,
//! embedded at compile time, applied in order. The schema version is the same number on both
//! engines; SQLite keeps it in `PRAGMA user_version`, PostgreSQL in `foiboard_schema`.

use super::db::{Backend, Begin, Conn};
use super::{Result, StoreError};

/// The SQLite migrations, in order; the schema version is their count.
const SQLITE: &[&str] = &[
    include_str!("../../db/migrations/sqlite/0001_initial.sql"),
    include_str!("../../db/migrations/sqlite/0002_search.sql"),
    include_str!("../../db/migrations/sqlite/0003_mail.sql"),
    include_str!("../../db/migrations/sqlite/0004_trust.sql"),
    include_str!("../../db/migrations/sqlite/0005_campaign_cost.sql"),
    include_str!("../../db/migrations/sqlite/0006_letters.sql"),
    include_str!("../../db/migrations/sqlite/0007_authors_and_search.sql"),
    include_str!("../../db/migrations/sqlite/0008_covering_answers.sql"),
    include_str!("../../db/migrations/sqlite/0009_attachment_text.sql"),
    include_str!("../../db/migrations/sqlite/0010_proposals.sql"),
    include_str!("../../db/migrations/sqlite/0011_mail_search.sql"),
    include_str!("../../db/migrations/sqlite/0012_eisr.sql"),
    include_str!("../../db/migrations/sqlite/0013_covering_cells.sql"),
    include_str!("../../db/migrations/sqlite/0014_mailbox.sql"),
    include_str!("../../db/migrations/sqlite/0015_finding_questions.sql"),
];

/// The PostgreSQL migrations by the version each brings the schema to: support began at
/// version 6, with the whole schema at once.
const POSTGRES: &[(i64, &str)] = &[
    (
        6,
        include_str!("../../db/migrations/postgres/0006_schema.sql"),
    ),
    (
        7,
        include_str!("../../db/migrations/postgres/0007_authors_and_search.sql"),
    ),
    (
        8,
        include_str!("../../db/migrations/postgres/0008_covering_answers.sql"),
    ),
    (
        9,
        include_str!("../../db/migrations/postgres/0009_attachment_text.sql"),
    ),
    (
        10,
        include_str!("../../db/migrations/postgres/0010_proposals.sql"),
    ),
    (
        11,
        include_str!("../../db/migrations/postgres/0011_mail_search.sql"),
    ),
    (
        12,
        include_str!("../../db/migrations/postgres/0012_eisr.sql"),
    ),
    (
        13,
        include_str!("../../db/migrations/postgres/0013_covering_cells.sql"),
    ),
    (
        14,
        include_str!("../../db/migrations/postgres/0014_mailbox.sql"),
    ),
    (
        15,
        include_str!("../../db/migrations/postgres/0015_finding_questions.sql"),
    ),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = SQLITE.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction; refuses a
/// database from a newer program.
pub fn migrate(conn: &Conn) -> Result<()> {
    match conn.backend() {
        Backend::Sqlite => migrate_sqlite(conn),
        Backend::Postgres => migrate_postgres(conn, None),
    }
}

/// As [`migrate`], on a server whose catalogue was just read: `table` is the version table's
/// id (`None` when it is not there), and `marked` what the database's settings say of the
/// schema ([`mark_server_version`]). When they name this program's version and this very
/// table, nothing more is read: a round trip fewer on every command.
pub fn migrate_server(conn: &Conn, table: Option<i64>, marked: Option<&str>) -> Result<()> {
    if table.is_some() && marked == Some(version_mark(SCHEMA_VERSION, table).as_str()) {
        return Ok(());
    }
    migrate_postgres(conn, Some(table.is_some()))
}

/// The database setting that names the schema's version, which every new session is given
/// with its other settings when it starts.
pub const VERSION_SETTING: &str = "foiboard.schema_version";

/// What [`VERSION_SETTING`] holds: the version and the id of the table that records it, so
/// that a schema dropped and made again (an older dump restored into the database) is never
/// taken for the one that was marked.
fn version_mark(version: i64, table: Option<i64>) -> String {
    format!("{version}/{}", table.unwrap_or(0))
}

/// Names the schema's version in the database's own settings ([`VERSION_SETTING`]), so that
/// opening learns it with the lookups of its first statement instead of reading the version
/// table in a second. `server init` and `server upgrade` write it, as a superuser, once
/// [`migrate`] (as the owner role, reading the table, never an earlier mark) has brought the
/// schema up to date: PostgreSQL lets only a superuser set a database's value of a setting it
/// does not define, so neither a member nor the owner role can name another version. A member
/// who sets it in their own session misleads only their own foiboard; a mark that is not this
/// program's version and table (an older `server upgrade`, a restored dump) sends opening
/// back to the table.
pub fn mark_server_version(conn: &Conn) -> Result<()> {
    let (name, table): (String, Option<i64>) = conn.query_row(
        "SELECT pg_catalog.quote_ident(pg_catalog.current_database()::text),
                pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema())
                    || '.foiboard_schema')::oid::bigint",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(conn.execute_batch(&format!(
        "ALTER DATABASE {name} SET {VERSION_SETTING} = '{}'",
        version_mark(SCHEMA_VERSION, table)
    ))?)
}

fn too_new(found: i64) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn migrate_sqlite(conn: &Conn) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    too_new(found)?;
    let upgrading = found < SCHEMA_VERSION;
    for (i, sql) in SQLITE.iter().enumerate().skip(found as usize) {
        let tx = conn.begin(Begin::Write)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        if i as i64 + 1 == EISR_VERSION {
            widen_regime_checks(&tx)?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {}", i as i64 + 1))?;
        tx.commit()?;
    }
    if upgrading && found > 0 {
        // New indexes want statistics for the planner to choose them: gathered once, on a
        // bounded sample so a large database upgrades in a moment.
        conn.execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;")?;
    }
    Ok(())
}

/// The version that adds the Scottish EIRs to the regime CHECKs.
const EISR_VERSION: i64 = 12;

/// Adds 'eisr' to the regime CHECK of `bodies` and `requests` in SQLite's schema text: the
/// documented way to loosen a constraint that every stored row already meets (a rebuild of
/// either table would cascade into its children). The schema's version is moved on so every
/// connection reads the new text, and the database's integrity is checked before commit.
fn widen_regime_checks(tx: &super::db::Tx) -> Result<()> {
    let before: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, '''foisa'')', '''foisa'', ''eisr'')')
         WHERE type = 'table' AND name IN ('bodies', 'requests') AND sql NOT LIKE '%''eisr''%'",
        [],
    );
    let bumped = tx.execute_batch(&format!("PRAGMA schema_version = {}", before + 1));
    tx.execute_batch("PRAGMA writable_schema = OFF")?;
    changed?;
    bumped?;
    let ok: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(StoreError::Invalid(format!(
            "the database's integrity check failed while adding the Scottish EIRs ({ok}): nothing was changed; restore a backup or ask for help"
        )));
    }
    Ok(())
}

/// An arbitrary number every foiboard agrees on: the advisory lock that lets one process
/// migrate while the others wait.
const MIGRATION_LOCK: i64 = 0x464F_4942;

fn migrate_postgres(conn: &Conn, has_schema: Option<bool>) -> Result<()> {
    let version = |conn: &Conn, has_schema: Option<bool>| -> Result<i64> {
        // The table's existence from the catalogue (unless the caller has just read it),
        // its newest version read only when it is there.
        let exists = match has_schema {
            Some(known) => known,
            None => conn
                .query_row(
                    "SELECT pg_catalog.to_regclass('foiboard_schema')::text",
                    [],
                    |r| r.get::<Option<String>>(0),
                )?
                .is_some(),
        };
        if !exists {
            return Ok(0);
        }
        Ok(conn
            .query_row("SELECT max(version) FROM foiboard_schema", [], |r| {
                r.get::<Option<i64>>(0)
            })?
            .unwrap_or(0))
    };
    let found = version(conn, has_schema)?;
    too_new(found)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // A group's schema belongs to its owner role: a member cannot change it, and must not
    // try. Whoever hosts the server brings it up to date.
    let may_create: bool = conn.query_row(
        "SELECT pg_catalog.has_schema_privilege(pg_catalog.current_schema(), 'CREATE')",
        [],
        |r| r.get(0),
    )?;
    if !may_create {
        return Err(StoreError::Refused(if found == 0 {
            "this PostgreSQL database has not been set up for foiboard: ask whoever hosts the server to run `foiboard server init`".to_string()
        } else {
            format!(
                "the group's database has schema version {found} and this foiboard needs {SCHEMA_VERSION}: ask whoever hosts the server to run `foiboard server upgrade` (your data is unchanged)"
            )
        }));
    }
    let tx = conn.begin(Begin::Write)?;
    tx.execute("SELECT pg_advisory_xact_lock(?1)", [MIGRATION_LOCK])?;
    let now = version(&tx, None)?;
    if now == 0 {
        tx.execute_batch("CREATE TABLE foiboard_schema (version BIGINT NOT NULL)")?;
    }
    for (to, sql) in POSTGRES.iter().filter(|(to, _)| *to > now) {
        tx.execute_batch(sql)?;
        tx.execute("INSERT INTO foiboard_schema (version) VALUES (?1)", [*to])?;
    }
    tx.commit()?;
    Ok(())
}
