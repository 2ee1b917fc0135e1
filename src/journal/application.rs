//! Applications: the journals of one company and role taken together.
//!
//! Owns the grouping key (company and role, case-insensitive, trimmed) and the
//! merged view §2 defines: the outcome of the latest journal that sets one,
//! the latest `no_contact_before` and `decision_by`, the contact person.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostics::Loc;

use super::model::{
    Channel, Interviewer, Journal, Kind, Outcome, Reply, Sent, normalise, same_person,
};

/// The journals of one application, split into past and scheduled interviews.
#[derive(Debug)]
pub struct Application<'a> {
    /// The grouping key: normalised company and role.
    pub key: String,
    /// The company, spelled as in the latest interview held (a booking
    /// written in haste does not rename it), else the first one booked.
    pub company: String,
    /// The role, spelled the same way.
    pub role: String,
    /// Interviews that happened (dated on or before today), oldest first.
    pub journals: Vec<&'a Journal>,
    /// Interviews dated after today, soonest first.
    pub scheduled: Vec<&'a Journal>,
    /// The application's outcome.
    pub outcome: Outcome,
    /// When the outcome came (for pending: the latest interview).
    pub outcome_on: Option<NaiveDate>,
    /// The journal that set the outcome.
    pub outcome_journal: Option<&'a Journal>,
    /// The person to check in with.
    pub contact: Option<String>,
    /// The latest `no_contact_before` any journal gives.
    pub no_contact_before: Option<NaiveDate>,
    /// The latest `decision_by` any journal gives.
    pub decision_by: Option<NaiveDate>,
    /// Its people, merged across journals on first use.
    people: OnceLock<People>,
    /// Its thank-yous, where each counts, worked out on first use (three
    /// rules read them).
    thanks: OnceLock<Vec<Thanks<'a>>>,
    /// The timezone its dates are read in.
    tz: Tz,
}

/// The interviewers of an application, each once: what one journal says of
/// a person (`email`, `phone`, `prefers`, `title`, `linkedin`) holds in
/// every journal, the latest journal winning where two disagree.
#[derive(Debug, Default)]
pub struct People {
    /// One entry per person, with the fields every journal gives them;
    /// `discussed` and `loc` are the latest journal's.
    pub people: Vec<Interviewer>,
    /// Where two journals give one person different values.
    pub conflicts: Vec<Conflict>,
    /// Each normalised name written, to its person.
    by_name: HashMap<String, usize>,
    /// The first word of full names: how many people share it, and the
    /// first of them.
    by_first: HashMap<String, (usize, usize)>,
}

/// Two journals disagreeing about a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The person, as the latest journal names them.
    pub name: String,
    /// The field.
    pub field: &'static str,
    /// The value used, and where it is written (journal path, entry).
    pub kept: (String, String, Loc),
    /// The other value, and where it is written.
    pub other: (String, String, Loc),
}

