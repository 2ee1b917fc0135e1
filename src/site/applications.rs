//! A page per application and per journal, made in parallel.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use super::pages::{self, ActionView, Slugs};
use super::splice::{Rooted, Splice};
use super::staging::OutputError;
use super::writer::{ListOf, Writer};
use super::{BuildError, markdown, paginate};
use crate::journal::Journal;
use crate::repo::Repository;

/// What a journal's page shows.
#[derive(Serialize)]
struct JournalView {
    title: String,
    application: String,
    company: String,
    role: String,
    date: String,
    stage: Option<String>,
    format: Option<String>,
    channel: &'static str,
    interviewers: Vec<String>,
    next_steps: Option<String>,
    decision_by: Option<chrono::NaiveDate>,
    no_contact_before: Option<chrono::NaiveDate>,
    extra: Vec<(String, String)>,
    actions: Vec<Arc<ActionView>>,
    discussed: Vec<String>,
    learned: Vec<String>,
    highlights: Vec<String>,
    promised: Vec<pages::PromiseView>,
    /// What was sent and what came back, in date order.
    exchanges: Vec<pages::Event>,
    /// The outcome this journal records, and when.
    outcome: Option<(&'static str, Option<chrono::NaiveDate>)>,
    /// Its prep sheet's slug, when it is an interview to come.
    prep: Option<String>,
    /// The marker where the rendered notes go.
    html: String,
}

/// An application's page: what it shows, and the rendered items of its
/// open actions (for their numbered pages when there are many).
pub(super) struct AppPage {
    pub view: pages::ApplicationView,
    pub actions: Vec<Rooted>,
}

/// Writes the page of each application. An application of thousands of
/// journals would make a page of megabytes: each of its lists longer than
/// [`paginate::SHOWN`] shows its first items (the latest, for the timeline)
/// and links to numbered pages under the application's own folder.
pub(super) fn application_pages(w: &Writer<'_>, apps: Vec<AppPage>) -> Result<(), BuildError> {
    apps.into_par_iter()
        .try_for_each(|AppPage { mut view, actions }| {
            let app = Paged {
                w,
                slug: &view.slug,
                name: format!("{}: {}", view.company, view.role),
            };
            let timeline = view.timeline.len();
            let more = pages::AppMore {
                actions: app.list("Next actions", "actions", "actions", actions.len(), || {
                    Ok(actions)
                })?,
                timeline: app.list("Timeline", "timeline", "timeline", timeline, || {
                    rendered(w, "templates/_event.html", "e", &view.timeline)
                })?,
                promised: app.list(
                    "Promised",
                    "promised",
                    "promised",
                    view.promised.len(),
                    || rendered(w, "templates/_promise.html", "p", &view.promised),
                )?,
                journals: app.list("Journals", "journals", "lines", view.journals.len(), || {
                    rendered(w, "templates/_journal_line.html", "j", &view.journals)
                })?,
                counts: [
                    view.actions.len(),
                    timeline,
                    view.promised.len(),
                    view.journals.len(),
                ],
            };
            // The latest events: the page is about what happens next.
            view.timeline
                .drain(..timeline.saturating_sub(paginate::SHOWN));
            view.actions.truncate(paginate::SHOWN);
            view.promised.truncate(paginate::SHOWN);
            view.journals.truncate(paginate::SHOWN);
            view.more = more;
            w.page(
                &pages::app_page(&view.slug),
                "templates/application.html",
                &|c| c.insert("app", &view),
            )
        })
}

/// The numbered pages of one application's long lists.
struct Paged<'a> {
    w: &'a Writer<'a>,
    slug: &'a str,
    name: String,
}

