//! What one application gives the pages every journal feeds: its open
//! actions, each as the dashboard, the drafts page, the calendar and
//! `report.json` show it; the problems in its journals, as the dashboard and
//! `report.json` show them; its line in the dashboard's list, its place in
//! the pipeline, its upcoming interviews (for the dashboard and the
//! calendar) and its share of the charts; and
//! its past interviews as the reflections page shows them.
//!
//! Those pages are joined from these parts, the rendered items shared
//! ([`Bytes`]) rather than copied. A part depends only on its
//! application's journals (besides the day, the configuration, the theme
//! and the slugs, which a render keeps or else makes every page), so after
//! a save only the changed applications' parts are made again.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Config;
use crate::diagnostics::Problem;
use crate::journal::Journal;
use crate::journal::application::Application;
use crate::journal::model::{Channel, Outcome};
use crate::render::drafts;
use crate::render::theme::{self, ThemeError};
use crate::report::week::Week;
use crate::report::weekly::{self, JournalRef, Order};
use crate::report::{board, calendar, charts, history, pipeline, prep, scheduled};
use crate::rules::{self, Action};

use super::pages::{self, ActionView, DraftView, Slugs};
use super::splice::{Pieces, ROOT, Rooted, lean, shrunk};

/// One open action, made ready for every shared page that lists it.
pub struct ActionPart {
    /// Where it stands in the order lists show actions in.
    pub order: rules::SortKey,
    /// The action, with its links and draft, for the templates.
    /// Shared: the application and journal pages list it too.
    pub view: Arc<ActionView>,
    /// Its item on the dashboard, the drafts page (if it has a draft) and
    /// their numbered pages: the theme's `_action.html`.
    pub item: Rooted,
    /// Whether the drafts page lists it.
    pub drafted: bool,
    /// Its event in `calendar.ics`.
    pub event: Bytes,
    /// Its entry in `report.json`, indented as the list there is.
    pub json: Bytes,
}

impl ActionPart {
    /// The action itself.
    pub fn action(&self) -> &Action {
        &self.view.action
    }
}

/// One past interview, as the reflections page shows it.
pub struct PastPart {
    /// Where it stands on the page.
    pub order: Order,
    /// How the page links to it.
    pub journal: JournalRef,
    /// What it noted under "went well".
    pub went_well: Vec<String>,
    /// What it noted under "struggled".
    pub struggled: Vec<String>,
    /// Its takeaways, as the theme's `_takeaway.html`, if it has some.
    pub takeaways: Option<Rooted>,
    /// Its line in the list of interviews without a reflection (the
    /// theme's `_unreflected.html`), if it has none.
    pub unreflected: Option<Rooted>,
}

/// How many of one interview's takeaways the reflections page lists.
const TAKEAWAYS_SHOWN: usize = 12;

/// How many weeks the dashboard's follow-up chart shows at most: this
/// one and those before it.
pub const CHART_WEEKS: usize = 12;

/// One application's share of the dashboard's charts.
pub struct ChartPart {
    /// Follow-ups it owed in each of the [`CHART_WEEKS`] weeks up to this
    /// one, oldest first (see `history::owed_in_week`).
    pub owed: [usize; CHART_WEEKS],
    /// Follow-ups it sent in each of those weeks (none after today).
    pub sent: [usize; CHART_WEEKS],
    /// Days from each of its interviews to the first answer after it.
    pub waits: Vec<Option<i64>>,
}

/// The [`CHART_WEEKS`] weeks up to the one of `today`, oldest first.
pub fn chart_weeks(today: NaiveDate) -> [Week; CHART_WEEKS] {
    let this = Week::of(today).monday();
    std::array::from_fn(|i| Week::of(this - chrono::Days::new(7 * (CHART_WEEKS - 1 - i) as u64)))
}

/// A problem, made ready for the dashboard and `report.json`.
pub struct ProblemPart {
    /// The problem, its severity as configured.
    pub problem: Problem,
    /// Its item in the dashboard's list: the theme's `_problem.html`.
    pub item: Bytes,
    /// Its entry in `report.json`, indented as the list there is.
    pub json: Bytes,
}