impl People {
    /// Merges the interviewers of `journals`, the first one's word first.
    fn of(journals: &[&Journal]) -> People {
        let mut out = People::default();
        // Per person: each field's kept value and where it is written.
        let mut origin: Vec<Vec<Said<'_>>> = Vec::new();
        for j in journals {
            for i in &j.interviewers {
                let key = normalise(&i.name);
                let Some(at) = out.lookup(&key) else {
                    let at = out.people.len();
                    out.people.push(i.clone());
                    out.index(key, at);
                    origin.push(
                        fields_of(i)
                            .into_iter()
                            .map(|(field, value)| Said {
                                field,
                                value,
                                path: &j.path,
                                loc: i.loc,
                            })
                            .collect(),
                    );
                    continue;
                };
                out.index(key.clone(), at);
                let person = &mut out.people[at];
                // Keep the fuller name ("Priya Patel" over "Priya").
                if !person.name.trim().contains(char::is_whitespace) && key.contains(' ') {
                    person.name = i.name.clone();
                }
                for (field, value) in fields_of(i) {
                    match origin[at].iter().find(|s| s.field == field) {
                        None => {
                            set(person, field, i);
                            origin[at].push(Said {
                                field,
                                value,
                                path: &j.path,
                                loc: i.loc,
                            });
                        }
                        Some(kept) if kept.value != value && kept.path != j.path => {
                            // Shown as written, compared loosely.
                            out.conflicts.push(Conflict {
                                name: person.name.clone(),
                                field,
                                kept: (shown(person, field), kept.path.to_string(), kept.loc),
                                other: (shown(i, field), j.path.clone(), i.loc),
                            });
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        out
    }

    /// Files the normalised name `key` under person `at`.
    fn index(&mut self, key: String, at: usize) {
        if let Some((first, _)) = key.split_once(' ') {
            self.by_first
                .entry(first.to_string())
                .and_modify(|(n, who)| {
                    if *who != at {
                        *n += 1;
                    }
                })
                .or_insert((1, at));
        }
        self.by_name.entry(key).or_insert(at);
    }

    /// The person a normalised name means, as names match everywhere
    /// (see [`same_person`]), in constant time: a panel of thousands must
    /// not cost a scan per name.
    fn lookup(&self, key: &str) -> Option<usize> {
        if let Some(&at) = self.by_name.get(key) {
            return Some(at);
        }
        match key.split_once(' ') {
            // A lone first name: the one full name it begins.
            None => self
                .by_first
                .get(key)
                .filter(|(n, _)| *n == 1)
                .map(|(_, at)| *at),
            // A full name: someone known by that first name alone.
            Some((first, _)) => self
                .by_name
                .get(first)
                .copied()
                .filter(|&at| !self.people[at].name.trim().contains(char::is_whitespace)),
        }
    }

    /// The person with this name (see [`same_person`]).
    pub fn find(&self, name: &str) -> Option<&Interviewer> {
        self.lookup(&normalise(name)).map(|at| &self.people[at])
    }
}

/// What one journal says of a person's field.
struct Said<'j> {
    field: &'static str,
    value: String,
    path: &'j str,
    loc: Loc,
}

/// `field` of `i` as written.
fn shown(i: &Interviewer, field: &str) -> String {
    match field {
        "email" => i.email.clone().unwrap_or_default(),
        "phone" => i.phone.clone().unwrap_or_default(),
        "prefers" => i
            .prefers
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        "title" => i.title.clone().unwrap_or_default(),
        _ => i.linkedin.to_string(),
    }
}

/// The shared fields `i` gives, as text to compare.
fn fields_of(i: &Interviewer) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let text = |v: &Option<String>| v.as_deref().map(|t| t.trim().to_string());
    if let Some(v) = text(&i.email) {
        out.push(("email", v.to_lowercase()));
    }
    if let Some(v) = &i.phone {
        out.push((
            "phone",
            v.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
        ));
    }
    if let Some(v) = i.prefers {
        out.push(("prefers", v.as_str().to_string()));
    }
    if let Some(v) = text(&i.title) {
        out.push(("title", normalise(&v)));
    }
    if i.linkedin {
        out.push(("linkedin", "true".to_string()));
    }
    out
}

/// Copies `field` of `from` into `to`.
fn set(to: &mut Interviewer, field: &str, from: &Interviewer) {
    match field {
        "email" => to.email.clone_from(&from.email),
        "phone" => to.phone.clone_from(&from.phone),
        "prefers" => to.prefers = from.prefers,
        "title" => to.title.clone_from(&from.title),
        "linkedin" => to.linkedin = from.linkedin,
        _ => {}
    }
}

/// One thank-you as it counts (see [`Application::thanks`]).
#[derive(Debug, Clone, Copy)]
pub struct Thanks<'a> {
    /// The journal the `sent` entry is written in.
    pub written: &'a Journal,
    /// The entry.
    pub sent: &'a Sent,
    /// The interview it thanks someone for.
    pub counts_for: &'a Journal,
    /// Whom, as written; `None`: every interviewer of `written`.
    pub to: Option<&'a str>,
}

impl Thanks<'_> {
    /// Whether it thanks `person` for the interview of `j`.
    pub fn thanks(&self, j: &Journal, person: &str) -> bool {
        std::ptr::eq(self.counts_for, j)
            && match self.to {
                None => j.interviewer(person).is_some(),
                Some(to) => same_person(person, to) || same_person(to, person),
            }
    }

    /// Whether it was written in another interview's journal.
    pub fn moved(&self) -> bool {
        !std::ptr::eq(self.counts_for, self.written)
    }
}

/// The key two journals share when they belong to one application.
pub fn key(company: &str, role: &str) -> String {
    format!("{}\u{1f}{}", normalise(company), normalise(role))
}

/// Groups journals into applications, sorted by company and role.
pub fn group<'a>(
    journals: impl IntoIterator<Item = &'a Journal>,
    today: NaiveDate,
    tz: Tz,
) -> Vec<Application<'a>> {
    let mut by_key: HashMap<&'a str, Vec<&'a Journal>> = HashMap::new();
    for j in journals {
        by_key.entry(j.key.as_str()).or_default().push(j);
    }
    let mut apps: Vec<Application<'a>> = by_key
        .into_iter()
        .map(|(key, mut js)| {
            js.sort_by_cached_key(|j| (j.date.instant(tz), j.path.as_str()));
            build(key.to_string(), js, today, tz)
        })
        .collect();
    apps.sort_by(|a, b| a.key.cmp(&b.key));
    apps
}