impl Paged<'_> {
    /// When the list is longer than a page shows, writes its numbered pages
    /// (at `applications/<slug>/<what>/`) from its `items` and gives where
    /// they are.
    fn list(
        &self,
        title: &str,
        what: &str,
        kind: &str,
        total: usize,
        items: impl FnOnce() -> Result<Vec<Rooted>, BuildError>,
    ) -> Result<Option<String>, BuildError> {
        if total <= paginate::SHOWN {
            return Ok(None);
        }
        let dir = format!("applications/{}/{what}", self.slug);
        let back = format!("applications/{}/", self.slug);
        let title = format!("{} · {title}", self.name);
        let of = ListOf {
            title: &title,
            dir: &dir,
            kind,
            back: &back,
            back_name: "the application",
        };
        self.w.list_pages(&of, &items()?)?;
        Ok(Some(paginate::href(&dir, 1)))
    }
}

/// Each of `items` rendered by the theme's `template` (as `name`), for
/// pages at any depth.
fn rendered<T: Serialize>(
    w: &Writer<'_>,
    template: &str,
    name: &'static str,
    items: &[T],
) -> Result<Vec<Rooted>, BuildError> {
    items
        .iter()
        .map(|item| Ok(w.rooted(template, &|c| c.insert(name, item))?))
        .collect()
}

/// What the journal pages are made from, besides the journals.
pub(super) struct JournalsOf<'a> {
    pub slugs: &'a Slugs,
    /// The open actions of each journal, by path.
    pub actions: &'a HashMap<&'a str, Vec<Arc<ActionView>>>,
    /// The prep sheets written (their files).
    pub preps: &'a std::collections::HashSet<&'a str>,
    pub today: chrono::NaiveDate,
    pub tz: Tz,
}

/// Writes the page of each journal (as shown: redacted), with its open
/// actions; the body is read again from its file.
pub(super) fn journal_pages(
    w: &Writer<'_>,
    repo: &Repository,
    shown: &[Cow<'_, Journal>],
    of: &JournalsOf<'_>,
) -> Result<(), BuildError> {
    let JournalsOf {
        slugs,
        actions,
        preps,
        today,
        tz,
    } = *of;
    shown.par_iter().try_for_each(|j| {
        // The notes go into the page after the template ran: through
        // Tera's context they were copied twice more.
        let mut notes = Splice::default();
        let html = markdown::to_html(&repo.body(j).map_err(OutputError)?);
        let html = notes.slot(vec![Bytes::from(html)]);
        let view = JournalView {
            title: j.display_title(),
            application: slugs.app(&j.key),
            company: j.company.clone(),
            role: j.role.clone(),
            date: j
                .date
                .instant(tz)
                .format("%Y-%m-%d %H:%M")
                .to_string()
                .trim_end_matches(" 00:00")
                .to_string(),
            stage: j.stage.clone(),
            format: j.format.clone(),
            channel: j.channel.as_str(),
            interviewers: j.interviewers.iter().map(|i| i.name.clone()).collect(),
            next_steps: j.next_steps.clone(),
            decision_by: j.decision_by,
            no_contact_before: j.no_contact_before,
            discussed: j.discussed.clone(),
            learned: j.learned.clone(),
            highlights: j.highlights.clone(),
            promised: j
                .promised
                .iter()
                .map(|p| pages::promise_view(p, j, today, tz))
                .collect(),
            exchanges: {
                let slug = slugs.journal(&j.path);
                let mut e: Vec<pages::Event> = j
                    .sent
                    .iter()
                    .map(|s| pages::sent_event(s, tz, &slug))
                    .chain(j.replies.iter().map(|r| pages::reply_event(r, &slug)))
                    .collect();
                e.sort_by_key(|e| e.date);
                e
            },
            outcome: j.outcome.map(|o| (o.as_str(), j.outcome_on)),
            prep: Some(slugs.journal(&j.path))
                .filter(|slug| preps.contains(pages::prep_page(slug).as_str())),
            extra: j
                .extra
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), str::to_string),
                    )
                })
                .collect(),
            actions: actions.get(j.path.as_str()).cloned().unwrap_or_default(),
            html,
        };
        w.spliced(
            &pages::journal_page(&slugs.journal(&j.path)),
            "templates/journal.html",
            &notes,
            &|c| c.insert("journal", &view),
        )
    })
}
