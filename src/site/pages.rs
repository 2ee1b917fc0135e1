//! What each page shows, as plain serializable data for the templates.
//!
//! Pure: journals, the evaluation and the rendered drafts come in; page views
//! go out. Redaction happens here, before anything reaches a template.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;

use crate::journal::application::Application;
use crate::journal::model::Outcome;
use crate::rules::{Action, Status};
use crate::scaffold::slug;
use crate::time::add_days;

/// A draft as a page shows it: text to copy and, for email, a `mailto:` link.
#[derive(Serialize, Clone)]
pub struct DraftView {
    /// The channel it is written for.
    pub channel: &'static str,
    /// The subject line, for email.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
    /// `mailto:` with address, subject and body percent-encoded (email only).
    pub mailto: Option<String>,
    /// `tel:` with the person's number (phone drafts, when it is known).
    pub tel: Option<String>,
}

/// A `tel:` link for a number as people write it ("+1 (555) 010-0100"):
/// digits and a leading `+` only, as RFC 3966 global numbers have them;
/// `None` when nothing callable is left.
pub fn tel(number: &str) -> Option<String> {
    let plus = number.trim_start().starts_with('+');
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3).then(|| format!("tel:{}{digits}", if plus { "+" } else { "" }))
}

/// An open action with links to its pages and its draft.
#[derive(Serialize, Clone)]
pub struct ActionView {
    /// The action itself.
    #[serde(skip)]
    pub action: Action,
    /// Its fields for templates, every one present (`null` when absent).
    #[serde(flatten)]
    pub fields: ActionFields,
    /// The application page's slug.
    pub application: String,
    /// The journal page's slug.
    pub journal_slug: String,
    /// Its draft, if the rule has one.
    pub draft_text: Option<DraftView>,
}

/// An action's fields as templates see them: none left out, so a template
/// can test `{% if a.person %}` without tripping over a missing field.
#[derive(Serialize, Clone)]
pub struct ActionFields {
    /// The action's id (what `draft`, `done` and `snooze` take).
    pub id: String,
    /// The rule id.
    pub rule: &'static str,
    /// `overdue`, `due` or `upcoming`.
    pub status: &'static str,
    /// The due date.
    pub due: NaiveDate,
    /// The due instant, for hour-based rules.
    pub due_at: Option<String>,
    /// Who it concerns.
    pub person: Option<String>,
    /// The company.
    pub company: String,
    /// The role.
    pub role: String,
    /// The journal path.
    pub journal: String,
    /// How to reach them.
    pub channel: Option<&'static str>,
    /// What to do.
    pub title: String,
}

impl From<&Action> for ActionFields {
    fn from(a: &Action) -> Self {
        ActionFields {
            id: a.id.clone(),
            rule: a.rule,
            status: a.status.as_str(),
            due: a.due,
            due_at: a.due_at.map(|d| d.to_rfc3339()),
            person: a.person.clone(),
            company: a.company.clone(),
            role: a.role.clone(),
            journal: a.journal.clone(),
            channel: a.channel.map(|c| c.as_str()),
            title: a.title.clone(),
        }
    }
}

/// A `mailto:` link to `email` alone.
fn address_link(email: &str) -> String {
    let url = mailto(Some(email), None, "");
    url.split('?').next().unwrap_or(&url).to_string()
}

/// Percent-encodes for a `mailto:` URL (RFC 6068): everything but unreserved
/// characters, line ends as CRLF.
pub fn mailto(email: Option<&str>, subject: Option<&str>, body: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SET: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    const ADDRESS: &AsciiSet = &SET.remove(b'@').remove(b'+');
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut url = format!(
        "mailto:{}",
        utf8_percent_encode(email.unwrap_or(""), ADDRESS)
    );
    url.push('?');
    if let Some(s) = subject {
        url += &format!("subject={}&", utf8_percent_encode(s, SET));
    }
    url += &format!("body={}", utf8_percent_encode(&body, SET));
    url
}

/// Slugs for every application and journal, unique and made only of
/// letters, digits and dashes, so no URL can leave the output folder.
pub struct Slugs {
    apps: HashMap<String, String>,
    journals: HashMap<String, String>,
}

/// The longest page name made from a journal's path or an application's
/// company and role, in bytes.
const MAX_SLUG: usize = 120;

