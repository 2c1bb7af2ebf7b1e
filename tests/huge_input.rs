//! Huge inputs are handled or refused with a sentence, never by running out of memory: a
//! 50 MB mailbox goes in with the importing process's peak memory bounded; a file far larger
//! than any campaign file is refused before it is read.

mod common;

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
