//! What the demo's authorities write back: for each of the seeded campaign's seven questions, an
//! answer written for that question in each outcome the demo uses, and for a body that uses the
//! Federated Data Platform or one that does not. A newcomer reading the demo reads answers that
//! answer what was asked, and every finding quotes a sentence of the answer it sits on.

use crate::model::Outcome;

/// The text of an answer to question `q` (1 to 7) with `outcome`, from a body that `uses` FDP.
pub fn answer(q: u32, outcome: Outcome, uses: bool) -> &'static str {
    use Outcome::*;
    match (q, outcome, uses) {
        (1, NotHeld, _) => "We hold no information on the use of FDP products locally. The platform is provided and run by NHS England.",
        (1, Partial, true) => "We use the Federated Data Platform for inpatient flow only. Whether further products will be used is still under discussion.",
        (1, Partial, false) => "We do not use the Federated Data Platform at present. Our ICB is considering onboarding, on which we cannot yet comment.",
        (1, _, true) => "We confirm that our organisation uses the Federated Data Platform. Products went live in 2025 under the national programme.",
        (1, _, false) => "We do not currently use any part of the Federated Data Platform. Onboarding is being reviewed with our ICB.",

        (2, NotHeld, _) => "We hold no Board or senior management reports in which the merits or de-merits of the FDP were discussed.",
        (2, Partial, _) => "The public Board papers of March 2025 are attached. Papers from private sessions of the Board are not included in this response.",
        (2, _, true) => "The FDP was discussed at the Board meeting held in public in March 2025 and the minutes are attached (item 12). No other reports discuss its merits.",
        (2, _, false) => "The Board has not discussed the FDP. The Digital Committee noted NHS England's plans in June 2025 and its minutes are attached.",

        (3, NotHeld, _) => "We hold no record of FDP products beyond those deployed nationally by NHS England.",
        (3, Partial, _) => "Inpatient flow is in current use. We are unable to say at this stage which further products we intend to bring into use.",
        (3, _, true) => "a) OPTICA and inpatient flow are in current use. b) Theatre scheduling is in development. c) Care coordination is planned for 2027. d) No product has been rejected.",
        (3, _, false) => "As we do not use the FDP, no FDP products are in use, in development or planned, and none has been rejected.",

        (4, NotHeld, _) => "We have not mapped our systems against FDP products and so hold no information on overlap.",
        (4, Partial, _) => "The data warehouse overlaps with some FDP functions. Plans for its future are still being developed.",
        (4, _, _) => "Our electronic patient record and the local data warehouse overlap in part with FDP products. Both will remain in use and there are no plans to retire them.",

        (5, Refused, _) => "We hold reports on cost and risk but withhold them under section 43(2) of the Act, as release would be likely to prejudice the commercial interests of the organisation and of Palantir Technologies UK. The Chief Digital Information Officer leads the evaluation.",
        (5, NotHeld, _) => "No local evaluation or risk assessment has been made. The FDP is provided under NHS England's national contract and its DPIA.",
        (5, Partial, _) => "The Data Protection Impact Assessment is attached; cost reports are held by NHS England. The Chief Digital Information Officer leads the evaluation.",
        (5, _, _) => "The Data Protection Impact Assessment for the FDP is attached. The Chief Digital Information Officer leads the evaluation and reports to the Digital Committee.",

        (6, NotHeld, _) => "We hold no reports or minutes on the impact of the FDP on public trust.",
        (6, Partial, _) => "Public trust was discussed by the Information Governance Group. Its minutes are attached with names removed.",
        (6, _, _) => "No assessment of the impact on public trust has been undertaken. We rely on NHS England's national engagement on the FDP.",

        (7, NotHeld, _) => "We hold no reports or minutes assessing reputational risk from involvement with Palantir.",
        (7, Partial, _) => "Reputational risk is recorded on the corporate risk register and the entry is attached. No meeting minutes record a separate assessment.",
        (7, _, _) => "The risk of reputational damage has not been considered separately. The FDP is a national programme led by NHS England.",

        _ => "Please see the attached response.",
    }
}

/// The finding a campaigner would tag on this answer, if any: its tags and its note.
pub fn finding(
    q: u32,
    outcome: Outcome,
    uses: bool,
) -> Option<(&'static [&'static str], &'static str)> {
    use Outcome::*;
    Some(match (q, outcome, uses) {
        (1, Answered | Partial, true) => (&["fdp/in-use"], ""),
        (1, Answered | Partial, false) => (&["fdp/not-used"], ""),
        (2, NotHeld, _) => (&["docs/none-held"], ""),
        (3, Answered, true) => (
            &["product/named"],
            "OPTICA, inpatient flow; theatre scheduling in development",
        ),
        (5, Refused, _) => (
            &["refusal/s43-commercial", "follow-up"],
            "Ask for an internal review",
        ),
        (6, Answered, _) => (&["trust/not-assessed"], ""),
        (7, Answered, _) => (&["reputation/not-assessed"], ""),
        _ => return None,
    })
}

/// The sentence a finding quotes: the answer's first, word for word.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTCOMES: [Outcome; 4] = [
        Outcome::Answered,
        Outcome::Partial,
        Outcome::NotHeld,
        Outcome::Refused,
    ];

    #[test]
    fn every_answer_speaks_to_its_question() {
        // Words of the question each answer must take up.
        let about = [
            "Federated Data Platform|FDP",
            "Board|board",
            "FDP|use|in development",
            "overlap",
            "evaluation|risk",
            "public trust|Public trust",
            "reputation|Reputation",
        ];
        for q in 1..=7u32 {
            for o in OUTCOMES {
                if o == Outcome::Refused && q != 5 {
                    continue;
                }
                for uses in [true, false] {
                    let text = answer(q, o, uses);
                    assert!(
                        about[q as usize - 1].split('|').any(|w| text.contains(w)),
                        "Q{q} {o:?}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_quote_is_a_sentence_of_its_answer() {
        for q in 1..=7u32 {
            for o in OUTCOMES {
                for uses in [true, false] {
                    let text = answer(q, o, uses);
                    let quote = first_sentence(text);
                    assert!(text.starts_with(quote) && quote.ends_with('.'), "{quote}");
                }
            }
        }
    }

    #[test]
    fn the_tag_says_what_the_answer_says() {
        assert_eq!(
            finding(1, Outcome::Answered, false).unwrap().0,
            &["fdp/not-used"]
        );
        assert!(answer(1, Outcome::Answered, false).contains("do not"));
        assert!(answer(1, Outcome::Answered, true).contains("uses"));
        assert!(answer(5, Outcome::Refused, true).contains("section 43"));
        assert!(finding(1, Outcome::NotHeld, true).is_none());
    }
}
