//! The weekly report: what happened in one ISO week, what was overdue and
//! due next at its end, the pipeline, the week's reflections and the
//! practice list. One value, rendered as Markdown, text, mailable HTML and
//! the site's weekly pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use super::week::Week;
use super::{history, practice};
use crate::config::Config;
use crate::journal::Journal;
use crate::journal::application::{self, Application};
use crate::journal::model::Outcome;
use crate::rules::Action;
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

/// A list of a report, shared by its copies (a page made without its long
/// sections copies the report, not the lists).
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

/// What the practice list of a report is made from.
pub struct Inputs<'a> {
    /// The journals as shown (redacted), as they stood on `as_of`.
    pub journals: &'a [&'a Journal],
    /// The timezone.
    pub tz: Tz,
    /// A journal's page slug, by path (empty outside the site).
    pub slug: &'a (dyn Fn(&str) -> String + Sync),
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

/// What an application's share of the weeks is made with.
pub struct Of<'a> {
    /// The configuration (its `[site] redact` leaves fields out).
    pub config: &'a Config,
    /// The timezone.
    pub tz: Tz,
    /// The real today.
    pub today: NaiveDate,
    /// A journal's page slug, by path (empty outside the site).
    pub slug: &'a (dyn Fn(&str) -> String + Sync),
    /// The offer accepted in the whole repository, if any.
    pub accepted: Option<crate::rules::Accepted>,
}

/// What one application adds to one week's report: where it stood on the
/// week's day, its actions open then, and its events and reflections.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekShare {
    /// Its place in `pipeline::STANDINGS`.
    standing: usize,
    /// Its actions open on the week's day (as the rules found them).
    actions: Option<Arc<[Action]>>,
    /// What happened in the week; `None`: nothing.
    part: Option<Box<Part>>,
}

impl WeekShare {
    /// Its events and reflections (`None`: none in the week).
    pub fn events(&self) -> Option<&impl PartialEq> {
        self.part.as_deref()
    }
}

/// One application's events and reflections in one week.
#[derive(Debug, Clone, Default, PartialEq)]
struct Part {
    interviews: Vec<Event>,
    sent: Vec<Event>,
    replies: Vec<Event>,
    outcomes: Vec<Event>,
    reflections: Vec<JournalReflection>,
    unreflected: Vec<JournalRef>,
}

impl Part {
    fn is_empty(&self) -> bool {
        self.interviews.is_empty()
            && self.sent.is_empty()
            && self.replies.is_empty()
            && self.outcomes.is_empty()
    }
}

/// One application's share of the weekly reports: what it adds to each
/// week asked whose day is on or after its first interview. Before that
/// it only counts as pending. A week's report is the sum of every
/// application's share of it ([`sum`]), so a change to one application
/// remakes its share alone.
#[derive(Debug, Clone, Default)]
pub struct Share {
    /// Oldest first.
    weeks: Vec<(Week, WeekShare)>,
    /// Its last week, when its weeks follow one another without a gap:
    /// then a week's share is found by its distance from the last.
    upto: Option<Week>,
}

impl Share {
    /// A share of these weeks, oldest first.
    fn new(weeks: Vec<(Week, WeekShare)>) -> Share {
        // Weeks without a gap: as many as the first and last are apart.
        let upto = match (weeks.first(), weeks.last()) {
            (Some((first, _)), Some((last, _))) => {
                (weeks_before(*first, *last) == Some(weeks.len() - 1)).then_some(*last)
            }
            _ => None,
        };
        Share { weeks, upto }
    }

    /// Its share of `week`, if the week is one it has a share of.
    pub fn of(&self, week: Week) -> Option<&WeekShare> {
        self.weeks
            .binary_search_by_key(&week, |(w, _)| *w)
            .ok()
            .map(|i| &self.weeks[i].1)
    }

    /// [`Share::of`], by position where it can: `distance` keeps how far
    /// `week` is from the last week of the shares looked in so far (the
    /// same for all shares made with the same weeks, so worked out once).
    fn find(&self, week: Week, distance: &mut Option<(Week, Option<usize>)>) -> Option<&WeekShare> {
        let Some(upto) = self.upto else {
            return self.of(week);
        };
        let back = match *distance {
            Some((u, back)) if u == upto => back,
            _ => {
                let back = weeks_before(week, upto);
                *distance = Some((upto, back));
                back
            }
        };
        // By position (a week's report looks up thousands of shares, and a
        // search through each one's weeks waited on memory at every
        // step), checked.
        let i = self.weeks.len().checked_sub(back? + 1)?;
        match &self.weeks[i] {
            (w, share) if *w == week => Some(share),
            _ => self.of(week),
        }
    }
}

