//! The weekly pages and their index. A week's report is the sum of every
//! application's share of it (`AppPart::weeks`): a save remakes the
//! shares of the applications it touched, and the weeks are summed again.

use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::parts::Parts;
use super::splice::Splice;
use super::writer::Writer;
use super::{BuildError, Memo, Phases};
use crate::render::theme::ThemeError;
use crate::report::week::Week;
use crate::report::weekly::{self, Counts, WeekReport, WeekShare};

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

pub(super) fn neighbours(reports: &[Arc<WeekReport>], i: usize) -> Neighbours<'_> {
    (
        i.checked_sub(1).map(|p| reports[p].week.as_str()),
        reports.get(i + 1).map(|n| n.week.as_str()),
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
    /// Every application's part, each with its share of the weeks.
    pub parts: &'a Parts,
    /// The weeks shown, oldest first.
    pub weeks: &'a [Week],
    pub today: NaiveDate,
    /// A journal's page, by path.
    pub journal_slug: &'a (dyn Fn(&str) -> String + Sync),
    /// What the render before left (a save's pages and sections equal to
    /// those are not made again), and the applications the save touched.
    pub previous: Option<&'a Memo>,
    pub touched: Option<&'a std::collections::BTreeSet<String>>,
}

/// Writes the week pages (those equal to the previous render's are not
/// written again) and their index; returns every week's report and
/// sections, for the next render.
#[allow(clippy::type_complexity)]
pub(super) fn weeks(
    w: &Writer<'_>,
    input: &Weeks<'_>,
    phases: &mut Phases,
) -> Result<(Vec<Arc<WeekReport>>, Vec<Arc<WeekSections>>), BuildError> {
    let Weeks {
        parts,
        weeks,
        today,
        journal_slug,
        previous,
        touched,
    } = *input;
    // After a save, a week whose shares the save left as they were is as
    // it was; one whose events and reflections are as they were keeps them.
    let kept = |week: Week| -> Option<(&Arc<WeekReport>, bool, bool)> {
        let (memo, keys) = (previous?, touched?);
        let (was, _) = memo.week(&week.to_string())?;
        fn share<'p>(parts: &'p Parts, key: &str, week: Week) -> Option<Option<&'p WeekShare>> {
            parts.get(key).map(|p| p.weeks.of(week))
        }
        let (mut all, mut events) = (true, true);
        for k in keys {
            let (then, now) = (share(&memo.parts, k, week), share(parts, k, week));
            all &= then == now;
            events &= then.flatten().map(WeekShare::events) == now.flatten().map(WeekShare::events);
        }
        Some((was, all, events))
    };
    // A week's report is the sum of every application's share of it.
    let reports: Vec<Arc<WeekReport>> = weeks
        .par_iter()
        .map(|week| {
            let was = kept(*week);
            if let Some((was, true, _)) = was {
                return Arc::clone(was);
            }
            let events = was.and_then(|(was, _, events)| events.then_some(&**was));
            let shares = parts.values().map(|p| &p.weeks);
            let r = weekly::sum(*week, today, shares, journal_slug, WEEK_LIST_LIMIT, events);
            // Kept as it was when it is: its page is then not made again.
            match was {
                Some((was, ..)) if **was == r => Arc::clone(was),
                _ => Arc::new(r),
            }
        })
        .collect();
    phases.mark("weekly reports");
    // Each week page's long sections, rendered: kept while what they show
    // is as it was.
    let sections: Vec<Arc<WeekSections>> = reports
        .par_iter()
        .map(|r| {
            let then = previous.and_then(|memo| memo.sections(&r.week));
            let section = |name: &str, fill: &dyn Fn(&mut tera::Context)| {
                w.render(name, "../../", &|c| {
                    c.insert("links", &true);
                    fill(c);
                })
                .map(Bytes::from)
            };
            let done = match then {
                Some((old, s)) if weekly::Events::of(old) == weekly::Events::of(r) => {
                    s.done.clone()
                }
                _ => section("templates/_week_done.html", &|c| {
                    c.insert("r", &weekly::Events::first(r, WEEK_LIST_LIMIT))
                })?,
            };
            let reflections = match then {
                Some((old, s)) if weekly::Reflections::of(old) == weekly::Reflections::of(r) => {
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
                then.map(|(old, s)| (&old.overdue[..], &s.overdue)),
            )?;
            let next = due(
                "next",
                &r.next_seven,
                then.map(|(old, s)| (&old.next_seven[..], &s.next)),
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
        // A page stays when its report and the weeks around it are as they were.
        .filter(|(i, (r, _))| {
            previous.is_none_or(|memo| {
                memo.week(&r.week).is_none_or(|(was, then)| {
                    !Arc::ptr_eq(was, r) || then != neighbours(&reports, *i)
                })
            })
        })
        .try_for_each(|(i, (r, s))| -> Result<(), BuildError> {
            let (prev, next) = neighbours(&reports, i);
            let mut lists = Splice::default();
            let view = SectionsView {
                done: lists.slot(vec![s.done.clone()]),
                reflections: lists.slot(vec![s.reflections.clone()]),
                overdue: lists.slot(vec![s.overdue.clone()]),
                next: lists.slot(vec![s.next.clone()]),
                shown: Shown {
                    overdue: r.overdue.len(),
                    next: r.next_seven.len(),
                },
            };
            w.spliced(&week_page(&r.week), "templates/week.html", &lists, &|c| {
                c.insert("r", &weekly::without_sections(r));
                c.insert("sections", &view);
                c.insert("prev", &prev);
                c.insert("next", &next);
            })
        })?;
    phases.mark("week pages");
    let index: Vec<WeekLine> = reports
        .iter()
        .rev()
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
