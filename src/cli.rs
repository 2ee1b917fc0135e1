//! Command-line arguments and the one library call each command makes.
//!
//! Parses arguments, calls the library, prints, and returns the exit code:
//! 0 clean, 1 problems found (or a bad journal), 2 could not run.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use debrief::diagnostics::Counts;
use debrief::journal::Body;
use debrief::journal::model::same_person;
use debrief::render::{drafts, theme::Theme};
use debrief::repo::Repository;
use debrief::report::week::Week;
use debrief::scaffold::{self, NewJournal, ScaffoldError};
use debrief::{output, time};

mod record;

/// Checks interview journals against follow-up etiquette and tells you what is due.
#[derive(Parser, Debug)]
#[command(name = "debrief", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Debug)]
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
    /// Print nothing; the exit code tells the result
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
    /// Create a journal repository: debrief.toml, an example journal, .gitignore
    Init {
        /// Where to create it [default: the current folder]
        dir: Option<PathBuf>,
    },
    /// Start a new journal from the theme's journal template; never overwrites (a second one of the same day and stage gets `-2`)
    New(NewArgs),
    /// Report problems in the journals: errors, etiquette warnings, notes
    Check {
        /// The journal repository [default: found upward from the current folder]
        root: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Exit with 1 on warnings too
        #[arg(long, value_enum, value_name = "LEVEL")]
        deny: Option<Deny>,
    },
    /// List the follow-ups to do, by due date, then the interviews to come
    Due {
        /// The journal repository [default: found upward from the current folder]
        root: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = DueFormat::Human)]
        format: DueFormat,
        /// Only actions due and interviews within DAYS from today (overdue actions included)
        #[arg(long, value_name = "DAYS")]
        within: Option<u32>,
    },
    /// Print the ready-to-send drafts of a journal's open actions
    Draft {
        /// The journal (a path to the file), an application folder for its latest journal, or an action's id
        #[arg(add = clap_complete::engine::ArgValueCompleter::new(record::open_ids))]
        journal: PathBuf,
        /// Only the draft of this rule (thank-you, check-in, …)
        #[arg(long)]
        rule: Option<String>,
        /// Only the draft for this person
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
    },
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
    /// Print the weekly report, or with --work-search the log of every contact made
    #[command(
        after_help = "Examples:\n  debrief report                      this week, as Markdown\n  debrief report --week 2026-W47 --format html > week.html\n  debrief report --work-search --from 2026-11-01 --format csv > log.csv"
    )]
    Report {
        /// The journal repository [default: found upward from the current folder]
        root: Option<PathBuf>,
        /// The ISO week [default: the week that contains today]
        #[arg(long, value_name = "YYYY-Www", value_parser = parse_week, conflicts_with = "work_search")]
        week: Option<Week>,
        /// Output format: md, text or html for the weekly report; md or csv for --work-search [default: md]
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Print the work-search log instead: every interview and follow-up, with its result
        #[arg(long)]
        work_search: bool,
        /// The first day of the work-search log [default: the first contact]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today, requires = "work_search")]
        from: Option<NaiveDate>,
        /// The last day of the work-search log [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today, requires = "work_search")]
        to: Option<NaiveDate>,
    },
    /// Build the static site: dashboard, applications, journals, drafts, report.json
    #[command(
        after_help = "With [site] encrypt = true every page is locked with the password in DEBRIEF_PASSWORD. \
A password zxcvbn scores below 3 of 4 is refused (exit 2, nothing built) unless DEBRIEF_ALLOW_WEAK_PASSWORD=1 is set."
    )]
    Build {
        /// The journal repository [default: found upward from the current folder]
        root: Option<PathBuf>,
        /// The output folder, relative to the repository
        #[arg(long, short, value_name = "DIR", default_value = "public")]
        output: PathBuf,
        /// The URL the site will be published under
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Build even if some journals have errors; the dashboard lists them first
        #[arg(long)]
        keep_going: bool,
    },
    /// Preview the site while you write: build into memory, serve it, rebuild on save
    Serve {
        /// The journal repository [default: found upward from the current folder]
        root: Option<PathBuf>,
        /// The port to listen on (0: any free port)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The interface to listen on; only this address is served
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        interface: std::net::IpAddr,
        /// Open the site in the browser
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of waiting for file-system events (network or container file systems)
        #[arg(long)]
        poll: bool,
    },
    /// Print shell completions
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// What `debrief new` is asked for.
#[derive(Args, Debug)]
struct NewArgs {
    /// The employer
    #[arg(long)]
    company: String,
    /// The position
    #[arg(long)]
    role: String,
    /// When the interview is or was: YYYY-MM-DD or YYYY-MM-DDTHH:MM [default: today]
    #[arg(long)]
    date: Option<String>,
    /// The stage: screen, technical, onsite, final, …
    #[arg(long)]
    stage: Option<String>,
    /// How the interview takes place: in-person, video or phone
    #[arg(long, value_name = "HOW")]
    format: Option<String>,
    /// An interviewer's name (repeat for several)
    #[arg(long = "interviewer", value_name = "NAME")]
    interviewers: Vec<String>,
    /// Open the new journal in $VISUAL (else $EDITOR)
    #[arg(long)]
    edit: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum DueFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ReportFormat {
    Md,
    Text,
    Html,
    Csv,
}

fn parse_week(s: &str) -> Result<Week, String> {
    Week::parse(s)
        .ok_or_else(|| format!("\"{s}\" is not an ISO week: write YYYY-Www, e.g. 2026-W47"))
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Deny {
    Warnings,
}

/// Exit code: nothing wrong.
const OK: i32 = 0;
/// Exit code: problems found.
const FOUND: i32 = 1;
/// Exit code: could not run.
const FAILED: i32 = 2;

impl Cli {
    /// Runs the command and returns the exit code.
    pub fn run(self) -> i32 {
        let g = &self.global;
        match g.color {
            ColorWhen::Auto => {}
            ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
            ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        }
        match &self.command {
            // A new repository goes where it is asked, never into one above.
            Command::Init { dir: target } => init(
                &given(g, target.as_deref()).unwrap_or_else(|| PathBuf::from(".")),
                g,
            ),
            Command::New(args) => new(&repository(g, None), g, args),
            Command::Check { root, format, deny } => {
                check(&repository(g, root.as_deref()), g, *format, *deny)
            }
            Command::Due {
                root,
                format,
                within,
            } => due(&repository(g, root.as_deref()), g, *format, *within),
            Command::Done(args) => record::done(&repository(g, None), g, args),
            Command::Snooze(args) => record::snooze(&repository(g, None), g, args),
            Command::Sent(args) => record::sent(&repository(g, None), g, args),
            Command::Reply(args) => record::reply(&repository(g, None), g, args),
            Command::Outcome(args) => record::outcome(&repository(g, None), g, args),
            Command::Draft { journal, rule, to } => draft(
                &repository(g, None),
                g,
                journal,
                rule.as_deref(),
                to.as_deref(),
            ),
            Command::Report {
                root,
                week,
                format,
                work_search,
                from,
                to,
            } => {
                let root = repository(g, root.as_deref());
                if *work_search {
                    work_search_log(&root, g, *format, *from, *to)
                } else {
                    report(&root, g, *week, *format)
                }
            }
            Command::Build {
                root,
                output,
                base_url,
                keep_going,
            } => {
                let opts = debrief::site::Options {
                    output: output.clone(),
                    base_url: base_url.clone(),
                    keep_going: *keep_going,
                    // The one secret the build takes: never an argument,
                    // which other users could see.
                    password: std::env::var("DEBRIEF_PASSWORD").ok(),
                    // Asked for where the password is given, each time: not
                    // a setting left in debrief.toml and forgotten.
                    allow_weak_password: std::env::var_os("DEBRIEF_ALLOW_WEAK_PASSWORD")
                        .is_some_and(|v| v == "1"),
                };
                build(&repository(g, root.as_deref()), g, &opts)
            }
            Command::Serve {
                root,
                port,
                interface,
                open,
                poll,
            } => {
                let opts = debrief::serve::Options {
                    root: repository(g, root.as_deref()),
                    config: g.config.clone(),
                    today: g.today,
                    addr: std::net::SocketAddr::new(*interface, *port),
                    poll: *poll,
                    open: *open,
                    limits: debrief::serve::Limits::from_env(),
                };
                match debrief::serve::run(opts) {
                    Ok(()) => OK,
                    Err(e) => fail(e),
                }
            }
            Command::Completions { shell } => {
                // The script asks debrief itself (`COMPLETE=<shell>`) at
                // each Tab, so open action ids complete too.
                let name = shell.to_string();
                let shells = clap_complete::env::Shells::builtins();
                let Some(completer) = shells.completer(&name) else {
                    return fail(format!("no completions for {name}"));
                };
                let mut out = Vec::new();
                if let Err(e) = completer
                    .write_registration("COMPLETE", "debrief", "debrief", "debrief", &mut out)
                {
                    return fail(e);
                }
                print(g, &String::from_utf8_lossy(&out));
                OK
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

fn fail(message: impl std::fmt::Display) -> i32 {
    let style = anstyle::Style::new()
        .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)))
        .bold();
    let message = message.to_string();
    let _ = writeln!(
        anstream::stderr(),
        "{style}error{style:#}: {}",
        output::terminal_safe(&message)
    );
    FAILED
}

fn print(g: &Global, text: &str) {
    if !g.quiet {
        let _ = anstream::stdout().write_all(output::terminal_safe(text).as_bytes());
    }
}

/// The repository at `root` and the day to report for. No command keeps
/// the journals' Markdown: the site reads each body again for its page.
fn load(root: &Path, g: &Global) -> Result<(Repository, NaiveDate), i32> {
    let started = std::time::Instant::now();
    let repo = Repository::load_with(root, g.config.as_deref(), Body::Drop).map_err(fail)?;
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

fn check(root: &Path, g: &Global, format: CheckFormat, deny: Option<Deny>) -> i32 {
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let problems = repo.evaluate(today).problems;
    let text = match format {
        CheckFormat::Human => output::check_human(&problems, &repo.root, repo.files),
        CheckFormat::Json => output::check_json(&problems),
        CheckFormat::Github => output::check_github(&problems),
    };
    print(g, &text);
    let c = Counts::of(&problems);
    let denied = c.errors > 0 || (deny == Some(Deny::Warnings) && c.warnings > 0);
    if denied { FOUND } else { OK }
}

fn due(root: &Path, g: &Global, format: DueFormat, within: Option<u32>) -> i32 {
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut actions = repo.evaluate(today).actions;
    let mut interviews = debrief::report::scheduled::upcoming(&repo.journals, today, repo.tz);
    if let Some(days) = within {
        let until = time::add_days(today, days as i64);
        actions.retain(|a| a.due <= until);
        interviews.retain(|i| i.date <= until);
    }
    let text = match format {
        DueFormat::Human => output::due_human(today, &actions, &interviews),
        DueFormat::Json => output::due_json(today, &actions, &interviews),
    };
    print(g, &text);
    bad_files_warning(&repo, g)
}

fn init(target: &Path, g: &Global) -> i32 {
    if target.join("debrief.toml").exists() {
        return fail(format!(
            "{} is already a debrief repository (it has debrief.toml)",
            target.display()
        ));
    }
    // A repository inside another would be read as that one's journals.
    if let Ok(abs) = std::path::absolute(target) {
        let outer = abs.ancestors().skip(1).find(|a| {
            a.join("debrief.toml").is_file()
                || (a.file_name().is_some_and(|n| n == "content")
                    && a.parent().is_some_and(|p| p.join("content").is_dir()))
        });
        if let Some(outer) = outer {
            let outer = match outer.file_name() {
                Some(n) if n == "content" && !outer.join("debrief.toml").is_file() => {
                    outer.parent().unwrap_or(outer)
                }
                _ => outer,
            };
            return fail(format!(
                "{} is inside the journal repository at {}: create the new one elsewhere",
                target.display(),
                outer.display()
            ));
        }
    }
    let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut created = Vec::new();
    for (rel, text) in scaffold::init_files(today) {
        match scaffold::write_new(&target.join(&rel), &text) {
            Ok(()) => created.push(rel),
            Err(ScaffoldError::Exists(_)) => {
                let _ = writeln!(anstream::stderr(), "kept the existing {rel}");
            }
            Err(e) => return fail(e),
        }
    }
    let mut text = format!("Created a journal repository in {}:\n", target.display());
    for rel in created {
        text += &format!("  {rel}\n");
    }
    text += "Next: `debrief due` lists what to do; `debrief new --company C --role R` starts a journal.\n";
    print(g, &text);
    OK
}

fn new(root: &Path, g: &Global, args: &NewArgs) -> i32 {
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let today = today.to_string();
    let template_path = root
        .join("themes")
        .join(&repo.config.theme)
        .join("archetypes/journal.md");
    let body = match std::fs::read_to_string(&template_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            scaffold::DEFAULT_JOURNAL_TEMPLATE.to_string()
        }
        Err(e) => return fail(format!("cannot read {}: {e}", template_path.display())),
    };
    let request = NewJournal {
        company: &args.company,
        role: &args.role,
        date: args.date.as_deref().unwrap_or(&today),
        stage: args.stage.as_deref(),
        format: args.format.as_deref(),
        interviewers: &args.interviewers,
    };
    let (rel, text) = match scaffold::new_journal(&request, &body) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    match scaffold::write_journal(root, &rel, &text) {
        Ok(rel) if args.edit => edit(&root.join(rel)),
        Ok(rel) => {
            // A path that opens from where you are (`$EDITOR $(debrief new
            // …)`): relative to the repository when started at its root or
            // given `-C`, else in full.
            let shown = if g.directory.is_some() || root == Path::new(".") {
                rel
            } else {
                root.join(rel).display().to_string()
            };
            print(g, &format!("{shown}\n"));
            OK
        }
        Err(e) => fail(e),
    }
}

/// Opens `path` in the user's editor and returns its exit code (the file
/// is written already: quitting the editor keeps it).
fn edit(path: &Path) -> i32 {
    let Some(editor) = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|e| !e.is_empty())
    else {
        return fail(format!(
            "wrote {}; set $VISUAL or $EDITOR to have --edit open it",
            path.display()
        ));
    };
    // `$EDITOR` may carry arguments ("code --wait"), as git allows.
    let editor = editor.to_string_lossy().into_owned();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    match std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
    {
        Ok(s) if s.success() => OK,
        Ok(_) => FOUND,
        Err(e) => fail(format!("cannot start the editor `{editor}`: {e}")),
    }
}

fn draft(root: &Path, g: &Global, journal: &Path, rule: Option<&str>, to: Option<&str>) -> i32 {
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    // An action's id (or a unique start of one) instead of a journal.
    let named = journal.to_str().unwrap_or_default();
    if !journal.exists() && !root.join(journal).exists() && debrief::rules::looks_like_id(named) {
        let actions = repo.evaluate(today).actions;
        let a = match debrief::rules::by_id(&actions, named) {
            Ok(a) => a.clone(),
            Err(e) => return fail(e),
        };
        if !a.draft {
            print(
                g,
                &format!(
                    "{} is `{}` ({}), which has no draft: it is yours to do.\n",
                    a.id, a.rule, a.title
                ),
            );
            return OK;
        }
        return draft(
            &repo.root,
            g,
            Path::new(&a.journal),
            Some(a.rule),
            a.person.as_deref().or(to),
        );
    }
    let rel = match journal_rel(&repo, root, journal, today) {
        Ok(rel) => rel,
        Err(e) => return fail(e),
    };
    if repo.bad_files.contains(&rel) {
        let _ = writeln!(
            anstream::stderr(),
            "error: {rel} could not be read; `debrief check` says why"
        );
        return FOUND;
    }
    let Some(j) = repo.journals.iter().find(|j| j.path == rel) else {
        return fail(format!(
            "{rel} is not a journal (journals are .md files under content/)"
        ));
    };
    // A rule or person that cannot match is a mistake to name, not "no
    // open action".
    if let Some(r) = rule {
        let drafting: Vec<&str> = debrief::rules::RULES
            .iter()
            .filter(|r| r.draft)
            .map(|r| r.id)
            .collect();
        if !drafting.contains(&r) {
            let hint = debrief::diagnostics::did_you_mean(r, &drafting)
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            return fail(format!(
                "no rule `{r}` has drafts; {hint}the rules with drafts are {}",
                drafting.join(", ")
            ));
        }
    }
    if let Some(to) = to {
        let people: Vec<&str> = j
            .interviewers
            .iter()
            .map(|i| i.name.as_str())
            .chain(j.contact.as_deref())
            .chain(j.references.iter().map(|r| r.name.as_str()))
            .collect();
        let known = people
            .iter()
            .any(|p| same_person(p, to) || same_person(to, p));
        if !known {
            let hint = debrief::diagnostics::did_you_mean_person(to, &people)
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            return fail(format!(
                "{to} is not a person of {rel} (its interviewers, contact and references are {}){hint}",
                if people.is_empty() {
                    "none".to_string()
                } else {
                    people.join(", ")
                }
            ));
        }
    }
    let tera = match Theme::load(&repo.root, &repo.config.theme).and_then(|t| t.tera()) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let actions = repo.evaluate(today).actions;
    let drafts = match drafts::for_journal(
        &repo.journals,
        &actions,
        &repo.ctx(today),
        &tera,
        &rel,
        rule,
        to,
    ) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    if drafts.is_empty() {
        print(g, &format!("No open action of {rel} needs a draft.\n"));
        return OK;
    }
    let mut text = String::new();
    for (action, d) in drafts {
        let who = action.person.as_deref().unwrap_or("the hiring team");
        text += &format!(
            "── {} · {who} · by {} · due {} ({}) · id {} ──\n",
            action.rule,
            d.channel.as_str(),
            action.due,
            action.status.as_str(),
            action.id
        );
        if let Some(subject) = &d.subject {
            text += &format!("Subject: {subject}\n\n");
        }
        text += &d.body;
        text += "\n";
    }
    print(g, &text);
    OK
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
    let found = [journal.to_path_buf(), root.join(journal)]
        .into_iter()
        .find(|p| p.exists())
        .and_then(|p| p.canonicalize().ok());
    match (found, repo.root.canonicalize()) {
        (Some(f), Ok(r)) if f.starts_with(&r) => {
            let rel = debrief::journal::discover::relative(&r, &f);
            if !f.is_dir() {
                return Ok(rel);
            }
            let inside = format!("{rel}/");
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

fn report(root: &Path, g: &Global, week: Option<Week>, format: Option<ReportFormat>) -> i32 {
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let current = Week::of(today);
    let week = week.unwrap_or(current);
    if week > current {
        return fail(format!(
            "{week} has not started yet (today, {today}, is in {current}); `debrief due` lists what is coming"
        ));
    }
    let r = debrief::report::weekly_report(&repo, week, today, &|_| String::new());
    let text = match format.unwrap_or(ReportFormat::Md) {
        ReportFormat::Md => {
            debrief::report::text::weekly(&r, debrief::report::text::Style::Markdown)
        }
        ReportFormat::Text => debrief::report::text::weekly(&r, debrief::report::text::Style::Text),
        ReportFormat::Html => match debrief::site::report_html(&repo, &r) {
            Ok(html) => html,
            Err(e) => return fail(e),
        },
        ReportFormat::Csv => {
            return fail(
                "the weekly report is written as md, text or html; csv is for --work-search",
            );
        }
    };
    print(g, &text);
    bad_files_warning(&repo, g)
}

fn work_search_log(
    root: &Path,
    g: &Global,
    format: Option<ReportFormat>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> i32 {
    use debrief::report::worksearch;
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let to = to.unwrap_or(today);
    if let Some(f) = from
        && f > to
    {
        return fail(format!("--from {f} is after --to {to}"));
    }
    // Contacts made: nothing after today, whatever --to says.
    let log = worksearch::log(&repo.journals, from, to.min(today), repo.tz);
    let text = match format.unwrap_or(ReportFormat::Md) {
        ReportFormat::Md => worksearch::markdown(&log, from, to),
        ReportFormat::Csv => worksearch::csv(&log),
        other => {
            return fail(format!(
                "the work-search log is written as md or csv, not {}",
                if other == ReportFormat::Text {
                    "text"
                } else {
                    "html"
                }
            ));
        }
    };
    print(g, &text);
    bad_files_warning(&repo, g)
}

/// After output made without the journals that could not be read: says so
/// on stderr and returns 1, so nothing is silently left out.
fn bad_files_warning(repo: &Repository, g: &Global) -> i32 {
    if repo.bad_files.is_empty() {
        return OK;
    }
    if !g.quiet {
        let n = repo.bad_files.len();
        let _ = writeln!(
            anstream::stderr(),
            "error: {n} journal{} could not be read and {} left out (run `debrief check`):",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        );
        for f in &repo.bad_files {
            let _ = writeln!(anstream::stderr(), "  {}", output::terminal_safe(f));
        }
    }
    FOUND
}

fn build(root: &Path, g: &Global, opts: &debrief::site::Options) -> i32 {
    use debrief::site::BuildError;
    let (repo, today) = match load(root, g) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match debrief::site::build(&repo, today, opts) {
        Ok(built) => {
            if std::env::var_os("DEBRIEF_TIMINGS").is_some() {
                for (phase, took) in &built.phases {
                    let _ = writeln!(
                        anstream::stderr(),
                        "{:>8.1} ms  {phase}",
                        took.as_secs_f64() * 1000.0
                    );
                }
            }
            print(
                g,
                &format!(
                    "Built {} files into {}\n",
                    built.files,
                    built.output.display()
                ),
            );
            if let Some(weak) = &built.weak_password
                && !g.quiet
            {
                let _ = writeln!(
                    anstream::stderr(),
                    "warning: locked with a weak password, as DEBRIEF_ALLOW_WEAK_PASSWORD=1 asks. {weak}"
                );
            }
            if !repo.bad_files.is_empty() && !g.quiet {
                let _ = writeln!(
                    anstream::stderr(),
                    "warning: {} journals with errors were left out: {}",
                    repo.bad_files.len(),
                    output::terminal_safe(&repo.bad_files.join(", "))
                );
            }
            OK
        }
        Err(e @ BuildError::Journals(_)) => {
            let _ = writeln!(
                anstream::stderr(),
                "error: {}",
                output::terminal_safe(&e.to_string())
            );
            FOUND
        }
        Err(e) => fail(e),
    }
}
