//! `done`, `snooze`, `sent`, `reply` and `outcome`: recording what you did
//! in the journal the rules read it from, through `debrief::record`.
//!
//! Each command resolves what it is given (action ids, a journal path or an
//! application folder, names), builds the records, and hands them to
//! [`write`], which edits, checks and writes one journal at a time.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use clap::Args;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use debrief::journal::application::{self, Application};
use debrief::journal::model::{Channel, Kind, Outcome, Reply, Sent, Snooze, same_person};
use debrief::record::{self, Record};
use debrief::repo::Repository;
use debrief::rules::{self, Action};
use debrief::time::When;

use super::{Error, Exit, Global, journal_rel, load, parse_today, print, repository};

/// What `done` takes.
#[derive(Args, Debug)]
pub struct DoneArgs {
    /// The ids of the actions done (as `debrief due` shows them; a unique start is enough)
    #[arg(required = true, value_name = "ACTION", add = ArgValueCompleter::new(open_ids))]
    actions: Vec<String>,
    /// When it was done [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    on: Option<NaiveDate>,
    /// How it was sent (email, phone, mail, linkedin), for what is sent
    #[arg(long, value_name = "CHANNEL", value_parser = parse_channel)]
    channel: Option<Channel>,
    /// A note to keep with it
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// What `snooze` takes.
#[derive(Args, Debug)]
pub struct SnoozeArgs {
    /// The ids of the actions to put off
    #[arg(required = true, value_name = "ACTION", add = ArgValueCompleter::new(open_ids))]
    actions: Vec<String>,
    /// Hidden until this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    until: NaiveDate,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// What `sent` takes.
#[derive(Args, Debug)]
pub struct SentArgs {
    /// What was sent: thank-you, check-in, keep-warm, feedback, offer-reply, linkedin, references, withdraw, other
    #[arg(value_parser = parse_kind)]
    kind: Kind,
    /// The journal, or an application folder for its latest journal
    path: std::path::PathBuf,
    /// To whom (again for several) [default: every interviewer of the journal]
    #[arg(long, value_name = "NAME")]
    to: Vec<String>,
    /// When [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    on: Option<NaiveDate>,
    /// How (email, phone, mail, linkedin)
    #[arg(long, value_name = "CHANNEL", value_parser = parse_channel)]
    channel: Option<Channel>,
    /// A note to keep with it
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// What `reply` takes.
#[derive(Args, Debug)]
pub struct ReplyArgs {
    /// The journal, or an application folder for its latest journal
    path: std::path::PathBuf,
    /// Who got back to you
    #[arg(long, value_name = "NAME")]
    from: Option<String>,
    /// When [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    on: Option<NaiveDate>,
    /// What they said
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// What `outcome` takes.
#[derive(Args, Debug)]
pub struct OutcomeArgs {
    /// pending, offer, rejected, withdrawn, accepted or declined
    #[arg(value_parser = parse_outcome)]
    outcome: Outcome,
    /// The journal, or an application folder for its latest journal
    path: std::path::PathBuf,
    /// When it came [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    on: Option<NaiveDate>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// The open actions' ids starting with what is typed, each with its title,
/// for shell completion (the repository holding the current folder; on
/// any trouble, none).
pub fn open_ids(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else {
        return Vec::new();
    };
    let Ok(cwd) = std::env::current_dir() else {
        return Vec::new();
    };
    let root = debrief::repo::find_root(&cwd).unwrap_or(cwd);
    let Ok(repo) = Repository::load_with(&root, None, debrief::journal::Body::Drop) else {
        return Vec::new();
    };
    let today = std::env::var("DEBRIEF_TODAY")
        .ok()
        .and_then(|d| parse_today(&d).ok())
        .unwrap_or_else(|| repo.today());
    repo.evaluate(today)
        .actions
        .into_iter()
        .filter(|a| a.id.starts_with(prefix))
        .map(|a| {
            let help = format!("{} ({})", a.title, a.company);
            CompletionCandidate::new(a.id).help(Some(help.into()))
        })
        .collect()
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::ALL
        .into_iter()
        .find(|c| c.as_str() == s)
        .ok_or_else(|| format!("\"{s}\" is not a channel: email, phone, mail or linkedin"))
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            let hint = debrief::diagnostics::did_you_mean(s, &names)
                .map(|m| format!("did you mean `{m}`? "))
                .unwrap_or_default();
            format!(
                "\"{s}\" is not a kind; {hint}the kinds are {}",
                names.join(", ")
            )
        })
}

fn parse_outcome(s: &str) -> Result<Outcome, String> {
    let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
    Outcome::ALL
        .into_iter()
        .find(|o| o.as_str() == s)
        .ok_or_else(|| format!("\"{s}\" is not an outcome: {}", names.join(", ")))
}

/// `debrief done`.
pub fn done(g: &Global, args: &DoneArgs) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    let on = args.on.unwrap_or(today);
    let actions = repo.evaluate(today).actions;
    let mut exit = Exit::Clean;
    for a in resolve(&actions, &args.actions)? {
        // Nothing is done before the interview it follows.
        if let Some(j) = repo.journals.iter().find(|j| j.path == a.journal)
            && on < j.date.date(repo.tz)
        {
            return Err(format!(
                "{}: --on {on} is before the interview of {} ({}); nothing was written",
                a.id,
                a.journal,
                j.date.date(repo.tz)
            )
            .into());
        }
        if (args.note.is_some() || args.channel.is_some())
            && matches!(a.rule, "promised-item" | "references")
        {
            let _ = writeln!(
                anstream::stderr(),
                "{}: --note and --channel are kept only with what is sent; this records `{}` alone",
                a.id,
                if a.rule == "references" {
                    "briefed:"
                } else {
                    "done:"
                }
            );
        }
        let decision_by = repo
            .journals
            .iter()
            .find(|j| j.path == a.journal)
            .and_then(|j| j.decision_by);
        let records = match done_records(a, on, decision_by, args) {
            Ok(r) => r,
            Err(why) => {
                let _ = writeln!(anstream::stderr(), "{}: {why}", a.id);
                exit = Exit::Found;
                continue;
            }
        };
        write(&repo, g, &a.journal, records, args.dry_run)?;
    }
    Ok(exit)
}

/// The open actions `ids` name, each once, all found before anything is
/// written (one that matches nothing, or several, stops everything).
fn resolve<'a>(actions: &'a [Action], ids: &[String]) -> Result<Vec<&'a Action>, Error> {
    let mut out: Vec<&Action> = Vec::new();
    for id in ids {
        let id = id.trim();
        let a = rules::by_id(actions, id)?;
        if !out.iter().any(|b| b.id == a.id) {
            out.push(a);
        }
    }
    Ok(out)
}

