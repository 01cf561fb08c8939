//! Aligning the English a translation was made from (the English halves of
//! its span pairs) with the current English page: unchanged, changed (with a
//! word-level diff), removed; and the current English with no translation
//! yet (added).

use serde::Serialize;

/// What became of one translated segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentStatus {
    Unchanged,
    Changed,
    Removed,
}

/// One segment's alignment.
#[derive(Debug, Clone, Serialize)]
pub struct Aligned {
    pub id: String,
    pub status: SegmentStatus,
    /// The English the translation was made from.
    pub before: String,
    /// The current English it corresponds to (changed segments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Word-level diff, `[-removed-]{+added+}` (changed segments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// The translation of `before` (filled by the caller).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// Current English text with no translated segment (to translate).
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    pub text: String,
    pub words: usize,
}

/// Whitespace squashed, Markdown escapes of the tool and anchors removed:
/// the form in which English texts are compared.
pub fn normalize(s: &str) -> String {
    let unescaped;
    let s = if s.contains('\\') {
        unescaped = s.replace("\\*", "*").replace("\\`", "`");
        unescaped.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<a name=\"") {
        out.push_str(&rest[..i]);
        match rest[i..].find("</a>") {
            Some(e) => rest = &rest[i + e + 4..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    let mut squashed = String::with_capacity(out.len());
    for w in out.split_whitespace() {
        if !squashed.is_empty() {
            squashed.push(' ');
        }
        squashed.push_str(w);
    }
    squashed
}

pub fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Text units of a Markdown page: sentences of its lines, with table cells
/// and list markers split off, normalized.
pub fn units(markdown: &str) -> Vec<String> {
    let body = &markdown[crate::front_matter::body_start(markdown)..];
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence
            || t.is_empty()
            || t.starts_with("<!--")
            || t.starts_with("|--")
            || t.starts_with("|:-")
        {
            continue;
        }
        for cell in t.split('|') {
            let cell = strip_block_markers(cell.trim());
            for sentence in split_sentences(cell) {
                let n = normalize(sentence);
                if words(&n) >= 1 && n.chars().any(char::is_alphabetic) {
                    out.push(n);
                }
            }
        }
    }
    out
}

/// Heading, quote and list markers at the start of a line.
fn strip_block_markers(s: &str) -> &str {
    let mut s = s.trim_start_matches(['#', '>', ' ']);
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            s = rest;
        }
    }
    s.trim()
}

fn split_sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'!' | b'?')
            && b.get(i + 1) == Some(&b' ')
            && b.get(i + 2).is_some_and(|c| c.is_ascii_uppercase())
        {
            out.push(&s[start..=i]);
            start = i + 2;
        }
    }
    out.push(&s[start..]);
    out
}

fn token_set(s: &str) -> std::collections::HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Dice coefficient of the word sets.
fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (token_set(a), token_set(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

/// `[-old words-]{+new words+}` word diff, one bracket pair per run of changes.
pub fn word_diff(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_words(before, after);
    let (old, new) = (diff.old_slices(), diff.new_slices());
    let mut s = String::new();
    for op in diff.ops() {
        let o: String = old[op.old_range()].concat();
        let n: String = new[op.new_range()].concat();
        match op.tag() {
            similar::DiffTag::Equal => s.push_str(&o),
            _ => {
                let (o_trim, n_trim) = (o.trim(), n.trim());
                let lead = if o.starts_with(' ') || n.starts_with(' ') {
                    " "
                } else {
                    ""
                };
                let tail = if o.ends_with(' ') || n.ends_with(' ') {
                    " "
                } else {
                    ""
                };
                s.push_str(lead);
                if !o_trim.is_empty() {
                    s.push_str(&format!("[-{o_trim}-]"));
                }
                if !n_trim.is_empty() {
                    s.push_str(&format!("{{+{n_trim}+}}"));
                }
                s.push_str(tail);
            }
        }
    }
    s
}

/// Minimum word-set similarity for a changed segment to be paired with a
/// current English unit.
pub const CHANGED_MIN: f64 = 0.3;

/// One segment to align: id, the 1-based line it sits on in the span-pair
/// file, and its English half.
pub struct Segment<'a> {
    pub id: &'a str,
    pub line: u32,
    pub english: &'a str,
}

/// The span pairs of a document as segments to align (their English halves).
pub fn segments_of(doc: &crate::document::Document) -> Vec<Segment<'_>> {
    let text = &doc.source.text;
    doc.segments
        .iter()
        .map(|s| Segment {
            id: &s.id,
            line: s.line,
            english: s.source_text(text),
        })
        .collect()
}

/// Aligns segments with the current English page text. `before` is the
/// English-half document (span-pair file with every pair replaced by its
/// English half): its lines are those of the span-pair file, so a line diff
/// of `before` against `current` tells, per segment, whether its line was
/// kept, rewritten (changed) or deleted (removed) — the way a reviewer
/// reads the English history.
pub fn align(segments: &[Segment<'_>], before: &str, current: &str) -> (Vec<Aligned>, Vec<Added>) {
    align_prepared(segments, before, &Prepared::new(current))
}

/// The current English page in the forms [`align`] compares: normalized
/// whole (body) and line by line. Prepared once per English page, it
/// serves the page's translations in every locale.
#[derive(Debug, Clone)]
pub struct Prepared {
    body_norm: String,
    /// The normalized lines, one after the other, and where each ends.
    lines: String,
    ends: Vec<u32>,
}

impl Prepared {
    pub fn new(current: &str) -> Prepared {
        Prepared {
            body_norm: normalize(&current[crate::front_matter::body_start(current)..]),
            lines: String::new(),
            ends: Vec::new(),
        }
        .with_lines(current)
    }

    fn with_lines(mut self, current: &str) -> Prepared {
        for l in current.lines() {
            self.lines.push_str(&normalize(l));
            self.ends.push(self.lines.len() as u32);
        }
        self.lines.shrink_to_fit();
        self.ends.shrink_to_fit();
        self
    }

    fn lines(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&e| {
                let l = &self.lines[start..e as usize];
                start = e as usize;
                l
            })
            .collect()
    }
}

