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
    strengths: Arc<GroupedList>,
    practice: Arc<GroupedList>,
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

/// The items of one heading (`items`) an application's past interviews
/// noted, in the order the grouped lists read them, with each journal's
/// place and reference.
fn noted(
    part: Option<&Arc<parts::AppPart>>,
    items: fn(&parts::PastPart) -> &[String],
) -> Vec<(&weekly::Order, &weekly::JournalRef, &[String])> {
    part.iter()
        .flat_map(|p| &p.past)
        .map(|x| (&x.order, &x.journal, items(x)))
        .collect()
}

/// The items under "went well".
fn went_well(p: &parts::PastPart) -> &[String] {
    &p.went_well
}

/// The items under "struggled".
fn struggled(p: &parts::PastPart) -> &[String] {
    &p.struggled
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

/// The grouped lists of `past` interviews (in order), rendered; `kept`
/// gives those that are as they were (the strengths, the practice list).
fn group(
    w: &Writer<'_>,
    past: &[&parts::PastPart],
    kept: (Option<&Arc<GroupedList>>, Option<&Arc<Grouped>>),
) -> Result<Grouped, ThemeError> {
    let items = |of: fn(&parts::PastPart) -> &[String]| {
        group_items(past.iter().map(|p| (&p.journal, of(p))))
    };
    // The two lists are grouped at once.
    let (strengths, practice) = rayon::join(
        || kept.0.is_none().then(|| items(went_well)),
        || kept.1.is_none().then(|| items(struggled)),
    );
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
    let strengths = match (kept.0, strengths) {
        (Some(kept), _) => Arc::clone(kept),
        (None, groups) => Arc::new(list(
            &groups.unwrap_or_default(),
            "reflections/strengths",
            "Nothing noted under “went well” yet.",
        )?),
    };
    let (practice, top) = match (kept.1, practice) {
        (Some(kept), _) => (Arc::clone(&kept.practice), kept.top.clone()),
        (None, groups) => {
            let groups = groups.unwrap_or_default();
            let top = groups
                .iter()
                .take(crate::report::prep::TOP_PRACTICE)
                .map(|g| g.label.clone())
                .collect();
            let list = list(
                &groups,
                "reflections/practice",
                "Nothing noted under “struggled” yet.",
            )?;
            (Arc::new(list), top)
        }
    };
    Ok(Grouped {
        top,
        strengths,
        practice,
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
    // A list whose items a save left as they were stays as it was.
    let same = |items: fn(&parts::PastPart) -> &[String]| {
        previous.is_some_and(|(keys, then, _)| {
            keys.iter()
                .all(|k| noted(then.get(k.as_str()), items) == noted(parts.get(k.as_str()), items))
        })
    };
    let was = previous.map(|(_, _, grouped)| grouped);
    let kept = (
        was.filter(|_| same(went_well)).map(|g| &g.strengths),
        was.filter(|_| same(struggled)),
    );
    let grouped = match kept {
        (Some(_), Some(both)) => Arc::clone(both),
        _ => Arc::new(group(w, &past, kept)?),
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
        takeaways: lists.slot_at(takeaways_shown, "../"),
        takeaways_count: takeaways.len(),
        more_takeaways,
        unreflected: lists.slot_at(unreflected_shown, "../"),
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
