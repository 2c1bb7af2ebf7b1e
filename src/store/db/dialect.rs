//! The named differences between the two dialects, and the translation of the store's SQL
//! (written for both) into PostgreSQL's where the difference is only in the words:
//!
//! - placeholders: `?1` (and a bare `?`, numbered in order) become `$1`;
//! - `group_concat(x, sep)` becomes `string_agg(x, sep)`;
//! - `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case; PostgreSQL's does not);
//! - `SELECT value FROM json_each(?1)`, a list of ids sent as a JSON array, becomes
//!   `json_array_elements_text`, each read as a number.
//!
//! Text inside quotes is never touched. Everything else the store writes (`ON CONFLICT`,
//! `count(*) FILTER (WHERE ...)`, `RETURNING`, `coalesce`, `lower`, `substr`) means the same
//! in both.

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A list of ids sent as one parameter, a JSON array: `id IN (SELECT value FROM json_each(?1))`.
const IDS_FROM_JSON: &str = "SELECT value FROM json_each(";

/// `sql` in PostgreSQL's words.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut next_bare = 0usize;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                // Copy the quoted text as it is ('' inside is an escaped quote and simply
                // closes and reopens).
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some((_, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    next_bare += 1;
                    out.push_str(&next_bare.to_string());
                } else {
                    next_bare = digits.parse().unwrap_or(next_bare);
                    out.push_str(&digits);
                }
            }
            _ if word_at(sql, i, "group_concat(") => {
                out.push_str("string_agg(");
                skip(&mut chars, "group_concat(".len() - 1);
            }
            _ if word_at(sql, i, IDS_FROM_JSON) => {
                out.push_str("SELECT value::bigint FROM json_array_elements_text(");
                skip(&mut chars, IDS_FROM_JSON.len() - 1);
                json_param(&mut out, &mut chars, &mut next_bare);
            }
            _ if word_at(sql, i, "LIKE ") || word_at(sql, i, "like ") => {
                out.push_str("ILIKE ");
                skip(&mut chars, "LIKE ".len() - 1);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `pg_sql` (already in PostgreSQL's words) with each `$N` replaced by the whole number
/// `values[N-1]` (or the list of them a JSON array of ids is), for reads sent together as one
/// simple-protocol message, which carries no parameters. Only whole numbers, lists of them
/// and NULL are ever written into the text, so nothing a user typed becomes SQL; `None` for
/// any other value, and the caller sends the statement with its parameters instead.
pub fn with_numbers(pg_sql: &str, values: &[super::Value]) -> Option<String> {
    let mut out = String::with_capacity(pg_sql.len() + 16);
    let mut chars = pg_sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut n = 0usize;
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    n = n.checked_mul(10)?.checked_add(d as usize)?;
                    chars.next();
                }
                match values.get(n.checked_sub(1)?)? {
                    // In brackets, so a negative number never meets a minus before it.
                    super::Value::Integer(i) => out.push_str(&format!("({i})")),
                    super::Value::Null => out.push_str("NULL"),
                    // Digits, commas and brackets only: nothing in it can close the quote.
                    super::Value::Text(t) if is_number_list(t) => {
                        out.push('\'');
                        out.push_str(t);
                        out.push('\'');
                    }
                    _ => return None,
                }
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Whether `t` is a JSON array of whole numbers as the store writes one (`[1,2,-3]`).
fn is_number_list(t: &str) -> bool {
    t.starts_with('[')
        && t.ends_with(']')
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '[' | ']' | ',' | '-'))
}

/// Whether `word` starts at byte `i` of `sql` and is not the tail of a longer identifier.
fn word_at(sql: &str, i: usize, word: &str) -> bool {
    sql[i..].starts_with(word)
        && !sql[..i]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphanumeric() || p == '_')
}

fn skip(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, n: usize) {
    for _ in 0..n {
        chars.next();
    }
}

/// After `json_each(`: copies the placeholder that follows as `$N::json`, so the server reads
/// the parameter as JSON.
fn json_param(
    out: &mut String,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    next_bare: &mut usize,
) {
    if chars.peek().map(|(_, c)| *c) != Some('?') {
        return;
    }
    chars.next();
    let mut digits = String::new();
    while let Some((_, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
        digits.push(d);
        chars.next();
    }
    if digits.is_empty() {
        *next_bare += 1;
        digits = next_bare.to_string();
    }
    out.push('$');
    out.push_str(&digits);
    out.push_str("::json");
}

#[cfg(test)]
mod tests {
    use super::{to_postgres, with_numbers};
    use crate::store::db::Value;

    #[test]
    fn only_whole_numbers_are_written_into_a_statement() {
        let sql = to_postgres("SELECT '$1', x FROM t WHERE a = ?1 AND b = ?2 AND c = ?10");
        let mut values: Vec<Value> = (1..=10).map(|i| Value::Integer(-i)).collect();
        values[1] = Value::Null;
        assert_eq!(
            with_numbers(&sql, &values).as_deref(),
            Some("SELECT '$1', x FROM t WHERE a = (-1) AND b = NULL AND c = (-10)")
        );
        values[0] = Value::Text("1; DROP TABLE requests".into());
        assert_eq!(
            with_numbers(&sql, &values),
            None,
            "text is never spliced in"
        );
        for hostile in [
            "[1,2]'; DROP TABLE requests; --",
            "[1,'2']",
            "[1]\\",
            "1,2",
            "[1, 2]",
        ] {
            values[0] = Value::Text(hostile.into());
            assert_eq!(with_numbers(&sql, &values), None, "{hostile}");
        }
        let ids = to_postgres(
            "SELECT r.id FROM requests r WHERE r.id IN (SELECT value FROM json_each(?1))",
        );
        assert_eq!(
            with_numbers(&ids, &[Value::Text("[3,14,-1]".into())]).as_deref(),
            Some("SELECT r.id FROM requests r WHERE r.id IN (SELECT value::bigint FROM json_array_elements_text('[3,14,-1]'::json))")
        );
        assert_eq!(with_numbers(&sql, &values[..1]), None, "a value missing");
        assert_eq!(with_numbers("SELECT $0", &values), None);
    }

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?1 AND c = ?2"),
            "SELECT a FROM t WHERE b = $1 AND c = $2"
        );
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ? AND c = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = $2"
        );
    }

    #[test]
    fn quoted_text_is_left_alone() {
        assert_eq!(
            to_postgres("SELECT '?1 LIKE group_concat(' WHERE x LIKE ?1"),
            "SELECT '?1 LIKE group_concat(' WHERE x ILIKE $1"
        );
    }

    #[test]
    fn functions_are_renamed() {
        assert_eq!(
            to_postgres("SELECT group_concat(t.name, ';') FROM t"),
            "SELECT string_agg(t.name, ';') FROM t"
        );
        assert_eq!(
            to_postgres("WHERE id IN (SELECT value FROM json_each(?1))"),
            "WHERE id IN (SELECT value::bigint FROM json_array_elements_text($1::json))"
        );
        assert_eq!(
            to_postgres("SELECT my_group_concat(x)"),
            "SELECT my_group_concat(x)"
        );
    }
}
