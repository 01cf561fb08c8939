//! The book stays true: the rule reference is generated from the rule
//! sources and must be committed up to date.

use std::path::Path;

#[test]
fn rule_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = locdoc::rules::reference();
    if std::env::var_os("LOCDOC_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md` \
         (or `LOCDOC_BLESS=1 cargo test --test book`)"
    );
}
