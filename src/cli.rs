//! Command-line arguments: the global options, one module per command, and
//! the exit code.
//!
//! Each command's module holds its `Args` and a `run` that parses nothing,
//! calls the library, prints, and returns how it ended: [`Exit`] when it
//! ran (0 clean, 1 problems found or a bad journal), [`Error`] when it
//! could not (2), whose message [`Cli::run`] prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use debrief::journal::Body;
use debrief::repo::Repository;
use debrief::{output, time};

mod build;
mod check;
mod completions;
mod draft;
mod due;
mod init;
mod new;
mod prep;
mod record;
mod report;
mod schema;
mod serve;

/// Checks interview journals against follow-up etiquette and tells you what is due.
#[derive(Parser, Debug)]
#[command(name = "debrief", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Debug)]
struct Global {
    /// The journal repository to run in [default: the nearest folder upward with debrief.toml, else with content/]
    #[arg(short = 'C', long = "directory", value_name = "DIR", global = true)]
    directory: Option<PathBuf>,
    /// The date to report for, instead of today in the configured timezone
    #[arg(long, env = "DEBRIEF_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_today, global = true)]
    today: Option<NaiveDate>,
    /// The configuration file [default: DIR/debrief.toml]
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// When to use colours
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", global = true)]
    color: ColorWhen,
    /// Print nothing but an error that stops the command; the exit code tells the result
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    time::parse_date(s).ok_or_else(|| format!("\"{s}\" is not a date: write YYYY-MM-DD"))
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create a journal repository (debrief.toml, an example journal, .gitignore, the journal schema); --ci and --hook add a pipeline and a pre-commit hook, to a new or an existing one
    Init(init::Args),
    /// Start a new journal from the theme's journal template; never overwrites (a second one of the same day and stage gets `-2`)
    New(new::Args),
    /// Report problems in the journals: errors, etiquette warnings, notes
    Check(check::Args),
    /// List the follow-ups to do, by due date, then the interviews to come
    Due(due::Args),
    /// Print the ready-to-send drafts of a journal's open actions
    Draft(draft::Args),
    /// Record that actions are done, where the rules look for it (e.g. `debrief done 1b3c93ce`)
    Done(record::DoneArgs),
    /// Put actions off until a day
    Snooze(record::SnoozeArgs),
    /// Record a follow-up sent that no action asked for (or sent before debrief knew)
    Sent(record::SentArgs),
    /// Record that the employer got back to you
    Reply(record::ReplyArgs),
    /// Record where an application stands: offer, rejected, accepted, …
    Outcome(record::OutcomeArgs),
    /// Print the prep sheet of an interview to come: who you will meet, what earlier rounds taught you, what to practise
    Prep(prep::Args),
    /// Print the weekly report, or with --work-search the log of every contact made
    #[command(
        after_help = "Examples:\n  debrief report                      this week, as Markdown\n  debrief report --week 2026-W47 --format html > week.html\n  debrief report --work-search --from 2026-11-01 --format csv > log.csv"
    )]
    Report(report::Args),
    /// Build the static site: dashboard, applications, journals, drafts, report.json
    #[command(
        after_help = "With [site] encrypt = true every page is locked with the password in DEBRIEF_PASSWORD. \
A password zxcvbn scores below 3 of 4 is refused (exit 2, nothing built) unless DEBRIEF_ALLOW_WEAK_PASSWORD=1 is set."
    )]
    Build(build::Args),
    /// Preview the site while you write: build into memory, serve it, rebuild on save
    Serve(serve::Args),
    /// Print shell completions
    Completions(completions::Args),
    /// Print the JSON Schema of a journal's front-matter, for editors (init writes it to .debrief/journal.schema.json)
    Schema(schema::Args),
}

/// How a command that ran ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Nothing wrong: exit code 0.
    Clean,
    /// Problems found, or journals that could not be read: exit code 1.
    Found,
}

impl Exit {
    fn code(self) -> i32 {
        match self {
            Exit::Clean => 0,
            Exit::Found => 1,
        }
    }
}

/// Exit code: could not run.
const FAILED: i32 = 2;

