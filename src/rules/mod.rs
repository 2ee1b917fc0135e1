//! The follow-up rules of SPEC §3: one table, one file per rule.
//!
//! Everything here is pure: journals, the configuration and `today` come in
//! as values; actions and problems go out. Adding a rule means adding one file
//! and one line to [`RULES`]. A rule's `reason` is the same sentence that
//! `check`, `due` and the site show.

mod check_in;
mod feedback;
mod few_active;
mod generic_draft;
mod late_thank_you;
mod linkedin;
mod no_timeline;
mod offer_decision;
pub mod offer_reply;
mod person_conflict;
mod promised_item;
mod reading;
mod references;
mod reflection;
mod thank_you;
mod too_frequent;
mod too_soon;
mod unknown_person;
mod withdraw;
mod wrong_channel;

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::{Problem, Severity};
use crate::journal::application::{self, Application};
use crate::journal::model::{Channel, Journal, Outcome, normalise, same_person};

/// What a rule is evaluated with.
pub struct Ctx<'a> {
    /// The local date reports are made for.
    pub today: NaiveDate,
    /// The configured timezone.
    pub tz: Tz,
    /// The configuration.
    pub config: &'a Config,
    /// The offer you accepted, if any: the other applications are to be
    /// withdrawn from, not chased.
    pub accepted: Option<Accepted>,
}

/// An accepted offer, as the other applications' rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The accepted application's key.
    pub key: String,
    /// Its company.
    pub company: String,
    /// When it was accepted.
    pub on: NaiveDate,
}

/// The first offer accepted among `journals`: an application's outcome is
/// the one its latest journal setting one gives (as [`application::group`]
/// reads it), so this needs no grouping.
pub fn acceptance<'a>(journals: impl IntoIterator<Item = &'a Journal>, tz: Tz) -> Option<Accepted> {
    let mut latest: std::collections::HashMap<&str, &Journal> = Default::default();
    for j in journals.into_iter().filter(|j| j.outcome.is_some()) {
        let order = |j: &Journal| (j.date.instant(tz), j.path.clone());
        latest
            .entry(j.key.as_str())
            .and_modify(|k| {
                if order(j) > order(k) {
                    *k = j;
                }
            })
            .or_insert(j);
    }
    latest
        .values()
        .filter(|j| j.outcome == Some(Outcome::Accepted))
        .map(|j| Accepted {
            key: j.key.clone(),
            company: j.company.clone(),
            on: j.outcome_on.unwrap_or_else(|| j.date.date(tz)),
        })
        .min_by(|a, b| (a.on, &a.key).cmp(&(b.on, &b.key)))
}

impl Ctx<'_> {
    /// The offer of another application accepted while `app` was under
    /// way (its first interview on or before the acceptance): an
    /// application begun after it belongs to a new search and is left be.
    pub fn accepted_elsewhere(&self, app: &Application<'_>) -> Option<&Accepted> {
        let first = app.journals.first()?.date.date(self.tz);
        self.accepted
            .as_ref()
            .filter(|a| a.key != app.key && first <= a.on)
    }

    /// `app`'s outcome as the pipeline's problems count it: a pending
    /// application you are withdrawing from (an offer accepted elsewhere)
    /// counts as withdrawn.
    pub fn counted_outcome(&self, app: &Application<'_>) -> Outcome {
        match app.outcome {
            Outcome::Pending if self.accepted_elsewhere(app).is_some() => Outcome::Withdrawn,
            o => o,
        }
    }
}

