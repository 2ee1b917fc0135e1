//! The journals as they stood on an earlier day, so a past week's report says
//! what was overdue *then*, and the charts can count what fell due each week.
//!
//! The rules are not re-implemented: they run unchanged over journals from
//! which everything dated after that day has been removed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::week::Week;
use crate::config::Config;
use crate::journal::Journal;
use crate::journal::application;
use crate::journal::model::Done;
use crate::rules::{self, Action, Ctx, Dated};

/// `j` as it stood at the end of `day`: sent entries, replies, outcomes and
/// ticked-off promises dated later are gone. The body is left out (the rules
/// read only the parsed reflection), so this stays cheap.
pub fn journal_as_of(j: &Journal, day: NaiveDate, tz: Tz) -> Journal {
    let later = |d: NaiveDate| d > day;
    let undone = |done: Option<Done>| match done {
        Some(Done::On(d)) if later(d) => None,
        other => other,
    };
    let outcome_on = j.outcome_on.unwrap_or_else(|| j.date.date(tz));
    Journal {
        path: j.path.clone(),
        key: j.key.clone(),
        company: j.company.clone(),
        role: j.role.clone(),
        date: j.date,
        date_loc: j.date_loc,
        title: j.title.clone(),
        stage: j.stage.clone(),
        format: j.format.clone(),
        channel: j.channel,
        interviewers: j.interviewers.clone(),
        contact: j.contact.clone(),
        contact_loc: j.contact_loc,
        next_steps: j.next_steps.clone(),
        decision_by: j.decision_by,
        no_contact_before: j.no_contact_before,
        promised: j
            .promised
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.done = undone(p.done);
                p
            })
            .collect(),
        sent: j
            .sent
            .iter()
            .filter(|s| !later(s.on.date(tz)))
            .cloned()
            .collect(),
        replies: j.replies.iter().filter(|r| !later(r.on)).cloned().collect(),
        outcome: j.outcome.filter(|_| !later(outcome_on)),
        outcome_on: j.outcome_on.filter(|d| !later(*d)),
        discussed: j.discussed.clone(),
        learned: j.learned.clone(),
        highlights: j.highlights.clone(),
        references: j
            .references
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.briefed = undone(r.briefed);
                r
            })
            .collect(),
        tags: j.tags.clone(),
        snooze: j.snooze.clone(),
        allows: j.allows.clone(),
        extra: Vec::new(),
        body: String::new(),
        body_line: j.body_line,
        reflection: j.reflection.clone(),
    }
}

