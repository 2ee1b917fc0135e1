//! The weekly report: what happened in one ISO week, what was overdue and
//! due next at its end, the pipeline, the week's reflections and the
//! practice list. One value, rendered as Markdown, text, mailable HTML and
//! the site's weekly pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use super::practice;
use super::week::Week;
use crate::config::Config;
use crate::journal::Journal;
use crate::journal::application::{self, Application};
use crate::journal::model::Outcome;
use crate::rules::{Action, SortKey};
use crate::time::add_days;

/// A journal as the report links to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct JournalRef {
    /// Its title.
    pub title: String,
    /// The company.
    pub company: String,
    /// The interview's date.
    pub date: NaiveDate,
    /// Its path in the repository.
    pub path: String,
    /// Its page's slug on the site (empty outside the site).
    pub slug: String,
}

/// Something that happened in the week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// When.
    pub date: NaiveDate,
    /// What, in one line.
    pub text: String,
    /// The journal it is written in.
    pub journal: JournalRef,
}

/// An open action as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionLine {
    /// The rule id.
    pub rule: &'static str,
    /// Its due date.
    pub due: NaiveDate,
    /// What to do.
    pub title: String,
    /// The company.
    pub company: String,
    /// The role.
    pub role: String,
    /// The journal's page slug (empty outside the site).
    pub slug: String,
}

/// One journal's reflection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalReflection {
    /// The journal.
    pub journal: JournalRef,
    /// Items under "went well".
    pub went_well: Vec<String>,
    /// Items under "struggled".
    pub struggled: Vec<String>,
    /// Items under takeaways and lessons.
    pub takeaways: Vec<String>,
}

/// The week's numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Interviews that took place.
    pub interviews: usize,
    /// Follow-ups sent.
    pub sent: usize,
    /// Replies received.
    pub replies: usize,
    /// Outcomes that came.
    pub outcomes: usize,
    /// Actions overdue at the end of the week (or today).
    pub overdue: usize,
    /// Actions due on that day or in the seven days after.
    pub next_seven: usize,
}

/// A list of a report that copies of the report share until one of them
/// changes it (a week changed by difference keeps most of its lists).
pub type Shared<T> = Arc<Vec<T>>;

/// The report of one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekReport {
    /// `2026-W47`.
    pub week: String,
    /// `16–22 Nov 2026`.
    pub span: String,
    /// Its Monday.
    pub monday: NaiveDate,
    /// Its Sunday.
    pub sunday: NaiveDate,
    /// The day overdue and next-seven-days are counted from: the Sunday,
    /// or today for the current week.
    pub as_of: NaiveDate,
    /// Whether `as_of` is today.
    pub current: bool,
    /// The numbers.
    pub counts: Counts,
    /// Interviews that took place.
    pub interviews: Shared<Event>,
    /// Follow-ups sent.
    pub sent: Shared<Event>,
    /// Replies received.
    pub replies: Shared<Event>,
    /// Outcomes that came.
    pub outcomes: Shared<Event>,
    /// Actions overdue on `as_of`.
    pub overdue: Vec<Arc<ActionLine>>,
    /// Actions due from `as_of` to seven days after.
    pub next_seven: Vec<Arc<ActionLine>>,
    /// The pipeline in one line.
    pub pipeline: String,
    /// Reflections of the week's interviews.
    pub reflections: Shared<JournalReflection>,
    /// The week's interviews that have no reflection section.
    pub unreflected: Shared<JournalRef>,
    /// Recurring struggles of every interview up to `as_of` (filled by
    /// [`with_practice`]; the site shows them on the reflections page).
    pub practice: Vec<practice::Group<JournalRef>>,
    /// Things that happened (interviews, follow-ups, replies, outcomes)
    /// per day, Monday first, for sparklines.
    pub days: [usize; 7],
}

/// What happened in a week, as `_week_done.html` shows it.
#[derive(Serialize, PartialEq)]
pub struct Events<'a> {
    interviews: &'a [Event],
    sent: &'a [Event],
    replies: &'a [Event],
    outcomes: &'a [Event],
    /// How many of each list are left out (see [`Events::first`]).
    more: BTreeMap<&'static str, usize>,
}

