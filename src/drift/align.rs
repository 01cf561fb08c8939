//! Aligning the English a translation was made from (the English halves of
//! its span pairs) with the current English page: unchanged, changed (with a
//! word-level diff), removed; and the current English with no translation
//! yet (added).

use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

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
    normalized(s).into_owned()
}

/// [`normalize`], borrowing `s` when it is already in that form (most
/// lines and segments are).
pub fn normalized(s: &str) -> Cow<'_, str> {
    if is_normal(s) {
        return Cow::Borrowed(s);
    }
    // white space around text already in normal form is all there is to drop
    let t = s.trim();
    if t.len() < s.len() && is_normal(t) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(normalize_owned(s))
    }
}

/// Bytes [`is_normal`] looks at: space, backslash, `<`, ASCII white space
/// other than the space, and the lead bytes of the non-ASCII white space
/// characters.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0x09;
    while i <= 0x0d {
        t[i] = true;
        i += 1;
    }
    t[b' ' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[0xc2] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t
};

/// Is `s` its own [`normalize`]: no backslash, no anchor, white space only
/// as single spaces between other characters? One pass over the bytes,
/// sixteen at a time where none of them needs a closer look.
fn is_normal(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    crate::markdown::all_in_lanes(
        b,
        &mut prev_space,
        // no byte other than a space is SPECIAL
        |chunk, prev_space| {
            crate::markdown::single_spaced(chunk, prev_space, |x| (x == b'\\') | (x == b'<'))
        },
        |i, prev_space| normal_byte(s, i, prev_space).then_some(1),
    )
}

/// [`is_normal`]'s look at the byte at `i`; `prev_space`: the byte before
/// it is a space (updated).
fn normal_byte(s: &str, i: usize, prev_space: &mut bool) -> bool {
    let b = s.as_bytes();
    let x = b[i];
    if !SPECIAL[x as usize] {
        *prev_space = false;
        return true;
    }
    match x {
        b' ' => {
            if *prev_space {
                return false;
            }
            *prev_space = true;
        }
        b'<' => {
            if b[i..].starts_with(b"<a name=\"") {
                return false;
            }
            *prev_space = false;
        }
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            if crate::markdown::whitespace_at(s, i).0 {
                return false;
            }
            *prev_space = false;
        }
        // backslash, ASCII white space other than the space
        _ => return false,
    }
    true
}

fn normalize_owned(s: &str) -> String {
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
    crate::markdown::squash(&out)
}

pub fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(crate::prose::is_letter_or_digit))
        .count()
}

/// Text units of a Markdown page: sentences of its lines, with table cells
/// and list markers split off, normalized.
pub fn units(markdown: &str) -> Vec<String> {
    units_of(markdown).map(|(u, _)| u.into_owned()).collect()
}

/// The English words of a Markdown page: the words of its [`units`],
/// counted without copying them.
pub fn unit_words(markdown: &str) -> usize {
    units_of(markdown).map(|(_, words)| words).sum()
}

/// The units of a Markdown page, each with its count of [`words`].
fn units_of(markdown: &str) -> impl Iterator<Item = (Cow<'_, str>, usize)> {
    let body = &markdown[crate::front_matter::body_start(markdown)..];
    let mut hidden = Hidden::default();
    crate::markdown::lines(body)
        .filter_map(move |line| {
            let t = line.trim();
            let skip =
                hidden.hides(t) || t.is_empty() || t.starts_with("|--") || t.starts_with("|:-");
            (!skip).then_some(t)
        })
        .flat_map(|t| t.split('|'))
        .flat_map(|cell| split_sentences(strip_block_markers(cell.trim())))
        .map(normalized)
        .map(|n| {
            let w = words(&n);
            (n, w)
        })
        .filter(|(n, w)| *w >= 1 && n.chars().any(crate::prose::is_letter))
}

/// Lines that hold no text to translate, met one after the other: code
/// blocks with their fences, and HTML comments (ApiDoctor's annotations
/// span lines: `<!-- {` … `} -->`).
#[derive(Default)]
struct Hidden {
    in_fence: bool,
    in_comment: bool,
}