/// `problems` with their configured severities (those turned off left
/// out), each made ready for the pages, in the order they are listed.
pub fn problem_parts(
    tera: &tera::Tera,
    config: &Config,
    problems: Vec<Problem>,
) -> Result<Vec<ProblemPart>, ThemeError> {
    rules::with_severities(problems, config)
        .into_iter()
        .map(|problem| {
            let mut ctx = tera::Context::new();
            ctx.insert("p", &problem);
            let item = lean(theme::render(tera, "templates/_problem.html", &ctx)?);
            let json = serde_json::to_string_pretty(&problem).expect("a problem serializes");
            Ok(ProblemPart {
                item,
                json: lean(indented(&json, "    ")),
                problem,
            })
        })
        .collect()
}

/// A scheduled interview, as the dashboard lists it.
pub struct Upcoming {
    /// When it starts, for the order.
    pub at: DateTime<chrono_tz::Tz>,
    /// Its line: the theme's `_upcoming.html`.
    pub item: Rooted,
}

/// What `_upcoming.html` shows of a scheduled interview.
#[derive(serde::Serialize)]
struct UpcomingView {
    date: NaiveDate,
    /// Its time of day (`HH:MM`), when the journal gives one.
    time: Option<String>,
    slug: String,
    title: String,
    role: String,
}

/// A scheduled interview, made ready for `calendar.ics`.
pub struct InterviewPart {
    /// When it starts (a date-only one at the start of its day): the
    /// calendar lists interviews in this order, and describes the
    /// configured timezone for the timed ones.
    pub order: (DateTime<Utc>, String),
    /// Whether its journal gives a time of day.
    pub timed: bool,
    /// Its event in `calendar.ics`.
    pub event: Bytes,
}

/// The prep sheet of an interview to come, but for the top of the
/// practice list, which every render puts in as it then is.
pub struct PrepPart {
    /// Its file: `prep/<journal>/index.html`.
    pub file: String,
    /// The page before the practice list, and after it.
    pub around: (Bytes, Bytes),
}

impl PrepPart {
    /// The page, with `practice` (the top of the practice list, rendered).
    pub fn with(&self, practice: &Bytes) -> Pieces {
        let mut page = Pieces::default();
        page.push(self.around.0.clone());
        page.push(practice.clone());
        page.push(self.around.1.clone());
        page
    }
}

/// Stands for the top of the practice list in a prep sheet as it is made:
/// random for each process, so no journal can write it.
static PRACTICE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| ROOT.replace("debrief-root-", "debrief-practice-"));

/// What a prep sheet's page shows.
#[derive(serde::Serialize)]
struct PrepView<'a> {
    #[serde(flatten)]
    sheet: &'a crate::report::prep::Prep,
    application: String,
    journal: String,
    /// The notes, rendered.
    notes_html: String,
    /// Where the top of the practice list goes.
    practice_html: &'a str,
}

/// One application's part.
pub struct AppPart {
    /// The company, as the application spells it.
    pub company: String,
    /// The role, as the application spells it.
    pub role: String,
    /// Its outcome as the pipeline's problems count it (see
    /// [`rules::Ctx::counted_outcome`]).
    pub outcome: Outcome,
    /// Where it stands in the pipeline (its outcome, or `ghosted`).
    pub standing: &'static str,
    /// The stage it reached.
    pub stage: String,
    /// Its scheduled interviews, soonest first.
    pub upcoming: Vec<Upcoming>,
    /// Its scheduled interviews' events, soonest first.
    pub interviews: Vec<InterviewPart>,
    /// Its line in the dashboard's list of applications: the theme's
    /// `_application_line.html`.
    pub line: Rooted,
    /// Where it stands on the board.
    pub card: board::Card,
    /// Its card on the board: the theme's `_card.html`.
    pub board: Rooted,
    /// Its share of the charts.
    pub chart: ChartPart,
    /// Its open actions, in the order the rules found them.
    pub actions: Vec<ActionPart>,
    /// The problems in its journals, severities as configured.
    pub problems: Vec<ProblemPart>,
    /// Its past interviews, oldest first.
    pub past: Vec<PastPart>,
    /// Its share of the weekly reports.
    pub weeks: weekly::Share,
    /// The prep sheets of its interviews to come (today's included).
    pub preps: Vec<PrepPart>,
}

