//! The weekly pages and their index. A week's report is a sum over
//! applications: after a save it changes by the difference of the changed
//! applications' part of it, then and now; the other weeks' reports are
//! made from one timeline.

use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::splice::Splice;
use super::writer::Writer;
use super::{BuildError, Memo, Phases};
use crate::config::Config;
use crate::journal::Journal;
use crate::render::theme::ThemeError;
use crate::report::history;
use crate::report::week::Week;
use crate::report::weekly::{self, Counts, Tally};
use crate::rules::Accepted;

/// A week page's long parts, rendered by the theme's `_week_done.html`,
/// `_week_reflections.html` and `_week_due.html`.
pub(super) struct WeekSections {
    done: Bytes,
    reflections: Bytes,
    overdue: Bytes,
    next: Bytes,
}

/// What a week page gets for its long parts (markers of the rendered
/// HTML), and how many actions each list shows.
#[derive(Serialize)]
struct SectionsView {
    done: String,
    reflections: String,
    overdue: String,
    next: String,
    shown: Shown,
}

/// How many actions a week page's lists show.
#[derive(Serialize)]
struct Shown {
    overdue: usize,
    next: usize,
}

/// The weeks before and after one, as its page links to them.
pub(super) type Neighbours<'a> = (Option<&'a str>, Option<&'a str>);

pub(super) fn neighbours(reports: &[Arc<Tally>], i: usize) -> Neighbours<'_> {
    (
        i.checked_sub(1).map(|p| reports[p].report.week.as_str()),
        reports.get(i + 1).map(|n| n.report.week.as_str()),
    )
}

/// The file of the page of the week called `week`.
pub(super) fn week_page(week: &str) -> String {
    format!("weeks/{week}/index.html")
}

/// A line of the index of weeks.
#[derive(Serialize)]
struct WeekLine<'a> {
    week: &'a str,
    span: &'a str,
    counts: Counts,
    sparkline: String,
}

/// How many overdue and upcoming actions, events of each kind and
/// reflections a weekly page lists; the dashboard and the journals' pages
/// have them all.
pub(super) const WEEK_LIST_LIMIT: usize = 100;

/// How many items under each heading of one reflection a week page lists.
const REFLECTION_ITEMS: usize = 12;

/// What the weekly pages are made from.
pub(super) struct Weeks<'a> {
    /// Every journal, and the weeks shown, oldest first.
    pub journals: &'a [Journal],
    pub weeks: &'a [Week],
    /// The journals of the applications a change touched (every journal
    /// without one), and the offer accepted.
    pub touched: &'a [&'a Journal],
    pub accepted: Option<Accepted>,
    pub config: &'a Config,
    pub tz: chrono_tz::Tz,
    pub today: NaiveDate,
    /// A journal's page, by path.
    pub journal_slug: &'a (dyn Fn(&str) -> String + Sync),
    /// After a change: those applications' journals before it, and what
    /// the render before left.
    pub previous: Option<(&'a [Journal], &'a Memo)>,
}