impl Hidden {
    /// Is the next line, `t` (trimmed), hidden?
    fn hides(&mut self, t: &str) -> bool {
        if self.in_comment {
            self.in_comment = !t.contains("-->");
            return true;
        }
        if t.starts_with("```") {
            self.in_fence = !self.in_fence;
            return true;
        }
        if !self.in_fence && t.starts_with("<!--") {
            self.in_comment = !t.contains("-->");
            return true;
        }
        self.in_fence
    }
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

/// The lowercased words of `s` as a set (sorted, without repeats).
fn token_set(s: &str) -> Vec<Cow<'_, str>> {
    let mut set: Vec<Cow<'_, str>> = s
        .split(|c: char| !crate::prose::is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// The runs of consecutive units (word sets, see [`token_set`]) at most
/// `longest` units long that may be the one a segment of word set `set`
/// became, each as ((first unit, units), Dice coefficient of the two word
/// sets). A run's words are counted as it grows by a unit; runs that can be
/// neither the most similar nor similar enough ([`CHANGED_MIN`]) are left
/// out.
fn runs(
    set: &[Cow<'_, str>],
    units: &[Vec<Cow<'_, str>>],
    longest: usize,
) -> Vec<((usize, usize), f64)> {
    let mut union: crate::hash::Set<&str> = Default::default();
    let mut runs = Vec::new();
    let mut most = 0f64;
    // a run is at most this similar, and a longer one's word set is no
    // smaller: when it is below the most similar so far and the threshold,
    // no run from here on can be chosen
    let hopeless = |words: usize, most: f64| {
        set.is_empty() || dice(set.len(), set.len(), words) < most.max(CHANGED_MIN)
    };
    for first in 0..units.len() {
        // one unit: its words are a set already, compared in order
        if hopeless(units[first].len(), most) {
            continue;
        }
        let mut common = common_words(set, &units[first]);
        let sim = dice(common, set.len(), units[first].len());
        most = most.max(sim);
        runs.push(((first, 1), sim));
        if longest < 2 || first + 1 == units.len() {
            continue;
        }
        union.clear();
        union.extend(units[first].iter().map(|w| w.as_ref()));
        for len in 2..=longest.min(units.len() - first) {
            for w in &units[first + len - 1] {
                if union.insert(w.as_ref())
                    && set.binary_search_by(|x| x.as_ref().cmp(w.as_ref())).is_ok()
                {
                    common += 1;
                }
            }
            if hopeless(union.len(), most) {
                break;
            }
            let sim = dice(common, set.len(), union.len());
            most = most.max(sim);
            runs.push(((first, len), sim));
        }
    }
    runs
}

/// The Dice coefficient of two word sets of `a` and `b` words sharing
/// `common`.
fn dice(common: usize, a: usize, b: usize) -> f64 {
    2.0 * common as f64 / (a + b) as f64
}

/// How many words two word sets (see [`token_set`]) share.
fn common_words(x: &[Cow<'_, str>], y: &[Cow<'_, str>]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Where the tokens of `s` start, and its length last: runs of white space
/// and runs of other characters, as the word diff compares them.
fn token_bounds(s: &str) -> Vec<usize> {
    let mut bounds = Vec::new();
    let mut prev: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let ws = c.is_whitespace();
        if prev != Some(ws) {
            bounds.push(i);
            prev = Some(ws);
        }
    }
    bounds.push(s.len());
    bounds
}

type Interner<'a> = crate::hash::Map<&'a str, u32>;

/// Numbers each distinct string (equal strings, equal numbers): diffs of
/// the numbers are the diffs of the strings, with cheap comparisons.
fn intern<'a>(table: &mut Interner<'a>, items: impl Iterator<Item = &'a str>) -> Vec<u32> {
    items
        .map(|t| {
            let next = table.len() as u32;
            *table.entry(t).or_insert(next)
        })
        .collect()
}

/// Myers diff of two sequences of strings, as `similar` computes it on the
/// strings themselves.
fn diff_ops<'a>(
    old: impl Iterator<Item = &'a str>,
    new: impl Iterator<Item = &'a str>,
) -> Vec<similar::DiffOp> {
    let mut table = Interner::default();
    let a = intern(&mut table, old);
    let b = intern(&mut table, new);
    similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b)
}

/// `[-old words-]{+new words+}` word diff, one bracket pair per run of changes.
pub fn word_diff(before: &str, after: &str) -> String {
    let (ob, nb) = (token_bounds(before), token_bounds(after));
    let ops = diff_ops(
        ob.windows(2).map(|w| &before[w[0]..w[1]]),
        nb.windows(2).map(|w| &after[w[0]..w[1]]),
    );
    let mut s = String::with_capacity(before.len() + after.len() + 16);
    for op in ops {
        let (or, nr) = (op.old_range(), op.new_range());
        let o = &before[ob[or.start]..ob[or.end]];
        let n = &after[nb[nr.start]..nb[nr.end]];
        match op.tag() {
            similar::DiffTag::Equal => s.push_str(o),
            _ => {
                if o.starts_with(' ') || n.starts_with(' ') {
                    s.push(' ');
                }
                push_change(&mut s, o.trim(), n.trim());
                if o.ends_with(' ') || n.ends_with(' ') {
                    s.push(' ');
                }
            }
        }
    }
    s
}

/// `[-old-]{+new+}`, each bracket only when it holds text.
fn push_change(s: &mut String, old: &str, new: &str) {
    if !old.is_empty() {
        s.push_str("[-");
        s.push_str(old);
        s.push_str("-]");
    }
    if !new.is_empty() {
        s.push_str("{+");
        s.push_str(new);
        s.push_str("+}");
    }
}

/// Word diffs already computed, shared by the pages of a run: an English
/// sentence that changed usually changed the same way for every locale.
#[derive(Debug, Default)]
pub struct WordDiffs(Mutex<HashMap<String, HashMap<String, String>>>);

impl WordDiffs {
    /// [`word_diff`] of `before` and `after`, computed once.
    pub fn diff(&self, before: &str, after: &str) -> String {
        let cached = |m: &HashMap<String, HashMap<String, String>>| {
            m.get(before).and_then(|d| d.get(after)).cloned()
        };
        if let Some(d) = self.0.lock().ok().and_then(|m| cached(&m)) {
            return d;
        }
        let d = word_diff(before, after);
        if let Ok(mut m) = self.0.lock() {
            m.entry(before.to_string())
                .or_default()
                .insert(after.to_string(), d.clone());
        }
        d
    }
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
    /// Lines before this one are the front matter block: metadata, not
    /// text aligned with segments (see [`front_matter_added`]).
    body_line: usize,
    /// The units of the value of each of [`TRANSLATED_KEYS`] the page has.
    front: Vec<(&'static str, Vec<String>)>,
}

/// The front matter keys whose values are translated (the others are
/// metadata: `author`, `ms.date`, …).
pub const TRANSLATED_KEYS: [&str; 2] = ["title", "description"];

impl Prepared {
    /// `current` prepared, its front matter read from it.
    pub fn new(current: &str) -> Prepared {
        let source = crate::source::Source::from_text("", current);
        let front = crate::front_matter::parse(&source, &mut Vec::new());
        Self::with_front_matter(current, front.as_ref())
    }

