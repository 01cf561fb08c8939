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
}

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

/// Normalization used for lookups: whitespace squashed, case folded.
pub fn normalize(s: &str) -> String {
    fold_case(crate::markdown::squash(s))
}

/// [`normalize`] of text squashed already (as [`markdown::plain_inline`]
/// returns it): only the case is left to fold, in place for ASCII.
///
/// [`markdown::plain_inline`]: crate::markdown::plain_inline
fn fold_case(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
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
            count(map.entry(key).or_default(), english, 1);
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
        let map = self.lang_map(lang);
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
            let (key, english) = pair(&text[src.clone()], seg.target_text(text));
            count(map.entry(key).or_default(), english, 1);
        }
    }

    /// The phrases learned for `lang`, created empty the first time.
    fn lang_map(&mut self, lang: &str) -> &mut HashMap<String, Englishes> {
        self.by_lang.entry(lang.to_string()).or_default()
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: Vocabulary) {
        for (lang, entries) in other.by_lang {
            let map = self.by_lang.entry(lang).or_default();
            for (key, englishes) in entries {
                match map.entry(key) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(englishes);
                    }
                    std::collections::hash_map::Entry::Occupied(mut o) => {
                        for (english, n) in englishes {
                            count(o.get_mut(), english, n);
                        }
                    }
                }
            }
        }
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
        let entry = self.by_lang.get(lang)?.get(&normalize(localized))?;
        entry
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(e, _)| e.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.by_lang.is_empty()
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
