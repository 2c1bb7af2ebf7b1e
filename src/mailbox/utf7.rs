//! Mailbox names in IMAP's modified UTF-7 (RFC 3501, 5.1.3): "Réponses" is sent as
//! "R&AOk-ponses". Printable ASCII stands for itself ('&' as "&-"); anything else is UTF-16 in
//! base64 with ',' for '/', between '&' and '-'.

use base64::alphabet::Alphabet;
use base64::engine::general_purpose::{GeneralPurpose, NO_PAD};
use base64::Engine;

fn engine() -> GeneralPurpose {
    // The IMAP alphabet: standard base64 with ',' in place of '/'.
    let alphabet =
        Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
            .unwrap_or(base64::alphabet::STANDARD);
    GeneralPurpose::new(&alphabet, NO_PAD)
}

/// A name as the server wants it.
pub fn encode(name: &str) -> String {
    let mut out = String::new();
    let mut run: Vec<u16> = Vec::new();
    let flush = |run: &mut Vec<u16>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let bytes: Vec<u8> = run.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        out.push_str(&engine().encode(bytes));
        out.push('-');
        run.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut run, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            run.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A name from the server's LIST answer, for people: the crate hands a quoted name over with
/// its escapes (`\"`, `\\`) still in, so they are undone before the name is decoded.
pub fn listed(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    decode(&out)
}

/// A name as the server sent it, for people; a malformed one is shown as sent.
pub fn decode(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('-') else {
            return name.to_string();
        };
        let chunk = &after[..end];
        if chunk.is_empty() {
            out.push('&');
        } else {
            let Ok(bytes) = engine().decode(chunk) else {
                return name.to_string();
            };
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                .collect();
            match String::from_utf16(&units) {
                Ok(s) => out.push_str(&s),
                Err(_) => return name.to_string(),
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_travel_as_rfc_3501_says() {
        // The RFC's own example, and names an NHS group's mailbox has.
        assert_eq!(
            encode("~peter/mail/台北/日本語"),
            "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
        );
        assert_eq!(encode("Réponses & FOI"), "R&AOk-ponses &- FOI");
        assert_eq!(encode("INBOX"), "INBOX");
        for name in [
            "~peter/mail/台北/日本語",
            "Réponses & FOI",
            "Sent Items",
            "😀 mail",
        ] {
            assert_eq!(decode(&encode(name)), name);
        }
        assert_eq!(decode("bad&AOk"), "bad&AOk");
        assert_eq!(
            listed(r#"R&AOk-ponses \"FOI\" \\ 1"#),
            r#"Réponses "FOI" \ 1"#
        );
    }
}
