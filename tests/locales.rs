//! Locales the corpus does not have. `tests/fixtures/locales` holds six
//! pages of the sample (tests/fixtures/sample, © Microsoft, CC BY 4.0)
//! translated for these tests into Arabic, French, Korean, Brazilian
//! Portuguese and Thai (right to left, and without spaces between words),
//! in both published forms: span-pair (`live-sxs/`, the Japanese files with
//! each localized half replaced) and plain (`live/`, their localized side).
//! Nothing in locdoc knows these languages; the pages must read as their
//! Japanese twins do: the same neutral model, and no translation finding
//! on faithful translations.

use locdoc::lint::config::Config;
use locdoc::lint::engine::{lint, Options};
use locdoc::model::{self, compare, PageModel, Vocabulary};
use locdoc::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

const LOCALES: [&str; 5] = ["ar-SA", "fr-FR", "ko-KR", "pt-BR", "th-TH"];

/// The translated pages and, for each, its Japanese span-pair twin.
fn trees() -> Vec<PathBuf> {
    let mut paths = vec![fixtures("sample/live-sxs/ja-JP")];
    for form in ["live-sxs", "live"] {
        for l in LOCALES {
            paths.push(fixtures(&format!("locales/{form}/{l}")));
        }
    }
    paths
}

/// The rel paths of the translated pages (those of the French span-pair tree).
fn pages() -> Vec<String> {
    let root = fixtures("locales/live-sxs/fr-FR");
    let mut out: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_locale_has_both_forms_of_every_page() {
    let pages = pages();
    assert_eq!(pages.len(), 6, "{pages:?}");
    for form in ["live-sxs", "live"] {
        for l in LOCALES {
            for p in &pages {
                let f = fixtures(&format!("locales/{form}/{l}/{p}"));
                assert!(f.is_file(), "missing {}", f.display());
            }
        }
    }
}

/// Every translation of a page, in either form, has the model of its
/// Japanese twin: a page's facts do not depend on its language.
#[test]
fn translations_model_like_their_japanese_twins() {
    let ws = Workspace::load(&trees());
    assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics);
    let vocab = Vocabulary::from_documents(&ws.documents);
    let models: Vec<PageModel> = ws
        .documents
        .iter()
        .map(|d| model::build(d, &vocab))
        .collect();
    let pages = pages();
    let groups = compare::group(&models);
    for p in &pages {
        let group = groups
            .iter()
            .find(|g| {
                g.members
                    .iter()
                    .any(|&i| models[i].page.rel_path == *p && models[i].page.locale.tag == "ja-JP")
            })
            .unwrap_or_else(|| panic!("no group holds the Japanese {p}"));
        // the Japanese page and its translations (each locale, both forms)
        let tags: Vec<String> = group
            .members
            .iter()
            .map(|&i| {
                let m = &models[i];
                format!("{} {:?}", m.page.locale.tag, m.page.form)
            })
            .collect();
        assert_eq!(group.members.len(), 1 + 2 * LOCALES.len(), "{p}: {tags:?}");
        assert!(
            group.differences.is_empty(),
            "{p}: {}",
            serde_json::to_string_pretty(&group.differences).unwrap()
        );
    }
}

/// The rules that judge a translation: on faithful translations into any
/// language they have nothing to say.
const TRANSLATION_RULES: &[&str] = &[
    "sxs-unpaired",
    "sxs-id-mismatch",
    "sxs-duplicate-id",
    "sxs-id-prefix",
    "sxs-malformed",
    "untranslated",
    "empty-translation",
    "placeholder-mismatch",
    "inline-code-mismatch",
    "link-mismatch",
    "number-mismatch",
    "markup-mismatch",
    "protocol-token-translated",
    "inconsistent-translation",
    "frontmatter-invalid",
    "locale-mismatch",
    "permissions-malformed",
    "operation-name-mismatch",
    "request-body-mismatch",
];

#[test]
fn faithful_translations_have_no_translation_findings() {
    let paths: Vec<PathBuf> = trees().into_iter().skip(1).collect();
    let out = lint(&Options {
        paths,
        source: Some(fixtures("sample/en-US")),
        config: Config::default(),
        ..Default::default()
    });
    assert!(out.documents >= 36, "{} documents", out.documents);
    let mut found: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in &out.findings {
        if TRANSLATION_RULES.contains(&f.rule) {
            found
                .entry(f.rule)
                .or_default()
                .push(format!("{}:{}:{} {}", f.path, f.line, f.column, f.message));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
