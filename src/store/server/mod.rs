//! Setting up a group's PostgreSQL database, run by whoever hosts it (as the `postgres`
//! superuser on the server), and bringing it up to date.
//!
//! The rights follow trusted multi-user PostgreSQL applications:
//!
//! - `DB_owner`, a NOLOGIN role nobody is a member of, owns the database, its schema, tables,
//!   functions and triggers. Setup and upgrades act as it (`SET ROLE`), with the search path
//!   pinned, after checking from the catalogues alone that the database holds nothing
//!   foiboard did not create ([`inspect::foreign_objects`]).
//! - `DB_members`, a NOLOGIN group, holds the row rights the program needs and no more:
//!   reading and writing the campaign's tables; on the history, adding and reading only (and
//!   marking a change undone). Each member logs in as themselves, a member of the group.
//! - The server stamps every row's author with the login that wrote it (`session_user`, the
//!   schema's triggers): no member can write in another's name, whatever role they ask for.
//!
//! Members' passwords are made here and sent to the server only as SCRAM verifiers, so the
//! password itself never reaches the server's logs; each is printed once, apart from the
//! address, for the member's password file.

mod inspect;

use super::db::{Conn, PgTarget};
use super::{Result, Store, StoreError};

pub use inspect::foreign_objects;

/// What the host asked for.
#[derive(Debug, Clone)]
pub struct ServerPlan {
    pub database: String,
    pub members: Vec<String>,
    /// The name members reach the server by (what their certificate check expects).
    pub host: String,
    /// The port members connect to; the server's own when not given.
    pub port: Option<u16>,
    /// Where members keep the server's certificate authority (`sslrootcert`).
    pub ca: String,
}

/// One member after `server init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAccess {
    pub name: String,
    /// A new password, or `None` for a member who had one already (unchanged).
    pub password: Option<String>,
}

/// What `server init` or `server upgrade` did.
#[derive(Debug, Clone)]
pub struct ServerReady {
    pub database: String,
    pub group: String,
    pub owner: String,
    /// The port members connect to.
    pub port: u16,
    pub created: bool,
    pub members: Vec<MemberAccess>,
    /// What the server's configuration still lacks for members to connect safely.
    pub warnings: Vec<String>,
    /// Settings that belong on each member's own laptop, taken out of the shared database
    /// (key and value): a shared database must never name a command or a mail server.
    pub removed_settings: Vec<(String, String)>,
}

/// A role or database name foiboard will create: lower-case letters, digits and `_`,
/// starting with a letter, so it never needs quoting and never surprises.
pub fn check_identifier(what: &str, name: &str) -> Result<()> {
    let ok = name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "'{}' cannot be a {what} name: use lower-case letters, digits and _, starting with a letter (ann, bob_smith)",
            crate::text::line(name)
        )))
    }
}

