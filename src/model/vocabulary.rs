//! Localized → English phrases learned from span pairs.
//!
//! Every span pair is a tiny parallel corpus: `委任 (職場または学校のアカウント)`
//! ↔ `Delegated (work or school account)`. The model builder looks up
//! localized table labels here to find their English meaning, so no
//! per-language word lists are needed. Learned per language; a phrase seen
//! with several English halves keeps the most frequent.

use crate::document::Document;
use crate::hash::Map as HashMap;

/// Segments longer than this are prose, not labels, and are not learned.
const MAX_LEN: usize = 120;

#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// language → normalized localized text → English texts and counts
    by_lang: HashMap<String, HashMap<String, Englishes>>,
    /// Label pairs learned and not yet indexed in `by_lang`, by language:
    /// `(key, English)`. A page teaches a handful of labels, which a list
    /// holds for less than a map per page cost to build and free; a
    /// [`merge`](Self::merge) indexes them (and so does a list grown past
    /// [`MAX_FRESH`]).
    fresh: Vec<(String, Vec<(String, String)>)>,
}

/// Label pairs a vocabulary keeps unindexed at most.
const MAX_FRESH: usize = 64;

/// The English texts seen for one localized phrase, with their counts: a
/// list, as most phrases have one or two (a map per phrase cost more to
/// build, merge and free than it saved).
type Englishes = Vec<(String, u32)>;

/// Adds `n` to the count of `english`.
fn count(englishes: &mut Englishes, english: String, n: u32) {
    match englishes.iter_mut().find(|(e, _)| *e == english) {
        Some((_, c)) => *c += n,
        None => englishes.push((english, n)),
    }
}

/// Adds `n` to the count of `english` for `key` (allocating nothing for a
/// key known already).
fn add(map: &mut HashMap<String, Englishes>, key: String, english: String, n: u32) {
    match map.get_mut(&key) {
        Some(englishes) => count(englishes, english, n),
        None => {
            map.insert(key, vec![(english, n)]);
        }
    }
}

/// The English with the highest count; of equal counts, the first in
/// code point order.
fn most_frequent<'a>(englishes: impl IntoIterator<Item = (&'a str, u32)>) -> Option<&'a str> {
    englishes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(e, _)| e)
}

/// Normalization used for lookups: whitespace squashed, case folded.
pub fn normalize(s: &str) -> String {
    fold_case(crate::markdown::squash(s))
}

