//! Templates: embedded in the binary, each overridable by a file of the
//! same name in a user directory (like mdBook themes). Output is
//! HTML-escaped by the engine for `.html` templates; program-built markup
//! (SVG charts, diffs) is passed as explicitly safe values.

use minijinja::Environment;
use std::path::Path;

/// Every embedded template: (name, source).
const EMBEDDED: &[(&str, &str)] = &[
    ("drift.html", include_str!("../templates/drift.html")),
    ("layout.html", include_str!("../templates/layout.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("site.html", include_str!("../templates/site.html")),
];

/// Files copied as they are (no template syntax): (name, source).
const ASSETS: &[(&str, &str)] = &[
    ("locdoc.css", include_str!("../templates/locdoc.css")),
    ("search.js", include_str!("../templates/search.js")),
];

/// The asset `name`: the user's file of that name in `overrides`, else the
/// embedded one.
pub fn asset(name: &str, overrides: Option<&Path>) -> Result<String, String> {
    if let Some(path) = overrides.map(|d| d.join(name)).filter(|p| p.is_file()) {
        return std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()));
    }
    ASSETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| s.to_string())
        .ok_or_else(|| format!("no asset named {name}"))
}

/// A template environment; templates in `overrides` replace embedded ones
/// of the same name.
pub fn environment(overrides: Option<&Path>) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_formatter(format_value);
    for (name, source) in EMBEDDED {
        let user = overrides.map(|d| d.join(name)).filter(|p| p.is_file());
        match user {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                env.add_template_owned(name.to_string(), text)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            None => env
                .add_template(name, source)
                .map_err(|e| format!("template {name}: {e}"))?,
        }
    }
    Ok(env)
}

/// Renders template `name` with `context`.
pub fn render(
    env: &Environment<'_>,
    name: &str,
    context: minijinja::Value,
) -> Result<String, String> {
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| format!("template {name}: {e}"))
}

/// Writes a value into template output: in HTML templates, unsafe values
/// are escaped (`& < > " '`, leaving `/` readable in URLs); everything
/// else as minijinja does by default.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let html = matches!(state.auto_escape(), minijinja::AutoEscape::Html);
    if html && !value.is_safe() && !value.is_none() && !value.is_undefined() {
        let text = value.to_string();
        let escaped = crate::render::sanitize::escape(&text);
        return out
            .write_str(&escaped)
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}
