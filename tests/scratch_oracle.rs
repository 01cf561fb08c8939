use locdoc::discover::Input;
use locdoc::sxs::Side;
use locdoc::Document;
use std::path::{Path, PathBuf};

fn strip_fm(t: &str) -> &str {
    if let Some(rest) = t.strip_prefix("---\n") {
        if let Some(i) = rest.find("\n---\n") {
            return &rest[i + 5..];
        }
    }
    t
}

#[test]
#[ignore]
fn scratch() {
    let base = Path::new("../shared/corpus/sample");
    for loc in ["ja-JP", "zh-CN", "ru-RU", "de-DE"] {
        let mut n1 = 0;
        let mut ok1 = 0;
        let mut n2 = 0;
        let mut ok2 = 0;
        for e in walkdir::WalkDir::new(base.join("live-sxs").join(loc)).sort_by_file_name() {
            let e = e.unwrap();
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(base.join("live-sxs").join(loc))
                .unwrap();
            let doc = Document::read(&Input {
                path: e.path().to_path_buf(),
                root: PathBuf::new(),
            })
            .unwrap();
            let live = base.join("live").join(loc).join(rel);
            if let Ok(live_text) = std::fs::read_to_string(&live) {
                let ldoc = Document::from_text(&live.display().to_string(), &live_text);
                let h = |d: &Document| {
                    d.front_matter
                        .as_ref()
                        .and_then(|f| f.get_str("ms.openlocfilehash"))
                };
                if h(&doc).is_some() && h(&doc) == h(&ldoc) {
                    n1 += 1;
                    let t = doc.extract(Side::Target);
                    if t == live_text {
                        ok1 += 1
                    } else if std::env::var("SHOW").is_ok() {
                        println!("T {}", rel.display());
                    }
                }
            }
            let en = base.join("en-at-source").join(loc).join(rel);
            if let Ok(en_text) = std::fs::read_to_string(&en) {
                n2 += 1;
                let s = doc.extract(Side::Source);
                let re = regex::Regex::new(r#"<a name="[^"]*"></a> ?"#).unwrap();
                let a = re.replace_all(strip_fm(&s), "").trim().to_string();
                let b = re.replace_all(strip_fm(&en_text), "").trim().to_string();
                if a == b {
                    ok2 += 1
                } else if std::env::var("SHOW").is_ok() {
                    println!("S {}", rel.display());
                }
            }
        }
        println!("{loc}: target {ok1}/{n1}  source {ok2}/{n2}");
    }
}
