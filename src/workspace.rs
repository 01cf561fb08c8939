//! Loading many inputs at once, in parallel, in a deterministic order.

use crate::diagnostic::Diagnostic;
use crate::discover::{self, Input};
use crate::document::Document;
use rayon::prelude::*;
use std::path::PathBuf;

/// Every document read from a set of inputs, plus the diagnostics of the
/// files that could not be read at all.
pub struct Workspace {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// Inputs that named nothing readable (no documents and only errors).
    pub inputs: usize,
}

impl Workspace {
    pub fn load(paths: &[PathBuf]) -> Workspace {
        let (inputs, mut diagnostics) = discover::discover(paths);
        let results: Vec<Result<Document, Diagnostic>> =
            inputs.par_iter().map(Document::read).collect();
        let mut documents = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => documents.push(d),
                Err(d) => diagnostics.push(d),
            }
        }
        Workspace {
            documents,
            diagnostics,
            inputs: inputs.len(),
        }
    }

    pub fn read_one(input: &Input) -> Result<Document, Diagnostic> {
        Document::read(input)
    }
}
