//! A group on many machines: the host runs `server init`, each member connects as themselves
//! over TLS, an outsider cannot, and `copy` moves a whole database between a file and the
//! server and back without changing a byte of any export.

mod common;

use std::process::Output;

use assert_cmd::Command;
use common::{pg, Db};

/// Each member's laptop: its own data folder (drafts and attachments kept there), never the
/// data folder of whoever runs the tests.
fn laptop(name: &str) -> std::path::PathBuf {
    static HOMES: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOMES
        .get_or_init(|| tempfile::tempdir().unwrap())
        .path()
        .join(name)
}

fn foiboard(db: &str, args: &[&str]) -> Output {
    foiboard_on("ann-laptop", db, args)
}

fn foiboard_on(machine: &str, db: &str, args: &[&str]) -> Output {
    Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop(machine))
        .env("FOIBOARD_DB", db)
        .env("FOIBOARD_TODAY", common::TODAY)
        .env_remove("FOIBOARD_USER")
        .env("USER", "laptop-login-name")
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &str, args: &[&str]) -> String {
    let out = foiboard(db, args);
    assert!(
        out.status.success(),
        "foiboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `server init`, run as the host would; returns its output.
fn server_init(server: &pg::Server, database: &str, members: &str) -> String {
    let out = Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop("server"))
        .args([
            "server",
            "init",
            "--members",
            members,
            "--database",
            database,
            "--host",
            "127.0.0.1",
            "--port",
            &server.port.to_string(),
            "--ca",
            server.ca.to_str().unwrap(),
            "--admin",
            &server.superuser_url("postgres"),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "server init: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Each new member's connection string, by name.
fn members(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter_map(|l| {
            let (name, rest) = l.trim().split_once(": foiboard --db '")?;
            Some((name.to_string(), rest.trim_end_matches('\'').to_string()))
        })
        .collect()
}

#[test]
fn each_member_connects_as_themselves_and_an_outsider_cannot() {
    let Some(server) = pg::server() else { return };
    let database = format!("group{}", std::process::id());
    let out = server_init(server, &database, "ann,bob");
    assert!(
        out.contains(&format!("created database {database}")),
        "{out}"
    );
    assert!(
        !out.contains("still to do"),
        "the suite's server is set up: {out}"
    );
    let urls = members(&out);
    assert_eq!(
        urls.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["ann", "bob"]
    );
    let (ann, bob) = (&urls[0].1, &urls[1].1);
    assert!(ann.contains("sslmode=verify-full"), "{ann}");
    assert_ne!(ann, bob, "each member has their own password");

    // Ann records; Bob, on his own laptop, sees it, attributed to Ann's login, not her
    // laptop's user name.
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    ok(
        ann,
        &["event", "palantir-fdp/RJ1", "sent", "--on", "2026-11-02"],
    );
    let history = ok(bob, &["history", "--json"]);
    assert!(history.contains("\"author\": \"ann\""), "{history}");
    assert!(!history.contains("laptop-login-name"), "{history}");
    let list = ok(bob, &["list", "palantir-fdp"]);
    assert!(
        list.contains("RJ1") && list.contains("2026-12-01"),
        "{list}"
    );
    // Ann imports a letter with an attachment on her laptop: she reads where the file is;
    // Bob, on his, is told the file stayed with her.
    ok(
        ann,
        &[
            "import",
            "mail",
            &common::fixture("mail/pdf-attachment.eml"),
        ],
    );
    let on_hers = ok(ann, &["mail", "show", "1"]);
    assert!(on_hers.contains("saved at"), "{on_hers}");
    let out = foiboard_on("bob-laptop", bob, &["mail", "show", "1"]);
    let on_his = String::from_utf8_lossy(&out.stdout);
    assert!(on_his.contains("not on this machine"), "{on_his}");
    ok(ann, &["undo"]);

    // Bob can undo only his own; Ann's change is hers.
    let out = foiboard(bob, &["undo"]);
    assert!(!out.status.success());

    // Ann adds a request; Bob records on it; Ann's undo would remove the request and Bob's
    // event with it: refused, naming Bob, and nothing changes.
    ok(ann, &["request", "add", "palantir-fdp/RGT"]);
    ok(
        bob,
        &["event", "palantir-fdp/RGT", "sent", "--on", "2026-11-03"],
    );
    let out = foiboard(ann, &["undo"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 event") && err.contains("by bob"), "{err}");
    let rgt = ok(bob, &["show", "palantir-fdp/RGT"]);
    assert!(
        rgt.contains("2026-11-03"),
        "Bob's event is still there: {rgt}"
    );

    // An outsider with a login on the same server is not let in, and is told so.
    server.role("mallory");
    let outsider = server.tls_url("mallory", pg::PASSWORD, &database);
    let out = foiboard(&outsider, &["list", "palantir-fdp"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot connect") && err.contains("permission denied"),
        "{err}"
    );
    assert!(
        !err.contains(pg::PASSWORD),
        "the password is never shown: {err}"
    );
    // A wrong password neither.
    let wrong = ann.replacen("postgres://ann:", "postgres://ann:x", 1);
    let out = foiboard(&wrong, &["list", "palantir-fdp"]);
    assert!(!out.status.success());
    // Without TLS to another machine's address: refused before anything is sent.
    let plain = ann.replace("sslmode=verify-full", "sslmode=disable");
    let out = foiboard(
        &plain.replace("127.0.0.1", "db.example.org"),
        &["list", "palantir-fdp"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unencrypted"), "{err}");

    // A database of another program's is left alone, as another program's file is.
    let other = server.fresh_database("tester");
    server.sql(
        &other,
        "CREATE TABLE bodies (id int); INSERT INTO bodies VALUES (1);",
    );
    let out = foiboard(
        &server.tls_url("tester", pg::PASSWORD, &other),
        &["request", "add", "palantir-fdp/RJ1"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another program's tables"), "{err}");
    server.sql(
        &other,
        "SELECT 1 FROM bodies WHERE id = 1 AND (SELECT count(*) FROM bodies) = 1",
    );

    // Run again to add Carol: Ann's password is unchanged (her string still works).
    let again = server_init(server, &database, "ann,carol");
    assert!(again.contains("ann: already a member"), "{again}");
    let carol = &members(&again)[0].1;
    assert!(ok(carol, &["list", "palantir-fdp"]).contains("RJ1"));
    assert!(ok(ann, &["list", "palantir-fdp"]).contains("RJ1"));
}

/// Everything a group would compare after moving its database.
fn exports(db: &str) -> Vec<String> {
    [
        vec!["export", "palantir-fdp", "--format", "json"],
        vec!["export", "palantir-fdp", "--format", "csv"],
        vec!["report", "palantir-fdp"],
        vec!["history", "--limit", "10000", "--json"],
        vec!["list", "palantir-fdp", "--json"],
        vec!["finding", "list", "--json"],
        vec!["holidays", "--year", "2026"],
    ]
    .into_iter()
    .map(|a| ok(db, &a))
    .collect()
}

#[test]
fn copy_to_the_server_and_back_changes_nothing() {
    let Some(server) = Db::postgres() else { return };
    let file = Db::new();
    file.ok(&["init", "--demo"]);
    file.ok(&[
        "import",
        "mail",
        &common::fixture("mail/pdf-attachment.eml"),
    ]);
    file.ok(&[
        "holidays",
        "add",
        "2026-12-29",
        "--division",
        "scotland",
        "--title",
        "Proclaimed",
    ]);
    let file_db = file.path.to_str().unwrap();
    let url = server.url.clone().unwrap();
    let out = ok(file_db, &["copy", "--from", file_db, "--to", &url]);
    assert!(
        out.contains("every campaign's export is the same on both (1 campaign(s))"),
        "{out}"
    );
    assert!(!out.contains(pg::PASSWORD), "{out}");

    // What the group sees is the same, byte for byte.
    let before = exports(file_db);
    assert_eq!(exports(&url), before);

    // A server database is backed up with the server's own tool: said, with the command.
    let out = foiboard(&url, &["backup", "copy.db"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pg_dump") && err.contains("foiboard copy"),
        "{err}"
    );
    assert!(!err.contains(pg::PASSWORD), "{err}");

    // Work goes on on the server; the ids it gives follow the copied ones.
    ok(
        &url,
        &[
            "event",
            "palantir-fdp/RBS",
            "responded",
            "--on",
            "2026-11-20",
        ],
    );
    ok(&url, &["undo"]);
    assert_eq!(exports(&url)[..3], before[..3]);

    // A destination that holds data is refused, and left alone...
    let back = file.dir.path().join("back.db");
    let back_db = back.to_str().unwrap();
    ok(back_db, &["init"]);
    let out = foiboard(back_db, &["copy", "--from", &url, "--to", back_db]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--replace"), "{err}");
    // ...unless the group says to replace it.
    ok(
        back_db,
        &["copy", "--from", &url, "--to", back_db, "--replace"],
    );
    let round = exports(back_db);
    // The history on the server gained the event and its undo; the rest is the same.
    assert_eq!(round[..3], before[..3]);
    assert_eq!(round[4..], before[4..]);
    assert_eq!(exports(&url), round);
    assert!(ok(back_db, &["search", "sensitivity"]) == ok(file_db, &["search", "sensitivity"]));
}
