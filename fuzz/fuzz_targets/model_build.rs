//! Reading and modelling arbitrary text: no panic; the model serializes,
//! and building it twice gives the same model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use locdoc::model::{self, Vocabulary};
use locdoc::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // the path gives the page a locale, as in a real tree
    let doc = Document::from_text("ja-JP/api/fuzz.md", &text);
    let mut vocab = Vocabulary::default();
    vocab.learn_labels(&doc);
    let m = model::build(&doc, &vocab);
    let again = model::build(&doc, &vocab);
    let json = serde_json::to_string(&m).expect("a model always serializes");
    assert_eq!(json, serde_json::to_string(&again).unwrap());
    let _ = model::segments(&doc);
    let _ = model::build(&doc, &Vocabulary::default());
});