/// The first `n` of `list`, and how many more it has.
fn cut<T>(list: &[T], n: usize) -> (&[T], usize) {
    let shown = list.len().min(n);
    (&list[..shown], list.len() - shown)
}

impl<'a> Events<'a> {
    /// `r`'s events.
    pub fn of(r: &'a WeekReport) -> Self {
        Events::first(r, usize::MAX)
    }

    /// `r`'s events, at most `n` of each kind: a week of thousands of
    /// interviews still makes a page of bounded size.
    pub fn first(r: &'a WeekReport, n: usize) -> Self {
        let (interviews, a) = cut(&r.interviews, n);
        let (sent, b) = cut(&r.sent, n);
        let (replies, c) = cut(&r.replies, n);
        let (outcomes, d) = cut(&r.outcomes, n);
        Events {
            interviews,
            sent,
            replies,
            outcomes,
            more: BTreeMap::from([
                ("interviews", a),
                ("sent", b),
                ("replies", c),
                ("outcomes", d),
            ]),
        }
    }
}

/// A week's reflections, as `_week_reflections.html` shows them.
#[derive(Serialize, PartialEq)]
pub struct Reflections<'a> {
    reflections: std::borrow::Cow<'a, [JournalReflection]>,
    unreflected: &'a [JournalRef],
    /// How many of each list are left out (see [`Reflections::first`]).
    more: BTreeMap<&'static str, usize>,
}

impl<'a> Reflections<'a> {
    /// `r`'s reflections.
    pub fn of(r: &'a WeekReport) -> Self {
        Reflections::first(r, usize::MAX, usize::MAX)
    }

    /// `r`'s reflections, at most `n` of each list, and `items` of the
    /// items under each heading of a reflection (the last line then says
    /// how many more the journal has).
    pub fn first(r: &'a WeekReport, n: usize, items: usize) -> Self {
        let (reflections, a) = cut(&r.reflections, n);
        let (unreflected, b) = cut(&r.unreflected, n);
        let long = |x: &JournalReflection| {
            [&x.went_well, &x.struggled, &x.takeaways]
                .iter()
                .any(|l| l.len() > items)
        };
        let reflections = if reflections.iter().any(long) {
            let shorten = |list: &Vec<String>| {
                let mut out: Vec<String> = list.iter().take(items).cloned().collect();
                if list.len() > items {
                    out.push(format!("… and {} more in the journal", list.len() - items));
                }
                out
            };
            std::borrow::Cow::Owned(
                reflections
                    .iter()
                    .map(|x| JournalReflection {
                        journal: x.journal.clone(),
                        went_well: shorten(&x.went_well),
                        struggled: shorten(&x.struggled),
                        takeaways: shorten(&x.takeaways),
                    })
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(reflections)
        };
        Reflections {
            reflections,
            unreflected,
            more: BTreeMap::from([("reflections", a), ("unreflected", b)]),
        }
    }
}

/// `r` without the lists its long parts show (events, reflections, the
/// actions overdue and due next), for a page that gets those rendered.
pub fn without_sections(r: &WeekReport) -> WeekReport {
    // The lists are shared, so the copy costs their counts, not their items.
    WeekReport {
        interviews: Shared::default(),
        sent: Shared::default(),
        replies: Shared::default(),
        outcomes: Shared::default(),
        overdue: Vec::new(),
        next_seven: Vec::new(),
        reflections: Shared::default(),
        unreflected: Shared::default(),
        ..r.clone()
    }
}

/// What a report is made from.
pub struct Inputs<'a> {
    /// The journals as shown (redacted), as they stood on `as_of`.
    pub journals: &'a [&'a Journal],
    /// The actions open on `as_of`, in the order lists show them.
    pub actions: &'a [&'a Action],
    /// The configuration.
    pub config: &'a Config,
    /// The timezone.
    pub tz: Tz,
    /// The real today.
    pub today: NaiveDate,
    /// A journal's page slug, by path (empty outside the site).
    pub slug: &'a (dyn Fn(&str) -> String + Sync),
    /// How many actions the overdue and upcoming lists show at most.
    pub limit: usize,
}

