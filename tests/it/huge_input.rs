//! Huge inputs are handled or refused with a sentence, never by running out of memory: a
//! 50 MB mailbox goes in with the importing process's peak memory bounded; a file far larger
//! than any campaign file is refused before it is read.

use crate::common;

use common::Db;

#[cfg(target_os = "linux")]
#[test]
fn a_fifty_megabyte_mailbox_goes_in() {
    let db = Db::new();
    let path = db.dir.path().join("big.mbox");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let line =
            "The Trust has onboarded to the Federated Data Platform for theatre scheduling.\n";
        let body: String = line.repeat(100 * 1024 / line.len());
        for i in 0..520 {
            write!(
                f,
                "From a@example.org Mon Nov 16 10:00:00 2026\nFrom: a@example.org\nSubject: Letter {i}\nDate: Mon, 16 Nov 2026 10:00:00 +0000\nMessage-ID: <big-{i}@example.org>\n\n{body}\n"
            )
            .unwrap();
        }
    }
    assert!(std::fs::metadata(&path).unwrap().len() > 50 * 1024 * 1024);
    let said = db.ok(&["import", "mail", &path.to_string_lossy()]);
    assert!(said.starts_with("520 new message(s)"), "{said}");
    // The largest resident set of any child this test waited for (kilobytes on Linux).
    // SAFETY: getrusage fills a plain struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let mb = usage.ru_maxrss / 1024;
    assert!(
        mb < 1024,
        "the import peaked at {mb} MB for a 50 MB mailbox"
    );
}

#[test]
fn a_file_far_too_large_is_refused_before_it_is_read() {
    let db = Db::new();
    let path = db.dir.path().join("huge.md");
    // Sparse: two megabytes that take no room, past the campaign file's one megabyte.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(2 * 1024 * 1024).unwrap();
    let err = db.refused(&["campaign", "create", "--file", &path.to_string_lossy()]);
    assert!(
        err.contains("larger than any campaign file foiboard reads"),
        "{err}"
    );
}

#[test]
fn a_one_megabyte_answer_is_stored_shown_and_drawn() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    let letter = db.dir.path().join("letter.txt");
    let paragraph = "The Trust has considered your request under the Act and holds the following information.\n";
    let text = paragraph.repeat(1024 * 1024 / paragraph.len() + 1);
    std::fs::write(&letter, &text).unwrap();
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
        "--text-file",
        &letter.to_string_lossy(),
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(
        show["answers"][0]["text"].as_str().unwrap().len(),
        text.len()
    );
    // The board opens it and draws a frame.
    let store = foiboard::store::Store::open(&db.path).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = foiboard::tui::app::App::new(store, today).unwrap();
    let id = app.sh.rows[0].request.id;
    app.open_answer(id, 1, foiboard::tui::effect::View::Detail)
        .unwrap();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 60)).unwrap();
    t.draw(|f| foiboard::tui::view::draw(f, &app, foiboard::tui::view::Theme { colour: true }))
        .unwrap();
    let buf = t.backend().buffer();
    let screen: String = (0..60)
        .flat_map(|y| (0..200).map(move |x| (x, y)))
        .map(|p| buf[p].symbol().to_string())
        .collect();
    assert!(screen.contains("The Trust has considered your request"));
}
