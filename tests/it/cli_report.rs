//! `foiboard report` and the JSON archive on the real binary: every count in the report and
//! the CSV matches what the database says through other commands, hostile text comes out
//! escaped in every format, and export, import, export gives the same bytes.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::Db;
use serde_json::Value;

const HOSTILE: &str = "=HYPERLINK(\"http://evil\") <script>alert(1)</script> [x](javascript:y) *b* | \x1b]0;owned\x07\x1b[2J Trust";

/// A campaign with known answers: two responses (one on time, one late), a hostile body that
/// answered, one request never answered, one never sent, and question 7 answered by nobody.
fn campaign() -> Db {
    let db = Db::new();
    db.ok(&["bodies", "add", "ZZ1", "--name", HOSTILE, "--kind", "acute"]);
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2,RJ6,RJ7,ZZ1"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2,RJ6,ZZ1",
        "sent",
        "--on",
        "2026-10-01",
    ]);
    for (ods, on) in [
        ("RJ1", "2026-10-20"),
        ("RJ2", "2026-11-10"),
        ("ZZ1", "2026-10-15"),
    ] {
        db.ok(&[
            "event",
            &format!("palantir-fdp/{ods}"),
            "responded",
            "--on",
            on,
        ]);
    }
    let answers: &[(&str, u32, &str, &[&str], &str)] = &[
        (
            "RJ1",
            1,
            "answered",
            &[],
            "We use the FDP for elective recovery.",
        ),
        (
            "RJ1",
            5,
            "refused",
            &["s43"],
            "Withheld under section 43(2).",
        ),
        ("RJ2", 1, "not-held", &[], "We hold no such information."),
        ("RJ2", 5, "refused", &["s43", "s40"], "Refused."),
        (
            "ZZ1",
            1,
            "answered",
            &[],
            "<img src=x onerror=alert(1)> yes\n# heading",
        ),
        ("ZZ1", 5, "partial", &[], "Some of it."),
    ];
    for (ods, q, outcome, ex, text) in answers {
        let file = db.dir.path().join(format!("{ods}-{q}.txt"));
        std::fs::write(&file, text).unwrap();
        let mut args: Vec<String> = vec![
            "answer".into(),
            format!("palantir-fdp/{ods}"),
            "--question".into(),
            q.to_string(),
            "--outcome".into(),
            outcome.to_string(),
            "--text-file".into(),
            file.to_string_lossy().into_owned(),
        ];
        for e in *ex {
            args.extend(["--exemption".into(), e.to_string()]);
        }
        db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let findings: &[(&str, u32, &[&str], &str)] = &[
        ("RJ1", 1, &["fdp/in-use"], "We use the FDP"),
        (
            "ZZ1",
            1,
            &["fdp/in-use", "follow-up"],
            "<img src=x onerror=alert(1)>",
        ),
        ("RJ2", 5, &["refusal/s43-commercial"], ""),
    ];
    for (ods, q, tags, quote) in findings {
        let mut args: Vec<String> = vec![
            "finding".into(),
            "add".into(),
            format!("palantir-fdp/{ods}"),
            "--question".into(),
            q.to_string(),
            "--note".into(),
            format!("note on {ods}"),
        ];
        for t in *tags {
            args.extend(["--tag".into(), t.to_string()]);
        }
        if !quote.is_empty() {
            args.extend(["--quote".into(), quote.to_string()]);
        }
        db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    db
}

/// The ODS codes named in a "which" cell: each body is written "Name (ODS)".
fn codes(cell: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = cell;
    while let Some(i) = rest.find('(') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find(')') {
            let code = &rest[..j];
            if code.starts_with(|c: char| c.is_ascii_uppercase())
                && code
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                out.insert(code.to_string());
            }
            rest = &rest[j..];
        }
    }
    out
}

/// Table rows of a Markdown report by section: (section, first cell) -> (count, codes).
/// A section is the last heading, followed by the last bold line if any.
fn tables(md: &str) -> BTreeMap<(String, String), (usize, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    let mut section = String::new();
    let mut heading = String::new();
    let mut header_seen = false;
    for line in md.lines() {
        if let Some(h) = line
            .strip_prefix("### ")
            .or_else(|| line.strip_prefix("## "))
        {
            heading = h.to_string();
            section = heading.clone();
            header_seen = false;
        } else if line.starts_with("**") {
            section = format!("{heading} / {}", line.trim_matches('*'));
            header_seen = false;
        } else if line.starts_with('|') {
            if !header_seen {
                header_seen = true;
                continue;
            }
            if line.starts_with("| ---") {
                continue;
            }
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let count = cells
                .get(1)
                .and_then(|c| c.parse().ok())
                .unwrap_or(usize::MAX);
            let which = cells.get(2).map(|c| codes(c)).unwrap_or_default();
            out.insert((section.clone(), cells[0].to_string()), (count, which));
        } else if line.is_empty() {
        } else {
            header_seen = false;
        }
    }
    out
}

