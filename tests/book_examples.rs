//! Every example command of the book runs, and exits as the book says.
//!
//! Convention (see the book's Commands chapter): in a ```console block, a
//! line `$ locdoc …` is an example command and the lines after it, up to
//! the next `$ ` line, show its output. When the next command is
//! `$ echo $?`, the line after that is the exit code the example states;
//! otherwise the example states 0. Commands in ```sh, ```bash and ```shell
//! blocks are instructions (installing, CI), not examples: they must not run
//! locdoc.
//!
//! Each chapter's examples run in order, through `sh -c` (redirections and
//! `|| …` work) with the built locdoc first on `PATH`, in a scratch
//! directory holding a copy of `examples/graph-docs`: what they write stays
//! there.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;

/// One example command of the book.
#[derive(Debug, PartialEq)]
struct Example {
    /// 1-based line in the chapter.
    line: usize,
    command: String,
    exit: i32,
}

/// The example commands of a chapter, and the locdoc commands found
/// outside console blocks (line, text).
fn examples(md: &str) -> (Vec<Example>, Vec<(usize, String)>) {
    let mut out = Vec::new();
    let mut stray = Vec::new();
    let mut fence: Option<(String, Vec<(usize, &str)>)> = None;
    for (i, line) in md.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            match fence.take() {
                None => fence = Some((info.trim().to_string(), Vec::new())),
                Some((lang, lines)) => {
                    if lang == "console" {
                        out.extend(console(&lines));
                    } else if matches!(lang.as_str(), "sh" | "bash" | "shell") {
                        stray.extend(
                            lines
                                .iter()
                                .filter(|(_, l)| {
                                    let l = l.trim_start().trim_start_matches("$ ");
                                    l == "locdoc" || l.starts_with("locdoc ")
                                })
                                .map(|(n, l)| (*n, l.to_string())),
                        );
                    }
                }
            }
            continue;
        }
        if let Some((_, lines)) = &mut fence {
            lines.push((i + 1, line));
        }
    }
    (out, stray)
}

/// The examples of one console block.
fn console(lines: &[(usize, &str)]) -> Vec<Example> {
    let mut out = Vec::new();
    for (k, (n, line)) in lines.iter().enumerate() {
        let Some(cmd) = line.strip_prefix("$ ") else {
            continue;
        };
        let cmd = cmd.trim();
        if cmd != "locdoc" && !cmd.starts_with("locdoc ") {
            continue;
        }
        let next = lines[k + 1..]
            .iter()
            .position(|(_, l)| l.starts_with("$ "))
            .map(|p| k + 1 + p);
        let exit = match next {
            Some(j) if lines[j].1.trim() == "$ echo $?" => lines
                .get(j + 1)
                .and_then(|(_, l)| l.trim().parse().ok())
                .unwrap_or_else(|| panic!("line {}: `$ echo $?` without an exit code", j + 1)),
            _ => 0,
        };
        out.push(Example {
            line: *n,
            command: cmd.to_string(),
            exit,
        });
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chapters(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            chapters(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

#[test]
fn the_convention_is_read_as_documented() {
    let md = "text\n```console\n$ locdoc lint x\nout\n…\n$ echo $?\n1\n$ locdoc rules\n$ ls\n```\n\
              ```sh\ncargo install --path .\nlocdoc model x\n```\n";
    let (ex, stray) = examples(md);
    assert_eq!(
        ex,
        vec![
            Example {
                line: 3,
                command: "locdoc lint x".into(),
                exit: 1
            },
            Example {
                line: 8,
                command: "locdoc rules".into(),
                exit: 0
            },
        ]
    );
    assert_eq!(stray, vec![(13, "locdoc model x".to_string())]);
}

#[test]
fn book_examples_exit_as_stated() {
    let root = root();
    let mut files = Vec::new();
    chapters(&root.join("docs"), &mut files);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_locdoc"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let scratch_root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("book-examples");
    let _ = std::fs::remove_dir_all(&scratch_root);
    let mut failures = Vec::new();
    let mut count = 0;
    let mut covered = std::collections::BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap().display().to_string();
        let md = std::fs::read_to_string(file).unwrap();
        let (ex, stray) = examples(&md);
        for (n, l) in stray {
            failures.push(format!(
                "{rel}:{n}: `{l}` in a sh block: write examples as `$ {l}` in a console block"
            ));
        }
        if ex.is_empty() {
            continue;
        }
        let scratch = scratch_root.join(rel.replace(['/', '.'], "_"));
        copy_dir(
            &root.join("examples/graph-docs"),
            &scratch.join("examples/graph-docs"),
        );
        for e in ex {
            count += 1;
            if let Some(sub) = e.command.split_whitespace().nth(1) {
                covered.insert(format!("{}:{sub}", rel));
            }
            let out = Command::new("sh")
                .arg("-c")
                .arg(&e.command)
                .current_dir(&scratch)
                .env("PATH", &path)
                .env("HOME", &scratch)
                .env("NO_COLOR", "1")
                .output()
                .expect("run sh");
            let code = out.status.code().unwrap_or(-1);
            if code != e.exit {
                let stderr = String::from_utf8_lossy(&out.stderr);
                let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
                failures.push(format!(
                    "{rel}:{}: `{}` exited {code}, the book says {}\n    {}",
                    e.line,
                    e.command,
                    e.exit,
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n    ")
                ));
            }
        }
    }
    // Each command's chapter shows the command at work.
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap().display().to_string();
        if let Some(name) = rel
            .strip_prefix("docs/commands/")
            .and_then(|n| n.strip_suffix(".md"))
            .filter(|n| *n != "index")
        {
            if !covered.contains(&format!("{rel}:{name}")) {
                failures.push(format!("{rel}: no `$ locdoc {name} …` example"));
            }
        }
    }
    assert!(count >= 20, "only {count} examples found in the book");
    assert!(
        failures.is_empty(),
        "{} of {count} book examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