    /// `current` prepared; `front` is its front matter, already read.
    pub fn with_front_matter(
        current: &str,
        front: Option<&crate::front_matter::FrontMatter>,
    ) -> Prepared {
        let mut p = Prepared {
            body_norm: String::new(),
            lines: String::new(),
            ends: Vec::new(),
            body_line: 0,
            front: TRANSLATED_KEYS
                .iter()
                .filter_map(|&k| Some((k, units(&front?.get_str(k)?))))
                .collect(),
        };
        let body = crate::front_matter::body_start(current);
        // the lines of the body: those that start at or after its start
        let mut first_body_line = None;
        let mut at = 0;
        for (k, l) in crate::markdown::lines_inclusive(current).enumerate() {
            if at >= body && first_body_line.is_none() {
                first_body_line = Some((k, at == body));
            }
            at += l.len();
            p.lines
                .push_str(&normalized(crate::markdown::line_content(l)));
            p.ends.push(p.lines.len() as u32);
        }
        p.body_line = first_body_line.map_or(p.ends.len(), |(k, _)| k);
        p.body_norm = match first_body_line {
            // The body normalized is its normalized lines joined by spaces:
            // unless an anchor spans lines, normalizing works line by line
            // (escapes and white space do), and squashing joins the lines.
            Some((k, true)) if !current[body..].contains("<a name=\"") => {
                let lines = p.lines();
                let mut joined = String::with_capacity(p.lines.len() + lines.len());
                for l in lines[k..].iter().filter(|l| !l.is_empty()) {
                    if !joined.is_empty() {
                        joined.push(' ');
                    }
                    joined.push_str(l);
                }
                joined
            }
            None => String::new(),
            _ => normalize(&current[body..]),
        };
        p.lines.shrink_to_fit();
        p.ends.shrink_to_fit();
        p
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

/// What a translation holds of a front matter key of [`TRANSLATED_KEYS`].
pub enum FrontValue {
    /// The English value it was translated from (a plain page read against
    /// the English history).
    English(String),
    /// A translated value, whose English is not known (a span-pair page:
    /// its front matter is outside the pairs).
    Translated,
    /// No value.
    Missing,
}

/// The text of the current English front matter still to translate: the
/// values of [`TRANSLATED_KEYS`] that changed since the English they were
/// translated from, or that the translation lacks and its segments do not
/// hold either (a title that is also the page's heading is translated
/// there). Other keys (`author`, `ms.date`, …) are metadata.
pub fn front_matter_added(
    prepared: &Prepared,
    segments: &[Segment<'_>],
    held: impl Fn(&str) -> FrontValue,
) -> Vec<Added> {
    let mut added = Vec::new();
    // the segments' English, normalized once if a value is looked for there
    let english: std::cell::OnceCell<Vec<Cow<'_, str>>> = std::cell::OnceCell::new();
    for (key, current) in &prepared.front {
        let known: Vec<String> = match held(key) {
            FrontValue::Translated => continue,
            FrontValue::English(value) => units(&value),
            FrontValue::Missing => Vec::new(),
        };
        for u in current {
            let translated = known.contains(u)
                || english
                    .get_or_init(|| segments.iter().map(|s| normalized(s.english)).collect())
                    .iter()
                    .any(|e| e.contains(u.as_str()));
            if !translated && crate::lint::tokens::has_translatable_words(u) {
                added.push(Added {
                    words: words(u),
                    text: u.clone(),
                });
            }
        }
    }
    added
}

/// [`align`] with the current English prepared.
pub fn align_prepared(
    segments: &[Segment<'_>],
    before: &str,
    prepared: &Prepared,
) -> (Vec<Aligned>, Vec<Added>) {
    align_with(segments, before, prepared, &WordDiffs::default())
}

/// [`align_prepared`] with word diffs shared with other alignments.
pub fn align_with(
    segments: &[Segment<'_>],
    before: &str,
    prepared: &Prepared,
    diffs: &WordDiffs,
) -> (Vec<Aligned>, Vec<Added>) {
    align_indexed(segments, before, prepared, diffs).of(segments)
}

/// What [`align_with`] tells, by segment index: a function of the English
/// page, the body of `before` and the segments' English and lines in that
/// body (their ids are added by [`Alignment::of`]).
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Each aligned segment's index and status (most are unchanged: what
    /// the changed ones became is apart, in order).
    fates: Vec<(u32, SegmentStatus)>,
    /// What each changed segment became, and the word diff.
    changes: Vec<(String, String)>,
    added: Vec<Added>,
}

impl Alignment {
    /// The alignment of `segments` (those it was computed for, or segments
    /// with the same English on the same lines of the same body).
    pub fn of(&self, segments: &[Segment<'_>]) -> (Vec<Aligned>, Vec<Added>) {
        let mut changes = self.changes.iter();
        let aligned = self
            .fates
            .iter()
            .map(|(k, status)| {
                let (after, diff) = match status {
                    SegmentStatus::Changed => changes.next().cloned().unzip(),
                    _ => (None, None),
                };
                Aligned {
                    id: segments[*k as usize].id.to_string(),
                    status: *status,
                    before: normalize(segments[*k as usize].english),
                    after,
                    diff,
                    translation: None,
                }
            })
            .collect();
        (aligned, self.added.clone())
    }
}

/// Alignments computed so far in a run. An alignment is a function of the
/// English page, the body of the English a translation was made from and
/// the segments' English and lines in that body: a page's translations
/// into several locales often hold the same English (a third of the
/// span-pair corpus), which is aligned once. Keyed by the caller's 128-bit
/// key of the English page's path and the body (see `drift::half_key`)
/// and a hash of the segments.
#[derive(Debug, Default)]
pub struct Alignments(pub(crate) crate::hash::Memo<(u128, u64), std::sync::Arc<Alignment>>);

impl Alignments {
    /// [`align_with`], remembered: `body_key` identifies the English page
    /// `prepared` and the body of `before`.
    pub fn align(
        &self,
        body_key: u128,
        segments: &[Segment<'_>],
        before: &str,
        prepared: &Prepared,
        diffs: &WordDiffs,
    ) -> (Vec<Aligned>, Vec<Added>) {
        use std::hash::{BuildHasher as _, Hasher as _};
        let body = crate::front_matter::body_start(before);
        let front = memchr::memchr_iter(b'\n', &before.as_bytes()[..body]).count();
        let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
        for s in segments {
            h.write_usize((s.line as usize).wrapping_sub(front));
            h.write_usize(s.english.len());
            h.write(s.english.as_bytes());
        }
        let key = (body_key, h.finish());
        self.0
            .get_or_insert_with(
                &key,
                |k| *k,
                || std::sync::Arc::new(align_indexed(segments, before, prepared, diffs)),
            )
            .of(segments)
    }
}

/// [`align_with`] by segment index.
fn align_indexed(
    segments: &[Segment<'_>],
    before: &str,
    prepared: &Prepared,
    diffs: &WordDiffs,
) -> Alignment {
    let current_norm = prepared.body_norm.as_bytes();
    // The bodies are aligned: front matter holds no segment, and the
    // current English's is no text to align with them. `fate`, `kept`,
    // `new_claimed` and `hidden_line` index whole pages.
    let body = crate::front_matter::body_start(before);
    let old_front = memchr::memchr_iter(b'\n', &before.as_bytes()[..body]).count();
    let mut old_lines: Vec<Cow<'_, str>> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1);
    old_lines.extend((0..old_front).map(|_| Cow::Borrowed("")));
    old_lines.extend(crate::markdown::lines(&before[body..]).map(normalized));
    let new_lines = prepared.lines();
    let new_front = prepared.body_line.min(new_lines.len());
    let ops = diff_ops(
        old_lines[old_front..].iter().map(|l| l.as_ref()),
        new_lines[new_front..].iter().copied(),
    );
    let mut kept = vec![false; new_lines.len()];
    // for each old line: the op tag and the new lines it maps to
    let mut fate: Vec<(similar::DiffTag, std::ops::Range<usize>)> =
        vec![(similar::DiffTag::Delete, 0..0); old_lines.len()];
    let mut new_claimed = vec![false; new_lines.len()];
    for op in &ops {
        let new_range = op.new_range().start + new_front..op.new_range().end + new_front;
        for i in op.old_range() {
            fate[old_front + i] = (op.tag(), new_range.clone());
        }
        if op.tag() == similar::DiffTag::Equal {
            for i in new_range {
                kept[i] = true;
            }
        }
    }
    // the segments' English, normalized once (also to tell added text)
    let translated: Vec<Cow<'_, str>> = segments.iter().map(|s| normalized(s.english)).collect();
    // code blocks and HTML comments hold no text to translate
    // (nor does the front matter, but for the values of a few keys)
    let mut hidden = Hidden::default();
    let hidden_line: Vec<bool> = new_lines
        .iter()
        .enumerate()
        .map(|(i, l)| i < prepared.body_line || hidden.hides(l))
        .collect();
    // ranges of rewritten lines that kept a segment's text as it was
    let mut kept_in: std::collections::HashSet<(usize, usize)> = Default::default();
    // First each segment's fate; the current units a changed segment is
    // compared with are cut once per range of current lines (the segments
    // of one rewritten paragraph share it), and their word sets below.
    let mut fates: Vec<(usize, Fate)> = Vec::with_capacity(segments.len());
    let mut units_of_range: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    for (k, (seg, text)) in segments.iter().zip(&translated).enumerate() {
        if text.is_empty() || !text.chars().any(crate::prose::is_letter_or_digit) {
            continue;
        }
        let line = (seg.line as usize)
            .saturating_sub(1)
            .min(old_lines.len().saturating_sub(1));
        let (tag, new_range) = fate
            .get(line)
            .cloned()
            .unwrap_or((similar::DiffTag::Delete, 0..0));
        // a kept line needs no search of the current page
        if tag == similar::DiffTag::Equal {
            for i in new_range.clone() {
                new_claimed[i] = true;
            }
        }
        let key = (new_range.start, new_range.end);
        if tag == similar::DiffTag::Equal
            || memchr::memmem::find(current_norm, text.as_bytes()).is_some()
        {
            if tag != similar::DiffTag::Equal && !new_range.is_empty() {
                kept_in.insert(key);
            }
            fates.push((k, Fate::Unchanged));
            continue;
        }
        let candidates = units_of_range.entry(key).or_insert_with(|| {
            new_range
                .clone()
                .filter(|&i| !hidden_line[i])
                .flat_map(|i| units(new_lines[i]))
                .collect()
        });
        if tag == similar::DiffTag::Delete || candidates.is_empty() {
            fates.push((k, Fate::Removed));
            continue;
        }
        for i in new_range {
            new_claimed[i] = true;
        }
        fates.push((k, Fate::Changed(key)));
    }
    // Then what each changed segment became: the run of consecutive units
    // of its range (as many as it has sentences, at most) most similar to
    // it, if similar enough: (first unit, units).
    let mut sets_of_range: HashMap<(usize, usize), Vec<Vec<Cow<'_, str>>>> = HashMap::new();
    let best: Vec<Option<(usize, usize)>> = fates
        .iter()
        .map(|(k, f)| {
            let Fate::Changed(key) = f else { return None };
            let candidates = &units_of_range[key];
            let sets = sets_of_range
                .entry(*key)
                .or_insert_with(|| candidates.iter().map(|u| token_set(u)).collect());
            let set = token_set(&translated[*k]);
            let longest = split_sentences(&translated[*k]).len().max(1);
            let runs = runs(&set, sets, longest);
            // the most similar; of runs as similar, the shortest (a unit
            // that adds nothing is not part of the change), then the last
            runs.into_iter()
                .max_by(|((_, la), a), ((_, lb), b)| a.total_cmp(b).then(lb.cmp(la)))
                .filter(|(_, sim)| *sim >= CHANGED_MIN)
                .map(|(run, _)| run)
        })
        .collect();
    // The ranges that kept a segment, as it was or changed: the text around
    // the others lived on, so they were removed from it. In a range that
    // kept none (a paragraph rewritten through), the first segment is
    // changed into the whole new text and the others were removed with it:
    // the new text is to translate once, not once per segment.
    let mut matched = kept_in;
    matched.extend(
        fates
            .iter()
            .zip(&best)
            .filter_map(|((_, f), b)| match (f, b) {
                (Fate::Changed(key), Some(_)) => Some(*key),
                _ => None,
            }),
    );
    // the units of each matched range of candidates that some segment took
    let mut taken: HashMap<(usize, usize), Vec<bool>> = units_of_range
        .iter()
        .filter(|(key, _)| matched.contains(*key))
        .map(|(key, units)| (*key, vec![false; units.len()]))
        .collect();
    let mut out = Vec::with_capacity(fates.len());
    for ((k, f), best) in fates.into_iter().zip(best) {
        let text = &translated[k];
        let aligned = |status, change: Option<(String, String)>| (k as u32, status, change);
        let key = match f {
            Fate::Unchanged => {
                out.push(aligned(SegmentStatus::Unchanged, None));
                continue;
            }
            Fate::Removed => {
                out.push(aligned(SegmentStatus::Removed, None));
                continue;
            }
            Fate::Changed(key) => key,
        };
        let candidates = &units_of_range[&key];
        let (after, diff) = match best {
            Some((first, len)) => {
                if let Some(took) = taken.get_mut(&key) {
                    took[first..first + len].iter_mut().for_each(|t| *t = true);
                }
                let after = candidates[first..first + len].join(" ");
                let diff = diffs.diff(text, &after);
                (after, diff)
            }
            // the first segment of a range that kept none: changed into
            // the range, now kept by it (its other segments are removed).
            // Rewritten through, the segment shares few words with the new
            // text, which may be long; a word diff would show the words by
            // chance in both (at a cost that grows with the product of the
            // two lengths), so the diff is the replacement
            None if matched.insert(key) => {
                let after = candidates.join(" ");
                let mut diff = String::new();
                push_change(&mut diff, text.trim(), after.trim());
                (after, diff)
            }
            None => {
                out.push(aligned(SegmentStatus::Removed, None));
                continue;
            }
        };
        out.push(aligned(SegmentStatus::Changed, Some((after, diff))));
    }
    // current English on lines no segment maps to, not already translated;
    // normalized texts hold no line break, so a unit is in one of them
    // exactly when it is in all of them joined by line breaks; and the
    // units of a range that kept segments that none of them took (new text
    // among the rewritten), where the range starts
    let left_at: HashMap<usize, Vec<&str>> = taken
        .iter()
        .map(|(key, took)| {
            let left = units_of_range[key]
                .iter()
                .zip(took)
                .filter(|(_, t)| !**t)
                .map(|(u, _)| u.as_str())
                .collect();
            (key.0, left)
        })
        .collect();
    let mut translated_text: Option<String> = None;
    let mut added = Vec::new();
    let mut add = |u: &str| {
        if crate::lint::tokens::has_translatable_words(u) {
            let all = translated_text.get_or_insert_with(|| join_lines(&translated));
            if memchr::memmem::find(all.as_bytes(), u.as_bytes()).is_none() {
                added.push(Added {
                    words: words(u),
                    text: u.to_string(),
                });
            }
        }
    };
    for (i, line) in new_lines.iter().enumerate() {
        if let Some(left) = left_at.get(&i) {
            left.iter().for_each(|u| add(u));
        }
        if hidden_line[i] || new_claimed[i] || kept[i] {
            continue;
        }
        for u in units(line) {
            add(&u);
        }
    }
    let mut fates = Vec::with_capacity(out.len());
    let mut changes = Vec::new();
    for (k, status, change) in out {
        fates.push((k, status));
        changes.extend(change);
    }
    Alignment {
        fates,
        changes,
        added,
    }
}

/// What the line diff tells of one segment (see [`align_with`]).
enum Fate {
    Unchanged,
    Removed,
    /// Changed; the range of current lines its line became.
    Changed((usize, usize)),
}

fn join_lines(texts: &[Cow<'_, str>]) -> String {
    let mut s = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    for t in texts {
        s.push_str(t);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seg(id: &'static str, line: u32, english: &'static str) -> Segment<'static> {
        Segment { id, line, english }
    }

    fn texts(added: &[Added]) -> Vec<&str> {
        added.iter().map(|a| a.text.as_str()).collect()
    }

    /// The plain definitions the fast paths must agree with.
    mod reference {
        pub fn normalize(s: &str) -> String {
            super::normalize_owned(s)
        }

        /// `is_normal` a byte at a time.
        pub fn is_normal(s: &str) -> bool {
            let b = s.as_bytes();
            if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
                return false;
            }
            let mut prev_space = false;
            (0..b.len()).all(|i| super::normal_byte(s, i, &mut prev_space))
        }

        fn token_set(s: &str) -> std::collections::HashSet<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        }

        pub fn similarity(a: &str, b: &str) -> f64 {
            let (x, y) = (token_set(a), token_set(b));
            if x.is_empty() || y.is_empty() {
                return 0.0;
            }
            2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
        }

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
    }

    /// Text with the characters the fast paths treat specially.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "B",
            "word",
            "Word",
            "x1",
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\u{0b}",
            "\u{0c}",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2003}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{2010}",
            "\u{e9}",
            "\u{c9}",
            "\u{3042}",
            "\u{1c5}",
            "\\*",
            "\\`",
            "\\",
            "<a name=\"x\">",
            "</a>",
            ".",
            ",",
            "|",
            "`",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn normalize_agrees_with_its_definition(s in text()) {
            prop_assert_eq!(normalize(&s), reference::normalize(&s));
        }

        #[test]
        fn prepared_body_is_the_body_normalized(
            front in prop::option::of(text()),
            body in prop::collection::vec(text(), 0..6),
        ) {
            // with and without front matter; lines of every kind
            let mut page = front
                .map(|f| format!("---\ntitle: {}\n---\n", f.replace(['\n', '\r'], " ")))
                .unwrap_or_default();
            page.push_str(&body.join("\n"));
            let start = crate::front_matter::body_start(&page);
            prop_assert_eq!(Prepared::new(&page).body_norm, normalize(&page[start..]));
        }

        #[test]
        fn is_normal_agrees_with_the_byte_loop_on_plain_runs(
            v in prop::collection::vec(
                prop_oneof![
                    40 => Just("a"),
                    12 => Just(" "),
                    1 => Just("\\"),
                    1 => Just("’"),
                    1 => Just("<"),
                    1 => Just("\t"),
                    1 => Just("\u{a0}"),
                    1 => Just("<a name=\""),
                    // kana and CJK punctuation (E3 81 …, E3 80 …) beside
                    // U+3000 (E3 80 80), across the 16-byte lanes
                    6 => Just("ぁ"),
                    2 => Just("、"),
                    1 => Just("\u{3000}"),
                ],
                0..160,
            )
        ) {
            let s = v.concat();
            prop_assert_eq!(is_normal(&s), reference::is_normal(&s));
        }

        #[test]
        fn is_normal_agrees_with_the_byte_loop_on_words(
            v in prop::collection::vec(
                (
                    "a{1,20}(’|<)?a{0,5}",
                    prop_oneof![
                        40 => Just(" "),
                        1 => Just("  "),
                        1 => Just("\n"),
                        1 => Just("\r"),
                        1 => Just("\u{b}"),
                        1 => Just("\u{c}"),
                        1 => Just("\u{2003}"),
                        1 => Just("\u{3000}"),
                    ],
                ),
                0..12,
            )
        ) {
            let s: String = v.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            let s = s.trim_end_matches(' ');
            prop_assert_eq!(is_normal(s), reference::is_normal(s));
        }

        #[test]
        fn is_normal_agrees_with_the_byte_loop(v in prop::collection::vec(text(), 1..6)) {
            // joined by single spaces, as most lines are: many chunks pass whole
            let s = v.join(" ");
            prop_assert_eq!(is_normal(&s), reference::is_normal(&s));
            if is_normal(&s) {
                prop_assert_eq!(normalize_owned(&s), s.clone());
            }
        }

        #[test]
        fn runs_agree_with_the_similarity_of_their_text(a in text(), b in text(), c in text()) {
            // a run's words are those of its units' text joined by a space
            let (sa, sb, sc) = (token_set(&a), token_set(&b), token_set(&c));
            for (run, sim) in runs(&sa, &[sb, sc], 2) {
                let text = match run {
                    (0, 1) => b.clone(),
                    (1, 1) => c.clone(),
                    _ => format!("{b} {c}"),
                };
                prop_assert_eq!(sim.to_bits(), reference::similarity(&a, &text).to_bits());
            }
        }

        #[test]
        fn word_diff_agrees_with_the_text_diff(a in text(), b in text()) {
            prop_assert_eq!(word_diff(&a, &b), reference::word_diff(&a, &b));
        }

        #[test]
        fn word_diff_of_long_texts_agrees(a in prop::collection::vec(text(), 0..12), b in prop::collection::vec(text(), 0..12)) {
            let (a, b) = (a.join(" "), b.join(" "));
            prop_assert_eq!(word_diff(&a, &b), reference::word_diff(&a, &b));
        }
    }

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

    /// The same English translated into two locales (other ids, front
    /// matter of another length) is aligned once, as each alone would be;
    /// other segments of the same body are another alignment.
    #[test]
    fn remembered_alignments_are_the_alignments() {
        let body = "# T\n\nRecover passcode.\n\nIf successful, this method returns a `204 No Content` response code.\n\nThis sentence is gone entirely now.\n";
        let current = "---\ntitle: T\n---\n# T\n\nRecover passcode.\n\nIf successful, this action returns a `204 No Content` response code.\n\nA brand new paragraph.\n";
        let prepared = Prepared::new(current);
        let diffs = WordDiffs::default();
        let memo = Alignments::default();
        let translation = |front: &str, prefix: &'static str| {
            let before = format!("{front}{body}");
            let shift = front.matches('\n').count() as u32;
            let ids: &'static [&'static str] = match prefix {
                "a" => &["a-1", "a-2", "a-3"],
                _ => &["b-1", "b-2", "b-3"],
            };
            (before, shift, ids)
        };
        let english = [
            "Recover passcode.",
            "If successful, this method returns a `204 No Content` response code.",
            "This sentence is gone entirely now.",
        ];
        let show = |(a, added): (Vec<Aligned>, Vec<Added>)| format!("{a:?} {added:?}");
        for (front, prefix) in [
            ("---\nms.contentlocale: ja-JP\n---\n", "a"),
            ("---\ntitle: T\nms.contentlocale: de-DE\n---\n", "b"),
            ("", "a"),
        ] {
            let (before, shift, ids) = translation(front, prefix);
            let segs: Vec<Segment<'_>> = [3, 5, 7]
                .iter()
                .zip(ids)
                .zip(english)
                .map(|((line, id), english)| Segment {
                    id,
                    line: line + shift,
                    english,
                })
                .collect();
            let direct = align_with(&segs, &before, &prepared, &diffs);
            assert!(direct.0.iter().any(|a| a.status == SegmentStatus::Changed));
            let remembered = memo.align(7, &segs, &before, &prepared, &diffs);
            assert_eq!(show(remembered), show(direct), "{front:?}");
        }
        assert_eq!(memo.0.len(), 1);
        // the same body cut into other segments
        let segs = [Segment {
            id: "c-1",
            line: 3,
            english: "Recover passcode.",
        }];
        let direct = align_with(&segs, body, &prepared, &diffs);
        assert_eq!(
            show(memo.align(7, &segs, body, &prepared, &diffs)),
            show(direct)
        );
        assert_eq!(memo.0.len(), 2);
    }

    /// A table whose rows were rewritten (one range of current lines): a
    /// cell that kept a counterpart is changed, the cells of a row deleted
    /// from it are removed, and a row new to it is added text.
    #[test]
    fn rows_of_a_rewritten_table() {
        let segs = [
            seg("r-1", 3, "The display name for the application."),
            seg("r-2", 4, "allowPublicClient"),
            seg("r-3", 4, "Specifies a fallback client type."),
        ];
        let before = "| P | D |\n|---|---|\n| displayName | The display name for the application. |\n| allowPublicClient | Specifies a fallback client type. |\n";
        let current = "| P | D |\n|---|---|\n| displayName | The display name of the application, as shown. |\n| appRoles | The collection of roles that the application may declare. |\n";
        let (a, added) = align(&segs, before, current);
        let status: Vec<_> = a.iter().map(|a| (a.id.as_str(), a.status)).collect();
        assert_eq!(
            status,
            [
                ("r-1", SegmentStatus::Changed),
                ("r-2", SegmentStatus::Removed),
                ("r-3", SegmentStatus::Removed),
            ]
        );
        assert_eq!(
            a[0].after.as_deref(),
            Some("The display name of the application, as shown.")
        );
        let added = texts(&added);
        // (the property name alone is no words to translate)
        assert_eq!(
            added,
            ["The collection of roles that the application may declare."]
        );
    }

    /// A paragraph rewritten through, none of its sentences recognisable:
    /// its first segment is changed into the whole new paragraph, the others
    /// were removed with it, so its words are counted once.
    #[test]
    fn a_paragraph_rewritten_through() {
        let segs = [
            seg("p-1", 3, "Throttling applies to the tenant."),
            seg("p-2", 3, "Retry after the delay given."),
        ];
        let before = "# T\n\nThrottling applies to the tenant. Retry after the delay given.\n";
        let current = "# T\n\nLimits depend on the service. See the limits for details.\n";
        let (a, added) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Changed);
        assert_eq!(
            a[0].after.as_deref(),
            Some("Limits depend on the service. See the limits for details.")
        );
        // the diff is the replacement, not the word both share by chance
        assert_eq!(
            a[0].diff.as_deref(),
            Some("[-Throttling applies to the tenant.-]{+Limits depend on the service. See the limits for details.+}")
        );
        assert_eq!(a[1].status, SegmentStatus::Removed);
        assert!(added.is_empty(), "{added:?}");
    }

    /// Code blocks and HTML comments (ApiDoctor's annotations span lines)
    /// among new or rewritten lines are no text to translate.
    #[test]
    fn code_and_annotations_are_no_added_text() {
        let segs = [seg("c-1", 3, "The response shows the user.")];
        let before = "# T\n\nThe response shows the user.\n";
        let current = "# T\n\nThe response shows the new user.\nA sentence that is new here.\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true\n} -->\n```json\n{ \"displayName\": \"Adele Vance\" }\n```\n";
        let (a, added) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Changed);
        let added = texts(&added);
        assert_eq!(added, ["A sentence that is new here."]);
        assert_eq!(
            unit_words(current),
            words("T The response shows the new user. A sentence that is new here.")
        );
    }