/// How many weeks `week` is before `last`; `None` after it.
fn weeks_before(week: Week, last: Week) -> Option<usize> {
    (week <= last).then(|| ((last.monday() - week.monday()).num_days() / 7) as usize)
}

/// The share of the `weeks` asked (oldest first) of one application, all
/// its journals as they are (`journals`: its past and scheduled ones).
pub fn share(journals: &[&Journal], weeks: &[Week], of: &Of<'_>) -> Share {
    let (tz, today) = (of.tz, of.today);
    let Some(first) = journals.iter().map(|j| j.date.date(tz)).min() else {
        return Share::default();
    };
    let weeks: Vec<Week> = weeks
        .iter()
        .copied()
        .filter(|w| as_of(*w, today) >= first)
        .collect();
    let asked: Vec<(NaiveDate, NaiveDate)> = weeks.iter().map(|w| asked(*w, today)).collect();
    let days: Vec<NaiveDate> = asked.iter().map(|(known, _)| *known).collect();
    let timeline = history::Timeline::new(journals.iter().copied(), &days, today, tz)
        .accepting(of.accepted.clone());
    let answers = timeline.actions(&asked, of.config);
    // Where it stands changes only on these days (a version of a journal,
    // an interview held, one going quiet): it is worked out once for each.
    let mut marks = history::points(journals.iter().copied(), tz);
    let stale = of.config.rules.stale_after_days;
    marks.extend(journals.iter().map(|j| add_days(j.date.date(tz), stale)));
    marks.sort_unstable();
    marks.dedup();
    let busy: std::collections::BTreeSet<Week> = journals
        .iter()
        .flat_map(|j| event_days(j, tz))
        .map(Week::of)
        .collect();
    let mut standings: std::collections::HashMap<usize, usize> = Default::default();
    let weeks: Vec<(Week, WeekShare)> = weeks
        .into_iter()
        .zip(answers)
        .map(|(week, answer)| {
            let day = as_of(week, today);
            let state = match day >= today {
                true => usize::MAX,
                false => marks.partition_point(|m| *m <= day),
            };
            let busy = busy.contains(&week);
            let mut part = None;
            if busy || !standings.contains_key(&state) {
                let cut = timeline.journals_at(day);
                let shown: Vec<_> = cut
                    .iter()
                    .map(|j| crate::journal::redact::redacted(j, &of.config.site.redact))
                    .collect();
                let apps = application::group(shown.iter().map(|j| j.as_ref()), day, tz);
                let app = apps.first().expect("an application has a journal");
                let standing = super::pipeline::standing(app, of.config, day, tz);
                standings.insert(state, standing_index(standing));
                if busy {
                    part = Some(events(app, week, day, of)).filter(|p| !p.is_empty());
                }
            }
            let share = WeekShare {
                standing: standings[&state],
                actions: answer.into_parts().into_iter().next(),
                part: part.map(Box::new),
            };
            (week, share)
        })
        .collect();
    Share::new(weeks)
}

/// Where `standing` is in `pipeline::STANDINGS`.
fn standing_index(standing: &str) -> usize {
    super::pipeline::STANDINGS
        .iter()
        .position(|s| *s == standing)
        .expect("a known standing")
}

/// The days on which something of `j` may show in a week's report.
fn event_days(j: &Journal, tz: Tz) -> impl Iterator<Item = NaiveDate> + '_ {
    let date = j.date.date(tz);
    std::iter::once(date)
        .chain(j.sent.iter().map(move |s| s.on.date(tz)))
        .chain(j.replies.iter().map(|r| r.on))
        .chain(j.outcome_on)
}