/// Writes the week pages (those a change left as they were are not
/// written again) and their index; returns every week's report and
/// sections, for the next render.
#[allow(clippy::type_complexity)]
pub(super) fn weeks(
    w: &Writer<'_>,
    input: &Weeks<'_>,
    phases: &mut Phases,
) -> Result<(Vec<Arc<Tally>>, Vec<Arc<WeekSections>>), BuildError> {
    let Weeks {
        journals,
        weeks,
        touched,
        ref accepted,
        config,
        tz,
        today,
        journal_slug,
        previous,
    } = *input;
    // A week's report is a sum over applications: it changes by the
    // difference of the changed applications' part of it, then and now.
    // Each week's tally if it could be kept or changed, and whether its
    // page is made again.
    let kept: Vec<Option<(Arc<Tally>, bool)>> = match previous {
        None => vec![None; weeks.len()],
        Some((before, previous)) => {
            let then_slug = |path: &str| previous.slugs.journal(path);
            let tallies = |journals: &mut dyn Iterator<Item = &Journal>,
                           slug: &(dyn Fn(&str) -> String + Sync)| {
                crate::report::week_tallies(
                    journals,
                    accepted.clone(),
                    config,
                    tz,
                    weeks,
                    today,
                    slug,
                    usize::MAX,
                )
            };
            let then = tallies(&mut before.iter(), &then_slug);
            let now = tallies(&mut touched.iter().copied(), journal_slug);
            weeks
                .par_iter()
                .zip(then.par_iter().zip(&now))
                .map(|(w, (t, n))| {
                    let (was, _) = previous.week(&w.to_string())?;
                    if t == n {
                        return Some((Arc::clone(was), false));
                    }
                    let mut changed = Tally::clone(was);
                    changed
                        .change(t, n, *w, WEEK_LIST_LIMIT)
                        .then(|| (Arc::new(changed), true))
                })
                .collect()
        }
    };
    let fresh: Vec<Week> = weeks
        .iter()
        .zip(&kept)
        .filter(|(_, k)| k.is_none())
        .map(|(w, _)| *w)
        .collect();
    phases.mark("weekly reports: what changed");

    // The other weeks' actions at once, from one timeline: each week's
    // report.
    let asked: Vec<(NaiveDate, NaiveDate)> =
        fresh.iter().map(|w| weekly::asked(*w, today)).collect();
    let days: Vec<NaiveDate> = asked.iter().map(|(known, _)| *known).collect();
    let timeline = match fresh.is_empty() {
        true => history::Timeline::new([], &[], today, tz),
        false => history::Timeline::new(journals, &days, today, tz),
    };
    phases.mark("timeline: cut");
    let week_actions = timeline.actions(&asked, config);
    phases.mark("timeline");

    // A page per week, and their index.
    let made: Vec<Tally> = fresh
        .par_iter()
        .zip(&week_actions)
        .map(|(w, answer)| {
            let actions = answer.sorted();
            let detail = crate::report::Detail {
                practice: false,
                limit: WEEK_LIST_LIMIT,
            };
            crate::report::tally_from(
                &timeline,
                config,
                tz,
                *w,
                today,
                journal_slug,
                &actions,
                detail,
            )
        })
        .collect();
    let mut made = made.into_iter().map(Arc::new);
    let remade: Vec<bool> = kept
        .iter()
        .map(|k| k.as_ref().is_none_or(|k| k.1))
        .collect();
    let reports: Vec<Arc<Tally>> = kept
        .into_iter()
        .map(|k| match k {
            Some((t, _)) => t,
            None => made.next().expect("a report per week not kept"),
        })
        .collect();
    phases.mark("weekly reports");
    // Each week page's long sections, rendered: kept while what they show
    // is as it was.
    let sections: Vec<Arc<WeekSections>> = reports
        .par_iter()
        .map(|t| {
            let then = previous.and_then(|(_, memo)| memo.sections(&t.report.week));
            let r = &t.report;
            let section = |name: &str, fill: &dyn Fn(&mut tera::Context)| {
                w.render(name, "../../", &|c| {
                    c.insert("links", &true);
                    fill(c);
                })
                .map(Bytes::from)
            };
            let done = match then {
                Some((old, s)) if weekly::Events::of(&old.report) == weekly::Events::of(r) => {
                    s.done.clone()
                }
                _ => section("templates/_week_done.html", &|c| {
                    c.insert("r", &weekly::Events::first(r, WEEK_LIST_LIMIT))
                })?,
            };
            let reflections = match then {
                Some((old, s))
                    if weekly::Reflections::of(&old.report) == weekly::Reflections::of(r) =>
                {
                    s.reflections.clone()
                }
                _ => section("templates/_week_reflections.html", &|c| {
                    c.insert(
                        "r",
                        &weekly::Reflections::first(r, WEEK_LIST_LIMIT, REFLECTION_ITEMS),
                    )
                })?,
            };
            // A thank-you changes what is overdue in every later week, but
            // seldom which actions a page shows.
            let due = |kind: &str,
                       now: &[Arc<weekly::ActionLine>],
                       was: Option<(&[Arc<weekly::ActionLine>], &Bytes)>| {
                match was {
                    Some((then, html)) if then == now => Ok(html.clone()),
                    _ => section("templates/_week_due.html", &|c| {
                        c.insert("due", now);
                        c.insert("kind", kind);
                    }),
                }
            };
            let overdue = due(
                "overdue",
                &r.overdue,
                then.map(|(old, s)| (&old.report.overdue[..], &s.overdue)),
            )?;
            let next = due(
                "next",
                &r.next_seven,
                then.map(|(old, s)| (&old.report.next_seven[..], &s.next)),
            )?;
            Ok(Arc::new(WeekSections {
                done,
                reflections,
                overdue,
                next,
            }))
        })
        .collect::<Result<_, ThemeError>>()?;
    reports
        .par_iter()
        .zip(&sections)
        .enumerate()
        // A kept report's page stays, unless the weeks around it changed.
        .filter(|(i, (t, _))| {
            remade[*i]
                || previous.is_none_or(|(_, previous)| {
                    previous
                        .week(&t.report.week)
                        .is_none_or(|(_, then)| then != neighbours(&reports, *i))
                })
        })
        .try_for_each(|(i, (t, s))| -> Result<(), BuildError> {
            let (prev, next) = neighbours(&reports, i);
            let mut lists = Splice::default();
            let view = SectionsView {
                done: lists.slot(vec![s.done.clone()]),
                reflections: lists.slot(vec![s.reflections.clone()]),
                overdue: lists.slot(vec![s.overdue.clone()]),
                next: lists.slot(vec![s.next.clone()]),
                shown: Shown {
                    overdue: t.report.overdue.len(),
                    next: t.report.next_seven.len(),
                },
            };
            w.spliced(
                &week_page(&t.report.week),
                "templates/week.html",
                &lists,
                &|c| {
                    c.insert("r", &weekly::without_sections(&t.report));
                    c.insert("sections", &view);
                    c.insert("prev", &prev);
                    c.insert("next", &next);
                },
            )
        })?;
    phases.mark("week pages");
    let index: Vec<WeekLine> = reports
        .iter()
        .rev()
        .map(|t| &t.report)
        .map(|r| WeekLine {
            week: &r.week,
            span: &r.span,
            counts: r.counts,
            sparkline: crate::report::charts::sparkline(&r.days),
        })
        .collect();
    w.page("weeks/index.html", "templates/weeks.html", &|c| {
        c.insert("weeks", &index)
    })?;

    Ok((reports, sections))
}