/// The days on which `j`, as it stood, changes: the dates of the entries
/// [`journal_as_of`] leaves out before them. Ascending, without repeats.
pub fn changes(j: &Journal, tz: Tz) -> Vec<NaiveDate> {
    let done = |d: &Option<Done>| match d {
        Some(Done::On(d)) => Some(*d),
        _ => None,
    };
    let mut days: Vec<NaiveDate> = Vec::new();
    // The entries the rules read (each rule says which): a rule reading a
    // new kind of dated entry adds a `Dated`, and this match must take it.
    for field in rules::dated() {
        match field {
            Dated::PromiseDone => days.extend(j.promised.iter().filter_map(|p| done(&p.done))),
            Dated::Sent => days.extend(j.sent.iter().map(|s| s.on.date(tz))),
            Dated::Reply => days.extend(j.replies.iter().map(|r| r.on)),
            Dated::Briefed => days.extend(j.references.iter().filter_map(|r| done(&r.briefed))),
            Dated::Outcome => {
                days.extend(j.outcome_on);
                if j.outcome.is_some() {
                    days.push(j.outcome_on.unwrap_or_else(|| j.date.date(tz)));
                }
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// The days on which an application of these journals, or the rules'
/// view of it, changes: entries ([`changes`]), interviews (past from that
/// day), snoozes ending. Ascending, without repeats.
pub fn points<'j>(journals: impl IntoIterator<Item = &'j Journal>, tz: Tz) -> Vec<NaiveDate> {
    let mut points: Vec<NaiveDate> = journals
        .into_iter()
        .flat_map(|j| {
            changes(j, tz)
                .into_iter()
                .chain([j.date.date(tz)])
                .chain(j.snooze.iter().map(|s| s.until))
        })
        .collect();
    points.sort_unstable();
    points.dedup();
    points
}

/// One journal and its past states on the days asked for.
struct Versions<'j> {
    now: &'j Journal,
    changes: Vec<NaiveDate>,
    /// (how many changes had happened, the journal then), by that number.
    then: Vec<(usize, Journal)>,
}

impl<'j> Versions<'j> {
    fn new(j: &'j Journal, days: &[NaiveDate], tz: Tz) -> Versions<'j> {
        let changes = changes(j, tz);
        let mut then: Vec<(usize, Journal)> = Vec::new();
        for day in days {
            let seen = changes.partition_point(|c| c <= day);
            if seen < changes.len() && then.last().is_none_or(|(n, _)| *n != seen) {
                then.push((seen, journal_as_of(j, *day, tz)));
            }
        }
        Versions {
            now: j,
            changes,
            then,
        }
    }

    /// The journal at the end of `day`.
    fn at(&self, day: NaiveDate, tz: Tz) -> Cow<'_, Journal> {
        let seen = self.changes.partition_point(|c| *c <= day);
        if seen == self.changes.len() {
            return Cow::Borrowed(self.now);
        }
        match self.then.binary_search_by_key(&seen, |(n, _)| *n) {
            Ok(i) => Cow::Borrowed(&self.then[i].1),
            // A day not asked for in advance: cut it now.
            Err(_) => Cow::Owned(journal_as_of(self.now, day, tz)),
        }
    }
}

/// The journals of one application over time.
struct AppLine<'j> {
    journals: Vec<Versions<'j>>,
    /// The first interview.
    first: NaiveDate,
    /// Every day on which the application, or the rules' view of it,
    /// changes: entries, interviews (past from that day), snoozes ending.
    points: Vec<NaiveDate>,
}

/// The journals as they stood on earlier days, cut once for every day a
/// build asks about, with the rules' actions on those days. Entries dated
/// after today are kept from today on, as the rules see them today.
pub struct Timeline<'j> {
    tz: Tz,
    today: NaiveDate,
    apps: Vec<AppLine<'j>>,
    /// The offer accepted as of today: from the day it was accepted, the
    /// other applications' rules change (see [`rules::Ctx::accepted`]).
    accepted: Option<rules::Accepted>,
}

impl<'j> Timeline<'j> {
    /// The timeline of `journals`, ready for the past `days` (others work,
    /// cut when asked).
    pub fn new(
        journals: impl IntoIterator<Item = &'j Journal>,
        days: &[NaiveDate],
        today: NaiveDate,
        tz: Tz,
    ) -> Self {
        let mut days: Vec<NaiveDate> = days.iter().copied().filter(|d| *d < today).collect();
        days.sort_unstable();
        days.dedup();
        let journals: Vec<&'j Journal> = journals.into_iter().collect();
        let accepted = rules::acceptance(journals.iter().copied(), tz);
        let mut by_key: HashMap<&str, Vec<&'j Journal>> = HashMap::new();
        for j in journals {
            by_key.entry(j.key.as_str()).or_default().push(j);
        }
        let mut groups: Vec<(&str, Vec<&'j Journal>)> = by_key.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let apps = groups
            .into_par_iter()
            .map(|(_, js)| {
                let journals: Vec<Versions<'j>> =
                    js.iter().map(|j| Versions::new(j, &days, tz)).collect();
                AppLine {
                    first: js.iter().map(|j| j.date.date(tz)).min().expect("a journal"),
                    journals,
                    points: points(js.iter().copied(), tz),
                }
            })
            .collect();
        Timeline {
            tz,
            today,
            apps,
            accepted,
        }
    }

    /// The timeline with `accepted` as the offer accepted, for when it is
    /// made of a part of the repository's journals (the acceptance may be
    /// in another part).
    pub fn accepting(mut self, accepted: Option<rules::Accepted>) -> Self {
        self.accepted = accepted;
        self
    }

    /// The accepted offer, as known at the end of `known`.
    fn accepted_as_of(&self, known: NaiveDate) -> Option<rules::Accepted> {
        self.accepted
            .clone()
            .filter(|a| known >= self.today || a.on <= known)
    }

    /// The journals as they stood at the end of `day` (as they are, from
    /// today on).
    pub fn journals_at(&self, day: NaiveDate) -> Vec<Cow<'_, Journal>> {
        self.apps
            .iter()
            .flat_map(|a| &a.journals)
            .map(|v| self.version(v, day))
            .collect()
    }

