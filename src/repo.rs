//! Loading a journal repository from disk: configuration, discovery and the
//! parallel read of every journal.
//!
//! This is the I/O edge on the reading side; everything it returns is plain
//! data for the pure core. It never writes.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::config::{Config, parse_timezone};
use crate::diagnostics::{Problem, Severity};
use crate::journal::{self, Journal, discover, schema};
use crate::rules::{self, Ctx, Evaluation};

/// Journals larger than this are refused rather than read: no interview
/// notes are this long, and reading a runaway file would stall every build.
pub const MAX_JOURNAL_BYTES: u64 = 10 * 1024 * 1024;

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
}

impl Repository {
    /// Loads the repository at `root`, with the configuration at `config`
    /// (default: `root/debrief.toml` if it exists).
    pub fn load(root: &Path, config: Option<&Path>) -> Result<Repository, LoadError> {
        if !root.is_dir() {
            return Err(LoadError(format!("{} is not a folder", root.display())));
        }
        let config = load_config(root, config)?;
        let tz = match &config.timezone {
            Some(name) => parse_timezone(name).map_err(LoadError)?,
            None => system_timezone(),
        };
        let content = root.join("content");
        if !content.is_dir() {
            return Err(LoadError(format!(
                "no content/ folder in {}: run `debrief init` there, or point -C at a journal repository",
                root.display()
            )));
        }
        let found = discover::discover(root, &content);
        let snooze_rules = rules::action_ids();
        let headings = &config.rules.reflection_headings;
        let reads: Vec<(String, journal::Read)> = found
            .files
            .par_iter()
            .map(|(path, rel)| (rel.clone(), read_one(path, rel, headings, &snooze_rules)))
            .collect();

        let mut journals = Vec::with_capacity(reads.len());
        let mut reading = found.problems;
        let mut bad_files: Vec<String> = reading
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .filter_map(|p| p.file.clone())
            .collect();
        for (rel, read) in reads {
            let good = read.is_good();
            reading.extend(read.problems);
            match read.journal {
                Some(j) if good => journals.push(j),
                _ => bad_files.push(rel),
            }
        }
        bad_files.sort();
        bad_files.dedup();
        Ok(Repository {
            root: root.to_path_buf(),
            config,
            tz,
            files: found.files.len(),
            journals,
            reading,
            bad_files,
        })
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
        }
    }

    /// Today's date in the configured timezone (for when `--today` is not given).
    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().with_timezone(&self.tz).date_naive()
    }
}

fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, LoadError> {
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

/// The system's IANA timezone, or UTC when it cannot be told.
fn system_timezone() -> Tz {
    if let Ok(tz) = std::env::var("TZ")
        && let Ok(tz) = tz.trim_start_matches(':').parse::<Tz>()
    {
        return tz;
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

fn read_one(path: &Path, rel: &str, headings: &[String], snooze_rules: &[&str]) -> journal::Read {
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
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_JOURNAL_BYTES => {
            return fail(format!(
                "the file is {:.1} MB; journals larger than {} MB are not read",
                m.len() as f64 / 1_048_576.0,
                MAX_JOURNAL_BYTES / 1_048_576
            ));
        }
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read the file: {e}")),
    }
    match std::fs::read(path) {
        Ok(bytes) => journal::parse(rel, &bytes, headings, snooze_rules),
        Err(e) => fail(format!("cannot read the file: {e}")),
    }
}
