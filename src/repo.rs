//! Loading a journal repository from disk: configuration, discovery and the
//! parallel read of every journal.
//!
//! This is the I/O edge on the reading side; everything it returns is plain
//! data for the pure core. It never writes.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::config::{Config, parse_timezone};
use crate::diagnostics::{Problem, Severity};
use crate::journal::{self, Body, Journal, discover, schema};
use crate::rules::{self, Ctx, Evaluation};

/// Journals larger than this are refused rather than read: no interview
/// notes are this long (1,500 words are about 10 KB), and Markdown's own
/// cost grows with the markup, not only the length: 9 MB of `[` took 9 s
/// and 2 GB to render, 1 MB of anything stays under 1 s and 300 MB.
pub const MAX_JOURNAL_BYTES: u64 = 1024 * 1024;

/// A repository that could not be loaded at all (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A loaded journal repository.
pub struct Repository {
    /// The repository root.
    pub root: PathBuf,
    /// The configuration (defaults where the file is silent or absent).
    pub config: Config,
    /// The timezone dates are read in.
    pub tz: Tz,
    /// The journals that were read without front-matter errors.
    pub journals: Vec<Journal>,
    /// Problems found while reading (front-matter, unknown fields, the walk).
    pub reading: Vec<Problem>,
    /// Files that could not be used, relative to the root, sorted.
    pub bad_files: Vec<String>,
    /// How many journal files were found.
    pub files: usize,
    /// Whether the journals keep their bodies (files read again do too).
    pub body: Body,
    /// The files whose names are not UTF-8, by the path journals give
    /// them (with `\xNN` escapes): read again through their real name.
    pub disk: std::collections::HashMap<String, PathBuf>,
}

impl Repository {
    /// Why `rel`, a journal that could not be read, was not: the first
    /// error found in it, as `file:line:column: message` (`check` lists
    /// them all).
    pub fn why_unread(&self, rel: &str) -> String {
        self.reading
            .iter()
            .find(|p| p.severity == Severity::Error && p.file.as_deref() == Some(rel))
            .map(|p| {
                let at = p.location().unwrap_or_else(|| rel.to_string());
                format!("{at}: {}", p.message)
            })
            .unwrap_or_else(|| rel.to_string())
    }

    /// [`Repository::why_unread`] of every journal that could not be read.
    pub fn unread(&self) -> Vec<String> {
        self.bad_files.iter().map(|f| self.why_unread(f)).collect()
    }

    /// Loads the repository at `root`, with the configuration at `config`
    /// (default: `root/debrief.toml` if it exists).
    pub fn load(root: &Path, config: Option<&Path>) -> Result<Repository, LoadError> {
        Repository::load_with(root, config, Body::Keep)
    }

