//! ## What it does
//! Compares the translations of short segments across all files of one
//! language and reports two kinds of inconsistency:
//!
//! - the same English text translated differently: each occurrence that
//!   deviates from a clear majority translation is reported (only for
//!   English with a word to translate beside something else, as in
//!   `Namespace: microsoft.graph`, or with more words: a word alone may be
//!   declined or agree with its context; and only when the variants differ
//!   in more than whitespace and punctuation);
//! - one translation used for English texts of opposite meaning: texts with
//!   the same words in a different order ("from least to most privileged"
//!   vs "from most to least privileged") that share one localized text.
//!
//! ## Why is this bad?
//! Readers meet two names for one thing, or one name for two things; when
//! the word order carries the meaning, one of the pages states the opposite
//! of the English.
//!
//! ## Example
//! ```markdown
//! <!-- a.md -->
//! <span data-ttu-id="a-1">アクセス許可 (特権の大きいものから小さいものへ)</span><span class="sxs-lookup"><span data-stu-id="a-1">Permissions (from least to most privileged)</span></span>
//! <!-- b.md -->
//! <span data-ttu-id="b-1">アクセス許可 (特権の大きいものから小さいものへ)</span><span class="sxs-lookup"><span data-stu-id="b-1">Permissions (from most to least privileged)</span></span>
//! ```
//! Use instead: in `a.md`, `アクセス許可 (特権の小さいものから大きいものへ)`.

use super::prelude::*;
use crate::markdown::squash;
use crate::lint::{tokens, SegmentEntry};
use rayon::prelude::*;
use crate::hash::Map as HashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const RULE: Rule = Rule {
    id: "inconsistent-translation",
    severity: Severity::Warning,
    summary:
        "One English text translated differently, or one translation for texts of opposite meaning",
    check: Check::Locale(check),
};

/// Occurrences a majority translation needs before deviations are reported.
const MIN_MAJORITY: usize = 3;

fn check(ctx: &LocaleCtx, out: &mut Vec<Finding>) {
    if ctx.lang == "en" {
        return;
    }
    // what entries are compared by, computed once per distinct text (equal
    // texts share one allocation) and in parallel
    // (prose only: a text without translatable words has no translation
    // to compare)
    let sources = normalized(ctx.entries.iter().map(|e| &e.source), |t| {
        tokens::has_translatable_line(t).then(|| squash(t))
    });
    let targets = normalized(ctx.entries.iter().map(|e| &e.target), key);
    // the entries compared, with their keys
    let keys: Vec<(&SegmentEntry, (&str, &str))> = ctx
        .entries
        .iter()
        .zip(sources.1.iter().zip(&targets.1))
        .filter_map(|(e, (&s, &t))| Some((e, (sources.0[s].as_deref()?, targets.0[t].as_str()))))
        .collect();
    // the two checks are independent: run side by side
    let (mut deviating, mut opposite) = (Vec::new(), Vec::new());
    rayon::join(
        || deviations(&keys, &mut deviating),
        || opposites(&keys, &mut opposite),
    );
    out.append(&mut deviating);
    out.append(&mut opposite);
}

/// `f` of each distinct text (by allocation), and the index of each
/// text's result.
fn normalized<'e, T: Send>(
    texts: impl Iterator<Item = &'e Arc<str>>,
    f: fn(&str) -> T,
) -> (Vec<T>, Vec<usize>) {
    let mut index: HashMap<*const u8, usize> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let at = texts
        .map(|t| {
            *index.entry(t.as_ptr()).or_insert_with(|| {
                distinct.push(t);
                distinct.len() - 1
            })
        })
        .collect();
    (distinct.par_iter().map(|t| f(t)).collect(), at)
}