/// [`align`] with the current English prepared.
pub fn align_prepared(
    segments: &[Segment<'_>],
    before: &str,
    prepared: &Prepared,
) -> (Vec<Aligned>, Vec<Added>) {
    let current_norm = &prepared.body_norm;
    let old_lines: Vec<String> = before.lines().map(normalize).collect();
    let new_lines = prepared.lines();
    let old_refs: Vec<&str> = old_lines.iter().map(String::as_str).collect();
    let diff = similar::TextDiff::from_slices(&old_refs, &new_lines);
    let mut kept = vec![false; new_lines.len()];
    // for each old line: the op tag and the new lines it maps to
    let mut fate: Vec<(similar::DiffTag, std::ops::Range<usize>)> =
        vec![(similar::DiffTag::Equal, 0..0); old_lines.len()];
    let mut new_claimed = vec![false; new_lines.len()];
    for op in diff.ops() {
        for i in op.old_range() {
            fate[i] = (op.tag(), op.new_range());
        }
        if op.tag() == similar::DiffTag::Equal {
            for i in op.new_range() {
                kept[i] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        let text = normalize(seg.english);
        if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let line = (seg.line as usize)
            .saturating_sub(1)
            .min(old_lines.len().saturating_sub(1));
        let (tag, new_range) = fate
            .get(line)
            .cloned()
            .unwrap_or((similar::DiffTag::Delete, 0..0));
        if current_norm.contains(&text) || tag == similar::DiffTag::Equal {
            if tag == similar::DiffTag::Equal {
                for i in new_range {
                    new_claimed[i] = true;
                }
            }
            out.push(Aligned {
                id: seg.id.to_string(),
                status: SegmentStatus::Unchanged,
                before: text,
                after: None,
                diff: None,
                translation: None,
            });
            continue;
        }
        let candidates: Vec<String> = new_range
            .clone()
            .flat_map(|i| units(new_lines[i]))
            .collect();
        if tag == similar::DiffTag::Delete || candidates.is_empty() {
            out.push(Aligned {
                id: seg.id.to_string(),
                status: SegmentStatus::Removed,
                before: text,
                after: None,
                diff: None,
                translation: None,
            });
            continue;
        }
        let best = candidates
            .iter()
            .map(|u| (u, similarity(&text, u)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, sim)| *sim >= CHANGED_MIN)
            .map(|(u, _)| u.clone());
        for i in new_range {
            new_claimed[i] = true;
        }
        let after = best.unwrap_or_else(|| candidates.join(" "));
        out.push(Aligned {
            id: seg.id.to_string(),
            status: SegmentStatus::Changed,
            diff: Some(word_diff(&text, &after)),
            before: text,
            after: Some(after),
            translation: None,
        });
    }
    // current English on lines no segment maps to, not already translated
    let translated: Vec<String> = segments.iter().map(|s| normalize(s.english)).collect();
    let mut added = Vec::new();
    let mut in_fence = false;
    for (i, line) in new_lines.iter().enumerate() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || new_claimed[i] || kept[i] {
            continue;
        }
        for u in units(line) {
            if crate::lint::tokens::has_translatable_words(&u)
                && !translated.iter().any(|t| t.contains(&u))
            {
                added.push(Added {
                    words: words(&u),
                    text: u,
                });
            }
        }
    }
    (out, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_changed_removed_added() {
        let before = "# T\n\nRecover passcode.\n\nIf successful, this method returns a `204 No Content` response code.\n\nThis sentence is gone entirely now.\n";
        let segs = [
            Segment {
                id: "a-1",
                line: 3,
                english: "Recover passcode.",
            },
            Segment {
                id: "a-2",
                line: 5,
                english: "If successful, this method returns a `204 No Content` response code.",
            },
            Segment {
                id: "a-3",
                line: 7,
                english: "This sentence is gone entirely now.",
            },
        ];
        let current = "# T\n\nRecover passcode.\n\nIf successful, this action returns a `204 No Content` response code.\n\nA brand new paragraph about throttling limits.\n";
        let (a, added) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Unchanged);
        assert_eq!(a[1].status, SegmentStatus::Changed);
        assert!(a[1]
            .diff
            .as_deref()
            .unwrap()
            .contains("[-method-]{+action+}"));
        assert_eq!(
            a[2].status,
            SegmentStatus::Changed,
            "its line was rewritten"
        );
        assert_eq!(added.len(), 0, "the new paragraph replaced the old line");
        // a line inserted between kept lines is added text
        let current = "# T\n\nRecover passcode.\n\nA brand new paragraph about throttling limits.\n\nIf successful, this method returns a `204 No Content` response code.\n\nThis sentence is gone entirely now.\n";
        let (_, added) = align(&segs, before, current);
        assert_eq!(added.len(), 1);
        assert!(added[0].text.contains("throttling"));
    }
}
