//! Search on PostgreSQL, in two steps. First the best matches' ids, from the stored words of
//! answers, findings and replies alone (GIN-indexed): a search that finds nothing ends there,
//! having planned one small statement. Then, for the kinds that matched, what each match shows
//! (campaign, body, question, text), by id. A new server process planned the whole search as one
//! statement of eleven tables in 12 ms even when nothing matched.

use super::search::{hit, search_words, terms, tsquery, Hit};
use super::{Result, Store};

/// Matches a search on a server ranks at most, the newest first: every match of any query
/// that matches fewer. A word found in nearly every answer ("data") would otherwise have the
/// server rank all 80,000 answers of a national dataset; the file's index ranks them all at
/// little cost, the server's cannot.
pub const SERVER_RANKED: i64 = 2_000;

/// The three kinds a search reads: the stored words' table, and what a match shows.
const KINDS: [(&str, &str); 3] = [
    ("answer", "answers_fts"),
    ("finding", "findings_fts"),
    ("message", "mail_fts"),
];

/// The first step: in each kind's stored words, the newest [`SERVER_RANKED`] matches, ranked,
/// the best `?1`. `?2` is the tsquery; `campaign` the campaign filter or nothing.
fn ranked_sql(campaign: &str) -> String {
    KINDS
        .iter()
        .map(|(kind, table)| {
            format!(
                "(SELECT '{kind}', k.id, -ts_rank(k.words, ?2::text::tsquery) AS rank
                  FROM (SELECT s.id, s.words FROM {table} s
                        WHERE s.words @@ ?2::text::tsquery {campaign}
                        ORDER BY s.id DESC LIMIT {SERVER_RANKED}) k
                  ORDER BY rank, k.id LIMIT ?1)"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// The second step for one kind: what each match shows, for the ids and ranks given as
/// arrays (`?1`, `?2`), in the columns [`hit`] reads, the rank last.
fn shown_sql(kind: &str) -> &'static str {
    match kind {
        "answer" => {
            "SELECT 'answer', c.slug, r.id, b.ods_code, b.name, qu.number, NULL::bigint,
                    a.text, m.rank
             FROM unnest(?1::text::bigint[], ?2::text::float8[]) AS m(id, rank)
             JOIN answers a ON a.id = m.id
             JOIN questions qu ON qu.id = a.question_id
             JOIN requests r ON r.id = a.request_id
             JOIN campaigns c ON c.id = r.campaign_id
             JOIN bodies b ON b.id = r.body_id"
        }
        "finding" => {
            "SELECT 'finding', c.slug, r.id, b.ods_code, b.name, qu.number, f.id,
                    CASE WHEN f.quote = '' THEN f.note WHEN f.note = '' THEN f.quote
                         ELSE f.note || ' — ' || f.quote END, m.rank
             FROM unnest(?1::text::bigint[], ?2::text::float8[]) AS m(id, rank)
             JOIN findings f ON f.id = m.id
             JOIN answers a ON a.id = f.answer_id
             JOIN questions qu ON qu.id = a.question_id
             JOIN requests r ON r.id = a.request_id
             JOIN campaigns c ON c.id = r.campaign_id
             JOIN bodies b ON b.id = r.body_id"
        }
        _ => {
            "SELECT 'message', c.slug, r.id, b.ods_code, b.name, 0, msg.id,
                    msg.subject || ': ' || msg.body || coalesce((SELECT E'\\n' || string_agg(a.text, E'\\n' ORDER BY a.id)
                                              FROM attachments a WHERE a.message_id = msg.id), ''),
                    m.rank
             FROM unnest(?1::text::bigint[], ?2::text::float8[]) AS m(id, rank)
             JOIN messages msg ON msg.id = m.id
             JOIN requests r ON r.id = msg.request_id
             JOIN campaigns c ON c.id = r.campaign_id
             JOIN bodies b ON b.id = r.body_id"
        }
    }
}

/// The first step's statement and parameters: the limit, the tsquery, the campaign if given.
fn ranked_statement(
    tsquery: String,
    campaign_id: Option<i64>,
    limit: usize,
) -> (String, Vec<super::db::Value>) {
    let campaign = if campaign_id.is_some() {
        "AND s.campaign_id = ?3"
    } else {
        ""
    };
    let mut values: Vec<super::db::Value> = vec![(limit as i64).into(), tsquery.into()];
    values.extend(campaign_id.map(super::db::Value::from));
    (ranked_sql(campaign), values)
}

/// A PostgreSQL array literal of `items`: `{1,2,3}`.
fn array<T: std::fmt::Display>(items: &[T]) -> String {
    format!(
        "{{{}}}",
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    )
}

impl Store {
    /// [`Store::search`] on PostgreSQL: the same terms through its full-text search, over the
    /// stored words of the schema, best first by `ts_rank` (then kind and request, as one
    /// statement ordered them).
    pub(super) fn search_postgres(
        &self,
        input: &str,
        campaign_id: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let Some(tsquery) = self.server_tsquery(input)? else {
            return Ok(Vec::new());
        };
        let (sql, values) = ranked_statement(tsquery, campaign_id, limit);
        let ranked: Vec<(String, i64, f64)> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(super::db::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<f64>(2)?))
            })?;
            rows.collect::<super::db::Result<_>>()?
        };
        let words = search_words(input);
        let mut found: Vec<(f64, &'static str, Hit)> = Vec::new();
        for (kind, _) in KINDS {
            let (ids, ranks): (Vec<i64>, Vec<f64>) = ranked
                .iter()
                .filter(|(k, _, _)| k == kind)
                .map(|(_, id, rank)| (*id, *rank))
                .unzip();
            if ids.is_empty() {
                continue;
            }
            let mut stmt = self.conn.prepare_cached(shown_sql(kind))?;
            let rows = stmt.query_map(
                super::db::params_from_iter([array(&ids), array(&ranks)]),
                |r| Ok((r.get::<f64>(8)?, hit(r, &words)?)),
            )?;
            for row in rows {
                let (rank, h) = row?;
                found.push((rank, kind, h));
            }
        }
        found.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(a.1.cmp(b.1))
                .then(a.2.request_id.cmp(&b.2.request_id))
        });
        Ok(found.into_iter().take(limit).map(|(_, _, h)| h).collect())
    }

    /// The server's tsquery for what was typed, as text (`'commerci':* & 'interest':*`), or
    /// `None` when nothing in it can be searched for (only stop words).
    fn server_tsquery(&self, input: &str) -> Result<Option<String>> {
        let terms = terms(input);
        if terms.is_empty() {
            return Ok(None);
        }
        let (query, values) = tsquery(&terms, 1);
        let text: String = self.conn.query_row(
            &format!("SELECT ({query})::text"),
            super::db::params_from_iter(values),
            |r| r.get(0),
        )?;
        Ok((!text.trim().is_empty()).then_some(text))
    }

    /// The server's plan for a search of `input`'s first step (PostgreSQL only; empty on a
    /// file): looked at by a test, so that a search which stops using the index fails it.
    pub fn search_plan(&self, input: &str, campaign_id: Option<i64>) -> Result<Vec<String>> {
        if self.backend() != super::db::Backend::Postgres {
            return Ok(Vec::new());
        }
        let Some(tsquery) = self.server_tsquery(input)? else {
            return Ok(Vec::new());
        };
        let (sql, values) = ranked_statement(tsquery, campaign_id, 50);
        let mut stmt = self.conn.prepare(&format!("EXPLAIN {sql}"))?;
        let rows = stmt.query_map(super::db::params_from_iter(values), |r| r.get::<String>(0))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}
