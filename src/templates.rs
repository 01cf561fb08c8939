//! Templates: embedded in the binary, each overridable by a file of the
//! same name in a user directory (like mdBook themes). Output is
//! HTML-escaped by the engine for `.html` templates; program-built markup
//! (SVG charts, diffs) is passed as explicitly safe values.

use minijinja::Environment;
use std::path::Path;

/// Every embedded template: (name, source).
const EMBEDDED: &[(&str, &str)] = &[("drift.html", include_str!("../templates/drift.html"))];

/// A template environment; templates in `overrides` replace embedded ones
/// of the same name.
pub fn environment(overrides: Option<&Path>) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
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
