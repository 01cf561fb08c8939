//! `locdoc model`: print the language-neutral model of each document, or
//! group documents across locales and show where they differ.
//!
//! Documents are read and modelled a chunk at a time (a large tree is never
//! held in memory; the rendered models are). The span-pair vocabulary is
//! learned on the way; the few documents whose model needs it are modelled
//! again at the end.

use super::{print_diagnostics, EXIT_FAILURE, EXIT_OK};
use locdoc::model::vocabulary::Lookup;
use locdoc::model::{self, compare, PageModel, Vocabulary};
use locdoc::timing::Phase;
use locdoc::workspace::Run;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Json,
    Yaml,
    #[value(alias = "human")]
    Text,
}

/// Print the language-neutral API model of each document.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "json")]
    format: Format,
    /// Group documents by identity across locales and print where their
    /// neutral parts differ.
    #[arg(long)]
    group: bool,
    /// Include span-pair segments and their Markdown context.
    #[arg(long)]
    segments: bool,
    /// Files and directories to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// A model rendered in the output format, as the bytes to write (`None`
/// when grouping).
type Rendered = Option<Result<Box<[u8]>, String>>;

/// One document's result.
enum Slot {
    /// The model (kept for `--group` only: the rendering is all the other
    /// outputs need), and its rendering.
    Done(Option<Box<PageModel>>, Rendered),
    /// The model depends on phrases learned from other documents.
    Pending,
    /// Nothing could be read.
    Failed,
}

pub fn run(args: Args) -> u8 {
    let phase = Phase::start("discover");
    let run = Run::discover(&args.paths);
    phase.end(format_args!("{} inputs", run.inputs.len()));
    print_diagnostics(&run.diagnostics);
    let phase = Phase::start("documents");
    // One pass: each document is modelled on its own span pairs while the
    // run's vocabulary is learned; only documents whose model needed the
    // vocabulary (plain pages with localized labels) are modelled again.
    let empty = Vocabulary::default();
    let mut learned = Vocabulary::default();
    let mut slots: Vec<Slot> = Vec::with_capacity(run.inputs.len());
    let finish = |m: &mut PageModel, d: &locdoc::Document| {
        if args.segments {
            m.segments = model::segments(d);
        }
        (!args.group).then(|| render_one(m, args.format))
    };
    run.for_each(
        |doc| {
            doc.map(|d| {
                let mut own = Vocabulary::default();
                own.learn_labels(&d);
                let lookup = Lookup::with_own(own, &empty);
                let mut m = model::build_with(&d, &lookup);
                let text = (!lookup.consulted_shared()).then(|| finish(&mut m, &d));
                let v = lookup.into_own().unwrap_or_default();
                // Only `--group` needs the model itself: dropped here, on
                // the thread that allocated it, it is cheaper to free.
                let m = (args.group && text.is_some()).then(|| Box::new(m));
                (d.diagnostics, m, text, v)
            })
        },
        |result| match result {
            Err(d) => {
                print_diagnostics([&d]);
                slots.push(Slot::Failed);
            }
            Ok((diags, m, text, v)) => {
                print_diagnostics(&diags);
                learned.merge(v);
                slots.push(match text {
                    Some(text) => Slot::Done(m, text),
                    None => Slot::Pending,
                });
            }
        },
    );
    let pending: Vec<usize> = (0..slots.len())
        .filter(|&i| matches!(slots[i], Slot::Pending))
        .collect();
    phase.end(format_args!(
        "{} of {} modelled again with the run vocabulary",
        pending.len(),
        slots.len()
    ));
    let phase = Phase::start("again");
    let redone: Vec<Option<(PageModel, Rendered)>> = pending
        .par_iter()
        .map(|&i| {
            let d = locdoc::Document::read(&run.inputs[i]).ok()?;
            let mut m = model::build(&d, &learned);
            let text = finish(&mut m, &d);
            Some((m, text))
        })
        .collect();
    for (i, r) in pending.into_iter().zip(redone) {
        slots[i] = match r {
            Some((m, text)) => Slot::Done(args.group.then(|| Box::new(m)), text),
            None => Slot::Failed,
        };
    }
    phase.end(format_args!(""));
    let read = slots.iter().filter(|s| matches!(s, Slot::Done(..))).count();
    if read == 0 {
        super::error(
            "no document could be read from the given paths",
            Some("pass Markdown files or directories that hold them (.md, .markdown)"),
        );
        return EXIT_FAILURE;
    }
    let phase = Phase::start("write");
    let stdout = std::io::stdout();
    // the output is large (about 1.7 KB per page): written a megabyte at
    // a time, not 8 KB
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut failed: Option<String> = None;
    if args.group {
        let models: Vec<PageModel> = slots
            .into_iter()
            .filter_map(|s| match s {
                Slot::Done(m, _) => m.map(|m| *m),
                _ => None,
            })
            .collect();
        let groups = compare::group(&models);
        let s = match args.format {
            Format::Json => serde_json::to_string_pretty(&groups).map_err(|e| e.to_string()),
            Format::Yaml => locdoc::front_matter::to_yaml(&groups),
            Format::Text => Ok(groups_text(&groups)),
        };
        match s {
            Ok(s) => {
                let _ = out.write_all(s.as_bytes());
            }
            Err(e) => failed = Some(e),
        }
    } else {
        let json = args.format == Format::Json;
        if json {
            let _ = out.write_all(b"[");
        }
        let mut first = true;
        for slot in &slots {
            let Slot::Done(_, Some(text)) = slot else {
                continue;
            };
            match text {
                Ok(s) => {
                    if json && !std::mem::take(&mut first) {
                        let _ = out.write_all(b",");
                    }
                    let _ = out.write_all(s);
                }
                Err(e) => failed = Some(e.clone()),
            }
        }
        // the renderings (the whole output) are freed off the way out
        locdoc::workspace::drop_in_background(slots);
        if json {
            let _ = out.write_all(b"]");
        }
    }
    let _ = out.write_all(b"\n");
    if let Err(e) = out.flush() {
        eprintln!("error: cannot write output: {e}");
        return EXIT_FAILURE;
    }
    phase.end(format_args!(""));
    match failed {
        Some(e) => {
            eprintln!("error: cannot serialize the model: {e}");
            EXIT_FAILURE
        }
        None => EXIT_OK,
    }
}

