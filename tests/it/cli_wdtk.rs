//! WhatDoTheyKnow on the real binary: pages saved as JSON imported into requests and events,
//! re-imports that change nothing, bad files refused whole, and `sync wdtk` fetching from a
//! local server on loopback that stands in for the site (nothing else is contacted).

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::Db;

fn fixture(name: &str) -> String {
    common::fixture(&format!("wdtk/{name}"))
}

fn kinds_and_dates(db: &Db, target: &str) -> Vec<(String, String)> {
    db.json(&["show", target])["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["on"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn pages_become_requests_and_events_once() {
    let db = Db::new();
    let said = db.ok(&[
        "import",
        "wdtk",
        &fixture("rj1.json"),
        &fixture("rj2.json"),
        "--campaign",
        "palantir-fdp",
        "--add",
    ]);
    assert!(
        said.starts_with("2 page(s): 2 request(s) created, 0 updated, 0 unchanged, 8 new event(s)"),
        "{said}"
    );
    // RJ1: the late-evening reply is the next day in London; a comment is not an event.
    assert_eq!(
        kinds_and_dates(&db, "palantir-fdp/RJ1"),
        pairs(&[
            ("sent", "2026-10-01"),
            ("acknowledged", "2026-10-02"),
            ("responded", "2026-10-20")
        ])
    );
    // RJ2: clarification asked and given (the clock restarts), a response, a review asked for.
    assert_eq!(
        kinds_and_dates(&db, "palantir-fdp/RJ2"),
        pairs(&[
            ("sent", "2026-10-01"),
            ("clarification-requested", "2026-10-05"),
            ("clarified", "2026-10-07"),
            ("responded", "2026-11-04"),
            ("review-requested", "2026-11-10")
        ])
    );
    let rj2 = db.json(&["show", "palantir-fdp/RJ2"]);
    assert_eq!(rj2["status"], "review");
    assert_eq!(rj2["clock_start"], "2026-10-07");

    let before = db.state();
    let again = db.ok(&[
        "import",
        "wdtk",
        &fixture("rj1.json"),
        &fixture("rj2.json"),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(
        again.contains("0 request(s) created, 0 updated, 2 unchanged, 0 new event(s)"),
        "{again}"
    );
    assert_eq!(before, db.state());
}

#[test]
fn a_bad_page_is_refused_by_file_and_line_and_nothing_is_written() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.state();
    let err = db.refused(&[
        "import",
        "wdtk",
        &fixture("rj1.json"),
        &fixture("cut.json"),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(err.contains("cut.json, line "), "{err}");
    assert_eq!(before, db.state());
    // A page whose authority no body here carries is refused by itself, naming it; the
    // other page goes in.
    let out = db
        .cmd()
        .args([
            "import",
            "wdtk",
            &fixture("rj1.json"),
            &fixture("unknown-body.json"),
            "--campaign",
            "palantir-fdp",
            "--add",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("refused:") && said.contains("no_such_authority"),
        "{said}"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("1 of 2 page(s) refused"));
    assert_eq!(kinds_and_dates(&db, "palantir-fdp/RJ1").len(), 3);
}

/// A stand-in for the site on 127.0.0.1: answers up to `max` requests with the file named by
/// the path, 404 otherwise; records each request line and user agent.
fn serve(files: Vec<(&'static str, String)>, max: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut agent = String::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
                if h.to_ascii_lowercase().starts_with("user-agent:") {
                    agent = h.trim().to_string();
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
            log.lock().unwrap().push(format!("{path} {agent}"));
            let body = files
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, f)| std::fs::read_to_string(f).unwrap());
            let reply = match body {
                Some(b) => format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}", b.len()),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            stream.write_all(reply.as_bytes()).unwrap();
        }
    });
    (base, seen)
}

#[test]
fn sync_fetches_each_page_politely_and_records_what_is_new() {
    let db = Db::new();
    // The campaign knew RJ1's page when only the request had been sent.
    db.ok(&[
        "import",
        "wdtk",
        &fixture("rj1-sent-only.json"),
        "--campaign",
        "palantir-fdp",
        "--add",
    ]);
    assert_eq!(
        kinds_and_dates(&db, "palantir-fdp/RJ1"),
        pairs(&[("sent", "2026-10-01")])
    );

    let (base, seen) = serve(
        vec![(
            "/request/use_of_the_federated_data_platform_423.json",
            fixture("rj1.json"),
        )],
        4,
    );
    let run = |db: &Db| {
        let out = db
            .cmd()
            .env("FOIBOARD_WDTK_BASE", &base)
            .args(["sync", "wdtk", "palantir-fdp", "--delay", "0"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let said = run(&db);
    assert!(
        said.contains("1 page(s) fetched: 2 new event(s), 1 request(s) updated"),
        "{said}"
    );
    assert_eq!(
        kinds_and_dates(&db, "palantir-fdp/RJ1"),
        pairs(&[
            ("sent", "2026-10-01"),
            ("acknowledged", "2026-10-02"),
            ("responded", "2026-10-20")
        ])
    );
    let again = run(&db);
    assert!(
        again.contains("0 new event(s)") && again.contains("1 unchanged"),
        "{again}"
    );
    let log = seen.lock().unwrap().clone();
    assert_eq!(log.len(), 2, "one page, fetched once per sync: {log:?}");
    assert!(
        log.iter().all(|l| l.contains("foiboard/")),
        "says who it is: {log:?}"
    );

    // Offline: a clear message, and nothing changes.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let before = db.state();
    let out = db
        .cmd()
        .env("FOIBOARD_WDTK_BASE", &dead)
        .args(["sync", "wdtk", "palantir-fdp", "--delay", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot reach WhatDoTheyKnow") && err.contains("Nothing was changed"),
        "{err}"
    );
    assert_eq!(before, db.state());
}
