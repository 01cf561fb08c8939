//! `locdoc.toml`: rule selection, severities, per-path overrides, the source
//! root. Found upward from the working directory unless given.
//!
//! ```toml
//! # the English source tree (relative to this file)
//! source = "en-US"
//! # rules to run ("ALL" or ids) and rules to skip
//! select = ["ALL"]
//! ignore = ["untranslated"]
//!
//! [severity]
//! xl-structure = "info"
//!
//! [[overrides]]
//! path = "api-reference/beta/"   # a path prefix, or a glob with `*`
//! ignore = ["xl-source-version"]
//! ```

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// English source root.
    #[serde(default)]
    pub source: Option<PathBuf>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Directory the file was read from (paths are relative to it).
    #[serde(skip)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub path: String,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
}

impl Config {
    /// Reads a config file; errors name the file and the TOML error.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let mut c: Config =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        c.dir = path.parent().map(Path::to_path_buf);
        Ok(c)
    }

    /// `locdoc.toml` in `start` or the nearest ancestor.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|d| d.join("locdoc.toml"))
            .find(|p| p.is_file())
    }

    /// The source root, relative to the config file.
    pub fn source_root(&self) -> Option<PathBuf> {
        let s = self.source.as_ref()?;
        Some(match &self.dir {
            Some(d) if s.is_relative() => d.join(s),
            _ => s.clone(),
        })
    }

    /// Is `rule` selected and not ignored globally (path overrides aside)?
    pub fn enabled(&self, rule: &str) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| s == "ALL" || s == rule);
        selected && !self.ignore.iter().any(|s| s == rule)
    }

    /// Is `rule` enabled for `path`, and at which severity?
    pub fn effective(&self, rule: &str, default: Severity, path: &str) -> Option<Severity> {
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| s == "ALL" || s == rule);
        if !selected || self.ignore.iter().any(|s| s == rule) {
            return None;
        }
        let mut sev = self.severity.get(rule).map_or(default, |s| (*s).into());
        for o in &self.overrides {
            if path_matches(&o.path, path) {
                if o.ignore.iter().any(|s| s == rule || s == "ALL") {
                    return None;
                }
                if let Some(s) = o.severity.get(rule) {
                    sev = (*s).into();
                }
            }
        }
        Some(sev)
    }
}

/// `pattern` is a path prefix, or a glob where `*` matches any run of characters.
fn path_matches(pattern: &str, path: &str) -> bool {
    let path = path.trim_start_matches("./");
    if !pattern.contains('*') {
        return path.starts_with(pattern) || path.contains(&format!("/{pattern}"));
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        match path[pos..].find(part) {
            Some(at) if i > 0 || at == 0 => pos += at + part.len(),
            _ => return false,
        }
    }
    parts.last().is_some_and(|l| l.is_empty()) || pos == path.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_and_overrides() {
        let c: Config = toml::from_str(
            "ignore = [\"untranslated\"]\n[severity]\nxl-structure = \"info\"\n[[overrides]]\npath = \"beta/*.md\"\nignore = [\"xl-links\"]\n",
        )
        .unwrap();
        assert_eq!(c.effective("untranslated", Severity::Error, "a.md"), None);
        assert_eq!(
            c.effective("xl-structure", Severity::Warning, "a.md"),
            Some(Severity::Info)
        );
        assert_eq!(
            c.effective("xl-links", Severity::Warning, "beta/x.md"),
            None
        );
        assert_eq!(
            c.effective("xl-links", Severity::Warning, "v1.0/x.md"),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(toml::from_str::<Config>("selct = []").is_err());
    }
}