/// What closes action `a`, where the rules look for it.
/// `decision_by` is that of the action's journal: an offer reply records
/// the answer date its draft promised.
fn done_records(
    a: &Action,
    on: NaiveDate,
    decision_by: Option<NaiveDate>,
    args: &DoneArgs,
) -> Result<Vec<Record>, String> {
    let sent = |kind: Kind| Sent {
        kind,
        to: a.person.iter().cloned().collect(),
        on: When::Date(on),
        channel: args.channel,
        note: args.note.clone(),
        loc: Default::default(),
        channel_loc: None,
        decide_by: None,
    };
    match a.rule {
        "offer-reply" => Ok(vec![Record::sent(Sent {
            // The date its draft gives: drafted for no earlier than its due day.
            decide_by: Some(rules::offer_reply::answer_by(decision_by, on.max(a.due))),
            ..sent(Kind::OfferReply)
        })]),
        "promised-item" => Ok(vec![Record::done(entry(a)?, on)]),
        "references" => Ok(vec![Record::briefed(entry(a)?, on)]),
        "reflection" => Err(format!(
            "a reflection is written, not sent: add a section such as `## What went well` with a list under it to {}",
            a.journal
        )),
        "offer-decision" => Err(format!(
            "record your answer with `debrief outcome accepted {}` (or `declined`)",
            a.journal
        )),
        rule => match Kind::ALL.into_iter().find(|k| k.as_str() == rule) {
            Some(kind) => Ok(vec![Record::sent(sent(kind))]),
            None => Err(format!("`{rule}` cannot be recorded as done")),
        },
    }
}

fn entry(a: &Action) -> Result<usize, String> {
    a.entry
        .ok_or_else(|| format!("cannot tell which entry of {} `{}` is", a.journal, a.rule))
}