impl Inputs<'_> {
    /// `j` as the report links to it; `company` as its application spells it.
    fn journal_ref(&self, j: &Journal, company: &str) -> JournalRef {
        JournalRef::of(j, company, self.tz, (self.slug)(&j.path))
    }
}

impl JournalRef {
    /// `j` as pages link to it: `company` as its application spells it,
    /// `slug` its page's.
    pub fn of(j: &Journal, company: &str, tz: Tz, slug: String) -> JournalRef {
        JournalRef {
            title: j.display_title(),
            company: company.to_string(),
            date: j.date.date(tz),
            path: j.path.clone(),
            slug,
        }
    }
}

/// Where a past interview stands among the others: oldest first by date,
/// then time, then path.
pub type Order = (NaiveDate, chrono::DateTime<Tz>, String);

/// The [`Order`] of `j`.
pub fn order(j: &Journal, tz: Tz) -> Order {
    (j.date.date(tz), j.date.instant(tz), j.path.clone())
}

/// The day a week's report is counted from: today for the current week, the
/// Sunday for a past one.
pub fn as_of(week: Week, today: NaiveDate) -> NaiveDate {
    week.sunday().min(today)
}

/// What a timeline is asked for a week's report: the actions open on the
/// day the report counts from, as known then.
pub fn asked(week: Week, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let day = as_of(week, today);
    (day, day)
}

/// The past interviews by `day`, oldest first, with their references.
fn past<'j>(inp: &Inputs<'j>, day: NaiveDate) -> Vec<(&'j Journal, JournalRef)> {
    let apps = application::group(inp.journals.iter().copied(), day, inp.tz);
    // The order is worked out once, not at every comparison.
    let mut past: Vec<(Order, &Journal, JournalRef)> = apps
        .iter()
        .flat_map(|a| {
            a.journals
                .iter()
                .map(move |j| (order(j, inp.tz), *j, inp.journal_ref(j, &a.company)))
        })
        .collect();
    past.sort_by(|(a, ..), (b, ..)| a.cmp(b));
    past.into_iter().map(|(_, j, r)| (j, r)).collect()
}

/// The items one reflection heading gathers, grouped across `past`.
fn grouped(
    past: &[(&Journal, JournalRef)],
    items: fn(&crate::journal::model::Reflection) -> &Vec<String>,
) -> Vec<practice::Group<JournalRef>> {
    group_items(
        past.iter()
            .map(|(j, r)| (r, items(&j.reflection).as_slice())),
    )
}

/// Items of past interviews (oldest first), each with its journal's
/// reference, grouped: the practice list, or the strengths.
pub fn group_items<'a>(
    past: impl Iterator<Item = (&'a JournalRef, &'a [String])>,
) -> Vec<practice::Group<JournalRef>> {
    // The items point at their journal's reference; only each group's
    // sources are copied.
    let list: Vec<practice::Item<'_, &JournalRef>> = past
        .flat_map(|(r, items)| {
            items.iter().map(move |t| practice::Item {
                text: t.as_str(),
                source: r,
            })
        })
        .collect();
    practice::group(&list)
        .into_iter()
        .map(|g| practice::Group {
            label: g.label,
            count: g.count,
            also: g.also,
            sources: g.sources.into_iter().cloned().collect(),
            more_also: g.more_also,
            more_sources: g.more_sources,
        })
        .collect()
}

/// The practice list of every interview that took place by `day`.
pub fn practice_list(inp: &Inputs<'_>, day: NaiveDate) -> Vec<practice::Group<JournalRef>> {
    grouped(&past(inp, day), |r| &r.struggled)
}

/// `r` with its practice list: every recurring struggle up to its `as_of`.
pub fn with_practice(mut r: WeekReport, inp: &Inputs<'_>) -> WeekReport {
    r.practice = practice_list(inp, r.as_of);
    r
}

