//! Schema migrations: SQL files under `db/migrations/`, embedded at compile time, applied in
//! order and recorded in `PRAGMA user_version`.

use rusqlite::Connection;

use super::{Result, StoreError};

/// The migrations, in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("../../db/migrations/0001_initial.sql"),
    include_str!("../../db/migrations/0002_search.sql"),
    include_str!("../../db/migrations/0003_mail.sql"),
    include_str!("../../db/migrations/0004_trust.sql"),
    include_str!("../../db/migrations/0005_campaign_cost.sql"),
    include_str!("../../db/migrations/0006_letters.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction; refuses a
/// database from a newer program.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    let upgrading = found < SCHEMA_VERSION;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    if upgrading && found > 0 {
        // New indexes want statistics for the planner to choose them: gathered once, on a
        // bounded sample so a large database upgrades in a moment.
        conn.execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;")?;
    }
    Ok(())
}
