//! The command line as a whole: completions and man pages cover every
//! command, every `--help` has examples, the global options, errors with
//! hints, and `locdoc init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn locdoc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("run locdoc")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The commands `locdoc --help` lists (without `help`).
fn commands() -> Vec<String> {
    let help = text(&locdoc(&["--help"], &root()).stdout);
    let list: Vec<String> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    for known in [
        "lint",
        "rules",
        "rule",
        "model",
        "extract",
        "drift",
        "init",
        "completions",
        "man",
    ] {
        assert!(list.iter().any(|c| c == known), "{known} not in {list:?}");
    }
    list
}

#[test]
fn completions_and_man_pages_cover_every_command() {
    let commands = commands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = locdoc(&["completions", shell], &root());
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        for c in &commands {
            assert!(script.contains(c.as_str()), "{shell} script lacks `{c}`");
        }
        // options of commands and values of enumerations complete too
        assert!(script.contains("source"), "{shell}: no --source");
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(script.contains("sarif"), "{shell}: no format values");
        }
    }
    for name in ["man", "manpage"] {
        let o = locdoc(&[name], &root());
        assert_eq!(o.status.code(), Some(0));
        let page = text(&o.stdout);
        assert!(page.contains(".TH locdoc 1"), "{page}");
        assert!(page.contains(".SH EXAMPLES"));
        for c in &commands {
            assert!(
                page.contains(&format!("locdoc\\-{c}(1)")),
                "man page lacks `{c}`"
            );
        }
    }
    let dir = scratch("man");
    let o = locdoc(&["man", "--out", dir.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for c in &commands {
        let page = std::fs::read_to_string(dir.join(format!("locdoc-{c}.1")))
            .unwrap_or_else(|e| panic!("locdoc-{c}.1: {e}"));
        assert!(page.contains(&format!(".TH locdoc-{c} 1")), "{page}");
        assert!(
            page.contains(".SH EXAMPLES"),
            "locdoc-{c}.1 has no examples"
        );
    }
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        files,
        commands.len() + 1,
        "one page per command and locdoc.1"
    );
}

#[test]
fn every_help_ends_with_examples_of_the_command() {
    for c in commands() {
        let o = locdoc(&[&c, "--help"], &root());
        assert_eq!(o.status.code(), Some(0));
        let help = text(&o.stdout);
        let examples = help
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("`locdoc {c} --help` has no Examples section"));
        assert!(
            examples.contains(&format!("  locdoc {c}")),
            "examples of {c}: {examples}"
        );
        // global options are shown on every command
        assert!(help.contains("--quiet") && help.contains("--color <WHEN>"));
    }
}

#[test]
fn color_is_decided_by_the_global_option_and_no_color() {
    let seeds = ["lint", "tests/fixtures/seeds"];
    let run = |pre: &[&str], no_color: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_locdoc"));
        cmd.args(pre).args(seeds).current_dir(root());
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        text(&o.stdout).contains("\x1b[")
    };
    // not a terminal: auto means no colour
    assert!(!run(&[], false));
    assert!(!run(&["--color", "auto"], false));
    // explicit choices win over NO_COLOR
    assert!(run(&["--color", "always"], true));
    assert!(!run(&["--color", "never"], false));
    // the option is global: after the command name too
    let o = locdoc(
        &["lint", "--color", "always", "tests/fixtures/seeds"],
        &root(),
    );
    assert!(text(&o.stdout).contains("\x1b[1;31merror["));
}

