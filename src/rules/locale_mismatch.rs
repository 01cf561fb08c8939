//! ## What it does
//! Compares the locale a localized page declares (front matter
//! `ms.contentlocale`, or its locale directory) with the language detected
//! from its localized prose, and reports pages written in another language
//! than the one declared. Pages with little prose, or where detection is
//! not confident, are not judged. A span-pair page whose localized halves
//! are nearly all their English text reads as English.
//!
//! ## Why is this bad?
//! A page filed under the wrong locale is served to readers who cannot read
//! it, while the locale it belongs to misses it.
//!
//! ## Example
//! A file `ja-JP/api/user-get.md` with `ms.contentlocale: ja-JP` whose text
//! reads "Eine der nachfolgenden Berechtigungen ist erforderlich, …".
//!
//! Use instead: move the page to `de-DE/` and declare `ms.contentlocale: de-DE`,
//! or replace it by its Japanese translation.

use super::prelude::*;
use crate::locale::{self, LocaleOrigin};
use std::path::Path;

pub const RULE: Rule = Rule {
    id: "locale-mismatch",
    severity: Severity::Warning,
    summary: "The language of the localized prose differs from the declared locale",
    check: Check::Document(check),
};

/// Letters of prose needed to judge a page (Latin script).
const MIN_LETTERS: usize = 200;
/// Letters needed when the prose is in another script, where each letter
/// tells more (a Han or kana character is a syllable or a word).
const MIN_LETTERS_OTHER: usize = 60;
/// Bytes of prose in the short sample that confirms the declared language.
const SHORT_SAMPLE: usize = 350;
/// Detection confidence needed to judge a page.
const MIN_CONFIDENCE: f64 = 0.8;

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    if !matches!(
        doc.locale.origin,
        LocaleOrigin::FrontMatter | LocaleOrigin::Path
    ) || doc.form == crate::document::Form::English
    {
        return;
    }
    // What the page declares: its front matter and its locale directory.
    let mut declared: Vec<(String, &str, u32)> = Vec::new();
    if doc.locale.origin == LocaleOrigin::FrontMatter {
        // line resolved only when reporting (positions cost a line index)
        declared.push((doc.locale.tag.clone(), "`ms.contentlocale`", 0));
    }
    if let Some((tag, _)) = locale::from_path(Path::new(&doc.source.path)) {
        if !declared
            .iter()
            .any(|(t, _, _)| locale::primary(t) == locale::primary(&tag))
        {
            let line = ctx
                .outline
                .sections
                .iter()
                .find(|s| s.level > 0)
                .map_or(1, |s| s.line);
            declared.push((tag, "its locale directory", line));
        }
    }
    declared.retain(|(t, _, _)| locale::primary(t) != "en");
    if declared.is_empty() {
        return;
    }
    // Most pages read as the language they declare, which a short sample
    // already shows; the full sample is read (and judged) only when it
    // does not.
    let confirmed = |sample: &str| {
        judge(ctx, sample, true).is_some_and(|(detected, confidence)| {
            confidence >= MIN_CONFIDENCE
                && declared
                    .iter()
                    .all(|(tag, _, _)| same_language(locale::primary(tag), &detected))
        })
    };
    let short = crate::prose::sample_within(doc, SHORT_SAMPLE);
    // a sample that stopped short of the limit is the whole sample
    let full = short.len() <= SHORT_SAMPLE;
    let short = crate::prose::language_sample(&short);
    if !full && confirmed(&short) {
        return;
    }
    let sample = if full {
        short
    } else {
        crate::prose::language_sample(&crate::prose::sample(doc))
    };
    let Some((detected, confidence)) = judge(ctx, &sample, false) else {
        if full {
            english_halves(ctx, &declared, out);
        }
        return;
    };
    if confidence < MIN_CONFIDENCE {
        return;
    }
    for d in &declared {
        if !same_language(locale::primary(&d.0), &detected) {
            report(
                ctx,
                d,
                &format!("its prose reads as `{detected}` (confidence {confidence:.2})"),
                out,
            );
        }
    }
}

/// A span-pair page whose localized halves are, nearly all, their English
/// halves (its sample of localized prose is empty): a page of English
/// filed under another locale.
fn english_halves(ctx: &DocCtx, declared: &[(String, &str, u32)], out: &mut Vec<Finding>) {
    let text = &ctx.doc.source.text;
    // characters of English prose, all and left as it is; halves left
    let (mut prose, mut same, mut halves) = (0usize, 0usize, 0usize);
    for seg in &ctx.doc.segments {
        let source = seg.source_text(text);
        if !crate::lint::tokens::has_translatable_words(source) {
            continue;
        }
        let len = source.chars().count();
        prose += len;
        if seg.target_text(text).trim() == source.trim() {
            same += len;
            halves += 1;
        }
    }
    // a few table cells (`String collection`) are no page of prose
    if same < MIN_LETTERS + MIN_LETTERS / 2 || same * 10 < prose * 8 {
        return;
    }
    let why = format!("{halves} of its localized halves are their English text: the page reads as `en`");
    for d in declared {
        report(ctx, d, &why, out);
    }
}

/// A finding on what the page declares (`(tag, by what, line)`; line 0:
/// the `ms.contentlocale` line) and why it reads otherwise.
fn report(ctx: &DocCtx, (tag, how, line): &(String, &str, u32), why: &str, out: &mut Vec<Finding>) {
    let line = if *line == 0 { ctx.line_of("ms.contentlocale") } else { *line };
    out.push(
        ctx.at_line(&RULE, line, format!("page is declared `{tag}` by {how} but {why}"))
            .key(format!("locale:{tag}")),
    );
}

/// The language detected in a prose sample and the detector's confidence;
/// None when the sample has too few letters to judge. A sample that is
/// to `confirm` the declared language needs fewer letters when at least
/// half of them are of another script than Latin, where each letter tells
/// more, even among a few Latin names (`APIを使用して`); a sample that may
/// condemn the page needs fewer only when it holds no Latin letter at all.
fn judge(ctx: &DocCtx, sample: &str, confirm: bool) -> Option<(String, f64)> {
    let (mut letters, mut other) = (0usize, 0usize);
    let mut ascii = false;
    for c in sample.chars().filter(|&c| crate::prose::is_letter(c)) {
        letters += 1;
        if c.is_ascii() {
            ascii = true;
        } else {
            other += 1;
        }
    }
    let mostly_other = if confirm {
        other * 2 >= letters
    } else {
        other > 0 && !ascii
    };
    let needed = if mostly_other {
        MIN_LETTERS_OTHER
    } else {
        MIN_LETTERS
    };
    if letters < needed {
        return None;
    }
    ctx.languages.detect(sample)
}

/// Languages a detector cannot tell apart reliably (or a macrolanguage and
/// its members) count as the same.
fn same_language(declared: &str, detected: &str) -> bool {
    if declared == detected {
        return true;
    }
    const CLOSE: &[&[&str]] = &[
        &["no", "nb", "nn", "da"],
        &["sr", "hr", "bs"],
        &["ms", "id"],
        &["zh", "yue"],
    ];
    CLOSE
        .iter()
        .any(|g| g.contains(&declared) && g.contains(&detected))
}
