//! Span-pair parsing on arbitrary text: no panic, and every segment's byte
//! ranges lie inside the text, on character boundaries, in document order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use locdoc::source::Source;
use locdoc::sxs;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let src = Source::from_text("fuzz.md", text.as_ref());
    let (segments, diags) = sxs::parse(&src);
    let text = src.text.as_str();
    let mut prev_end = 0;
    for s in &segments {
        assert!(s.range.start >= prev_end, "segments overlap: {s:?}");
        assert!(s.range.start <= s.target.start && s.target.end <= s.range.end);
        if let Some(r) = &s.source {
            assert!(s.target.end <= r.start && r.end <= s.range.end, "{s:?}");
        }
        for r in [Some(&s.range), Some(&s.target), s.source.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert!(s.line >= 1 && s.column >= 1);
        assert_eq!((s.line, s.column), src.line_col(s.range.start));
        let _ = (s.target_text(text), s.source_text(text), s.prefix());
        prev_end = s.range.end;
    }
    let lines = text.split('\n').count() as u32;
    for d in &diags {
        assert!(d.line >= 1 && d.line <= lines, "{d:?}");
    }
    for s in sxs::table_cell_pairs(&src) {
        let _ = (s.target_text(text), s.source_text(text));
    }
});
