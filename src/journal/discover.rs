//! Finding journal files under `content/`.
//!
//! Owns what counts as a journal (`.md`, not hidden, not an editor backup) and
//! the problems of the walk itself (symlink loops, unreadable folders). Follows
//! symbolic links, because people link shared folders in, but never loops.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Problem, Severity};

/// Rule id of files and folders that cannot be read.
pub const UNREADABLE: &str = "unreadable";
/// Rule id of symbolic links that point back into their own folder.
pub const SYMLINK_LOOP: &str = "symlink-loop";

/// Why a link out of the repository was not read.
pub const LINK_OUT: &str = "a symbolic link that leads out of the repository: debrief reads only \
                            files inside it, so this was not read; copy the file in instead";

/// Why a FIFO or device named like a journal was not read.
pub const NOT_A_FILE: &str = "not a plain file (a FIFO, socket or device): a journal must be a \
                              regular file, so this was not read";

/// Whether a file name is a journal's: `.md` (any case), not hidden, not a
/// backup.
pub fn is_journal_name(name: &str) -> bool {
    let md = name.len() > 3
        && name.is_char_boundary(name.len() - 3)
        && name[name.len() - 3..].eq_ignore_ascii_case(".md");
    md && !name.starts_with('.') && !name.starts_with('#')
}

/// Paths relative to `root`, with `/` separators on every platform. A name
/// that is not UTF-8 keeps its other bytes as `\xNN`, so two such names
/// stay two paths; [`is_exact`] tells whether the text names the file.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| {
            let bytes = c.as_os_str().as_encoded_bytes();
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `content` (a folder under `root`) for journals, handing each
/// journal file to `found` (its path on disk, its path relative to the
/// root) in sorted order as soon as it is reached, so reading can start
/// before the walk ends. Returns the walk's problems.
///
/// Symbolic links are followed while they stay inside the repository: a
/// link that leads out of it (say to `/proc/self/environ`, whose text
/// `check` would then quote into a CI log) is reported, not read. A name
/// that looks like a journal but is not a plain file (a FIFO, a device)
/// is reported too, never read and never skipped silently.
pub fn walk(root: &Path, content: &Path, mut found: impl FnMut(PathBuf, String)) -> Vec<Problem> {
    let mut problems = Vec::new();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                let journal = is_journal_name(&name);
                if e.depth() > 0 && e.path_is_symlink() && (journal || e.file_type().is_dir()) {
                    let inside = e
                        .path()
                        .canonicalize()
                        .is_ok_and(|target| target.starts_with(&real_root));
                    if !inside {
                        problems.push(Problem::at(
                            UNREADABLE,
                            Severity::Error,
                            &relative(root, e.path()),
                            None,
                            LINK_OUT.to_string(),
                        ));
                        if e.file_type().is_dir() {
                            walker.skip_current_dir();
                        }
                        continue;
                    }
                }
                if !journal {
                    continue;
                }
                if e.file_type().is_file() {
                    let rel = relative(root, e.path());
                    found(e.into_path(), rel);
                } else if !e.file_type().is_dir() {
                    problems.push(Problem::at(
                        UNREADABLE,
                        Severity::Error,
                        &relative(root, e.path()),
                        None,
                        NOT_A_FILE.to_string(),
                    ));
                }
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| relative(root, content));
                if let Some(ancestor) = err.loop_ancestor() {
                    problems.push(Problem::at(
                        SYMLINK_LOOP,
                        Severity::Warning,
                        &path,
                        None,
                        format!(
                            "symbolic link loop: it points back to `{}`, so it was not followed",
                            relative(root, ancestor)
                        ),
                    ));
                } else {
                    let reason = err
                        .io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string());
                    problems.push(Problem::at(
                        UNREADABLE,
                        Severity::Error,
                        &path,
                        None,
                        format!("cannot read this path: {reason}"),
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_markdown_journals_count() {
        assert!(is_journal_name("2026-11-17-onsite.md"));
        assert!(!is_journal_name(".2026-11-17-onsite.md"));
        assert!(!is_journal_name("onsite.md~"));
        assert!(!is_journal_name("onsite.md.swp"));
        assert!(!is_journal_name(".onsite.md.swp"));
        assert!(!is_journal_name("#onsite.md#"));
        assert!(!is_journal_name("notes.txt"));
        // Regression: `.MD` journals were skipped without a word.
        assert!(is_journal_name("2026-11-17-onsite.MD"));
        assert!(is_journal_name("onsite.Md"));
        assert!(!is_journal_name(".md"));
        assert!(!is_journal_name("é.m"));
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    fn found(root: &Path) -> (Vec<String>, Vec<(String, String)>) {
        let mut files = Vec::new();
        let problems = walk(root, &root.join("content"), |_, rel| files.push(rel));
        (
            files,
            problems
                .into_iter()
                .map(|p| (p.file.unwrap_or_default(), p.message))
                .collect(),
        )
    }

    // Regression: a journal linked to /proc/self/environ made `check`
    // print the environment, DEBRIEF_PASSWORD included, into CI logs.
    #[test]
    fn links_out_of_the_repository_are_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/shared")).unwrap();
        std::fs::write(root.join("content/shared/a.md"), "x").unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", root.join("content/env.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.join("content/shared"), root.join("content/linked"))
            .unwrap();
        let (files, problems) = found(root);
        assert_eq!(files, ["content/linked/a.md", "content/shared/a.md"]);
        let named: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(named, ["content/elsewhere", "content/env.md"]);
        assert!(problems[0].1.contains("leads out of the repository"));
    }

    // Regression: a FIFO named `.md` was skipped silently.
    #[test]
    fn a_fifo_named_like_a_journal_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let fifo = root.join("content/pipe.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (files, problems) = found(root);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.contains("not a plain file"), "{problems:?}");
    }

    // Regression: a journal whose name is not UTF-8 failed the whole build;
    // two such names must stay two paths.
    #[test]
    fn names_that_are_not_utf8_keep_distinct_paths() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        for name in [&b"caf\xe9.md"[..], b"caf\xe8.md"] {
            let path = root.join("content").join(std::ffi::OsStr::from_bytes(name));
            std::fs::write(path, "x").unwrap();
        }
        let (files, _) = found(root);
        assert_eq!(files, ["content/caf\\xE8.md", "content/caf\\xE9.md"]);
    }
}