impl Slugs {
    /// Slugs for these applications (key, company, role; in key order) and
    /// journals (paths, in the order the repository is walked): the first
    /// to want a slug gets it, the next ones a number after it. `opaque`
    /// (an encrypted site): numbers only, `a1`, `j1`, so that no page's
    /// name says whom it is about.
    pub fn new<'a>(
        apps: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        journals: impl Iterator<Item = &'a str>,
        opaque: bool,
    ) -> Slugs {
        if opaque {
            return Slugs {
                apps: apps
                    .enumerate()
                    .map(|(i, (key, ..))| (key.to_string(), format!("a{}", i + 1)))
                    .collect(),
                journals: journals
                    .enumerate()
                    .map(|(i, path)| (path.to_string(), format!("j{}", i + 1)))
                    .collect(),
            };
        }
        // Unique by construction: a number is added until the name is free,
        // so `a/b.md`, `a-b.md` and `a-b-2.md` get three pages, never two.
        // Names are capped well under the 255 bytes a file name may have.
        fn unique(base: String, taken: &mut std::collections::HashSet<String>) -> String {
            let mut base = if base.is_empty() {
                "untitled".to_string()
            } else {
                base
            };
            if base.len() > MAX_SLUG {
                let mut end = MAX_SLUG;
                while !base.is_char_boundary(end) {
                    end -= 1;
                }
                base.truncate(end);
                base.truncate(base.trim_end_matches('-').len());
            }
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            name
        }
        let mut taken = std::collections::HashSet::from([ALL.to_string()]);
        let apps = apps
            .map(|(key, company, role)| {
                (
                    key.to_string(),
                    unique(slug(&format!("{company} {role}")), &mut taken),
                )
            })
            .collect();
        let mut taken = std::collections::HashSet::new();
        let journals = journals
            .map(|path| {
                let stem = path.trim_start_matches("content/").trim_end_matches(".md");
                (path.to_string(), unique(slug(stem), &mut taken))
            })
            .collect();
        Slugs { apps, journals }
    }

    /// The slug of the application with this key.
    pub fn app(&self, key: &str) -> String {
        self.apps.get(key).cloned().unwrap_or_default()
    }

    /// The slug of the journal at this path.
    pub fn journal(&self, path: &str) -> String {
        self.journals.get(path).cloned().unwrap_or_default()
    }

    /// Whether a journal or application that both know has another slug
    /// here than in `previous` (its page, and every link to it, moved).
    pub fn moved_since(&self, previous: &Slugs) -> bool {
        fn moved(now: &HashMap<String, String>, then: &HashMap<String, String>) -> bool {
            now.iter()
                .any(|(k, slug)| then.get(k).is_some_and(|old| old != slug))
        }
        moved(&self.apps, &previous.apps) || moved(&self.journals, &previous.journals)
    }

    /// The pages `previous` had that these slugs no longer make.
    pub fn gone_since(&self, previous: &Slugs) -> Vec<String> {
        fn gone<'a>(
            now: &HashMap<String, String>,
            then: &'a HashMap<String, String>,
        ) -> impl Iterator<Item = &'a String> {
            let kept: std::collections::HashSet<&String> = now.values().collect();
            then.values().filter(move |slug| !kept.contains(slug))
        }
        let mut pages: Vec<String> = gone(&self.apps, &previous.apps)
            .map(|s| app_page(s))
            .chain(gone(&self.journals, &previous.journals).map(|s| journal_page(s)))
            .collect();
        pages.sort();
        pages
    }
}

/// The slug no application gets: `applications/all/` lists them all.
pub const ALL: &str = "all";

/// The file of the application page with this slug.
pub fn app_page(slug: &str) -> String {
    format!("applications/{slug}/index.html")
}

/// The file of the prep sheet of the interview whose journal has this slug.
pub fn prep_page(slug: &str) -> String {
    format!("prep/{slug}/index.html")
}

/// The file of the journal page with this slug.
pub fn journal_page(slug: &str) -> String {
    format!("journals/{slug}/index.html")
}

/// One line of an application's timeline.
#[derive(Serialize)]
pub struct Event {
    /// When.
    pub date: NaiveDate,
    /// `interview`, `sent`, `reply`, `outcome` or `scheduled`.
    pub kind: &'static str,
    /// What happened.
    pub text: String,
    /// The journal it is written in.
    pub journal: String,
}