/// [`normalize`] of text squashed already (as [`markdown::plain_inline`]
/// returns it): only the case is left to fold, in place for ASCII.
///
/// [`markdown::plain_inline`]: crate::markdown::plain_inline
fn fold_case(mut s: String) -> String {
    if s.chars().all(|c| c.is_ascii() || caseless(c)) {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

/// Is `c` in a block of characters none of which has a lower case form:
/// CJK punctuation, kana, ideographs and Hangul syllables, what most
/// Chinese, Japanese and Korean labels are written in (tested for every
/// code point of these blocks)?
fn caseless(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ff20}')
}

/// The lookup key of a pair's localized half and its English, as plain
/// text (a half left in English, as most first-column cells are, read once).
fn pair(english: &str, localized: &str) -> (String, String) {
    let plain = crate::markdown::plain_inline(english);
    let key = if localized == english {
        plain.clone()
    } else {
        crate::markdown::plain_inline(localized)
    };
    (fold_case(key), plain)
}

impl Vocabulary {
    /// Learns the short segments of a span-pair document.
    pub fn learn(&mut self, doc: &Document) {
        let text = &doc.source.text;
        let map = self.lang_map(doc.locale.language());
        for seg in &doc.segments {
            let Some(src) = &seg.source else { continue };
            let target = seg.target_text(text);
            if target.len() > MAX_LEN || target.trim().is_empty() {
                continue;
            }
            let (key, english) = pair(&text[src.clone()], target);
            add(map, key, english, 1);
        }
    }

    /// Learns only the pairs that fill a whole first-column table cell
    /// (`| pair |` at the start of a row): the labels the model looks up
    /// (permission types, header names). Much smaller than [`learn`](Self::learn)
    /// over a large tree.
    pub fn learn_labels(&mut self, doc: &Document) {
        self.learn_cells(&doc.source.text, &doc.segments, doc.locale.language());
    }

    /// [`learn_labels`](Self::learn_labels) on parts of a document.
    pub fn learn_cells(&mut self, text: &str, segments: &[crate::sxs::Segment], lang: &str) {
        if segments.is_empty() {
            return;
        }
        for seg in segments {
            let Some(src) = &seg.source else { continue };
            let before = text[..seg.range.start].trim_end_matches([' ', '\t']);
            let after = text[seg.range.end..].trim_start_matches([' ', '\t']);
            if !before.ends_with('|') || !after.starts_with('|') || seg.target.len() > MAX_LEN {
                continue;
            }
            // first column only: row labels and header names
            let cell_start = before.len() - 1;
            let line_start = before[..cell_start].rfind('\n').map_or(0, |i| i + 1);
            if !before[line_start..cell_start].trim().is_empty() {
                continue;
            }
            let pair = pair(&text[src.clone()], seg.target_text(text));
            let fresh = match self.fresh.last_mut() {
                Some((l, pairs)) if l == lang => pairs,
                _ => {
                    self.fresh.push((lang.to_string(), Vec::new()));
                    &mut self.fresh.last_mut().expect("pushed").1
                }
            };
            fresh.push(pair);
            if fresh.len() > MAX_FRESH {
                self.index_fresh();
            }
        }
    }

    /// The phrases learned for `lang`, created empty the first time.
    fn lang_map(&mut self, lang: &str) -> &mut HashMap<String, Englishes> {
        if !self.by_lang.contains_key(lang) {
            self.by_lang.insert(lang.to_string(), HashMap::default());
        }
        self.by_lang.get_mut(lang).expect("inserted")
    }

    /// Moves the fresh label pairs into the index.
    fn index_fresh(&mut self) {
        let fresh = std::mem::take(&mut self.fresh);
        self.index(fresh);
    }

    /// Counts label pairs (by language) in the index.
    fn index(&mut self, fresh: Vec<(String, Vec<(String, String)>)>) {
        for (lang, pairs) in fresh {
            let map = self.lang_map(&lang);
            for (key, english) in pairs {
                add(map, key, english, 1);
            }
        }
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: Vocabulary) {
        for (lang, entries) in other.by_lang {
            let map = self.lang_map(&lang);
            for (key, englishes) in entries {
                match map.get_mut(&key) {
                    None => {
                        map.insert(key, englishes);
                    }
                    Some(known) => {
                        for (english, n) in englishes {
                            count(known, english, n);
                        }
                    }
                }
            }
        }
        self.index(other.fresh);
    }

    /// Learns from every span-pair document of a set.
    pub fn from_documents<'d>(docs: impl IntoIterator<Item = &'d Document>) -> Self {
        let mut v = Vocabulary::default();
        for d in docs {
            if !d.segments.is_empty() {
                v.learn(d);
            }
        }
        v
    }

    /// The English for a localized phrase of language `lang`.
    pub fn lookup(&self, lang: &str, localized: &str) -> Option<&str> {
        if self.is_empty() {
            return None;
        }
        let key = normalize(localized);
        let indexed = self.by_lang.get(lang).and_then(|m| m.get(&key));
        let counted = indexed.into_iter().flatten().map(|(e, n)| (e.as_str(), *n));
        if self.fresh.is_empty() {
            return most_frequent(counted);
        }
        // the fresh pairs' counts added to the indexed ones
        let fresh = self
            .fresh
            .iter()
            .filter(|(l, _)| l == lang)
            .flat_map(|(_, pairs)| pairs)
            .filter(|(k, _)| *k == key);
        let mut tally: Vec<(&str, u32)> = counted.collect();
        for (_, english) in fresh {
            match tally.iter_mut().find(|(e, _)| e == english) {
                Some((_, n)) => *n += 1,
                None => tally.push((english, 1)),
            }
        }
        most_frequent(tally)
    }

    pub fn is_empty(&self) -> bool {
        self.by_lang.is_empty() && self.fresh.is_empty()
    }
}

/// Lookups for one document: its own table-cell pairs first (learned on
/// the first lookup), then the phrases shared by the whole run (never
/// copied: the shared vocabulary can be large).
pub struct Lookup<'v> {
    doc: Option<&'v Document>,
    own: std::cell::OnceCell<Vocabulary>,
    shared: &'v Vocabulary,
    /// The phrases looked up past the document's own pairs, in the shared
    /// vocabulary: `(language, localized)`.
    asked_shared: std::cell::RefCell<Vec<(String, String)>>,
}