/// Every application's part, by application key (in the order pages list
/// applications).
pub type Parts = BTreeMap<String, Arc<AppPart>>;

/// What making a part needs.
pub struct Maker<'a> {
    /// The weeks the weekly reports may show, oldest first.
    pub weeks: &'a [Week],
    /// What every template gets as `site`.
    pub(super) site: &'a super::writer::SiteView<'a>,
    /// The parsed templates.
    pub tera: &'a tera::Tera,
    /// The configuration.
    pub config: &'a Config,
    /// The day.
    pub today: NaiveDate,
    /// The timezone.
    pub tz: chrono_tz::Tz,
    /// Every page's slug.
    pub slugs: &'a Slugs,
    /// The site's URL, without a trailing slash, for the calendar's links.
    pub base: Option<&'a str>,
    /// The applications as shown (redacted), by key.
    pub shown: &'a HashMap<&'a str, &'a Application<'a>>,
    /// The journals as shown (redacted), by path.
    pub journals: &'a HashMap<&'a str, &'a Journal>,
    /// The offer accepted, if any (see [`rules::Ctx::accepted`]).
    pub accepted: Option<rules::Accepted>,
    /// A journal's notes, read again from its file.
    pub body: &'a (dyn Fn(&Journal) -> String + Sync),
}

