//! Reports made from the journals over time: the weekly report, the
//! practice list, the work-search log, the calendar and the charts.
//!
//! Pure, like the rules: journals, actions, the configuration and dates come
//! in; values (and text) go out. The CLI prints them; the site renders them.

pub mod calendar;
pub mod charts;
pub mod history;
pub mod pipeline;
pub mod practice;
pub mod text;
pub mod week;
pub mod weekly;
pub mod worksearch;

use chrono::NaiveDate;

use crate::repo::Repository;
use week::Week;
use weekly::WeekReport;

/// The report of `week` for a loaded repository: the actions and journals
/// as they stood at the week's end (or today), fields `[site] redact`
/// names left out. `slug` gives a journal's page on the site, by path;
/// `practice` adds the practice list.
pub fn weekly_report(
    repo: &Repository,
    week: Week,
    today: NaiveDate,
    slug: &(dyn Fn(&str) -> String + Sync),
    practice: bool,
) -> WeekReport {
    let day = weekly::as_of(week, today);
    // Cut once: the rules and the report read the same copy.
    let past = history::as_of(&repo.journals, day, today, repo.tz);
    let actions = history::actions_on(&past, day, repo.tz, &repo.config);
    let shown: Vec<_> = past
        .iter()
        .map(|j| crate::site::pages::redacted(j, &repo.config.site.redact))
        .collect();
    let refs: Vec<&crate::journal::Journal> = shown.iter().map(|j| j.as_ref()).collect();
    let inputs = weekly::Inputs {
        journals: &refs,
        actions: &actions,
        config: &repo.config,
        tz: repo.tz,
        today,
        slug,
    };
    let r = weekly::report(&inputs, week);
    if practice {
        weekly::with_practice(r, &inputs)
    } else {
        r
    }
}