    /// [`Repository::load`], keeping the journals' bodies or not: the rules
    /// and reports read only what is parsed from them, and a site can read
    /// each again for its page ([`Repository::body`]).
    pub fn load_with(
        root: &Path,
        config: Option<&Path>,
        body: Body,
    ) -> Result<Repository, LoadError> {
        if !root.is_dir() {
            return Err(LoadError(format!("{} is not a folder", root.display())));
        }
        let config = load_config(root, config)?;
        let tz = match &config.timezone {
            Some(name) => parse_timezone(name).map_err(LoadError)?,
            None => system_timezone()?,
        };
        let content = root.join("content");
        if !content.is_dir() {
            return Err(LoadError(format!(
                "no content/ folder in {}: run `debrief init` there, or point -C at a journal repository",
                root.display()
            )));
        }
        let snooze_rules = rules::action_ids();
        let headings = &config.rules.reflection_headings;
        // Each journal is read and parsed as soon as the walk finds it, on
        // the other threads, while the walk goes on: (its place in the
        // walk's order, path on disk, path from the root, what it holds).
        let reads = std::sync::Mutex::new(Vec::new());
        let walked = rayon::scope(|s| {
            let mut order = 0usize;
            discover::walk(root, &content, |path, rel| {
                let (reads, snooze_rules) = (&reads, &snooze_rules);
                let at = order;
                order += 1;
                s.spawn(move |_| {
                    let read = read_one(&path, &rel, headings, snooze_rules, body);
                    if let Ok(mut reads) = reads.lock() {
                        reads.push((at, path, rel, read));
                    }
                });
            })
        });
        let mut reads = reads.into_inner().unwrap_or_else(|e| e.into_inner());
        reads.sort_unstable_by_key(|r| r.0);
        let files = reads.len();
        let disk = reads
            .iter()
            .filter(|(_, path, _, _)| path.to_str().is_none())
            .map(|(_, path, rel, _)| (rel.clone(), path.clone()))
            .collect();

        let mut journals = Vec::with_capacity(reads.len());
        let mut reading = walked;
        let mut bad_files: Vec<String> = reading
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .filter_map(|p| p.file.clone())
            .collect();
        for (_, _, rel, read) in reads {
            let good = read.is_good();
            reading.extend(read.problems);
            match read.journal {
                Some(j) if good => journals.push(j),
                _ => bad_files.push(rel),
            }
        }
        bad_files.sort();
        bad_files.dedup();
        reading.sort_by(by_file);
        Ok(Repository {
            root: root.to_path_buf(),
            config,
            tz,
            files,
            journals,
            reading,
            bad_files,
            body,
            disk,
        })
    }

    /// The Markdown body of `j`: kept since it was read, or (loaded with
    /// [`Body::Drop`]) read again from its file, for the one page that shows
    /// it, so a build never holds every journal's Markdown at once.
    pub fn body<'a>(&self, j: &'a Journal) -> Result<std::borrow::Cow<'a, str>, String> {
        if self.body == Body::Keep {
            return Ok(std::borrow::Cow::Borrowed(&j.body));
        }
        let bytes = std::fs::read(self.file(&j.path)).map_err(|e| {
            format!(
                "{}: cannot read the journal again for its page: {e}",
                j.path
            )
        })?;
        journal::body(&bytes)
            .map(std::borrow::Cow::Owned)
            .ok_or_else(|| {
                format!(
                    "{}: the journal changed while the site was being built; build again",
                    j.path
                )
            })
    }

    /// The file on disk of the journal at `rel`.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.disk
            .get(rel)
            .cloned()
            .unwrap_or_else(|| self.root.join(rel))
    }

    /// Reads these journal files again (paths relative to the root; a file
    /// that is gone is dropped, a new one added) and says which applications
    /// they touched, and what those applications were before. Afterwards the
    /// repository is what [`Repository::load`] would make of the files on
    /// disk, as long as nothing else changed.
    pub fn reread(&mut self, rels: &[String]) -> Reread {
        let snooze_rules = rules::action_ids();
        let headings = &self.config.rules.reflection_headings;
        let real_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let reads: Vec<(&String, Option<journal::Read>)> = rels
            .par_iter()
            .map(|rel| {
                let path = self.file(rel);
                let read = path.is_file().then(|| {
                    // The walk's rule for links, for files the watcher names.
                    let inside = path.canonicalize().is_ok_and(|p| p.starts_with(&real_root));
                    if inside {
                        read_one(&path, rel, headings, &snooze_rules, self.body)
                    } else {
                        journal::Read {
                            journal: None,
                            problems: vec![Problem::at(
                                discover::UNREADABLE,
                                Severity::Error,
                                rel,
                                None,
                                discover::LINK_OUT,
                            )],
                        }
                    }
                });
                (rel, read)
            })
            .collect();
        let mut keys = BTreeSet::new();
        let mut replaced = Vec::new();
        for (rel, read) in reads {
            let mut existed = false;
            if let Some(i) = self.journals.iter().position(|j| j.path == *rel) {
                let old = self.journals.remove(i);
                keys.insert(old.key.clone());
                replaced.push(old);
                existed = true;
            }
            if let Ok(i) = self.bad_files.binary_search(rel) {
                self.bad_files.remove(i);
                existed = true;
            }
            self.reading.retain(|p| p.file.as_ref() != Some(rel));
            let Some(read) = read else {
                self.files -= usize::from(existed);
                continue;
            };
            self.files += usize::from(!existed);
            let good = read.is_good();
            self.reading.extend(read.problems);
            match read.journal {
                Some(j) if good => {
                    keys.insert(j.key.clone());
                    let at = self
                        .journals
                        .partition_point(|o| walk_order(&o.path, rel) == Ordering::Less);
                    self.journals.insert(at, j);
                }
                _ => {
                    let at = self.bad_files.partition_point(|b| b < rel);
                    self.bad_files.insert(at, rel.clone());
                }
            }
        }
        self.reading.sort_by(by_file);
        // Those applications as they were: their journals not read again,
        // and the replaced ones.
        let mut before: Vec<Journal> = self
            .journals
            .iter()
            .filter(|j| keys.contains(&j.key) && !rels.contains(&j.path))
            .cloned()
            .chain(replaced)
            .collect();
        before.sort_by(|a, b| walk_order(&a.path, &b.path));
        Reread { apps: keys, before }
    }

    /// The journals of these applications (by key), in walk order.
    pub fn journals_of<'a>(
        &'a self,
        apps: &'a BTreeSet<String>,
    ) -> impl Iterator<Item = &'a Journal> {
        self.journals.iter().filter(|j| apps.contains(&j.key))
    }

    /// Runs every rule for `today`.
    pub fn evaluate(&self, today: NaiveDate) -> Evaluation {
        rules::evaluate(&self.journals, self.reading.clone(), &self.ctx(today))
    }

    /// The rule context for `today`.
    pub fn ctx(&self, today: NaiveDate) -> Ctx<'_> {
        Ctx {
            today,
            tz: self.tz,
            config: &self.config,
            accepted: rules::acceptance(&self.journals, self.tz),
        }
    }

    /// Today's date in the configured timezone (for when `--today` is not given).
    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().with_timezone(&self.tz).date_naive()
    }
}