/// `debrief snooze`.
pub fn snooze(g: &Global, args: &SnoozeArgs) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    if args.until <= today {
        return Err(format!(
            "--until {} is not after today ({today}): a snooze hides an action until a later day",
            args.until
        )
        .into());
    }
    let actions = repo.evaluate(today).actions;
    let chosen = resolve(&actions, &args.actions)?;
    for a in &chosen {
        // A snooze names a rule and a person: it would hide every action
        // of both in the application, which must all have been asked for.
        let also: Vec<&Action> = actions
            .iter()
            .filter(|b| {
                b.id != a.id
                    && b.rule == a.rule
                    && b.company == a.company
                    && b.role == a.role
                    && (a.person.is_none() || b.person == a.person)
                    && !chosen.iter().any(|c| c.id == b.id)
            })
            .collect();
        if !also.is_empty() {
            let names: Vec<String> = also
                .iter()
                .map(|b| format!("{} ({})", b.id, b.title))
                .collect();
            return Err(format!(
                "{}: a snooze of `{}`{} would also hide {}; name them too to put them all off",
                a.id,
                a.rule,
                a.person
                    .as_deref()
                    .map(|p| format!(" for {p}"))
                    .unwrap_or_default(),
                names.join(", ")
            )
            .into());
        }
    }
    for a in chosen {
        let s = Snooze {
            rule: a.rule.to_string(),
            until: args.until,
            to: a.person.clone(),
            loc: Default::default(),
        };
        write(&repo, g, &a.journal, vec![Record::snooze(s)], args.dry_run)?;
    }
    Ok(Exit::Clean)
}

/// `debrief sent`.
pub fn sent(g: &Global, args: &SentArgs) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    let rel = journal_rel(&repo, root, &args.path, today)?;
    let to = full_names(&repo, &rel, today, &args.to)?;
    let s = Sent {
        kind: args.kind,
        to,
        on: When::Date(args.on.unwrap_or(today)),
        channel: args.channel,
        note: args.note.clone(),
        loc: Default::default(),
        channel_loc: None,
        decide_by: None,
    };
    write(&repo, g, &rel, vec![Record::sent(s)], args.dry_run)?;
    Ok(Exit::Clean)
}

/// `debrief reply`.
pub fn reply(g: &Global, args: &ReplyArgs) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    let rel = journal_rel(&repo, root, &args.path, today)?;
    let from = full_names(&repo, &rel, today, args.from.as_slice())?.pop();
    let r = Reply {
        on: args.on.unwrap_or(today),
        from,
        note: args.note.clone(),
        loc: Default::default(),
    };
    write(&repo, g, &rel, vec![Record::reply(r)], args.dry_run)?;
    Ok(Exit::Clean)
}

/// `debrief outcome`.
pub fn outcome(g: &Global, args: &OutcomeArgs) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    let rel = journal_rel(&repo, root, &args.path, today)?;
    let records = Record::outcome(args.outcome, args.on.unwrap_or(today)).into();
    write(&repo, g, &rel, records, args.dry_run)?;
    Ok(Exit::Clean)
}

/// The names as the application knows them in full (`Priya` → `Priya
/// Patel`); a name of nobody is refused with the closest one.
fn full_names(
    repo: &Repository,
    rel: &str,
    today: NaiveDate,
    names: &[String],
) -> Result<Vec<String>, String> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let Some(j) = repo.journals.iter().find(|j| j.path == rel) else {
        return Err(format!(
            "the journal could not be read: {}",
            repo.why_unread(rel)
        ));
    };
    let apps: Vec<Application<'_>> = application::group(
        repo.journals.iter().filter(|k| k.key == j.key),
        today,
        repo.tz,
    );
    let mut people: Vec<&str> = Vec::new();
    for k in apps
        .iter()
        .flat_map(|a| a.journals.iter().chain(&a.scheduled))
    {
        people.extend(k.interviewers.iter().map(|i| i.name.as_str()));
        people.extend(k.contact.as_deref());
        people.extend(k.references.iter().map(|r| r.name.as_str()));
    }
    names
        .iter()
        .map(|name| {
            // The longest name it can mean: "Priya Patel" over "Priya".
            people
                .iter()
                .filter(|p| same_person(p, name) || same_person(name, p))
                .max_by_key(|p| p.split_whitespace().count())
                .map(|p| p.to_string())
                .ok_or_else(|| {
                    let hint = debrief::diagnostics::did_you_mean_person(name, &people)
                        .map(|p| format!("; did you mean `{p}`?"))
                        .unwrap_or_default();
                    format!(
                        "{name} is no interviewer, contact or reference of this application{hint}"
                    )
                })
        })
        .collect::<Result<Vec<String>, String>>()
        .map(|mut full| {
            // `--to Bea --to "bea dy"` is one person.
            let mut seen = std::collections::HashSet::new();
            full.retain(|n| seen.insert(n.clone()));
            full
        })
}

