//! Writing files safely: a temporary file in the same directory, then a
//! rename, so a reader never sees a half-written file. And the pieces of
//! large pretty JSON reports, rendered in parallel.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to `path` atomically (temp file + rename), the data on
/// disk before the rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, &[bytes], true)
}

/// [`write_atomic`] of a text in pieces, written one after the other (a
/// large report need not be joined in memory first).
pub fn write_atomic_parts(path: &Path, parts: &[impl AsRef<[u8]>]) -> std::io::Result<()> {
    write_via_temp(path, parts, true)
}

/// [`write_atomic`] without waiting for the data to reach the disk: readers
/// still never see a half-written file (the rename is atomic), but a power
/// loss may leave the old file or none. For outputs of many files that are
/// rebuilt by a re-run (rendered sites), where an fsync per file would
/// dominate the run time.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, &[bytes], false)
}

/// Appends the pretty JSON of `value` (serde_json's layout) to `out`, its
/// lines after the first indented by `indent`: an element at that depth of
/// a larger pretty JSON text (a JSON text holds no line break inside its
/// strings). `buf` is room reused from call to call.
pub fn push_pretty_json(
    out: &mut String,
    value: &impl serde::Serialize,
    indent: &str,
    buf: &mut Vec<u8>,
) {
    buf.clear();
    let _ = serde_json::to_writer_pretty(&mut *buf, value);
    for (i, line) in String::from_utf8_lossy(buf).split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(indent);
        }
        out.push_str(line);
    }
}

fn write_via_temp(path: &Path, parts: &[impl AsRef<[u8]>], sync: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // unique per process and call, created exclusively: parallel writes
    // never share a temporary file, and a file or link already at that
    // name is never written through
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        for bytes in parts {
            f.write_all(bytes.as_ref())?;
        }
        if sync {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let p = d.join("sub/out.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // a directory in the way: an error, and no temporary file left
        assert!(write_atomic(&d.join("sub"), b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["sub"]);
    }
}