/// Two long texts are equal; if not, the first line that differs is shown.
fn same(a: &str, b: &str) {
    if a != b {
        let (n, (x, y)) = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .unwrap_or((0, ("(lengths differ)", "")));
        panic!("the texts differ first at line {}:\n{x}\n{y}", n + 1);
    }
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_count_in_the_report_matches_the_database() {
    let db = campaign();
    let md = db.ok(&["report", "palantir-fdp"]);
    let t = tables(&md);
    let row = |section: &str, first: &str| {
        t.get(&(section.to_string(), first.to_string()))
            .cloned()
            .unwrap_or_else(|| panic!("no row '{first}' under '{section}' in:\n{md}"))
    };

    // The truth, read through other commands.
    let list = db.json(&["list", "palantir-fdp"]);
    let requests: Vec<&Value> = list.as_array().unwrap().iter().collect();
    let all: BTreeSet<String> = requests
        .iter()
        .map(|r| r["ods"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.len(), 5);
    let mut by_status: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &requests {
        by_status
            .entry(r["status"].as_str().unwrap().to_string())
            .or_default()
            .insert(r["ods"].as_str().unwrap().to_string());
    }
    for (status, bodies) in &by_status {
        assert_eq!(
            row("Requests by status", status),
            (bodies.len(), bodies.clone())
        );
    }
    assert_eq!(
        by_status.values().map(BTreeSet::len).sum::<usize>(),
        5,
        "every request has one status"
    );

    // Per question: outcomes, the unanswered, exemptions and tags.
    let mut outcomes: BTreeMap<(u32, String), BTreeSet<String>> = BTreeMap::new();
    let mut exemptions: BTreeMap<(u32, String), BTreeSet<String>> = BTreeMap::new();
    let mut answered: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    let mut late = BTreeSet::new();
    let mut on_time = BTreeSet::new();
    for ods in &all {
        let show = db.json(&["show", &format!("palantir-fdp/{ods}")]);
        match show["responded_late"].as_bool() {
            Some(true) => late.insert(ods.clone()),
            Some(false) => on_time.insert(ods.clone()),
            None => false,
        };
        for a in show["answers"].as_array().unwrap() {
            let q = a["question"].as_u64().unwrap() as u32;
            answered.entry(q).or_default().insert(ods.clone());
            outcomes
                .entry((q, a["outcome"].as_str().unwrap().to_string()))
                .or_default()
                .insert(ods.clone());
            for e in a["exemptions"].as_array().unwrap() {
                exemptions
                    .entry((q, e.as_str().unwrap().to_string()))
                    .or_default()
                    .insert(ods.clone());
            }
        }
    }
    assert_eq!(on_time, set(&["RJ1", "ZZ1"]));
    assert_eq!(late, set(&["RJ2"]));
    let label = |o: &str| o.parse::<foiboard::model::Outcome>().unwrap().label();
    for ((q, o), bodies) in &outcomes {
        assert_eq!(
            row(&format!("Q{q}"), label(o)),
            (bodies.len(), bodies.clone())
        );
    }
    for q in 1..=7u32 {
        let missing: BTreeSet<String> = all
            .difference(answered.get(&q).unwrap_or(&BTreeSet::new()))
            .cloned()
            .collect();
        assert_eq!(
            row(&format!("Q{q}"), "no answer recorded"),
            (missing.len(), missing),
            "Q{q}"
        );
    }
    // Question 7 was answered by nobody: one row, every body.
    assert_eq!(row("Q7", "no answer recorded").0, 5);
    // The body that never responded is in no outcome row.
    assert!(t.iter().all(|((s, first), (_, c))| !s.starts_with('Q')
        || first == "no answer recorded"
        || !c.contains("RJ6")));
    for ((q, e), bodies) in &exemptions {
        assert_eq!(
            row(&format!("Q{q} / Exemptions cited on Q{q}"), e),
            (bodies.len(), bodies.clone())
        );
    }
    assert_eq!(
        row("Q5 / Exemptions cited on Q5", "s.43").1,
        set(&["RJ1", "RJ2"])
    );

    let findings = db.json(&["finding", "list"]);
    let mut tags: BTreeMap<(u32, String), BTreeSet<String>> = BTreeMap::new();
    for f in findings.as_array().unwrap() {
        for tag in f["tags"].as_array().unwrap() {
            tags.entry((
                f["question"].as_u64().unwrap() as u32,
                tag.as_str().unwrap().to_string(),
            ))
            .or_default()
            .insert(f["ods_code"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(tags.len(), 3);
    for ((q, tag), bodies) in &tags {
        let first = tag.replace('_', "\\_");
        assert_eq!(
            row(&format!("Q{q} / Findings on Q{q}, by tag"), &first),
            (bodies.len(), bodies.clone())
        );
    }

    // The overview says the same.
    assert!(md.contains("- **5 bodies** asked"), "{md}");
    assert!(md.contains("- **4** requests sent"), "{md}");
    assert!(md.contains("- **3** responded: 2 on time, 1 late"), "{md}");
    assert!(
        md.contains("- **1** still awaited: 1 overdue, 0 long overdue"),
        "{md}"
    );
    // Working days to respond: the median of the three responses, from `show`.
    let mut days: Vec<u64> = all
        .iter()
        .filter_map(|o| {
            db.json(&["show", &format!("palantir-fdp/{o}")])["working_days_to_respond"].as_u64()
        })
        .collect();
    days.sort();
    assert_eq!(days.len(), 3);
    assert!(
        md.contains(&format!(
            "Median time to respond: **{} working days**",
            days[1]
        )),
        "{md}"
    );
    // Quotes are attributed under their tag, and the holiday data is cited.
    assert!(md.contains("> We use the FDP\n>\n> — Guy"), "{md}");
    assert!(md.contains("GOV.UK data for 2012-2028"), "{md}");
    assert!(md.contains("made on 2026-11-23"), "{md}");

    // The CSV agrees cell by cell with the same truth.
    let csv_text = db.ok(&["export", "palantir-fdp"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        let ods = rec[col("ods_code")].to_string();
        let status = &rec[col("status")];
        assert!(by_status[status].contains(&ods));
        for q in 1..=7u32 {
            let got = &rec[col(&format!("q{q}_outcome"))];
            let want = outcomes
                .iter()
                .find(|((qq, _), b)| *qq == q && b.contains(&ods))
                .map(|((_, o), _)| o.as_str())
                .unwrap_or("");
            assert_eq!(got, want, "{ods} Q{q}");
            let tags_cell = &rec[col(&format!("q{q}_tags"))];
            for ((qq, tag), b) in &tags {
                assert_eq!(
                    *qq == q && b.contains(&ods),
                    tags_cell.split("; ").any(|x| x == tag),
                    "{ods} Q{q} {tag}"
                );
            }
        }
    }
    assert_eq!(rows, 5);
}

#[test]
fn hostile_text_is_escaped_in_markdown_html_and_csv() {
    let db = campaign();
    // Markdown: a real parser finds no HTML, no link and no image; the text survives.
    let md = db.ok(&["report", "palantir-fdp", "--format", "md"]);
    use pulldown_cmark::{Event, Parser, Tag};
    let mut text = String::new();
    for ev in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML reached the report: {h}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                panic!("a link reached the report")
            }
            Event::Start(Tag::Heading { .. }) => text.push_str("\n#"),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(
        text.contains(
            "<script>alert(1)</script> [x](javascript:y) *b* | \\x1b]0;owned\\x07\\x1b[2J Trust"
        ),
        "{text}"
    );
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(!md.contains('\x1b') && !md.contains('\x07'));
    // No heading was smuggled in by an answer's "# heading" line.
    assert!(!text.contains("\n#heading"));

    // HTML: nothing executable, no control character, the text shown literally.
    let html = db.ok(&["report", "palantir-fdp", "--format", "html"]);
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'));
    assert!(html.contains("Content-Security-Policy"));
    for fetch in ["<link", "<img", "<script", "<iframe", "@import"] {
        assert!(
            !html.contains(fetch),
            "self-contained: nothing fetched ({fetch})"
        );
    }
    // The charts' hatching refers to patterns in the page itself (`url(#p1)`), never out.
    for (i, _) in html.match_indices("url(") {
        assert!(
            html[i + 4..].starts_with('#'),
            "self-contained: nothing fetched ({})",
            &html[i..(i + 30).min(html.len())]
        );
    }

    // CSV: the name cannot run as a formula and carries no control character.
    let csv_text = db.ok(&["export", "palantir-fdp", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let body = r
        .records()
        .map(|x| x.unwrap())
        .find(|x| &x[1] == "ZZ1")
        .unwrap()[2]
        .to_string();
    assert!(body.starts_with("'=HYPERLINK"), "{body}");
    assert!(!body.chars().any(char::is_control), "{body}");
}

#[test]
fn report_writes_a_file_and_refuses_an_unknown_campaign() {
    let db = campaign();
    let out = db.dir.path().join("report.html");
    let o = out.to_string_lossy().into_owned();
    db.ok(&["report", "palantir-fdp", "--format", "html", "--out", &o]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(!db.dir.path().join("report.html.part").exists());
    let err = db.refused(&["report", "nope"]);
    assert!(err.contains("campaign list"), "{err}");
}

#[test]
fn json_export_import_export_is_identical() {
    let db = campaign();
    // A few more kinds of record: an extension with its date, a reference, a retired tag.
    db.ok(&[
        "event",
        "palantir-fdp/RJ6",
        "extended",
        "--on",
        "2026-10-27",
        "--until",
        "2026-12-01",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ6",
        "acknowledged",
        "--on",
        "2026-10-02",
        "--ref",
        "FOI-99",
    ]);
    db.ok(&["tags", "retire", "follow-up"]);
    let first = db.ok(&["export", "palantir-fdp", "--format", "json"]);
    let file = db.dir.path().join("campaign.json");
    std::fs::write(&file, &first).unwrap();

    let other = Db::new();
    let said = other.ok(&["import", "json", &file.to_string_lossy()]);
    assert!(said.contains("5 requests"), "{said}");
    assert!(said.contains("1 bodies"), "ZZ1 is new there: {said}");
    let second = other.ok(&["export", "palantir-fdp", "--format", "json"]);
    same(&first, &second);
    // And what a user sees agrees too.
    same(
        &db.ok(&["list", "palantir-fdp", "--json"]),
        &other.ok(&["list", "palantir-fdp", "--json"]),
    );
    same(
        &db.ok(&["report", "palantir-fdp"]),
        &other.ok(&["report", "palantir-fdp"]),
    );

    // The same file again: the campaign has requests now, so nothing is written.
    let before = other.state();
    let err = other.refused(&["import", "json", &file.to_string_lossy()]);
    assert!(err.contains("--as"), "{err}");
    assert_eq!(before, other.state());
    // Under another name it goes in beside the first, and undo takes it back whole.
    let campaigns = other.ok(&["campaign", "list"]);
    other.ok(&[
        "import",
        "json",
        &file.to_string_lossy(),
        "--as",
        "fdp-copy",
    ]);
    assert_eq!(
        other.json(&["list", "fdp-copy"]).as_array().unwrap().len(),
        5
    );
    other.ok(&["undo"]);
    other.refused(&["list", "fdp-copy"]);
    assert_eq!(campaigns, other.ok(&["campaign", "list"]));
    same(
        &second,
        &other.ok(&["export", "palantir-fdp", "--format", "json"]),
    );
}

#[test]
fn a_bad_campaign_file_is_refused_with_its_name_and_line_and_writes_nothing() {
    let db = campaign();
    let json = db.ok(&["export", "palantir-fdp", "--format", "json"]);
    let other = Db::new();
    other.ok(&["init"]);
    let before = other.state();
    let path = |name: &str, text: &str| {
        let p = other.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };

    let cut = path("cut.json", &json[..json.len() / 2]);
    let err = other.refused(&["import", "json", &cut]);
    assert!(err.contains("cut.json") && err.contains("line "), "{err}");

    let foreign = path("foreign.json", "{\"format\": \"something-else\"}");
    let err = other.refused(&["import", "json", &foreign]);
    assert!(err.contains("not a foiboard campaign"), "{err}");

    // A response dated before the request was sent: refused with the body named.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    let rj1 = v["requests"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["ods_code"] == "RJ1")
        .unwrap();
    rj1["events"].as_array_mut().unwrap().reverse();
    let bad = path("bad.json", &serde_json::to_string(&v).unwrap());
    let err = other.refused(&["import", "json", &bad]);
    assert!(err.contains("RJ1"), "{err}");

    let binary = other.dir.path().join("binary.json");
    std::fs::write(&binary, b"{\"format\": \"\xff\xfe\"}").unwrap();
    let err = other.refused(&["import", "json", &binary.to_string_lossy()]);
    assert!(err.contains("UTF-8"), "{err}");

    assert_eq!(before, other.state());
}

/// Every emphasis marker the report writes is read as emphasis by a real Markdown parser: no
/// stray asterisk shows around a tag's meaning or a finding's note.
#[test]
fn the_demo_report_shows_no_stray_asterisks() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let md = db.ok(&["report", "palantir-fdp"]);
    use pulldown_cmark::{Event, Parser, Tag};
    let (mut text, mut emphasised) = (String::new(), 0);
    for ev in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Emphasis) => emphasised += 1,
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(emphasised > 10, "{emphasised}");
    assert!(!text.contains('*'), "an asterisk shows as text");
}

/// The report leads with its story: what the answers say, timeliness and exemptions, each
/// number the same as in the sections that list the bodies; the group can choose the
/// headlines, and a tag the codebook lacks is refused.
#[test]
fn key_findings_come_first_and_agree_with_the_sections() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let md = db.ok(&["report", "palantir-fdp"]);
    let key = md.find("## Key findings").expect("a key findings section");
    assert!(key < md.find("## Overview").unwrap());
    let section: &str = &md[key..md.find("## Overview").unwrap()];
    // Each tag headline's count is the tag section's "N bodies".
    let mut checked = 0;
    for line in section.lines().filter(|l| l.contains("responding bodies:")) {
        let n: usize = line
            .trim_start_matches("- **")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let tag = line.rsplit('(').next().unwrap().trim_end_matches(")*");
        let heading = format!("### {tag}\n\n");
        let at = md
            .find(&heading)
            .unwrap_or_else(|| panic!("no section for {tag}"));
        let para = md[at + heading.len()..].lines().next().unwrap();
        assert!(
            para.contains(&format!(", {n} bodies")),
            "{tag}: {line} vs {para}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "{section}");
    assert!(
        !section.contains("(follow-up)"),
        "working tags are not headlines"
    );
    // The timeliness headline counts the same responses as the overview.
    let overview = &md[md.find("## Overview").unwrap()..];
    let responded: usize = overview
        .lines()
        .find(|l| l.ends_with("late") && l.contains("** responded:"))
        .and_then(|l| l.trim_start_matches("- **").split('*').next())
        .and_then(|n| n.parse().ok())
        .expect("the overview's responded line");
    assert!(
        section.contains(&format!(" of {responded}** responses came on time")),
        "{section}"
    );
    assert!(section.contains("**s.43** cited by"), "{section}");

    // The group pins its own headlines, in its order.
    db.ok(&[
        "config",
        "report-headlines",
        "fdp/in-use refusal/s43-commercial",
    ]);
    let md = db.ok(&["report", "palantir-fdp"]);
    let key = &md[md.find("## Key findings").unwrap()..md.find("## Overview").unwrap()];
    let first = key.lines().find(|l| l.starts_with("- ")).unwrap();
    assert!(first.ends_with("*(fdp/in-use)*"), "{first}");
    assert_eq!(key.matches("responding bodies:").count(), 2, "{key}");
    let err = db.refused(&["config", "report-headlines", "fdp/in-us"]);
    assert!(err.contains("not a tag"), "{err}");
}

/// In the HTML report a long list of bodies folds under its count, and the count is the
/// number of bodies inside; a short one stays open. Late responses are listed most late first.
#[test]
fn long_lists_fold_and_late_responses_sort_by_how_late() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let html = db.ok(&["report", "palantir-fdp", "--format", "html"]);
    let mut folded = 0;
    for part in html.split("<details><summary>").skip(1) {
        let (summary, rest) = part.split_once("</summary>").unwrap();
        let n: usize = summary.trim_end_matches(" bodies").parse().unwrap();
        let inside = &rest[..rest.find("</details>").unwrap()];
        // Each body is written "Name (ODS)".
        assert_eq!(inside.matches(")").count(), n, "{summary}: {inside}");
        assert!(n > 6);
        folded += 1;
    }
    assert!(folded > 5, "{folded}");
    assert!(
        html.contains("details::details-content"),
        "open when printed"
    );
    let md = db.ok(&["report", "palantir-fdp"]);
    let late = &md[md.find("### Responded late").unwrap()..];
    let late = &late[..late.find("\n### ").unwrap_or(late.len())];
    let days: Vec<u32> = late
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| body"))
        .filter_map(|l| {
            l.trim_end_matches('|')
                .rsplit('|')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect();
    assert!(days.len() > 10, "{late}");
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
}

/// The HTML report's charts are SVG that parses as XML, and every number drawn is the number
/// in the table that follows the chart; the page's main part is well-formed.
#[test]
fn every_number_in_a_chart_is_the_number_in_its_table() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let html = db.ok(&["report", "palantir-fdp", "--format", "html"]);
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap() + 7];
    roxmltree::Document::parse(main).expect("the report's main part is well-formed");
    let mut charts = 0;
    for (at, _) in html.match_indices("<figure>") {
        let rest = &html[at..];
        let svg = &rest[rest.find("<svg").unwrap()..rest.find("</svg>").unwrap() + 6];
        let doc = roxmltree::Document::parse(svg).expect("SVG parses as XML");
        let table = &rest[rest.find("<table>").unwrap()..rest.find("</table>").unwrap() + 8];
        let t = roxmltree::Document::parse(table).unwrap();
        let head: Vec<String> = t
            .descendants()
            .filter(|n| n.has_tag_name("th"))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect();
        let mut cells: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for tr in t.descendants().filter(|n| n.has_tag_name("tr")).skip(1) {
            let tds: Vec<String> = tr
                .children()
                .filter(|n| n.has_tag_name("td"))
                .map(|n| n.text().unwrap_or("").to_string())
                .collect();
            for (i, v) in tds.iter().enumerate().skip(1) {
                cells.insert((tds[0].clone(), head[i].clone()), v.parse().unwrap());
            }
        }
        let mut drawn = 0;
        for r in doc
            .descendants()
            .filter(|n| n.attribute("data-value").is_some())
        {
            let key = (
                r.attribute("data-row").unwrap().to_string(),
                r.attribute("data-series").unwrap().to_string(),
            );
            let v: usize = r.attribute("data-value").unwrap().parse().unwrap();
            assert_eq!(cells.get(&key), Some(&v), "{key:?}");
            drawn += 1;
        }
        let nonzero = cells.values().filter(|v| **v > 0).count();
        assert_eq!(drawn, nonzero, "every number in the table is drawn");
        charts += 1;
    }
    assert!(charts >= 4, "{charts}");
    // Markdown shows the same numbers as tables, with no chart markup.
    let md = db.ok(&["report", "palantir-fdp"]);
    assert!(!md.contains("<svg"));
    assert!(md.contains("| no answer recorded |") || md.contains("no answer recorded |"));
}

/// Each headline of the HTML report links to the quotes of its tag, on the same page.
#[test]
fn headlines_link_to_their_quotes() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let html = db.ok(&["report", "palantir-fdp", "--format", "html"]);
    let key = &html[html.find("Key findings").unwrap()..html.find("<h2>Overview").unwrap()];
    let targets: Vec<&str> = key
        .split("href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(targets.len() >= 3, "{key}");
    for t in targets {
        let id = format!("<span id=\"{t}\"></span>");
        let at = html.find(&id).unwrap_or_else(|| panic!("no anchor {t}"));
        // The tag's heading follows its anchor.
        assert!(html[at..]
            .trim_start_matches(&id)
            .trim_start()
            .starts_with("<h3>"));
    }
    let md = db.ok(&["report", "palantir-fdp"]);
    assert!(md.contains("*(fdp/in-use)*"), "Markdown names the tag");
}

#[test]
fn an_imported_campaign_keeps_its_authors_and_names_who_brought_it_in() {
    let db = campaign();
    let file = db.dir.path().join("campaign.json");
    std::fs::write(
        &file,
        db.ok(&["export", "palantir-fdp", "--format", "json"]),
    )
    .unwrap();
    let other = Db::new();
    let out = other
        .cmd()
        .env("FOIBOARD_USER", "carol")
        .args(["import", "json", &file.to_string_lossy()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let show = other.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(show.contains("(tester, recorded here by carol)"), "{show}");
    let json = other.json(&["show", "palantir-fdp/RJ1"]);
    let e = &json["events"].as_array().unwrap()[0];
    assert_eq!(e["author"], "tester", "{e}");
    assert_eq!(e["recorded_by"], "carol", "{e}");
    // Events recorded here by their own author say nothing more.
    let mine = db.json(&["show", "palantir-fdp/RJ1"]);
    assert!(mine["events"][0].get("recorded_by").is_none(), "{mine}");
}
