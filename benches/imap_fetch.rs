//! Fetching a campaign's worth of replies from the group's mailbox: 2,000 messages (trusts'
//! letters from `tests/fixtures/replies/`, every tenth with a PDF attached) delivered to a
//! Dovecot of the bench's own on loopback, then `foiboard mail fetch` into a new database,
//! whole process, beside `foiboard import mail` of the same messages saved as a Maildir: what
//! speaking IMAP costs over reading files. Then a second fetch with nothing new (the daily
//! case), which must read no message.
//!
//! `cargo bench --bench imap_fetch` (Debian's `dovecot-imapd`; without it, says so and ends).

mod common;

#[path = "../tests/it/common/certs.rs"]
mod certs;

#[path = "../tests/it/common/imap.rs"]
#[allow(dead_code)]
mod imap;

use std::time::Duration;

const MESSAGES: usize = 2000;
const RUNS: usize = 3;

fn letters() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/replies");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("the replies")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| std::fs::read_to_string(p).ok())?
        })
        .collect();
    out.sort();
    out
}

/// The message numbered `n`, as a trust's FOI office sends it.
fn message(n: usize, letters: &[String]) -> Vec<u8> {
    let letter = letters[n % letters.len()].replace('\n', "\r\n");
    let head = format!(
        "From: FOI Office <foi{}@nhs.net>\r\nTo: foi-group@example.org\r\nSubject: FOI-{n:05} Your request for information\r\nDate: Tue, 10 Nov 2026 09:00:00 +0000\r\nMessage-ID: <bench-{n}@nhs.net>\r\nMIME-Version: 1.0\r\n",
        n % 240
    );
    if n.is_multiple_of(10) {
        // A minimal PDF: the bytes are read as a PDF would be.
        let pdf = "JVBERi0xLjQKMSAwIG9iaiA8PCAvVHlwZSAvQ2F0YWxvZyA+PiBlbmRvYmoKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiA+PgolJUVPRgo=";
        format!(
            "{head}Content-Type: multipart/mixed; boundary=\"b{n}\"\r\n\r\n--b{n}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{letter}\r\n--b{n}\r\nContent-Type: application/pdf; name=\"FOI-{n:05} response.pdf\"\r\nContent-Disposition: attachment; filename=\"FOI-{n:05} response.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n--b{n}--\r\n"
        )
        .into_bytes()
    } else {
        format!("{head}Content-Type: text/plain; charset=utf-8\r\n\r\n{letter}").into_bytes()
    }
}

fn foiboard(db: &std::path::Path, config: &std::path::Path, args: &[&str]) -> Duration {
    common::run_foiboard_with(
        db.to_str().expect("path"),
        &[
            ("FOIBOARD_CONFIG", config.to_str().expect("path")),
            ("FOIBOARD_IMAP_PASSWORD", imap::PASSWORD),
        ],
        args,
    )
}

fn main() {
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let Some(server) = imap::Dovecot::start() else {
        println!("Dovecot is not installed: nothing to measure");
        return;
    };
    let letters = letters();
    let work = tempfile::tempdir().expect("a folder");
    let maildir = work.path().join("maildir");
    for d in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(d)).expect("maildir");
    }
    let mut bytes = 0;
    {
        let mut s = server.session("ann");
        for n in 0..MESSAGES {
            let m = message(n, &letters);
            bytes += m.len();
            s.append("INBOX", &m).finish().expect("append");
            std::fs::write(maildir.join("new").join(format!("{n}.bench:2,")), &m).expect("write");
        }
        let _ = s.logout();
    }
    let config = work.path().join("config.toml");
    let mut c = foiboard::config::LocalConfig::load_from(&config).expect("config");
    c.set("imap", &server.url("ann", "plain")).expect("set");
    let fresh = |name: &str| {
        let db = work.path().join(format!("{name}.db"));
        let _ = std::fs::remove_file(&db);
        foiboard(&db, &config, &["init"]);
        db
    };
    let mut fetched = Vec::new();
    let mut imported = Vec::new();
    let mut again = Vec::new();
    for run in 0..RUNS {
        let db = fresh(&format!("fetch{run}"));
        fetched.push(foiboard(&db, &config, &["mail", "fetch", "--quiet"]));
        again.push(foiboard(&db, &config, &["mail", "fetch", "--quiet"]));
        let db = fresh(&format!("import{run}"));
        imported.push(foiboard(
            &db,
            &config,
            &["import", "mail", maildir.to_str().expect("path")],
        ));
    }
    let (f, i, a) = (
        common::median(fetched),
        common::median(imported),
        common::median(again),
    );
    let rate = |d: Duration| MESSAGES as f64 / d.as_secs_f64();
    println!(
        "{MESSAGES} messages ({:.1} MB, {} with a PDF), medians of {RUNS} whole-process runs:",
        bytes as f64 / 1e6,
        MESSAGES / 10
    );
    println!("| what | time | messages/s |");
    println!("|---|---|---|");
    println!(
        "| `mail fetch` from IMAP on loopback, into a new file | {:.2} s | {:.0} |",
        f.as_secs_f64(),
        rate(f)
    );
    println!(
        "| `import mail` of the same saved as a Maildir | {:.2} s | {:.0} |",
        i.as_secs_f64(),
        rate(i)
    );
    println!(
        "| `mail fetch` again, nothing new (reads no message) | {:.0} ms | - |",
        a.as_secs_f64() * 1000.0
    );
}