/// [`group`] of journals that come in runs of one application each, in
/// the order of their keys, as a timeline gives them (a year of weekly
/// reports groups every journal 53 times): the same applications, found
/// without hashing. Journals in any other order are grouped by [`group`].
pub fn group_runs<'a>(journals: &[&'a Journal], today: NaiveDate, tz: Tz) -> Vec<Application<'a>> {
    if !journals.windows(2).all(|w| w[0].key <= w[1].key) {
        return group(journals.iter().copied(), today, tz);
    }
    journals
        .chunk_by(|a, b| a.key == b.key)
        .map(|run| {
            let mut js = run.to_vec();
            js.sort_by_cached_key(|j| (j.date.instant(tz), j.path.as_str()));
            build(run[0].key.clone(), js, today, tz)
        })
        .collect()
}

fn build<'a>(key: String, all: Vec<&'a Journal>, today: NaiveDate, tz: Tz) -> Application<'a> {
    let latest = *all.last().expect("an application has a journal");
    let setter = all.iter().rev().find(|j| j.outcome.is_some()).copied();
    let (mut journals, mut scheduled): (Vec<&'a Journal>, Vec<&'a Journal>) =
        all.iter().partition(|j| j.date.date(tz) <= today);
    let contact = journals
        .iter()
        .rev()
        .find_map(|j| j.contact.clone())
        .or_else(|| {
            journals
                .iter()
                .rev()
                .find_map(|j| j.interviewers.first().map(|i| i.name.clone()))
        });
    let mut outcome = setter.and_then(|j| j.outcome).unwrap_or(Outcome::Pending);
    let mut outcome_on = setter.map(|j| j.outcome_on.unwrap_or_else(|| j.date.date(tz)));
    let mut outcome_journal = setter;
    // Withdrawing is an outcome even when only the note saying so is
    // written down: nothing more is due, and no interview is still to come.
    if outcome == Outcome::Pending
        && let Some((j, s)) = all
            .iter()
            .flat_map(|j| j.sent.iter().map(move |s| (*j, s)))
            .filter(|(_, s)| s.kind == Kind::Withdraw)
            .min_by_key(|(_, s)| s.on.date(tz))
    {
        outcome = Outcome::Withdrawn;
        outcome_on = Some(s.on.date(tz));
        outcome_journal = Some(j);
    }
    // Interviews booked for after you withdrew never took place.
    if let (Outcome::Withdrawn, Some(on)) = (outcome, outcome_on) {
        let held = |j: &&Journal| j.date.date(tz) <= on || j.outcome.is_some();
        journals.retain(held);
        scheduled.retain(held);
    }
    let named = journals
        .last()
        .or(scheduled.first())
        .copied()
        .unwrap_or(latest);
    Application {
        key,
        company: named.company.clone(),
        role: named.role.clone(),
        outcome,
        outcome_on,
        outcome_journal,
        contact,
        no_contact_before: all.iter().filter_map(|j| j.no_contact_before).max(),
        decision_by: all.iter().filter_map(|j| j.decision_by).max(),
        journals,
        scheduled,
        people: OnceLock::new(),
        thanks: OnceLock::new(),
        tz,
    }
}