/// Why a command could not run: its message, which [`Cli::run`] prints
/// after `error:`, and exit code 2. Anything that displays converts into
/// one, so `?` takes the library's errors as they are.
#[derive(Debug)]
struct Error(String);

impl<E: std::fmt::Display> From<E> for Error {
    fn from(e: E) -> Self {
        Error(e.to_string())
    }
}

impl Cli {
    /// Runs the command and returns the exit code.
    pub fn run(self) -> i32 {
        let g = &self.global;
        match g.color {
            ColorWhen::Auto => {}
            ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
            ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        }
        let result = match &self.command {
            Command::Init(args) => init::run(g, args),
            Command::New(args) => new::run(g, args),
            Command::Check(args) => check::run(g, args),
            Command::Due(args) => due::run(g, args),
            Command::Draft(args) => draft::run(g, args),
            Command::Done(args) => record::done(g, args),
            Command::Snooze(args) => record::snooze(g, args),
            Command::Sent(args) => record::sent(g, args),
            Command::Reply(args) => record::reply(g, args),
            Command::Outcome(args) => record::outcome(g, args),
            Command::Prep(args) => prep::run(g, args),
            Command::Report(args) => report::run(g, args),
            Command::Build(args) => build::run(g, args),
            Command::Serve(args) => serve::run(g, args),
            Command::Completions(args) => completions::run(g, args),
            Command::Schema(args) => schema::run(g, args),
        };
        match result {
            Ok(exit) => exit.code(),
            Err(Error(message)) => {
                let style = anstyle::Style::new()
                    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)))
                    .bold();
                let _ = writeln!(
                    anstream::stderr(),
                    "{style}error{style:#}: {}",
                    output::terminal_safe(&message)
                );
                FAILED
            }
        }
    }
}

/// The folder named by `-C DIR` and a positional root (taken inside DIR),
/// as given; `None` when neither is.
fn given(g: &Global, root: Option<&Path>) -> Option<PathBuf> {
    match (&g.directory, root) {
        (Some(dir), Some(root)) => Some(dir.join(root)),
        (Some(dir), None) => Some(dir.clone()),
        (None, Some(root)) => Some(root.to_path_buf()),
        (None, None) => None,
    }
}

/// The journal repository a command reads: the one given, else the one
/// holding the current folder (found upward, as cargo and git do), else
/// the current folder, whose loading then says what is missing.
fn repository(g: &Global, root: Option<&Path>) -> PathBuf {
    given(g, root).unwrap_or_else(|| {
        let here = PathBuf::from(".");
        let Ok(cwd) = std::env::current_dir() else {
            return here;
        };
        match debrief::repo::find_root(&cwd) {
            // Started at the root: paths print as they always have.
            Some(root) if root != cwd => root,
            _ => here,
        }
    })
}

fn print(g: &Global, text: &str) {
    if !g.quiet {
        let text = output::terminal_safe(text);
        let stdout = std::io::stdout();
        // Not a terminal (a pipe, a file): the colour codes are dropped in
        // one pass over the text, where anstream's stripping parses every
        // byte (a twentieth of `check`'s time at 10,000 journals).
        if anstream::AutoStream::choice(&stdout) == anstream::ColorChoice::Never {
            let _ = stdout
                .lock()
                .write_all(output::without_styles(&text).as_bytes());
        } else {
            let _ = anstream::AutoStream::auto(stdout).write_all(text.as_bytes());
        }
    }
}

/// The repository at `root` and the day to report for. No command keeps
/// the journals' Markdown: the site reads each body again for its page.
fn load(root: &Path, g: &Global) -> Result<(Repository, NaiveDate), Error> {
    load_reading(root, g, Body::Drop)
}

/// [`load`], reading of each body what `body` says (`check` and `due`
/// need only whether a journal has a reflection).
fn load_reading(root: &Path, g: &Global, body: Body) -> Result<(Repository, NaiveDate), Error> {
    let started = std::time::Instant::now();
    let repo = Repository::load_with(root, g.config.as_deref(), body)?;
    if std::env::var_os("DEBRIEF_TIMINGS").is_some() {
        let _ = writeln!(
            anstream::stderr(),
            "{:>8.1} ms  load {} journals",
            started.elapsed().as_secs_f64() * 1000.0,
            repo.files
        );
    }
    let today = g.today.unwrap_or_else(|| repo.today());
    Ok((repo, today))
}

