//! The dashboard (`index.html`: what is due, upcoming interviews, problems,
//! the pipeline and its charts, the applications) and the drafts page,
//! each with the numbered pages of its long lists, summed from the
//! applications' parts.

use chrono::NaiveDate;
use serde::Serialize;

use super::BuildError;
use super::pages;
use super::paginate;
use super::parts::{self, ActionPart, Parts, ProblemPart};
use super::splice::{Rooted, Splice};
use super::writer::{ListOf, Writer, first, root_of};
use crate::diagnostics::Counts;
use crate::report::board;
use crate::report::charts::{self, Chart};
use crate::report::pipeline::{self, Pipeline};
use crate::report::week::Week;

/// A group of the dashboard (or a column of its board): how many actions
/// (or cards), the first ones' items joined, and where the whole list is
/// when they are not all shown.
#[derive(Serialize)]
struct GroupView {
    id: &'static str,
    name: &'static str,
    count: usize,
    items: String,
    more: Option<String>,
}

/// An offer waiting for your answer, for the banner at the top.
#[derive(Serialize)]
struct DeadlineView<'a> {
    company: &'a str,
    role: &'a str,
    slug: String,
    deadline: Option<NaiveDate>,
    days: Option<i64>,
}

/// A day of the drafts page: its drafts' items, joined.
#[derive(Serialize)]
struct DayView {
    due: NaiveDate,
    items: String,
}

/// What the dashboard shows.
pub(super) struct Dashboard<'a> {
    /// Every open action, in the order of `due`.
    pub actions: &'a [&'a ActionPart],
    pub parts: &'a Parts,
    /// The pages' names, for links to applications.
    pub slugs: &'a pages::Slugs,
    /// Every problem, in order, and how many of each severity.
    pub problems: &'a [&'a ProblemPart],
    pub counts: Counts,
    /// The journals that could not be read.
    pub broken: &'a [String],
    pub today: NaiveDate,
    /// The weeks the follow-up chart shows.
    pub recent: &'a [Week],
}

/// The dashboard's charts: pipeline, follow-ups per week (the `recent`
/// weeks, at most the last [`parts::CHART_WEEKS`]), reply times, summed
/// from the applications' parts.
fn dashboard_charts<'p>(
    pipeline: &Pipeline,
    recent: &[Week],
    parts: impl Iterator<Item = &'p parts::ChartPart>,
) -> Vec<Chart> {
    let mut owed = [0usize; parts::CHART_WEEKS];
    let mut sent = [0usize; parts::CHART_WEEKS];
    let mut waits = Vec::new();
    for p in parts {
        owed.iter_mut().zip(p.owed).for_each(|(t, n)| *t += n);
        sent.iter_mut().zip(p.sent).for_each(|(t, n)| *t += n);
        waits.extend_from_slice(&p.waits);
    }
    let skip = parts::CHART_WEEKS - recent.len();
    let flows: Vec<charts::Flow> = recent
        .iter()
        .zip(owed.into_iter().skip(skip).zip(sent.into_iter().skip(skip)))
        .map(|(w, (owed, sent))| charts::Flow {
            week: *w,
            owed,
            sent,
        })
        .collect();
    vec![
        charts::pipeline(pipeline),
        charts::followups(&flows),
        charts::reply_times(&waits),
    ]
}

/// A name as a person orders names: ignoring case, runs of digits
/// compared as numbers ("Acme 2" before "Acme 10"). Made once per name
/// for a sort, not at every comparison.
#[derive(PartialEq, Eq)]
struct Natural(Vec<(bool, String)>);

