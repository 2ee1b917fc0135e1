//! The reflections page: the practice list and the strengths (grouped
//! across every past interview), the takeaways and the interviews without a
//! reflection, each with numbered pages when long.

use std::collections::BTreeSet;
use std::sync::Arc;

use bytes::Bytes;
use serde::Serialize;

use super::parts::{self, Parts};
use super::splice::{Rooted, Splice};
use super::writer::{ListOf, Writer, first, root_of};
use super::{BuildError, paginate};
use crate::render::theme::ThemeError;
use crate::report::practice;
use crate::report::weekly::{self, group_items};

/// The reflections page: its lists joined from each interview's part,
/// and where each whole list is when the page shows only the first items.
#[derive(Serialize)]
struct ReflectionsView {
    practice: String,
    practice_count: usize,
    more_practice: Option<String>,
    strengths: String,
    strengths_count: usize,
    more_strengths: Option<String>,
    takeaways: String,
    takeaways_count: usize,
    more_takeaways: Option<String>,
    unreflected: String,
    unreflected_count: usize,
    more_unreflected: Option<String>,
}

/// The reflections page's grouped lists, rendered: kept while the items
/// they gather stay as they were.
pub(super) struct Grouped {
    strengths: GroupedList,
    practice: GroupedList,
    /// The top of the practice list, for prep sheets.
    pub top: Vec<String>,
}

/// A grouped list, rendered: its first groups for the reflections page,
/// and its numbered pages when it is longer.
struct GroupedList {
    shown: Bytes,
    count: usize,
    pages: Vec<(String, paginate::Pager, Bytes)>,
}

/// How many places and wordings a group of the practice list names.
const GROUP_NAMES: usize = 12;

/// What an application's past interviews noted, in the order the grouped
/// lists read them: their place, reference and items.
fn noted(
    part: Option<&Arc<parts::AppPart>>,
) -> Vec<(&weekly::Order, &weekly::JournalRef, &[String], &[String])> {
    part.iter()
        .flat_map(|p| &p.past)
        .map(|x| (&x.order, &x.journal, &x.went_well[..], &x.struggled[..]))
        .collect()
}

/// A list of the reflections page, whose numbered pages link back to it.
fn listed<'a>(title: &'a str, dir: &'a str, kind: &'a str) -> ListOf<'a> {
    ListOf {
        title,
        dir,
        kind,
        back: "reflections/",
        back_name: "the reflections",
    }
}

/// The grouped lists of `past` interviews (in order), rendered.
fn group(w: &Writer<'_>, past: &[&parts::PastPart]) -> Result<Grouped, ThemeError> {
    let strengths = group_items(past.iter().map(|p| (&p.journal, &p.went_well[..])));
    let practice = group_items(past.iter().map(|p| (&p.journal, &p.struggled[..])));
    // Rendered with the root of the page it is on.
    let chunk =
        |groups: &[practice::Group<weekly::JournalRef>], start: usize, root: &str, empty: &str| {
            let shown: Vec<_> = groups.iter().map(|g| g.shortened(GROUP_NAMES)).collect();
            w.render("templates/_practice.html", root, &|c| {
                c.insert("practice", &shown);
                c.insert("links", &true);
                c.insert("start", &start);
                c.insert("empty", empty);
            })
            .map(Bytes::from)
        };
    let list = |groups: &[practice::Group<weekly::JournalRef>], dir: &str, empty: &str| {
        let mut pages = Vec::new();
        if groups.len() > paginate::SHOWN {
            for (range, pager) in paginate::pages(dir, groups.len(), paginate::PER_PAGE) {
                let file = paginate::file(dir, pager.page);
                let html = chunk(&groups[range], pager.first, &root_of(&file), empty)?;
                pages.push((file, pager, html));
            }
        }
        let shown = &groups[..groups.len().min(paginate::SHOWN)];
        Ok::<_, ThemeError>(GroupedList {
            shown: chunk(shown, 1, "../", empty)?,
            count: groups.len(),
            pages,
        })
    };
    let top = practice
        .iter()
        .take(crate::report::prep::TOP_PRACTICE)
        .map(|g| g.label.clone())
        .collect();
    Ok(Grouped {
        top,
        strengths: list(
            &strengths,
            "reflections/strengths",
            "Nothing noted under “went well” yet.",
        )?,
        practice: list(
            &practice,
            "reflections/practice",
            "Nothing noted under “struggled” yet.",
        )?,
    })
}

/// Writes the reflections page and the numbered pages of its lists. The
/// grouped lists are `previous`'s (what a render before left, with the
/// applications changed since) while the items they gather are as they
/// were; they are returned for the next render.
pub(super) fn reflections(
    w: &Writer<'_>,
    parts: &Parts,
    previous: Option<(&BTreeSet<String>, &Parts, &Arc<Grouped>)>,
) -> Result<Arc<Grouped>, BuildError> {
    let mut past: Vec<&parts::PastPart> = parts.values().flat_map(|p| &p.past).collect();
    past.sort_by(|a, b| a.order.cmp(&b.order));
    let grouped = match previous {
        Some((keys, then, grouped))
            if keys
                .iter()
                .all(|k| noted(then.get(k.as_str())) == noted(parts.get(k.as_str()))) =>
        {
            Arc::clone(grouped)
        }
        _ => Arc::new(group(w, &past)?),
    };
    for (list, title) in [
        (&grouped.practice, "Practice list"),
        (&grouped.strengths, "Strengths"),
    ] {
        for (file, pager, html) in &list.pages {
            let items = [Rooted::plain(html.clone())];
            w.list_page(file.clone(), &listed(title, "", "grouped"), &items, pager)?;
        }
    }
    let more = |list: &GroupedList, dir: &str| {
        (list.count > paginate::SHOWN).then(|| paginate::href(dir, 1))
    };
    let takeaways: Vec<Rooted> = past
        .iter()
        .rev()
        .filter_map(|p| p.takeaways.clone())
        .collect();
    let unreflected: Vec<Rooted> = past
        .iter()
        .rev()
        .filter_map(|p| p.unreflected.clone())
        .collect();
    let (takeaways_shown, more_takeaways) = first(&takeaways, "reflections/takeaways");
    let (unreflected_shown, more_unreflected) = first(&unreflected, "reflections/unreflected");
    let mut lists = Splice::default();
    let view = ReflectionsView {
        practice: lists.slot(vec![grouped.practice.shown.clone()]),
        practice_count: grouped.practice.count,
        more_practice: more(&grouped.practice, "reflections/practice"),
        strengths: lists.slot(vec![grouped.strengths.shown.clone()]),
        strengths_count: grouped.strengths.count,
        more_strengths: more(&grouped.strengths, "reflections/strengths"),
        takeaways: lists.slot_at(&takeaways_shown, "../"),
        takeaways_count: takeaways.len(),
        more_takeaways,
        unreflected: lists.slot_at(&unreflected_shown, "../"),
        unreflected_count: unreflected.len(),
        more_unreflected,
    };
    w.spliced(
        "reflections/index.html",
        "templates/reflections.html",
        &lists,
        &|c| c.insert("refl", &view),
    )?;
    w.list_pages(
        &listed("Takeaways", "reflections/takeaways", "takeaways"),
        &takeaways,
    )?;
    w.list_pages(
        &listed(
            "Interviews without a reflection",
            "reflections/unreflected",
            "unreflected",
        ),
        &unreflected,
    )?;
    Ok(grouped)
}
