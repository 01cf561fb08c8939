//! `locdoc model`: print the language-neutral model of each document, or
//! group documents across locales and show where they differ.

use super::{print_diagnostics, EXIT_FAILURE, EXIT_OK};
use locdoc::model::{self, compare, PageModel, Vocabulary};
use locdoc::workspace::Workspace;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
    Yaml,
    Text,
}

/// Print the language-neutral API model of each document.
///
/// Examples:
///   locdoc model examples/graph-docs/ja-JP/api/recoverpasscode.md
///   locdoc model --group examples/graph-docs
///   locdoc model --format yaml --segments page.md
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
    let ws = Workspace::load(&args.paths);
    print_diagnostics(&ws.diagnostics);
    for d in &ws.documents {
        print_diagnostics(&d.diagnostics);
    }
    if ws.documents.is_empty() {
        eprintln!("error: no document could be read from the given paths");
        return EXIT_FAILURE;
    }
    let vocab = Vocabulary::from_documents(&ws.documents);
    let mut models: Vec<PageModel> = ws
        .documents
        .par_iter()
        .map(|d| model::build(d, &vocab))
        .collect();
    if !args.segments {
        for m in &mut models {
            m.segments.clear();
        }
    }
    let out = if args.group {
        let groups = compare::group(&models);
        match args.format {
            Format::Json => serde_json::to_string_pretty(&groups).map_err(|e| e.to_string()),
            Format::Yaml => locdoc::front_matter::to_yaml(&groups),
            Format::Text => Ok(groups_text(&groups)),
        }
    } else {
        match args.format {
            Format::Json => serde_json::to_string_pretty(&models).map_err(|e| e.to_string()),
            Format::Yaml => locdoc::front_matter::to_yaml(&models),
            Format::Text => Ok(models_text(&models)),
        }
    };
    match out {
        Ok(mut s) => {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            let _ = std::io::stdout().lock().write_all(s.as_bytes());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot serialize the model: {e}");
            EXIT_FAILURE
        }
    }
}

fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn models_text(models: &[PageModel]) -> String {
    let mut s = String::new();
    for m in models {
        let a = &m.api;
        let _ = writeln!(
            s,
            "{}  [{} {:?}]  {}",
            m.page.path, m.page.locale.tag, m.page.form, a.identity
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