/// The report of `week`, without the practice list (see [`with_practice`]).
pub fn report(inp: &Inputs<'_>, week: Week) -> WeekReport {
    tally(inp, week).report
}

/// The report of `week` (see [`report`]) with what changing it by
/// difference takes.
pub fn tally(inp: &Inputs<'_>, week: Week) -> Tally {
    let tz = inp.tz;
    let day = as_of(week, inp.today);
    let in_week = |d: NaiveDate| week.contains(d) && d <= day;
    let apps: Vec<Application<'_>> = application::group_runs(inp.journals, day, tz);

    let mut interviews = Vec::new();
    let mut sent = Vec::new();
    let mut replies = Vec::new();
    let mut outcomes = Vec::new();
    let mut reflections = Vec::new();
    let mut unreflected = Vec::new();
    for app in &apps {
        for j in &app.journals {
            // Most journals have nothing in the week: their reference is made only when needed.
            let date = j.date.date(tz);
            let busy = in_week(date)
                || j.sent.iter().any(|s| in_week(s.on.date(tz)))
                || j.replies.iter().any(|x| in_week(x.on));
            if !busy {
                continue;
            }
            let r = inp.journal_ref(j, &app.company);
            if in_week(date) {
                let with = j
                    .interviewers
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut text = format!("{} ({})", j.display_title(), j.role);
                if !with.is_empty() {
                    text += &format!(" with {with}");
                }
                interviews.push(Event {
                    date,
                    text,
                    journal: r.clone(),
                });
                let refl = &j.reflection;
                if refl.sections.is_empty() {
                    unreflected.push(r.clone());
                } else {
                    reflections.push(JournalReflection {
                        journal: r.clone(),
                        went_well: refl.went_well.clone(),
                        struggled: refl.struggled.clone(),
                        takeaways: refl.takeaways.clone(),
                    });
                }
            }
            for s in &j.sent {
                let on = s.on.date(tz);
                if !in_week(on) {
                    continue;
                }
                let names = j.recipients(s);
                let to = if names.is_empty() {
                    "the hiring team".to_string()
                } else {
                    names.join(", ")
                };
                let how = s.channel.unwrap_or(j.channel).as_str();
                let mut text = format!("{} to {to} at {} by {how}", s.kind.as_str(), app.company);
                if let Some(n) = &s.note {
                    text += &format!(": {n}");
                }
                sent.push(Event {
                    date: on,
                    text,
                    journal: r.clone(),
                });
            }
            for reply in j.replies.iter().filter(|x| in_week(x.on)) {
                let mut text = format!(
                    "Reply from {}",
                    reply.from.as_deref().unwrap_or(&app.company)
                );
                if reply.from.is_some() {
                    text += &format!(" at {}", app.company);
                }
                if let Some(n) = &reply.note {
                    text += &format!(": {n}");
                }
                replies.push(Event {
                    date: reply.on,
                    text,
                    journal: r.clone(),
                });
            }
        }
        if let (Some(on), Some(j)) = (app.outcome_on, app.outcome_journal)
            && app.outcome != Outcome::Pending
            && in_week(on)
        {
            outcomes.push(Event {
                date: on,
                text: format!("{} ({}): {}", app.company, app.role, app.outcome.as_str()),
                journal: inp.journal_ref(j, &app.company),
            });
        }
    }
    let line = |a: &Action| Keyed {
        key: a.sort_key(),
        line: Arc::new(ActionLine {
            rule: a.rule,
            due: a.due,
            title: a.title.clone(),
            company: a.company.clone(),
            role: a.role.clone(),
            slug: (inp.slug)(&a.journal),
        }),
    };
    let horizon = add_days(day, 7);
    let overdue: Vec<&Action> = inp
        .actions
        .iter()
        .copied()
        .filter(|a| a.due < day)
        .collect();
    let next_seven: Vec<&Action> = inp
        .actions
        .iter()
        .copied()
        .filter(|a| a.due >= day && a.due <= horizon)
        .collect();
    let overdue = Kept::new(&overdue, inp.limit, true, line);
    let next_seven = Kept::new(&next_seven, inp.limit, false, line);
    let by_outcome = super::pipeline::counts(&apps, inp.config, day, tz);
    let mut t = Tally {
        report: WeekReport {
            week: week.to_string(),
            span: week.span(),
            monday: week.monday(),
            sunday: week.sunday(),
            as_of: day,
            current: day == inp.today,
            counts: Counts {
                overdue: overdue.count,
                next_seven: next_seven.count,
                ..Counts::default()
            },
            interviews: sorted(interviews, by_event),
            sent: sorted(sent, by_event),
            replies: sorted(replies, by_event),
            outcomes: sorted(outcomes, by_event),
            overdue: Vec::new(),
            next_seven: Vec::new(),
            pipeline: String::new(),
            reflections: sorted(reflections, by_reflection),
            unreflected: sorted(unreflected, by_journal),
            practice: Vec::new(),
            days: [0; 7],
        },
        by_outcome,
        overdue,
        next_seven,
    };
    t.finish(week, inp.limit)
        .expect("a week's lists reach as far as they show");
    t
}

