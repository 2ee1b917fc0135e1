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

mod applications;
mod dashboard;
mod reflections;
mod shared;
mod weeks;
mod writer;

use reflections::Grouped;
use weeks::{Neighbours, WeekSections, neighbours, week_page};
use writer::{SiteView, Writer, root_of};

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::journal::Journal;
use crate::journal::application::{self, group};
use crate::render::theme::{Theme, ThemeError};
use crate::repo::Repository;
use crate::report::week::Week;
use crate::report::weekly::WeekReport;
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

impl Options {
    /// The options of a site rendered into memory (`serve`, tests and
    /// benches): nothing written, broken journals left out, not locked.
    pub fn in_memory() -> Options {
        Options {
            output: "public".into(),
            base_url: None,
            keep_going: true,
            password: None,
            allow_weak_password: false,
        }
    }
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
            BuildError::Journals(why) => {
                write!(
                    f,
                    "{} journal{} could not be read (run `debrief check`, or build with --keep-going):",
                    why.len(),
                    if why.len() == 1 { "" } else { "s" },
                )?;
                for line in why {
                    write!(f, "\n  {}", crate::output::terminal_safe(line))?;
                }
                Ok(())
            }
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
    reports: Vec<Arc<WeekReport>>,
    /// Every week page's long sections, in the same order.
    sections: Vec<Arc<WeekSections>>,
    /// The offer accepted: when it changes, every application's actions do.
    accepted: Option<crate::rules::Accepted>,
    /// The numbered pages of long lists and the drafts page (every render
    /// writes them all, and makes again those whose items changed).
    lists: writer::Lists,
}