    /// A segment of two sentences became the same two sentences with one
    /// link changed: it changed into both, and neither is added text.
    #[test]
    fn a_segment_of_sentences_becomes_the_run_of_them() {
        let segs = [seg(
            "s-1",
            3,
            "One of the following permissions is required. To learn more, see [Permissions](a.md).",
        )];
        let before = "# T\n\nOne of the following permissions is required. To learn more, see [Permissions](a.md).\n";
        let current = "# T\n\nOne of the following permissions is required. To learn more, see [Permissions](/graph/a).\n";
        let (a, added) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Changed);
        assert_eq!(
            a[0].after.as_deref(),
            Some("One of the following permissions is required. To learn more, see [Permissions](/graph/a).")
        );
        assert!(added.is_empty(), "{added:?}");
    }

    /// A line that kept one of its segments as it was and lost the other:
    /// the other was removed, and the new sentence is added text (not the
    /// change of the lost one into the whole line).
    #[test]
    fn a_line_that_kept_a_segment() {
        let segs = [
            seg("k-1", 3, "Sign in to the portal."),
            seg("k-2", 3, "Pick a subscription."),
        ];
        let before = "# T\n\nSign in to the portal. Pick a subscription.\n";
        let current = "# T\n\nSign in to the portal. Throttling applies per tenant.\n";
        let (a, added) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Unchanged);
        assert_eq!(a[1].status, SegmentStatus::Removed);
        let added = texts(&added);
        assert_eq!(added, ["Throttling applies per tenant."]);
    }

