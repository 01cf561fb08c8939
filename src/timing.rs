//! Phase timings for profiling a run: with `LOCDOC_TIMING` set, each phase
//! prints its wall time and the processor time of every thread of the
//! process to standard error (`timing: NAME 1.234s (cpu 2.345s)`). Silent
//! otherwise; never part of any output a user parses. Parallel phases
//! also print the time of each step summed over threads (each rule of
//! lint), unless `LOCDOC_TIMING=phases`.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `LOCDOC_TIMING` is set (read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("LOCDOC_TIMING").is_some())
}

/// Whether steps are timed too ([`Tally`]): unless `LOCDOC_TIMING=phases`
/// (timing every rule on every page slows a run down).
fn steps_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        enabled() && std::env::var_os("LOCDOC_TIMING").is_some_and(|v| v != "phases")
    })
}

/// A phase being timed; prints its time when [`Phase::end`] is called.
pub struct Phase {
    name: &'static str,
    start: Instant,
    cpu: f64,
}

impl Phase {
    pub fn start(name: &'static str) -> Self {
        Phase {
            name,
            start: Instant::now(),
            cpu: if enabled() { cpu_seconds() } else { 0.0 },
        }
    }

    /// Prints the phase's wall time (and `detail`, when not empty).
    pub fn end(self, detail: std::fmt::Arguments<'_>) {
        if enabled() {
            let detail = detail.to_string();
            let sep = if detail.is_empty() { "" } else { ", " };
            eprintln!(
                "timing: {} {:.3}s (cpu {:.3}s){sep}{detail}{}",
                self.name,
                self.start.elapsed().as_secs_f64(),
                cpu_seconds() - self.cpu,
                memory()
            );
        }
    }
}

/// User and system time of the process so far, every thread (fields 14
/// and 15 of `/proc/self/stat`, in clock ticks of 1/100 s on Linux), 0
/// where there is none.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the command name, which may hold spaces, in parentheses
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // `rest` starts at field 3 (the state)
    (ticks(11) + ticks(12)) / 100.0
}

/// The process's resident memory now and at its peak, from
/// `/proc/self/status` (empty where there is none).
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix(" kB"))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(" [rss {} MB, peak {} MB]", field("VmRSS:"), field("VmHWM:"))
}

/// Time summed over every thread per numbered step (e.g. per rule): what
/// each step costs of a parallel phase. Counts only when timing is
/// enabled; [`Tally::print`] lists the steps, most expensive first.
pub struct Tally {
    names: Vec<&'static str>,
    nanos: Vec<std::sync::atomic::AtomicU64>,
}

impl Tally {
    pub fn new(names: Vec<&'static str>) -> Self {
        let nanos = names.iter().map(|_| Default::default()).collect();
        Tally { names, nanos }
    }

    /// Runs `f`, adding its time to step `i` when timing is enabled.
    pub fn time<T>(&self, i: usize, f: impl FnOnce() -> T) -> T {
        if !steps_enabled() {
            return f();
        }
        let start = Instant::now();
        let out = f();
        let ns = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos[i].fetch_add(ns, std::sync::atomic::Ordering::Relaxed);
        out
    }

    /// Prints every step that took time (`timing:   NAME 0.123s`).
    pub fn print(&self, title: &str) {
        if !steps_enabled() {
            return;
        }
        let mut steps: Vec<(u64, &str)> = self
            .nanos
            .iter()
            .zip(&self.names)
            .map(|(n, name)| (n.load(std::sync::atomic::Ordering::Relaxed), *name))
            .filter(|(n, _)| *n > 0)
            .collect();
        steps.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = steps.iter().map(|(n, _)| n).sum();
        eprintln!(
            "timing: {title} {:.3}s summed over threads",
            total as f64 / 1e9
        );
        for (n, name) in steps {
            eprintln!("timing:   {name} {:.3}s", n as f64 / 1e9);
        }
    }
}