/// A password of 24 letters and digits from the operating system's random source.
fn new_password() -> Result<String> {
    use std::io::Read;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut out = String::new();
    let mut f = std::fs::File::open("/dev/urandom")
        .map_err(|e| StoreError::Invalid(format!("no random source for passwords: {e}")))?;
    while out.len() < 24 {
        let mut b = [0u8; 1];
        f.read_exact(&mut b)
            .map_err(|e| StoreError::Invalid(format!("no random source for passwords: {e}")))?;
        // Rejection sampling keeps every letter equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        if usize::from(b[0]) < limit {
            out.push(char::from(ALPHABET[usize::from(b[0]) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

/// The personal settings foiboard once kept in the database: how one member sends mail.
/// They now live in each member's own config file, never in a shared database.
pub const PERSONAL_SETTINGS: &[&str] = &["smtp", "smtp-password-command", "sendmail"];

/// Runs `sql` as the superuser, for statements that name roles foiboard checked.
fn run(conn: &Conn, sql: &str) -> Result<()> {
    Ok(conn.execute_batch(sql)?)
}

/// Sets up `plan.database` on the server `admin` reaches (a superuser's address), or brings
/// an existing one up to date and adds members. Returns what was done and the database,
/// open as its owner role (for seeding it when new). Nothing is changed when the database
/// holds objects foiboard did not create: they are listed instead.
pub fn init(admin: &PgTarget, plan: &ServerPlan) -> Result<(ServerReady, Store)> {
    check_identifier("database", &plan.database)?;
    for m in &plan.members {
        check_identifier("member", m)?;
    }
    let db = &plan.database;
    let group = format!("{db}_members");
    let owner = format!("{db}_owner");
    check_identifier("group", &group)?;
    check_identifier("owner", &owner)?;
    if plan.members.iter().any(|m| *m == group || *m == owner) {
        return Err(StoreError::Invalid(format!(
            "{group} and {owner} are the group's own roles, not members' names"
        )));
    }
    let server = Conn::postgres(&admin.with_dbname("postgres"))?;
    // Catalogues first, whatever a session might put before them.
    run(&server, "SET search_path = pg_catalog")?;
    let superuser: bool = server.query_row(
        "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user",
        [],
        |r| r.get(0),
    )?;
    if !superuser {
        return Err(StoreError::Refused(format!(
            "{} is not a superuser: run `server init` on the server as the postgres user (sudo -u postgres foiboard server init ...)",
            admin.user()
        )));
    }
    let exists: bool = server.query_row(
        "SELECT count(*) > 0 FROM pg_catalog.pg_database WHERE datname = ?1",
        [db.as_str()],
        |r| r.get(0),
    )?;
    // Before anything changes: the database as foiboard left it, its owner one of ours.
    let mut legacy = false;
    if exists {
        let dba: String = server.query_row(
            "SELECT pg_catalog.pg_get_userbyid(datdba)::text FROM pg_catalog.pg_database WHERE datname = ?1",
            [db.as_str()],
            |r| r.get(0),
        )?;
        if dba == group {
            // Made by an earlier foiboard, when the group owned the tables: to be handed to
            // the owner role.
            legacy = true;
        } else if dba != owner {
            return Err(StoreError::Refused(format!(
                "the database {db} belongs to {}, not to {owner}: `server init` did not make it, so it was left alone. Choose another --database",
                crate::text::line(&dba)
            )));
        }
        let conn = Conn::postgres(&admin.with_dbname(db))?;
        run(&conn, "SET search_path = public")?;
        let foreign = foreign_objects(&conn, &[&owner, &group])?;
        if !foreign.is_empty() {
            return Err(StoreError::Refused(format!(
                "the database {db} holds what foiboard did not create, so nothing was changed: {}. Someone with access made them; find out who and why, remove them (as the postgres user), then run this again",
                foreign
                    .iter()
                    .map(|f| crate::text::line(f))
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
    }

    let role = |name: &str| -> Result<Option<(bool, bool)>> {
        Ok(server
            .query_row(
                "SELECT rolcanlogin, rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication
                 FROM pg_catalog.pg_roles WHERE rolname = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                super::db::Error::NoRows => Ok(None),
                e => Err(e),
            })?)
    };
    for (name, what) in [(&owner, "owner"), (&group, "group")] {
        match role(name)? {
            None => run(&server, &format!("CREATE ROLE {name} NOLOGIN NOINHERIT"))?,
            Some((false, false)) => {}
            Some(_) => {
                return Err(StoreError::Refused(format!(
                    "the role {name} can log in or holds server-wide rights, so it cannot be the group's {what} role: it was left alone. Drop or rename it (as the postgres user), then run this again"
                )))
            }
        }
    }
    // Nobody may become the owner; a member of the group may only be a plain login.
    let holders: Vec<String> = {
        let mut stmt = server.prepare(
            "SELECT m.rolname::text FROM pg_catalog.pg_auth_members a
             JOIN pg_catalog.pg_roles m ON m.oid = a.member
             JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
             WHERE r.rolname = ?1 ORDER BY 1",
        )?;
        let rows = stmt.query_map([owner.as_str()], |r| r.get(0))?;
        rows.collect::<super::db::Result<_>>()?
    };
    if !holders.is_empty() {
        return Err(StoreError::Refused(format!(
            "{} can act as the owner role {owner}, which nobody may: `REVOKE {owner} FROM {}` (as the postgres user), then run this again",
            holders.join(", "),
            holders.join(", ")
        )));
    }
    let port = match plan.port {
        Some(p) => p,
        None => server
            .query_row("SELECT pg_catalog.current_setting('port')", [], |r| {
                r.get::<String>(0)
            })?
            .parse()
            .unwrap_or(5432),
    };
    let mut members = Vec::new();
    for m in &plan.members {
        match role(m)? {
            Some((_, true)) => {
                return Err(StoreError::Refused(format!(
                    "{m} holds server-wide rights (superuser, or may create roles or databases): a member is a plain login. Choose another name"
                )))
            }
            Some(_) => {
                run(&server, &format!("GRANT {group} TO {m}"))?;
                members.push(MemberAccess {
                    name: m.clone(),
                    password: None,
                });
            }
            None => {
                let password = new_password()?;
                let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
                run(
                    &server,
                    &format!("CREATE ROLE {m} LOGIN PASSWORD '{verifier}' IN ROLE {group}"),
                )?;
                members.push(MemberAccess {
                    name: m.clone(),
                    password: Some(password),
                });
            }
        }
    }
    if !exists {
        // Byte order for text, as SQLite compares it: the same sort everywhere.
        run(
            &server,
            &format!(
                "CREATE DATABASE {db} OWNER {owner} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            ),
        )?;
    }
    if legacy {
        // Before the grants below: a change of owner rewrites the old owner's entries.
        run(&server, &format!("ALTER DATABASE {db} OWNER TO {owner}"))?;
    }
    // Whatever anyone was granted on the database before, only the group may connect.
    let grantees = acl_grantees(
        &server,
        "pg_catalog.pg_database",
        "datacl",
        "datname = ?1",
        db,
        &owner,
    )?;
    for g in &grantees {
        run(&server, &format!("REVOKE ALL ON DATABASE {db} FROM {g}"))?;
    }
    run(
        &server,
        &format!(
            "REVOKE ALL ON DATABASE {db} FROM PUBLIC; GRANT CONNECT ON DATABASE {db} TO {group}"
        ),
    )?;
    let warnings = server_warnings(&server, db, &group)?;
    drop(server);

    let conn = Conn::postgres(&admin.with_dbname(db))?;
    // pg_catalog is searched first when not named; new objects go to public.
    run(&conn, "SET search_path = public")?;
    if legacy {
        run(&conn, &format!("REASSIGN OWNED BY {group} TO {owner}"))?;
    }
    run(&conn, &format!("ALTER SCHEMA public OWNER TO {owner}"))?;
    let grantees = acl_grantees(
        &conn,
        "pg_catalog.pg_namespace",
        "nspacl",
        "nspname = ?1",
        "public",
        &owner,
    )?;
    for g in &grantees {
        run(&conn, &format!("REVOKE ALL ON SCHEMA public FROM {g}"))?;
    }
    run(
        &conn,
        &format!("REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO {group}; SET ROLE {owner}"),
    )?;
    let mut store = Store::on_connection(conn)?;
    // Up to date by its version table, whatever the database's settings say of it.
    super::migrate::migrate(&store.conn)?;
    grant_rows(&store.conn, &group, &owner)?;
    let removed_settings = store.take_settings(PERSONAL_SETTINGS)?;
    store.forget_calendars();
    // The schema is up to date: its version named in the database's settings, which only a
    // superuser may write (so back to the login's own rights for one statement; nothing is
    // read as the superuser).
    run(&store.conn, "RESET ROLE")?;
    super::migrate::mark_server_version(&store.conn)?;
    run(&store.conn, &format!("SET ROLE {owner}"))?;
    Ok((
        ServerReady {
            database: db.clone(),
            group,
            owner,
            port,
            created: !exists,
            members,
            warnings,
            removed_settings,
        },
        store,
    ))
}

/// The roles (other than `owner`) holding any right in the ACL column `column` of the
/// catalogue row `filter` picks: each has them revoked before the group's are granted.
fn acl_grantees(
    conn: &Conn,
    catalogue: &str,
    column: &str,
    filter: &str,
    value: &str,
    owner: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)::text)
         FROM {catalogue} c, pg_catalog.aclexplode(c.{column}) a
         WHERE c.{filter} AND a.grantee <> 0 AND pg_catalog.pg_get_userbyid(a.grantee) <> ?2
         ORDER BY 1"
    ))?;
    let rows = stmt.query_map([value, owner], |r| r.get(0))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// The group's rights on the tables, exactly: whatever anyone held before is revoked first.
/// Members read and write the campaign's tables; the history they may add to and read, and
/// mark a change undone, never delete or rewrite; the schema's version they only read.
fn grant_rows(conn: &Conn, group: &str, owner: &str) -> Result<()> {
    let mut grantees: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)::text)
             FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
             WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
               AND a.grantee <> 0 AND a.grantee <> c.relowner
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<super::db::Result<_>>()?
    };
    grantees.retain(|g| g != owner);
    grantees.push("PUBLIC".to_string());
    let mut sql = String::new();
    for g in &grantees {
        sql.push_str(&format!(
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {g};
             REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {g};\n"
        ));
    }
    let tables = super::tables::TABLES.join(", ");
    sql.push_str(&format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group};
         GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {group};
         GRANT SELECT, INSERT ON changes, change_rows TO {group};
         GRANT UPDATE (undone) ON changes TO {group};
         GRANT SELECT ON foiboard_schema, answers_fts, findings_fts, mail_fts TO {group};
         GRANT SELECT, INSERT, UPDATE ON mail_folders TO {group};
         GRANT SELECT, INSERT ON attachment_bytes TO {group};"
    ));
    Ok(conn.execute_batch(&sql)?)
}

/// What the server's configuration still lacks for members to connect safely.
fn server_warnings(server: &Conn, db: &str, group: &str) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let ssl: String =
        server.query_row("SELECT pg_catalog.current_setting('ssl')", [], |r| r.get(0))?;
    if ssl != "on" {
        warnings.push(
            "TLS is off on this server: set ssl = on with ssl_cert_file and ssl_key_file in postgresql.conf and reload; members' connections are refused without it".to_string(),
        );
    }
    let hashing: String = server.query_row(
        "SELECT pg_catalog.current_setting('password_encryption')",
        [],
        |r| r.get(0),
    )?;
    if hashing != "scram-sha-256" {
        warnings.push(format!(
            "password_encryption is {hashing}: set it to scram-sha-256 in postgresql.conf"
        ));
    }
    let member = format!("+{group}");
    let applies = "('all' = ANY(database) OR ?1 = ANY(database))
                   AND ('all' = ANY(user_name) OR ?2 = ANY(user_name))";
    let hba_ok: bool = server
        .query_row(
            &format!(
                "SELECT count(*) > 0 FROM pg_catalog.pg_hba_file_rules
                 WHERE type = 'hostssl' AND auth_method = 'scram-sha-256' AND {applies}"
            ),
            [db, member.as_str()],
            |r| r.get(0),
        )
        .unwrap_or(false);
    if !hba_ok {
        warnings.push(format!(
            "pg_hba.conf has no line letting the group in over TLS: add `hostssl {db} +{group} 0.0.0.0/0 scram-sha-256` (and `::/0` for IPv6), then `SELECT pg_reload_conf()`"
        ));
    }
    // A plain `host` line (TLS or not) or `hostnossl` that reaches members from another
    // machine lets a password and the campaign cross the network unencrypted.
    let plain: Vec<(i64, String)> = {
        let mut stmt = server.prepare(&format!(
            "SELECT line_number::bigint, type || ' ' || array_to_string(database, ',') || ' '
                    || array_to_string(user_name, ',') || ' ' || coalesce(address, '') || ' '
                    || coalesce(netmask, '') || ' ' || auth_method
             FROM pg_catalog.pg_hba_file_rules
             WHERE type IN ('host', 'hostnossl') AND {applies}
               AND NOT (address IN ('127.0.0.1', '::1', 'localhost')
                        OR address LIKE '127.%' AND netmask IN ('255.255.255.255', '255.0.0.0'))
             ORDER BY 1"
        ))?;
        let rows = stmt.query_map([db, member.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<super::db::Result<_>>().unwrap_or_default()
    };
    for (line, rule) in plain {
        warnings.push(format!(
            "pg_hba.conf line {line} (`{}`) lets members in from other machines without TLS: make it hostssl, then `SELECT pg_reload_conf()`",
            crate::text::line(rule.split_whitespace().collect::<Vec<_>>().join(" ").as_str())
        ));
    }
    Ok(warnings)
}
