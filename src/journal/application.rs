//! Applications: the journals of one company and role taken together.
//!
//! Owns the grouping key (company and role, case-insensitive, trimmed) and the
//! merged view §2 defines: the outcome of the latest journal that sets one,
//! the latest `no_contact_before` and `decision_by`, the contact person.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::model::{
    Channel, Interviewer, Journal, Kind, Outcome, Reply, Sent, normalise, same_person,
};

/// The journals of one application, split into past and scheduled interviews.
#[derive(Debug)]
pub struct Application<'a> {
    /// The grouping key: normalised company and role.
    pub key: String,
    /// The company, spelled as in the latest journal.
    pub company: String,
    /// The role, spelled as in the latest journal.
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

fn build<'a>(key: String, all: Vec<&'a Journal>, today: NaiveDate, tz: Tz) -> Application<'a> {
    let latest = *all.last().expect("an application has a journal");
    let setter = all.iter().rev().find(|j| j.outcome.is_some()).copied();
    let (journals, scheduled): (Vec<&'a Journal>, Vec<&'a Journal>) =
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
    Application {
        key,
        company: latest.company.clone(),
        role: latest.role.clone(),
        outcome: setter.and_then(|j| j.outcome).unwrap_or(Outcome::Pending),
        outcome_on: setter.map(|j| j.outcome_on.unwrap_or_else(|| j.date.date(tz))),
        outcome_journal: setter,
        contact,
        no_contact_before: all.iter().filter_map(|j| j.no_contact_before).max(),
        decision_by: all.iter().filter_map(|j| j.decision_by).max(),
        journals,
        scheduled,
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

    /// The interviewer of this application with that name, latest journal first.
    pub fn interviewer(&self, name: &str) -> Option<&'a Interviewer> {
        self.journals.iter().rev().find_map(|j| j.interviewer(name))
    }

    /// How to send `person` a follow-up of `kind`: their `prefers`, else the
    /// channel of the latest journal that names them, else of the latest
    /// journal, a card only for the kinds in `cards` (see
    /// [`super::model::channel_for`]).
    pub fn channel_for(&self, person: Option<&str>, kind: Kind, cards: &[String]) -> Channel {
        if let Some(name) = person {
            for j in self.journals.iter().rev() {
                if let Some(i) = j.interviewer(name) {
                    return super::model::channel_for(kind, j.channel, i.prefers, cards);
                }
            }
        }
        let journal = self.latest().map_or(Channel::Email, |j| j.channel);
        super::model::channel_for(kind, journal, None, cards)
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