impl Natural {
    fn of(s: &str) -> Natural {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, run)) if *d == digit => run.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        Natural(out)
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Natural) -> std::cmp::Ordering {
        for (x, y) in self.0.iter().zip(&other.0) {
            let order = match (x, y) {
                ((true, m), (true, n)) => {
                    let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                    m.len().cmp(&n.len()).then_with(|| m.cmp(n))
                }
                _ => x.1.cmp(&y.1),
            };
            if order.is_ne() {
                return order;
            }
        }
        self.0.len().cmp(&other.0.len())
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Natural) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A list of the dashboard, whose numbered pages link back to it.
fn listed<'a>(title: &'a str, dir: &'a str, kind: &'a str) -> ListOf<'a> {
    ListOf {
        title,
        dir,
        kind,
        back: "",
        back_name: "the dashboard",
    }
}

/// Writes `index.html` and the numbered pages of its lists.
pub(super) fn dashboard(w: &Writer<'_>, d: &Dashboard<'_>) -> Result<(), BuildError> {
    let mut page = Splice::default();

    // The actions, by when they are due.
    let mut items: Vec<Vec<&Rooted>> = vec![Vec::new(); pages::GROUPS.len()];
    for a in d.actions {
        items[pages::group_of(a.action(), d.today)].push(&a.item);
    }
    let mut groups: Vec<GroupView> = Vec::new();
    for ((id, name), items) in pages::GROUPS.iter().zip(&items) {
        let dir = format!("due/{id}");
        let (firsts, more) = first(items, &dir);
        groups.push(GroupView {
            id,
            name,
            count: items.len(),
            items: page.slot_at(firsts, ""),
            more,
        });
        w.list_pages(&listed(name, &dir, "actions"), items)?;
    }

    // The interviews scheduled, soonest first.
    let mut upcoming: Vec<&parts::Upcoming> = d.parts.values().flat_map(|p| &p.upcoming).collect();
    upcoming.sort_by_key(|u| u.at);
    let upcoming: Vec<&Rooted> = upcoming.iter().map(|u| &u.item).collect();
    let (firsts, more_upcoming) = first(&upcoming, "upcoming");
    let upcoming_slot = page.slot_at(firsts, "");
    w.list_pages(
        &listed("Upcoming interviews", "upcoming", "upcoming"),
        &upcoming,
    )?;

    // The problems in the journals.
    let problems_count = d.problems.len();
    let problem_items: Vec<Rooted> = d
        .problems
        .iter()
        .map(|p| Rooted::plain(p.item.clone()))
        .collect();
    let (firsts, more) = first(&problem_items, "problems");
    w.list_pages(
        &listed("Problems in the journals", "problems", "problems"),
        &problem_items,
    )?;
    let problems_view = pages::ProblemsView {
        items: page.slot_at(firsts, ""),
        more,
        errors: d.counts.errors,
        warnings: d.counts.warnings,
        notes: d.counts.notes,
    };

    // The board: each application in the column where it stands.
    let mut cards: Vec<(&String, &parts::AppPart)> =
        d.parts.iter().map(|(k, p)| (k, &**p)).collect();
    cards.sort_by_cached_key(|(_, p)| (p.card.order(), Natural::of(&p.company)));
    let mut columns = Vec::new();
    for column in board::Column::ALL {
        let items: Vec<&Rooted> = cards
            .iter()
            .filter(|(_, p)| p.card.column == column)
            .map(|(_, p)| &p.board)
            .collect();
        let dir = format!("board/{}", column.id());
        let (firsts, more) = first(&items, &dir);
        w.list_pages(&listed(column.heading(), &dir, "cards"), &items)?;
        columns.push(GroupView {
            id: column.id(),
            name: column.heading(),
            count: items.len(),
            items: page.slot_at(firsts, ""),
            more,
        });
    }
    let deadlines: Vec<DeadlineView> = cards
        .iter()
        .filter(|(_, p)| p.card.column == board::Column::Offer)
        .take(paginate::SHOWN)
        .map(|(key, p)| DeadlineView {
            company: &p.company,
            role: &p.role,
            slug: d.slugs.app(key),
            deadline: p.card.deadline,
            days: p.card.deadline.map(|at| (at - d.today).num_days()),
        })
        .collect();

    // The pipeline, its charts, and the applications.
    let pipeline = pipeline::of_standings(d.parts.values().map(|p| (p.standing, p.stage.as_str())));
    let charts = dashboard_charts(&pipeline, d.recent, d.parts.values().map(|p| &p.chart));
    // "Acme 2" before "Acme 10", as a person reads numbers.
    let mut by_name: Vec<&parts::AppPart> = d.parts.values().map(|p| &**p).collect();
    by_name.sort_by_cached_key(|p| (Natural::of(&p.company), Natural::of(&p.role)));
    let lines: Vec<&Rooted> = by_name.iter().map(|p| &p.line).collect();
    let all = format!("applications/{}", pages::ALL);
    let (firsts, more_applications) = first(&lines, &all);
    let summary = page.slot_at(firsts, "");
    w.list_pages(&listed("Applications", &all, "applications"), &lines)?;

    w.spliced("index.html", "templates/index.html", &page, &|c| {
        c.insert("groups", &groups);
        c.insert("board", &columns);
        c.insert("deadlines", &deadlines);
        c.insert("upcoming", &upcoming_slot);
        c.insert("upcoming_count", &upcoming.len());
        c.insert("more_upcoming", &more_upcoming);
        c.insert("problems", &problems_view);
        c.insert("problems_count", &problems_count);
        c.insert("pipeline", &pipeline);
        c.insert("applications", &summary);
        c.insert("applications_count", &lines.len());
        c.insert("more_applications", &more_applications);
        c.insert("broken", &d.broken[..d.broken.len().min(paginate::SHOWN)]);
        c.insert(
            "broken_more",
            &d.broken.len().saturating_sub(paginate::SHOWN),
        );
        c.insert("week", &Week::of(d.today).to_string());
        c.insert("pipeline_line", &pipeline.line());
        c.insert("charts", &charts);
    })
}

