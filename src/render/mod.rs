//! Rendering: every page of every locale as a static site (HTML from the
//! embedded, overridable minijinja templates) or as plain localized
//! Markdown.
//!
//! Two passes over the inputs. The first builds each page's model and
//! plans the site ([`site::Site`]: output paths, cross-locale groups,
//! English stand-ins for missing translations); the second renders pages in
//! parallel, a chunk at a time, and writes each atomically. Indexes, search
//! indexes, the sitemap and assets follow. Output depends only on the input
//! (sorted everywhere), so a re-run writes the same bytes.

mod highlight;
pub mod page;
pub mod sanitize;
pub mod site;

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Input;
use crate::document::Document;
use crate::drift::{self, PageStatus};
use crate::model::{self, PageKind, Vocabulary};
use crate::templates;
use rayon::prelude::*;
use serde::Serialize;
use site::{Entry, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to render and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Localized trees or files.
    pub paths: Vec<PathBuf>,
    /// The current English tree: rendered too, stands in for missing
    /// translations and tells which translations are stale.
    pub source: Option<PathBuf>,
    pub out: PathBuf,
    pub format: Format,
    /// A directory whose files replace embedded templates of the same name.
    pub templates: Option<PathBuf>,
    /// Only these locales (tags as the pages declare them).
    pub locales: Option<Vec<String>>,
    /// The published site's URL: canonical links and `sitemap.xml`.
    pub base_url: Option<String>,
    /// Show a progress bar.
    pub progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

/// What a render did.
#[derive(Debug, Default)]
pub struct Summary {
    pub pages: usize,
    /// English pages written in place of missing translations.
    pub fallbacks: usize,
    pub locales: Vec<String>,
    /// Other files: indexes, search indexes, sitemap, assets.
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Summary {
    /// Whether some output could not be written (the rest was).
    pub fn write_failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code == "render-write" || d.code == "render-template")
    }
}

/// The English locale tag of `--source` pages.
const ENGLISH: &str = "en-US";

/// Pages rendered at once (bounds memory on large trees).
const CHUNK: usize = 256;

/// Assets copied (from the template directory) into `OUT/assets/`.
const ASSETS: &[&str] = &["locdoc.css", "search.js"];