/// What [`Repository::reread`] changed.
#[derive(Debug)]
pub struct Reread {
    /// The keys of the applications the files read belonged to before and
    /// belong to now.
    pub apps: BTreeSet<String>,
    /// The journals of those applications before the files were read again,
    /// in walk order.
    pub before: Vec<Journal>,
}

/// The journal repository that holds `start`: the nearest folder, from
/// `start` upward, with a `debrief.toml`, else the nearest with a `content/`
/// folder, as cargo finds `Cargo.toml` and git `.git`. A configuration file
/// marks a root more surely than a folder name (a journal folder could be
/// called `content` too), so it wins even when it is further up. `None`
/// when no folder above qualifies.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let has = |marker: &str, is: fn(&Path) -> bool| {
        start
            .ancestors()
            .find(|dir| is(&dir.join(marker)))
            .map(Path::to_path_buf)
    };
    has("debrief.toml", Path::is_file).or_else(|| has("content", Path::is_dir))
}

/// The order journals are found in: folder by folder, names sorted
/// (`a/b.md` before `a-c/d.md`, unlike a plain string sort).
fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Problems by file, in the order files are found; problems of no file first.
/// Stable: each file's problems keep the order they were found in.
fn by_file(a: &Problem, b: &Problem) -> Ordering {
    match (&a.file, &b.file) {
        (Some(x), Some(y)) => walk_order(x, y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    }
}

/// The configuration of the repository at `root` (from `config`, default
/// `root/debrief.toml`), without reading the journals.
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, LoadError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = root.join("debrief.toml");
            if !p.exists() {
                return Ok(Config::default());
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        LoadError(format!(
            "cannot read the configuration {}: {e}",
            path.display()
        ))
    })?;
    let shown = discover::relative(root, &path);
    Config::parse(&text, &shown, &rules::ids()).map_err(|e| LoadError(e.message))
}

