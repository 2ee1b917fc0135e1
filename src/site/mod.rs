//! The static site: `debrief build`.
//!
//! Evaluates the rules once per application, renders every page with
//! templates parsed once (the pages every journal feeds joined from
//! per-application parts, see `parts.rs`), writes into a staging folder and
//! swaps it in. Journal text reaches pages
//! only through autoescaped template values or the sanitized Markdown of
//! `markdown.rs`; `[site] redact` fields are removed before either.

pub mod lock;
pub mod markdown;
pub mod pages;
pub mod paginate;
pub mod parts;
pub mod splice;
pub mod staging;

use splice::Rooted;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::journal::Journal;
use crate::journal::application::{self, group};
use crate::render::theme::{Theme, ThemeError};
use crate::repo::Repository;
use crate::report::charts::{self, Chart};
use crate::report::pipeline::{self, Pipeline};
use crate::report::practice;
use crate::report::week::Week;
use crate::report::weekly::{self, Counts, Tally, group_items};
use crate::report::{calendar, history};
use pages::{ActionView, Slugs};
pub use staging::{Memory, Pieces, Sink};
use staging::{OutputError, Staging};

/// How to build.
pub struct Options {
    /// The output folder.
    pub output: PathBuf,
    /// The URL the site will be published under.
    pub base_url: Option<String>,
    /// Build even when some journals have errors.
    pub keep_going: bool,
    /// The password of a site built with `[site] encrypt = true`.
    pub password: Option<String>,
    /// Lock the site even with a password zxcvbn judges weak
    /// (`DEBRIEF_ALLOW_WEAK_PASSWORD=1`).
    pub allow_weak_password: bool,
}

/// Why a build did not happen; the previous site is untouched in every case.
#[derive(Debug)]
pub enum BuildError {
    /// Journals with errors (and no `--keep-going`).
    Journals(Vec<String>),
    /// The output folder was refused or could not be written.
    Output(OutputError),
    /// A template failed to parse or render.
    Theme(ThemeError),
    /// `[site] encrypt = true` without a password.
    NoPassword,
    /// `[site] encrypt = true` with a password zxcvbn judges weak, and no
    /// leave to use it.
    WeakPassword(lock::WeakPassword),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Journals(files) => write!(
                f,
                "{} journal{} could not be read (run `debrief check`, or build with --keep-going): {}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                files.join(", ")
            ),
            BuildError::Output(e) => e.fmt(f),
            BuildError::Theme(e) => e.fmt(f),
            BuildError::NoPassword => f.write_str(
                "[site] encrypt = true, but DEBRIEF_PASSWORD is not set: set it to the password the site is to open with (nothing was built)",
            ),
            BuildError::WeakPassword(weak) => write!(
                f,
                "{weak} Choose a longer passphrase (four or five random words), or set DEBRIEF_ALLOW_WEAK_PASSWORD=1 to lock the site with this one all the same (nothing was built)"
            ),
        }
    }
}

impl From<OutputError> for BuildError {
    fn from(e: OutputError) -> Self {
        BuildError::Output(e)
    }
}

impl From<ThemeError> for BuildError {
    fn from(e: ThemeError) -> Self {
        BuildError::Theme(e)
    }
}

/// Which pages a render makes.
pub enum Scope<'a> {
    /// Every page.
    Everything,
    /// After some journals changed: the pages every journal feeds (the
    /// dashboard, drafts, weeks, reflections, `report.json`, `calendar.ics`,
    /// robots and static files), and the pages of these applications (by
    /// key) and of their journals. The other pages are as the render that
    /// made `previous` left them, unless a slug moved: then every page.
    /// The theme, and the other applications' parts, are `previous`'s: a
    /// change to the theme or the configuration needs [`Scope::Everything`].
    Changed {
        /// The applications whose journals changed, before and after.
        apps: &'a BTreeSet<String>,
        /// Those applications' journals before they changed.
        before: &'a [Journal],
        /// What the render the other pages come from left.
        previous: &'a Memo,
    },
}

/// A change as [`Scope::Changed`] gives it: the applications touched, their
/// journals before, and what the previous render left.
type Change<'a> = (&'a BTreeSet<String>, &'a [Journal], &'a Memo);

/// What a render leaves for the next one to reuse.
pub struct Memo {
    /// The theme and its parsed templates: a change of journals leaves
    /// them as they were.
    theme: Arc<(Theme, tera::Tera)>,
    /// The slugs of every page.
    pub slugs: Arc<Slugs>,
    /// Every application's part of the shared pages.
    parts: parts::Parts,
    /// The reflections page's grouped lists.
    grouped: Arc<Grouped>,
    /// Every week's report, oldest first.
    reports: Vec<Arc<Tally>>,
    /// Every week page's long sections, in the same order.
    sections: Vec<Arc<WeekSections>>,
    /// The offer accepted: when it changes, every application's actions do.
    accepted: Option<crate::rules::Accepted>,
    /// The numbered pages of long lists (every render makes them all).
    lists: Vec<String>,
}

