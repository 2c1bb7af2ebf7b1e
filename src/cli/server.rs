//! `foiboard server init` (the host sets up the group's PostgreSQL database) and `foiboard
//! copy` (a whole database moved between a file and a server, either way).

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};

use super::UserError;
use crate::store::server::{self, ServerPlan};

#[derive(Subcommand, Debug)]
pub enum ServerCmd {
    /// Set up the group's database on this PostgreSQL server (run as the postgres superuser):
    /// the database, one login per member, their rights and the schema; prints each
    /// member's address and, apart from it, their password for ~/.pgpass.
    Init(InitArgs),
    /// Bring the group's database up to this foiboard's schema (run as the postgres
    /// superuser, after installing a newer foiboard); members' rights are set again.
    Upgrade(UpgradeArgs),
}

#[derive(Args, Debug)]
pub struct UpgradeArgs {
    /// The group's database.
    #[arg(long, default_value = "foiboard")]
    pub database: String,
    /// How to reach the server as its superuser (default: the local socket as postgres).
    #[arg(
        long,
        env = "FOIBOARD_ADMIN_DB",
        default_value = "postgres://postgres@localhost/postgres?host=/var/run/postgresql"
    )]
    pub admin: String,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The members' login names, comma-separated: ann,bob,carol. Run again to add members;
    /// existing members keep their passwords.
    #[arg(long, value_delimiter = ',', required = true)]
    pub members: Vec<String>,
    /// The database to create (or bring up to date).
    #[arg(long, default_value = "foiboard")]
    pub database: String,
    /// The name members reach this server by, as its TLS certificate names it.
    #[arg(long)]
    pub host: Option<String>,
    /// The port members connect to (default: the server's own).
    #[arg(long)]
    pub port: Option<u16>,
    /// Where members keep the server's certificate authority file (sslrootcert).
    #[arg(long, default_value = "foiboard-server-ca.crt")]
    pub ca: String,
    /// How to reach the server as its superuser (default: the local socket as postgres).
    #[arg(
        long,
        env = "FOIBOARD_ADMIN_DB",
        default_value = "postgres://postgres@localhost/postgres?host=/var/run/postgresql"
    )]
    pub admin: String,
}

#[derive(Args, Debug)]
pub struct CopyArgs {
    /// The database to copy: a file or a postgres:// address.
    #[arg(long, value_name = "PATH|URL")]
    pub from: PathBuf,
    /// Where to copy it: a new file, or an empty PostgreSQL database.
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
    /// Delete what the destination holds first (in the same transaction as the copy).
    #[arg(long)]
    pub replace: bool,
}

/// This machine's name, for members' connection strings when `--host` is not given.
fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

pub fn init(a: &InitArgs) -> Result<()> {
    let plan = ServerPlan {
        database: a.database.trim().to_string(),
        members: a.members.iter().map(|m| m.trim().to_string()).collect(),
        host: a.host.clone().unwrap_or_else(hostname),
        port: a.port,
        ca: a.ca.clone(),
    };
    if plan.members.iter().all(|m| m.is_empty()) {
        return Err(UserError("name the group's members: --members ann,bob".into()).into());
    }
    let ready = set_up(&a.admin, &plan)?;
    println!(
        "give each member, privately, the certificate authority file {} (their sslrootcert) and their lines:",
        plan.ca
    );
    for m in &ready.members {
        let address = format!(
            "postgres://{}@{}:{}/{}?sslmode=verify-full&sslrootcert={}",
            m.name, plan.host, ready.port, ready.database, plan.ca
        );
        match &m.password {
            Some(password) => {
                println!("  {}: foiboard --db '{address}'", m.name);
                println!(
                    "  {}'s password, for their ~/.pgpass (chmod 600) and nowhere else: {}:{}:{}:{}:{password}",
                    m.name, plan.host, ready.port, ready.database, m.name
                );
            }
            None => println!(
                "  {}: foiboard --db '{address}' (already a member; their password is unchanged)",
                m.name
            ),
        }
    }
    Ok(())
}

pub fn upgrade(a: &UpgradeArgs) -> Result<()> {
    let plan = ServerPlan {
        database: a.database.trim().to_string(),
        members: Vec::new(),
        host: hostname(),
        port: None,
        ca: String::new(),
    };
    set_up(&a.admin, &plan)?;
    Ok(())
}

/// `server init` and `server upgrade` alike: the database set up or brought up to date as
/// its owner, seeded when new, and what was done said.
fn set_up(admin: &str, plan: &ServerPlan) -> Result<server::ServerReady> {
    let admin = super::server_target(admin)?;
    let (ready, mut store) = server::init(&admin, plan)?;
    if store.row_count()? == 0 {
        crate::seed::seed(&mut store)?;
    }
    println!(
        "{} database {} (schema version {}) for the group {} ({} member(s) named here); its tables belong to {}, which nobody logs in as",
        if ready.created { "created" } else { "updated" },
        ready.database,
        crate::store::SCHEMA_VERSION,
        ready.group,
        ready.members.len(),
        ready.owner
    );
    for (k, v) in &ready.removed_settings {
        println!(
            "removed the setting {k} ({}) from the shared database: each member sets how they send mail on their own laptop (`foiboard config {k} ...`); tell them",
            crate::text::line(v)
        );
    }
    for w in &ready.warnings {
        println!("still to do: {w}");
    }
    Ok(ready)
}

pub fn copy(a: &CopyArgs) -> Result<()> {
    if a.from == a.to {
        return Err(
            UserError("--from and --to are the same database: nothing to copy".into()).into(),
        );
    }
    // The source must exist; the destination may be a new file (left unseeded: the copy
    // fills it) or an empty server database.
    let from = Some(a.from.clone());
    if super::server_url(&from).is_none() && !a.from.exists() {
        return Err(UserError(format!(
            "there is no foiboard database at {}: check --from",
            crate::files::outfile::shown(&a.from)
        ))
        .into());
    }
    let from = super::open_with(&from, false)?;
    let mut to = super::open_with(&Some(a.to.clone()), false)?;
    let copied = from.copy_into(&mut to, a.replace)?;
    // From a server, the attachments colleagues fetched are written here first.
    from.fetch_attachment_files()?;
    let attachments = copy_attachments(&from.attachments_dir(), &to.attachments_dir())?;
    // On a server the bytes go into the database too, so every member's laptop opens them.
    to.share_attachment_bytes(&from.attachments_dir())?;
    println!(
        "copied {} rows from {} to {}; every campaign's export is the same on both ({} campaign(s)){}",
        copied.total(),
        from.location(),
        to.location(),
        copied.campaigns,
        if attachments > 0 {
            format!("; {attachments} attachment file(s) copied to {}", crate::files::outfile::shown(&to.attachments_dir()))
        } else {
            String::new()
        }
    );
    Ok(())
}

/// The files of imported mail's attachments, kept on this machine beside each database;
/// links are passed over.
fn copy_attachments(from: &Path, to: &Path) -> Result<usize> {
    if !from.is_dir() || from == to {
        return Ok(0);
    }
    let mut n = 0;
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)? {
            let e = e?;
            let p = e.path();
            let rel = p.strip_prefix(from).unwrap_or(&p);
            // The entry itself, never what a link points to: only foiboard's own files go.
            let kind = e.file_type()?;
            if kind.is_dir() {
                stack.push(p.clone());
            } else if kind.is_file() {
                let dest = to.join(rel);
                if !dest.exists() {
                    crate::files::private::write(&dest, &std::fs::read(&p)?)?;
                    n += 1;
                }
            }
        }
    }
    Ok(n)
}