/// The system's IANA timezone, or UTC when the system says none. A `TZ`
/// that names no zone is an error rather than a quiet UTC: every due time
/// would move by hours without a word.
fn system_timezone() -> Result<Tz, LoadError> {
    if let Ok(tz) = std::env::var("TZ") {
        let name = tz.trim_start_matches(':');
        // Empty, or a file path (`:/etc/localtime`): the system's zone.
        if !name.is_empty() && !name.starts_with('/') {
            return name.parse::<Tz>().map_err(|_| {
                LoadError(format!(
                    "the environment variable TZ={tz} names no known timezone; set an IANA \
                     name such as Europe/London in TZ, or `timezone` in debrief.toml"
                ))
            });
        }
    }
    Ok(iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC))
}

fn read_one(
    path: &Path,
    rel: &str,
    headings: &[String],
    snooze_rules: &[&str],
    body: Body,
) -> journal::Read {
    let fail = |message: String| journal::Read {
        journal: None,
        problems: vec![Problem::at(
            schema::FRONT_MATTER,
            Severity::Error,
            rel,
            None,
            message,
        )],
    };
    let too_big = |len: u64| {
        fail(format!(
            "the file is {:.1} MB; journals larger than {} MB are not read (move \
             attachments out of the journal and link to them)",
            len as f64 / 1_048_576.0,
            MAX_JOURNAL_BYTES / 1_048_576
        ))
    };
    // Opened without waiting (a FIFO named like a journal would block an
    // open for ever), then asked what it is: one look at the file, which
    // cannot be swapped for another between the look and the read.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NONBLOCK | libc::O_NOCTTY,
    );
    let (file, len) = match options.open(path).and_then(|f| Ok((f.metadata()?, f))) {
        // Checked here, not only by the walk: `serve` reads files its
        // watcher names.
        Ok((m, _)) if !m.is_file() => return fail(discover::NOT_A_FILE.into()),
        Ok((m, _)) if m.len() > MAX_JOURNAL_BYTES => return too_big(m.len()),
        Ok((m, f)) => (f, m.len()),
        Err(e) => return fail(format!("cannot read the file: {e}")),
    };
    match read_all(file, len) {
        Ok(bytes) if bytes.len() as u64 > MAX_JOURNAL_BYTES => too_big(bytes.len() as u64),
        Ok(bytes) => journal::parse_with(rel, &bytes, headings, snooze_rules, body),
        Err(e) => fail(format!("cannot read the file: {e}")),
    }
}