/// An open action in a week's list, with its place in the order.
#[derive(Debug, Clone, PartialEq)]
struct Keyed {
    key: SortKey,
    line: Arc<ActionLine>,
}

/// One of a week's action lists (overdue, or due next) as kept to change
/// it by difference: the end of the order that the page shows (the last
/// overdue, the first due next) and a margin past it. Every action on the
/// shown side of `edge` is in `lines`; the others are only counted.
#[derive(Debug, Clone, PartialEq)]
struct Kept {
    /// How many actions the list has.
    count: usize,
    /// The actions on the shown side of `edge`, in order.
    lines: Vec<Arc<Keyed>>,
    /// Where the kept lines stop; `None`: every action is kept.
    edge: Option<SortKey>,
    /// Whether the end shown is the last (overdue) or the first.
    last: bool,
}

impl Kept {
    /// The list of `actions` (in order), keeping twice `limit` of them at
    /// the end shown: keys are made only for those.
    fn new(actions: &[&Action], limit: usize, last: bool, line: impl Fn(&Action) -> Keyed) -> Kept {
        let keep = limit.saturating_mul(2);
        let n = actions.len();
        let (kept, edge) = if n <= keep {
            (actions, None)
        } else if last {
            (&actions[n - keep..], Some(actions[n - keep - 1]))
        } else {
            (&actions[..keep], Some(actions[keep]))
        };
        Kept {
            count: n,
            lines: kept.iter().map(|a| Arc::new(line(a))).collect(),
            edge: edge.map(|a| a.sort_key()),
            last,
        }
    }

    /// Whether an action with this key belongs in `lines`.
    fn inside(&self, key: &SortKey) -> bool {
        match &self.edge {
            None => true,
            Some(edge) if self.last => key > edge,
            Some(edge) => key < edge,
        }
    }

    /// `then`'s actions taken out, `now`'s put in (both kept whole).
    fn change(&mut self, then: &Kept, now: &Kept) {
        self.count = self.count + now.count - then.count;
        for t in &then.lines {
            if let Some(i) = self.lines.iter().position(|l| l == t) {
                self.lines.remove(i);
            }
        }
        let added: Vec<&Arc<Keyed>> = now.lines.iter().filter(|n| self.inside(&n.key)).collect();
        for n in added {
            let at = self.lines.partition_point(|l| l.key <= n.key);
            self.lines.insert(at, Arc::clone(n));
        }
    }

    /// The lines a page shows, at most `limit`; `None` when fewer are kept
    /// than it shows (the list must be made again).
    fn shown(&self, limit: usize) -> Option<Vec<Arc<ActionLine>>> {
        if self.edge.is_some() && self.lines.len() < limit.min(self.count) {
            return None;
        }
        let from = if self.last {
            self.lines.len().saturating_sub(limit)
        } else {
            0
        };
        Some(
            self.lines[from..]
                .iter()
                .take(limit)
                .map(|k| Arc::clone(&k.line))
                .collect(),
        )
    }
}

