//! Loading many inputs at once, in parallel, in a deterministic order, and
//! freeing what a run built from them off its critical path.

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

/// Files to process, found once; documents are read on demand so that a
/// run over a large tree never holds every document in memory.
pub struct Run {
    pub inputs: Vec<Input>,
    /// Diagnostics of discovery (unreadable paths, symlink loops).
    pub diagnostics: Vec<Diagnostic>,
}

/// How many documents are in flight at once in [`Run::for_each`]. Each
/// chunk ends with threads waiting for its last document: at 512, lint of
/// the span-pair corpus kept its two threads 1.83–1.91 busy in the
/// documents phase, at 2048 1.89–1.92, for a few MB more at the peak.
const CHUNK: usize = 2048;

impl Run {
    pub fn discover(paths: &[PathBuf]) -> Run {
        let (inputs, diagnostics) = discover::discover(paths);
        Run {
            inputs,
            diagnostics,
        }
    }

    /// [`for_each`](Self::for_each) with the index of each input.
    pub fn for_each_indexed<T: Send>(
        &self,
        map: impl Fn(usize, Result<Document, Diagnostic>) -> T + Sync,
        sink: impl FnMut(T),
    ) {
        pipeline(
            &self.inputs,
            |c, chunk| {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(j, i)| map(c * CHUNK + j, Document::read(i)))
                    .collect()
            },
            sink,
        );
    }

    /// Reads every input in parallel, calls `map` on each result in
    /// parallel and `sink` on the mapped values in input order.
    pub fn for_each<T: Send>(
        &self,
        map: impl Fn(Result<Document, Diagnostic>) -> T + Sync,
        sink: impl FnMut(T),
    ) {
        pipeline(
            &self.inputs,
            |_, chunk| chunk.par_iter().map(|i| map(Document::read(i))).collect(),
            sink,
        );
    }
}

/// Maps the inputs chunk by chunk (`map_chunk(chunk_number, chunk)`, in
/// parallel within a chunk) on a producer thread, while the calling thread
/// feeds the previous chunk's values to `sink` in order: the serial sink
/// overlaps the parallel work instead of stalling it, and at most two
/// chunks of values are alive at once.
fn pipeline<T: Send>(
    inputs: &[Input],
    map_chunk: impl Fn(usize, &[Input]) -> Vec<T> + Sync,
    mut sink: impl FnMut(T),
) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for (c, chunk) in inputs.chunks(CHUNK).enumerate() {
                if tx.send(map_chunk(c, chunk)).is_err() {
                    break;
                }
            }
            drop(tx);
        });
        for values in rx {
            values.into_iter().for_each(&mut sink);
        }
    });
}

/// Drops `value` on a thread of its own, so that freeing what a command
/// has written out (its report, its findings) overlaps the rest of the
/// command, and a process that exits first does not wait for it.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    if std::thread::Builder::new()
        .name("locdoc-free".into())
        .spawn(move || drop(value))
        .is_err()
    {
        // no thread to spare: the value was dropped with the failed spawn
    }
}
