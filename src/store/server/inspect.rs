//! What a group's database holds that foiboard did not put there, read from the catalogues
//! alone before `server init` or `server upgrade` touches anything.
//!
//! Setup runs as a superuser. Any function, policy, trigger, rule or view a member managed to
//! leave in the database could run inside that session and take the superuser's rights (a
//! policy that calls `RESET ROLE; ALTER ROLE ann SUPERUSER`), so none may be there: they are
//! listed and setup stops. Only catalogue tables are read here, every name qualified, with
//! `pg_catalog` searched first.

use super::super::db::Conn;
use super::super::Result;

/// The functions foiboard's migrations create.
const FUNCTIONS: &[&str] = &[
    "foiboard_author",
    "foiboard_history_rows",
    "foiboard_answers_fts",
    "foiboard_findings_fts",
    "foiboard_mail_fts",
    "foiboard_finding_question",
    "foiboard_finding_tag_question",
    "foiboard_finding_tags_follow",
];

/// The tables foiboard's migrations create: the history's tables, the history itself, the
/// search words, how far the mailbox was read, attachments' bytes, and the schema's version.
fn tables() -> impl Iterator<Item = &'static str> {
    super::super::tables::TABLES.iter().copied().chain([
        "changes",
        "change_rows",
        "answers_fts",
        "findings_fts",
        "mail_fts",
        "mail_folders",
        "attachment_bytes",
        "foiboard_schema",
    ])
}

/// The triggers foiboard's migrations create, by table.
const TRIGGERS: &[(&str, &str)] = &[
    ("events", "events_author"),
    ("answers", "answers_author"),
    ("findings", "findings_author"),
    ("messages", "messages_author"),
    ("changes", "changes_author"),
    ("change_rows", "change_rows_author"),
    ("answers", "answers_fts_sync"),
    ("findings", "findings_fts_sync"),
    ("messages", "mail_fts_sync"),
    ("attachments", "attachments_fts_sync"),
    ("findings", "findings_question"),
    ("findings", "findings_question_follows"),
    ("finding_tags", "finding_tags_question"),
];

/// Objects in the database `conn` is connected to that foiboard did not create, or that
/// belong to a role other than `owners` (the group's owner role, and the group role that
/// owned the tables before owners existed), each said in a line. Empty when the database is
/// as foiboard left it.
pub fn foreign_objects(conn: &Conn, owners: &[&str]) -> Result<Vec<String>> {
    let tables: Vec<&str> = tables().collect();
    let tables = tables.join(",");
    let functions = FUNCTIONS.join(",");
    let triggers: Vec<String> = TRIGGERS.iter().map(|(t, n)| format!("{t}.{n}")).collect();
    let triggers = triggers.join(",");
    let owners = owners.join(",");
    // One statement, catalogues only. `$names` are comma-separated lists bound as text.
    let sql = "
      WITH ours AS (SELECT pg_catalog.string_to_array(?1, ',') AS tables,
                           pg_catalog.string_to_array(?2, ',') AS functions,
                           pg_catalog.string_to_array(?3, ',') AS triggers,
                           pg_catalog.string_to_array(?4, ',') AS owners),
           ext AS (SELECT d.classid, d.objid FROM pg_catalog.pg_depend d WHERE d.deptype = 'e')
      SELECT 'the schema ' || n.nspname FROM pg_catalog.pg_namespace n
       WHERE n.nspname NOT IN ('public', 'pg_catalog', 'information_schema', 'pg_toast')
         AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
      UNION ALL
      SELECT 'the schema public, owned by ' || pg_catalog.pg_get_userbyid(n.nspowner)
        FROM pg_catalog.pg_namespace n, ours
       WHERE n.nspname = 'public'
         AND pg_catalog.pg_get_userbyid(n.nspowner) <> ALL (ours.owners || '{pg_database_owner}'::text[])
      UNION ALL
      SELECT 'the ' || CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '
                                      WHEN 'f' THEN 'foreign table ' ELSE 'table ' END
             || c.relname
        FROM pg_catalog.pg_class c, ours
       WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
         AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
         AND (c.relkind NOT IN ('r') OR c.relname::text <> ALL (ours.tables))
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                             AND ext.objid = c.oid)
      UNION ALL
      SELECT 'the ' || CASE c.relkind WHEN 'i' THEN 'index ' WHEN 'S' THEN 'sequence ' ELSE 'table ' END
             || c.relname || ', owned by ' || pg_catalog.pg_get_userbyid(c.relowner)
        FROM pg_catalog.pg_class c, ours
       WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
         AND c.relkind IN ('r', 'p', 'i', 'S')
         AND pg_catalog.pg_get_userbyid(c.relowner) <> ALL (ours.owners)
      UNION ALL
      SELECT 'row-level security on ' || c.relname FROM pg_catalog.pg_class c
       WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
         AND (c.relrowsecurity OR c.relforcerowsecurity)
      UNION ALL
      SELECT 'the policy ' || p.polname || ' on ' || c.relname
        FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
      UNION ALL
      SELECT 'the rule ' || r.rulename || ' on ' || c.relname
        FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
       WHERE c.relnamespace = 'public'::pg_catalog.regnamespace AND c.relkind <> 'v'
      UNION ALL
      SELECT 'the trigger ' || t.tgname || ' on ' || c.relname
        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid, ours
       WHERE NOT t.tgisinternal
         AND (c.relname || '.' || t.tgname) <> ALL (ours.triggers)
      UNION ALL
      SELECT 'the event trigger ' || e.evtname FROM pg_catalog.pg_event_trigger e
      UNION ALL
      SELECT 'the function ' || p.oid::pg_catalog.regprocedure::text
             || CASE WHEN p.proname::text = ANY (ours.functions)
                     THEN ', owned by ' || pg_catalog.pg_get_userbyid(p.proowner) ELSE '' END
        FROM pg_catalog.pg_proc p, ours
       WHERE p.pronamespace = 'public'::pg_catalog.regnamespace
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                                             AND ext.objid = p.oid)
         AND (p.proname::text <> ALL (ours.functions)
              OR pg_catalog.pg_get_userbyid(p.proowner) <> ALL (ours.owners))
      UNION ALL
      SELECT 'the operator ' || o.oid::pg_catalog.regoperator::text
        FROM pg_catalog.pg_operator o
       WHERE o.oprnamespace = 'public'::pg_catalog.regnamespace
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass
                                             AND ext.objid = o.oid)
      UNION ALL
      SELECT 'the type ' || t.typname FROM pg_catalog.pg_type t
       WHERE t.typnamespace = 'public'::pg_catalog.regnamespace
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                                             AND ext.objid = t.oid)
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                          WHERE c.reltype = t.oid OR c.reltype = t.typelem)
      UNION ALL
      SELECT 'the extension ' || x.extname FROM pg_catalog.pg_extension x
       WHERE x.extname NOT IN ('plpgsql', 'unaccent')
      UNION ALL
      SELECT 'the text search configuration ' || c.cfgname FROM pg_catalog.pg_ts_config c
       WHERE c.cfgnamespace = 'public'::pg_catalog.regnamespace AND c.cfgname <> 'foiboard_english'
      UNION ALL
      SELECT 'default privileges set by ' || pg_catalog.pg_get_userbyid(d.defaclrole)
        FROM pg_catalog.pg_default_acl d
      ORDER BY 1";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(
        [
            tables.as_str(),
            functions.as_str(),
            triggers.as_str(),
            owners.as_str(),
        ],
        |r| r.get::<String>(0),
    )?;
    Ok(rows.collect::<super::super::db::Result<_>>()?)
}
