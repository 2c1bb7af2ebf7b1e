//! The campaign file: how a group writes down a campaign for `foiboard campaign create`.
//!
//! Plain text, as groups already write their questions:
//!
//! ```text
//! Title: Palantir - FOI Questions to local NHS Providers and ICBs
//! Slug: palantir-fdp
//!
//! 1. Please confirm whether you ...
//! 2. Please provide copies of ...
//! ```
//!
//! A numbered line starts a question; following lines continue it until a blank line or a `#`
//! heading. A Markdown table whose first cell is a `` `tag` `` adds to the codebook. The seeded
//! campaign is read from its own file by this same parser.

/// A parsed campaign file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignFile {
    pub slug: String,
    pub title: String,
    pub questions: Vec<(u32, String)>,
    /// (name, meaning)
    pub tags: Vec<(String, String)>,
}

/// What is wrong with a campaign file, with the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CampaignFileError {
    #[error("the campaign file has no 'Slug:' line (e.g. 'Slug: palantir-fdp')")]
    NoSlug,
    #[error("the campaign file has no 'Title:' line")]
    NoTitle,
    #[error("the campaign file has no numbered questions ('1. ...')")]
    NoQuestions,
    #[error("line {line}: question {number} comes out of order (expected {expected})")]
    Order {
        line: usize,
        number: u32,
        expected: u32,
    },
}

pub fn parse(text: &str) -> Result<CampaignFile, CampaignFileError> {
    let mut slug = None;
    let mut title = None;
    let mut questions: Vec<(u32, String)> = Vec::new();
    let mut tags = Vec::new();
    let mut open = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(v) = line.strip_prefix("Slug:") {
            slug.get_or_insert_with(|| v.trim().to_string());
            open = false;
            continue;
        }
        if let Some(v) = line.strip_prefix("Title:") {
            title.get_or_insert_with(|| v.trim().to_string());
            open = false;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            open = false;
            continue;
        }
        if let Some(row) = line.strip_prefix("| `") {
            if let Some((name, rest)) = row.split_once('`') {
                let meaning = rest
                    .trim()
                    .trim_start_matches('|')
                    .trim()
                    .trim_end_matches('|')
                    .trim();
                tags.push((name.trim().to_string(), meaning.to_string()));
            }
            open = false;
            continue;
        }
        if let Some((n, rest)) = line.split_once(". ") {
            if let Ok(n) = n.parse::<u32>() {
                let expected = questions.len() as u32 + 1;
                if n != expected {
                    return Err(CampaignFileError::Order {
                        line: i + 1,
                        number: n,
                        expected,
                    });
                }
                questions.push((n, rest.trim().to_string()));
                open = true;
                continue;
            }
        }
        if open {
            if let Some((_, q)) = questions.last_mut() {
                q.push(' ');
                q.push_str(line);
            }
        }
    }
    let slug = slug
        .filter(|s| !s.is_empty())
        .ok_or(CampaignFileError::NoSlug)?;
    let title = title
        .filter(|s| !s.is_empty())
        .ok_or(CampaignFileError::NoTitle)?;
    if questions.is_empty() {
        return Err(CampaignFileError::NoQuestions);
    }
    Ok(CampaignFile {
        slug,
        title,
        questions,
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_campaign_parses_word_for_word() {
        let f = parse(include_str!("../../db/seed/campaign-palantir-fdp.md")).unwrap();
        assert_eq!(f.slug, "palantir-fdp");
        assert_eq!(
            f.title,
            "Palantir - FOI Questions to local NHS Providers and ICBs"
        );
        assert_eq!(f.questions.len(), 7);
        assert_eq!(f.questions[0].1, "Please confirm whether you are or are not utilising any aspects of the Federated Data Platform (FDP) in your organisation.");
        assert!(f.questions[6]
            .1
            .ends_with("that record the results of such assessments."));
        assert_eq!(f.tags.len(), 21);
        assert_eq!(
            f.tags[0],
            (
                "fdp/in-use".to_string(),
                "body confirms it uses some FDP product".to_string()
            )
        );
    }

    #[test]
    fn missing_parts_are_named() {
        assert_eq!(parse("Title: x\n1. q"), Err(CampaignFileError::NoSlug));
        assert_eq!(parse("Slug: x\n1. q"), Err(CampaignFileError::NoTitle));
        assert_eq!(
            parse("Slug: x\nTitle: y\n"),
            Err(CampaignFileError::NoQuestions)
        );
        assert!(matches!(
            parse("Slug: x\nTitle: y\n1. a\n3. b"),
            Err(CampaignFileError::Order { .. })
        ));
    }
}