    fn version<'a>(&'a self, v: &'a Versions<'j>, day: NaiveDate) -> Cow<'a, Journal> {
        if day >= self.today {
            Cow::Borrowed(v.now)
        } else {
            v.at(day, self.tz)
        }
    }

    /// For each `(known, on)`: the actions the rules give on `on`, knowing
    /// only the entries dated up to `known`. Each application is evaluated
    /// once per distinct state it was in, not once per day asked, and the
    /// answers share those evaluations rather than copying them.
    pub fn actions(&self, asked: &[(NaiveDate, NaiveDate)], config: &Config) -> Vec<Answer> {
        let per_app: Vec<Vec<Option<Arc<[Action]>>>> = self
            .apps
            .par_iter()
            .map(|a| {
                let mut seen: HashMap<(usize, usize, bool), Arc<[Action]>> = HashMap::new();
                asked
                    .iter()
                    .map(|&(known, on)| {
                        if on < a.first {
                            return None;
                        }
                        let state = if known >= self.today {
                            usize::MAX
                        } else {
                            a.points.partition_point(|p| *p <= known)
                        };
                        let accepted = self.accepted_as_of(known);
                        let key = (
                            state,
                            a.points.partition_point(|p| *p <= on),
                            accepted.is_some(),
                        );
                        let actions = seen
                            .entry(key)
                            .or_insert_with(|| self.evaluate(a, known, on, config).into());
                        (!actions.is_empty()).then(|| Arc::clone(actions))
                    })
                    .collect()
            })
            .collect();
        let mut answers: Vec<Answer> = asked
            .iter()
            .map(|&(_, on)| Answer {
                on,
                parts: Vec::new(),
            })
            .collect();
        for app in per_app {
            for (answer, part) in answers.iter_mut().zip(app) {
                answer.parts.extend(part);
            }
        }
        answers
    }

    fn evaluate(
        &self,
        a: &AppLine<'j>,
        known: NaiveDate,
        on: NaiveDate,
        config: &Config,
    ) -> Vec<Action> {
        let cut: Vec<Cow<'_, Journal>> =
            a.journals.iter().map(|v| self.version(v, known)).collect();
        let ctx = Ctx {
            today: on,
            tz: self.tz,
            config,
            accepted: self.accepted_as_of(known),
        };
        application::group(cut.iter().map(|j| j.as_ref()), on, self.tz)
            .iter()
            .filter(|app| !app.journals.is_empty())
            .flat_map(|app| rules::actions_of(app, &ctx))
            .collect()
    }
}

/// The timeline's actions on one day asked, shared with the other days.
pub struct Answer {
    on: NaiveDate,
    parts: Vec<Arc<[Action]>>,
}

impl Answer {
    /// The actions of each application that has some on the day asked.
    pub fn into_parts(self) -> Vec<Arc<[Action]>> {
        self.parts
    }

    /// How many actions.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The actions in the order lists show them (their status is not set:
    /// see [`Answer::finished`]).
    pub fn sorted(&self) -> Vec<&Action> {
        let mut all: Vec<&Action> = self.parts.iter().flat_map(|p| p.iter()).collect();
        Action::sort(&mut all);
        all
    }

    /// Copies of the actions with their status on the day asked, sorted,
    /// as `due` lists them.
    pub fn finished(&self) -> Vec<Action> {
        let mut all: Vec<Action> = self.parts.iter().flat_map(|p| p.iter().cloned()).collect();
        rules::finish(&mut all, self.on);
        all
    }
}

/// The actions open on `day`, as the journals stood at its end.
pub fn actions_on(timeline: &Timeline<'_>, day: NaiveDate, config: &Config) -> Vec<Action> {
    timeline
        .actions(&[(day, day)], config)
        .pop()
        .expect("one answer per day asked")
        .finished()
}

/// What [`owed_in_week`] asks the timeline: the rules on the week's Sunday,
/// knowing what was done before its Monday.
pub fn owed_asked(week: Week) -> (NaiveDate, NaiveDate) {
    (
        week.monday().pred_opt().expect("a representable date"),
        week.sunday(),
    )
}

