//! Running the real binary on a temporary database with a fixed today.
#![allow(dead_code)]

#[cfg(target_os = "linux")]
pub mod pty;
pub mod smtp;

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub const TODAY: &str = "2026-11-23";

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("campaign.db");
        Db { dir, path }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("foiboard").unwrap();
        c.env("FOIBOARD_DB", &self.path)
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