/// How a rule finds what it reports.
pub enum Check {
    /// Open actions of one application.
    Actions(fn(&Application<'_>, &Ctx<'_>, &mut Vec<Action>)),
    /// Problems in one application's journals.
    Problems(fn(&Application<'_>, &Ctx<'_>, &mut Vec<Problem>)),
    /// Problems of the pipeline as a whole.
    Pipeline(fn(&[Outcome], &Ctx<'_>, &mut Vec<Problem>)),
    /// Actions emitted by the check of the named rule (check-in and
    /// keep-warm share one cadence).
    Companion(&'static str),
    /// Found while reading files, not by evaluating journals.
    Reading,
}

/// One rule: its id, why it exists, and how it is checked.
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// One line on why, shown to the user.
    pub reason: &'static str,
    /// Default severity of its problems (actions have none).
    pub severity: Severity,
    /// Whether its actions come with a ready-to-send draft.
    pub draft: bool,
    /// Whether its due dates are counted in days, and so move off a
    /// weekend to the Monday (hour-based rules keep their hour).
    pub off_weekends: bool,
    /// The timings of `[rules]` it reads (a timing shared by two rules is
    /// declared by the first): `debrief.toml`'s defaults, its validation,
    /// the file `init` writes and the README's tables come from these.
    pub params: &'static [Param],
    /// The dated entries its answer depends on: the timeline of earlier
    /// weeks cuts a journal at exactly these (see `report::history`).
    pub reads: &'static [Dated],
    /// How it is checked.
    pub check: Check,
}

/// A timing of `[rules]`: its key, default, unit and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The key in `[rules]`.
    pub key: &'static str,
    /// Its default.
    pub default: i64,
    /// What it counts.
    pub unit: Unit,
    /// What it is for, completing "<default> <unit> …".
    pub doc: &'static str,
}

/// What a timing counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Hours.
    Hours,
    /// Calendar days.
    Days,
    /// A number of things.
    Count,
}

impl Unit {
    /// The unit in words.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Count => "",
        }
    }
}

/// A dated entry of a journal that a rule's answer depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dated {
    /// `sent[].on`.
    Sent,
    /// `replies[].on`.
    Reply,
    /// `promised[].done` (a date).
    PromiseDone,
    /// `references[].briefed` (a date).
    Briefed,
    /// `outcome` with `outcome_on`.
    Outcome,
}

/// The timing of no rule: when a pending application counts as ghosted
/// (the pipeline's standings).
pub const GHOSTED: Param = Param {
    key: "stale_after_days",
    default: 45,
    unit: Unit::Days,
    doc: "without a reply after the last interview before a pending application counts as ghosted",
};

/// Every timing of `[rules]`, in the order of the rules.
pub fn params() -> impl Iterator<Item = &'static Param> {
    RULES
        .iter()
        .flat_map(|r| r.params.iter())
        .chain(std::iter::once(&GHOSTED))
}

/// The default of the timing `key`.
///
/// # Panics
/// When no rule declares `key`: a programming error the unit tests catch.
pub fn default_of(key: &str) -> i64 {
    params()
        .find(|p| p.key == key)
        .unwrap_or_else(|| panic!("no rule declares the timing {key}"))
        .default
}

/// The dated entries any rule reads.
pub fn dated() -> Vec<Dated> {
    let mut out: Vec<Dated> = Vec::new();
    for d in RULES.iter().flat_map(|r| r.reads) {
        if !out.contains(d) {
            out.push(*d);
        }
    }
    out
}

/// Every rule, actions first, in the order of SPEC §3.
pub const RULES: &[Rule] = &[
    thank_you::RULE,
    promised_item::RULE,
    check_in::CHECK_IN,
    check_in::KEEP_WARM,
    linkedin::RULE,
    references::RULE,
    reflection::RULE,
    feedback::RULE,
    offer_reply::RULE,
    offer_decision::RULE,
    withdraw::RULE,
    reading::FRONT_MATTER,
    reading::UNKNOWN_FIELD,
    reading::UNREADABLE,
    reading::SYMLINK_LOOP,
    reading::TOO_DEEP,
    too_soon::RULE,
    too_frequent::RULE,
    wrong_channel::RULE,
    unknown_person::RULE,
    person_conflict::RULE,
    late_thank_you::RULE,
    late_thank_you::COUNTED_ELSEWHERE,
    no_timeline::RULE,
    generic_draft::RULE,
    few_active::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every rule id.
pub fn ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id).collect()
}

/// The ids of rules that produce actions (what a snooze may name).
pub fn action_ids() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| matches!(r.check, Check::Actions(_) | Check::Companion(_)))
        .map(|r| r.id)
        .collect()
}

