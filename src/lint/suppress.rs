//! Inline suppressions in Markdown comments:
//! `<!-- locdoc-disable RULE… -->`, `<!-- locdoc-enable RULE… -->`,
//! `<!-- locdoc-disable-next-line RULE… -->`. Without rule ids they apply
//! to every rule. Suppressions that suppress nothing are reported.

use super::Finding;

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub line: u32,
    pub column: u32,
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
    /// Lines it covers, inclusive.
    pub from: u32,
    pub to: u32,
    pub used: bool,
}

impl Suppression {
    fn covers(&self, f: &Finding) -> bool {
        (self.rules.is_empty() || self.rules.iter().any(|r| r == f.rule))
            && (self.from..=self.to).contains(&f.line)
    }
}

/// Parses the suppression comments of `text`.
pub fn parse(text: &str) -> Vec<Suppression> {
    if !text.contains("locdoc-") {
        return Vec::new();
    }
    let mut out: Vec<Suppression> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let last = text.lines().count() as u32;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let mut rest = line;
        while let Some(start) = rest.find("<!--") {
            let column = (line.len() - rest.len() + start) as u32 + 1;
            let after = &rest[start + 4..];
            let Some(end) = after.find("-->") else { break };
            let body = after[..end].trim();
            rest = &after[end + 3..];
            let mut words = body.split_whitespace();
            let kind = words.next().unwrap_or("");
            let rules: Vec<String> = words
                .map(|w| w.trim_matches(',').to_string())
                .filter(|w| !w.is_empty())
                .collect();
            match kind {
                "locdoc-disable-next-line" => out.push(Suppression {
                    line: n,
                    column,
                    rules,
                    from: n + 1,
                    to: n + 1,
                    used: false,
                }),
                "locdoc-disable" => {
                    open.push(out.len());
                    out.push(Suppression {
                        line: n,
                        column,
                        rules,
                        from: n,
                        to: last,
                        used: false,
                    });
                }
                "locdoc-enable" => {
                    for &o in &open {
                        let s = &mut out[o];
                        if s.to == last
                            && (rules.is_empty()
                                || s.rules.iter().any(|r| rules.contains(r))
                                || s.rules.is_empty())
                        {
                            s.to = n;
                        }
                    }
                    open.retain(|&o| out[o].to == last);
                }
                _ => {}
            }
        }
    }
    out
}

/// Removes suppressed findings; marks the suppressions that were used.
pub fn apply(findings: &mut Vec<Finding>, sups: &mut [Suppression]) {
    findings.retain(|f| {
        let mut suppressed = false;
        for s in sups.iter_mut() {
            if s.covers(f) {
                s.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let t = "a\n<!-- locdoc-disable-next-line untranslated -->\nb\n<!-- locdoc-disable x y -->\nc\n<!-- locdoc-enable x y -->\nd\n";
        let s = parse(t);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].from, s[0].to), (3, 3));
        assert_eq!((s[1].from, s[1].to, s[1].rules.len()), (4, 6, 2));
    }
}
