//! A page per application and per journal, made in parallel.

use std::borrow::Cow;
use std::collections::HashMap;

use bytes::Bytes;
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use super::pages::{self, ActionView, Slugs};
use super::splice::Splice;
use super::staging::OutputError;
use super::writer::Writer;
use super::{BuildError, markdown};
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
    extra: Vec<(String, String)>,
    actions: Vec<ActionView>,
    /// The marker where the rendered notes go.
    html: String,
}

/// Writes the page of each application.
pub(super) fn application_pages(
    w: &Writer<'_>,
    views: &[pages::ApplicationView],
) -> Result<(), BuildError> {
    views.par_iter().try_for_each(|a| {
        w.page(
            &pages::app_page(&a.slug),
            "templates/application.html",
            &|c| c.insert("app", a),
        )
    })
}

/// Writes the page of each journal (as shown: redacted), with its open
/// actions; the body is read again from its file.
pub(super) fn journal_pages(
    w: &Writer<'_>,
    repo: &Repository,
    shown: &[Cow<'_, Journal>],
    slugs: &Slugs,
    actions: &HashMap<&str, Vec<ActionView>>,
    tz: Tz,
) -> Result<(), BuildError> {
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
