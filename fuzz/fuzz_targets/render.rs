//! Rendering arbitrary text as a page: no panic, and whatever the page
//! holds, the HTML locdoc produces carries no script, no event handler and
//! no `javascript:` URL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use locdoc::model::{self, vocabulary::Lookup, Vocabulary};
use locdoc::render::page::{self, LinkResolver, LinkTarget, Part};
use locdoc::Document;

/// Rewrites every `.md` link, as a site that has every page would.
struct EveryPage;

impl LinkResolver for EveryPage {
    fn resolve(&self, dest: &str) -> LinkTarget {
        match dest.strip_suffix(".md") {
            Some(stem) => LinkTarget::Rewrite(format!("{stem}.html")),
            None => LinkTarget::Keep,
        }
    }
    fn image(&self, _dest: &str) -> Option<(std::path::PathBuf, String)> {
        None
    }
}

fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script in {html}");
    for tag in lower.split('<').skip(1) {
        let head = tag.split('>').next().unwrap_or("");
        // URLs of links and images never run script (as a browser reads
        // them: tabs and newlines dropped, leading spaces ignored)
        for attr in ["href=\"", "src=\""] {
            for value in head.split(attr).skip(1) {
                let value: String = value
                    .split('"')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect();
                let value = value.trim_start_matches(|c: char| c <= ' ');
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("vbscript:"),
                    "script URL in <{head}>"
                );
            }
        }
        // attribute names, quoted values left out
        let mut names = String::new();
        let mut quote = None;
        for c in head.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None => names.push(c),
            }
        }
        assert!(
            !names
                .split(|c: char| c.is_whitespace() || c == '/')
                .skip(1)
                .any(|a| a.starts_with("on") && a.contains('=')),
            "event handler in <{head}>"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::from_text("ja-JP/api/fuzz.md", &text);
    let vocab = Vocabulary::default();
    let m = model::build(&doc, &vocab);
    let view = page::view(&doc, &m.api, &Lookup::new(&doc, &vocab), &EveryPage);
    assert_inert(&view.title_html);
    for s in &view.sections {
        assert_inert(&s.title_html);
        for part in &s.parts {
            match part {
                Part::Html { html } => assert_inert(html),
                Part::Permissions { header, rows } => {
                    header.iter().for_each(|l| assert_inert(&l.html));
                    rows.iter().for_each(|r| assert_inert(&r.label.html));
                }
                Part::RequestHeaders { header, rows } => {
                    header.iter().for_each(|l| assert_inert(&l.html));
                    rows.iter()
                        .flat_map(|r| &r.cells_html)
                        .for_each(|c| assert_inert(c));
                }
                Part::HttpRequest { .. } => {}
            }
        }
    }
});
