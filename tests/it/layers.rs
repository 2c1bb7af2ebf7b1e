//! Which parts of the program may use which: the store writes what readers produce and what
//! the rules for replies decide, but imports neither the readers (`import`), the rules
//! (`inbox`), nor anything above it (the board, the commands, reports, exports).

fn sources_under(dir: &str) -> Vec<(String, String)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.join(dir)];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let name = p.strip_prefix(&root).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_store_imports_no_reader_no_rules_and_nothing_above_it() {
    let forbidden = [
        "crate::import",
        "crate::inbox",
        "crate::tui",
        "crate::cli",
        "crate::report",
        "crate::export",
    ];
    let mut found = Vec::new();
    for (file, text) in sources_under("store") {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{file}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the store reaches up or into a reader:\n{}",
        found.join("\n")
    );
    // And the law uses nothing of ours but itself.
    for (file, text) in sources_under("law") {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("crate::")
                && !code.contains("crate::law")
                && !code.contains("$crate::")
                && !code.contains("crate::vocabulary")
                && !code.contains("crate::__vocabulary")
            {
                panic!(
                    "{file}:{}: the law uses something outside it: {}",
                    n + 1,
                    line.trim()
                );
            }
        }
    }
}

#[test]
fn a_store_handed_no_rules_files_no_reply_and_the_inbox_rules_file_it() {
    use foiboard::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let mails = foiboard::import::mail::read_path(&fixtures.join("plain.eml")).unwrap();
    let open = |name: &str| {
        let mut s = Store::open(&dir.path().join(name)).unwrap();
        foiboard::seed::seed(&mut s).unwrap();
        let c = s.campaign("palantir-fdp").unwrap();
        s.add_requests(&c, &"ods:RJ1".parse().unwrap()).unwrap();
        s
    };
    let mut bare = open("bare.db");
    let done = bare.import_mail(&mails).unwrap();
    assert_eq!((done.new, done.matched, done.unmatched), (1, 0, 1));
    let mut ruled = open("ruled.db");
    ruled.set_mail_reading(std::rc::Rc::new(foiboard::inbox::Rules));
    let done = ruled.import_mail(&mails).unwrap();
    assert_eq!((done.new, done.matched, done.unmatched), (1, 1, 0));
    // What the reader proposed travels with the record, not worked out by the store.
    assert_eq!(
        mails[0].proposed,
        Some(foiboard::law::EventKind::Acknowledged)
    );
}

/// The board's rooms: a screen or a window asks the app for what it cannot do by returning a
/// value, so nothing in `src/tui` names the app but the loop (`mod.rs`) and the frame that
/// draws it (`view/`); and a window does not reach into a screen.
#[test]
fn no_room_of_the_board_imports_the_app_and_no_window_a_screen() {
    let mut found = Vec::new();
    for (file, text) in sources_under("tui") {
        let may_name_app = file == "tui/mod.rs" || file.starts_with("tui/view/");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let names_app = code.contains("tui::app") || code.contains("super::app");
            let window_to_screen = file.starts_with("tui/windows/") && code.contains("screens");
            if (names_app && !may_name_app) || window_to_screen {
                found.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a room reaches into the app or a window into a screen:\n{}",
        found.join("\n")
    );
}