/// One model in `format` (JSON: one element of the array), in bytes of
/// its own length: the renderings are kept until the run ends. JSON is
/// written into a buffer each thread reuses, so that it is copied once,
/// not grown (a string grown while rendering is copied at each doubling
/// and has up to twice the room it needs).
fn render_one(m: &PageModel, format: Format) -> Result<Box<[u8]>, String> {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let text = match format {
        Format::Json => {
            return BUF.with_borrow_mut(|buf| {
                buf.clear();
                serde_json::to_writer_pretty(&mut *buf, m).map_err(|e| e.to_string())?;
                Ok(Box::from(buf.as_slice()))
            });
        }
        Format::Yaml => locdoc::front_matter::to_yaml(&[m])?,
        Format::Text => model_text(m),
    };
    Ok(text.into_bytes().into_boxed_slice())
}

fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn model_text(m: &PageModel) -> String {
    let mut s = String::new();
    let a = &m.api;
    let _ = writeln!(
        s,
        "{}  [{} {}]  {}",
        m.page.path,
        m.page.locale.tag,
        json(&m.page.form),
        a.identity
    );
    let _ = writeln!(s, "  kind: {}", json(&a.kind));
    if let Some(op) = &a.operation {
        let _ = writeln!(s, "  operation: {} ({})", op.name, op.kind);
    }
    for e in &a.endpoints {
        let _ = writeln!(s, "  endpoint: {} {}", e.method, e.path);
    }
    if let Some(p) = &a.permissions {
        for t in model::PermissionType::ALL {
            if let Some(g) = p.get(t) {
                let _ = writeln!(s, "  permission {}: {}", json(&t), json(g));
            }
        }
    }
    for h in &a.request_headers {
        let _ = writeln!(s, "  header: {}", h.name);
    }
    if let Some(b) = &a.request_body {
        let _ = writeln!(s, "  request body: {}", json(b));
    }
    if !a.response_codes.is_empty() {
        let _ = writeln!(s, "  response codes: {:?}", a.response_codes);
    }
    for e in &a.examples {
        if let Some(r) = &e.request {
            let _ = writeln!(s, "  example request: {} {}", r.method, r.path);
        }
        if let Some(r) = &e.response {
            let _ = writeln!(s, "  example response: {}", r.status);
        }
    }
    s
}

fn groups_text(groups: &[compare::Group]) -> String {
    let mut s = String::new();
    for g in groups {
        let _ = writeln!(s, "{}  ({} pages)", g.key, g.pages.len());
        for p in &g.pages {
            let _ = writeln!(s, "  - {p}");
        }
        if g.pages.len() > 1 && g.differences.is_empty() {
            let _ = writeln!(s, "  neutral models agree");
        }
        for d in &g.differences {
            let _ = writeln!(s, "  differs: {}", d.field);
            for (page, v) in &d.values {
                let _ = writeln!(s, "    {page}: {}", json(v));
            }
        }
    }
    s
}