/// A promised item and where it stands.
#[derive(Serialize)]
pub struct PromiseView {
    /// What.
    pub item: String,
    /// To whom.
    pub to: Option<String>,
    /// When it is or was due.
    pub due: NaiveDate,
    /// `sent`, `open` or `overdue`.
    pub state: &'static str,
}

/// An application page.
#[derive(Serialize)]
pub struct ApplicationView {
    /// Its slug.
    pub slug: String,
    /// Company and role.
    pub company: String,
    /// The role.
    pub role: String,
    /// `pending`, `offer`, `rejected`, `withdrawn`, or `ghosted`.
    pub outcome: &'static str,
    /// Everything that happened, oldest first.
    pub timeline: Vec<Event>,
    /// Promised items.
    pub promised: Vec<PromiseView>,
    /// Open actions, soonest first.
    pub actions: Vec<Arc<ActionView>>,
    /// Its journals, as (slug, title, date).
    pub journals: Vec<(String, String, String)>,
    /// Where the whole of each list is, when the page shows only part.
    pub more: AppMore,
    /// The people you met, each once.
    pub people: Vec<PersonView>,
    /// The timeline they gave: their words (the latest journal's
    /// `next_steps`), when they will decide, and the day before which
    /// they asked not to be contacted.
    pub said: Said,
}

/// A person of an application, as its page lists them.
#[derive(Serialize)]
pub struct PersonView {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub title: Option<String>,
    /// Their email address, and its `mailto:` link.
    pub email: Option<(String, String)>,
    /// Their phone number, and its `tel:` link when it can be dialled.
    pub phone: Option<(String, Option<String>)>,
    /// How they prefer to be contacted.
    pub prefers: Option<&'static str>,
    /// They agreed to connect on LinkedIn.
    pub linkedin: bool,
}

/// The timeline an employer gave.
#[derive(Serialize, Default)]
pub struct Said {
    /// In their words.
    pub next_steps: Option<String>,
    /// When they said they would decide.
    pub decision_by: Option<NaiveDate>,
    /// Not to be contacted before.
    pub no_contact_before: Option<NaiveDate>,
}

/// The numbered pages of an application's long lists, and how long each
/// list is (actions, timeline, promised, journals).
#[derive(Serialize, Default)]
pub struct AppMore {
    /// Its open actions.
    pub actions: Option<String>,
    /// Its timeline.
    pub timeline: Option<String>,
    /// The items promised.
    pub promised: Option<String>,
    /// Its journals.
    pub journals: Option<String>,
    /// How many actions, events, promised items and journals in all.
    pub counts: [usize; 4],
}

/// What was sent, as a line of a timeline.
pub fn sent_event(s: &crate::journal::model::Sent, tz: chrono_tz::Tz, journal: &str) -> Event {
    let to = if s.to.is_empty() {
        "every interviewer".to_string()
    } else {
        s.to.join(", ")
    };
    let how = s
        .channel
        .map_or(String::new(), |c| format!(" by {}", c.as_str()));
    let note = s
        .note
        .as_deref()
        .map_or(String::new(), |n| format!(": {n}"));
    Event {
        date: s.on.date(tz),
        kind: "sent",
        text: format!("{} to {to}{how}{note}", s.kind.as_str()),
        journal: journal.to_string(),
    }
}

/// A reply, as a line of a timeline.
pub fn reply_event(r: &crate::journal::model::Reply, journal: &str) -> Event {
    let from = r
        .from
        .as_deref()
        .map_or(String::new(), |f| format!(" from {f}"));
    let note = r
        .note
        .as_deref()
        .map_or(String::new(), |n| format!(": {n}"));
    let text = format!("{from}{note}");
    Event {
        date: r.on,
        kind: "reply",
        text: match text.strip_prefix(' ') {
            Some(from) => from.to_string(),
            None if text.is_empty() => "received".into(),
            None => text.trim_start_matches(": ").to_string(),
        },
        journal: journal.to_string(),
    }
}