/// A week's report with what it takes to change it by difference when
/// some applications change: its action lists past what the page shows,
/// and the pipeline's counts. A report is a sum over applications, so the
/// week's tally less those applications' part as it was, plus their part
/// as it is, is the tally made again from every journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// The report.
    pub report: WeekReport,
    /// How many applications stood where, in the order of `STANDINGS`.
    by_outcome: [usize; super::pipeline::STANDING_COUNT],
    overdue: Kept,
    next_seven: Kept,
}

/// The order events are listed in.
fn by_event(a: &Event, b: &Event) -> std::cmp::Ordering {
    (a.date, &a.text).cmp(&(b.date, &b.text))
}

/// The order reflections are listed in.
fn by_reflection(a: &JournalReflection, b: &JournalReflection) -> std::cmp::Ordering {
    by_journal(&a.journal, &b.journal)
}

/// The order journals are listed in.
fn by_journal(a: &JournalRef, b: &JournalRef) -> std::cmp::Ordering {
    (a.date, &a.path).cmp(&(b.date, &b.path))
}

/// `list` sorted by `order`, to share.
fn sorted<T>(mut list: Vec<T>, order: fn(&T, &T) -> std::cmp::Ordering) -> Shared<T> {
    list.sort_by(order);
    Arc::new(list)
}

/// `then` taken out of `list` (one equal item each), `now` put in, in
/// `order`; the list is copied only when `then` and `now` differ.
fn swap<T: PartialEq + Clone>(
    list: &mut Shared<T>,
    then: &[T],
    now: &[T],
    order: fn(&T, &T) -> std::cmp::Ordering,
) {
    if then == now {
        return;
    }
    let list = Arc::make_mut(list);
    for t in then {
        if let Some(i) = list.iter().position(|x| x == t) {
            list.remove(i);
        }
    }
    list.extend_from_slice(now);
    list.sort_by(order);
}

impl Tally {
    /// This week's tally with `then` (a few applications' part of it, as
    /// they were) taken out and `now` (their part as they are) put in.
    /// Both parts must be made with no limit. `false`: the lists kept do
    /// not reach as far as the page shows; the week must be made again.
    pub fn change(&mut self, then: &Tally, now: &Tally, week: Week, limit: usize) -> bool {
        let (r, t, n) = (&mut self.report, &then.report, &now.report);
        swap(&mut r.interviews, &t.interviews, &n.interviews, by_event);
        swap(&mut r.sent, &t.sent, &n.sent, by_event);
        swap(&mut r.replies, &t.replies, &n.replies, by_event);
        swap(&mut r.outcomes, &t.outcomes, &n.outcomes, by_event);
        swap(
            &mut r.reflections,
            &t.reflections,
            &n.reflections,
            by_reflection,
        );
        swap(
            &mut r.unreflected,
            &t.unreflected,
            &n.unreflected,
            by_journal,
        );
        for ((total, t), n) in self
            .by_outcome
            .iter_mut()
            .zip(then.by_outcome)
            .zip(now.by_outcome)
        {
            *total = *total + n - t;
        }
        self.overdue.change(&then.overdue, &now.overdue);
        self.next_seven.change(&then.next_seven, &now.next_seven);
        self.finish(week, limit).is_some()
    }

    /// Counts the lists (sorted), and cuts the action lists to `limit`.
    fn finish(&mut self, week: Week, limit: usize) -> Option<()> {
        let r = &mut self.report;
        let mut days = [0usize; 7];
        for list in [&r.interviews, &r.sent, &r.replies, &r.outcomes] {
            for e in list.iter() {
                days[(e.date - week.monday()).num_days() as usize] += 1;
            }
        }
        r.days = days;
        r.counts = Counts {
            interviews: r.interviews.len(),
            sent: r.sent.len(),
            replies: r.replies.len(),
            outcomes: r.outcomes.len(),
            overdue: self.overdue.count,
            next_seven: self.next_seven.count,
        };
        r.pipeline = super::pipeline::line(&self.by_outcome);
        r.overdue = self.overdue.shown(limit)?;
        r.next_seven = self.next_seven.shown(limit)?;
        Some(())
    }
}
