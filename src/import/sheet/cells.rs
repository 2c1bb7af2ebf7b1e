//! What a group's spreadsheet cells mean: headings, dates as people type them, the words
//! groups use for outcomes and statuses, the cells that say "nothing yet", body names.

use chrono::NaiveDate;

use crate::law::EventKind;
use crate::model::records::StatusEvent;
use crate::model::{normalise_exemption, Outcome};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Ods,
    Body,
    Reference,
    Note,
    Status,
    /// The reply's outcome in the group's words ("Refused (s43)").
    Outcome,
    Wdtk,
    /// The date of an event of this kind.
    Date(EventKind),
    Ignore,
}

impl Field {
    /// The field a `--map` names.
    pub fn named(s: &str) -> Option<Field> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "ods" | "ods-code" => Field::Ods,
            "body" | "name" => Field::Body,
            "reference" | "ref" => Field::Reference,
            "note" | "notes" => Field::Note,
            "status" => Field::Status,
            "outcome" => Field::Outcome,
            "wdtk" | "wdtk-url" => Field::Wdtk,
            "ignore" | "skip" => Field::Ignore,
            other => Field::Date(other.parse().ok()?),
        })
    }
}

/// The field a heading usually means, in the words groups put at the top of their trackers.
pub fn recognise(heading: &str) -> Option<Field> {
    use EventKind::*;
    let h: String = heading
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match h.as_str() {
        "ods" | "odscode" | "code" | "orgcode" | "organisationcode" | "organizationcode" => {
            Field::Ods
        }
        "body" | "name" | "organisation" | "organization" | "trust" | "authority"
        | "publicbody" | "icb" | "trusticb" | "trustoricb" | "nhsbody" | "nhstrust"
        | "organisationname" | "trustname" | "bodyname" => Field::Body,
        "sent" | "datesent" | "senton" | "requestsent" | "submitted" | "datesubmitted"
        | "daterequestsent" | "requestdate" | "dateofrequest" => Field::Date(Sent),
        "acknowledged"
        | "ackdate"
        | "dateacknowledged"
        | "acknowledgement"
        | "acknowledgementreceived"
        | "ack" => Field::Date(Acknowledged),
        "responded"
        | "dateresponded"
        | "responsedate"
        | "replied"
        | "datereplied"
        | "responsereceived"
        | "datereceived"
        | "dateofresponse"
        | "dateofreply"
        | "replyreceived"
        | "datereplyreceived"
        | "dateresponsereceived" => Field::Date(Responded),
        "internalreviewrequested"
        | "irrequested"
        | "reviewrequested"
        | "dateinternalreviewrequested"
        | "internalreview"
        | "irsent" => Field::Date(ReviewRequested),
        "irresponse"
        | "internalreviewresponse"
        | "reviewresponse"
        | "irresponsereceived"
        | "internalreviewoutcomereceived"
        | "irreply"
        | "reviewanswered" => Field::Date(ReviewResponded),
        "icocomplaint" | "complainttoico" | "icocomplaintmade" | "icocomplaintsent"
        | "datereferredtoico" | "referredtoico" => Field::Date(IcoComplaint),
        "icodecision" | "icodecisionnotice" | "decisionnotice" => Field::Date(IcoDecision),
        "reference" | "ref" | "theirref" | "theirreference" | "foiref" | "foireference"
        | "trustref" | "trustreference" | "requestreference" => Field::Reference,
        "note" | "notes" | "comment" | "comments" => Field::Note,
        "status" | "state" | "currentstatus" => Field::Status,
        "outcome" | "result" | "responseoutcome" | "responsetype" => Field::Outcome,
        "wdtk" | "whatdotheyknow" | "wdtkurl" | "wdtklink" => Field::Wdtk,
        _ => return None,
    })
}

/// Words that fill a cell while saying there is nothing in it yet.
pub fn is_placeholder(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "tbc"
            | "tba"
            | "no"
            | "n/a"
            | "na"
            | "-"
            | "–"
            | "—"
            | "none"
            | "?"
            | "x"
            | "pending"
            | "not yet"
            | "awaiting"
    )
}

