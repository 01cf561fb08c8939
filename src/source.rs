//! Turning bytes into text: BOM, invalid UTF-8 and binary files, and mapping
//! byte offsets back to line and column for diagnostics.

use crate::diagnostic::{Diagnostic, Severity};

/// A decoded input file. `text` never contains the BOM; offsets everywhere in
/// locdoc are byte offsets into `text`.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// The file started with a UTF-8 byte order mark (removed from `text`).
    pub bom: bool,
    /// Built on first use: most files never need a position.
    lines: std::sync::OnceLock<LineIndex>,
}

impl Source {
    /// Source from text already in memory (tests, fuzzing, stdin).
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            bom: false,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// Decodes `bytes`. Binary files are refused (an error diagnostic);
    /// invalid UTF-8 is replaced by U+FFFD with a warning at the first bad byte.
    pub fn decode(path: &str, mut bytes: Vec<u8>) -> Result<(Source, Vec<Diagnostic>), Diagnostic> {
        let mut diags = Vec::new();
        let probe = &bytes[..bytes.len().min(8192)];
        if let Some(at) = memchr::memchr(0, probe) {
            return Err(Diagnostic::file(
                path,
                Severity::Error,
                "binary-file",
                format!(
                    "NUL byte at byte {at}; the file looks binary, not Markdown, and was skipped"
                ),
            ));
        }
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        if bom {
            // in place: no second buffer for the text
            bytes.drain(..3);
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let idx = LineIndex::new(&prefix);
                diags.push(Diagnostic::new(
                    path,
                    idx.line_col(&prefix, valid),
                    Severity::Warning,
                    "invalid-utf8",
                    format!(
                        "invalid UTF-8 at byte {valid}; bad bytes were replaced by U+FFFD \
                         (save the file as UTF-8)"
                    ),
                ));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        if text.trim().is_empty() {
            diags.push(Diagnostic::file(
                path,
                Severity::Warning,
                "empty-file",
                "file is empty",
            ));
        }
        let mut source = Source::from_text(path, text);
        source.bom = bom;
        Ok((source, diags))
    }

    fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based (line, column) of a byte offset; column counts characters.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.index().line_col(&self.text, offset)
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        self.index().line_text(&self.text, line)
    }

    /// The byte offset where the 1-based line `line` starts (line 0 is
    /// line 1); None past the last line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.index().line_start(line)
    }
}

/// Start offsets of every line, and character counts at fixed steps so
/// that a column on a very long line costs at most one step of counting
/// (a 100 MB single line must not make every position quadratic).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `marks[k]`: characters in `text[..k * STEP]` (empty for short
    /// texts); counted on the first column asked on a long line only.
    marks: std::sync::OnceLock<Vec<usize>>,
}

const STEP: usize = 256;

/// Characters starting in `bytes` (bytes that are not UTF-8 continuations).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            marks: std::sync::OnceLock::new(),
        }
    }

    fn marks(&self, text: &str) -> &[usize] {
        self.marks.get_or_init(|| {
            let mut marks = Vec::new();
            if text.len() > STEP {
                let mut total = 0;
                marks.push(0);
                for block in text.as_bytes().chunks_exact(STEP) {
                    total += chars_in(block);
                    marks.push(total);
                }
            }
            marks
        })
    }

    /// Characters in `text[..offset]`, `offset` a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let marks = self.marks(text);
        let k = (offset / STEP).min(marks.len().saturating_sub(1));
        let from = k * STEP;
        marks.get(k).copied().unwrap_or(0) + chars_in(&text.as_bytes()[from..offset])
    }

    /// The byte offset where the 1-based line `line` starts (line 0 is
    /// line 1); None past the last line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get((line as usize).saturating_sub(1)).copied()
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        // `starts[0]` is 0, so at least one start is <= offset
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = if end - start <= 2 * STEP || text.len() <= STEP {
            text[start..end].chars().count()
        } else {
            self.chars_before(text, end) - self.chars_before(text, start)
        };
        (line as u32 + 1, (col + 1) as u32)
    }

    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Lines and columns of offsets asked front to back, each counted on from
/// the offset asked before: what [`LineIndex::line_col`] answers, without
/// indexing every line of the text (an outline asks about its headings,
/// blocks and links, in the order of the page). An offset before the one
/// asked last is counted again from the start of the text.
#[derive(Debug)]
pub struct LineCursor<'t> {
    text: &'t str,
    /// The offset asked last (a character boundary), its line and the
    /// characters before it on that line.
    at: usize,
    line: u32,
    col: usize,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> Self {
        LineCursor {
            text,
            at: 0,
            line: 1,
            col: 0,
        }
    }

    /// The 1-based line and column (in characters) of `offset`.
    pub fn line_col(&mut self, offset: usize) -> (u32, u32) {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        if end < self.at {
            *self = LineCursor::new(self.text);
        }
        let passed = &self.text.as_bytes()[self.at..end];
        match memchr::memrchr(b'\n', passed) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', passed).count() as u32;
                self.col = chars_in(&passed[last + 1..]);
            }
            None => self.col += chars_in(passed),
        }
        self.at = end;
        (self.line, self.col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn cursor_answers_as_the_index(
            text in "[a\nア\r é]{0,80}",
            asked in proptest::collection::vec(0usize..90, 0..12),
        ) {
            let index = LineIndex::new(&text);
            let mut cursor = LineCursor::new(&text);
            // front to back, then in any order
            let mut sorted = asked.clone();
            sorted.sort_unstable();
            for offset in sorted.into_iter().chain(asked) {
                proptest::prop_assert_eq!(cursor.line_col(offset), index.line_col(&text, offset), "{}", offset);
            }
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let s = Source::from_text("x", "ab\nアイウ\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(6), (2, 2));
        assert_eq!(s.line_text(2), "アイウ");
    }

    #[test]
    fn columns_on_long_lines_agree_with_counting() {
        let mut text = String::from("ab\n");
        for i in 0..5000 {
            text.push_str(if i % 3 == 0 { "アイ" } else { "xyz " });
        }
        text.push_str("\nend");
        let idx = LineIndex::new(&text);
        for offset in (0..text.len())
            .step_by(997)
            .chain([text.len() - 1, text.len()])
        {
            let mut end = offset;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..end].matches('\n').count() as u32 + 1;
            let col = text[start..end].chars().count() as u32 + 1;
            assert_eq!(idx.line_col(&text, offset), (line, col), "offset {offset}");
        }
    }

    #[test]
    fn bom_is_removed_and_binary_refused() {
        let (s, d) = Source::decode("x", b"\xEF\xBB\xBF# T\n".to_vec()).unwrap();
        assert!(s.bom && d.is_empty());
        assert_eq!(s.text, "# T\n");
        assert!(Source::decode("x", b"\x00\x01".to_vec()).is_err());
    }

    #[test]
    fn invalid_utf8_is_a_warning_with_position() {
        let (s, d) = Source::decode("x", b"ok\nab\xFFcd".to_vec()).unwrap();
        assert_eq!(d[0].code, "invalid-utf8");
        assert_eq!((d[0].line, d[0].column), (2, 3));
        assert!(s.text.contains('\u{FFFD}'));
    }
}