/// Renders the site described by `opts`. Errors are failures of the whole
/// run (templates, output directory); problems of single pages are
/// diagnostics in the summary.
pub fn render(opts: &Options) -> Result<Summary, String> {
    let env = templates::environment(opts.templates.as_deref())?;
    let mut summary = Summary::default();
    let (inputs, mut diagnostics) = inputs(opts);

    // pass 1: the site plan (identity, kind, title: none of them depends on
    // the span-pair vocabulary) while the vocabulary is learned
    let (mut planned, vocab) = inputs
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Vocabulary::default()),
            |(mut planned, mut vocab), (i, (input, english))| {
                planned.push((i, plan_one(i, input, *english, opts, &mut vocab)));
                (planned, vocab)
            },
        )
        .reduce(
            || (Vec::new(), Vocabulary::default()),
            |(mut a, mut va), (b, vb)| {
                a.extend(b);
                va.merge(vb);
                (a, va)
            },
        );
    planned.sort_by_key(|(i, _)| *i);
    let planned = planned.into_iter().map(|(_, p)| p);
    let mut site = Site::default();
    for p in planned {
        match p {
            Ok(Some(e)) => {
                if !site.add(e.clone()) {
                    diagnostics.push(Diagnostic::file(
                        inputs[e.input].0.path.display().to_string(),
                        Severity::Warning,
                        "render-duplicate",
                        format!(
                            "another {} page has the path {}; this one is not rendered",
                            e.locale, e.rel_path
                        ),
                    ));
                }
            }
            Ok(None) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    site.regroup();
    if opts.format == Format::Html && opts.source.is_some() {
        add_fallbacks(&mut site);
    }
    let status = match (&opts.source, opts.format) {
        (Some(source), Format::Html) => stale(source, &opts.paths),
        _ => BTreeMap::new(),
    };

    // pass 2: pages
    let progress = progress_bar(opts.progress, site.entries.len());
    let mut search: BTreeMap<String, Vec<SearchEntry>> = BTreeMap::new();
    let mut images: BTreeMap<String, PathBuf> = BTreeMap::new();
    for chunk in (0..site.entries.len()).collect::<Vec<_>>().chunks(CHUNK) {
        let done: Vec<Result<Rendered, Diagnostic>> = chunk
            .par_iter()
            .map(|&i| {
                let r = render_one(i, &site, &inputs, &vocab, &env, opts, &status);
                if let Some(p) = &progress {
                    p.inc(1);
                }
                r
            })
            .collect();
        for (r, &i) in done.into_iter().zip(chunk) {
            match r {
                Ok(r) => {
                    summary.pages += 1;
                    if site.entries[i].fallback {
                        summary.fallbacks += 1;
                    }
                    if let Some(s) = r.search {
                        search
                            .entry(site.entries[i].locale.clone())
                            .or_default()
                            .push(s);
                    }
                    for (from, to) in r.images {
                        images.entry(to).or_insert(from);
                    }
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    // images once each, after the pages that show them
    for (to, from) in &images {
        let copied = std::fs::read(from)
            .and_then(|bytes| crate::output::write_atomic_unsynced(&opts.out.join(to), &bytes));
        match copied {
            Ok(()) => summary.files += 1,
            Err(e) => diagnostics.push(Diagnostic::file(
                from.display().to_string(),
                Severity::Warning,
                "render-image",
                format!("cannot copy the image: {e}"),
            )),
        }
    }
    summary.locales = site.locales();
    if opts.format == Format::Html && summary.pages > 0 {
        match write_site_files(&site, &search, &env, opts) {
            Ok(n) => summary.files += n,
            Err(e) => diagnostics.push(Diagnostic::file(
                opts.out.display().to_string(),
                Severity::Error,
                "render-write",
                e,
            )),
        }
    }
    diagnostics.sort();
    summary.diagnostics = diagnostics;
    Ok(summary)
}

/// Inputs of the run: localized files (minus anything under `--source`)
/// and English source files, each flagged.
fn inputs(opts: &Options) -> (Vec<(Input, bool)>, Vec<Diagnostic>) {
    let run = crate::workspace::Run::discover(&opts.paths);
    let mut diagnostics = run.diagnostics;
    let source_canon = opts.source.as_ref().and_then(|s| s.canonicalize().ok());
    let under_source = |p: &Path| {
        source_canon
            .as_ref()
            .is_some_and(|s| p.canonicalize().is_ok_and(|c| c.starts_with(s)))
    };
    let mut inputs: Vec<(Input, bool)> = run
        .inputs
        .into_iter()
        .filter(|i| !under_source(&i.path))
        .map(|i| (i, false))
        .collect();
    if let Some(source) = &opts.source {
        let en = crate::workspace::Run::discover(std::slice::from_ref(source));
        diagnostics.extend(en.diagnostics);
        inputs.extend(en.inputs.into_iter().map(|i| (i, true)));
    }
    (inputs, diagnostics)
}

fn read(input: &Input, english: bool) -> Result<Document, Diagnostic> {
    let mut doc = Document::read(input)?;
    if english {
        doc.set_english();
    }
    Ok(doc)
}

fn wanted(opts: &Options, tag: &str, english: bool) -> bool {
    english
        || opts
            .locales
            .as_ref()
            .is_none_or(|l| l.iter().any(|w| w.eq_ignore_ascii_case(tag)))
}

/// Plans the page of input `i`; learns its table-cell pairs into `vocab`.
fn plan_one(
    i: usize,
    input: &Input,
    english: bool,
    opts: &Options,
    vocab: &mut Vocabulary,
) -> Result<Option<Entry>, Diagnostic> {
    let doc = read(input, english)?;
    // the page's own table-cell pairs: learned once, for its lookups and the run's
    let mut own = Vocabulary::default();
    if !english {
        own.learn_labels(&doc);
    }
    let tag = if english {
        ENGLISH.to_string()
    } else {
        doc.locale.tag.clone()
    };
    if !wanted(opts, &tag, english) {
        vocab.merge(own);
        return Ok(None);
    }
    let locale = site::locale_dir(&tag);
    let ext = match opts.format {
        Format::Html => ".html",
        Format::Markdown => ".md",
    };
    let Some(out) = site::out_path(&locale, &doc.rel_path, ext) else {
        vocab.merge(own);
        return Err(Diagnostic::file(
            doc.source.path.clone(),
            Severity::Error,
            "render-path",
            format!(
                "the page path {:?} would leave the output directory; the page is not rendered",
                doc.rel_path
            ),
        ));
    };
    let none = Vocabulary::default();
    let lookup = model::vocabulary::Lookup::with_own(own, &none);
    let text = doc.localized_text();
    let outline = crate::markdown::outline(&text, crate::front_matter::body_start(&text));
    let m = model::build_from(&doc, &outline, &lookup);
    vocab.merge(lookup.into_own().unwrap_or_default());
    // the page's own H1, else its front-matter title, else its identity
    let title = outline
        .sections
        .iter()
        .find(|s| s.level == 1 && !s.title.is_empty())
        .map(|s| s.title.clone())
        .or_else(|| m.page.title.clone())
        .unwrap_or_else(|| m.api.identity.clone());
    Ok(Some(Entry {
        input: i,
        content_locale: locale.clone(),
        locale,
        rel_path: doc.rel_path.clone(),
        out,
        group: model::compare::group_key(&m),
        identity: m.api.identity.clone(),
        kind: m.api.kind,
        namespace: m.api.namespace.clone(),
        title,
        fallback: false,
        english,
    }))
}

/// English pages stand in for translations missing from locales laid out
/// parallel to the English tree.
fn add_fallbacks(site: &mut Site) {
    let english: Vec<Entry> = site.entries.iter().filter(|e| e.english).cloned().collect();
    for locale in site.parallel_locales(ENGLISH) {
        for e in &english {
            if site.has_group(&locale, &e.group) || site.has_path(&locale, &e.rel_path) {
                continue;
            }
            let Some(out) = site::out_path(&locale, &e.rel_path, ".html") else {
                continue;
            };
            site.add(Entry {
                locale: locale.clone(),
                out,
                fallback: true,
                english: false,
                ..e.clone()
            });
        }
    }
}

/// Drift status of each translation (by file path) against `source`.
fn stale(source: &Path, paths: &[PathBuf]) -> BTreeMap<String, PageStatus> {
    let report = drift::drift(&source.to_path_buf(), paths);
    report
        .pages
        .into_iter()
        .filter_map(|p| Some((p.path?, p.status)))
        .collect()
}

fn progress_bar(wanted: bool, len: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(bar)
}

/// One entry of a locale's search index.
#[derive(Debug, Clone, Serialize)]
struct SearchEntry {
    /// Title.
    t: String,
    /// URL relative to the locale directory.
    u: String,
    /// Summary text.
    x: String,
}

/// What rendering one page yields besides the page file.
#[derive(Debug, Default)]
struct Rendered {
    search: Option<SearchEntry>,
    /// Images to copy: (source file, output path).
    images: Vec<(PathBuf, String)>,
}

/// A link to the same page in another locale.
#[derive(Debug, Serialize)]
struct Alternate {
    locale: String,
    url: String,
    absolute: Option<String>,
    current: bool,
}

#[derive(Debug, Serialize)]
struct Notice {
    /// `stale-facts`, `stale-prose` or `not-translated`.
    kind: &'static str,
    /// The English page, when the site has it.
    english_url: Option<String>,
}

fn render_one(
    i: usize,
    site: &Site,
    inputs: &[(Input, bool)],
    vocab: &Vocabulary,
    env: &minijinja::Environment<'_>,
    opts: &Options,
    status: &BTreeMap<String, PageStatus>,
) -> Result<Rendered, Diagnostic> {
    let e = &site.entries[i];
    let (input, english) = &inputs[e.input];
    let doc = read(input, *english)?;
    let dest = opts.out.join(&e.out);
    let write = |bytes: &[u8]| {
        // a page that did not change is left alone: re-runs are cheap
        // (replacing a file by rename costs a flush on some file systems)
        // and unchanged pages keep their modification time
        if std::fs::read(&dest).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        crate::output::write_atomic_unsynced(&dest, bytes).map_err(|err| {
            Diagnostic::file(
                dest.display().to_string(),
                Severity::Error,
                "render-write",
                format!("cannot write the page: {err}"),
            )
        })
    };
    if opts.format == Format::Markdown {
        write(doc.localized_text().as_bytes())?;
        return Ok(Rendered::default());
    }
    let lookup = model::vocabulary::Lookup::new(&doc, vocab);
    let text = doc.localized_text();
    let outline = crate::markdown::outline(&text, crate::front_matter::body_start(&text));
    let m = model::build_from(&doc, &outline, &lookup);
    let source_dir = Path::new(&doc.source.path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let links = site::Links {
        site,
        source_dir: &source_dir,
        locale: &e.locale,
        rel_path: &e.rel_path,
        out: &e.out,
    };
    let view = page::view(&doc, &m.api, &lookup, &links);
    let base = opts.base_url.as_deref().map(|b| b.trim_end_matches('/'));
    let same_page = site.alternates(i);
    let english_url = same_page
        .iter()
        .find(|a| a.english)
        .map(|a| site::relative_url(&e.out, &a.out));
    let alternates: Vec<Alternate> = same_page
        .into_iter()
        .map(|a| Alternate {
            locale: a.locale.clone(),
            url: site::relative_url(&e.out, &a.out),
            absolute: base.map(|b| format!("{b}/{}", a.out)),
            current: a.locale == e.locale,
        })
        .collect();
    let notice = if e.fallback {
        Some(Notice {
            kind: "not-translated",
            english_url,
        })
    } else {
        match status.get(&doc.source.path) {
            Some(PageStatus::StaleFacts) => Some(Notice {
                kind: "stale-facts",
                english_url,
            }),
            Some(PageStatus::StaleProse) => Some(Notice {
                kind: "stale-prose",
                english_url,
            }),
            _ => None,
        }
    };
    let root = site::root_of(&e.out);
    let ctx = minijinja::context! {
        site => minijinja::context! { base_url => base, locales => site.locales() },
        canonical => base.map(|b| format!("{b}/{}", e.out)),
        root => root,
        assets => format!("{root}assets/"),
        locale => e.locale,
        content_lang => if e.fallback || *english { ENGLISH.to_string() } else { doc.locale.tag.clone() },
        index_url => site::relative_url(&e.out, &format!("{}/index.html", e.locale)),
        search_index => site::relative_url(&e.out, &format!("{}/search-index.json", e.locale)),
        search_base => site::relative_url(&e.out, &format!("{}/", e.locale)),
        page => minijinja::context! {
            title => view.title,
            title_html => view.title_html,
            summary => view.summary,
            kind => m.api.kind,
            namespace => m.api.namespace,
            identity => m.api.identity,
            operation => m.api.operation,
            response_codes => m.api.response_codes,
            source_path => doc.source.path,
            rel_path => e.rel_path,
            url => e.out,
            canonical => base.map(|b| format!("{b}/{}", e.out)),
            fallback => e.fallback,
            front_matter => doc.front_matter.as_ref().map(|f| &f.fields),
        },
        sections => minijinja::Value::from_serialize(&view.sections),
        alternates => alternates,
        notice => notice,
    };
    let html = templates::render(env, "page.html", ctx).map_err(|err| {
        Diagnostic::file(
            doc.source.path.clone(),
            Severity::Error,
            "render-template",
            err,
        )
    })?;
    write(html.as_bytes())?;
    Ok(Rendered {
        search: Some(SearchEntry {
            t: view.title.clone(),
            u: site::relative_url(&format!("{}/index.html", e.locale), &e.out),
            x: view.summary.clone(),
        }),
        images: view.images,
    })
}

/// Indexes, search indexes, sitemap, assets; returns how many files.
fn write_site_files(
    site: &Site,
    search: &BTreeMap<String, Vec<SearchEntry>>,
    env: &minijinja::Environment<'_>,
    opts: &Options,
) -> Result<usize, String> {
    let write = |rel: &str, bytes: &[u8]| {
        crate::output::write_atomic_unsynced(&opts.out.join(rel), bytes)
            .map_err(|e| format!("{}: {e}", opts.out.join(rel).display()))
    };
    let mut files = 0;
    let locales = site.locales();
    let base = opts.base_url.as_deref().map(|b| b.trim_end_matches('/'));
    let mut counts = Vec::new();
    for locale in &locales {
        let entries: Vec<&Entry> = site
            .entries
            .iter()
            .filter(|e| &e.locale == locale)
            .collect();
        let index = format!("{locale}/index.html");
        // kind → namespace → pages, sorted by title
        let mut kinds: BTreeMap<PageKind, BTreeMap<String, Vec<minijinja::Value>>> =
            BTreeMap::new();
        let mut sorted = entries.clone();
        sorted.sort_by(|a, b| a.title.cmp(&b.title).then(a.out.cmp(&b.out)));
        for e in &sorted {
            kinds
                .entry(e.kind)
                .or_default()
                .entry(e.namespace.clone().unwrap_or_default())
                .or_default()
                .push(minijinja::context! {
                    title => e.title,
                    url => site::relative_url(&index, &e.out),
                    fallback => e.fallback,
                });
        }
        let groups: Vec<minijinja::Value> = kinds
            .into_iter()
            .map(|(kind, namespaces)| {
                minijinja::context! {
                    kind => kind,
                    namespaces => namespaces.into_iter().map(|(name, pages)| minijinja::context! { name => name, pages => pages }).collect::<Vec<_>>(),
                }
            })
            .collect();
        let translated = entries.iter().filter(|e| !e.fallback).count();
        counts.push(minijinja::context! {
            locale => locale,
            url => index.clone(),
            pages => translated,
            fallbacks => entries.len() - translated,
        });
        let ctx = minijinja::context! {
            site => minijinja::context! { base_url => base, locales => locales },
            root => "../",
            assets => "../assets/",
            locale => locale,
            content_lang => locale,
            index_url => "index.html",
            search_index => "search-index.json",
            search_base => "",
            kinds => groups,
            alternates => locales.iter().map(|l| minijinja::context! {
                locale => l,
                url => format!("../{l}/index.html"),
                absolute => base.map(|b| format!("{b}/{l}/index.html")),
                current => l == locale,
            }).collect::<Vec<_>>(),
            canonical => base.map(|b| format!("{b}/{index}")),
        };
        write(
            &index,
            templates::render(env, "index.html", ctx)?.as_bytes(),
        )?;
        let items = search.get(locale).cloned().unwrap_or_default();
        let json = serde_json::to_string(&items).map_err(|e| e.to_string())?;
        write(&format!("{locale}/search-index.json"), json.as_bytes())?;
        files += 2;
    }
    let ctx = minijinja::context! {
        site => minijinja::context! { base_url => base, locales => locales },
        root => "",
        assets => "assets/",
        locales => counts,
        canonical => base.map(|b| format!("{b}/index.html")),
    };
    write(
        "index.html",
        templates::render(env, "site.html", ctx)?.as_bytes(),
    )?;
    files += 1;
    if let Some(base) = base {
        write("sitemap.xml", sitemap(site, base).as_bytes())?;
        files += 1;
    }
    for name in ASSETS {
        let text = templates::asset(name, opts.templates.as_deref())?;
        write(&format!("assets/{name}"), text.as_bytes())?;
        files += 1;
    }
    Ok(files)
}

/// `sitemap.xml` with every page and its `hreflang` alternates.
fn sitemap(site: &Site, base: &str) -> String {
    let esc = sanitize::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut order: Vec<usize> = (0..site.entries.len()).collect();
    order.sort_by(|&a, &b| site.entries[a].out.cmp(&site.entries[b].out));
    for i in order {
        let e = &site.entries[i];
        if e.fallback {
            continue;
        }
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            esc(&format!("{base}/{}", e.out))
        ));
        let alternates = site.alternates(i);
        if alternates.len() > 1 {
            for a in alternates {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    esc(&a.locale),
                    esc(&format!("{base}/{}", a.out))
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
