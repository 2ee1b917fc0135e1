//! The journals as they stood on an earlier day, so a past week's report says
//! what was overdue *then*, and the charts can count what fell due each week.
//!
//! The rules are not re-implemented: they run unchanged over journals from
//! which everything dated after that day has been removed.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::week::Week;
use crate::config::Config;
use crate::journal::Journal;
use crate::journal::application;
use crate::journal::model::Done;
use crate::rules::{self, Action, Ctx};

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
        extra: Vec::new(),
        body: String::new(),
        body_line: j.body_line,
        reflection: j.reflection.clone(),
    }
}

/// The journals as they stood at the end of `day`; borrowed as they are
/// when `day` is today or later.
pub fn as_of(journals: &[Journal], day: NaiveDate, today: NaiveDate, tz: Tz) -> Cow<'_, [Journal]> {
    if day >= today {
        Cow::Borrowed(journals)
    } else {
        Cow::Owned(journals.iter().map(|j| journal_as_of(j, day, tz)).collect())
    }
}

/// The open actions on `day` of journals already cut to that day (see
/// [`as_of`]). Problems are not part of history and are left out.
pub fn actions_on(past: &[Journal], day: NaiveDate, tz: Tz, config: &Config) -> Vec<Action> {
    let ctx = Ctx {
        today: day,
        tz,
        config,
    };
    rules::evaluate(past, Vec::new(), &ctx).actions
}

/// The rules run on `on`, knowing only the entries dated up to `known`.
/// Applications with no interview by `on` are left out before anything is
/// copied: the rules give them no actions, so the result is the same.
fn actions_seen(
    journals: &[Journal],
    known: NaiveDate,
    on: NaiveDate,
    today: NaiveDate,
    tz: Tz,
    config: &Config,
) -> Vec<Action> {
    if known >= today {
        return actions_on(journals, on, tz, config);
    }
    let alive: HashSet<String> = journals
        .iter()
        .filter(|j| j.date.date(tz) <= on)
        .map(|j| application::key(&j.company, &j.role))
        .collect();
    let past: Vec<Journal> = journals
        .iter()
        .filter(|j| alive.contains(&application::key(&j.company, &j.role)))
        .map(|j| journal_as_of(j, known, tz))
        .collect();
    actions_on(&past, on, tz, config)
}

/// How many follow-ups were owed during `week`: everything due by its
/// Sunday (overdue ones carried over included) that had not been done
/// before its Monday.
pub fn owed_in_week(
    journals: &[Journal],
    week: Week,
    today: NaiveDate,
    tz: Tz,
    config: &Config,
) -> Vec<Action> {
    let before = week.monday().pred_opt().expect("a representable date");
    let sunday = week.sunday();
    let mut actions = actions_seen(journals, before, sunday, today, tz, config);
    actions.retain(|a| a.due <= sunday);
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::journals;

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
            owed_in_week(&js, w(week), d("2026-11-22"), tz, &cfg)
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
        let on = |day| actions_on(&as_of(&js, d(day), d("2026-11-22"), tz), d(day), tz, &cfg);
        let then = on("2026-11-05");
        let rules: Vec<_> = then.iter().map(|a| (a.rule, a.status.as_str())).collect();
        assert!(rules.contains(&("thank-you", "overdue")), "{rules:?}");
        // Today it was sent long ago, and the rejection asks for feedback instead.
        let now = on("2026-11-22");
        assert!(now.iter().all(|a| a.rule != "thank-you"));
        assert!(now.iter().any(|a| a.rule == "feedback"));
    }
}
