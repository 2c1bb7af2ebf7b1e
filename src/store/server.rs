//! Setting up a group's PostgreSQL database, run once by whoever hosts it (as the `postgres`
//! superuser on the server): the database, a group role that owns its tables, one login role
//! per member in that group, connection rights for the group alone, and the schema.
//!
//! Members' passwords are made here and sent to the server only as SCRAM verifiers, so the
//! password itself never reaches the server's logs; each is printed once, in the member's
//! connection string.

use super::db::{Conn, PgTarget};
use super::{Result, Store, StoreError};

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
    /// The connection string with a new password, or `None` for a member who had one already
    /// (unchanged).
    pub url: Option<String>,
}

/// What `server init` did.
#[derive(Debug, Clone)]
pub struct ServerReady {
    pub database: String,
    pub group: String,
    pub created: bool,
    pub members: Vec<MemberAccess>,
    /// What the server's configuration still lacks for members to connect safely.
    pub warnings: Vec<String>,
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

/// Sets up `plan.database` on the server `admin` reaches (a superuser's address). Returns
/// what was done and the database, open as the group (for seeding it when new).
pub fn init(admin: &str, plan: &ServerPlan) -> Result<(ServerReady, Store)> {
    check_identifier("database", &plan.database)?;
    for m in &plan.members {
        check_identifier("member", m)?;
    }
    if plan.members.is_empty() {
        return Err(StoreError::Invalid(
            "name the group's members: --members ann,bob".into(),
        ));
    }
    let admin = PgTarget::parse(admin)?;
    let server = Conn::postgres(&admin.with_dbname("postgres"))?;
    let superuser: bool = server.query_row(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
        [],
        |r| r.get(0),
    )?;
    if !superuser {
        return Err(StoreError::Refused(format!(
            "{} is not a superuser: run `server init` on the server as the postgres user (sudo -u postgres foiboard server init ...)",
            admin.user()
        )));
    }
    let db = &plan.database;
    let group = format!("{db}_members");
    check_identifier("group", &group)?;
    let role_exists = |name: &str| -> Result<bool> {
        Ok(server.query_row(
            "SELECT count(*) > 0 FROM pg_roles WHERE rolname = ?1",
            [name],
            |r| r.get(0),
        )?)
    };
    if !role_exists(&group)? {
        server.execute_batch(&format!("CREATE ROLE {group} NOLOGIN"))?;
    }
    let port = match plan.port {
        Some(p) => p,
        None => server
            .query_row("SELECT current_setting('port')", [], |r| r.get::<String>(0))?
            .parse()
            .unwrap_or(5432),
    };
    let mut members = Vec::new();
    for m in &plan.members {
        if role_exists(m)? {
            server.execute_batch(&format!("GRANT {group} TO {m}"))?;
            members.push(MemberAccess {
                name: m.clone(),
                url: None,
            });
        } else {
            let password = new_password()?;
            let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
            server.execute_batch(&format!(
                "CREATE ROLE {m} LOGIN PASSWORD '{verifier}' IN ROLE {group}"
            ))?;
            members.push(MemberAccess {
                name: m.clone(),
                url: Some(format!(
                    "postgres://{m}:{password}@{}:{port}/{db}?sslmode=verify-full&sslrootcert={}",
                    plan.host, plan.ca
                )),
            });
        }
    }
    let created = !server.query_row(
        "SELECT count(*) > 0 FROM pg_database WHERE datname = ?1",
        [db.as_str()],
        |r| r.get::<bool>(0),
    )?;
    if created {
        // Byte order for text, as SQLite compares it: the same sort everywhere.
        server.execute_batch(&format!(
            "CREATE DATABASE {db} OWNER {group} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        ))?;
    }
    server.execute_batch(&format!(
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {group}"
    ))?;
    let mut warnings = Vec::new();
    let ssl: String = server.query_row("SELECT current_setting('ssl')", [], |r| r.get(0))?;
    if ssl != "on" {
        warnings.push(
            "TLS is off on this server: set ssl = on with ssl_cert_file and ssl_key_file in postgresql.conf and reload; members' connections are refused without it".to_string(),
        );
    }
    let hashing: String =
        server.query_row("SELECT current_setting('password_encryption')", [], |r| {
            r.get(0)
        })?;
    if hashing != "scram-sha-256" {
        warnings.push(format!(
            "password_encryption is {hashing}: set it to scram-sha-256 in postgresql.conf"
        ));
    }
    let hba_ok: bool = server
        .query_row(
            "SELECT count(*) > 0 FROM pg_hba_file_rules
             WHERE type = 'hostssl' AND auth_method = 'scram-sha-256'
               AND ('all' = ANY(database) OR ?1 = ANY(database))
               AND ('all' = ANY(user_name) OR ?2 = ANY(user_name))",
            [db.as_str(), &format!("+{group}")],
            |r| r.get(0),
        )
        .unwrap_or(false);
    if !hba_ok {
        warnings.push(format!(
            "pg_hba.conf has no line letting the group in over TLS: add `hostssl {db} +{group} 0.0.0.0/0 scram-sha-256` (and `::/0` for IPv6), then `SELECT pg_reload_conf()`"
        ));
    }
    drop(server);

    // The schema, owned by the group, so any member's newer foiboard can upgrade it.
    let conn = Conn::postgres(&admin.with_dbname(db))?;
    conn.execute_batch(&format!(
        "REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO {group}; SET ROLE {group}"
    ))?;
    let store = Store::on_connection(conn)?;

    Ok((
        ServerReady {
            database: db.clone(),
            group,
            created,
            members,
            warnings,
        },
        store,
    ))
}