impl<'v> Lookup<'v> {
    pub fn new(doc: &'v Document, shared: &'v Vocabulary) -> Self {
        Lookup {
            doc: (!doc.segments.is_empty()).then_some(doc),
            own: std::cell::OnceCell::new(),
            shared,
            asked_shared: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Lookups in `own` (a document's table-cell pairs, already learned
    /// with [`Vocabulary::learn_labels`]) first, then in `shared`.
    pub fn with_own(own: Vocabulary, shared: &'v Vocabulary) -> Self {
        Lookup {
            doc: None,
            own: std::cell::OnceCell::from(own),
            shared,
            asked_shared: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The document's own pairs, when they were learned (given to
    /// [`with_own`](Self::with_own) or needed by a lookup).
    pub fn into_own(self) -> Option<Vocabulary> {
        self.own.into_inner()
    }

    /// Only the shared phrases.
    pub fn shared(shared: &'v Vocabulary) -> Self {
        Lookup {
            doc: None,
            own: std::cell::OnceCell::new(),
            shared,
            asked_shared: std::cell::RefCell::new(Vec::new()),
        }
    }

    pub fn lookup(&self, lang: &str, localized: &str) -> Option<&str> {
        let own = self.own.get().or_else(|| {
            self.doc.map(|d| {
                self.own.get_or_init(|| {
                    let mut v = Vocabulary::default();
                    v.learn_labels(d);
                    v
                })
            })
        });
        own.and_then(|v| v.lookup(lang, localized)).or_else(|| {
            self.asked_shared
                .borrow_mut()
                .push((lang.to_string(), localized.to_string()));
            self.shared.lookup(lang, localized)
        })
    }

    /// Did any lookup need the shared phrases (so the result depends on
    /// the other documents of the run)?
    pub fn consulted_shared(&self) -> bool {
        !self.asked_shared.borrow().is_empty()
    }

    /// The phrases looked up in the shared vocabulary: `(language, localized)`.
    pub fn shared_queries(&self) -> Vec<(String, String)> {
        self.asked_shared.borrow().clone()
    }
}

/// Would any of `queries` (from [`Lookup::shared_queries`]) find an answer
/// in `vocab`? If none would, a result computed with an empty shared
/// vocabulary is the result with `vocab`.
pub fn answers_any(vocab: &Vocabulary, queries: &[(String, String)]) -> bool {
    queries
        .iter()
        .any(|(lang, localized)| vocab.lookup(lang, localized).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_blocks_have_no_lower_case() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| caseless(c))
        {
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn normalize_squashes_and_folds_case() {
        for s in [
            "",
            "  Delegated  (work or\tschool account) ",
            "Anwendung\u{a0}ÄÖÜ",
            "委任\u{3000}（職場）",
            "ΣΊΣΥΦΟΣ ς",
        ] {
            let expected = s
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(normalize(s), expected, "{s:?}");
        }
    }

    /// A span-pair table row: `| localized | value |`.
    fn row(id: u32, localized: &str, english: &str) -> String {
        format!(
            "| <span data-ttu-id=\"ab-{id}\">{localized}</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab-{id}\">{english}</span></span> | x |\n"
        )
    }

    #[test]
    fn fresh_labels_answer_as_indexed_ones() {
        // one label with two Englishes (the more frequent wins, then the
        // first in code point order), one left in English, one in a
        // paragraph (not learned)
        let rows = [
            ("Anwendung", "Application"),
            ("Anwendung", "Application"),
            ("Anwendung", "App"),
            ("Delegiert", "Delegated"),
            ("Delegiert", "Assigned"),
            ("Header", "Header"),
            ("**Wert**", "Value"),
        ];
        let mut text = String::from("# T\n\n|a|b|\n|-|-|\n");
        for (i, (l, e)) in rows.iter().enumerate() {
            text.push_str(&row(i as u32, l, e));
        }
        text.push_str("\n<span data-ttu-id=\"ab-99\">Text</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab-99\">Prose</span></span>\n");
        let doc = Document::from_text("de-DE/a.md", &text);
        let mut own = Vocabulary::default();
        own.learn_labels(&doc);
        assert!(own.by_lang.is_empty() && !own.fresh.is_empty());
        let mut indexed = Vocabulary::default();
        indexed.merge(own.clone());
        assert!(indexed.fresh.is_empty());
        // the run's vocabulary knew some of them already
        let mut run = Vocabulary::default();
        run.merge(own.clone());
        let mut both = run.clone();
        both.learn_labels(&doc);
        let mut both_indexed = run;
        both_indexed.merge(own.clone());
        for asked in [
            "Anwendung",
            "anwendung",
            "DELEGIERT",
            "Header",
            "Wert",
            "Text",
            "Nichts",
        ] {
            assert_eq!(
                own.lookup("de", asked),
                indexed.lookup("de", asked),
                "{asked}"
            );
            assert_eq!(
                both.lookup("de", asked),
                both_indexed.lookup("de", asked),
                "{asked}"
            );
            assert_eq!(own.lookup("ja", asked), None, "{asked}");
        }
        assert_eq!(own.lookup("de", "Anwendung"), Some("Application"));
        assert_eq!(own.lookup("de", "Delegiert"), Some("Assigned"));
        assert_eq!(own.lookup("de", "Wert"), Some("Value"));
        assert_eq!(own.lookup("de", "Text"), None);
    }

    #[test]
    fn many_labels_are_indexed() {
        let mut text = String::from("|a|b|\n|-|-|\n");
        for i in 0..(MAX_FRESH as u32 * 2) {
            text.push_str(&row(i, &format!("L{i}"), &format!("E{i}")));
        }
        let doc = Document::from_text("de-DE/a.md", &text);
        let mut v = Vocabulary::default();
        v.learn_labels(&doc);
        assert!(v.fresh.iter().map(|(_, p)| p.len()).sum::<usize>() <= MAX_FRESH);
        for i in 0..(MAX_FRESH * 2) {
            assert_eq!(
                v.lookup("de", &format!("l{i}")),
                Some(format!("E{i}").as_str())
            );
        }
    }

    proptest::proptest! {
        // `learn` keys are `fold_case(plain_inline(x))`: the same as the
        // `normalize` that lookups use, because `plain_inline` squashes
        #[test]
        fn learned_keys_are_normalized(
            s in "[ \t\n\u{a0}\u{3000}a-zA-ZÄΣς委*_`\\[\\]()&;<>!#|\\\\]{0,24}"
        ) {
            let plain = crate::markdown::plain_inline(&s);
            proptest::prop_assert_eq!(fold_case(plain.clone()), normalize(&plain));
        }
    }
}