/// The journal `journal` names, relative to the root: a path from the
/// current folder or from the root; an application's folder stands for
/// its latest journal that happened by `today` (else its first booked
/// one): where the rules read what is sent and replied.
fn journal_rel(
    repo: &Repository,
    root: &Path,
    journal: &Path,
    today: NaiveDate,
) -> Result<String, String> {
    // Named from the repository given (`-C`), else from here; a link's own
    // name is kept (the journal is where the link is).
    // `.` and `..` name folders from here, wherever the repository is.
    let here = journal.components().next().is_some_and(|c| {
        matches!(
            c,
            std::path::Component::CurDir | std::path::Component::ParentDir
        )
    });
    let order = if root == Path::new(".") || here {
        [journal.to_path_buf(), root.join(journal)]
    } else {
        [root.join(journal), journal.to_path_buf()]
    };
    let found = order.into_iter().find(|p| p.exists()).and_then(|p| {
        // `.`, `..`, `a/..`: no name of their own.
        let Some(name) = p.file_name().map(ToOwned::to_owned) else {
            return p.canonicalize().ok();
        };
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if name == ".." || name == "." {
            return p.canonicalize().ok();
        }
        Some(parent.canonicalize().ok()?.join(name))
    });
    match (found, repo.root.canonicalize()) {
        (Some(f), Ok(r)) if f.starts_with(&r) => {
            let rel = debrief::journal::discover::relative(&r, &f);
            if !f.is_dir() {
                let known =
                    repo.journals.iter().any(|j| j.path == rel) || repo.bad_files.contains(&rel);
                return if known {
                    Ok(rel)
                } else {
                    Err(format!(
                        "{rel} is not a journal (journals are .md files under content/)"
                    ))
                };
            }
            let inside = format!("{rel}/");
            // A folder stands for one application, not several.
            let mut keys = repo
                .journals
                .iter()
                .filter(|j| j.path.starts_with(&inside))
                .map(|j| j.key.as_str());
            if let Some(first) = keys.next()
                && keys.any(|k| k != first)
            {
                return Err(format!(
                    "{} holds journals of several applications: name one journal, or one application's folder",
                    journal.display()
                ));
            }
            repo.journals
                .iter()
                .filter(|j| j.path.starts_with(&inside))
                .max_by_key(|j| {
                    let day = j.date.date(repo.tz);
                    // Held interviews first, the latest; then booked ones, the soonest.
                    (
                        day <= today,
                        if day <= today {
                            Some(j.date.instant(repo.tz))
                        } else {
                            None
                        },
                        std::cmp::Reverse(j.date.instant(repo.tz)),
                    )
                })
                .map(|j| j.path.clone())
                .ok_or_else(|| format!("{} holds no journal that could be read", journal.display()))
        }
        _ => Err(format!(
            "{} is not a journal of this repository",
            journal.display()
        )),
    }
}

/// Lets go of what a command read (the repository, its findings) without
/// freeing it: the process exits right after, and freeing 10,000
/// journals' names, dates and lists one by one took about a twentieth of
/// `due`'s time. Only for values that own nothing but memory.
fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// After output made without the journals that could not be read: says so
/// on stderr and returns [`Exit::Found`], so nothing is silently left out.
fn bad_files_warning(repo: &Repository, g: &Global) -> Exit {
    if repo.bad_files.is_empty() {
        return Exit::Clean;
    }
    if !g.quiet {
        let n = repo.bad_files.len();
        let _ = writeln!(
            anstream::stderr(),
            "error: {n} journal{} could not be read and {} left out (run `debrief check`):",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        );
        for why in repo.unread() {
            let _ = writeln!(anstream::stderr(), "  {}", output::terminal_safe(&why));
        }
    }
    Exit::Found
}