/// Reads a date as people type it: 2026-11-02, 02/11/2026, 2/11/26, 2 Nov 2026, 02-Nov-2026,
/// "2nd March 2026", "Mon 02/03/2026", a spreadsheet's "02/03/2026 14:05" or "2026-03-02
/// 00:00:00". Day first, always: these are British sheets.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut s = s.trim().replace(',', " ");
    // A time after the date (a spreadsheet's datetime) is dropped.
    if let Some((date, time)) = s.split_once(' ') {
        if time
            .trim()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
            && time.contains(':')
        {
            s = date.to_string();
        }
    }
    // A weekday first ("Mon 02/03/2026", "Monday 2 March 2026").
    let words: Vec<&str> = s.split_whitespace().collect();
    let rest: Vec<&str> = match words.first() {
        Some(w) if is_weekday(w) => words[1..].to_vec(),
        _ => words,
    };
    // Ordinals: "2nd", "21st", "3rd", "4th".
    let cleaned: Vec<String> = rest
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            for suffix in ["st", "nd", "rd", "th"] {
                if let Some(n) = lower.strip_suffix(suffix) {
                    if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                        return n.to_string();
                    }
                }
            }
            w.to_string()
        })
        .collect();
    let s = cleaned.join(" ");
    for f in [
        "%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y",
        "%d.%m.%Y", "%d-%m-%Y", "%d %b %y", "%d %B %y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&s, f) {
            // A two-digit year read as year 26 AD is not what anyone meant.
            if d.format("%Y").to_string().len() == 4 && d > NaiveDate::from_ymd_opt(1900, 1, 1)? {
                return Some(d);
            }
        }
    }
    None
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    [
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .contains(&w.as_str())
}

/// The outcome and exemptions a group's words give a reply: "Answered in full", "Refused
/// (s43)", "Partial – late", "Not held", "NCND", "s12 cost limit".
pub fn outcome_words(v: &str) -> Option<(Outcome, Vec<String>)> {
    let s = v.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    let outcome = if has(&["not held", "no information held", "information not held"]) {
        Outcome::NotHeld
    } else if has(&["ncnd", "neither confirm"]) {
        Outcome::Ncnd
    } else if has(&["partial", "part answered", "partly", "in part"]) {
        Outcome::Partial
    } else if has(&["cost limit", "s12", "s.12", "section 12", "exceeds cost"]) {
        Outcome::CostLimit
    } else if has(&["vexatious", "s14", "s.14"]) {
        Outcome::Vexatious
    } else if has(&["refus", "withheld", "exempt", "rejected", "declined"]) {
        Outcome::Refused
    } else if has(&["published", "elsewhere", "s21", "s.21"]) {
        Outcome::Elsewhere
    } else if has(&["future publication", "s22", "s.22"]) {
        Outcome::FuturePublication
    } else if has(&[
        "answered",
        "full",
        "complete",
        "provided",
        "disclosed",
        "successful",
    ]) {
        Outcome::Answered
    } else {
        return None;
    };
    Some((outcome, exemptions_in(&s)))
}