/// Reads `file`, `len` bytes long when it was asked: into a buffer of that
/// size and one byte more, so a journal takes one read and one to see the
/// end (`fs::read` asks the size again; `read_to_end` without a size reads
/// 8 KB at a time). A file that grew since is read on, to one byte past
/// [`MAX_JOURNAL_BYTES`] at most.
fn read_all(mut file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; len.min(MAX_JOURNAL_BYTES) as usize + 1];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => {
                bytes.truncate(filled);
                return Ok(bytes);
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    file.take(MAX_JOURNAL_BYTES + 1 - filled as u64)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(company: &str, extra: &str) -> String {
        format!(
            "---\ncompany: {company}\nrole: Engineer\ndate: 2026-11-10\ninterviewers:\n  - name: Ann Lee\n{extra}---\n## What went well\n- the exercise\n"
        )
    }

    #[test]
    fn the_root_is_found_upward_config_first() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("search");
        let app = top.join("content/acme");
        assert_eq!(find_root(dir.path()), None, "nothing marks a root");
        std::fs::create_dir_all(&app).unwrap();
        // The nearest folder with a content/ folder.
        assert_eq!(find_root(&app).unwrap(), top);
        assert_eq!(find_root(&top).unwrap(), top);
        // A journal folder called `content` would be taken for the root...
        std::fs::create_dir_all(app.join("content")).unwrap();
        assert_eq!(find_root(&app).unwrap(), app);
        // ...unless a debrief.toml further up says where the root is.
        std::fs::write(top.join("debrief.toml"), "").unwrap();
        assert_eq!(find_root(&app.join("content")).unwrap(), top);
    }

    // Regression: serve reread a file its watcher named without the walk's
    // rule for links, so a link to /proc/self/environ was read.
    #[test]
    fn rereading_a_link_out_of_the_repository_reports_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("debrief.toml"), "timezone = \"UTC\"\n").unwrap();
        let mut repo = Repository::load(root, None).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", root.join("content/env.md")).unwrap();
        repo.reread(&["content/env.md".to_string()]);
        assert_eq!(repo.bad_files, ["content/env.md"]);
        assert_eq!(repo.reading[0].message, discover::LINK_OUT);
    }

    // A FIFO the watcher names is reported at once (an open that waited
    // for a writer would stop `serve` for ever); a file past the limit is
    // refused with its size, one at the limit is read.
    #[test]
    fn one_read_refuses_what_is_not_a_plain_file_or_too_big() {
        let dir = tempfile::tempdir().unwrap();
        let read = |path: &Path| read_one(path, "content/x.md", &[], &[], Body::Keep);
        let fifo = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let r = read(&fifo);
        assert!(r.journal.is_none());
        assert_eq!(r.problems[0].message, discover::NOT_A_FILE);
        let big = dir.path().join("big.md");
        let text = journal("A", "");
        let pad = MAX_JOURNAL_BYTES as usize - text.len();
        std::fs::write(&big, text.clone() + &" ".repeat(pad)).unwrap();
        assert!(read(&big).is_good(), "{:?}", read(&big).problems);
        std::fs::write(&big, text + &" ".repeat(pad + 1)).unwrap();
        let r = read(&big);
        assert!(
            r.problems[0].message.starts_with("the file is 1.0 MB"),
            "{:?}",
            r.problems
        );
    }

    // The size asked before the read may be stale: a file that grew or
    // shrank since is read whole all the same, never past the limit.
    #[test]
    fn a_file_is_read_whole_whatever_size_was_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        let text = "x".repeat(20_000);
        std::fs::write(&path, &text).unwrap();
        for asked in [0, 1, 8192, 19_999, 20_000, 20_001, 50_000] {
            let file = std::fs::File::open(&path).unwrap();
            assert_eq!(
                read_all(file, asked).unwrap(),
                text.as_bytes(),
                "asked {asked}"
            );
        }
        std::fs::write(&path, "x".repeat(MAX_JOURNAL_BYTES as usize + 10)).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        assert_eq!(
            read_all(file, 10).unwrap().len() as u64,
            MAX_JOURNAL_BYTES + 1
        );
    }

    /// Reading a few files again gives what a fresh load of the folder gives.
    #[test]
    fn rereading_changed_files_equals_loading_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        std::fs::write(root.join("debrief.toml"), "timezone = \"UTC\"\n").unwrap();
        write("content/a/1.md", &journal("Acme", ""));
        write("content/a/2.md", &journal("Acme", ""));
        write("content/b/1.md", &journal("Bolt", ""));
        write("content/broken.md", "---\ncompany: [\n---\n");
        let mut repo = Repository::load(root, None).unwrap();

        type Step<'a> = (Vec<&'a str>, Box<dyn Fn() + 'a>);
        let steps: Vec<Step> = vec![
            // Another company: the journal moves to another application.
            (
                vec!["content/a/2.md"],
                Box::new(|| write("content/a/2.md", &journal("Cog", ""))),
            ),
            // New files, one in a folder that sorts between others by name.
            (
                vec!["content/a-c/1.md", "content/a/0.md"],
                Box::new(|| {
                    write("content/a-c/1.md", &journal("Acme", ""));
                    write("content/a/0.md", &journal("Bolt", ""));
                }),
            ),
            // Broken, then a warning, then fixed; an unknown field warns.
            (
                vec!["content/b/1.md"],
                Box::new(|| write("content/b/1.md", "---\nrole: x\n---\n")),
            ),
            (
                vec!["content/b/1.md"],
                Box::new(|| write("content/b/1.md", &journal("Bolt", "colour: red\n"))),
            ),
            (
                vec!["content/broken.md"],
                Box::new(|| write("content/broken.md", &journal("Dyn", ""))),
            ),
            // Gone.
            (
                vec!["content/a/1.md"],
                Box::new(|| std::fs::remove_file(root.join("content/a/1.md")).unwrap()),
            ),
        ];
        for (changed, change) in steps {
            change();
            let rels: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
            let before: BTreeSet<String> = repo.journals.iter().map(|j| j.key.clone()).collect();
            let old = repo.journals.clone();
            let reread = repo.reread(&rels);
            let keys = &reread.apps;
            let fresh = Repository::load(root, None).unwrap();
            assert_eq!(repo.journals, fresh.journals, "after {changed:?}");
            assert_eq!(repo.reading, fresh.reading, "after {changed:?}");
            assert_eq!(repo.bad_files, fresh.bad_files, "after {changed:?}");
            assert_eq!(repo.files, fresh.files, "after {changed:?}");
            // Every application that gained or lost one of these journals is named.
            let after: BTreeSet<String> = fresh.journals.iter().map(|j| j.key.clone()).collect();
            for k in before.symmetric_difference(&after) {
                assert!(keys.contains(k), "{k} not named after {changed:?}");
            }
            // And those applications are given as they were.
            let was: Vec<Journal> = old.into_iter().filter(|j| keys.contains(&j.key)).collect();
            assert_eq!(reread.before, was, "after {changed:?}");
        }
        assert_eq!(repo.files, 5);
    }

    #[test]
    fn without_bodies_the_journals_are_the_same_but_for_their_markdown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(
            root.join("content/a/1.md"),
            "---\ncompany: A\nrole: R\ndate: 2026-11-02\n---\n\nNotes.\n\n## Went well\n\n- the demo\n",
        )
        .unwrap();
        let kept = Repository::load_with(root, None, Body::Keep).unwrap();
        let mut dropped = Repository::load_with(root, None, Body::Drop).unwrap();
        assert!(kept.journals[0].body.contains("Notes."));
        assert!(dropped.journals[0].body.is_empty());
        assert_eq!(dropped.journals[0].reflection, kept.journals[0].reflection);
        assert_eq!(dropped.journals[0].reflection.went_well, ["the demo"]);
        let mut without = kept.journals[0].clone();
        without.body.clear();
        assert_eq!(dropped.journals[0], without);
        // A journal read again is read as the repository was.
        dropped.reread(&["content/a/1.md".to_string()]);
        assert!(dropped.journals[0].body.is_empty());
        // The page that shows the body reads it again; the kept one is lent.
        let j = &dropped.journals[0];
        assert_eq!(dropped.body(j).unwrap(), kept.journals[0].body);
        assert!(matches!(
            kept.body(&kept.journals[0]),
            Ok(std::borrow::Cow::Borrowed(_))
        ));
        std::fs::write(root.join("content/a/1.md"), "no longer a journal").unwrap();
        let changed = dropped.body(j).unwrap_err();
        assert!(
            changed.contains("content/a/1.md") && changed.contains("changed"),
            "{changed}"
        );
        std::fs::remove_file(root.join("content/a/1.md")).unwrap();
        let gone = dropped.body(j).unwrap_err();
        assert!(gone.contains("content/a/1.md: cannot read"), "{gone}");
    }
}
