//! Baselines: record the current findings by a stable fingerprint (rule,
//! file, language-neutral location and message — never line numbers), and
//! later report only findings whose fingerprint is not recorded. This is how
//! a large existing docs tree adopts the linter.

use super::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    /// fingerprint → how many findings share it
    pub fingerprints: BTreeMap<String, u32>,
}

/// FNV-1a, 64 bits: stable across runs and platforms.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The fingerprint of a finding.
pub fn fingerprint(f: &Finding) -> String {
    let path = f.path.trim_start_matches("./").replace('\\', "/");
    let location = if f.key.is_empty() { &f.message } else { &f.key };
    format!(
        "{}:{:016x}",
        f.rule,
        fnv(&format!("{path}\0{location}\0{}", f.message))
    )
}

impl Baseline {
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut b = Baseline {
            version: 1,
            ..Default::default()
        };
        for f in findings {
            *b.fingerprints.entry(fingerprint(f)).or_default() += 1;
        }
        b
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: invalid baseline: {e}", path.display()))
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        crate::output::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))
    }

    /// Keeps only findings beyond those recorded (per fingerprint count).
    pub fn filter(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mut left = self.fingerprints.clone();
        findings
            .into_iter()
            .filter(|f| match left.get_mut(&fingerprint(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}
