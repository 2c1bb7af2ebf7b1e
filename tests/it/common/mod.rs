//! Running the real binary on a temporary database with a fixed today.
#![allow(dead_code)]

pub mod certs;
pub mod imap;
pub mod pg;
#[cfg(target_os = "linux")]
pub mod pty;
pub mod relay;
pub mod smtp;

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub const TODAY: &str = "2026-11-23";

/// The store at `location`: a file, or a PostgreSQL address.
pub fn open_store(location: &std::ffi::OsStr) -> foiboard::store::Store {
    match location.to_str().filter(|s| foiboard::store::db::is_url(s)) {
        Some(url) => foiboard::store::Store::connect(url).unwrap().0,
        None => foiboard::store::Store::open(std::path::Path::new(location)).unwrap(),
    }
}

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    /// A PostgreSQL database's address, when the test runs on the server instead of a file.
    pub url: Option<String>,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("campaign.db");
        Db {
            dir,
            path,
            url: None,
        }
    }

    /// A new database on the suite's PostgreSQL server, or `None` when it is not installed.
    pub fn postgres() -> Option<Db> {
        Db::postgres_on(pg::server()?)
    }

    /// A new database on `server`.
    pub fn postgres_on(server: &pg::Server) -> Option<Db> {
        let mut db = Db::new();
        // The author of changes on a server is the role: the same name as the file's author.
        db.url = Some(server.fresh_url("tester"));
        Some(db)
    }

    /// The server database's name (from its address); panics on a file.
    pub fn database_name(&self) -> String {
        let url = self.url.as_deref().expect("a server database");
        let path = url.split('?').next().unwrap_or(url);
        path.rsplit('/').next().unwrap_or(path).to_string()
    }

    /// What `--db` is given: the file, or the server's address.
    pub fn location(&self) -> std::ffi::OsString {
        match &self.url {
            Some(u) => u.into(),
            None => self.path.clone().into_os_string(),
        }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("foiboard").unwrap();
        // A member keeps the password out of the address (the program warns about one in
        // it); the suite's comes from PGPASSWORD.
        let location = match &self.url {
            Some(u) => {
                c.env("PGPASSWORD", pg::PASSWORD);
                u.replacen(&format!(":{}@", pg::PASSWORD), "@", 1).into()
            }
            None => self.location(),
        };
        c.env("FOIBOARD_DB", location)
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("FOIBOARD_CONFIG", self.dir.path().join("config.toml"))
            .env("FOIBOARD_TODAY", TODAY)
            .env("FOIBOARD_USER", "tester")
            .env_remove("NO_COLOR");
        c
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "foiboard {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code 2 with one sentence on stderr; returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let out: Output = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "foiboard {args:?}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "one clear sentence: {err}");
        assert!(err.starts_with("foiboard: "), "{err}");
        err
    }

    /// Runs and expects exit code 2, a list of problems on stdout and one sentence on stderr;
    /// returns both, stdout first.
    pub fn refused_listing(&self, args: &[&str]) -> (String, String) {
        let out: Output = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "foiboard {args:?}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "one clear sentence: {err}");
        (String::from_utf8(out.stdout).unwrap(), err)
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(&a)).unwrap()
    }

    /// Everything a user can see of the database, to check that a refused command changed nothing.
    pub fn state(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}",
            self.ok(&["list", "palantir-fdp", "--json"]),
            self.ok(&["history", "--limit", "1000", "--json"]),
            self.ok(&["finding", "list", "--json"]),
            self.ok(&["tags", "--json"])
        )
    }
}

/// The path of a file under `tests/fixtures/`, as a string for the command line.
pub fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

/// The cell of a spreadsheet export (`export --format csv`) in `column`, on the row of the
/// body whose ODS code is `ods`.
pub fn csv_cell(csv_text: &str, ods: &str, column: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let (code, wanted) = (at("ods_code"), at(column));
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| r.get(code) == Some(ods))
        .unwrap_or_else(|| panic!("no row for {ods}"));
    row[wanted].to_string()
}
