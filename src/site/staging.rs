//! Writing the site safely: a staging folder beside the output, swapped in
//! only when everything was written, and refusal of any output folder that
//! could hold the user's own files.
//!
//! Owns the marker file that says "debrief made this folder": without it, a
//! non-empty folder is never replaced.

use std::path::{Path, PathBuf};

pub use super::splice::Pieces;

/// The file that marks a folder as debrief's own output.
pub const MARKER: &str = ".debrief-output";

/// Why the output folder was refused or could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn absolute(path: &Path) -> PathBuf {
    // The output may not exist yet: resolve its parent and keep the name.
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => absolute(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(name),
        _ => path.to_path_buf(),
    }
}

/// Checks that `output` may be (re)written for the repository at `root`.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, OutputError> {
    let root = absolute(root);
    let out = absolute(output);
    let content = root.join("content");
    if root.starts_with(&out) {
        return Err(OutputError(format!(
            "refusing to build into {}: it is or contains the repository root",
            output.display()
        )));
    }
    if out.starts_with(&content) {
        return Err(OutputError(format!(
            "refusing to build into {}: it is inside content/, where your journals live",
            output.display()
        )));
    }
    if out.is_file() {
        return Err(OutputError(format!(
            "refusing to build into {}: it is a file",
            output.display()
        )));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(OutputError(format!(
                "refusing to build into {}: it is not empty and debrief did not create it (no {MARKER} file); \
                 choose another --output or empty it yourself",
                output.display()
            )));
        }
    }
    Ok(out)
}

/// Where rendered files go: a folder on disk, or memory for `serve`.
pub trait Sink: Sync {
    /// Keeps `bytes` as the file `rel` (a `/`-separated path in the site).
    fn put(&self, rel: &str, bytes: Pieces) -> Result<(), OutputError>;
}

/// A site kept in memory, by path: what `serve` answers from.
#[derive(Debug, Default)]
pub struct Memory {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Pieces>>,
}

impl Sink for Memory {
    fn put(&self, rel: &str, bytes: Pieces) -> Result<(), OutputError> {
        self.files
            .lock()
            .map_err(|_| OutputError("the site in memory is unusable".into()))?
            .insert(rel.to_string(), bytes);
        Ok(())
    }
}

impl Memory {
    /// The files, by `/`-separated path.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Pieces> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A staging folder beside the output; dropped without a swap, it is removed.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    swapped: bool,
    written: std::sync::atomic::AtomicUsize,
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Pieces) -> Result<(), OutputError> {
        self.write(rel, bytes.pieces())
    }
}

impl Staging {
    /// Creates the staging folder for `output` (already checked).
    pub fn new(output: &Path) -> Result<Staging, OutputError> {
        let parent = output
            .parent()
            .ok_or_else(|| OutputError("the output folder has no parent".into()))?;
        std::fs::create_dir_all(parent)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        let name = output
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(parent)
            .map_err(|e| {
                OutputError(format!(
                    "cannot create a staging folder in {}: {e}",
                    parent.display()
                ))
            })?
            .keep();
        std::fs::write(
            dir.join(MARKER),
            "This folder is written by `debrief build`; it replaces it on every build.\n",
        )
        .map_err(|e| OutputError(format!("cannot write in {}: {e}", dir.display())))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            swapped: false,
            written: Default::default(),
        })
    }

    /// The folder to write the site into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` inside the staging folder.
    pub fn write(&self, rel: &str, pieces: &[impl AsRef<[u8]>]) -> Result<(), OutputError> {
        use std::io::Write;
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        }
        let cannot =
            |e: std::io::Error| OutputError(format!("cannot write {}: {e}", path.display()));
        let file = std::fs::File::create(&path).map_err(cannot)?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
        for p in pieces {
            out.write_all(p.as_ref()).map_err(cannot)?;
        }
        out.flush().map_err(cannot)?;
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// How many files were written.
    pub fn count(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Replaces the output with the staging folder: the old site is moved
    /// aside, the new one renamed into place, then the old one removed.
    pub fn swap(mut self) -> Result<(), OutputError> {
        let old = self.dir.with_extension("old");
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old)
                .map_err(|e| OutputError(format!("cannot move the previous site aside: {e}")))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(OutputError(format!(
                "cannot move the new site into place: {e}"
            )));
        }
        self.swapped = true;
        if had_output {
            remove_in_parallel(&old);
        }
        Ok(())
    }
}

/// Removes the folder `dir`, its sub-folders two levels down in parallel:
/// the old site has one folder per page, and removing them one by one is
/// much of a large build's time. Best effort, like `remove_dir_all`.
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let children = |d: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    };
    children(dir).par_iter().for_each(|top| {
        if top.is_dir() && !top.is_symlink() {
            children(top).par_iter().for_each(|p| {
                let _ = if p.is_dir() && !p.is_symlink() {
                    std::fs::remove_dir_all(p)
                } else {
                    std::fs::remove_file(p)
                };
            });
        }
        let _ = std::fs::remove_dir_all(top).or_else(|_| std::fs::remove_file(top));
    });
    let _ = std::fs::remove_dir_all(dir);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_could_hold_user_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/x")).unwrap();
        std::fs::create_dir_all(root.join("notes")).unwrap();
        std::fs::write(root.join("notes/mine.txt"), "mine").unwrap();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/x"),
            root.join("notes"),
        ] {
            assert!(check_output(root, &bad).is_err(), "{}", bad.display());
        }
        assert!(
            check_output(root, root.parent().unwrap()).is_err(),
            "a folder containing the root"
        );
        assert!(check_output(root, &root.join("public")).is_ok());
        std::fs::create_dir_all(root.join("empty")).unwrap();
        assert!(check_output(root, &root.join("empty")).is_ok());
    }

    #[test]
    fn a_dropped_staging_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", &[b"new"]).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "staging removed"
        );
        let s = Staging::new(&out).unwrap();
        s.write("index.html", &[b"new"]).unwrap();
        s.swap().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(out.join(MARKER).is_file());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "old site removed"
        );
    }
}
