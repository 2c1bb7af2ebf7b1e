use chrono::NaiveDate;

use super::*;
use crate::law::{ClockReport, Regime};
use crate::model::{Answer, Outcome};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn facts(regime: Regime) -> Facts {
    let mut report = ClockReport::empty(regime);
    report.received = Some(d(2026, 3, 2));
    report.due = Some(d(2026, 3, 30));
    Facts {
        body: "Guy's and St Thomas' NHS Foundation Trust".into(),
        ods: "RJ1".into(),
        foi_email: "foi@example.nhs.uk".into(),
        regime,
        campaign_slug: "palantir-fdp".into(),
        campaign_title: "Palantir FDP".into(),
        questions: vec![(1, "First?".into()), (2, "Second?".into())],
        report,
        working_days_left: Some(-4),
        answers: vec![],
        reference: String::new(),
        review_outcome: None,
        sender: "Ann Example".into(),
        commissioner_email: String::new(),
        today: d(2026, 4, 7),
    }
}

#[test]
fn dates_are_written_as_people_write_them() {
    assert_eq!(people_date(d(2026, 3, 31)), "31 March 2026");
    assert_eq!(people_date(d(2026, 4, 1)), "1 April 2026");
}

#[test]
fn the_chase_names_the_provision_of_each_regime() {
    for (regime, words) in [
        (
            Regime::Foia,
            "section 10(1) of the Freedom of Information Act 2000",
        ),
        (
            Regime::Eir,
            "regulation 5(2) of the Environmental Information Regulations 2004",
        ),
        (
            Regime::Foisa,
            "section 10(1) of the Freedom of Information (Scotland) Act 2002",
        ),
    ] {
        let l = write(Kind::Chase, &builtin(Kind::Chase), &facts(regime)).unwrap();
        assert!(l.body.replace('\n', " ").contains(words), "{}", l.body);
        assert!(l.body.contains("2 March 2026"), "{}", l.body);
        assert!(l.body.contains("30 March 2026"));
        assert!(l.body.contains("4 working days late"));
        assert_eq!(l.to, "foi@example.nhs.uk");
    }
}

#[test]
fn a_chase_of_a_request_that_is_not_late_is_refused_with_the_reason() {
    let mut f = facts(Regime::Foia);
    f.working_days_left = Some(3);
    let e = write(Kind::Chase, &builtin(Kind::Chase), &f).unwrap_err();
    assert!(
        e.to_string()
            .contains("not late: the reply is due on 30 March 2026"),
        "{e}"
    );
}

#[test]
fn the_review_lists_what_was_refused_with_its_exemptions() {
    let mut f = facts(Regime::Foia);
    f.report.responded = Some(d(2026, 3, 27));
    f.reference = "FOI-1187".into();
    f.answers = vec![
        Answer {
            id: 1,
            question: 1,
            outcome: Outcome::Answered,
            exemptions: vec![],
            text: String::new(),
            author: String::new(),
            updated_at: String::new(),
        },
        Answer {
            id: 2,
            question: 2,
            outcome: Outcome::Refused,
            exemptions: vec!["s.43".into()],
            text: String::new(),
            author: String::new(),
            updated_at: String::new(),
        },
    ];
    let l = write(Kind::Review, &builtin(Kind::Review), &f).unwrap();
    assert!(
        l.body.contains("- Question 2: refused, citing s.43"),
        "{}",
        l.body
    );
    assert!(!l.body.contains("Question 1"));
    assert!(
        l.body.contains("27 March 2026 (your reference FOI-1187)")
            || l.body
                .replace('\n', " ")
                .contains("27 March 2026 (your reference FOI-1187)")
    );
    f.regime = Regime::Foisa;
    let l = write(Kind::Review, &builtin(Kind::Review), &f).unwrap();
    assert!(l
        .body
        .replace('\n', " ")
        .contains("section 20(1) of the Freedom of Information (Scotland) Act 2002"));
}

#[test]
fn a_complaint_waits_for_the_review_and_names_the_commissioner() {
    let mut f = facts(Regime::Foisa);
    f.report.responded = Some(d(2026, 3, 27));
    let e = write(Kind::Complaint, &builtin(Kind::Complaint), &f).unwrap_err();
    assert!(e.to_string().contains("s.47(1)"), "{e}");
    f.report.review_requested = Some(d(2026, 4, 1));
    f.report.review_due = Some(d(2026, 4, 6));
    f.reference = "X1".into();
    f.answers = vec![Answer {
        id: 2,
        question: 2,
        outcome: Outcome::Refused,
        exemptions: vec!["s.33(1)(b)".into()],
        text: String::new(),
        author: String::new(),
        updated_at: String::new(),
    }];
    let l = write(Kind::Complaint, &builtin(Kind::Complaint), &f).unwrap();
    assert!(
        l.body
            .starts_with("Dear the Scottish Information Commissioner")
            || l.body.contains("Scottish Information Commissioner")
    );
    assert!(l.body.contains("never given"), "{}", l.body);
}

#[test]
fn a_newline_in_a_name_never_reaches_the_subject() {
    let mut f = facts(Regime::Foia);
    f.body = "Evil\r\nBcc: victim@example.org".into();
    f.ods = "R\nX".into();
    let l = write(Kind::Request, &builtin(Kind::Request), &f).unwrap();
    assert!(
        !l.subject.contains('\n') && !l.subject.contains('\r'),
        "{:?}",
        l.subject
    );
}

#[test]
fn a_template_with_an_unknown_placeholder_is_refused_when_saved() {
    let e = Template::parse("Subject: hi {body}\n\nDear {bdy}\n").unwrap_err();
    assert!(e.to_string().contains("{bdy}"), "{e}");
    assert!(Template::parse("no subject line\n").is_err());
    let t = Template::parse("Subject: Chasing {token}\n\nDear {body}, it is {days_late} late.\n")
        .unwrap();
    assert_eq!(Template::parse(&t.to_text()).unwrap(), t);
}