/// Edits the journal `rel` by `records`, checks the result reads as the
/// journal plus exactly those records, and writes it in place of the file
/// (or, with `dry_run`, prints the diff).
fn write(
    repo: &Repository,
    g: &Global,
    rel: &str,
    records: Vec<Record>,
    dry_run: bool,
) -> Result<(), String> {
    if repo.bad_files.iter().any(|b| b == rel) {
        return Err(format!(
            "{rel} has a front-matter error: fix it first (`debrief check` says where)"
        ));
    }
    let path = repo.file(rel);
    let bytes = std::fs::read(&path).map_err(|e| format!("{rel}: {e}"))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| format!("{rel} is not valid UTF-8: fix it first"))?;
    let headings = &repo.config.rules.reflection_headings;
    let snooze_rules = rules::action_ids();
    let old = debrief::journal::parse(rel, &bytes, headings, &snooze_rules);
    let Some(old_journal) = old.journal.as_ref().filter(|_| old.is_good()) else {
        return Err(format!(
            "{rel} has a front-matter error: fix it first (`debrief check` says where)"
        ));
    };
    let mut new = text.clone();
    for r in &records {
        new =
            record::apply(&new, &r.edit).map_err(|e| format!("{rel}: {e}; nothing was written"))?;
    }
    if new.len() as u64 > debrief::repo::MAX_JOURNAL_BYTES {
        return Err(format!(
            "{rel}: recording this would take the journal over 1 MB, more than debrief reads; nothing was written"
        ));
    }
    let read = debrief::journal::parse(rel, new.as_bytes(), headings, &snooze_rules);
    let expect = |j: &mut debrief::journal::Journal| records.iter().for_each(|r| (r.expect)(j));
    let diff = record::diff(rel, &text, &new);
    let edits: Vec<record::Edit> = records.iter().map(|r| r.edit.clone()).collect();
    record::verify(old_journal, &read, &expect)
        .and_then(|()| record::unchanged_elsewhere(&text, &new, &edits))
        .map_err(|e| {
            format!("{rel}: {e}; nothing was written. The edit would have been:\n{diff}")
        })?;
    // The file itself, through any link; one that is not ours to replace
    // is refused rather than swapped for a copy.
    let target = path.canonicalize().map_err(|e| format!("{rel}: {e}"))?;
    let meta = std::fs::metadata(&target).map_err(|e| format!("{rel}: {e}"))?;
    if meta.permissions().readonly() {
        return Err(format!("{rel} is read-only: nothing was written"));
    }
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(format!(
            "{rel} has other hard links, which a rewrite would separate from it: record this by hand"
        ));
    }
    if dry_run {
        print(g, &diff);
        return Ok(());
    }
    replace(&target, &bytes, new.as_bytes()).map_err(|e| format!("{rel}: {e}"))?;
    let what: Vec<&str> = records.iter().map(|r| r.summary.as_str()).collect();
    print(g, &format!("{rel}: recorded {}\n", what.join(", ")));
    Ok(())
}

/// Writes `new` in place of the file at `path`, which held `old`: through
/// a temporary file in the same folder, flushed to disk, with the file's
/// permissions, renamed over it; refused if the file changed meanwhile.
fn replace(path: &Path, old: &[u8], new: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".debrief-record-")
        .tempfile_in(dir)?;
    tmp.write_all(new)?;
    tmp.as_file().sync_all()?;
    let permissions = std::fs::metadata(path)?.permissions();
    tmp.as_file().set_permissions(permissions)?;
    if std::fs::read(path)? != old {
        return Err(std::io::Error::other(
            "the file changed while it was being recorded; nothing was written",
        ));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