impl<'a> Application<'a> {
    /// The latest interview that happened.
    pub fn latest(&self) -> Option<&'a Journal> {
        self.journals.last().copied()
    }

    /// Every `sent` entry of every past journal, with its journal.
    pub fn sent(&self) -> impl Iterator<Item = (&'a Journal, &'a Sent)> + '_ {
        self.journals
            .iter()
            .flat_map(|j| j.sent.iter().map(move |s| (*j, s)))
    }

    /// Every reply of every past journal.
    pub fn replies(&self) -> impl Iterator<Item = &'a Reply> + '_ {
        self.journals.iter().flat_map(|j| j.replies.iter())
    }

    /// Whether it is still in play (pending or an offer standing): only
    /// then are its scheduled interviews still to come.
    pub fn is_open(&self) -> bool {
        matches!(self.outcome, Outcome::Pending | Outcome::Offer)
    }

    /// Its people, each once, with what any journal says of them.
    pub fn people(&self) -> &People {
        self.people.get_or_init(|| {
            // What the interviews that happened say comes first, the
            // latest first; a scheduled one only fills in what they lack.
            let mut all: Vec<&Journal> = self.journals.iter().rev().copied().collect();
            all.extend(&self.scheduled);
            People::of(&all)
        })
    }

    /// `name` as the application knows it in full ("Priya" → "Priya
    /// Patel" when she is written so anywhere), else as written.
    pub fn full_name(&self, name: &str) -> String {
        self.interviewer(name)
            .map_or_else(|| name.to_string(), |i| i.name.clone())
    }

    /// The person to check in with, in full.
    pub fn contact_name(&self) -> Option<String> {
        self.contact.as_deref().map(|c| self.full_name(c))
    }

    /// The interviewer of this application with that name, with what every
    /// journal says of them (see [`People`]).
    pub fn interviewer(&self, name: &str) -> Option<&Interviewer> {
        self.people().find(name)
    }

    /// The channel `name` asked for in any journal of the application.
    pub fn prefers(&self, name: &str) -> Option<Channel> {
        self.interviewer(name).and_then(|i| i.prefers)
    }

    /// How to send `person` a follow-up of `kind`: their `prefers`, else the
    /// channel of the latest journal that names them, else of the latest
    /// journal, a card only for the kinds in `cards` (see
    /// [`super::model::channel_for`]).
    pub fn channel_for(&self, person: Option<&str>, kind: Kind, cards: &[String]) -> Channel {
        if let Some(name) = person {
            for j in self.journals.iter().rev() {
                if j.interviewer(name).is_some() {
                    return super::model::channel_for(kind, j.channel, self.prefers(name), cards);
                }
            }
        }
        let journal = self.latest().map_or(Channel::Email, |j| j.channel);
        super::model::channel_for(kind, journal, None, cards)
    }

    /// Every thank-you of the application, each name where it counts: a
    /// name that is an interviewer of the journal the entry is written in
    /// counts there; a name met only in another journal of the application
    /// counts for that person's latest interview on or before the day it
    /// was sent (the note was meant for that interview, and written in the
    /// wrong file); an entry without `to` thanks everyone of its journal.
    pub fn thanks(&self) -> &[Thanks<'a>] {
        self.thanks.get_or_init(|| self.find_thanks())
    }

    /// [`Application::thanks`], worked out.
    fn find_thanks(&self) -> Vec<Thanks<'a>> {
        let tz = self.tz;
        let mut out = Vec::new();
        for j in &self.journals {
            for s in j.sent.iter().filter(|s| s.kind == Kind::ThankYou) {
                if s.to.is_empty() {
                    out.push(Thanks {
                        written: j,
                        sent: s,
                        counts_for: j,
                        to: None,
                    });
                    continue;
                }
                let on = s.on.date(tz);
                for to in &s.to {
                    let counts_for = if j.interviewer(to).is_some() {
                        j
                    } else {
                        self.journals
                            .iter()
                            .rev()
                            .find(|k| k.date.date(tz) <= on && k.interviewer(to).is_some())
                            .unwrap_or(j)
                    };
                    out.push(Thanks {
                        written: j,
                        sent: s,
                        counts_for,
                        to: Some(to),
                    });
                }
            }
        }
        out
    }

    /// Whether a `sent` entry in journal `j` was addressed to `person`
    /// (an entry without `to` goes to every interviewer of its journal).
    pub fn reaches(j: &Journal, sent: &Sent, person: &str) -> bool {
        if sent.to.is_empty() {
            j.interviewer(person).is_some()
        } else {
            sent.to
                .iter()
                .any(|t| same_person(person, t) || same_person(t, person))
        }
    }
}

