//! The two engines hold the same schema: every table with the same columns, in the same
//! order, of the same kind (whole number, text), nullable alike, and the same indexes. A
//! migration written for one engine and not the other fails here.

mod common;

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