impl Maker<'_> {
    /// The part of `app` (its journals as they are, unredacted: the rules
    /// read them; what is shown comes from the redacted copies).
    pub fn part(&self, app: &Application<'_>) -> Result<AppPart, ThemeError> {
        let ctx = rules::Ctx {
            today: self.today,
            tz: self.tz,
            config: self.config,
            accepted: self.accepted.clone(),
        };
        let (actions, problems) = rules::of_app(app, &ctx);
        let counted = ctx.counted_outcome(app);
        let shown = self.shown.get(app.key.as_str()).copied();
        let changed = shown.map_or(self.today, |a| calendar::changed(a, self.today, self.tz));
        let actions: Vec<ActionPart> = actions
            .into_iter()
            .map(|a| self.action(a, app, shown, changed))
            .collect::<Result<_, _>>()?;
        let past = match shown {
            Some(shown) => shown
                .journals
                .iter()
                .map(|j| self.past(shown, j))
                .collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        // Its interviews to come, today's included (a closed application's
        // bookings are cancelled).
        let upcoming: Vec<&Journal> = shown.map_or_else(Vec::new, |s| {
            prep::to_come(s, self.today, self.tz).collect()
        });
        let interviews = match shown {
            Some(shown) => upcoming
                .iter()
                .map(|j| self.interview(shown, j, changed))
                .collect(),
            None => Vec::new(),
        };
        let standing = pipeline::standing(app, self.config, self.today, self.tz);
        let mut ctx = tera::Context::new();
        ctx.insert(
            "a",
            &serde_json::json!({"slug": self.slugs.app(&app.key), "company": app.company, "role": app.role, "outcome": standing}),
        );
        let line = self.rooted("templates/_application_line.html", &mut ctx)?;
        let mut open: Vec<&ActionPart> = actions.iter().collect();
        open.sort_by(|a, b| a.order.cmp(&b.order));
        let open: Vec<&rules::Action> = open.into_iter().map(ActionPart::action).collect();
        let card = board::card(app, &open, standing, self.today, self.tz);
        let mut ctx = tera::Context::new();
        ctx.insert("c", &card);
        ctx.insert("slug", &self.slugs.app(&app.key));
        // The prep sheet of its next interview (today's included).
        let next = prep::to_come(app, self.today, self.tz).next();
        ctx.insert("prep", &next.map(|j| self.slugs.journal(&j.path)));
        let board = self.rooted("templates/_card.html", &mut ctx)?;
        let preps = match shown {
            Some(shown) => prep::to_come(shown, self.today, self.tz)
                .map(|j| self.prep(shown, j))
                .collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        let slug = |path: &str| self.slugs.journal(path);
        let of = weekly::Of {
            config: self.config,
            tz: self.tz,
            today: self.today,
            slug: &slug,
            accepted: self.accepted.clone(),
        };
        let all: Vec<&Journal> = app.journals.iter().chain(&app.scheduled).copied().collect();
        Ok(AppPart {
            weeks: weekly::share(&all, self.weeks, &of),
            preps,
            line,
            card,
            board,
            company: app.company.clone(),
            role: app.role.clone(),
            outcome: counted,
            standing,
            stage: pipeline::stage_of(app),
            upcoming: upcoming
                .iter()
                .map(|j| self.upcoming(j))
                .collect::<Result<_, _>>()?,
            interviews,
            chart: self.chart(app),
            actions,
            problems: problem_parts(self.tera, self.config, problems)?,
            past,
        })
    }

    /// The prep sheet of `j`, an interview to come of `app` (as shown).
    fn prep(&self, app: &Application<'_>, j: &Journal) -> Result<PrepPart, ThemeError> {
        let sheet = prep::prep(app, j, &[], self.body, self.tz);
        let slug = self.slugs.journal(&j.path);
        let file = super::pages::prep_page(&slug);
        let view = PrepView {
            sheet: &sheet,
            application: self.slugs.app(&app.key),
            journal: slug,
            notes_html: super::markdown::to_html(&sheet.notes),
            practice_html: PRACTICE.as_str(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert("prep", &view);
        ctx.insert("root", &super::writer::root_of(&file));
        ctx.insert("site", &self.site);
        let page = theme::render(self.tera, "templates/prep.html", &ctx)?;
        let (head, tail) = page
            .split_once(PRACTICE.as_str())
            .unwrap_or((page.as_str(), ""));
        Ok(PrepPart {
            file,
            around: (Bytes::from(head.to_string()), Bytes::from(tail.to_string())),
        })
    }

    /// The event of `j`, a scheduled interview of `app` (as shown).
    fn interview(&self, app: &Application<'_>, j: &Journal, changed: NaiveDate) -> InterviewPart {
        let interview = scheduled::Interview::of(app, j, self.tz);
        let event = calendar::interview_event(
            &calendar::InterviewEntry {
                interview: &interview,
                changed,
                // Its prep sheet: what to read before going.
                url: self
                    .base
                    .map(|b| format!("{b}/prep/{}/", self.slugs.journal(&j.path))),
            },
            self.tz,
        );
        InterviewPart {
            order: (j.date.instant(self.tz).with_timezone(&Utc), j.path.clone()),
            timed: j.date.has_time(),
            event: lean(event),
        }
    }

    /// `app`'s share of the charts: what it owed and sent each week, from
    /// its own timeline, and how long its answers took.
    fn chart(&self, app: &Application<'_>) -> ChartPart {
        let weeks = chart_weeks(self.today);
        let all = || app.journals.iter().chain(&app.scheduled).copied();
        let asked = weeks.map(history::owed_asked);
        let days = asked.map(|(known, _)| known);
        let timeline = history::Timeline::new(all(), &days, self.today, self.tz)
            .accepting(self.accepted.clone());
        let answers = timeline.actions(&asked, self.config);
        let mut owed = [0; CHART_WEEKS];
        for ((o, w), answer) in owed.iter_mut().zip(weeks).zip(&answers) {
            *o = history::owed_count(w, answer);
        }
        let mut sent = [0; CHART_WEEKS];
        for s in all().flat_map(|j| &j.sent) {
            let d = s.on.date(self.tz);
            if d <= self.today
                && let Some(i) = weeks.iter().position(|w| w.contains(d))
            {
                sent[i] += 1;
            }
        }
        ChartPart {
            owed,
            sent,
            waits: charts::waits(app, self.tz),
        }
    }

    /// A past interview of `app` (as shown) for the reflections page.
    fn past(&self, app: &Application<'_>, j: &Journal) -> Result<PastPart, ThemeError> {
        let journal = JournalRef::of(j, &app.company, self.tz, self.slugs.journal(&j.path));
        let r = &j.reflection;
        let takeaways = if !r.sections.is_empty() && !r.takeaways.is_empty() {
            let mut ctx = tera::Context::new();
            ctx.insert("journal", &journal);
            // One interview's takeaways stay a handful on the page; its
            // own page has them all.
            let shown = &r.takeaways[..r.takeaways.len().min(TAKEAWAYS_SHOWN)];
            ctx.insert("takeaways", shown);
            ctx.insert("more", &(r.takeaways.len() - shown.len()));
            Some(self.rooted("templates/_takeaway.html", &mut ctx)?)
        } else {
            None
        };
        let unreflected = if r.sections.is_empty() {
            let mut ctx = tera::Context::new();
            ctx.insert("j", &journal);
            Some(self.rooted("templates/_unreflected.html", &mut ctx)?)
        } else {
            None
        };
        Ok(PastPart {
            order: weekly::order(j, self.tz),
            journal,
            went_well: r.went_well.clone(),
            struggled: r.struggled.clone(),
            takeaways,
            unreflected,
        })
    }

    /// A scheduled interview's line on the dashboard.
    fn upcoming(&self, j: &Journal) -> Result<Upcoming, ThemeError> {
        let at = j.date.instant(self.tz);
        let view = UpcomingView {
            date: j.date.date(self.tz),
            time: (!matches!(j.date, crate::time::When::Date(_)))
                .then(|| at.format("%H:%M").to_string()),
            slug: self.slugs.journal(&j.path),
            title: j.display_title(),
            role: j.role.clone(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert("u", &view);
        let item = self.rooted("templates/_upcoming.html", &mut ctx)?;
        Ok(Upcoming { at, item })
    }

    /// The template `name` rendered with `ctx` for pages at any depth.
    fn rooted(&self, name: &str, ctx: &mut tera::Context) -> Result<Rooted, ThemeError> {
        ctx.insert("root", ROOT.as_str());
        theme::render(self.tera, name, ctx).map(Rooted::new)
    }

    fn action(
        &self,
        a: Action,
        app: &Application<'_>,
        shown: Option<&Application<'_>>,
        changed: NaiveDate,
    ) -> Result<ActionPart, ThemeError> {
        let j = self.journals.get(a.journal.as_str());
        let draft_text = match (a.draft, shown, j) {
            (true, Some(shown), Some(j)) => {
                let d = drafts::render(
                    self.tera,
                    &drafts::data(&a, shown, j, &self.config.me, self.tz, self.today),
                )?;
                let person = a.person.as_deref().and_then(|p| shown.interviewer(p));
                let email = person.and_then(|i| i.email.clone());
                let tel = person
                    .and_then(|i| i.phone.as_deref())
                    .filter(|_| d.channel == Channel::Phone)
                    .and_then(pages::tel);
                Some(DraftView {
                    channel: d.channel.as_str(),
                    mailto: (d.channel == Channel::Email).then(|| {
                        shrunk(pages::mailto(
                            email.as_deref(),
                            d.subject.as_deref(),
                            &d.body,
                        ))
                    }),
                    tel,
                    subject: d.subject,
                    body: shrunk(d.body),
                })
            }
            _ => None,
        };
        let view = ActionView {
            application: self.slugs.app(&app.key),
            journal_slug: self.slugs.journal(&a.journal),
            fields: (&a).into(),
            action: a,
            draft_text,
        };
        let mut ctx = tera::Context::new();
        ctx.insert("a", &view);
        let item = self.rooted("templates/_action.html", &mut ctx)?;
        let drafted = view.draft_text.is_some();
        let event: Bytes = lean(calendar::event(&calendar::Entry {
            action: &view.action,
            draft: view
                .draft_text
                .as_ref()
                .map(|d| (d.subject.as_deref(), d.body.as_str())),
            changed,
            url: self
                .base
                .map(|b| format!("{b}/journals/{}/", view.journal_slug)),
        }));
        let json = lean(action_json(&view.action));
        Ok(ActionPart {
            order: view.action.sort_key(),
            view: view.into(),
            item,
            drafted,
            event,
            json,
        })
    }
}

/// An action as `report.json` lists it: pretty, indented to its place.
pub fn action_json(a: &Action) -> String {
    let text = serde_json::to_string_pretty(a).expect("an action serializes");
    // JSON strings hold no raw line ends, so every line is the writer's.
    indented(&text, "    ")
}

/// `text` with `indent` before every line.
fn indented(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out += indent;
        out += line;
    }
    out
}

/// `report.json`: `due --format json` and `check --format json` in one
/// object, as `serde_json` writes it pretty, with the actions and the
/// problems joined from their entries ([`action_json`], [`ProblemPart`]).
pub fn report_json<'a>(
    today: NaiveDate,
    actions: impl Iterator<Item = &'a Bytes>,
    problems: impl Iterator<Item = &'a Bytes>,
    counts: crate::diagnostics::Counts,
) -> Pieces {
    #[derive(serde::Serialize)]
    struct ReportJson {
        today: NaiveDate,
        actions: [(); 0],
        problems: [(); 0],
        errors: usize,
        warnings: usize,
        notes: usize,
    }
    let whole = serde_json::to_string_pretty(&ReportJson {
        today,
        actions: [],
        problems: [],
        errors: counts.errors,
        warnings: counts.warnings,
        notes: counts.notes,
    })
    .expect("the report serializes")
        + "\n";
    // `today` is a date, so each empty list is its field's.
    let whole = Bytes::from(whole);
    let mut out = Pieces::default();
    let mut kept = 0;
    let lists: [(&str, &mut dyn Iterator<Item = &Bytes>); 2] = [
        ("\"actions\": []", &mut { actions }),
        ("\"problems\": []", &mut { problems }),
    ];
    for (field, items) in lists {
        let at = kept + find(&whole[kept..], field.as_bytes()).expect("the report has the list");
        // Up to and with the `[`.
        out.push(whole.slice(kept..at + field.len() - 1));
        let mut none = true;
        for (i, a) in items.enumerate() {
            out.push(Bytes::from_static(if i == 0 { b"\n" } else { b",\n" }));
            out.push(a.clone());
            none = false;
        }
        out.push(Bytes::from_static(if none { b"]" } else { b"\n  ]" }));
        kept = at + field.len();
    }
    out.push(whole.slice(kept..));
    out
}

/// Where `needle` first is in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_json_is_what_serde_json_writes_of_the_whole() {
        let js = crate::rules::testkit::journals(&[
            "company: A\nrole: R\ndate: 2026-11-17\ninterviewers: [Ann Lee, \"Bo \\\"B\\\" Chen\"]",
            "company: B\nrole: R\ndate: 2026-11-10\nnext_steps: within a week",
        ]);
        let cfg = Config::default();
        let today = crate::time::parse_date("2026-11-18").unwrap();
        let ctx = rules::Ctx {
            today,
            tz: chrono_tz::UTC,
            config: &cfg,
            accepted: None,
        };
        let eval = rules::evaluate(&js, Vec::new(), &ctx);
        assert!(eval.actions.len() >= 3 && !eval.problems.is_empty());
        #[derive(serde::Serialize)]
        struct Whole<'a> {
            today: NaiveDate,
            actions: &'a [Action],
            problems: &'a [Problem],
            errors: usize,
            warnings: usize,
            notes: usize,
        }
        for actions in [&eval.actions[..], &[]] {
            let counts = crate::diagnostics::Counts::of(&eval.problems);
            let whole = serde_json::to_string_pretty(&Whole {
                today,
                actions,
                problems: &eval.problems,
                errors: counts.errors,
                warnings: counts.warnings,
                notes: counts.notes,
            })
            .unwrap()
                + "\n";
            let texts: Vec<Bytes> = actions.iter().map(|a| action_json(a).into()).collect();
            let tera = crate::render::theme::Theme::embedded().tera().unwrap();
            let problems = problem_parts(&tera, &cfg, eval.problems.clone()).unwrap();
            let joined = report_json(
                today,
                texts.iter(),
                problems.iter().map(|p| &p.json),
                counts,
            );
            assert_eq!(String::from_utf8(joined.to_vec()).unwrap(), whole);
        }
    }
}
