//! `locdoc model`: print the language-neutral model of each document, or
//! group documents across locales and show where they differ.
//!
//! Streams: a first pass learns the span-pair vocabulary, the second reads,
//! models and prints documents a chunk at a time, so a large tree is never
//! held in memory.

use super::{print_diagnostics, EXIT_FAILURE, EXIT_OK};
use locdoc::model::{self, compare, PageModel};
use locdoc::workspace::Run;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Json,
    Yaml,
    Text,
}

/// Print the language-neutral API model of each document.
///
/// Examples:
///   locdoc model examples/graph-docs/ja-JP/api-reference/v1.0/api/chart-list.md
///   locdoc model --group --format text examples/graph-docs
///   locdoc model --format yaml --segments examples/graph-docs/seeds/000_e221f93fb47470aa.md
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
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

pub fn run(args: Args) -> u8 {
    let run = Run::discover(&args.paths);
    print_diagnostics(&run.diagnostics);
    let vocab = run.vocabulary();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut read = 0usize;
    let mut models: Vec<PageModel> = Vec::new();
    let mut first = true;
    let mut failed: Option<String> = None;
    if args.format == Format::Json && !args.group {
        let _ = out.write_all(b"[");
    }
    run.for_each(
        |doc| {
            doc.map(|d| {
                let mut m = model::build(&d, &vocab);
                if args.segments {
                    m.segments = model::segments(&d);
                }
                let text = (!args.group).then(|| render_one(&m, args.format));
                (d.diagnostics, m, text)
            })
        },
        |result| match result {
            Err(d) => print_diagnostics([&d]),
            Ok((diags, m, text)) => {
                print_diagnostics(&diags);
                read += 1;
                match text {
                    Some(Ok(s)) => {
                        if args.format == Format::Json && !std::mem::take(&mut first) {
                            let _ = out.write_all(b",");
                        }
                        let _ = out.write_all(s.as_bytes());
                    }
                    Some(Err(e)) => failed = Some(e),
                    None => models.push(m),
                }
            }
        },
    );
    if read == 0 {
        eprintln!("error: no document could be read from the given paths");
        return EXIT_FAILURE;
    }
    if args.group {
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
    } else if args.format == Format::Json {
        let _ = out.write_all(b"]");
    }
    let _ = out.write_all(b"\n");
    if let Err(e) = out.flush() {
        eprintln!("error: cannot write output: {e}");
        return EXIT_FAILURE;
    }
    match failed {
        Some(e) => {
            eprintln!("error: cannot serialize the model: {e}");
            EXIT_FAILURE
        }
        None => EXIT_OK,
    }
}

/// One model in `format` (JSON: one element of the array).
fn render_one(m: &PageModel, format: Format) -> Result<String, String> {
    match format {
        Format::Json => serde_json::to_string_pretty(m).map_err(|e| e.to_string()),
        Format::Yaml => locdoc::front_matter::to_yaml(&[m]),
        Format::Text => Ok(model_text(m)),
    }
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
