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
    let report = weekly_reports(journals, config, tz, &[week], today, slug, usize::MAX)
        .pop()
        .expect("a report per week asked");
    let day = weekly::as_of(week, today);
    let timeline = history::Timeline::new(journals, &[day], today, tz);
    let past = timeline.journals_at(day);
    let shown: Vec<_> = past
        .iter()
        .map(|j| crate::journal::redact::redacted(j, &config.site.redact))
        .collect();
    let refs: Vec<&Journal> = shown.iter().map(|j| j.as_ref()).collect();
    let inputs = weekly::Inputs {
        journals: &refs,
        tz,
        slug,
    };
    weekly::with_practice(report, &inputs)
}

/// The reports of `weeks` (oldest first), without practice lists, each
/// action list cut to `limit` (the counts count every action): the sum of
/// each application's share of them.
pub fn weekly_reports(
    journals: &[Journal],
    config: &Config,
    tz: Tz,
    weeks: &[Week],
    today: NaiveDate,
    slug: &(dyn Fn(&str) -> String + Sync),
    limit: usize,
) -> Vec<WeekReport> {
    use rayon::prelude::*;
    let of = weekly::Of {
        config,
        tz,
        today,
        slug,
        accepted: crate::rules::acceptance(journals, tz),
    };
    let mut by_key: std::collections::BTreeMap<&str, Vec<&Journal>> = Default::default();
    for j in journals {
        by_key.entry(j.key.as_str()).or_default().push(j);
    }
    let shares: Vec<weekly::Share> = by_key
        .into_par_iter()
        .map(|(_, js)| weekly::share(&js, weeks, &of))
        .collect();
    weeks
        .iter()
        .map(|w| weekly::sum(*w, today, &shares, slug, limit, None))
        .collect()
}