/// What `app` (as it stood on `day`, redacted) did in `week` up to `day`.
fn events(app: &Application<'_>, week: Week, day: NaiveDate, of: &Of<'_>) -> Part {
    let tz = of.tz;
    let in_week = |d: NaiveDate| week.contains(d) && d <= day;
    let reference = |j: &Journal| JournalRef::of(j, &app.company, tz, (of.slug)(&j.path));
    let mut p = Part::default();
    for j in &app.journals {
        // Most journals have nothing in the week: their reference is made only when needed.
        let date = j.date.date(tz);
        let busy = in_week(date)
            || j.sent.iter().any(|s| in_week(s.on.date(tz)))
            || j.replies.iter().any(|x| in_week(x.on));
        if !busy {
            continue;
        }
        let r = reference(j);
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
            p.interviews.push(Event {
                date,
                text,
                journal: r.clone(),
            });
            let refl = &j.reflection;
            if refl.sections.is_empty() {
                p.unreflected.push(r.clone());
            } else {
                p.reflections.push(JournalReflection {
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
            p.sent.push(Event {
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
            p.replies.push(Event {
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
        p.outcomes.push(Event {
            date: on,
            text: format!("{} ({}): {}", app.company, app.role, app.outcome.as_str()),
            journal: reference(j),
        });
    }
    p
}

/// The report of `week`: the sum of every application's share of it
/// (`shares`: one per application of the repository), each action list
/// cut to `limit` (the most recently overdue, the soonest due next; the
/// counts count them all). `slug` gives an action's journal page.
/// `events`: a report of this week whose events and reflections are
/// known to be this sum's (no share of them changed), to take them from.
pub fn sum<'a>(
    week: Week,
    today: NaiveDate,
    shares: impl IntoIterator<Item = &'a Share>,
    slug: &(dyn Fn(&str) -> String + Sync),
    limit: usize,
    events: Option<&WeekReport>,
) -> WeekReport {
    let day = as_of(week, today);
    let mut all = Part::default();
    let mut by_outcome = [0; super::pipeline::STANDING_COUNT];
    let mut actions: Vec<&Action> = Vec::new();
    let mut distance = None;
    for share in shares {
        let Some(s) = share.find(week, &mut distance) else {
            // Before its first interview an application is only pending.
            by_outcome[standing_index(Outcome::Pending.as_str())] += 1;
            continue;
        };
        by_outcome[s.standing] += 1;
        actions.extend(s.actions.iter().flat_map(|a| a.iter()));
        if let (Some(p), None) = (&s.part, events) {
            all.interviews.extend_from_slice(&p.interviews);
            all.sent.extend_from_slice(&p.sent);
            all.replies.extend_from_slice(&p.replies);
            all.outcomes.extend_from_slice(&p.outcomes);
            all.reflections.extend_from_slice(&p.reflections);
            all.unreflected.extend_from_slice(&p.unreflected);
        }
    }
    let line = |a: &&Action| {
        Arc::new(ActionLine {
            rule: a.rule,
            due: a.due,
            title: a.title.clone(),
            company: a.company.clone(),
            role: a.role.clone(),
            slug: slug(&a.journal),
        })
    };
    let horizon = add_days(day, 7);
    let (overdue, next): (Vec<&Action>, Vec<&Action>) = actions
        .into_iter()
        .filter(|a| a.due <= horizon)
        .partition(|a| a.due < day);
    let mut report = match events {
        Some(r) => WeekReport {
            overdue: Vec::new(),
            next_seven: Vec::new(),
            ..r.clone()
        },
        None => {
            let mut days = [0usize; 7];
            for e in [&all.interviews, &all.sent, &all.replies, &all.outcomes]
                .into_iter()
                .flatten()
            {
                days[(e.date - week.monday()).num_days() as usize] += 1;
            }
            WeekReport {
                week: week.to_string(),
                span: week.span(),
                monday: week.monday(),
                sunday: week.sunday(),
                as_of: day,
                current: day == today,
                counts: Counts {
                    interviews: all.interviews.len(),
                    sent: all.sent.len(),
                    replies: all.replies.len(),
                    outcomes: all.outcomes.len(),
                    ..Counts::default()
                },
                interviews: sorted(all.interviews, by_event),
                sent: sorted(all.sent, by_event),
                replies: sorted(all.replies, by_event),
                outcomes: sorted(all.outcomes, by_event),
                overdue: Vec::new(),
                next_seven: Vec::new(),
                pipeline: String::new(),
                reflections: sorted(all.reflections, by_reflection),
                unreflected: sorted(all.unreflected, by_journal),
                practice: Vec::new(),
                days,
            }
        }
    };
    report.counts.overdue = overdue.len();
    report.counts.next_seven = next.len();
    report.overdue = end_of(overdue, limit, true).iter().map(line).collect();
    report.next_seven = end_of(next, limit, false).iter().map(line).collect();
    report.pipeline = super::pipeline::line(&by_outcome);
    report
}

/// The last (`last`) or first `n` of `actions` in the order lists show
/// them, in that order: only those are sorted.
fn end_of(mut actions: Vec<&Action>, n: usize, last: bool) -> Vec<&Action> {
    if actions.len() > n && n > 0 {
        // The order is by due date first: cut by date alone (a cheap
        // comparison; thousands of actions are overdue in a late week),
        // so only the actions due on the day at the cut are compared by
        // company, person and title below.
        let at = if last { actions.len() - n } else { n - 1 };
        let (_, edge, _) = actions.select_nth_unstable_by_key(at, |a| a.due);
        let edge = edge.due;
        actions.retain(|a| if last { a.due >= edge } else { a.due <= edge });
    }
    if actions.len() > n {
        if last {
            let from = actions.len() - n;
            if from > 0 {
                actions.select_nth_unstable_by(from - 1, |a, b| a.order(b));
            }
            actions.drain(..from);
        } else {
            if n > 0 {
                actions.select_nth_unstable_by(n - 1, |a, b| a.order(b));
            }
            actions.truncate(n);
        }
    }
    Action::sort(&mut actions);
    actions
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Actions due over a few days, many on the same day, with names that
    /// differ in case: the cut by date must keep what a full sort keeps
    /// (compared by their keys: actions equal in every key may come in
    /// either order, as before).
    fn actions(n: usize, seed: u64) -> Vec<Action> {
        let mut x = seed;
        let mut next = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let names = ["acme", "Acme", "Bluth", "bluth co", "Initech", "Ünicorn"];
        (0..n)
            .map(|i| Action {
                id: i.to_string(),
                entry: None,
                rule: ["thank-you", "check-in", "linkedin"][next(3) as usize],
                status: crate::rules::Status::Due,
                due: crate::time::add_days(
                    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                    next(6) as i64,
                ),
                due_at: None,
                person: (next(4) > 0).then(|| names[next(6) as usize].to_string()),
                company: names[next(6) as usize].into(),
                role: "Dev".into(),
                journal: format!("content/{}.md", next(5)),
                channel: None,
                title: format!("Do {}", next(3)),
                draft: false,
            })
            .collect()
    }

    // A week's share found by position is the one a search finds, for
    // shares of weeks without gaps and with them, before, in and after
    // their weeks, whatever shares were looked in before.
    #[test]
    fn a_share_found_by_position_is_the_one_searched_for() {
        let first = Week::of(NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
        let all = first.through(Week::of(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
        let share = |weeks: &[Week]| {
            Share::new(
                weeks
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        (
                            *w,
                            WeekShare {
                                standing: i,
                                actions: None,
                                part: None,
                            },
                        )
                    })
                    .collect(),
            )
        };
        let shares = [
            share(&all[5..]),
            share(&all[..]),
            share(&[all[2], all[7], all[13]]),
            share(&all[3..9]),
            share(&[]),
            share(&all[13..]),
        ];
        assert!(shares[0].upto.is_some() && shares[2].upto.is_none());
        for week in first.through(Week::of(NaiveDate::from_ymd_opt(2026, 4, 6).unwrap())) {
            let mut distance = None;
            for s in shares.iter().chain(shares.iter().rev()) {
                let found = s.find(week, &mut distance).map(|x| x.standing);
                assert_eq!(found, s.of(week).map(|x| x.standing), "{week}");
            }
        }
    }

    #[test]
    fn the_ends_of_a_list_are_what_a_full_sort_gives() {
        for seed in 0..40 {
            let all = actions(1 + (seed as usize * 7) % 90, seed);
            let mut sorted: Vec<&Action> = all.iter().collect();
            Action::sort(&mut sorted);
            for n in [0, 1, 2, 5, 10, 30, 100] {
                let first: Vec<_> = end_of(all.iter().collect(), n, false)
                    .iter()
                    .map(|a| a.sort_key())
                    .collect();
                let want: Vec<_> = sorted.iter().take(n).map(|a| a.sort_key()).collect();
                assert_eq!(first, want, "first {n}, seed {seed}");
                let last: Vec<_> = end_of(all.iter().collect(), n, true)
                    .iter()
                    .map(|a| a.sort_key())
                    .collect();
                let from = sorted.len().saturating_sub(n);
                let want: Vec<_> = sorted[from..].iter().map(|a| a.sort_key()).collect();
                assert_eq!(last, want, "last {n}, seed {seed}");
            }
        }
    }
}