/// A promised item of `j` and where it stands today.
pub fn promise_view(
    p: &crate::journal::model::Promise,
    j: &crate::journal::Journal,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> PromiseView {
    let due = p.due.unwrap_or_else(|| add_days(j.date.date(tz), 1));
    let state = match p.done {
        Some(_) => "sent",
        None if due < today => "overdue",
        None => "open",
    };
    PromiseView {
        item: p.item.clone(),
        to: p.to.clone(),
        due,
        state,
    }
}

/// Builds the page of one application; `actions` are its open actions.
pub fn application(
    app: &Application<'_>,
    actions: Vec<Arc<ActionView>>,
    slugs: &Slugs,
    config: &Config,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> ApplicationView {
    let mut timeline = Vec::new();
    let mut promised = Vec::new();
    for j in app.journals.iter().chain(&app.scheduled) {
        let jslug = slugs.journal(&j.path);
        let scheduled = j.date.date(tz) > today;
        timeline.push(Event {
            date: j.date.date(tz),
            kind: if scheduled { "scheduled" } else { "interview" },
            text: j.display_title(),
            journal: jslug.clone(),
        });
        timeline.extend(j.sent.iter().map(|s| sent_event(s, tz, &jslug)));
        timeline.extend(j.replies.iter().map(|r| reply_event(r, &jslug)));
        promised.extend(j.promised.iter().map(|p| promise_view(p, j, today, tz)));
    }
    // Every outcome the journals record, in order (an offer, then the
    // answer to it), each once.
    let mut last = None;
    for j in app.journals.iter().chain(&app.scheduled) {
        let Some(outcome) = j.outcome.filter(|o| *o != Outcome::Pending) else {
            continue;
        };
        if last.replace(outcome) == Some(outcome) {
            continue;
        }
        timeline.push(Event {
            date: j.outcome_on.unwrap_or_else(|| j.date.date(tz)),
            kind: "outcome",
            text: format!("Outcome: {}", outcome.as_str()),
            journal: slugs.journal(&j.path),
        });
    }
    timeline.sort_by_key(|e| e.date);
    let outcome = crate::report::pipeline::standing(app, config, today, tz);
    ApplicationView {
        slug: slugs.app(&app.key),
        company: app.company.clone(),
        role: app.role.clone(),
        outcome,
        timeline,
        promised,
        actions,
        journals: app
            .journals
            .iter()
            .chain(&app.scheduled)
            .map(|j| {
                (
                    slugs.journal(&j.path),
                    j.display_title(),
                    j.date.date(tz).to_string(),
                )
            })
            .collect(),
        more: AppMore::default(),
        people: app
            .people()
            .people
            .iter()
            .map(|p| PersonView {
                name: p.name.clone(),
                title: p.title.clone(),
                email: p.email.as_ref().map(|e| (e.clone(), address_link(e))),
                phone: p.phone.as_ref().map(|n| (n.clone(), tel(n))),
                prefers: p.prefers.map(|c| c.as_str()),
                linkedin: p.linkedin,
            })
            .collect(),
        said: Said {
            next_steps: app
                .journals
                .iter()
                .chain(&app.scheduled)
                .rev()
                .find_map(|j| j.next_steps.clone()),
            decision_by: app.decision_by,
            no_contact_before: app.no_contact_before,
        },
    }
}

/// The dashboard's groups of actions, in order: id and heading.
pub const GROUPS: [(&str, &str); 4] = [
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("week", "This week"),
    ("later", "Later"),
];

/// Which of [`GROUPS`] lists an action: overdue, due today, due in the next
/// seven days, later.
pub fn group_of(a: &Action, today: NaiveDate) -> usize {
    match a.status {
        Status::Overdue => 0,
        Status::Due => 1,
        Status::Upcoming if a.due <= add_days(today, 7) => 2,
        Status::Upcoming => 3,
    }
}

/// The problems banner: counts and the problems themselves.
#[derive(Serialize)]
pub struct ProblemsView {
    /// The first problems, each rendered by the theme's `_problem.html`,
    /// joined.
    pub items: String,
    /// Where the whole list is, when it is longer.
    pub more: Option<String>,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_links_keep_only_what_can_be_dialled() {
        assert_eq!(
            tel("+1 (555) 010-0142").as_deref(),
            Some("tel:+15550100142")
        );
        assert_eq!(tel("020 7946 0000").as_deref(), Some("tel:02079460000"));
        assert_eq!(tel("ask Pepper"), None);
    }

    #[test]
    fn mailto_encodes_everything_that_matters() {
        let url = mailto(
            Some("ann.lee+jobs@acme.example"),
            Some("Thanks & more?"),
            "Hi Ann,\n\n100% sure: yes #1",
        );
        assert_eq!(
            url,
            "mailto:ann.lee+jobs@acme.example?subject=Thanks%20%26%20more%3F&body=Hi%20Ann%2C%0D%0A%0D%0A100%25%20sure%3A%20yes%20%231"
        );
    }
}