/// The ids an `allow:` may name: the rules that report a problem in a
/// journal (a problem of the whole search is in no journal, so no `allow`
/// reaches it).
pub fn problem_ids() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| {
            !matches!(
                r.check,
                Check::Actions(_) | Check::Companion(_) | Check::Pipeline(_)
            )
        })
        .map(|r| r.id)
        .collect()
}

/// Where an action stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Its due date is before today.
    Overdue,
    /// It is due today.
    Due,
    /// It is due later.
    Upcoming,
}

impl Status {
    /// The status of something due on `due`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Status {
        match due.cmp(&today) {
            std::cmp::Ordering::Less => Status::Overdue,
            std::cmp::Ordering::Equal => Status::Due,
            std::cmp::Ordering::Greater => Status::Upcoming,
        }
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Upcoming => "upcoming",
        }
    }
}

/// Something to do, with its due date. Serializes to the JSON of `due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// A short stable id (see [`Action::id_of`]): what `draft`, `done` and
    /// `snooze` take.
    pub id: String,
    /// The rule id.
    pub rule: &'static str,
    /// Overdue, due or upcoming.
    pub status: Status,
    /// The due date.
    pub due: NaiveDate,
    /// The due instant, for hour-based rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Who it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The company, as in the application's latest journal.
    pub company: String,
    /// The role, as in the application's latest journal.
    pub role: String,
    /// The journal it comes from, relative to the repository root.
    pub journal: String,
    /// How to reach the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// What to do, in a few words.
    pub title: String,
    /// Whether a ready-to-send draft exists.
    pub draft: bool,
    /// For a promised item or a reference: its place in its journal's
    /// `promised` or `references` list, where `done` records it.
    #[serde(skip)]
    pub entry: Option<usize>,
}

impl Action {
    /// An action of `rule` for `app`, from journal `j`, due on `due`. The
    /// status and draft flag are filled in by [`evaluate`].
    pub fn new(
        rule: &'static str,
        app: &Application<'_>,
        j: &Journal,
        due: NaiveDate,
        title: String,
    ) -> Action {
        Action {
            id: String::new(),
            rule,
            status: Status::Upcoming,
            due,
            due_at: None,
            person: None,
            company: app.company.clone(),
            role: app.role.clone(),
            journal: j.path.clone(),
            channel: None,
            title,
            draft: false,
            entry: None,
        }
    }