    /// Two segments merged into one sentence both changed into it.
    #[test]
    fn segments_merged_into_one_sentence() {
        let segs = [
            seg("m-1", 3, "Sign in to the portal first."),
            seg("m-2", 3, "Then call the API with a token."),
        ];
        let before = "# T\n\nSign in to the portal first. Then call the API with a token.\n";
        let current = "# T\n\nSign in to the portal first, then call the API with a token.\n";
        let (a, added) = align(&segs, before, current);
        let merged = "Sign in to the portal first, then call the API with a token.";
        assert_eq!(a[0].after.as_deref(), Some(merged));
        assert_eq!(a[1].after.as_deref(), Some(merged));
        assert!(added.is_empty(), "{added:?}");
    }

    /// A paragraph rewritten through along with an annotation after it: the
    /// new text a segment changed into holds no line of the annotation.
    #[test]
    fn a_rewritten_paragraph_leaves_its_annotation_out() {
        let segs = [seg("r-1", 3, "Throttling applies per tenant.")];
        let before =
            "# T\n\nThrottling applies per tenant.\n<!-- {\n  \"blockType\": \"request\"\n} -->\n";
        let current = "# T\n\nLimits depend on the service.\n<!-- {\n  \"name\": \"get_user_response\"\n} -->\n";
        let (a, _) = align(&segs, before, current);
        assert_eq!(a[0].status, SegmentStatus::Changed);
        assert_eq!(a[0].after.as_deref(), Some("Limits depend on the service."));
    }
}