/// Writes the drafts page: every open draft, grouped by due date (the
/// actions come sorted by it), the first ones on `drafts/` and numbered
/// pages for the rest.
pub(super) fn drafts(w: &Writer<'_>, actions: &[&ActionPart]) -> Result<(), BuildError> {
    let every: Vec<&ActionPart> = actions.iter().copied().filter(|a| a.drafted).collect();
    use rayon::prelude::*;
    paginate::pages("drafts", every.len(), paginate::PER_PAGE)
        .into_par_iter()
        .try_for_each(|(range, pager)| {
            let file = paginate::file("drafts", pager.page);
            let on_page = &every[range];
            let make = || {
                let root = root_of(&file);
                let mut page = Splice::default();
                let mut days: Vec<(NaiveDate, Vec<&Rooted>)> = Vec::new();
                for a in on_page {
                    let (due, item) = (a.action().due, &a.item);
                    match days.last_mut() {
                        Some((d, items)) if *d == due => items.push(item),
                        _ => days.push((due, vec![item])),
                    }
                }
                let days: Vec<DayView> = days
                    .into_iter()
                    .map(|(due, items)| DayView {
                        due,
                        items: page.slot_at(&items, &root),
                    })
                    .collect();
                let html = w.render("templates/drafts.html", &root, &|c| {
                    c.insert("days", &days);
                    c.insert("pager", &pager);
                })?;
                Ok(page.apply(html))
            };
            let identity = on_page.iter().flat_map(|a| a.item.identity());
            w.numbered(file.clone(), identity, &pager, make)
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_in_names_sort_as_numbers() {
        let mut names = vec!["Acme 10", "acme 2", "Acme 1", "Beta", "acme", "Acme 02b"];
        names.sort_by_cached_key(|n| super::Natural::of(n));
        assert_eq!(
            names,
            ["acme", "Acme 1", "acme 2", "Acme 02b", "Acme 10", "Beta"]
        );
    }
}
