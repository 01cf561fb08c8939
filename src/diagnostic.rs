//! Diagnostics: what went wrong with an input, where (file:line:col) and why.
//!
//! Every reader reports problems as [`Diagnostic`]s instead of failing, so
//! one bad file never stops the others.

use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One finding about one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// Path of the file as given on the command line (or found by the walk).
    pub path: String,
    /// 1-based line; 0 when the finding concerns the whole file.
    pub line: u32,
    /// 1-based column in characters; 0 when the finding concerns the whole file.
    pub column: u32,
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `sxs-malformed`, `io-error`.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<String>,
        (line, column): (u32, u32),
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity,
            code,
            message: message.into(),
        }
    }

    /// A finding about a whole file (no position).
    pub fn file(
        path: impl Into<String>,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self::new(path, (0, 0), severity, code, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: ", self.path)?;
        } else {
            write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}
