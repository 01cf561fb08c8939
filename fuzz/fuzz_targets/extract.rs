//! Extracting either half of arbitrary text: no panic, and a text without
//! span pairs extracts to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use locdoc::sxs::Side;
use locdoc::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::from_text("de-DE/fuzz.md", &text);
    let target = doc.extract(Side::Target);
    let source = doc.extract(Side::Source);
    if doc.segments.is_empty() {
        assert_eq!(target, text.as_ref());
        assert_eq!(source, text.as_ref());
    }
    // the English half read again as a document of its own
    let _ = doc.english_half();
    let _ = doc.localized_text();
});
