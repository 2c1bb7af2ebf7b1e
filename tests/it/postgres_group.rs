//! A group on many machines: the host runs `server init`, each member connects as themselves
//! over TLS, an outsider cannot, and `copy` moves a whole database between a file and the
//! server and back without changing a byte of any export.

use crate::common;

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

/// The members' password file: each laptop keeps the line `server init` printed for its
/// member in `~/.pgpass`; one file serves the suite's laptops (lines match by user).
fn pgpass() -> std::path::PathBuf {
    laptop("pgpass")
}

fn foiboard_on(machine: &str, db: &str, args: &[&str]) -> Output {
    Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop(machine))
        .env("FOIBOARD_CONFIG", laptop(machine).join("config.toml"))
        .env("PGPASSFILE", pgpass())
        .env_remove("PGPASSWORD")
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

/// Adds `line` to the suite's `.pgpass` (appended, as each laptop's member adds theirs).
fn keep_in_pgpass(line: &str) {
    use std::io::Write;
    let path = pgpass();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap();
    writeln!(f, "{line}").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// `server init`, run as the host would; returns its output.
fn server_init(server: &pg::Server, database: &str, members: &str) -> String {
    let out = Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop("server"))
        .env("FOIBOARD_CONFIG", laptop("server").join("config.toml"))
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

/// Each member's address, by name, as `server init` printed it; the password it printed
/// apart goes into the members' password file, as each member would keep it.
fn members(out: &str) -> Vec<(String, String)> {
    for l in out.lines() {
        if let Some((_, line)) = l.split_once("and nowhere else: ") {
            keep_in_pgpass(line);
        }
    }
    out.lines()
        .filter_map(|l| {
            let (name, rest) = l.trim().split_once(": foiboard --db '")?;
            let url = rest.split('\'').next()?;
            Some((name.to_string(), url.to_string()))
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
    assert!(
        ann.starts_with("postgres://ann@"),
        "no password in the printed address: {ann}"
    );
    let passwords = std::fs::read_to_string(pgpass()).unwrap();
    let password_of = |who: &str| {
        passwords
            .lines()
            .find(|l| l.contains(&format!(":{who}:")))
            .and_then(|l| l.rsplit(':').next())
            .unwrap()
            .to_string()
    };
    assert_ne!(
        password_of("ann"),
        password_of("bob"),
        "each member has their own password"
    );
    assert!(!ann.contains(&password_of("ann")), "{ann}");

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
    // Bob, on his, finds it there too, written from the group's database.
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
    assert!(
        on_his.contains("saved at") && on_his.contains("bob-laptop"),
        "{on_his}"
    );
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
    // A wrong password neither; a password written in the address is warned about.
    let wrong = ann.replacen("postgres://ann@", "postgres://ann:not-her-password@", 1);
    let out = foiboard(&wrong, &["list", "palantir-fdp"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("~/.pgpass") && err.contains("process list"),
        "{err}"
    );
    assert!(!err.contains("not-her-password"), "{err}");
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
    assert!(again.contains("(already a member"), "{again}");
    let carol = &members(&again)
        .into_iter()
        .find(|(n, _)| n == "carol")
        .unwrap()
        .1;
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
    ok(back_db, &["init", "--demo"]);
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

/// A member's own session on the group's database, as a member with `psql` would have it:
/// through the server's socket as her login (how she signs in is not what is tested here).
fn as_member(server: &pg::Server, who: &str, database: &str) -> postgres::Client {
    postgres::Client::connect(
        &format!(
            "host={} port={} user={who} dbname={database}",
            server.socket_dir.display(),
            server.port
        ),
        postgres::NoTls,
    )
    .unwrap()
}

/// The member's statement fails, and says it was not allowed.
fn forbidden(client: &mut postgres::Client, sql: &str) {
    let err = client
        .batch_execute(sql)
        .expect_err(&format!("a member ran: {sql}"));
    let text = err
        .as_db_error()
        .map(|d| d.message().to_string())
        .unwrap_or_else(|| err.to_string());
    assert!(
        text.contains("permission denied")
            || text.contains("must be owner")
            || text.contains("written by its author only"),
        "{sql}: {text}"
    );
}

/// A member's command opens the group's database with one statement: the schema's version
/// comes with the session's settings, named there by `server init`, not from the version
/// table in a second round trip. A version named there that is not this program's (a dump
/// restored, an older foiboard's upgrade) sends opening back to the table, and all works.
#[test]
fn a_members_command_learns_the_schema_version_with_its_first_statement() {
    let Some(server) = pg::server() else { return };
    let database = format!("marked{}", std::process::id());
    let out = server_init(server, &database, "ann13");
    let ann = &members(&out)[0].1;
    let (relay, through) = common::relay::Relay::in_front_of(ann);
    // Ann's password for the relay's port too: her line, another port.
    let line = std::fs::read_to_string(pgpass())
        .unwrap()
        .lines()
        .find(|l| l.contains(":ann13:"))
        .expect("ann's line in .pgpass")
        .replacen(
            &format!(":{}:", server.port),
            &format!(":{}:", relay.port),
            1,
        );
    keep_in_pgpass(&line);
    assert!(ok(&through, &["tags"]).contains("fdp/in-use"));
    let marked = relay.round_trips();
    // Connecting (5), opening (1), `tags`' two statements.
    assert!(marked <= 8, "{marked} round trips for a member's `tags`");
    server.sql(
        &database,
        &format!("ALTER DATABASE {database} SET foiboard.schema_version = '1'"),
    );
    assert!(ok(&through, &["tags"]).contains("fdp/in-use"));
    assert_eq!(
        relay.round_trips() - marked,
        marked + 1,
        "a version that is not this program's is read from the table"
    );
}

#[test]
fn a_member_cannot_change_the_schema_or_rewrite_the_history() {
    let Some(server) = pg::server() else { return };
    let database = format!("rights{}", std::process::id());
    let out = server_init(server, &database, "ann3,bob3");
    let urls = members(&out);
    let (ann, bob) = (&urls[0].1, &urls[1].1);
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    ok(
        bob,
        &["event", "palantir-fdp/RJ1", "sent", "--on", "2026-11-02"],
    );

    let mut c = as_member(server, "ann3", &database);
    let owner = format!("{database}_owner");
    for sql in [
        "DROP TABLE events".to_string(),
        "ALTER TABLE events ADD COLUMN x int".into(),
        "TRUNCATE events".into(),
        "CREATE SCHEMA evil".into(),
        "CREATE TABLE public.mine (id int)".into(),
        "CREATE FUNCTION public.audit() RETURNS bool LANGUAGE sql AS 'SELECT true'".into(),
        "CREATE TEMP TABLE scratch (id int)".into(),
        "ALTER TABLE bodies ENABLE ROW LEVEL SECURITY".into(),
        "CREATE POLICY p ON bodies USING (true)".into(),
        "DELETE FROM changes".into(),
        "DELETE FROM change_rows".into(),
        "UPDATE changes SET author = 'ann3'".into(),
        "UPDATE changes SET summary = 'nothing happened'".into(),
        "UPDATE change_rows SET after = NULL".into(),
        "UPDATE foiboard_schema SET version = 1".into(),
        // The version every session is told at start: only a superuser may name it.
        format!("ALTER DATABASE {database} SET foiboard.schema_version = '99'"),
        format!("ALTER DATABASE {database} RESET foiboard.schema_version"),
        // A fetched letter's bytes are added, never replaced or removed.
        "UPDATE attachment_bytes SET bytes = 'forged'".into(),
        "DELETE FROM attachment_bytes".into(),
        "DELETE FROM mail_folders".into(),
        format!("SET ROLE {owner}"),
        // Rows added to Bob's change would be replayed by an undo, in his name.
        "INSERT INTO change_rows (change_id, seq, tbl, row_id, before, after)
         SELECT id, 99, 'events', 1, NULL, NULL FROM changes WHERE author = 'bob3'"
            .into(),
    ] {
        forbidden(&mut c, &sql);
    }
    // Whatever author she writes, and whatever role she takes, the server writes hers.
    c.batch_execute(&format!(
        "SET ROLE {database}_members;
         INSERT INTO events (request_id, kind, on_date, author, created_at)
         SELECT id, 'note', '2026-11-05', 'bob3', '2026-11-05T00:00:00Z' FROM requests;
         INSERT INTO changes (id, at, author, summary)
         VALUES ((SELECT max(id) + 1 FROM changes), 'x', 'bob3', 'forged');"
    ))
    .unwrap();
    let authors: Vec<String> = c
        .query(
            "SELECT author FROM events WHERE kind = 'note'
             UNION ALL SELECT author FROM changes WHERE summary = 'forged'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(authors, ["ann3", "ann3"]);
    // The history is still Bob's where it was Bob's.
    let history = ok(ann, &["history", "--json"]);
    assert!(history.contains("\"author\": \"bob3\""), "{history}");
}

/// The question a finding and its tags are read by (the spreadsheet's cells, the codebook's
/// counts) is the server's word: a member who writes another question into the row, on
/// insert or update, leaves the finding under the question its answer is to.
#[test]
fn a_member_cannot_file_a_finding_under_another_question() {
    let Some(server) = pg::server() else { return };
    let database = format!("question{}", std::process::id());
    let out = server_init(server, &database, "ann14");
    let ann = &members(&out)[0].1;
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    for q in ["1", "5"] {
        ok(
            ann,
            &[
                "answer",
                "palantir-fdp/RJ1",
                "--question",
                q,
                "--outcome",
                "answered",
            ],
        );
    }
    ok(
        ann,
        &[
            "finding",
            "add",
            "palantir-fdp/RJ1",
            "--question",
            "5",
            "--tag",
            "fdp/in-use",
        ],
    );
    let mut c = as_member(server, "ann14", &database);
    let question = |number: i64| -> i64 {
        let mut c = as_member(server, "ann14", &database);
        c.query_one(
            "SELECT id FROM questions WHERE number = $1 AND campaign_id =
                (SELECT id FROM campaigns WHERE slug = 'palantir-fdp')",
            &[&number],
        )
        .unwrap()
        .get(0)
    };
    let (q1, q5) = (question(1), question(5));
    c.batch_execute(&format!(
        "UPDATE findings SET question_id = {q1};
         UPDATE finding_tags SET question_id = {q1};
         INSERT INTO findings (answer_id, note, quote, author, created_at, updated_at, question_id)
           SELECT id, 'planted', '', 'ann14', 'x', 'x', {q1} FROM answers
           WHERE question_id = {q5};
         INSERT INTO finding_tags (finding_id, tag_id, question_id)
           SELECT f.id, t.id, {q1} FROM findings f, tags t
           WHERE f.note = 'planted' AND t.name = 'fdp/in-use';"
    ))
    .unwrap();
    let rows: Vec<(i64, i64)> = c
        .query(
            "SELECT f.question_id, ft.question_id FROM findings f
             JOIN finding_tags ft ON ft.finding_id = f.id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(rows, [(q5, q5), (q5, q5)]);
    // The spreadsheet puts both findings' tag under question 5, none under question 1.
    let csv = ok(ann, &["export", "palantir-fdp", "--format", "csv"]);
    let (t1, t5) = (
        common::csv_cell(&csv, "RJ1", "q1_tags"),
        common::csv_cell(&csv, "RJ1", "q5_tags"),
    );
    assert_eq!((t1.as_str(), t5.as_str()), ("", "fdp/in-use"));
}

#[test]
fn a_role_asked_for_in_the_address_still_records_the_member() {
    let Some(server) = pg::server() else { return };
    let database = format!("asrole{}", std::process::id());
    let out = server_init(server, &database, "ann4");
    let ann = &members(&out)[0].1;
    let as_group = format!("{ann}&options=-c%20role%3D{database}_members");
    ok(&as_group, &["request", "add", "palantir-fdp/RJ1"]);
    let history = ok(&as_group, &["history", "--json"]);
    assert!(history.contains("\"author\": \"ann4\""), "{history}");
    assert!(!history.contains("_members"), "{history}");
}

#[test]
fn setup_refuses_a_database_holding_what_a_member_planted() {
    let Some(server) = pg::server() else { return };
    let database = format!("planted{}", std::process::id());
    let out = server_init(server, &database, "ann5");
    let ann = &members(&out)[0].1;
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    // What a member could do when the group owned the tables: a function that takes the
    // superuser's rights when setup runs it, and a policy on bodies that calls it.
    server.sql(
        &database,
        "CREATE FUNCTION public.audit() RETURNS bool LANGUAGE plpgsql AS
           $$ BEGIN RESET ROLE; ALTER ROLE ann5 SUPERUSER; RETURN true; END $$;
         ALTER FUNCTION public.audit() OWNER TO ann5;
         ALTER TABLE bodies ENABLE ROW LEVEL SECURITY;
         CREATE POLICY audit ON bodies USING (public.audit());",
    );
    // The host runs setup again, as the README says, to add a colleague.
    let out = Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop("server"))
        .env("FOIBOARD_CONFIG", laptop("server").join("config.toml"))
        .args([
            "server",
            "init",
            "--members",
            "ann5,carol5",
            "--database",
            &database,
            "--admin",
            &server.superuser_url("postgres"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the function audit()")
            && err.contains("the policy audit on bodies")
            && err.contains("row-level security on bodies")
            && err.contains("nothing was changed"),
        "{err}"
    );
    let mut c = server.client("postgres");
    let super_: bool = c
        .query_one("SELECT rolsuper FROM pg_roles WHERE rolname = 'ann5'", &[])
        .unwrap()
        .get(0);
    assert!(!super_, "the member did not become superuser");
    let carol = c
        .query("SELECT 1 FROM pg_roles WHERE rolname = 'carol5'", &[])
        .unwrap();
    assert!(carol.is_empty(), "nothing was changed: no new member");
    // A copy into it as the superuser is refused as well.
    let file = Db::new();
    file.ok(&["init", "--demo"]);
    let out = foiboard(
        file.path.to_str().unwrap(),
        &[
            "copy",
            "--from",
            file.path.to_str().unwrap(),
            "--to",
            &server.superuser_url(&database),
            "--replace",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the policy audit on bodies"), "{err}");
}

#[test]
fn setup_then_copy_in_the_readme_order_keeps_the_authors() {
    let Some(server) = pg::server() else { return };
    let database = format!("order{}", std::process::id());
    let out = server_init(server, &database, "ann6");
    let ann = &members(&out)[0].1;
    let file = Db::new();
    file.ok(&["init", "--demo"]);
    file.ok(&[
        "event",
        "palantir-fdp/RBS",
        "responded",
        "--on",
        "2026-11-20",
    ]);
    // The host copies the group's file in, as the superuser on the server: no --replace
    // needed over what setup seeded.
    let out = ok(
        file.path.to_str().unwrap(),
        &[
            "copy",
            "--from",
            file.path.to_str().unwrap(),
            "--to",
            &server.superuser_url(&database),
        ],
    );
    assert!(out.contains("every campaign's export is the same"), "{out}");
    // A member reads the history as it was written: the authors are the file's.
    let history = ok(ann, &["history", "--json"]);
    assert!(history.contains("\"author\": \"tester\""), "{history}");
    // And works on: her change is hers.
    ok(
        ann,
        &[
            "event",
            "palantir-fdp/RBS",
            "note",
            "--on",
            "2026-11-21",
            "--note",
            "x",
        ],
    );
    assert!(ok(ann, &["history", "--json"]).contains("\"author\": \"ann6\""));
}

#[test]
fn a_shared_setting_never_runs_a_command_or_reaches_a_mail_server() {
    let Some(server) = pg::server() else { return };
    let database = format!("settings{}", std::process::id());
    let out = server_init(server, &database, "ann7,bob7");
    let urls = members(&out);
    let (ann, bob) = (&urls[0].1, &urls[1].1);
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    ok(ann, &["config", "from", "Campaign <campaign@example.org>"]);
    // A mail server of Ann's, listening for whoever connects.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let marker = laptop("bob-laptop").join("ran-anns-command");
    // Ann writes settings straight into the shared database (she may write rows).
    let mut c = as_member(server, "ann7", &database);
    c.execute(
        "INSERT INTO settings (key, value) VALUES ('sendmail', $1), ('smtp', $2),
                ('smtp-password-command', $1)",
        &[
            &format!("touch {}", marker.display()),
            &format!("smtp+plain://bob@127.0.0.1:{port}"),
        ],
    )
    .unwrap();
    // Bob sends from his laptop, with his SMTP password in his environment.
    let out = Command::cargo_bin("foiboard")
        .unwrap()
        .env("XDG_DATA_HOME", laptop("bob-laptop"))
        .env("FOIBOARD_CONFIG", laptop("bob-laptop").join("config.toml"))
        .env("PGPASSFILE", pgpass())
        .env("FOIBOARD_DB", bob)
        .env("FOIBOARD_TODAY", common::TODAY)
        .env("FOIBOARD_SMTP_PASSWORD", "bobs-smtp-secret")
        .args(["send", "request", "palantir-fdp/RJ1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("no way to send mail is set"), "{err}");
    assert!(!marker.exists(), "Ann's command ran on Bob's laptop");
    assert!(
        listener.accept().is_err(),
        "Bob's foiboard reached Ann's server"
    );
    let show = ok(bob, &["show", "palantir-fdp/RJ1", "--json"]);
    assert!(
        show.contains("\"events\": []"),
        "nothing was recorded as sent: {show}"
    );
    // Bob's own way of sending goes into his own file, said so.
    let out = foiboard_on("bob-laptop", bob, &["config", "sendmail", "msmtp -t"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("your own setting"), "{said}");
    let mine = std::fs::read_to_string(laptop("bob-laptop").join("config.toml")).unwrap();
    assert!(mine.contains("msmtp -t"), "{mine}");
    // The host's next setup takes the planted settings out of the shared database.
    let again = server_init(server, &database, "ann7");
    assert!(again.contains("removed the setting sendmail"), "{again}");
}

#[test]
fn an_address_that_steers_the_password_elsewhere_is_refused_before_connecting() {
    // In a network namespace of the test's own, with nothing in it but a loopback that is
    // down: were anything tried, it could not leave this machine.
    let probe = std::process::Command::new("unshare")
        .args(["--net", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("unshare --net is not available here: the address refusal test is skipped");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("foiboard");
    for (url, said) in [
        (
            "postgres://ann@localhost/foiboard?hostaddr=10.9.9.9",
            "hostaddr is not this machine",
        ),
        (
            "postgres://ann@localhost/foiboard?hostaddr=10.9.9.9&sslmode=disable",
            "unencrypted",
        ),
        (
            "postgres://ann@db.example.org/foiboard?sslmode=require",
            "anyone in the middle",
        ),
        (
            "postgres://ann@localhost,db.example.org/foiboard",
            "reached over TLS",
        ),
    ] {
        let out = std::process::Command::new("unshare")
            .arg("--net")
            .arg(&bin)
            .args(["--db", url, "list", "palantir-fdp"])
            .env("FOIBOARD_CONFIG", laptop("ann-laptop").join("config.toml"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{url}: {err}");
        assert!(err.contains(said), "{url}: {err}");
        assert!(
            !err.contains("cannot connect"),
            "nothing was dialled: {err}"
        );
    }
}

#[test]
fn setup_names_a_plain_host_line_that_skips_tls() {
    let Some(server) = pg::server() else { return };
    let database = format!("plain{}", std::process::id());
    // The view reads the file as it is on disk: a line for this database alone, so the
    // suite's other databases are not concerned, and the server never loads it.
    let hba = server.dir.join("data").join("pg_hba.conf");
    let before = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(
        &hba,
        format!("{before}host {database} all 0.0.0.0/0 scram-sha-256\n"),
    )
    .unwrap();
    let out = server_init(server, &database, "ann8");
    std::fs::write(&hba, before).unwrap();
    assert!(
        out.contains("lets members in from other machines without TLS")
            && out.contains(&format!("host {database} all 0.0.0.0")),
        "{out}"
    );
}

#[test]
fn search_on_a_server_is_served_by_its_index() {
    let Some(db) = Db::postgres() else { return };
    db.ok(&["init", "--demo"]);
    let url = db.url.clone().unwrap();
    let name = db.database_name();
    // A large campaign's answers (150 questions to each of the 238 bodies), and the
    // statistics `copy` gathers.
    let server = pg::server().unwrap();
    server.sql(
        &name,
        "INSERT INTO questions (campaign_id, number, text)
           SELECT 1, g, 'Question ' || g FROM generate_series(8, 157) g;
         INSERT INTO answers (request_id, question_id, outcome, text, author, updated_at)
           SELECT r.id, q.id, 'answered',
                  'The trust holds the data asked for in question ' || q.number || ', reference '
                  || r.id || '. It is published on our website.', 'tester', '2026-11-20'
           FROM requests r CROSS JOIN questions q WHERE q.number > 7;
         ANALYZE;",
    );
    let store = foiboard::store::Store::connect(&url).unwrap().0;
    for campaign in [None, Some(1)] {
        let plan = store
            .search_plan("commercial", campaign)
            .unwrap()
            .join("\n");
        assert!(
            plan.contains("Bitmap Index Scan on answers_fts_words"),
            "{plan}"
        );
        assert!(!plan.contains("Seq Scan on answers_fts"), "{plan}");
    }
    // And it finds through the stored words, stemmed: "publish" finds "published".
    let found = db.ok(&["search", "publish", "--limit", "5"]);
    assert!(
        found.contains("It is [published]") || found.contains("published"),
        "{found}"
    );
}

#[test]
fn a_member_meeting_an_older_schema_is_told_to_ask_the_host() {
    let Some(server) = pg::server() else { return };
    let database = format!("older{}", std::process::id());
    let out = server_init(server, &database, "ann9");
    let ann = &members(&out)[0].1;
    ok(ann, &["request", "add", "palantir-fdp/RJ1"]);
    // As if the server still had the schema an older foiboard made, which named that
    // version in the database's settings (or none, before it did).
    let newest: i64 = server
        .client(&database)
        .query_one("SELECT max(version) FROM foiboard_schema", &[])
        .unwrap()
        .get(0);
    server.sql(
        &database,
        &format!(
            "DELETE FROM foiboard_schema WHERE version = {newest};
             ALTER DATABASE {database} SET foiboard.schema_version = '{}'",
            newest - 1
        ),
    );
    let out = foiboard(ann, &["list", "palantir-fdp"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ask whoever hosts the server to run `foiboard server upgrade`"),
        "{err}"
    );
    server.sql(
        &database,
        &format!("INSERT INTO foiboard_schema (version) VALUES ({newest})"),
    );
    assert!(ok(ann, &["list", "palantir-fdp"]).contains("RJ1"));
    // The host upgrades (the settings name this version again), then restores a dump from
    // before: the version table made anew, the database's settings left as they were. The
    // settings name another table, so the new one is read.
    server_init(server, &database, "ann9");
    assert!(ok(ann, &["list", "palantir-fdp"]).contains("RJ1"));
    server.sql(
        &database,
        &format!(
            "ALTER TABLE foiboard_schema RENAME TO foiboard_schema_before;
             CREATE TABLE foiboard_schema (version BIGINT NOT NULL);
             INSERT INTO foiboard_schema
               SELECT version FROM foiboard_schema_before WHERE version < {newest};
             DROP TABLE foiboard_schema_before;
             ALTER TABLE foiboard_schema OWNER TO {database}_owner;
             GRANT SELECT ON foiboard_schema TO {database}_members"
        ),
    );
    let out = foiboard(ann, &["list", "palantir-fdp"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("run `foiboard server upgrade`"),
        "{out:?}"
    );
}

#[test]
fn a_database_an_earlier_foiboard_set_up_is_handed_to_the_owner_role() {
    let Some(server) = pg::server() else { return };
    let database = format!("legacy{}", std::process::id());
    let group = format!("{database}_members");
    // What an earlier `server init` made: the group role owning the database, its schema
    // made by a session acting as the group.
    server.sql("postgres", &format!("CREATE ROLE {group} NOLOGIN"));
    server.sql(
        "postgres",
        &format!(
            "CREATE DATABASE {database} OWNER {group} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        ),
    );
    let as_group = format!(
        "{}&options=-c%20role%3D{group}",
        server.superuser_url(&database)
    );
    ok(&as_group, &["init", "--demo"]);
    let owner_of = |table: &str| -> String {
        server
            .client(&database)
            .query_one(
                "SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE relname = $1",
                &[&table],
            )
            .unwrap()
            .get(0)
    };
    assert_eq!(owner_of("events"), group);
    let out = server_init(server, &database, "ann10");
    assert!(out.contains("updated database"), "{out}");
    assert_eq!(owner_of("events"), format!("{database}_owner"));
    assert_eq!(owner_of("answers_fts"), format!("{database}_owner"));
    // The work is all there, and a member cannot drop what the group once owned.
    let ann = &members(&out)[0].1;
    assert!(ok(ann, &["list", "palantir-fdp"]).contains("RJ1"));
    let mut c = as_member(server, "ann10", &database);
    forbidden(&mut c, "DROP TABLE events");
    forbidden(&mut c, &format!("SET ROLE {group}; DROP TABLE events"));
}

#[test]
fn verify_ca_checks_the_authority_and_verify_full_the_name_too() {
    let Some(db) = Db::postgres() else { return };
    db.ok(&["tags"]);
    let url = db.url.clone().unwrap();
    // The server by a name its certificate does not list, dialled on this machine.
    let renamed = url.replacen("@127.0.0.1:", "@db.example.org:", 1).replacen(
        ":correct-horse-battery@",
        "@",
        1,
    );
    let as_ca = format!(
        "{}&hostaddr=127.0.0.1",
        renamed.replace("sslmode=verify-full", "sslmode=verify-ca")
    );
    let run = |address: &str| {
        Command::cargo_bin("foiboard")
            .unwrap()
            .env("FOIBOARD_DB", address)
            .env("PGPASSWORD", pg::PASSWORD)
            .env("FOIBOARD_CONFIG", laptop("ca-laptop").join("config.toml"))
            .env("XDG_DATA_HOME", laptop("ca-laptop"))
            .args(["tags"])
            .output()
            .unwrap()
    };
    let out = run(&as_ca);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = format!("{renamed}&hostaddr=127.0.0.1");
    let out = run(&full);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the name was checked: {err}");
    assert!(err.contains("cannot connect"), "{err}");
}

#[test]
fn one_campaigns_queries_on_a_server_read_its_rows_through_indexes() {
    let Some(db) = Db::postgres() else { return };
    db.ok(&["init"]);
    let url = db.url.clone().unwrap();
    let name = db.database_name();
    // As on a group's server after a year: this campaign's answers are a thirtieth of all.
    let server = pg::server().unwrap();
    server.sql(
        &name,
        "INSERT INTO campaigns (slug, title, created_at)
           SELECT 'other-' || g, 'Other ' || g, '2026-01-01' FROM generate_series(1, 30) g;
         INSERT INTO questions (campaign_id, number, text)
           SELECT c.id, n, 'Question ' || n FROM campaigns c CROSS JOIN generate_series(1, 7) n
           WHERE c.slug <> 'palantir-fdp';
         INSERT INTO requests (campaign_id, body_id, created_at)
           SELECT c.id, b.id, '2026-01-01' FROM campaigns c CROSS JOIN bodies b;
         INSERT INTO answers (request_id, question_id, outcome, text, author, updated_at)
           SELECT r.id, q.id, 'answered', 'The Trust holds the information.', 'tester', '2026-11-20'
           FROM requests r JOIN questions q ON q.campaign_id = r.campaign_id;
         INSERT INTO findings (answer_id, quote, author, created_at, updated_at)
           SELECT a.id, 'We hold the data', 'tester', '2026-11-20', '2026-11-20' FROM answers a;
         INSERT INTO finding_tags (finding_id, tag_id)
           SELECT f.id, (SELECT min(id) FROM tags) FROM findings f;",
    );
    server.sql(&name, "VACUUM ANALYZE");
    let store = foiboard::store::Store::connect(&url).unwrap().0;
    let plans = store.hot_query_plans(1).unwrap();
    let plan = |wanted: &str| {
        plans
            .iter()
            .find(|(name, _)| name == wanted)
            .unwrap()
            .1
            .join("\n")
    };
    // The cells, their findings and the findings' tags (matrix, export, codebook): each a
    // range of an index by question, read from the index alone.
    for (name, index) in [
        ("matrix cells", "answers_cell"),
        ("matrix findings by question", "findings_question"),
        ("matrix tags by question", "finding_tags_question"),
        ("codebook tag uses", "finding_tags_question"),
    ] {
        let lines = plan(name);
        assert!(
            lines.contains(&format!("Index Only Scan using {index}")),
            "{name}: {lines}"
        );
    }
    // A report reads the campaign's findings whole by question.
    let whole = plan("report findings by question");
    assert!(whole.contains("using findings_question"), "{whole}");
    // The campaign's findings are reached from its requests, never by reading every
    // campaign's answers.
    let findings = plan("findings of a campaign");
    assert!(
        findings.contains("Index Only Scan using answers_request_outcome")
            && !findings.contains("using answers_cell"),
        "{findings}"
    );
    for (name, lines) in &plans {
        let all = lines.join("\n");
        for big in ["answers", "findings", "finding_tags", "requests"] {
            assert!(
                !all.contains(&format!("Seq Scan on {big} ")),
                "{name}: {all}"
            );
        }
    }
}

#[test]
fn a_member_fetches_the_groups_mailbox_and_reads_it_again_with_a_members_rights() {
    let Some(server) = pg::server() else { return };
    let Some(imap) = common::imap::Dovecot::start() else {
        return;
    };
    let database = format!("mailbox{}", std::process::id());
    let out = server_init(server, &database, "ann12");
    let ann = &members(&out)[0].1;
    // Ann's own settings, on her laptop: the mailbox and how she signs in to it.
    let mut mine =
        foiboard::config::LocalConfig::load_from(&laptop("ann12-laptop").join("config.toml"))
            .unwrap();
    mine.set("imap", &imap.url("ann", "plain")).unwrap();
    mine.set(
        "imap-password-command",
        &format!("echo {}", common::imap::PASSWORD),
    )
    .unwrap();
    let raw = std::fs::read(common::fixture("mail/pdf-attachment.eml")).unwrap();
    imap.deliver("ann", "INBOX", &raw);
    let fetch = |args: &[&str]| {
        let out = foiboard_on("ann12-laptop", ann, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let out = fetch(&["mail", "fetch"]);
    assert!(
        out.contains("1 new message(s)") && out.contains("1 attachment(s)"),
        "{out}"
    );
    // From the start again: the folder's mark is set back (members may not delete it).
    let out = fetch(&["mail", "fetch", "--again"]);
    assert!(
        out.contains("0 new message(s)") && out.contains("1 seen before"),
        "{out}"
    );
}
