//! `debrief prep`: the prep sheet of an interview to come, as Markdown.

use std::path::PathBuf;

use debrief::journal::application;
use debrief::report::prep;

use super::{Error, Exit, Global, journal_rel, load, print, repository};

/// What `prep` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// An interview's journal (dated today or later), or an application's folder for its next one [default: the next interview of all]
    path: Option<PathBuf>,
}

/// `debrief prep`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let root = repository(g, None);
    let (repo, today) = load(&root, g)?;
    let tz = repo.tz;
    let day = |j: &debrief::journal::Journal| j.date.date(tz);
    let apps = application::group(&repo.journals, today, tz);
    let (app, interview) = match &args.path {
        None => apps
            .iter()
            .filter_map(|a| prep::to_come(a, today, tz).next().map(|j| (a, j)))
            .min_by_key(|(_, j)| j.date.instant(tz))
            .ok_or("no interview is scheduled: a journal dated today or later is one")?,
        Some(path) => {
            let rel = journal_rel(&repo, &root, path, today)?;
            let named = repo
                .journals
                .iter()
                .find(|j| j.path == rel)
                .ok_or_else(|| {
                    format!("the journal could not be read: {}", repo.why_unread(&rel))
                })?;
            let app = apps
                .iter()
                .find(|a| a.key == named.key)
                .ok_or("the journal's application is gone")?;
            let closed = || {
                format!(
                    "the application to {} ({}) is {}: a prep sheet is for an open one",
                    app.company,
                    app.role,
                    app.outcome.as_str()
                )
            };
            if path.is_dir() || root.join(path).is_dir() {
                if !app.is_open() {
                    return Err(closed().into());
                }
                let j = prep::to_come(app, today, tz).next().ok_or_else(|| {
                    format!(
                        "no interview with {} ({}) is scheduled: a journal dated today or later is one",
                        app.company, app.role
                    )
                })?;
                (app, j)
            } else if day(named) < today {
                return Err(format!(
                    "{rel} was on {}, before today: a prep sheet is for an interview to come",
                    day(named)
                )
                .into());
            } else if !app.is_open() {
                return Err(closed().into());
            } else {
                (app, named)
            }
        }
    };
    // In the order the reflections page reads them, so both name a group
    // by the same wording.
    let mut held: Vec<&debrief::journal::Journal> =
        repo.journals.iter().filter(|j| day(j) <= today).collect();
    held.sort_by(|a, b| (a.date.instant(tz), &a.path).cmp(&(b.date.instant(tz), &b.path)));
    let practice = prep::top_practice(held.into_iter());
    let body =
        |j: &debrief::journal::Journal| repo.body(j).map(|b| b.into_owned()).unwrap_or_default();
    let sheet = prep::prep(app, interview, &practice, &body, tz);
    print(g, &prep::to_markdown(&sheet));
    Ok(Exit::Clean)
}