#[test]
fn quiet_keeps_errors_only_and_verbose_says_what_happens() {
    let dir = scratch("quiet");
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(dir.join("page.md"), "# Title\n\nText.\n").unwrap();
    let normal = locdoc(&["model", "--format", "text", "."], &dir);
    assert_eq!(normal.status.code(), Some(0));
    assert!(text(&normal.stderr).contains("warning[empty-file]"));
    let quiet = locdoc(&["--quiet", "model", "--format", "text", "."], &dir);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(text(&quiet.stderr), "");
    assert_eq!(quiet.stdout, normal.stdout, "--quiet leaves results alone");
    // errors are still printed
    let quiet_err = locdoc(&["-q", "model", "nowhere"], &dir);
    assert_eq!(quiet_err.status.code(), Some(2));
    assert!(text(&quiet_err.stderr).contains("error"));

    let verbose = locdoc(&["lint", "-v", "."], &dir);
    let err = text(&verbose.stderr);
    assert!(err.contains("note: no locdoc.toml found"), "{err}");
    assert!(err.contains("documents read"), "{err}");
    assert!(err.contains("finished in"), "{err}");
    assert!(!text(&locdoc(&["lint", "."], &dir).stderr).contains("note:"));
    let both = locdoc(&["-q", "-v", "lint", "."], &dir);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn text_and_human_name_the_same_format_everywhere() {
    let seeds = "tests/fixtures/seeds";
    let human = locdoc(&["lint", "--format", "human", seeds], &root());
    let text_ = locdoc(&["lint", "-f", "text", seeds], &root());
    assert_eq!(human.stdout, text_.stdout);
    let a = locdoc(&["model", "-f", "text", seeds], &root());
    let b = locdoc(&["model", "--format", "human", seeds], &root());
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let a = locdoc(&["rules", "-f", "human"], &root());
    assert_eq!(a.stdout, locdoc(&["rules"], &root()).stdout);
}

#[test]
fn lint_out_writes_the_report_to_a_file() {
    let dir = scratch("lint-out");
    let file = dir.join("report.sarif");
    let seeds = root().join("tests/fixtures/seeds");
    let seeds = seeds.to_str().unwrap();
    let to_file = locdoc(
        &["lint", "-f", "sarif", "-o", file.to_str().unwrap(), seeds],
        &dir,
    );
    assert_eq!(
        to_file.status.code(),
        Some(1),
        "findings still set the exit code"
    );
    assert!(to_file.stdout.is_empty());
    let to_stdout = locdoc(&["lint", "-f", "sarif", seeds], &dir);
    assert_eq!(std::fs::read(&file).unwrap(), to_stdout.stdout);
}

#[test]
fn errors_say_what_to_do_next() {
    let cases: &[(&[&str], &str)] = &[
        (&["lint", "--select", "nope", "examples"], "`locdoc rules`"),
        (&["lint", "no/such/dir"], "hint: pass Markdown files"),
        (
            &[
                "lint",
                "--baseline",
                "no-such.json",
                "examples/graph-docs/en-US",
            ],
            "--write-baseline",
        ),
        (&["rule", "nope"], "`locdoc rules`"),
        (
            &["drift", "--source", "no/such", "examples"],
            "hint: pass the directory",
        ),
        (&["init", "no/such/dir"], "hint: pass the root"),
    ];
    for (args, hint) in cases {
        let o = locdoc(args, &root());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert!(err.contains(hint), "{args:?}: {err}");
    }
    // an invalid configuration names the file and points to the fix
    let dir = scratch("badconfig");
    std::fs::write(dir.join("locdoc.toml"), "selct = []\n").unwrap();
    std::fs::write(dir.join("page.md"), "# Title\n").unwrap();
    let o = locdoc(&["lint", "."], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("locdoc.toml") && err.contains("locdoc init --force"),
        "{err}"
    );
}

#[test]
fn init_writes_a_configuration_that_lint_uses() {
    let dir = scratch("init");
    let tree = dir.join("graph-docs");
    copy_dir(&root().join("examples/graph-docs"), &tree);
    let o = locdoc(&["init", "graph-docs"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let path = tree.join("locdoc.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    let config = locdoc::lint::config::Config::read(&path).expect("the config loader reads it");
    assert_eq!(config.source, Some(PathBuf::from("en-US")));
    assert_eq!(config.select, vec!["ALL".to_string()]);
    assert!(config.ignore.is_empty());
    for (tag, form) in [
        ("ja-JP", "span-pair"),
        ("zh-CN", "span-pair"),
        ("ru-RU", "plain"),
        ("de-DE", "plain"),
    ] {
        let row = written
            .lines()
            .find(|l| l.contains(&format!("{tag}/")))
            .unwrap_or_else(|| panic!("{tag} not listed:\n{written}"));
        assert!(row.ends_with(form), "{row}");
    }
    assert!(written.contains("5 files under no locale directory"));
    // every key of the configuration is shown, active or commented
    for key in [
        "source =",
        "select =",
        "ignore =",
        "[severity]",
        "[[overrides]]",
        "path =",
        "severity =",
    ] {
        assert!(written.contains(key), "{key} missing:\n{written}");
    }
    assert!(text(&o.stderr).contains("next: locdoc lint --config"));

    // an existing file is kept unless --force
    std::fs::write(&path, "# mine\n").unwrap();
    let o = locdoc(&["init", "graph-docs"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
    let dry = locdoc(&["init", "--dry-run", "graph-docs"], &dir);
    assert_eq!(dry.status.code(), Some(0));
    assert_eq!(text(&dry.stdout), written);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
    let o = locdoc(&["init", "--force", "graph-docs"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let leftovers: Vec<_> = std::fs::read_dir(&tree)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");

    // lint below the tree finds the file and takes the English source from it
    let ja = tree.join("ja-JP");
    let json = |args: &[&str]| {
        let o = locdoc(args, &ja);
        (o.status.code(), text(&o.stdout))
    };
    let with_config = json(&["lint", "--format", "json", "."]);
    let explicit = json(&[
        "lint",
        "--format",
        "json",
        "--config",
        "/dev/null",
        "--source",
        "../en-US",
        ".",
    ]);
    let without = json(&["lint", "--format", "json", "--config", "/dev/null", "."]);
    assert_eq!(with_config.0, Some(1));
    assert!(with_config == explicit, "the configured source is used");
    assert!(with_config != without, "the source changes the findings");
}

#[test]
fn init_refuses_a_tree_without_markdown() {
    let dir = scratch("init-empty");
    let o = locdoc(&["init", "."], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no Markdown file"));
    assert!(!dir.join("locdoc.toml").exists());
}
