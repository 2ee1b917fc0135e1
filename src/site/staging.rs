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

/// `path` made absolute, its `..` applied and the symbolic links of the
/// part of it that exists resolved: the folder a write would really reach.
/// Canonicalising alone is not enough, because it fails on a path that does
/// not exist yet and would leave `nope/../../docs` unjudged; applying `..`
/// lexically alone is wrong where a component is a link. So the path is
/// walked a component at a time, each existing prefix resolved by the file
/// system and `..` applied to what it resolved to; past the first missing
/// component, folders will be created as plain folders and `..` is lexical.
pub fn resolve(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    let mut exists = true;
    for c in absolute.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match out.canonicalize() {
                        Ok(real) => out = real,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    out
}

/// Checks that `output` may be (re)written for the repository at `root`,
/// and returns the folder it really is (see [`resolve`]).
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, OutputError> {
    let root = resolve(root);
    let out = resolve(output);
    let refuse = |why: &str| {
        Err(OutputError(format!(
            "refusing to build into {}: {why}",
            output.display()
        )))
    };
    if root.starts_with(&out) {
        return refuse("it is or contains the repository root");
    }
    // content/ may be a link to a folder elsewhere: judge both names.
    let content = root.join("content");
    let real_content = resolve(&content);
    if out.starts_with(&content) || out.starts_with(&real_content) {
        return refuse("it is inside content/, where your journals live");
    }
    if real_content.starts_with(&out) {
        return refuse("it contains content/, where your journals live");
    }
    if out.is_file() {
        return refuse("it is a file");
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
///
/// Beside the output `public/` live, for the time of a build, `.public.lock`
/// (held locked, so a second build at the same time fails clearly instead
/// of mixing folders), `.public.staging-*` (the site being written) and,
/// only where the file system cannot exchange two folders in one step,
/// `.public.old-*` (the previous site, between the two renames). Each
/// carries the marker file; one left by a kill is removed, or put back
/// if it is the only site left, by the next build.
pub struct Staging {
    dir: PathBuf,
    root: PathBuf,
    output: PathBuf,
    swapped: bool,
    written: std::sync::atomic::AtomicUsize,
    // Held for the life of the build; closing it releases the lock.
    _lock: std::fs::File,
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Pieces) -> Result<(), OutputError> {
        self.write(rel, bytes.pieces())
    }
}

/// The names of the files a build of `output` keeps beside it.
struct Beside {
    parent: PathBuf,
    name: String,
}

impl Beside {
    fn of(output: &Path) -> Result<Beside, OutputError> {
        let parent = output
            .parent()
            .ok_or_else(|| OutputError("the output folder has no parent".into()))?;
        let name = output
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        Ok(Beside {
            parent: parent.to_path_buf(),
            name,
        })
    }
    fn lock(&self) -> PathBuf {
        self.parent.join(format!(".{}.lock", self.name))
    }
    fn staging_prefix(&self) -> String {
        format!(".{}.staging-", self.name)
    }
    fn old_prefix(&self) -> String {
        format!(".{}.old-", self.name)
    }

    /// Folders a killed build left: staging and old folders of this output
    /// that carry the marker (or are empty, when the kill came before it).
    fn leftovers(&self) -> Vec<(PathBuf, bool)> {
        let (staging, old) = (self.staging_prefix(), self.old_prefix());
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, bool)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                // `.public.old` is where versions before 0.2 moved the old site.
                let is_old = name.starts_with(&old) || name == old.trim_end_matches('-');
                if !(is_old || name.starts_with(&staging)) {
                    return None;
                }
                let path = e.path();
                let ours = !path.is_symlink()
                    && path.is_dir()
                    && (path.join(MARKER).is_file()
                        || std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none()));
                ours.then_some((path, is_old))
            })
            .collect();
        found.sort();
        found
    }
}

impl Staging {
    /// Checks `output` for the repository at `root`, takes the output's
    /// lock, clears what a killed build left and creates the staging folder.
    pub fn new(root: &Path, output: &Path) -> Result<Staging, OutputError> {
        let output = check_output(root, output)?;
        let beside = Beside::of(&output)?;
        let parent = &beside.parent;
        std::fs::create_dir_all(parent)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        let lock_path = beside.lock();
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", lock_path.display())))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(OutputError(format!(
                    "another debrief build is writing {} right now (it holds {}); \
                     run this one again when it has finished",
                    output.display(),
                    lock_path.display()
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(OutputError(format!(
                    "cannot lock {}: {e}",
                    lock_path.display()
                )));
            }
        }
        beside.clear_leftovers(&output);
        let dir = tempfile::Builder::new()
            .prefix(&beside.staging_prefix())
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
            root: root.to_path_buf(),
            output,
            swapped: false,
            written: Default::default(),
            _lock: lock,
        })
    }

    /// The output folder, as [`resolve`] found it.
    pub fn output(&self) -> &Path {
        &self.output
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
        // Never two outputs at one path (as Zola checks): a page written
        // over another would drop a journal from the site without a word.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => OutputError(format!(
                    "two outputs would be written to {rel}; one would replace the other"
                )),
                _ => cannot(e),
            })?;
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

    /// Replaces the output with the staging folder. The output is judged
    /// again first (it may have become a link since the build began). Where
    /// the file system can, the two folders are exchanged in one step, so a
    /// kill at any moment leaves the old site or the new one; elsewhere the
    /// old site is renamed aside under this build's own name first, and a
    /// kill between the two renames is repaired by the next build.
    pub fn swap(mut self) -> Result<(), OutputError> {
        let output = check_output(&self.root, &self.output)?;
        if output != self.output {
            return Err(OutputError(format!(
                "the output folder {} changed while the site was built; nothing was replaced",
                self.output.display()
            )));
        }
        let had_output = std::fs::symlink_metadata(&self.output).is_ok();
        if had_output && exchange(&self.dir, &self.output).is_ok() {
            // The staging folder's name now holds the previous site.
            self.swapped = true;
            remove_in_parallel(&self.dir);
            return Ok(());
        }
        let suffix = self
            .dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit('-').next())
            .unwrap_or("x")
            .to_string();
        let beside = Beside::of(&self.output)?;
        let old = beside
            .parent
            .join(format!("{}{suffix}", beside.old_prefix()));
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

