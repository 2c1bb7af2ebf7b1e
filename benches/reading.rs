//! Reading replies: attachments' text extraction (each PDF in its own bounded child process,
//! as an import reads them) and the proposals for a whole campaign of replies. Targets (#28):
//! tens of PDFs a second; a 238-reply campaign's proposals in under a second.
//!
//! `cargo bench --bench reading` prints pages read next to the time.

use std::time::Instant;

use chrono::NaiveDate;
use foiboard::import::attachment;
use foiboard::inbox::suggest::{suggest, Reply};
use foiboard::law::Regime;

/// A one-page PDF with Helvetica text, one line per entry.
fn pdf(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 10 Tf 14 TL 50 800 Td\n");
    for l in lines {
        let l = l
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        content.push_str(&format!("({l}) Tj T*\n"));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// Body `i`'s reply to the seven questions, varied so no two are alike.
fn letter(i: usize) -> Vec<String> {
    let outcomes = [
        "The Trust confirms that it uses the platform.",
        "The information is not held.",
        "This information is exempt under section 43(2) of the Act.",
        "The papers are published on our website and section 21 applies.",
        "Complying would exceed the appropriate limit under section 12.",
        "Some of the information is provided; names are redacted under section 40(2).",
        "The Trust can neither confirm nor deny that it holds this, under section 24(2).",
    ];
    let mut out = vec![
        format!("Freedom of Information request FOI/26/{i:04}"),
        String::new(),
    ];
    for q in 0..7 {
        out.push(format!("{}. Question {} of the request.", q + 1, q + 1));
        out.push(outcomes[(i + q) % outcomes.len()].to_string());
    }
    out.push("If you are dissatisfied you may ask for an internal review.".into());
    out
}

fn main() {
    let pdfs: Vec<Vec<u8>> = (0..50).map(|i| pdf(&letter(i))).collect();
    let started = Instant::now();
    let mut chars = 0;
    for p in &pdfs {
        let r = attachment::read("reply.pdf", "application/pdf", p);
        assert!(r.note.is_empty(), "{}", r.note);
        chars += r.text.len();
    }
    let caged = started.elapsed();
    println!(
        "attachments: 50 PDFs (50 pages, {chars} characters) read in {:.0} ms, each in its own bounded child process: {:.0} PDFs a second",
        caged.as_secs_f64() * 1000.0,
        50.0 / caged.as_secs_f64()
    );

    let questions: Vec<(u32, String)> = (1..=7)
        .map(|n| (n, format!("Question {n} of the request.")))
        .collect();
    let letters: Vec<String> = (0..238).map(|i| letter(i).join("\n")).collect();
    let today = NaiveDate::from_ymd_opt(2026, 4, 1).expect("a date");
    let started = Instant::now();
    let mut answers = 0;
    for l in &letters {
        let s = suggest(&Reply {
            sender: "foi@example.nhs.uk",
            subject: "FOI response",
            text: l,
            questions: &questions,
            regime: Regime::Foia,
            today,
            model: None,
        });
        answers += s.answers.len();
    }
    let took = started.elapsed();
    println!(
        "proposals: 238 replies ({answers} answers) read in {:.0} ms",
        took.as_secs_f64() * 1000.0
    );
}