/// How many follow-ups were owed during `week` (see [`owed_in_week`]),
/// counted without listing them.
pub fn owed_count(week: Week, answer: &Answer) -> usize {
    answer
        .parts
        .iter()
        .flat_map(|p| p.iter())
        .filter(|a| a.due <= week.sunday())
        .count()
}

/// How many follow-ups were owed during `week`: everything due by its
/// Sunday (overdue ones carried over included) that had not been done
/// before its Monday. `answer` is the timeline's answer to [`owed_asked`].
pub fn owed_in_week(week: Week, answer: &Answer) -> Vec<&Action> {
    let mut owed: Vec<&Action> = answer
        .parts
        .iter()
        .flat_map(|p| p.iter())
        .filter(|a| a.due <= week.sunday())
        .collect();
    Action::sort(&mut owed);
    owed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::journals;

    #[test]
    fn every_dated_entry_a_rule_reads_is_a_change_and_is_cut() {
        let js = journals(&[
            "company: A\nrole: R\ndate: 2026-11-10\npromised: [{item: x, done: 2026-11-20}]\nsent:\n  - {kind: check-in, on: 2026-11-20}\nreplies:\n  - {on: 2026-11-20}\nreferences: [{name: Cy, briefed: 2026-11-20}]\noutcome: offer\noutcome_on: 2026-11-20",
        ]);
        let tz = chrono_tz::UTC;
        let day = crate::time::parse_date("2026-11-20").unwrap();
        assert_eq!(changes(&js[0], tz), vec![day]);
        let before = journal_as_of(&js[0], crate::time::add_days(day, -1), tz);
        let on = journal_as_of(&js[0], day, tz);
        for field in rules::dated() {
            let cut = match field {
                Dated::Sent => before.sent.is_empty() && !on.sent.is_empty(),
                Dated::Reply => before.replies.is_empty() && !on.replies.is_empty(),
                Dated::PromiseDone => {
                    before.promised[0].done.is_none() && on.promised[0].done.is_some()
                }
                Dated::Briefed => {
                    before.references[0].briefed.is_none() && on.references[0].briefed.is_some()
                }
                Dated::Outcome => before.outcome.is_none() && on.outcome.is_some(),
            };
            assert!(cut, "{field:?} is not cut from earlier days");
        }
    }

    const APP: &str = "company: A\nrole: R\ndate: 2026-11-02\ninterviewers: [Ann Lee]\nsent:\n  - {kind: thank-you, on: 2026-11-10}\nreplies:\n  - {on: 2026-11-20}\noutcome: rejected\noutcome_on: 2026-11-20\npromised:\n  - {item: slides, done: 2026-11-12}";

    #[test]
    fn later_entries_are_forgotten() {
        let js = journals(&[APP]);
        let tz = chrono_tz::UTC;
        let day = crate::time::parse_date("2026-11-05").unwrap();
        let past = journal_as_of(&js[0], day, tz);
        assert!(past.sent.is_empty() && past.replies.is_empty());
        assert_eq!((past.outcome, past.outcome_on), (None, None));
        assert_eq!(past.promised[0].done, None);
        let later = journal_as_of(&js[0], crate::time::parse_date("2026-11-30").unwrap(), tz);
        assert_eq!(later.sent.len(), 1);
        assert!(later.outcome.is_some() && later.promised[0].done.is_some());
    }

    #[test]
    fn owed_counts_what_fell_due_before_it_was_done() {
        let js = journals(&[APP]);
        let cfg = Config::default();
        let d = |s| crate::time::parse_date(s).unwrap();
        let w = |s| Week::parse(s).unwrap();
        let tz = chrono_tz::UTC;
        let owed = |week| -> Vec<&'static str> {
            let asked = owed_asked(w(week));
            let timeline = Timeline::new(&js, &[asked.0], d("2026-11-22"), tz);
            let answer = timeline.actions(&[asked], &cfg).pop().unwrap();
            owed_in_week(w(week), &answer)
                .iter()
                .map(|a| a.rule)
                .collect()
        };
        // Interview Monday 2 Nov. The thank-you (due the 3rd, sent the
        // 10th) and the slides (due the 3rd, sent the 12th) are owed in
        // week 45 and still in week 46; the first check-in falls due on
        // the 9th; the reflection is never written.
        assert_eq!(owed("2026-W44"), Vec::<&str>::new());
        assert_eq!(
            owed("2026-W45"),
            ["promised-item", "thank-you", "reflection"]
        );
        assert_eq!(
            owed("2026-W46"),
            ["promised-item", "thank-you", "reflection", "check-in"]
        );
        // By week 47 both were sent; the check-in is still owed, since the
        // rejection only came on the 20th.
        assert_eq!(owed("2026-W47"), ["reflection", "check-in"]);
        // Then the rejection asks for feedback within three days.
        assert_eq!(owed("2026-W48"), ["reflection", "feedback"]);
    }

    #[test]
    fn a_past_day_shows_what_was_open_then() {
        let js = journals(&[APP]);
        let cfg = Config::default();
        let d = |s| crate::time::parse_date(s).unwrap();
        let tz = chrono_tz::UTC;
        // On 5 November the thank-you (due 3 November) was still open and overdue.
        let on = |day| {
            let timeline = Timeline::new(&js, &[d(day)], d("2026-11-22"), tz);
            actions_on(&timeline, d(day), &cfg)
        };
        let then = on("2026-11-05");
        let rules: Vec<_> = then.iter().map(|a| (a.rule, a.status.as_str())).collect();
        assert!(rules.contains(&("thank-you", "overdue")), "{rules:?}");
        // Today it was sent long ago, and the rejection asks for feedback instead.
        let now = on("2026-11-22");
        assert!(now.iter().all(|a| a.rule != "thank-you"));
        assert!(now.iter().any(|a| a.rule == "feedback"));
    }

    /// The rules over copies cut to `known`, run on `on`: what the
    /// timeline must answer, done the slow way.
    fn slow(
        js: &[Journal],
        known: NaiveDate,
        on: NaiveDate,
        today: NaiveDate,
        cfg: &Config,
    ) -> Vec<Action> {
        let tz = chrono_tz::UTC;
        let cut: Vec<Journal> = if known >= today {
            js.to_vec()
        } else {
            js.iter().map(|j| journal_as_of(j, known, tz)).collect()
        };
        let ctx = Ctx {
            today: on,
            tz,
            config: cfg,
            accepted: None,
        };
        rules::evaluate(&cut, Vec::new(), &ctx).actions
    }

    #[test]
    fn the_timeline_answers_as_the_rules_over_cut_copies_do() {
        // Every fixture folder, every day from before the first interview to
        // after today: the memo by application state must change nothing.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut js = Vec::new();
        for dir in ["tests/fixtures/report", "tests/fixtures/snooze", "."] {
            let repo = crate::repo::Repository::load(&root.join(dir), None).unwrap();
            js.extend(repo.journals);
        }
        let cfg = Config::default();
        let d = |s| crate::time::parse_date(s).unwrap();
        let today = d("2026-11-20");
        let days: Vec<NaiveDate> = d("2026-08-01")
            .iter_days()
            .take_while(|x| *x <= d("2026-12-10"))
            .collect();
        let asked: Vec<(NaiveDate, NaiveDate)> = days
            .iter()
            .flat_map(|x| [(*x, *x), (*x, crate::time::add_days(*x, 6))])
            .collect();
        let known: Vec<NaiveDate> = asked.iter().map(|a| a.0).collect();
        let timeline = Timeline::new(&js, &known, today, chrono_tz::UTC);
        let answers = timeline.actions(&asked, &cfg);
        let mut some = 0;
        for ((known, on), got) in asked.iter().zip(&answers) {
            let want = slow(&js, *known, *on, today, &cfg);
            assert_eq!(got.finished(), want, "known {known}, on {on}");
            assert_eq!(got.len(), want.len());
            let sorted: Vec<Action> = got.sorted().into_iter().cloned().collect();
            let same_order = sorted
                .iter()
                .zip(&want)
                .all(|(a, b)| (a.due, &a.title) == (b.due, &b.title));
            assert!(same_order, "sorted as listed: known {known}, on {on}");
            some += usize::from(!want.is_empty());
        }
        assert!(some > 100, "the days asked have actions to compare");
        // A day not prepared in advance is cut when asked.
        let late = Timeline::new(&js, &[], today, chrono_tz::UTC);
        let x = d("2026-10-01");
        assert_eq!(actions_on(&late, x, &cfg), slow(&js, x, x, today, &cfg));
    }
}
