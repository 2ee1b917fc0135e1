//! Reports made from the journals over time: the weekly report, the
//! practice list, the work-search log, the scheduled interviews, the
//! calendar and the charts.
//!
//! Pure, like the rules: journals, actions, the configuration and dates come
//! in; values (and text) go out. The CLI prints them; the site renders them.

pub mod board;
pub mod calendar;
pub mod charts;
pub mod history;
pub mod pipeline;
pub mod practice;
pub mod prep;
pub mod scheduled;
pub mod text;
pub mod week;
pub mod weekly;
pub mod worksearch;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::config::Config;
use crate::journal::Journal;
use week::Week;
use weekly::WeekReport;

/// The report of `week` for a loaded repository: the actions and journals
/// as they stood at the week's end (or today), fields `[site] redact`
/// names left out, with the practice list and every action listed (as the
/// CLI prints it). `slug` gives a journal's page on the site, by path.
pub fn weekly_report(
    journals: &[Journal],
    config: &Config,
    tz: Tz,
    week: Week,
    today: NaiveDate,
    slug: &(dyn Fn(&str) -> String + Sync),
) -> WeekReport {
    let day = weekly::as_of(week, today);
    let timeline = history::Timeline::new(journals, &[day], today, tz);
    let actions = history::actions_on(&timeline, day, config);
    let actions: Vec<&crate::rules::Action> = actions.iter().collect();
    let detail = Detail {
        practice: true,
        limit: usize::MAX,
    };
    tally_from(&timeline, config, tz, week, today, slug, &actions, detail).report
}

/// What a weekly report holds beyond its numbers.
#[derive(Debug, Clone, Copy)]
pub struct Detail {
    /// Whether it has the practice list.
    pub practice: bool,
    /// How many overdue and upcoming actions each list shows at most (the
    /// most recently due overdue ones, the soonest upcoming); the counts
    /// always count them all.
    pub limit: usize,
}

/// The report of `week` from a timeline made for its day, with `actions`
/// the timeline's actions on that day (the site makes every week's report
/// from one timeline), as a tally to change by difference.
#[allow(clippy::too_many_arguments)]
pub fn tally_from(
    timeline: &history::Timeline<'_>,
    config: &Config,
    tz: Tz,
    week: Week,
    today: NaiveDate,
    slug: &(dyn Fn(&str) -> String + Sync),
    actions: &[&crate::rules::Action],
    detail: Detail,
) -> weekly::Tally {
    let day = weekly::as_of(week, today);
    let past = timeline.journals_at(day);
    let shown: Vec<_> = past
        .iter()
        .map(|j| crate::journal::redact::redacted(j, &config.site.redact))
        .collect();
    let refs: Vec<&crate::journal::Journal> = shown.iter().map(|j| j.as_ref()).collect();
    let inputs = weekly::Inputs {
        journals: &refs,
        actions,
        config,
        tz,
        today,
        slug,
        limit: detail.limit,
    };
    let mut t = weekly::tally(&inputs, week);
    if detail.practice {
        t.report = weekly::with_practice(t.report, &inputs);
    }
    t
}

/// The tallies of `weeks` made from `journals` (all of the repository's,
/// or a part: the applications a change touched, with the offer accepted
/// in the whole repository, `rules::acceptance`), each action list kept
/// to twice `limit` at the end shown (`usize::MAX`: whole, as the part
/// taken out of a week's tally or put in must be).
#[allow(clippy::too_many_arguments)]
pub fn week_tallies<'j>(
    journals: impl IntoIterator<Item = &'j Journal>,
    accepted: Option<crate::rules::Accepted>,
    config: &Config,
    tz: Tz,
    weeks: &[Week],
    today: NaiveDate,
    slug: &(dyn Fn(&str) -> String + Sync),
    limit: usize,
) -> Vec<weekly::Tally> {
    let asked: Vec<(NaiveDate, NaiveDate)> =
        weeks.iter().map(|w| weekly::asked(*w, today)).collect();
    let days: Vec<NaiveDate> = asked.iter().map(|(known, _)| *known).collect();
    // A part of the journals still answers to an offer accepted in another.
    let timeline = history::Timeline::new(journals, &days, today, tz).accepting(accepted);
    let answers = timeline.actions(&asked, config);
    weeks
        .iter()
        .zip(&answers)
        .map(|(w, a)| {
            let detail = Detail {
                practice: false,
                limit,
            };
            tally_from(&timeline, config, tz, *w, today, slug, &a.sorted(), detail)
        })
        .collect()
}
