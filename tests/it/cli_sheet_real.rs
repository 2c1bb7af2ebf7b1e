//! Group trackers as Excel and Google Sheets save them (fixtures in `tests/fixtures/sheet/`):
//! Excel's Windows-1252 with semicolons and a title row, Excel's "Unicode Text" (UTF-16, tabs),
//! a Google Sheets export with an old ICB code; the headings, outcomes, acronyms and
//! placeholders groups write; every problem listed at once; and a corrected sheet imported
//! again correcting what it recorded.

use crate::common;

use common::Db;

fn fixture(name: &str) -> String {
    common::fixture(&format!("sheet/{name}"))
}

/// (kind, day, outcome, note) of a request's events.
fn events(db: &Db, target: &str) -> Vec<(String, String, String, String)> {
    db.json(&["show", target])["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["on"].as_str().unwrap().to_string(),
                e["outcome"].as_str().unwrap().to_string(),
                e["note"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn kinds_days(db: &Db, target: &str) -> Vec<(String, String)> {
    events(db, target)
        .into_iter()
        .map(|(k, d, _, _)| (k, d))
        .collect()
}

fn import(db: &Db, file: &str, extra: &[&str]) -> String {
    let mut args = vec!["import", "csv", file, "--campaign", "palantir-fdp"];
    args.extend(extra);
    db.ok(&args)
}

#[test]
fn an_excel_uk_csv_in_windows_1252_with_semicolons_a_title_and_a_total() {
    let db = Db::new();
    db.ok(&["init"]);
    let dry = import(
        &db,
        &fixture("excel-uk-1252-semicolons.csv"),
        &["--dry-run"],
    );
    assert!(
        dry.starts_with("dry run, nothing written: would make 5 row(s): 5 request(s) created"),
        "{dry}"
    );
    for expected in [
        "read as Windows-1252 with cells separated by ';'",
        "line 1: skipped, a title above the headings",
        "line 9: skipped, a total row",
        "columns ignored: Volunteer",
        "'UCLH' read as University College London Hospitals NHS Foundation Trust (RRV)",
        "'GSTT' read as Guy's and St Thomas' NHS Foundation Trust (RJ1)",
        "'MFT' read as Manchester University NHS Foundation Trust (R0A)",
        "'Barts' read as Barts Health NHS Trust (R1H)",
        "'Wrightington, Wigan & Leigh' read as Wrightington, Wigan and Leigh",
        "line 5: 'TBC' in 'IR response' read as an empty cell",
        "line 6: '-' in 'Date of response' read as an empty cell",
        "events it would add:",
    ] {
        assert!(dry.contains(expected), "{expected}:\n{dry}");
    }
    import(&db, &fixture("excel-uk-1252-semicolons.csv"), &[]);
    // "Mon 02/03/2026", "2 Mar 2026", "2nd March 2026": all the same day.
    assert_eq!(
        events(&db, "palantir-fdp/RRV")[..2],
        [
            ("sent".into(), "2026-03-02".into(), "".into(), "".into()),
            (
                "responded".into(),
                "2026-03-02".into(),
                "answered".into(),
                "outcome in the sheet: Answered in full".into()
            ),
        ]
    );
    let gstt = events(&db, "palantir-fdp/RJ1");
    assert!(gstt.contains(&(
        "responded".into(),
        "2026-03-27".into(),
        "refused".into(),
        "outcome in the sheet: Refused (s43); exemptions cited: s.43".into()
    )));
    assert!(gstt
        .iter()
        .any(|e| e.0 == "review-requested" && e.1 == "2026-03-30"));
    assert!(
        gstt.iter()
            .any(|e| e.0 == "note" && e.3 == "Guy\u{2019}s say FDP contract is commercial"),
        "Windows-1252's curly apostrophe: {gstt:?}"
    );
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["reference"],
        "GST-2026-114"
    );
    assert_eq!(
        events(&db, "palantir-fdp/R1H")[1].2,
        "partial",
        "'Partial – late' is partial"
    );
    assert_eq!(events(&db, "palantir-fdp/RRF")[1].2, "not-held");
    // MFT answered nothing yet: sent only, with its note.
    assert_eq!(
        kinds_days(&db, "palantir-fdp/R0A")
            .iter()
            .map(|e| e.0.as_str())
            .collect::<Vec<_>>(),
        ["sent", "note"]
    );
}

#[test]
fn excels_unicode_text_utf16_with_tabs_and_google_sheets_with_an_old_icb_code() {
    let db = Db::new();
    db.ok(&["init"]);
    let said = import(&db, &fixture("excel-unicode-text.txt"), &[]);
    assert!(
        said.contains("read as UTF-16LE with cells separated by tabs"),
        "{said}"
    );
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ6"])["reference"],
        "CHS 26-0451"
    );
    assert_eq!(
        kinds_days(&db, "palantir-fdp/RJZ"),
        [("sent".to_string(), "2026-03-02".to_string())]
    );
    let said = import(&db, &fixture("google-sheets.csv"), &[]);
    assert!(
        said.contains("QHG is an earlier code of NHS Central East Integrated Care Board (S1Y5D)"),
        "{said}"
    );
    assert_eq!(events(&db, "palantir-fdp/S1Y5D")[1].2, "answered");
    let kch = events(&db, "palantir-fdp/RJZ");
    assert!(
        kch.iter().any(|e| e.0 == "responded"
            && e.2 == "refused"
            && e.3.contains("exemptions cited: s.43(2), s.40")),
        "{kch:?}"
    );
    // The earlier code finds the body on the command line too.
    let found = db.json(&["bodies", "--search", "QHG"]);
    assert_eq!(found[0]["ods_code"], "S1Y5D");
    let found = db.json(&["bodies", "--search", "UCLH"]);
    assert_eq!(found[0]["ods_code"], "RRV");
}

#[test]
fn a_dry_run_lists_every_problem_at_once_each_with_its_line() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.state();
    let file = fixture("many-problems.csv");
    for extra in [&["--dry-run"][..], &[][..]] {
        let mut args = vec!["import", "csv", &file, "--campaign", "palantir-fdp"];
        args.extend(extra);
        let (out, err) = db.refused_listing(&args);
        for expected in [
            "line 2: no body matches 'Nowhere General Hospital'",
            "line 3: '31/02/2026' in the column 'Date sent' is not a date",
            "line 4: QM7 was split between",
            "line 5: the row has 6 cells but the heading has 5",
            "line 6: the row names no body",
            "line 7: 'Leeds' could be",
        ] {
            assert!(out.contains(expected), "{expected}:\n{out}");
        }
        assert_eq!(out.matches("problem:").count(), 6, "{out}");
        assert!(err.contains("6 problem(s)"), "{err}");
    }
    assert_eq!(before, db.state());
}

