//! Hostile input, as properties: whatever bytes arrive, the sanitizer lets no control,
//! bidi-override or zero-width character through, and no importer panics: each returns
//! records or a clear error. `PROPTEST_CASES=200000 cargo test --release --test
//! hostile_input` runs them for minutes rather than seconds.

use proptest::prelude::*;

/// Characters that must never reach a terminal from stored or imported text.
fn dangerous(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n')
        || u == 0x7f
        || (0x80..0xa0).contains(&u)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
}

/// Text that leans towards the characters that matter.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\x1b]0;title\x07".to_string()),
        Just("\x1b[2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{9b}".to_string()),
        "[a-zA-Z0-9 .,:;=<>/-]{0,12}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn the_sanitizer_lets_nothing_dangerous_through(s in nasty()) {
        let one = foiboard::text::line(&s);
        prop_assert!(!one.chars().any(|c| dangerous(c) || c == '\n'), "{one:?}");
        let block = foiboard::text::block(&s);
        prop_assert!(!block.chars().any(dangerous), "{block:?}");
    }

    #[test]
    fn mail_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000), s in nasty()) {
        let _ = foiboard::import::mail::parse(&bytes, "x");
        let msg = format!("From: a@b.example\r\nSubject: {s}\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\n{s}");
        if let Ok(m) = foiboard::import::mail::parse(msg.as_bytes(), "x") {
            let shown = foiboard::text::line(&m.subject);
            prop_assert!(!shown.chars().any(dangerous));
        }
    }

    #[test]
    fn splitting_never_panics(s in nasty()) {
        let qs: Vec<(u32, String)> = (1..=7).map(|n| (n, format!("Question {n} about the platform and its use"))).collect();
        for p in foiboard::import::split::split(&s, &qs) {
            prop_assert!((1..=7).contains(&p.question));
        }
    }

    #[test]
    fn wdtk_pages_never_panic(s in nasty(), states in prop::collection::vec("[a-z_]{0,20}", 0..8)) {
        let _ = foiboard::import::wdtk::parse("x", &s);
        let events: Vec<String> = states
            .iter()
            .enumerate()
            .map(|(i, st)| format!(r#"{{"id":{i},"event_type":"{st}","created_at":"2026-10-0{}T10:00:00Z","described_state":"{st}"}}"#, i % 9 + 1))
            .collect();
        let page = format!(r#"{{"url_title":"t","public_body":{{"url_name":"b"}},"info_request_events":[{}]}}"#, events.join(","));
        prop_assert!(foiboard::import::wdtk::parse("x", &page).is_ok());
    }

    #[test]
    fn sheets_never_panic(s in nasty(), maps in prop::collection::vec("[A-Za-z ]{0,8}=[a-z-]{0,10}", 0..3)) {
        let _ = foiboard::import::sheet::read("x.csv", s.as_bytes(), &maps);
        let sheet = format!("ODS,Date sent,Notes\nRJ1,{s},{s}\n");
        let _ = foiboard::import::sheet::read("x.csv", sheet.as_bytes(), &[]);
    }

    #[test]
    fn campaign_files_never_panic(s in nasty()) {
        let _ = foiboard::model::archive::Archive::parse("x.json", &s);
        let _ = foiboard::import::campaign_file::parse(&s);
    }

    #[test]
    fn holiday_files_never_panic(s in nasty()) {
        let _ = foiboard::law::holidays::parse_govuk_json(&s);
        let _ = foiboard::law::holidays::parse_additions_csv(&s);
    }
}
