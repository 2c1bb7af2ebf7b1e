//! The command line on PostgreSQL gives what it gives on SQLite: one realistic session (a demo
//! campaign mid-way, then a volunteer's triage: events, answers, findings, tags, mail, undo and
//! redo, holidays, settings, letters) is run on a file and on the suite's own server, and every
//! output is compared, with the clock's dates, the counts, the report and the exports among
//! them. Only the instants of writing (timestamps) and where the database is are masked.
//!
//! The server is reached as a member would: over TLS with the certificate checked, with a
//! SCRAM password, as the role `tester` (the author of changes, as `FOIBOARD_USER` is on a
//! file).

mod common;

use common::{fixture, Db};

/// Timestamps of writing differ between two runs; nothing else may.
fn masked(s: &str, db: &Db) -> String {
    let stamp =
        regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)").unwrap();
    let mut out = stamp.replace_all(s, "<instant>").into_owned();
    out = out.replace(&db.path.display().to_string(), "<database>");
    if let Some(u) = &db.url {
        let shown = regex::Regex::new(r"postgres://tester@127\.0\.0\.1:\d+/t\d+_\d+").unwrap();
        out = shown.replace_all(&out, "<database>").into_owned();
        let _ = u;
    }
    out
}

/// One line per command: what it printed (stdout, then stderr) and how it exited.
fn session(db: &Db) -> Vec<(String, String)> {
    let script: Vec<Vec<String>> = [
        vec!["init", "--demo"],
        vec!["list", "palantir-fdp"],
        vec!["list", "palantir-fdp", "--json"],
        vec!["due", "--within", "10"],
        vec!["show", "palantir-fdp/RJ1"],
        vec!["show", "palantir-fdp/RXA", "--json"],
        vec![
            "event",
            "palantir-fdp/RBS",
            "responded",
            "--on",
            "2026-11-20",
        ],
        vec![
            "answer",
            "palantir-fdp/RBS",
            "--question",
            "1",
            "--outcome",
            "answered",
            "--text",
            "We use the Federated Data Platform for theatre scheduling and waiting lists.",
        ],
        vec![
            "answer",
            "palantir-fdp/RBS",
            "--question",
            "5",
            "--outcome",
            "refused",
            "--exemption",
            "s43",
            "--text",
            "The contract value is commercially sensitive.",
        ],
        vec![
            "finding",
            "add",
            "palantir-fdp/RBS",
            "--question",
            "1",
            "--tag",
            "fdp/in-use",
            "--note",
            "Theatre scheduling",
            "--quote",
            "for theatre scheduling",
        ],
        vec!["finding", "list", "--json"],
        vec!["tags"],
        vec!["search", "sensitivity"],
        vec!["search", "\"waiting lists\"", "--json"],
        vec!["search", "schedul*"],
        vec!["history", "--limit", "5"],
        vec!["undo"],
        vec!["show", "palantir-fdp/RBS"],
        vec!["redo"],
        vec![
            "holidays",
            "add",
            "2026-12-29",
            "--division",
            "england-and-wales",
            "--title",
            "Proclaimed day",
        ],
        vec!["list", "palantir-fdp", "--json"],
        vec!["undo"],
        vec!["config", "convention", "next-working-day"],
        vec!["due", "--within", "10"],
        vec!["config", "convention", "ico"],
        vec!["import", "mail", &fixture("mail/plain.eml")],
        vec!["mail", "list"],
        vec!["config", "from", "Ann Example <ann@example.org>"],
        vec!["letter", "chase", "palantir-fdp/RTK"],
        vec!["send", "chase", "palantir-fdp/all", "--dry-run"],
        vec!["report", "palantir-fdp"],
        vec!["report", "palantir-fdp", "--format", "html"],
        vec!["export", "palantir-fdp", "--format", "csv"],
        vec!["export", "palantir-fdp", "--format", "json"],
        vec!["event", "palantir-fdp/NOPE", "sent", "--on", "2026-11-02"],
        vec![
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "9",
            "--outcome",
            "answered",
        ],
        vec!["history", "--limit", "100", "--json"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(str::to_string).collect())
    .collect();
    script
        .iter()
        .map(|args| {
            let out = db.cmd().args(args).output().unwrap();
            let text = format!(
                "{}{}exit {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                out.status.code().unwrap_or(-1)
            );
            (args.join(" "), masked(&text, db))
        })
        .collect()
}

fn sorted_lines(s: &str) -> String {
    let mut lines: Vec<&str> = s.lines().collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn a_session_gives_the_same_output_on_both_engines() {
    let Some(server) = Db::postgres() else { return };
    let file = Db::new();
    let on_file = session(&file);
    let on_server = session(&server);
    for ((cmd, a), (_, b)) in on_file.iter().zip(&on_server) {
        // The engines rank matches each their own way (FTS5's bm25, PostgreSQL's ts_rank):
        // a search must find the same things, in whatever order.
        let (a, b) = if cmd.starts_with("search") {
            (sorted_lines(a), sorted_lines(b))
        } else {
            (a.clone(), b.clone())
        };
        if a != b {
            let first = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "`foiboard {cmd}` differs at line {first}:\nSQLite:     {}\nPostgreSQL: {}\n\nwhole SQLite output:\n{a}\n\nwhole PostgreSQL output:\n{b}",
                a.lines().nth(first).unwrap_or("<end>"),
                b.lines().nth(first).unwrap_or("<end>"),
            );
        }
    }
    // The session did real work on both: nothing above was an error by accident.
    for (cmd, out) in &on_file {
        let expect_refusal = cmd.contains("NOPE") || cmd.contains("--question 9");
        assert_eq!(
            out.ends_with("exit 0"),
            !expect_refusal,
            "`foiboard {cmd}`: {out}"
        );
    }
}