impl Memo {
    /// Where the week called `week` (`2026-W47`) is, if that render had it.
    fn find(&self, week: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.week == week)
    }

    /// The report of the week called `week` and its page's sections.
    fn sections(&self, week: &str) -> Option<(&Arc<WeekReport>, &WeekSections)> {
        let i = self.find(week)?;
        Some((&self.reports[i], self.sections.get(i)?))
    }

    /// The report of the week called `week`, and its neighbours' names.
    fn week(&self, week: &str) -> Option<(&Arc<WeekReport>, Neighbours<'_>)> {
        let i = self.find(week)?;
        Some((&self.reports[i], neighbours(&self.reports, i)))
    }
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
    pub fn lay_over<V: Clone>(
        &self,
        previous: &Memo,
        files: &mut imbl::OrdMap<String, V>,
        made: impl IntoIterator<Item = (String, V)>,
    ) {
        if !Arc::ptr_eq(&self.memo.slugs, &previous.slugs) {
            for gone in self.memo.slugs.gone_since(&previous.slugs) {
                files.remove(&gone);
            }
        }
        let shown: HashSet<&str> = self.memo.reports.iter().map(|r| r.week.as_str()).collect();
        for r in &previous.reports {
            if !shown.contains(r.week.as_str()) {
                files.remove(&week_page(&r.week));
            }
        }
        // Numbered pages kept as they were stay; the others are made again
        // or gone.
        for file in previous.lists.keys() {
            if !self.memo.lists.contains_key(file) {
                files.remove(file);
            }
        }
        files.extend(made);
    }
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
    let site = SiteView {
        title: &config.site.title,
        base_url,
        private: config.site.private,
        encrypted: config.site.encrypt,
        today,
    };
    // The weeks each application's share of the weekly reports covers
    // (from its first interview on).
    let oldest_week = Week::of(crate::time::add_days(
        Week::of(today).monday(),
        -7 * i64::from(config.site.history_weeks),
    ));
    let shared_weeks = oldest_week.through(Week::of(today));
    let maker = parts::Maker {
        weeks: &shared_weeks,
        site: &site,
        tera,
        config,
        today,
        tz,
        slugs: &slugs,
        base: base_url.map(|b| b.trim_end_matches('/')),
        shown: &app_by_key,
        journals: &journal_by_path,
        accepted: accepted.clone(),
        body: &|j: &Journal| repo.body(j).map(Cow::into_owned).unwrap_or_default(),
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
    let mut by_app: HashMap<&str, Vec<&parts::ActionPart>> = HashMap::new();
    let mut by_journal: HashMap<&str, Vec<Arc<ActionView>>> = HashMap::new();
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
                .push(Arc::clone(&p.view));
        }
        by_app.insert(a.key.as_str(), own);
    }
    phases.mark("rules");

    let w = Writer::new(
        tera,
        site.clone(),
        sink,
        previous.map(|(_, _, memo)| &memo.lists),
    );
    if let Some((keys, _, memo)) = previous {
        // The long lists of the applications not made again stay.
        let remade: HashSet<String> = keys
            .iter()
            .flat_map(|k| [memo.slugs.app(k), slugs.app(k)])
            .collect();
        w.keep_lists(|file| {
            let mut parts = file.split('/');
            parts.next() == Some("applications")
                && parts
                    .next()
                    .is_some_and(|slug| slug != pages::ALL && !remade.contains(slug))
        });
    }
    let app_pages: Vec<applications::AppPage> = apps
        .par_iter()
        .map(|a| {
            let own = by_app.get(a.key.as_str()).map_or(&[][..], |o| &o[..]);
            let views = own.iter().map(|p| Arc::clone(&p.view)).collect();
            applications::AppPage {
                view: pages::application(a, views, &slugs, config, today, tz),
                actions: own.iter().map(|p| p.item.clone()).collect(),
            }
        })
        .collect();
    // Week pages go back to the first interview, and at most `[site]
    // history_weeks`: one old date must not make a page for every week since.
    let this_week = Week::of(today);
    let first_week = parts
        .values()
        .filter_map(|p| p.past.first().map(|first| first.journal.date))
        .map(Week::of)
        .min()
        .unwrap_or(this_week)
        .min(this_week)
        .max(oldest_week);
    let weeks = first_week.through(this_week);
    phases.mark("application views");

    let dash = dashboard::Dashboard {
        actions: &actions,
        parts: &parts,
        slugs: &slugs,
        problems: &problems,
        counts: problem_counts,
        broken: &repo.bad_files,
        today,
        recent: &weeks[weeks.len().saturating_sub(parts::CHART_WEEKS)..],
    };
    dashboard::dashboard(&w, &dash)?;
    dashboard::drafts(&w, &actions)?;
    phases.mark("dashboard, drafts");
    applications::application_pages(&w, app_pages)?;
    phases.mark("application pages");
    let preps: HashSet<&str> = parts
        .values()
        .flat_map(|p| p.preps.iter().map(|s| s.file.as_str()))
        .collect();
    let of = applications::JournalsOf {
        slugs: &slugs,
        actions: &by_journal,
        preps: &preps,
        today,
        tz,
    };
    applications::journal_pages(&w, repo, &shown, &of)?;
    phases.mark("journal pages");
    let journal_slug = |path: &str| slugs.journal(path);
    let input = weeks::Weeks {
        parts: &parts,
        weeks: &weeks,
        today,
        journal_slug: &journal_slug,
        previous: previous.map(|(_, _, memo)| memo),
        touched: previous.map(|(keys, _, _)| keys),
    };
    let (reports, sections) = weeks::weeks(&w, &input, &mut phases)?;
    let grouped = reflections::reflections(
        &w,
        &parts,
        previous.map(|(keys, _, memo)| (keys, &memo.parts, &memo.grouped)),
    )?;
    phases.mark("reflections");
    // The prep sheets, each with the top of the practice list as it is now.
    let top = w.render("templates/_prep_practice.html", "../../", &|c| {
        c.insert("practice", &grouped.top)
    })?;
    let top = bytes::Bytes::from(top);
    for sheet in parts.values().flat_map(|p| &p.preps) {
        w.tracked(&sheet.file, sheet.with(&top))?;
    }
    phases.mark("prep sheets");
    let files = shared::Shared {
        parts: &parts,
        actions: &actions,
        problems: &problems,
        counts: problem_counts,
        config,
        tz,
        today,
        theme,
    };
    shared::shared(sink, &files)?;
    phases.mark("calendar, report.json");
    let lists = w.into_lists();
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
            lists,
        },
        everything: previous.is_none(),
    })
}

/// Builds the site of `repo` for `today` into the output folder: rendered
/// into a staging folder beside it, each page written as soon as it is
/// made, then swapped in.
pub fn build(repo: &Repository, today: NaiveDate, opts: &Options) -> Result<Built, BuildError> {
    if !repo.bad_files.is_empty() && !opts.keep_going {
        return Err(BuildError::Journals(repo.unread()));
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