/// The exemptions named in a text: "s43", "s.43(2)", "section 40", "reg 12(5)(e)".
pub fn exemptions_in(text: &str) -> Vec<String> {
    static PATTERN: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(re) = PATTERN
        .get_or_init(|| {
            regex::Regex::new(
                r"(?i)\b(?:(section|sec\.?|s\.?)\s*(\d+(?:\(\d+\))?)|(regulation|reg\.?)\s*(\d+\(\d+\)\([a-z]\)))",
            )
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for c in re.captures_iter(text) {
        let raw = match (c.get(2), c.get(4)) {
            (Some(n), _) => format!("s{}", n.as_str()),
            (None, Some(n)) => format!("reg {}", n.as_str()),
            _ => continue,
        };
        let e = normalise_exemption(&raw);
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// What a status written in an outcome column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusWords {
    /// "Awaiting", "Pending", "Chased": no reply yet, nothing to record.
    NothingYet,
    /// An event that happened: an extension (to the date it states), a request for
    /// clarification.
    Happened(StatusEvent),
}

/// A status groups write where the outcome will go: "Extended (PIT) to 28/04/2026",
/// "Clarification requested", "Awaiting". `None` for words that are neither.
pub fn status_words(v: &str) -> Option<StatusWords> {
    let s = v.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    if has(&["extend", "extension", "(pit)", " pit "]) {
        return Some(StatusWords::Happened(StatusEvent {
            kind: EventKind::Extended,
            until: date_in(v),
        }));
    }
    if has(&["clarification", "clarify"]) {
        return Some(StatusWords::Happened(StatusEvent {
            kind: EventKind::ClarificationRequested,
            until: None,
        }));
    }
    if has(&["acknowledged", "acknowledgement"]) {
        return Some(StatusWords::Happened(StatusEvent {
            kind: EventKind::Acknowledged,
            until: None,
        }));
    }
    if has(&[
        "awaiting",
        "waiting",
        "pending",
        "outstanding",
        "not yet",
        "no response",
        "no reply",
        "chased",
        "overdue",
        "in progress",
        "sent",
    ]) {
        return Some(StatusWords::NothingYet);
    }
    None
}

/// The first date written in a text ("to 28/04/2026", "until 28 April 2026").
fn date_in(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    // A date of one word (28/04/2026, 2026-04-28), else of three (28 April 2026).
    words
        .iter()
        .find_map(|w| parse_date(w))
        .or_else(|| words.windows(3).find_map(|w| parse_date(&w.join(" "))))
}

/// The event a status word implies happened (for a warning when the sheet gives no date).
pub fn implied(status: &str) -> Option<EventKind> {
    let s = status.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    if any(&["withdrawn"]) {
        Some(EventKind::Withdrawn)
    } else if any(&["ico"]) {
        Some(EventKind::IcoComplaint)
    } else if any(&["internal review", "review requested", "ir requested"]) {
        Some(EventKind::ReviewRequested)
    } else if any(&[
        "responded",
        "answered",
        "replied",
        "complete",
        "closed",
        "successful",
        "response received",
        "refused",
        "partial",
    ]) {
        Some(EventKind::Responded)
    } else if any(&["clarification"]) {
        Some(EventKind::ClarificationRequested)
    } else if any(&["acknowledged"]) {
        Some(EventKind::Acknowledged)
    } else if any(&["sent", "awaiting", "waiting", "overdue"]) {
        Some(EventKind::Sent)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_dates_however_they_are_typed() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for s in [
            "2026-03-02",
            "02/03/2026",
            "2/3/2026",
            "2/3/26",
            "2 Mar 2026",
            "02-Mar-2026",
            "2 March 2026",
            "2nd March 2026",
            "Mon 02/03/2026",
            "Monday 2nd March 2026",
            "Monday, 2 March 2026",
            "02/03/2026 14:05",
            "2026-03-02 00:00:00",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn a_groups_outcome_words() {
        let o = |s: &str| outcome_words(s).map(|(o, e)| (o.as_str(), e));
        assert_eq!(o("Answered in full"), Some(("answered", vec![])));
        assert_eq!(
            o("Refused (s43)"),
            Some(("refused", vec!["s.43".to_string()]))
        );
        assert_eq!(o("Partial – late"), Some(("partial", vec![])));
        assert_eq!(o("Not held"), Some(("not-held", vec![])));
        assert_eq!(
            o("Refused under section 43(2) and s.40"),
            Some(("refused", vec!["s.43(2)".to_string(), "s.40".to_string()]))
        );
        assert_eq!(
            o("Refused - reg 12(5)(e)"),
            Some(("refused", vec!["reg 12(5)(e)".to_string()]))
        );
        assert_eq!(o("s12 cost limit").map(|x| x.0), Some("cost-limit"));
        assert_eq!(o("???"), None);
    }

    #[test]
    fn statuses_in_an_outcome_column() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(
            status_words("Extended (PIT) to 28/04/2026"),
            Some(StatusWords::Happened(StatusEvent {
                kind: EventKind::Extended,
                until: d(2026, 4, 28)
            }))
        );
        assert_eq!(
            status_words("extension until 28 April 2026"),
            Some(StatusWords::Happened(StatusEvent {
                kind: EventKind::Extended,
                until: d(2026, 4, 28)
            }))
        );
        assert_eq!(
            status_words("Clarification requested"),
            Some(StatusWords::Happened(StatusEvent {
                kind: EventKind::ClarificationRequested,
                until: None
            }))
        );
        assert_eq!(status_words("Awaiting"), Some(StatusWords::NothingYet));
        assert_eq!(status_words("Banana"), None);
    }

    #[test]
    fn placeholders_are_empty() {
        for p in ["TBC", "No", "n/a", "-", "N/A"] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("02/03/2026"));
    }
}