impl Beside {
    /// Removes the staging and old folders a killed build left; if the
    /// output itself is gone (a kill between the two renames of a swap),
    /// the newest old site is put back first.
    fn clear_leftovers(&self, output: &Path) {
        let leftovers = self.leftovers();
        if std::fs::symlink_metadata(output).is_err()
            && let Some((old, _)) = leftovers
                .iter()
                .filter(|(p, is_old)| *is_old && p.join(MARKER).is_file())
                .max_by_key(|(p, _)| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        {
            let _ = std::fs::rename(old, output);
        }
        for (dir, _) in self.leftovers() {
            remove_in_parallel(&dir);
        }
    }
}

/// Exchanges two folders in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`); an error where the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    const RENAME_EXCHANGE: libc::c_uint = 2;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

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

    // Regression: `--output nope/../../docs` deleted ../docs, because the
    // path that could not be canonicalised kept its `..` and passed every
    // check; the same trick reached into content/.
    #[test]
    fn dot_dot_through_a_missing_folder_is_judged_where_it_lands() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("j");
        std::fs::create_dir_all(repo.join("content")).unwrap();
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/keep.txt"), "mine").unwrap();
        let err = check_output(&repo, &repo.join("nope/../../docs")).unwrap_err();
        assert!(err.0.contains("not empty"), "{err}");
        let err = check_output(&repo, &repo.join("nope/../content/x")).unwrap_err();
        assert!(err.0.contains("inside content/"), "{err}");
        assert_eq!(
            resolve(&repo.join("a/b/../../public")),
            repo.canonicalize().unwrap().join("public")
        );
        assert!(!repo.join("nope").exists(), "judging creates nothing");
    }

    // Regression: with content/ a link to a folder elsewhere, `--output
    // content/x` wrote the site among the journals.
    #[test]
    fn content_behind_a_link_is_still_content() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("j");
        let journals = dir.path().join("journals");
        std::fs::create_dir_all(&repo).unwrap();
        std::fs::create_dir_all(&journals).unwrap();
        std::os::unix::fs::symlink(&journals, repo.join("content")).unwrap();
        assert!(check_output(&repo, &repo.join("content/x")).is_err());
        assert!(check_output(&repo, &journals.join("x")).is_err());
        assert!(
            check_output(&repo, dir.path()).is_err(),
            "a folder holding the journals"
        );
        std::os::unix::fs::symlink(&journals, repo.join("site")).unwrap();
        assert!(check_output(&repo, &repo.join("site")).is_err());
    }

    #[test]
    fn a_dropped_staging_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), "").unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(root, &out).unwrap();
            s.write("index.html", &[b"new"]).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(root), [".public.lock", "public"], "staging removed");
        let s = Staging::new(root, &out).unwrap();
        s.write("index.html", &[b"new"]).unwrap();
        s.swap().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(out.join(MARKER).is_file());
        assert_eq!(names(root), [".public.lock", "public"], "old site removed");
    }

    // Regression: a `.public.old` left by a kill (or a second build) made
    // every later build fail with "Directory not empty".
    #[test]
    fn leftovers_of_a_killed_build_do_not_block_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        for left in [".public.old", ".public.old-abc", ".public.staging-xyz"] {
            std::fs::create_dir_all(root.join(left).join("a")).unwrap();
            std::fs::write(root.join(left).join(MARKER), "").unwrap();
        }
        // Not ours: no marker. Kept.
        std::fs::create_dir_all(root.join(".public.staging-mine")).unwrap();
        std::fs::write(root.join(".public.staging-mine/notes.txt"), "mine").unwrap();
        let s = Staging::new(root, &out).unwrap();
        s.write("index.html", &[b"new"]).unwrap();
        s.swap().unwrap();
        assert_eq!(
            names(root),
            [".public.lock", ".public.staging-mine", "public"]
        );
        assert!(root.join(".public.staging-mine/notes.txt").is_file());
    }

    // A kill between the two renames of a swap (where folders cannot be
    // exchanged) left no public/: the next build puts the old site back
    // before it starts, so a failed build still leaves a site.
    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let old = root.join(".public.old-k1ll3d");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        drop(Staging::new(root, &out).unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(root), [".public.lock", "public"]);
    }

    #[test]
    fn a_second_build_at_the_same_time_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::new(dir.path(), &out).unwrap();
        let err = Staging::new(dir.path(), &out).err().unwrap();
        assert!(err.0.contains("another debrief build"), "{err}");
        first.swap().unwrap();
        assert!(
            Staging::new(dir.path(), &out).is_ok(),
            "the lock is released"
        );
    }

    #[test]
    fn folders_are_exchanged_in_one_step_where_the_system_can() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("f"), "a").unwrap();
        std::fs::write(b.join("f"), "b").unwrap();
        if exchange(&a, &b).is_ok() {
            assert_eq!(std::fs::read_to_string(a.join("f")).unwrap(), "b");
            assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "a");
        }
    }
}
