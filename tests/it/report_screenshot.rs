//! The demo campaign's HTML report in a real headless browser: the page renders, and the
//! picture is what the README shows (`docs/report.png`, remade with the command in the
//! README). Skipped, with one line, where no Chromium is installed (`.ci/run` installs it).

use crate::common;

use common::Db;

fn chromium() -> Option<String> {
    std::env::var("FOIBOARD_CHROMIUM").ok().or_else(|| {
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|c| {
                std::process::Command::new(c)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .map(str::to_string)
    })
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

#[test]
fn the_demo_report_renders_in_a_browser() {
    let Some(browser) = chromium() else {
        println!("skipped: no Chromium here (apt-get install chromium)");
        return;
    };
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let html = db.dir.path().join("report.html");
    db.ok(&[
        "report",
        "palantir-fdp",
        "--format",
        "html",
        "--out",
        html.to_str().unwrap(),
    ]);
    let png = db.dir.path().join("report.png");
    let out = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1200,1800",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(png_size(&bytes), (1200, 1800));
    // A blank page compresses to a few kilobytes; the report's first screen does not.
    assert!(
        bytes.len() > 50_000,
        "{} bytes: the page looks empty",
        bytes.len()
    );
    let shipped =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png"))
            .unwrap();
    assert_eq!(png_size(&shipped), (1200, 1800), "the README's picture");
}
