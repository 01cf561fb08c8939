//! `--since DATE`: a drift report restricted to the pages whose English
//! changed on or after a date (what a localization manager asks after each
//! hand-off: "what is new since the last one?").
//!
//! When the English tree is a git repository, a page changed on the dates of
//! the commits that touched it: every commit dated on or after `DATE` is
//! diffed with its first parent (libgit2, no shell-out). Without history,
//! the English page's `ms.date` front matter (`MM/DD/YYYY`) dates it. A page
//! that neither can date is kept and counted as undated: a filter must not
//! hide work it cannot rule out.

use super::history::History;
use super::{PageStatus, Report};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The date a report is restricted to, in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Since {
    /// `YYYY-MM-DD`, as given.
    pub date: String,
    /// Pages kept because nothing dates their English.
    pub undated: usize,
}

/// Keeps the pages of `report` whose English (under `source`) changed on or
/// after `date` (`YYYY-MM-DD`), and the undated ones; recomputes the
/// summaries. `Err` when `date` is no date.
pub fn restrict(report: &mut Report, source: &Path, date: &str) -> Result<(), String> {
    let changes = EnglishChanges::new(source, parse_date(date)?);
    // every locale names the same English pages: each is dated once
    let mut known: std::collections::HashMap<(String, bool), Changed> = Default::default();
    let mut undated = 0;
    report.pages.retain(|p| {
        let gone = p.status == PageStatus::Orphan;
        let changed = *known
            .entry((p.page.clone(), gone))
            .or_insert_with(|| changes.changed(&p.page, gone));
        match changed {
            Changed::Yes => true,
            Changed::No => false,
            Changed::Undated => {
                undated += 1;
                true
            }
        }
    });
    report.locales = super::summarize(&report.pages);
    report.since = Some(Since {
        date: date.trim().to_string(),
        undated,
    });
    Ok(())
}

/// Seconds since the Unix epoch at 00:00 UTC of `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<i64, String> {
    let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD (e.g. 2024-05-31)");
    let mut parts = s.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (y, m, d) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    civil_seconds(y, m, d).ok_or_else(bad)
}

/// `MM/DD/YYYY` (the format of `ms.date` and `ms.lasthandoff`).
fn parse_us_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().trim_matches(['"', '\'']).splitn(3, '/');
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    let y = parts.next()?.parse().ok()?;
    civil_seconds(y, m, d)
}

/// Seconds at 00:00 UTC of a valid proleptic Gregorian date.
fn civil_seconds(y: i64, m: u32, d: u32) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > days_in_month || !(1..=9999).contains(&y) {
        return None;
    }
    // days from civil (H. Hinnant's algorithm), epoch 1970-01-01
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// Whether an English page changed since the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Yes,
    No,
    /// Neither the history nor the page's front matter dates it.
    Undated,
}

/// What changed in the English tree since a date.
pub struct EnglishChanges {
    source: PathBuf,
    since: i64,
    /// English pages (relative to the tree, `/`-separated) touched by a
    /// commit since the date; `None` without git history.
    touched: Option<BTreeSet<String>>,
}

impl EnglishChanges {
    /// The changes in the English tree `source` since `since` (seconds).
    pub fn new(source: &Path, since: i64) -> EnglishChanges {
        let touched = History::open(source).and_then(|h| h.touched_since(since));
        EnglishChanges {
            source: source.to_path_buf(),
            since,
            touched,
        }
    }

    /// Did the English page `rel` (relative to the English tree) change?
    /// `gone`: the page is an orphan, its English page deleted.
    pub fn changed(&self, rel: &str, gone: bool) -> Changed {
        let path = self.source.join(rel);
        if let Some(touched) = &self.touched {
            return if touched.contains(rel) {
                Changed::Yes
            } else if gone || path.is_file() {
                Changed::No
            } else {
                // a translation matched to its English page by identity,
                // under another name
                Changed::Undated
            };
        }
        if gone {
            return Changed::Undated;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Changed::Undated;
        };
        let source = crate::source::Source::from_text(path.to_string_lossy().as_ref(), &text);
        match crate::front_matter::parse(&source, &mut Vec::new())
            .and_then(|f| f.get_str("ms.date"))
            .and_then(|d| parse_us_date(&d))
        {
            Some(date) if date >= self.since => Changed::Yes,
            Some(_) => Changed::No,
            None => Changed::Undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(parse_date("2020-09-13"), Ok(1_599_955_200));
        assert_eq!(parse_date("2024-02-29"), Ok(1_709_164_800));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "24-01-01",
            "2024/01/01",
            "yesterday",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_us_date("09/13/2020"), Some(1_599_955_200));
        assert_eq!(
            parse_us_date("\"01/11/2019\""),
            parse_date("2019-01-11").ok()
        );
        assert_eq!(parse_us_date("13/01/2019"), None);
    }
}