    /// The id of the action: a hash of what makes it this action (its
    /// rule, its journal, its person, and for a promised item, what it
    /// is), so it is the same on every run, whatever else the repository
    /// holds, and a different action never takes it over. Eight hex digits;
    /// a unique prefix is accepted where ids are asked for.
    pub fn id_of(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            self.rule,
            self.journal.as_str(),
            &self.person.as_deref().map(normalise).unwrap_or_default(),
            if self.rule == "promised-item" {
                self.title.as_str()
            } else {
                ""
            },
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        h.finalize()[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The order actions are listed in: due date, company, person (case
    /// aside), then the rest for stability.
    pub fn sort<A: std::borrow::Borrow<Action>>(actions: &mut [A]) {
        Action::sort_by(actions, |a| a.borrow());
    }

    /// Sorts things that each hold an action (`action` finds it) in the
    /// order of [`Action::sort`].
    pub fn sort_by<T>(items: &mut [T], action: impl Fn(&T) -> &Action) {
        // Compared in place: a year of weekly reports sorts the open
        // actions 53 times, and keys made for each sort were four strings
        // per action.
        items.sort_by(|a, b| action(a).order(action(b)));
    }

    /// Where this action stands against `other` in the order of
    /// [`Action::sort`]: the order of their [`SortKey`]s, without making them.
    pub fn order(&self, other: &Action) -> std::cmp::Ordering {
        self.due
            .cmp(&other.due)
            .then_with(|| lower_cmp(&self.company, &other.company))
            .then_with(|| match (&self.person, &other.person) {
                (Some(a), Some(b)) => lower_cmp(a, b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            })
            .then_with(|| self.rule.cmp(other.rule))
            .then_with(|| self.journal.cmp(&other.journal))
            .then_with(|| self.title.cmp(&other.title))
    }

    /// Where this action stands in the order of [`Action::sort`].
    pub fn sort_key(&self) -> SortKey {
        SortKey {
            due: self.due,
            company: lower(&self.company),
            person: self.person.as_deref().map(lower),
            rule: self.rule,
            journal: self.journal.clone(),
            title: self.title.clone(),
        }
    }
}

/// `text` in lower case, letter by letter (as [`lower_cmp`] compares).
fn lower(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// `a` against `b` in lower case, without making either.
fn lower_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    // Byte by byte while both are ASCII (most names, and a week's report
    // sorts thousands of actions by them); from the first other character
    // on, by Unicode's lower case.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < x.len() && i < y.len() && x[i].is_ascii() && y[i].is_ascii() {
        match x[i].to_ascii_lowercase().cmp(&y[i].to_ascii_lowercase()) {
            std::cmp::Ordering::Equal => i += 1,
            other => return other,
        }
    }
    a[i..]
        .chars()
        .flat_map(char::to_lowercase)
        .cmp(b[i..].chars().flat_map(char::to_lowercase))
}

/// Whether `text` could be an action id or a prefix of one (what `draft`
/// tells from a path): 4 to 8 hex digits.
pub fn looks_like_id(text: &str) -> bool {
    (4..=8).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The open action whose id is `prefix` or starts with it, as git takes a
/// short hash: none or several is a message saying which.
pub fn by_id<'a>(actions: &'a [Action], prefix: &str) -> Result<&'a Action, String> {
    let prefix = prefix.to_ascii_lowercase();
    if prefix.is_empty() {
        return Err("an empty id: `debrief due` lists the open actions with their ids".into());
    }
    let found: Vec<&Action> = actions
        .iter()
        .filter(|a| a.id.starts_with(&prefix))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no open action has the id `{prefix}`; `debrief due` lists the open ones with their ids"
        )),
        many => Err(format!(
            "`{prefix}` starts {} ids: {}; type more of it",
            many.len(),
            many.iter()
                .take(5)
                .map(|a| format!("{} ({}, {})", a.id, a.rule, a.company))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The order lists show actions in, as a value: due date, company, person
/// (case aside), then the rest for stability.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    due: NaiveDate,
    company: String,
    person: Option<String>,
    rule: &'static str,
    journal: String,
    title: String,
}

/// What the rules found.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Open actions, sorted by due date, company and person (snoozed ones left out).
    pub actions: Vec<Action>,
    /// Problems, with configured severities applied, sorted by file and position.
    pub problems: Vec<Problem>,
}

/// Runs every rule over the journals; `reading` are the problems found while
/// reading files, which get the configured severities like the rest.
pub fn evaluate(journals: &[Journal], reading: Vec<Problem>, ctx: &Ctx<'_>) -> Evaluation {
    let apps = application::group(journals, ctx.today, ctx.tz);
    let ctx = &Ctx {
        accepted: acceptance(journals, ctx.tz),
        ..*ctx
    };
    let per_app: Vec<(Vec<Action>, Vec<Problem>)> =
        apps.par_iter().map(|app| of_app(app, ctx)).collect();

    let mut actions = Vec::new();
    let mut problems = reading;
    for (a, p) in per_app {
        actions.extend(a);
        problems.extend(p);
    }
    let outcomes: Vec<Outcome> = apps.iter().map(|a| ctx.counted_outcome(a)).collect();
    pipeline_problems(&outcomes, ctx, &mut problems);
    Action::sort(&mut actions);
    Evaluation {
        actions,
        problems: with_severities(problems, ctx.config),
    }
}

/// What the rules find in one application: its open actions, with their
/// status and draft flag but not yet sorted among the others, and the
/// problems in its journals, before severities are configured. An
/// application of scheduled interviews only has neither.
pub fn of_app(app: &Application<'_>, ctx: &Ctx<'_>) -> (Vec<Action>, Vec<Problem>) {
    if app.journals.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut problems = Vec::new();
    for rule in RULES {
        if let Check::Problems(f) = rule.check {
            f(app, ctx, &mut problems);
        }
    }
    acknowledge(app, &mut problems);
    let mut actions = actions_of(app, ctx);
    for a in actions.iter_mut() {
        settle(a, ctx.today);
    }
    (actions, problems)
}

/// Marks the problems an `allow:` of their journal acknowledges (one in an
/// entry covers the entry's lines; one at the top, the whole journal), and
/// reports the ids an `allow:` names that are no problem rule.
fn acknowledge(app: &Application<'_>, problems: &mut Vec<Problem>) {
    let journals = || app.journals.iter().chain(&app.scheduled);
    if journals().all(|j| j.allows.is_empty()) {
        return;
    }
    for p in problems.iter_mut() {
        let Some(file) = p.file.as_deref() else {
            continue;
        };
        let Some(j) = journals().find(|j| j.path == file) else {
            continue;
        };
        let line = p.line.unwrap_or(0);
        p.allowed = j
            .allows
            .iter()
            .any(|a| (a.from..=a.to).contains(&line) && a.rules.iter().any(|(r, _)| r == p.rule));
    }
    let problem_ids = problem_ids();
    for j in journals() {
        for (id, loc) in j.allows.iter().flat_map(|a| &a.rules) {
            if problem_ids.contains(&id.as_str()) {
                continue;
            }
            let whole = RULES
                .iter()
                .any(|r| r.id == id && matches!(r.check, Check::Pipeline(_)));
            let hint = if whole {
                format!(
                    "; `{id}` is about the whole search, in no journal: switch it off with `{id} = \"off\"` under [rules.severity]"
                )
            } else if action_ids().contains(&id.as_str()) {
                format!("; `{id}` is an action: to put it off, use `snooze`")
            } else {
                crate::diagnostics::did_you_mean(id, &problem_ids)
                    .map(|m| format!("; did you mean `{m}`?"))
                    .unwrap_or_default()
            };
            problems.push(Problem::at(
                crate::journal::schema::UNKNOWN_FIELD,
                Severity::Warning,
                &j.path,
                Some(*loc),
                format!("`allow` names `{id}`, which is no problem rule{hint}"),
            ));
        }
    }
}

/// The problems of the pipeline as a whole, which no one application has:
/// `outcomes` has every application's.
pub fn pipeline_problems(outcomes: &[Outcome], ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for rule in RULES {
        if let Check::Pipeline(f) = rule.check {
            f(outcomes, ctx, out);
        }
    }
}

/// The open actions of one application on `ctx.today`, snoozed ones left
/// out, before [`finish`] gives them a status.
pub fn actions_of(app: &Application<'_>, ctx: &Ctx<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    for rule in RULES {
        if let Check::Actions(f) = rule.check {
            f(app, ctx, &mut actions);
        }
    }
    for a in actions.iter_mut() {
        off_weekend(a, ctx.config.rules.weekend);
    }
    actions.retain(|a| !snoozed(app, a, ctx.today));
    // One person named twice in a journal ("Sam Lee" and "sam  lee") is
    // one thank-you, one id: two actions with one id could never be told
    // apart by `done` or `draft`.
    let mut seen = std::collections::HashSet::new();
    actions.retain(|a| seen.insert(a.id_of()));
    actions
}

