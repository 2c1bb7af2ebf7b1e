//! The two engines hold the same schema: every table with the same columns, in the same
//! order, of the same kind (whole number, text), nullable alike, and the same indexes. A
//! migration written for one engine and not the other fails here.

use crate::common;

use std::collections::BTreeMap;

use common::{pg, Db};

/// Table → columns as (name, kind, nullable).
type Columns = BTreeMap<String, Vec<(String, &'static str, bool)>>;

fn kind(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "whole number"
    } else if t.contains("char") || t.contains("text") {
        "text"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "number"
    } else {
        "other"
    }
}

fn sqlite_schema(path: &std::path::Path) -> (Columns, Vec<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut columns = Columns::new();
    for t in tables {
        let cols = conn
            .prepare(&format!("PRAGMA table_info({t})"))
            .unwrap()
            .query_map([], |r| {
                let name: String = r.get(1)?;
                let declared: String = r.get(2)?;
                let not_null: bool = r.get(3)?;
                let pk: i64 = r.get(5)?;
                Ok((name, kind(&declared), !not_null && pk == 0))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        columns.insert(t, cols);
    }
    let indexes = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (columns, indexes)
}

fn postgres_schema(server: &pg::Server, database: &str) -> (Columns, Vec<String>) {
    let mut client = server.client(database);
    let mut columns = Columns::new();
    for row in client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'foiboard_schema'
               AND table_name NOT LIKE '%\\_fts'
             ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        let (table, name, declared, nullable): (String, String, String, String) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        columns
            .entry(table)
            .or_default()
            .push((name, kind(&declared), nullable == "YES"));
    }
    // Indexes created by the migrations, not those the server makes for keys and
    // constraints, and not the full-text ones (SQLite keeps those as tables).
    let indexes = client
        .query(
            "SELECT i.indexname::text FROM pg_indexes i
             WHERE i.schemaname = 'public'
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
               AND i.indexname NOT LIKE '%_fts%'
             ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    (columns, indexes)
}

#[test]
fn both_engines_have_the_same_tables_columns_and_indexes() {
    let Some(db) = Db::postgres() else { return };
    let server = pg::server().unwrap();
    // A new database on each engine, brought up to the schema by opening it.
    let file = Db::new();
    file.ok(&["tags"]);
    db.ok(&["tags"]);
    let (lite_columns, lite_indexes) = sqlite_schema(&file.path);
    let name = db
        .url
        .as_deref()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let (pg_columns, pg_indexes) = postgres_schema(server, &name);
    assert_eq!(
        lite_columns.keys().collect::<Vec<_>>(),
        pg_columns.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, cols) in &lite_columns {
        assert_eq!(cols, &pg_columns[table], "the columns of {table}");
    }
    assert_eq!(lite_indexes, pg_indexes, "the same indexes");
    assert!(lite_columns.len() >= 16, "{:?}", lite_columns.keys());
}

/// The words a `CHECK (column IN (...))` allows, read from the table's SQL on a file and from
/// the constraint's definition on a server.
fn quoted_words(text: &str) -> std::collections::BTreeSet<String> {
    text.split('\'')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn sqlite_check(
    path: &std::path::Path,
    table: &str,
    column: &str,
) -> std::collections::BTreeSet<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    // The CHECK on this column: from `CHECK (column` to the parenthesis closing the list.
    let start = sql
        .find(&format!("CHECK ({column} IN"))
        .or_else(|| sql.find(&format!("CHECK ({column} IS NULL OR {column} IN")))
        .unwrap_or_else(|| panic!("no CHECK on {table}.{column}: {sql}"));
    let end = start + sql[start..].find("))").unwrap();
    quoted_words(&sql[start..end])
}

fn postgres_check(
    client: &mut postgres::Client,
    table: &str,
    column: &str,
) -> std::collections::BTreeSet<String> {
    let defs: Vec<String> = client
        .query(
            "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
             JOIN pg_class t ON t.oid = c.conrelid
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
             WHERE c.contype = 'c' AND t.relname = $1 AND a.attname = $2",
            &[&table, &column],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(defs.len(), 1, "one CHECK on {table}.{column}: {defs:?}");
    quoted_words(&defs[0])
}

fn words(all: &[&str]) -> std::collections::BTreeSet<String> {
    all.iter().map(|w| w.to_string()).collect()
}

/// Each vocabulary is declared once in the program; the schema's `CHECK`s spell the stored
/// ones out again. They must allow exactly the program's words on both engines, and every
/// value without a `CHECK` (outcomes, review outcomes) must be stored and read back as itself.
#[test]
fn every_vocabulary_word_is_allowed_stored_and_read_back_on_both_engines() {
    use foiboard::law::{Division, EventKind, Regime, ReviewOutcome};
    use foiboard::model::Outcome;
    let kinds: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
    let regimes: Vec<&str> = Regime::ALL.iter().map(|r| r.as_str()).collect();
    let divisions: Vec<&str> = Division::ALL.iter().map(|d| d.as_str()).collect();
    let checked = [
        ("events", "kind", words(&kinds)),
        ("requests", "regime", words(&regimes)),
        ("bodies", "regime", words(&regimes)),
        ("holidays", "division", words(&divisions)),
    ];
    let mut engines = vec![Db::new()];
    engines.extend(Db::postgres());
    for db in &engines {
        db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
        match &db.url {
            None => {
                for (table, column, expected) in &checked {
                    assert_eq!(
                        &sqlite_check(&db.path, table, column),
                        expected,
                        "file: {table}.{column}"
                    );
                }
            }
            Some(url) => {
                let server = pg::server().unwrap();
                let name = url.split('?').next().unwrap().rsplit('/').next().unwrap();
                let mut client = server.client(name);
                for (table, column, expected) in &checked {
                    assert_eq!(
                        &postgres_check(&mut client, table, column),
                        expected,
                        "server: {table}.{column}"
                    );
                }
            }
        }
        let engine = if db.url.is_some() { "server" } else { "file" };
        // Every regime stored on a body and read back.
        for (i, regime) in Regime::ALL.iter().enumerate() {
            let ods = format!("ZV{i}");
            db.ok(&[
                "bodies",
                "add",
                &ods,
                "--name",
                &format!("Vocabulary Trust {i}"),
                "--kind",
                "acute",
                "--regime",
                regime.as_str(),
            ]);
            db.ok(&["request", "add", &format!("palantir-fdp/ods:{ods}")]);
            let shown = db.json(&["show", &format!("palantir-fdp/{ods}")]);
            assert_eq!(shown["regime"], regime.as_str(), "{engine}: {regime:?}");
        }
        // Every outcome stored on an answer and read back.
        db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
        db.ok(&[
            "event",
            "palantir-fdp/RJ1",
            "responded",
            "--on",
            "2026-10-20",
        ]);
        for outcome in Outcome::ALL {
            db.ok(&[
                "answer",
                "palantir-fdp/RJ1",
                "--question",
                "1",
                "--outcome",
                outcome.as_str(),
            ]);
            let shown = db.json(&["show", "palantir-fdp/RJ1"]);
            assert_eq!(
                shown["answers"][0]["outcome"],
                outcome.as_str(),
                "{engine}: {outcome:?}"
            );
        }
        // Every review outcome stored on the review's answer and read back.
        db.ok(&[
            "event",
            "palantir-fdp/RJ1",
            "review-requested",
            "--on",
            "2026-10-21",
        ]);
        db.ok(&[
            "event",
            "palantir-fdp/RJ1",
            "review-responded",
            "--on",
            "2026-10-25",
            "--outcome",
            "upheld",
        ]);
        let shown = db.json(&["show", "palantir-fdp/RJ1"]);
        let id = shown["events"].as_array().unwrap().last().unwrap()["id"].to_string();
        for review in ReviewOutcome::ALL {
            db.ok(&["event", "edit", &id, "--outcome", review.as_str()]);
            let shown = db.json(&["show", "palantir-fdp/RJ1"]);
            assert_eq!(
                shown["review_outcome"],
                review.as_str(),
                "{engine}: {review:?}"
            );
        }
    }
}
