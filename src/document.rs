//! Reading one file into a [`Document`]: its text, front matter, form,
//! locale and span-pair segments.

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Input;
use crate::front_matter::{self, FrontMatter};
use crate::locale::{self, Locale, LocaleOrigin};
use crate::source::Source;
use crate::sxs::{self, Segment, Side};
use serde::Serialize;
use std::path::Path;

/// The three forms a page is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// Side-by-side: localized and English halves in span pairs.
    SpanPair,
    /// Plain localized Markdown.
    Plain,
    /// The English source.
    English,
}

/// A read document. Offsets in `segments` and `front_matter` index `source.text`.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    /// Path relative to the locale root (or the input root), `/`-separated.
    pub rel_path: String,
    pub front_matter: Option<FrontMatter>,
    pub form: Form,
    pub locale: Locale,
    pub segments: Vec<Segment>,
    pub diagnostics: Vec<Diagnostic>,
    /// Read from the file that `source.path` names (not given as text).
    pub from_file: bool,
}

/// Opens `path` for reading without blocking on a FIFO or device.
#[cfg(unix)]
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Opens `path` for reading if it is a regular file.
#[cfg(not(unix))]
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    std::fs::File::open(path)
}

impl Document {
    /// Reads and analyses a file. `Err` only when nothing could be read.
    pub fn read(input: &Input) -> Result<Document, Diagnostic> {
        let path = crate::discover::display(&input.path);
        let io = |e: std::io::Error| {
            Diagnostic::file(
                &path,
                Severity::Error,
                "io-error",
                format!("cannot read: {e}"),
            )
        };
        let not_regular = || {
            Diagnostic::file(
                &path,
                Severity::Error,
                "io-error",
                "not a regular file (FIFO, socket, device or directory); skipped",
            )
        };
        // The file may have changed since discovery: opening a FIFO put in
        // its place must not block, so it is opened non-blocking (on Unix;
        // elsewhere the path is checked first) and the handle checked.
        let mut file = open_no_block(&input.path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(not_regular());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // through `take`, which reads to the end without asking the file
        // its size and position again (`File::read_to_end` would)
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, u64::MAX), &mut bytes)
            .map_err(io)?;
        let (source, diags) = Source::decode(&path, bytes)?;
        let mut doc = Self::from_source(source, &input.path, &input.root, diags);
        // the path as displayed names the file (no character escaped)
        doc.from_file = input.path.to_str() == Some(path.as_str());
        Ok(doc)
    }

    /// Analyses text already in memory (`path` is used for locale and identity).
    pub fn from_text(path: &str, text: &str) -> Document {
        let p = Path::new(path);
        Self::from_source(
            Source::from_text(path, text),
            p,
            p.parent().unwrap_or(Path::new("")),
            Vec::new(),
        )
    }

    fn from_source(
        source: Source,
        path: &Path,
        root: &Path,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Document {
        let front_matter = front_matter::parse(&source, &mut diagnostics);
        let (segments, sxs_diags) = if sxs::may_hold_pairs(&source.text) {
            sxs::parse(&source)
        } else {
            (Vec::new(), Vec::new())
        };
        diagnostics.extend(sxs_diags);
        let path_locale = locale::from_path(path);
        let locale_root = path_locale.as_ref().map_or(root, |(_, r)| r.as_path());
        let rel_path = path
            .strip_prefix(locale_root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let mut doc = Document {
            source,
            rel_path: if rel_path.is_empty() {
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                rel_path
            },
            front_matter,
            form: Form::Plain,
            locale: Locale::unknown(),
            segments,
            diagnostics,
            from_file: false,
        };
        doc.locale = doc.determine_locale(path_locale.map(|(tag, _)| tag));
        doc.form = if !doc.segments.is_empty() {
            Form::SpanPair
        } else if doc.locale.is_english() {
            Form::English
        } else {
            Form::Plain
        };
        if doc.locale.is_uncertain() {
            let msg = format!(
                "locale detected as `{}` with low confidence ({:.2}); set `ms.contentlocale` \
                 in the front matter or put the file under a locale directory",
                doc.locale.tag, doc.locale.confidence
            );
            doc.diagnostics.push(Diagnostic::file(
                &doc.source.path,
                Severity::Warning,
                "locale-uncertain",
                msg,
            ));
        }
        doc
    }

    fn determine_locale(&self, path_tag: Option<String>) -> Locale {
        let fm_tag = self
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get_str("ms.contentlocale"))
            .filter(|t| !t.is_empty());
        if let Some(tag) = fm_tag {
            return Locale {
                tag: locale::normalize_tag(&tag),
                origin: LocaleOrigin::FrontMatter,
                confidence: 1.0,
            };
        }
        if let Some(tag) = path_tag {
            return Locale {
                tag,
                origin: LocaleOrigin::Path,
                confidence: 1.0,
            };
        }
        match locale::detect(&crate::prose::language_sample(&crate::prose::sample(self))) {
            Some((tag, confidence)) => Locale {
                tag,
                origin: LocaleOrigin::Detected,
                confidence,
            },
            None => Locale::unknown(),
        }
    }

    /// Declares the document to be the English source (files under
    /// `--source`), whatever its front matter or path say.
    pub fn set_english(&mut self) {
        self.locale = Locale {
            tag: "en-US".into(),
            origin: LocaleOrigin::Given,
            confidence: 1.0,
        };
        if self.segments.is_empty() {
            self.form = Form::English;
        }
        self.diagnostics.retain(|d| d.code != "locale-uncertain");
    }

    /// The English half of a span-pair document as an English document of
    /// its own (same path, pairs replaced by their English halves).
    pub fn english_half(&self) -> Document {
        self.english_half_of(&self.extract(Side::Source))
    }

    /// [`english_half`](Self::english_half) from its text, extracted
    /// already (`self.extract(Side::Source)`).
    pub fn english_half_of(&self, text: &str) -> Document {
        let mut d = Document::from_text(&self.source.path, text);
        d.rel_path = self.rel_path.clone();
        d.set_english();
        d
    }

    /// Byte offset where the Markdown body starts (after front matter).
    pub fn body_start(&self) -> usize {
        self.front_matter.as_ref().map_or(0, |fm| fm.range.end)
    }

    /// The text with every pair replaced by its `side` half (the text itself
    /// for documents without pairs).
    pub fn extract(&self, side: Side) -> String {
        sxs::extract_with(&self.source.text, &self.segments, side, self.url_locale())
    }

    /// [`extract`](Self::extract) of the lines `lines` (byte offsets at
    /// line starts), when the document keeps its lines on either side
    /// ([`sxs::extract_lines`]).
    pub fn extract_lines(&self, side: Side, lines: std::ops::Range<usize>) -> Option<String> {
        sxs::extract_lines(
            &self.source.text,
            &self.segments,
            side,
            self.url_locale(),
            lines,
        )
    }

    /// The locale the pipeline wrote into URLs of the English halves
    /// (declared ones only: a detected locale is a guess).
    fn url_locale(&self) -> Option<&str> {
        (self.locale.origin != locale::LocaleOrigin::Detected).then_some(self.locale.tag.as_str())
    }

    /// The localized Markdown of the document (plain text for plain files).
    pub fn localized_text(&self) -> std::borrow::Cow<'_, str> {
        if self.segments.is_empty() {
            std::borrow::Cow::Borrowed(&self.source.text)
        } else {
            std::borrow::Cow::Owned(self.extract(Side::Target))
        }
    }
}