/// Gives every action its status on `today` and its draft flag, and sorts
/// them by due date.
pub fn finish(actions: &mut [Action], today: NaiveDate) {
    for a in actions.iter_mut() {
        settle(a, today);
    }
    Action::sort(actions);
}

/// A day-based follow-up due on a Saturday or Sunday is due the Monday
/// after, unless `[rules] weekend = "keep"`.
fn off_weekend(a: &mut Action, weekend: crate::config::Weekend) {
    use chrono::{Datelike, Weekday};
    if weekend == crate::config::Weekend::Keep || !rule(a.rule).is_some_and(|r| r.off_weekends) {
        return;
    }
    a.due = match a.due.weekday() {
        Weekday::Sat => crate::time::add_days(a.due, 2),
        Weekday::Sun => crate::time::add_days(a.due, 1),
        _ => a.due,
    };
}

/// Gives an action its status on `today` and its draft flag.
fn settle(a: &mut Action, today: NaiveDate) {
    a.id = a.id_of();
    a.status = Status::of(a.due, today);
    a.draft = rule(a.rule).is_some_and(|r| r.draft);
}

/// Applies `[rules.severity]`: changes severities, drops what is switched off,
/// and sorts by file and position.
pub fn with_severities(problems: Vec<Problem>, config: &Config) -> Vec<Problem> {
    let mut out: Vec<Problem> = problems
        .into_iter()
        .filter_map(|mut p| {
            let default = rule(p.rule).map_or(p.severity, |r| r.severity);
            p.severity = config.severity(p.rule, default)?;
            Some(p)
        })
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// Whether a snooze in the application hides this action today.
fn snoozed(app: &Application<'_>, action: &Action, today: NaiveDate) -> bool {
    app.journals.iter().flat_map(|j| &j.snooze).any(|s| {
        s.rule == action.rule
            && today < s.until
            && match (&s.to, &action.person) {
                (None, _) => true,
                (Some(to), Some(person)) => same_person(person, to) || same_person(to, person),
                (Some(_), None) => false,
            }
    })
}

/// The due instant and date of an hour-based rule: `hours` after the interview.
pub fn hours_after(j: &Journal, hours: i64, tz: Tz) -> (NaiveDate, DateTime<FixedOffset>) {
    let at = crate::time::add_hours(j.date.instant(tz), hours);
    (at.date_naive(), at.fixed_offset())
}

/// A stage name for titles: "the onsite interview" or "the interview".
pub fn the_interview(j: &Journal) -> String {
    format!(
        "the {}",
        crate::journal::model::interview_name(j.stage.as_deref())
    )
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Builds journals from YAML snippets through the real parser.
    use super::*;
    use crate::journal::{markdown::DEFAULT_REFLECTION_HEADINGS, parse};

    /// Parses `docs` (front-matter without delimiters, then optional body
    /// after a `---` line) as journals `content/0.md`, `content/1.md`, …
    pub fn journals(docs: &[&str]) -> Vec<Journal> {
        docs.iter()
            .enumerate()
            .map(|(i, d)| {
                let (fm, body) = d.split_once("\n---\n").unwrap_or((d, ""));
                let text = format!("---\n{fm}\n---\n{body}");
                let read = parse(
                    &format!("content/{i}.md"),
                    text.as_bytes(),
                    DEFAULT_REFLECTION_HEADINGS,
                    &action_ids(),
                );
                assert!(read.is_good(), "{:?}", read.problems);
                read.journal.unwrap()
            })
            .collect()
    }

    /// Evaluates `docs` on `today` (UTC, default config).
    pub fn run(docs: &[&str], today: &str) -> Evaluation {
        run_with(docs, today, &Config::default())
    }

    /// Evaluates `docs` on `today` with `config`.
    pub fn run_with(docs: &[&str], today: &str, config: &Config) -> Evaluation {
        let js = journals(docs);
        let ctx = Ctx {
            today: crate::time::parse_date(today).unwrap(),
            tz: chrono_tz::UTC,
            config,
            accepted: None,
        };
        evaluate(&js, Vec::new(), &ctx)
    }

    /// The actions of one rule as (due, person) pairs.
    pub fn due_of(e: &Evaluation, rule: &str) -> Vec<(String, Option<String>)> {
        e.actions
            .iter()
            .filter(|a| a.rule == rule)
            .map(|a| (a.due.to_string(), a.person.clone()))
            .collect()
    }

    /// The problems of one rule as (file, line, message).
    pub fn problems_of(e: &Evaluation, rule: &str) -> Vec<(Option<String>, Option<u32>, String)> {
        e.problems
            .iter()
            .filter(|p| p.rule == rule)
            .map(|p| (p.file.clone(), p.line, p.message.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;

    // The ASCII shortcut orders names as comparing their Unicode lower
    // case does, with accents, ß, İ and Σ anywhere in them.
    #[test]
    fn names_compare_as_their_lower_case_does() {
        let pieces = [
            "a", "A", "b", "Z", " ", "-", "é", "É", "ß", "İ", "Σ", "ς", "z", "1",
        ];
        let mut x = 3u64;
        let mut name = || {
            let mut s = String::new();
            for _ in 0..(x % 5) {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s += pieces[(x >> 33) as usize % pieces.len()];
            }
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            s
        };
        for _ in 0..5000 {
            let (a, b) = (name(), name());
            let want = a
                .chars()
                .flat_map(char::to_lowercase)
                .cmp(b.chars().flat_map(char::to_lowercase));
            assert_eq!(super::lower_cmp(&a, &b), want, "{a:?} {b:?}");
        }
    }

    #[test]
    fn a_person_named_twice_is_thanked_once() {
        let e = run(
            &["company: A\nrole: R\ndate: 2026-11-18\ninterviewers: [Sam Lee, sam  lee, Ann Bo]"],
            "2026-11-22",
        );
        let thanks: Vec<&str> = e
            .actions
            .iter()
            .filter(|a| a.rule == "thank-you")
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(thanks.len(), 2, "{:?}", e.actions);
        assert_ne!(thanks[0], thanks[1]);
    }

    /// The in-place comparison sorts as the keys do, on awkward names
    /// (case, accents, final sigma, no person, the same day).
    #[test]
    fn order_agrees_with_the_sort_key() {
        let names = ["acme", "Acme", "ÄCME", "ΟΔΟΣ", "οδος", "Zed", "zed co", ""];
        let people = [None, Some("Ann"), Some("ann"), Some("ΣΟΦΙΑ"), Some("Émile")];
        let mut all = Vec::new();
        for (i, company) in names.iter().enumerate() {
            for (k, person) in people.iter().enumerate() {
                all.push(super::Action {
                    id: String::new(),
                    rule: ["thank-you", "check-in"][(i + k) % 2],
                    status: super::Status::Upcoming,
                    due: chrono::NaiveDate::from_ymd_opt(2026, 11, 20 + ((i * k) % 2) as u32)
                        .unwrap(),
                    due_at: None,
                    person: person.map(str::to_string),
                    company: company.to_string(),
                    role: "R".into(),
                    journal: format!("content/{}.md", k % 3),
                    channel: None,
                    title: format!("t{}", i % 3),
                    draft: false,
                    entry: None,
                });
            }
        }
        for a in &all {
            for b in &all {
                assert_eq!(a.order(b), a.sort_key().cmp(&b.sort_key()), "{a:?} {b:?}");
            }
        }
    }

    const EARLY: &str = "company: A\nrole: R\ndate: 2026-11-10\ninterviewers: [Ann]\nsent:\n  - kind: check-in\n    on: 2026-11-12\n    allow: [too-soon]\n  - {kind: check-in, on: 2026-11-13}";

    #[test]
    fn an_allow_acknowledges_that_entrys_problem_only() {
        let e = run(&[EARLY], "2026-11-20");
        let soon: Vec<(Option<u32>, bool)> = e
            .problems
            .iter()
            .filter(|p| p.rule == "too-soon")
            .map(|p| (p.line, p.allowed))
            .collect();
        // The first check-in (line 7) is acknowledged; the second is not.
        assert_eq!(soon, vec![(Some(7), true), (Some(10), false)]);
        let json = serde_json::to_value(&e.problems).unwrap();
        let soon: Vec<&serde_json::Value> = json
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["rule"] == "too-soon")
            .collect();
        assert_eq!(soon[0]["allowed"], true);
        assert!(soon[1].get("allowed").is_none());
    }

    #[test]
    fn a_top_level_allow_covers_the_journal_and_unknown_ids_are_named() {
        let doc = format!("{EARLY}\nallow: [too-soon, too-son, thank-you, few-active]");
        let e = run(&[&doc], "2026-11-20");
        assert!(
            e.problems
                .iter()
                .filter(|p| p.rule == "too-soon")
                .all(|p| p.allowed)
        );
        let unknown = problems_of(&e, "unknown-field");
        assert_eq!(unknown.len(), 3, "{unknown:?}");
        assert!(
            unknown[2].2.contains("[rules.severity]"),
            "{}",
            unknown[2].2
        );
        assert!(
            unknown[0].2.contains("did you mean `too-soon`?"),
            "{}",
            unknown[0].2
        );
        assert!(unknown[1].2.contains("use `snooze`"), "{}", unknown[1].2);
    }
}
