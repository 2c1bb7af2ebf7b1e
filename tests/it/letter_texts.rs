//! Each letter, for each regime, against its expected text: what a group would send.

use chrono::NaiveDate;
use foiboard::law::{ClockReport, Regime, ReviewOutcome};
use foiboard::letters::{builtin, write, Facts, Kind};
use foiboard::model::{Answer, Outcome};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn answer(question: u32, outcome: Outcome, exemptions: &[&str]) -> Answer {
    Answer {
        id: question as i64,
        question,
        outcome,
        exemptions: exemptions.iter().map(|e| e.to_string()).collect(),
        text: String::new(),
        author: String::new(),
        updated_at: String::new(),
    }
}

/// A request through its whole life: sent, late, answered in part, reviewed late.
fn facts(regime: Regime, today: NaiveDate, left: i64) -> Facts {
    let mut report = ClockReport::empty(regime);
    report.received = Some(d(3, 2));
    report.due = Some(d(3, 30));
    Facts {
        body: "NHS Lothian".into(),
        ods: "S08000024".into(),
        foi_email: "foi@example.scot.nhs.uk".into(),
        regime,
        campaign_slug: "palantir-fdp".into(),
        campaign_title: "Palantir - FOI Questions".into(),
        questions: vec![
            (1, "Please confirm whether you use the FDP.".into()),
            (2, "Please provide the board papers.".into()),
        ],
        report,
        working_days_left: Some(left),
        answers: vec![],
        reference: String::new(),
        review_outcome: None,
        sender: "Ann Example".into(),
        commissioner_email: "casework@commissioner.example".into(),
        today,
    }
}

fn answered(mut f: Facts) -> Facts {
    f.report.responded = Some(d(4, 14));
    f.working_days_left = None;
    f.reference = "FOI/2026/0412".into();
    f.answers = vec![
        answer(1, Outcome::Answered, &[]),
        answer(2, Outcome::Refused, &["s.43(2)"]),
    ];
    f
}

fn reviewed(mut f: Facts) -> Facts {
    f.report.review_requested = Some(d(4, 20));
    f.report.review_due = Some(d(5, 18));
    f.report.review_responded = Some(d(5, 15));
    f.review_outcome = Some(ReviewOutcome::Upheld);
    f
}

#[test]
fn every_letter_for_every_regime() {
    for regime in Regime::ALL {
        let name = regime.as_str();
        let late = facts(regime, d(4, 7), -6);
        let cases = [
            (Kind::Request, facts(regime, d(3, 2), 20)),
            (Kind::Chase, late.clone()),
            (Kind::Review, answered(late.clone())),
            (Kind::Complaint, reviewed(answered(late))),
        ];
        for (kind, f) in cases {
            let l = write(kind, &builtin(kind), &f).unwrap();
            insta::assert_snapshot!(
                format!("{kind}_{name}"),
                format!("To: {}\nSubject: {}\n\n{}", l.to, l.subject, l.body)
            );
        }
    }
}