/// Letters and digits only, lower-cased: what a variant is compared by.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if crate::prose::is_letter_or_digit(c) {
            if CASELESS.contains(&c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// U+3040–U+9FFF (kana, Bopomofo, Hangul compatibility jamo, CJK symbols,
/// the unified ideographs of the basic block and extension A): characters
/// without case (tested), which the bulk of some locales' text is; their
/// lower case is not looked up.
const CASELESS: std::ops::RangeInclusive<char> = '\u{3040}'..='\u{9fff}';

fn finding(e: &SegmentEntry, message: String) -> Finding {
    let mut f =
        Finding::new(&RULE, e.path(), (e.line, e.column), message).key(e.id().to_string());
    f.target = Some(e.target.to_string());
    f.source = Some(e.source.to_string());
    f
}

/// The same English translated differently.
fn deviations(keys: &[(&SegmentEntry, (&str, &str))], out: &mut Vec<Finding>) {
    // grouped by hashing: findings are sorted with the run's, so the
    // order of the groups does not matter (within a group, input order)
    let mut by_source: HashMap<&str, Vec<(&SegmentEntry, &str)>> = HashMap::default();
    for &(e, (source, k)) in keys {
        by_source.entry(source).or_default().push((e, k));
    }
    for (source, es) in &by_source {
        if es.len() <= MIN_MAJORITY || !tokens::has_translatable_line(source) {
            continue;
        }
        let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for (e, k) in es {
            let c = counts.entry(k).or_insert((0, &e.target));
            c.0 += 1;
        }
        if counts.len() < 2 {
            continue;
        }
        let mut ranked: Vec<(&&str, &(usize, &str))> = counts.iter().collect();
        ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
        let (major_key, &(major_n, major_text)) = ranked[0];
        // Strict: a clear majority (at least three quarters of the
        // occurrences) and a deviation that is rare.
        if major_n < MIN_MAJORITY || major_n * 4 < es.len() * 3 {
            continue;
        }
        let major_faithful = faithful(source, major_text);
        for &(e, k) in es {
            if k == *major_key || counts[k].0 * 4 > major_n {
                continue;
            }
            // The deviation keeps the placeholders and code the majority
            // lost: the majority is what is wrong (another rule says so).
            if !major_faithful && faithful(source, &e.target) {
                continue;
            }
            out.push(finding(
                e,
                format!(
                    "`{source}` is translated as `{}` here but as `{}` in {major_n} other segments",
                    squash(&e.target),
                    squash(major_text)
                ),
            ));
        }
    }
}

/// Does the translation keep the placeholders and inline code?
fn faithful(source: &str, target: &str) -> bool {
    tokens::placeholders(source) == tokens::placeholders(target)
        && tokens::inline_code(source) == tokens::inline_code(target)
}

/// Words of a text, lower-cased, in order.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One translation for English texts whose words differ only in order.
fn opposites(keys: &[(&SegmentEntry, (&str, &str))], out: &mut Vec<Finding>) {
    // grouped by hashing, as in `deviations`
    let mut by_target: HashMap<&str, Vec<&SegmentEntry>> = HashMap::default();
    for &(e, (_, k)) in keys {
        if k.is_empty() {
            continue;
        }
        by_target.entry(k).or_default().push(e);
    }
    // one entry has one word order
    for es in by_target.values().filter(|es| es.len() > 1) {
        // one English text (equal texts share one allocation) has one
        // word order: most translations used twice are of the same text
        if es.iter().all(|e| std::sync::Arc::ptr_eq(&e.source, &es[0].source)) {
            continue;
        }
        // English texts of this translation, by their word sequence; the
        // words of each text once (equal texts share one allocation)
        let mut seen: HashMap<*const u8, Option<Vec<String>>> = HashMap::default();
        let mut orders: BTreeMap<Vec<String>, Vec<&SegmentEntry>> = BTreeMap::new();
        for e in es {
            let w = seen.entry(e.source.as_ptr()).or_insert_with(|| {
                let w = words(&e.source);
                (w.len() >= 2).then_some(w)
            });
            if let Some(w) = w {
                match orders.get_mut(w) {
                    Some(list) => list.push(e),
                    None => {
                        orders.insert(w.clone(), vec![e]);
                    }
                }
            }
        }
        if orders.len() < 2 {
            continue;
        }
        let mut by_bag: BTreeMap<Vec<String>, Vec<&Vec<String>>> = BTreeMap::new();
        for w in orders.keys() {
            let mut bag = w.clone();
            bag.sort();
            by_bag.entry(bag).or_default().push(w);
        }
        for seqs in by_bag.values().filter(|s| s.len() > 1) {
            for seq in seqs {
                let others: Vec<String> = seqs
                    .iter()
                    .filter(|o| *o != seq)
                    .map(|o| format!("`{}`", squash(&orders[*o][0].source)))
                    .collect();
                for e in &orders[*seq] {
                    out.push(finding(
                        e,
                        format!(
                            "`{}` is translated as `{}`, the same as {} whose words are in another order",
                            squash(&e.source),
                            squash(&e.target),
                            others.join(", ")
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn caseless_characters_are_their_lower_case() {
        for c in super::CASELESS {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }
}
