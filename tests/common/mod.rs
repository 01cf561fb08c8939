//! Helpers shared by integration tests.

// each test crate uses some of the helpers
#![allow(dead_code)]

use std::path::Path;

/// Copies the directory tree `from` to `to` (created if missing).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A fresh directory under the system's temporary directory, removed with
/// everything in it when dropped (also when the test fails).
pub struct TempTree(tempfile::TempDir);

impl TempTree {
    /// A new empty directory whose name starts with `locdoc-{name}-`.
    pub fn new(name: &str) -> Self {
        TempTree(
            tempfile::Builder::new()
                .prefix(&format!("locdoc-{name}-"))
                .tempdir()
                .expect("temporary directory"),
        )
    }
}

impl std::ops::Deref for TempTree {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for TempTree {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}
