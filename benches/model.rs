//! Micro-benchmarks of the model pipeline on the seed pages shipped in
//! `tests/fixtures/seeds/` (span-pair pages in several locales), each
//! reported as throughput in bytes and comparable to the `floor` group: a
//! plain pulldown-cmark parse of the same text consuming every event.
//!
//! ```text
//! cargo bench --bench model            # ~30 s
//! cargo bench --bench model -- --quick # a few seconds
//! ```
//!
//! Speed is never asserted: read the ratios to `floor`. The corpus-wide
//! benchmark is `scripts/bench-corpus.sh`; see `docs/benchmarks.md`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use locdoc::model::{self, Vocabulary};
use locdoc::source::Source;
use locdoc::{sxs, Document};
use pulldown_cmark::{Options, Parser};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// `(path, text)` of every seed page, sorted by name. The path is the
/// fixture's own path: locdoc has to detect the locale of pages without
/// `ms.contentlocale`.
fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed page in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("seed is UTF-8");
            (p.display().to_string(), text)
        })
        .collect()
}

/// The seeds under a locale directory (`live-sxs/ja/api/000.md`), as in
/// the corpus, where the path names the locale and nothing is detected.
fn located(seeds: &[(String, String)]) -> Vec<(String, String)> {
    seeds
        .iter()
        .map(|(p, t)| {
            let lang = Document::from_text(p, t).locale.language().to_string();
            let name = Path::new(p)
                .file_name()
                .expect("file name")
                .to_string_lossy();
            (format!("live-sxs/{lang}/api/{name}"), t.clone())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let bare = seeds();
    let seeds = located(&bare);
    let bytes: u64 = seeds.iter().map(|(_, t)| t.len() as u64).sum();
    let sources: Vec<Source> = seeds
        .iter()
        .map(|(p, t)| Source::from_text(p.as_str(), t.as_str()))
        .collect();
    let docs: Vec<Document> = seeds
        .iter()
        .map(|(p, t)| Document::from_text(p, t))
        .collect();
    let vocab = Vocabulary::from_documents(&docs);

    let mut g = c.benchmark_group("seeds");
    g.throughput(Throughput::Bytes(bytes));

    // The floor: what any Markdown tool pays to look at the text at all.
    g.bench_function("floor", |b| {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        b.iter(|| {
            let mut events = 0usize;
            for (_, text) in &seeds {
                events += Parser::new_ext(black_box(text), options)
                    .into_offset_iter()
                    .count();
            }
            events
        })
    });

    g.bench_function("sxs_parse", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &sources {
                n += sxs::parse(black_box(s)).0.len();
            }
            n
        })
    });

    g.bench_function("document_from_text", |b| {
        b.iter(|| {
            seeds
                .iter()
                .map(|(p, t)| Document::from_text(black_box(p), black_box(t)))
                .collect::<Vec<_>>()
        })
    });

    // The same with the locale detected from the prose (no locale directory).
    g.bench_function("document_from_text_detect", |b| {
        b.iter(|| {
            bare.iter()
                .map(|(p, t)| Document::from_text(black_box(p), black_box(t)))
                .collect::<Vec<_>>()
        })
    });

    g.bench_function("model_build", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| model::build(black_box(d), &vocab))
                .collect::<Vec<_>>()
        })
    });

    // What `locdoc model` does per file once the bytes are in memory.
    g.bench_function("pipeline", |b| {
        b.iter(|| {
            let docs: Vec<Document> = seeds
                .iter()
                .map(|(p, t)| Document::from_text(black_box(p), black_box(t)))
                .collect();
            let vocab = Vocabulary::from_documents(&docs);
            docs.iter()
                .map(|d| model::build(d, &vocab))
                .collect::<Vec<_>>()
        })
    });

    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
