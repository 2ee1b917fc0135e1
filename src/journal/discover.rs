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

/// The journals found, and what went wrong finding them.
pub struct Found {
    /// Journal files, sorted, as (path on disk, path relative to the root).
    pub files: Vec<(PathBuf, String)>,
    /// Loops and unreadable entries.
    pub problems: Vec<Problem>,
}

/// Whether a file name is a journal's: `.md`, not hidden, not a backup.
pub fn is_journal_name(name: &str) -> bool {
    name.ends_with(".md") && !name.starts_with('.') && !name.starts_with('#')
}

/// Paths relative to `root`, with `/` separators on every platform.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `content` (a folder under `root`) for journals.
pub fn discover(root: &Path, content: &Path) -> Found {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_file() && is_journal_name(&name) {
                    let rel = relative(root, e.path());
                    files.push((e.into_path(), rel));
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
    Found { files, problems }
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
    }
}
