//! WHERE clauses built from the filters given. An optional filter made optional in SQL (the
//! parameter tested for NULL, OR the column compared with it) keeps SQLite from using an index
//! and turns a one-campaign query into a scan of the whole database; here each filter given adds its own condition, and one not given adds
//! nothing, so the query has the shape its filters call for.

use super::db::Value;

#[derive(Debug, Default)]
pub(super) struct Where {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    pub fn new() -> Where {
        Where::default()
    }

    /// Adds `condition`, whose `?` stands for `value` (numbered after the values before it).
    pub fn and(&mut self, condition: &str, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        let n = self.values.len();
        self.clauses.push(condition.replace('?', &format!("?{n}")));
        self
    }

    /// Adds `condition` when `value` is given.
    pub fn and_some<T: Into<Value>>(&mut self, condition: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.and(condition, v);
        }
        self
    }

    /// Adds a condition that takes no value.
    pub fn and_plain(&mut self, condition: &str) -> &mut Self {
        self.clauses.push(condition.to_string());
        self
    }

    /// " WHERE a AND b", or nothing.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    pub fn values(&self) -> &[Value] {
        &self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_filters_given() {
        let mut w = Where::new();
        w.and_some("r.campaign_id = ?", Some(3i64))
            .and_some::<i64>("r.id = ?", None)
            .and("q.number = ?", 5i64)
            .and_plain("m.request_id IS NULL");
        assert_eq!(
            w.sql(),
            " WHERE r.campaign_id = ?1 AND q.number = ?2 AND m.request_id IS NULL"
        );
        assert_eq!(w.values().len(), 2);
        assert_eq!(Where::new().sql(), "");
    }
}
