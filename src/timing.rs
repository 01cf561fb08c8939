//! Phase timings for profiling a run: with `LOCDOC_TIMING` set, each phase
//! prints its wall time to standard error (`timing: NAME 1.234s`). Silent
//! otherwise; never part of any output a user parses.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `LOCDOC_TIMING` is set (read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("LOCDOC_TIMING").is_some())
}

/// A phase being timed; prints its time when [`Phase::end`] is called.
pub struct Phase {
    name: &'static str,
    start: Instant,
}

impl Phase {
    pub fn start(name: &'static str) -> Self {
        Phase {
            name,
            start: Instant::now(),
        }
    }

    /// Prints the phase's wall time (and `detail`, when not empty).
    pub fn end(self, detail: std::fmt::Arguments<'_>) {
        if enabled() {
            let detail = detail.to_string();
            let sep = if detail.is_empty() { "" } else { ", " };
            eprintln!(
                "timing: {} {:.3}s{sep}{detail}",
                self.name,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}
