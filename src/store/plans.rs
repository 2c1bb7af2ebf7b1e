//! The plans either engine makes for the queries a campaign's screens and reports run most:
//! looked at by tests, so a change that makes a one-campaign query read the whole database (or,
//! on a server, visit rows an index could have answered) fails.

use super::{Result, Store};

impl Store {
    /// The plan of each hot one-campaign query, by name, for `campaign_id`: SQLite's
    /// `EXPLAIN QUERY PLAN` lines on a file, the server's `EXPLAIN` lines on PostgreSQL.
    pub fn hot_query_plans(&self, campaign_id: i64) -> Result<Vec<(String, Vec<String>)>> {
        let summary = super::overview::summary_sql(super::overview::CAMPAIGN_SCOPE);
        let mut findings = super::filter::Where::new();
        findings.and("r.campaign_id = ?", campaign_id);
        let queries: Vec<(&str, String)> = vec![
            ("summary: requests", summary[0].clone()),
            ("summary: events", summary[1].clone()),
            ("summary: answers counted", summary[2].clone()),
            ("summary: findings counted", summary[3].clone()),
            ("matrix cells", super::matrix::CELLS_SQL.to_string()),
            (
                "matrix findings by question",
                super::matrix::FINDINGS_BY_QUESTION_SQL.to_string(),
            ),
            (
                "matrix tags by question",
                super::matrix::TAGS_BY_QUESTION_SQL.to_string(),
            ),
            (
                "report findings by question",
                super::matrix::WHOLE_FINDINGS_BY_QUESTION_SQL.to_string(),
            ),
            ("codebook tag uses", super::matrix::TAG_USES_SQL.to_string()),
            (
                "findings of a campaign",
                super::findings::findings_sql(&findings.sql()),
            ),
        ];
        let (explain, column) = match self.backend() {
            super::db::Backend::Sqlite => ("EXPLAIN QUERY PLAN", 3),
            super::db::Backend::Postgres => ("EXPLAIN", 0),
        };
        let mut out = Vec::new();
        for (name, sql) in queries {
            let mut stmt = self.conn.prepare(&format!("{explain} {sql}"))?;
            let n = stmt.parameter_count();
            let params: Vec<i64> = vec![campaign_id; n];
            let lines = stmt
                .query_map(super::db::params_from_iter(params), |r| {
                    r.get::<String>(column)
                })?
                .collect::<super::db::Result<Vec<_>>>()?;
            out.push((name.to_string(), lines));
        }
        Ok(out)
    }

    /// Runs the queries a campaign's report needs as bare SQL, stepping through every row and
    /// doing nothing with it: the floor a report's cost is measured against in benchmarks.
    /// Returns how many rows came back.
    pub fn run_report_queries_bare(&self, campaign_id: i64) -> Result<usize> {
        let [requests, events, _, _, chased] =
            super::overview::summary_sql(super::overview::CAMPAIGN_SCOPE);
        // The campaign's own row and the group's headline setting are rows it needs too. Its
        // answers are counted from the cells, its findings from those read whole.
        let mut queries: Vec<String> = vec![
            "SELECT id, slug, title FROM campaigns WHERE id = ?1".into(),
            "SELECT value FROM settings WHERE key = 'report-headlines'".into(),
            requests,
            events,
            chased,
        ];
        queries.push(super::matrix::CELLS_SQL.to_string());
        queries.push(super::matrix::WHOLE_FINDINGS_BY_QUESTION_SQL.to_string());
        queries.push(super::matrix::TAGS_BY_QUESTION_SQL.to_string());
        queries.push("SELECT id, number, text FROM questions WHERE campaign_id = ?1".into());
        queries.push("SELECT id, name, colour, meaning, retired FROM tags".into());
        queries.push(
            "SELECT c.slug, count(q.id) FROM campaigns c LEFT JOIN questions q
             ON q.campaign_id = c.id WHERE c.id = ?1 GROUP BY c.id"
                .into(),
        );
        queries.push("SELECT date, division, title, origin FROM holidays".into());
        queries.push("SELECT date, division FROM holiday_removals".into());
        let mut rows = 0;
        for sql in queries {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let params: Vec<i64> = vec![campaign_id; stmt.parameter_count()];
            let it = stmt.query_map(super::db::params_from_iter(params), |row| {
                // Touch every column, as the real code reads them.
                for i in 0..row.column_count() {
                    let _ = row.get_ref(i)?;
                }
                Ok(())
            })?;
            for row in it {
                row?;
                rows += 1;
            }
        }
        Ok(rows)
    }

    /// Pages SQLite has read from the database file into this connection's cache since it
    /// was opened: what benchmarks print next to time, so a regression in reads shows even
    /// when the operating system's cache hides it.
    pub fn pages_read(&self) -> i64 {
        let Some(conn) = self.conn.as_sqlite() else {
            return 0;
        };
        let (mut current, mut highest) = (0, 0);
        // SAFETY: the handle is this connection's own, valid while `self.conn` lives; the
        // call only reads a counter into the two integers given.
        unsafe {
            rusqlite::ffi::sqlite3_db_status(
                conn.handle(),
                rusqlite::ffi::SQLITE_DBSTATUS_CACHE_MISS,
                &mut current,
                &mut highest,
                0,
            );
        }
        i64::from(current)
    }
}