impl Memo {
    /// Where the week called `week` (`2026-W47`) is, if that render had it.
    fn find(&self, week: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.report.week == week)
    }

    /// The report of the week called `week` and its page's sections.
    fn sections(&self, week: &str) -> Option<(&Arc<Tally>, &WeekSections)> {
        let i = self.find(week)?;
        Some((&self.reports[i], self.sections.get(i)?))
    }

    /// The report of the week called `week`, and its neighbours' names.
    fn week(&self, week: &str) -> Option<(&Arc<Tally>, Neighbours<'_>)> {
        let i = self.find(week)?;
        Some((&self.reports[i], neighbours(&self.reports, i)))
    }
}

/// A week page's long parts, rendered by the theme's `_week_done.html`,
/// `_week_reflections.html` and `_week_due.html`.
struct WeekSections {
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
type Neighbours<'a> = (Option<&'a str>, Option<&'a str>);

fn neighbours(reports: &[Arc<Tally>], i: usize) -> Neighbours<'_> {
    (
        i.checked_sub(1).map(|p| reports[p].report.week.as_str()),
        reports.get(i + 1).map(|n| n.report.week.as_str()),
    )
}

/// What a render made, besides its files.
pub struct Rendered {
    /// How long each phase took, in order (for `DEBRIEF_TIMINGS`).
    pub phases: Vec<(&'static str, std::time::Duration)>,
    /// What the next render may reuse.
    pub memo: Memo,
    /// Whether every page was made (always, for [`Scope::Everything`]).
    pub everything: bool,
}

impl Rendered {
    /// Lays the files of this render over `files`, the site of the render
    /// that left `previous`: pages that are gone (a journal or an
    /// application no longer there, a week no longer shown, the numbered
    /// pages of lists) are removed first, then every file made now is put in.
    pub fn lay_over<V>(
        &self,
        previous: &Memo,
        files: &mut std::collections::BTreeMap<String, V>,
        made: impl IntoIterator<Item = (String, V)>,
    ) {
        if !Arc::ptr_eq(&self.memo.slugs, &previous.slugs) {
            for gone in self.memo.slugs.gone_since(&previous.slugs) {
                files.remove(&gone);
            }
        }
        let shown: HashSet<&str> = self
            .memo
            .reports
            .iter()
            .map(|r| r.report.week.as_str())
            .collect();
        for r in &previous.reports {
            if !shown.contains(r.report.week.as_str()) {
                files.remove(&week_page(&r.report.week));
            }
        }
        for file in &previous.lists {
            files.remove(file);
        }
        files.extend(made);
    }
}

/// The way back to the site's root from the page `file`: `../` as deep as
/// it is.
fn root_of(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

/// The file of the page of the week called `week`.
fn week_page(week: &str) -> String {
    format!("weeks/{week}/index.html")
}

/// What was built.
pub struct Built {
    /// Files written.
    pub files: usize,
    /// The output folder.
    pub output: PathBuf,
    /// How long each phase took, in order (for `DEBRIEF_TIMINGS`).
    pub phases: Vec<(&'static str, std::time::Duration)>,
    /// Locked with a weak password, as `allow_weak_password` let it: why
    /// it is weak.
    pub weak_password: Option<lock::WeakPassword>,
}

/// Records how long each phase of a build takes.
struct Phases {
    last: std::time::Instant,
    done: Vec<(&'static str, std::time::Duration)>,
}

impl Phases {
    fn start() -> Phases {
        Phases {
            last: std::time::Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends the phase called `name` and starts the next.
    fn mark(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: Option<&'a str>,
    private: bool,
    /// Built locked: `report.json` and `calendar.ics` are left out.
    encrypted: bool,
    today: NaiveDate,
}

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
    html: String,
}

/// A day of the drafts page: its drafts' items, joined.
#[derive(Serialize)]
struct DayView {
    due: NaiveDate,
    items: String,
}

/// A group of the dashboard: how many actions, the first ones' items
/// joined, and where the whole list is when they are not all shown.
#[derive(Serialize)]
struct GroupView {
    id: &'static str,
    name: &'static str,
    count: usize,
    items: String,
    more: Option<String>,
}

/// A numbered page of a long list (the theme's `list.html`).
#[derive(Serialize)]
struct ListView<'a> {
    title: &'a str,
    /// What the items are: `actions`, `problems`, `takeaways`, `grouped`
    /// (a practice or strengths list, rendered whole) or plain lines.
    kind: &'a str,
    items: &'a str,
    /// The page the list belongs to, and its name.
    back: &'a str,
    back_name: &'a str,
}

/// A long list: what it is called, where its numbered pages are, what
/// kind of items it holds, and the page it belongs to.
struct ListOf<'a> {
    title: &'a str,
    dir: &'a str,
    kind: &'a str,
    back: &'a str,
    back_name: &'a str,
}

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

/// The reflections page's grouped lists, rendered: kept while the items
/// they gather stay as they were.
struct Grouped {
    strengths: GroupedList,
    practice: GroupedList,
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
const WEEK_LIST_LIMIT: usize = 100;

/// Whether a change left every page's name as it was: the same journals
/// (`before` and `after`, of the applications it touched), and those
/// applications (`apps`, grouped from `after`) named as before.
fn same_names(
    before: &[Journal],
    after: &[&Journal],
    apps: &[application::Application<'_>],
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> bool {
    fn paths<'a>(js: impl Iterator<Item = &'a Journal>) -> Vec<&'a str> {
        let mut p: Vec<&str> = js.map(|j| j.path.as_str()).collect();
        p.sort_unstable();
        p
    }
    let names = |apps: &[application::Application<'_>]| -> Vec<(String, String, String)> {
        apps.iter()
            .map(|a| (a.key.clone(), a.company.clone(), a.role.clone()))
            .collect()
    };
    paths(before.iter()) == paths(after.iter().copied())
        && names(&group(before, today, tz)) == names(apps)
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

/// Renders the pages of `scope` of the site of `repo` for `today`, handing
/// each file to `sink` as soon as it is made (in parallel). Journals that
/// could not be read are the caller's to refuse.
pub fn render(
    repo: &Repository,
    today: NaiveDate,
    opts: &Options,
    sink: &dyn Sink,
    scope: &Scope<'_>,
) -> Result<Rendered, BuildError> {
    let mut phases = Phases::start();
    let loaded = match scope {
        Scope::Changed { previous, .. } => Arc::clone(&previous.theme),
        Scope::Everything => {
            let theme = Theme::load(&repo.root, &repo.config.theme)?;
            let tera = theme.tera()?;
            Arc::new((theme, tera))
        }
    };
    let (theme, tera) = (&loaded.0, &loaded.1);
    let tz = repo.tz;
    let config = &repo.config;
    // Accepting an offer (or no longer) changes every other application.
    let accepted = crate::rules::acceptance(&repo.journals, tz);
    if let Scope::Changed { previous, .. } = scope
        && previous.accepted != accepted
    {
        return render(repo, today, opts, sink, &Scope::Everything);
    }
    phases.mark("theme");

    // The applications whose parts and pages are made: every one, or those
    // a change touched (the others' parts are the previous render's).
    let (touched, previous): (Vec<&Journal>, Option<Change<'_>>) = match scope {
        Scope::Everything => (repo.journals.iter().collect(), None),
        Scope::Changed {
            apps,
            before,
            previous,
        } => (
            repo.journals_of(apps).collect(),
            Some((*apps, *before, *previous)),
        ),
    };
    // Everything shown comes from redacted copies; the rules read the real ones.
    let shown: Vec<Cow<'_, Journal>> = touched
        .iter()
        .map(|j| crate::journal::redact::redacted(j, &config.site.redact))
        .collect();
    let apps = group(shown.iter().map(|j| j.as_ref()), today, tz);
    let slugs = match previous {
        Some((_, before, memo)) if same_names(before, &touched, &apps, today, tz) => {
            Arc::clone(&memo.slugs)
        }
        Some((keys, _, memo)) => {
            // Every name, from the other applications' parts and these.
            let mut names: std::collections::BTreeMap<&str, (&str, &str)> = memo
                .parts
                .iter()
                .filter(|(k, _)| !keys.contains(k.as_str()))
                .map(|(k, p)| (k.as_str(), (p.company.as_str(), p.role.as_str())))
                .collect();
            names.extend(
                apps.iter()
                    .map(|a| (a.key.as_str(), (a.company.as_str(), a.role.as_str()))),
            );
            let slugs = Slugs::new(
                names.iter().map(|(k, (c, r))| (*k, *c, *r)),
                repo.journals.iter().map(|j| j.path.as_str()),
                config.site.encrypt,
            );
            // A page changed its name: every link to it must change too.
            if slugs.moved_since(&memo.slugs) {
                return render(repo, today, opts, sink, &Scope::Everything);
            }
            Arc::new(slugs)
        }
        None => Arc::new(Slugs::new(
            apps.iter()
                .map(|a| (a.key.as_str(), a.company.as_str(), a.role.as_str())),
            shown.iter().map(|j| j.path.as_str()),
            config.site.encrypt,
        )),
    };
    let app_by_key: HashMap<&str, &application::Application<'_>> =
        apps.iter().map(|a| (a.key.as_str(), a)).collect();
    let journal_by_path: HashMap<&str, &Journal> = shown
        .iter()
        .map(|j| (j.path.as_str(), j.as_ref()))
        .collect();
    // Each application's part of the shared pages: made for the touched
    // ones, kept for the others.
    let base_url = opts.base_url.as_deref().or(config.site.base_url.as_deref());
    let maker = parts::Maker {
        tera,
        config,
        today,
        tz,
        slugs: &slugs,
        base: base_url.map(|b| b.trim_end_matches('/')),
        shown: &app_by_key,
        journals: &journal_by_path,
        accepted: accepted.clone(),
    };
    // The rules read the journals as they are; only what is shown is redacted.
    let regrouped;
    let evaluated: &[application::Application<'_>] = if config.site.redact.is_empty() {
        &apps
    } else {
        regrouped = group(touched.iter().copied(), today, tz);
        &regrouped
    };
    let made: Vec<(String, Arc<parts::AppPart>)> = evaluated
        .par_iter()
        .map(|a| Ok((a.key.clone(), Arc::new(maker.part(a)?))))
        .collect::<Result<_, ThemeError>>()?;
    let mut parts: parts::Parts = match previous {
        Some((keys, _, memo)) => {
            let mut kept = memo.parts.clone();
            kept.retain(|k, _| !keys.contains(k.as_str()));
            kept
        }
        None => parts::Parts::new(),
    };
    parts.extend(made);
    phases.mark("actions and drafts");
    // Every open action, in the order of `due`.
    let mut actions: Vec<&parts::ActionPart> = parts.values().flat_map(|p| &p.actions).collect();
    actions.sort_by(|a, b| a.order.cmp(&b.order));
    // The problems: reading, each application's, the pipeline's. The
    // pipeline's read applications' outcomes, which redaction leaves.
    let mut global = repo.reading.clone();
    let outcomes: Vec<_> = parts.values().map(|p| p.outcome).collect();
    crate::rules::pipeline_problems(&outcomes, &repo.ctx(today), &mut global);
    let global = parts::problem_parts(tera, config, global)?;
    let mut problems: Vec<&parts::ProblemPart> = global
        .iter()
        .chain(parts.values().flat_map(|p| &p.problems))
        .collect();
    problems.sort_by(|a, b| a.problem.sort_key().cmp(&b.problem.sort_key()));
    let problem_counts = crate::diagnostics::Counts::of_all(problems.iter().map(|p| &p.problem));
    // The actions of each page made, soonest first.
    let mut by_app: HashMap<&str, Vec<ActionView>> = HashMap::new();
    let mut by_journal: HashMap<&str, Vec<ActionView>> = HashMap::new();
    for a in &apps {
        let mut own: Vec<&parts::ActionPart> = parts
            .get(&a.key)
            .map(|p| p.actions.iter().collect())
            .unwrap_or_default();
        own.sort_by(|a, b| a.order.cmp(&b.order));
        for p in &own {
            by_journal
                .entry(p.action().journal.as_str())
                .or_default()
                .push(p.view.clone());
        }
        by_app.insert(a.key.as_str(), own.iter().map(|p| p.view.clone()).collect());
    }
    phases.mark("rules");

    let site = SiteView {
        title: &config.site.title,
        base_url,
        private: config.site.private,
        encrypted: config.site.encrypt,
        today,
    };
    let render =
        |name: &str, root: &str, fill: &dyn Fn(&mut tera::Context)| -> Result<String, ThemeError> {
            let mut ctx = tera::Context::new();
            ctx.insert("site", &site);
            ctx.insert("root", root);
            fill(&mut ctx);
            crate::render::theme::render(tera, name, &ctx)
        };
    // Renders the page `file` from the template `name`, its lists put in
    // after; its root is as deep as the file.
    let spliced = |file: &str,
                   name: &str,
                   lists: &splice::Splice,
                   fill: &dyn Fn(&mut tera::Context)|
     -> Result<(), BuildError> {
        sink.put(file, lists.apply(render(name, &root_of(file), fill)?))?;
        Ok(())
    };
    let page = |file: &str, name: &str, fill: &dyn Fn(&mut tera::Context)| {
        spliced(file, name, &splice::Splice::default(), fill)
    };
    // The numbered pages of a long list of rendered items, when a summary
    // page shows only the first ones; their files are remembered so that
    // the next render can take away those a shorter list no longer has.
    let list_files = std::sync::Mutex::new(Vec::<String>::new());
    let list_pages = |of: &ListOf<'_>, items: &[Rooted]| -> Result<(), BuildError> {
        if items.len() <= paginate::SHOWN {
            return Ok(());
        }
        for (range, pager) in paginate::pages(of.dir, items.len(), paginate::PER_PAGE) {
            let file = paginate::file(of.dir, pager.page);
            let mut lists = splice::Splice::default();
            let slot = lists.slot_at(&items[range], &root_of(&file));
            spliced(&file, "templates/list.html", &lists, &|c| {
                c.insert(
                    "list",
                    &ListView {
                        title: of.title,
                        kind: of.kind,
                        items: &slot,
                        back: of.back,
                        back_name: of.back_name,
                    },
                );
                c.insert("pager", &pager);
            })?;
            list_files.lock().expect("not poisoned").push(file);
        }
        Ok(())
    };
    // The first items of a list, and where the whole list is if longer.
    let first = |items: &[Rooted], dir: &str| -> (Vec<Rooted>, Option<String>) {
        let more = (items.len() > paginate::SHOWN).then(|| paginate::href(dir, 1));
        (items[..items.len().min(paginate::SHOWN)].to_vec(), more)
    };

    let app_views: Vec<pages::ApplicationView> = apps
        .iter()
        .map(|a| {
            let own = by_app.remove(a.key.as_str()).unwrap_or_default();
            pages::application(a, own, &slugs, config, today, tz)
        })
        .collect();

    // The dashboard's groups, each its actions' items.
    let mut dashboard = splice::Splice::default();
    let mut items: Vec<Vec<Rooted>> = vec![Vec::new(); pages::GROUPS.len()];
    for a in &actions {
        items[pages::group_of(a.action(), today)].push(a.item.clone());
    }
    let mut groups: Vec<GroupView> = Vec::new();
    for ((id, name), items) in pages::GROUPS.iter().zip(&items) {
        let dir = format!("due/{id}");
        let (firsts, more) = first(items, &dir);
        groups.push(GroupView {
            id,
            name,
            count: items.len(),
            items: dashboard.slot_at(&firsts, ""),
            more,
        });
        let of = ListOf {
            title: name,
            dir: &dir,
            kind: "actions",
            back: "",
            back_name: "the dashboard",
        };
        list_pages(&of, items)?;
    }
    let mut upcoming: Vec<&parts::Upcoming> = parts.values().flat_map(|p| &p.upcoming).collect();
    upcoming.sort_by_key(|u| u.date);
    let upcoming: Vec<Rooted> = upcoming
        .iter()
        .map(|u| {
            render("templates/_upcoming.html", &splice::ROOT, &|c| {
                c.insert("u", u)
            })
            .map(Rooted::new)
        })
        .collect::<Result<_, _>>()?;
    let (firsts, more_upcoming) = first(&upcoming, "upcoming");
    let upcoming_slot = dashboard.slot_at(&firsts, "");
    list_pages(
        &ListOf {
            title: "Upcoming interviews",
            dir: "upcoming",
            kind: "upcoming",
            back: "",
            back_name: "the dashboard",
        },
        &upcoming,
    )?;
    let problem_items: Vec<Rooted> = problems
        .iter()
        .map(|p| Rooted::plain(p.item.clone()))
        .collect();
    let (firsts, more) = first(&problem_items, "problems");
    let of = ListOf {
        title: "Problems in the journals",
        dir: "problems",
        kind: "problems",
        back: "",
        back_name: "the dashboard",
    };
    list_pages(&of, &problem_items)?;
    let problems_view = pages::ProblemsView {
        items: dashboard.slot_at(&firsts, ""),
        more,
        errors: problem_counts.errors,
        warnings: problem_counts.warnings,
        notes: problem_counts.notes,
    };
    let pipeline = pipeline::of_standings(parts.values().map(|p| (p.standing, p.stage.as_str())));
    let this_week = Week::of(today);
    let first_week = parts
        .values()
        .filter_map(|p| p.past.first().map(|first| first.journal.date))
        .map(Week::of)
        .min()
        .unwrap_or(this_week)
        .min(this_week)
        // Week pages go back at most `[site] history_weeks`: one old date
        // must not make a page for every week since.
        .max(Week::of(crate::time::add_days(
            this_week.monday(),
            -7 * i64::from(config.site.history_weeks),
        )));
    let weeks = first_week.through(this_week);
    phases.mark("application views");

    // A week's report is a sum over applications: it changes by the
    // difference of the changed applications' part of it, then and now.
    let journal_slug = |path: &str| slugs.journal(path);
    // Each week's tally if it could be kept or changed, and whether its
    // page is made again.
    let kept: Vec<Option<(Arc<Tally>, bool)>> = match previous {
        None => vec![None; weeks.len()],
        Some((_, before, previous)) => {
            let then_slug = |path: &str| previous.slugs.journal(path);
            let tallies = |journals: &mut dyn Iterator<Item = &Journal>,
                           slug: &(dyn Fn(&str) -> String + Sync)| {
                crate::report::week_tallies(
                    journals,
                    accepted.clone(),
                    config,
                    tz,
                    &weeks,
                    today,
                    slug,
                    usize::MAX,
                )
            };
            let then = tallies(&mut before.iter(), &then_slug);
            let now = tallies(&mut touched.iter().copied(), &journal_slug);
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
    let recent = &weeks[weeks.len().saturating_sub(parts::CHART_WEEKS)..];
    let asked: Vec<(NaiveDate, NaiveDate)> =
        fresh.iter().map(|w| weekly::asked(*w, today)).collect();
    let days: Vec<NaiveDate> = asked.iter().map(|(known, _)| *known).collect();
    let timeline = match fresh.is_empty() {
        true => history::Timeline::new([], &[], today, tz),
        false => history::Timeline::new(&repo.journals, &days, today, tz),
    };
    phases.mark("timeline: cut");
    let week_actions = timeline.actions(&asked, config);
    phases.mark("timeline");
    let charts = dashboard_charts(&pipeline, recent, parts.values().map(|p| &p.chart));
    phases.mark("dashboard charts");
    let lines: Vec<Rooted> = parts.values().map(|p| p.line.clone()).collect();
    let (firsts, more_applications) = first(&lines, "applications/all");
    let summary = dashboard.slot_at(&firsts, "");
    let of = ListOf {
        title: "Applications",
        dir: "applications/all",
        kind: "applications",
        back: "",
        back_name: "the dashboard",
    };
    list_pages(&of, &lines)?;
    spliced("index.html", "templates/index.html", &dashboard, &|c| {
        c.insert("groups", &groups);
        c.insert("upcoming", &upcoming_slot);
        c.insert("upcoming_count", &upcoming.len());
        c.insert("more_upcoming", &more_upcoming);
        c.insert("problems", &problems_view);
        c.insert("pipeline", &pipeline);
        c.insert("applications", &summary);
        c.insert("applications_count", &lines.len());
        c.insert("more_applications", &more_applications);
        let broken = &repo.bad_files;
        c.insert("broken", &broken[..broken.len().min(paginate::SHOWN)]);
        c.insert("broken_more", &broken.len().saturating_sub(paginate::SHOWN));
        c.insert("week", &this_week.to_string());
        c.insert("pipeline_line", &pipeline.line());
        c.insert("charts", &charts);
    })?;

    phases.mark("dashboard");
    // One page per application and per journal, in parallel.
    app_views
        .par_iter()
        .try_for_each(|a| -> Result<(), BuildError> {
            page(
                &pages::app_page(&a.slug),
                "templates/application.html",
                &|c| c.insert("app", a),
            )
        })?;
    phases.mark("application pages");
    shown
        .par_iter()
        .try_for_each(|j| -> Result<(), BuildError> {
            let slug = slugs.journal(&j.path);
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
                actions: by_journal.get(j.path.as_str()).cloned().unwrap_or_default(),
                html: markdown::to_html(&repo.body(j).map_err(OutputError)?),
            };
            page(
                &pages::journal_page(&slug),
                "templates/journal.html",
                &|c| c.insert("journal", &view),
            )
        })?;
    phases.mark("journal pages");

    // Every open draft, grouped by due date (actions are sorted by it).
    // The drafts page holds the first ones; numbered pages the rest.
    let every: Vec<&parts::ActionPart> = actions.iter().copied().filter(|a| a.drafted).collect();
    for (range, pager) in paginate::pages("drafts", every.len(), paginate::PER_PAGE) {
        let file = paginate::file("drafts", pager.page);
        let root = root_of(&file);
        let mut drafts = splice::Splice::default();
        let mut days: Vec<(NaiveDate, Vec<Rooted>)> = Vec::new();
        for a in &every[range] {
            let (due, item) = (a.action().due, a.item.clone());
            match days.last_mut() {
                Some((d, items)) if *d == due => items.push(item),
                _ => days.push((due, vec![item])),
            }
        }
        let days: Vec<DayView> = days
            .into_iter()
            .map(|(due, items)| DayView {
                due,
                items: drafts.slot_at(&items, &root),
            })
            .collect();
        spliced(&file, "templates/drafts.html", &drafts, &|c| {
            c.insert("days", &days);
            c.insert("pager", &pager);
        })?;
        if pager.page > 1 {
            list_files.lock().expect("not poisoned").push(file);
        }
    }
    phases.mark("drafts page");

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
                &journal_slug,
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
            let then = previous.and_then(|(_, _, memo)| memo.sections(&t.report.week));
            let r = &t.report;
            let section = |name: &str, fill: &dyn Fn(&mut tera::Context)| {
                render(name, "../../", &|c| {
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
                    c.insert("r", &weekly::Reflections::first(r, WEEK_LIST_LIMIT))
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
                || previous.is_none_or(|(_, _, previous)| {
                    previous
                        .week(&t.report.week)
                        .is_none_or(|(_, then)| then != neighbours(&reports, *i))
                })
        })
        .try_for_each(|(i, (t, s))| -> Result<(), BuildError> {
            let (prev, next) = neighbours(&reports, i);
            let mut lists = splice::Splice::default();
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
            spliced(
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
    page("weeks/index.html", "templates/weeks.html", &|c| {
        c.insert("weeks", &index)
    })?;

    // Reflections: the practice list, strengths, takeaways, what is missing.
    let mut past: Vec<&parts::PastPart> = parts.values().flat_map(|p| &p.past).collect();
    past.sort_by(|a, b| a.order.cmp(&b.order));
    // The grouped lists stay as they were when the items they gather did:
    // the changed applications' interviews and what they noted, in order.
    let grouped = match previous {
        Some((keys, _, previous))
            if keys
                .iter()
                .all(|k| noted(previous.parts.get(k.as_str())) == noted(parts.get(k.as_str()))) =>
        {
            Arc::clone(&previous.grouped)
        }
        _ => {
            let strengths = group_items(past.iter().map(|p| (&p.journal, &p.went_well[..])));
            let practice = group_items(past.iter().map(|p| (&p.journal, &p.struggled[..])));
            // Rendered with the root of the page it is on.
            let chunk = |groups: &[practice::Group<weekly::JournalRef>],
                         start: usize,
                         root: &str,
                         empty: &str| {
                let shown: Vec<_> = groups.iter().map(|g| g.shortened(GROUP_NAMES)).collect();
                render("templates/_practice.html", root, &|c| {
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
            Arc::new(Grouped {
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
    };
    let grouped_pages = |list: &GroupedList, title: &str| -> Result<(), BuildError> {
        for (file, pager, html) in &list.pages {
            let mut lists = splice::Splice::default();
            let slot = lists.slot(vec![html.clone()]);
            spliced(file, "templates/list.html", &lists, &|c| {
                c.insert(
                    "list",
                    &ListView {
                        title,
                        kind: "grouped",
                        items: &slot,
                        back: "reflections/",
                        back_name: "the reflections",
                    },
                );
                c.insert("pager", pager);
            })?;
            list_files.lock().expect("not poisoned").push(file.clone());
        }
        Ok(())
    };
    grouped_pages(&grouped.practice, "Practice list")?;
    grouped_pages(&grouped.strengths, "Strengths")?;
    let more = |list: &GroupedList, dir: &str| {
        (list.count > paginate::SHOWN).then(|| paginate::href(dir, 1))
    };
    let mut lists = splice::Splice::default();
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
    spliced(
        "reflections/index.html",
        "templates/reflections.html",
        &lists,
        &|c| c.insert("refl", &view),
    )?;
    list_pages(
        &ListOf {
            title: "Takeaways",
            dir: "reflections/takeaways",
            kind: "takeaways",
            back: "reflections/",
            back_name: "the reflections",
        },
        &takeaways,
    )?;
    list_pages(
        &ListOf {
            title: "Interviews without a reflection",
            dir: "reflections/unreflected",
            kind: "unreflected",
            back: "reflections/",
            back_name: "the reflections",
        },
        &unreflected,
    )?;

    phases.mark("week index, reflections");
    // The calendar of open actions and scheduled interviews (the timed
    // ones in the configured timezone, which it describes), and the
    // machine-readable data.
    let (head, end) = calendar::frame(&config.site.title);
    let mut interviews: Vec<&parts::InterviewPart> =
        parts.values().flat_map(|p| &p.interviews).collect();
    interviews.sort_by(|a, b| a.order.cmp(&b.order));
    let mut ics = splice::Pieces::from(head);
    if let Some(zone) =
        calendar::vtimezone(tz, interviews.iter().filter(|i| i.timed).map(|i| i.order.0))
    {
        ics.push(zone);
    }
    actions.iter().for_each(|a| ics.push(a.event.clone()));
    interviews.iter().for_each(|i| ics.push(i.event.clone()));
    ics.push(end);
    sink.put("calendar.ics", ics)?;
    sink.put(
        "report.json",
        parts::report_json(
            today,
            actions.iter().map(|a| &a.json),
            problems.iter().map(|p| &p.json),
            problem_counts,
        ),
    )?;
    let robots = if config.site.private {
        "User-agent: *\nDisallow: /\n"
    } else {
        "User-agent: *\nAllow: /\n"
    };
    sink.put("robots.txt", robots.as_bytes().to_vec().into())?;
    for (name, bytes) in theme.under("static/") {
        sink.put(name, bytes.to_vec().into())?;
    }

    phases.mark("calendar, report.json");
    Ok(Rendered {
        phases: phases.done,
        memo: Memo {
            theme: loaded,
            slugs,
            parts,
            grouped,
            reports,
            sections,
            accepted,
            lists: list_files.into_inner().expect("not poisoned"),
        },
        everything: previous.is_none(),
    })
}

/// Builds the site of `repo` for `today` into the output folder: rendered
/// into a staging folder beside it, each page written as soon as it is
/// made, then swapped in.
pub fn build(repo: &Repository, today: NaiveDate, opts: &Options) -> Result<Built, BuildError> {
    if !repo.bad_files.is_empty() && !opts.keep_going {
        return Err(BuildError::Journals(repo.bad_files.clone()));
    }
    let password = match (repo.config.site.encrypt, opts.password.as_deref()) {
        (false, _) => None,
        (true, Some(p)) if !p.is_empty() => Some(p),
        (true, _) => return Err(BuildError::NoPassword),
    };
    // Judged before anything is written: a weak password is refused, or
    // used as asked and said so.
    let title: Vec<&str> = repo.config.site.title.split_whitespace().collect();
    let weak_password = password.and_then(|p| lock::weak(p, &title));
    if let Some(weak) = &weak_password
        && !opts.allow_weak_password
    {
        return Err(BuildError::WeakPassword(weak.clone()));
    }
    let staging = Staging::new(&repo.root, &repo.root.join(&opts.output))?;
    let output = staging.output().to_path_buf();
    let mut phases = match password {
        None => render(repo, today, opts, &staging, &Scope::Everything)?.phases,
        Some(password) => {
            let started = std::time::Instant::now();
            let tera = Theme::load(&repo.root, &repo.config.theme)?.tera()?;
            // A locked page is seen before the password is typed: no title
            // (it usually names the owner), not even for a theme's own
            // `locked.html`. The sealed page brings it back.
            let site = SiteView {
                title: "",
                base_url: None,
                private: repo.config.site.private,
                encrypted: true,
                today,
            };
            let page = |rel: &str, sealed: &str| {
                let mut ctx = tera::Context::new();
                ctx.insert("site", &site);
                ctx.insert("root", &root_of(rel));
                ctx.insert("sealed", sealed);
                crate::render::theme::render(&tera, "templates/locked.html", &ctx)
                    .map_err(|e| OutputError(e.to_string()))
            };
            // The build's time tells `unlock.js` an older build's page
            // from a newer one's; a clock before 1970 is as good as 0.
            let built = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let locked = lock::Locked {
                inner: &staging,
                locker: lock::Locker::new(password, built).map_err(OutputError)?,
                page: &page,
            };
            let key = started.elapsed();
            let mut phases = render(repo, today, opts, &locked, &Scope::Everything)?.phases;
            phases.insert(0, ("key", key));
            phases
        }
    };
    let files = staging.count();
    let started = std::time::Instant::now();
    staging.swap()?;
    phases.push(("swap", started.elapsed()));
    Ok(Built {
        files,
        output,
        phases,
        weak_password,
    })
}

/// The weekly report as one self-contained HTML page, its CSS inlined, to
/// mail or save: the theme's `templates/report.html` and `static/style.css`.
pub fn report_html(
    repo: &Repository,
    r: &crate::report::weekly::WeekReport,
) -> Result<String, ThemeError> {
    let theme = Theme::load(&repo.root, &repo.config.theme)?;
    let tera = theme.tera()?;
    let css = theme
        .get("static/style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut ctx = tera::Context::new();
    ctx.insert("r", r);
    ctx.insert("css", &css);
    ctx.insert("root", "");
    crate::render::theme::render(&tera, "templates/report.html", &ctx)
}
