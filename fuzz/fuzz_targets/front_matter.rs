//! Decoding arbitrary bytes and reading their front matter: no panic, no
//! unbounded time or memory (YAML aliases, deep nesting), positions inside
//! the text and the body starting on a character boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use locdoc::front_matter;
use locdoc::source::Source;

fuzz_target!(|data: &[u8]| {
    let Ok((src, mut diags)) = Source::decode("fuzz.md", data.to_vec()) else {
        return;
    };
    let fm = front_matter::parse(&src, &mut diags);
    let text = src.text.as_str();
    let body = front_matter::body_start(text);
    assert!(body <= text.len() && text.is_char_boundary(body));
    if let Some(fm) = &fm {
        assert_eq!(fm.range.end, body);
        assert!(fm.yaml.start <= fm.yaml.end && fm.yaml.end <= fm.range.end);
        for key in ["title", "ms.contentlocale", "ms.sourcegitcommit"] {
            let _ = fm.get_str(key);
        }
    }
    let lines = text.split('\n').count() as u32;
    for d in &diags {
        assert!(d.line <= lines, "{d:?} beyond line {lines}");
    }
});