#[cfg(test)]
mod group_tests {
    use super::*;

    fn journal(path: &str, company: &str, date: &str) -> Journal {
        let text = format!("---\ncompany: {company}\nrole: R\ndate: {date}\n---\n");
        crate::journal::parse(path, text.as_bytes(), &["x"], &[])
            .journal
            .expect("a journal")
    }

    fn shape<'a>(apps: &[Application<'a>]) -> Vec<(String, Vec<&'a str>)> {
        apps.iter()
            .map(|a| {
                let paths = a
                    .journals
                    .iter()
                    .chain(&a.scheduled)
                    .map(|j| j.path.as_str());
                (a.key.clone(), paths.collect())
            })
            .collect()
    }

    /// A booking typed in lower case does not rename the application in
    /// drafts to the employer: the name is the latest held interview's.
    #[test]
    fn the_name_is_the_latest_held_interviews() {
        let held = journal("a.md", "Acme", "2026-11-10");
        let booked = journal("b.md", "acme", "2026-11-30");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let apps = group([&held, &booked], today, Tz::UTC);
        assert_eq!(apps[0].company, "Acme");
        let only_booked = group([&booked], today, Tz::UTC);
        assert_eq!(only_booked[0].company, "acme");
    }

    /// Runs in key order give what hashing gives; any other order falls
    /// back to hashing.
    #[test]
    fn runs_of_one_application_group_as_hashing_does() {
        let js = [
            journal("content/b2.md", "Beta", "2026-11-03"),
            journal("content/a1.md", "Acme", "2026-11-05"),
            journal("content/b1.md", "Beta", "2026-11-01"),
            journal("content/c1.md", "Cyan", "2026-12-09"),
            journal("content/a2.md", "ACME", "2026-11-02"),
        ];
        let tz = chrono_tz::UTC;
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut runs: Vec<&Journal> = js.iter().collect();
        runs.sort_by(|a, b| a.key.cmp(&b.key));
        let hashed = group(js.iter(), day, tz);
        assert_eq!(shape(&group_runs(&runs, day, tz)), shape(&hashed));
        let shuffled: Vec<&Journal> = js.iter().collect();
        assert_eq!(shape(&group_runs(&shuffled, day, tz)), shape(&hashed));
        assert_eq!(hashed.len(), 3);
    }
}
