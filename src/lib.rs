//! locdoc: lint, model and track translation drift of multilingual API
//! reference documentation.
//!
//! Data flows discover → read → model → {rules, drift} → report; see
//! ARCHITECTURE.md for the map.

pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod drift;
pub mod front_matter;
pub mod hash;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod oracle;
pub mod output;
pub mod prose;
pub mod render;
pub mod rules;
pub mod source;
pub mod sxs;
pub mod templates;
pub mod timing;
pub mod workspace;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, Form};