#[test]
fn importing_a_corrected_sheet_again_corrects_what_it_recorded() {
    let db = Db::new();
    db.ok(&["init"]);
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("FDP tracker.csv");
    std::fs::write(
        &sheet,
        "Trust,Date sent,Date of response,Notes\nUCLH,02/03/2026,20/03/2026,first note\nGSTT,02/03/2026,,\n",
    )
    .unwrap();
    import(&db, sheet.to_str().unwrap(), &[]);
    // The group fixes a date and edits a note; next week's export has the same name.
    std::fs::write(
        &sheet,
        "Trust,Date sent,Date of response,Notes\nUCLH,03/03/2026,20/03/2026,corrected note\nGSTT,02/03/2026,23/03/2026,\n",
    )
    .unwrap();
    let said = import(&db, sheet.to_str().unwrap(), &[]);
    assert!(
        said.contains("corrected from the sheet:") && said.contains("sent 2026-03-02 → 2026-03-03"),
        "{said}"
    );
    assert!(said.contains("note note edited"), "{said}");
    let uclh = events(&db, "palantir-fdp/RRV");
    assert_eq!(
        uclh.iter().filter(|e| e.0 == "sent").count(),
        1,
        "corrected, not added: {uclh:?}"
    );
    assert!(uclh.iter().any(|e| e.0 == "sent" && e.1 == "2026-03-03"));
    assert!(uclh
        .iter()
        .any(|e| e.0 == "note" && e.3 == "corrected note"));
    assert!(!uclh.iter().any(|e| e.3 == "first note"));
    assert!(
        kinds_days(&db, "palantir-fdp/RJ1").contains(&("responded".into(), "2026-03-23".into()))
    );
    // Once more, unchanged: nothing to say.
    let again = import(&db, sheet.to_str().unwrap(), &[]);
    assert!(
        again.contains("2 unchanged") && !again.contains("corrected"),
        "{again}"
    );
    // Undo takes the correction back whole.
    db.ok(&["undo"]);
    assert!(events(&db, "palantir-fdp/RRV")
        .iter()
        .any(|e| e.0 == "sent" && e.1 == "2026-03-02"));
}

#[test]
fn a_file_that_cannot_be_read_says_how_to_save_it() {
    let db = Db::new();
    db.ok(&["init"]);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("tracker.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\x00\x06\x00binary workbook").unwrap();
    let err = db.refused(&[
        "import",
        "csv",
        xlsx.to_str().unwrap(),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(err.contains("CSV UTF-8 (Comma delimited)"), "{err}");
    let odd = dir.path().join("odd.csv");
    let utf16_no_bom: Vec<u8> = "Trust,Date sent\nUCLH,02/03/2026\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(&odd, utf16_no_bom).unwrap();
    let err = db.refused(&[
        "import",
        "csv",
        odd.to_str().unwrap(),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(err.contains("--encoding"), "{err}");
    // Told how it is written, it reads.
    db.ok(&[
        "import",
        "csv",
        odd.to_str().unwrap(),
        "--campaign",
        "palantir-fdp",
        "--encoding",
        "utf-16",
    ]);
    assert_eq!(kinds_days(&db, "palantir-fdp/RRV").len(), 1);
}
