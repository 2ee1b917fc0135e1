//! The application board: where each application stands, at a glance.
//!
//! Every application goes in one column, the first of these that fits: an
//! offer (with the date your answer is due), an interview scheduled, you
//! owe them something (a thank-you, a promised item, an answer…), waiting
//! on them (how long since you last heard, against the date they gave),
//! ghosted, and closed (accepted, declined, rejected, withdrawn). Pure:
//! the application, its open actions and today in, a card out.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::journal::Application;
use crate::journal::model::Outcome;
use crate::rules::{Action, Status};

/// A column of the board, in the order the board shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Column {
    /// An offer stands: answer it.
    Offer,
    /// An interview is on the calendar.
    Scheduled,
    /// You owe them something.
    Owe,
    /// The next move is theirs.
    Waiting,
    /// Quiet for longer than they said.
    Ghosted,
    /// Accepted, declined, rejected or withdrawn.
    Closed,
}

impl Column {
    /// Every column, in order.
    pub const ALL: [Column; 6] = [
        Column::Offer,
        Column::Scheduled,
        Column::Owe,
        Column::Waiting,
        Column::Ghosted,
        Column::Closed,
    ];

    /// Its id in the site (`owe`, `waiting`, …).
    pub fn id(self) -> &'static str {
        match self {
            Column::Offer => "offer",
            Column::Scheduled => "scheduled",
            Column::Owe => "owe",
            Column::Waiting => "waiting",
            Column::Ghosted => "ghosted",
            Column::Closed => "closed",
        }
    }

    /// Its heading.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Offer => "Offers",
            Column::Scheduled => "Interview scheduled",
            Column::Owe => "You owe them something",
            Column::Waiting => "Waiting on them",
            Column::Ghosted => "Gone quiet",
            Column::Closed => "Closed",
        }
    }
}

/// The rules whose actions wait on the employer rather than owe them
/// anything: a check-in asks them, a note to yourself is yours.
const NOT_OWED: [&str; 3] = ["check-in", "keep-warm", "reflection"];

/// The rules whose actions answer an offer.
const OFFER_RULES: [&str; 2] = ["offer-reply", "offer-decision"];

/// The next thing to do for an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Next {
    /// What.
    pub title: String,
    /// By when.
    pub due: NaiveDate,
    /// Whether it is late, due today or to come.
    pub status: Status,
}

/// One application on the board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// Its column.
    pub column: Column,
    /// Company and role.
    pub company: String,
    /// The role.
    pub role: String,
    /// Its outcome (`pending`, `offer`, `accepted`, …) or `ghosted`.
    pub standing: &'static str,
    /// The stage of its latest interview, when the journal gives one.
    pub stage: Option<String>,
    /// The last time you were in touch: an interview, something sent or a
    /// reply.
    pub last_contact: Option<NaiveDate>,
    /// Days from then to today.
    pub quiet_days: Option<i64>,
    /// The date they said they would decide (or that you should not get
    /// in touch before).
    pub expected: Option<NaiveDate>,
    /// Whether that date has passed.
    pub expected_passed: bool,
    /// The next interview, if one is scheduled.
    pub interview: Option<NaiveDate>,
    /// Its time of day (`HH:MM`), when its journal gives one.
    pub interview_time: Option<String>,
    /// The next action, soonest first.
    pub next: Option<Next>,
    /// For an offer: the day your answer is due.
    pub deadline: Option<NaiveDate>,
    /// How many actions are open.
    pub open: usize,
}

impl Card {
    /// Where it stands within its column: offers by deadline, interviews
    /// by date, debts by due date, the longest wait first, the latest
    /// closed first.
    pub fn order(&self) -> (Column, i64) {
        let day = |d: Option<NaiveDate>| d.map_or(i64::MAX, |d| i64::from(d.num_days_from_ce()));
        let key = match self.column {
            Column::Offer => day(self.deadline),
            Column::Scheduled => day(self.interview),
            Column::Owe => day(self.next.as_ref().map(|n| n.due)),
            Column::Waiting | Column::Ghosted => -self.quiet_days.unwrap_or(0),
            // The job you took first, then the latest closed.
            Column::Closed if self.standing == "accepted" => i64::MIN,
            Column::Closed => -self
                .last_contact
                .map_or(0, |d| i64::from(d.num_days_from_ce())),
        };
        (self.column, key)
    }
}

/// The card of `app`, whose open actions are `actions` (soonest first) and
/// whose standing is `standing` (see `pipeline::standing`).
pub fn card(
    app: &Application<'_>,
    actions: &[&Action],
    standing: &'static str,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> Card {
    let latest = app.latest();
    let last_contact = app
        .journals
        .iter()
        .map(|j| j.date.date(tz))
        .chain(app.sent().map(|(_, s)| s.on.date(tz)))
        .chain(app.replies().map(|r| r.on))
        // An outcome is word from them too (an offer, a no).
        .chain(app.outcome_on.filter(|_| app.outcome != Outcome::Pending))
        .filter(|d| *d <= today)
        .max();
    let expected = app.decision_by.or(app.no_contact_before);
    // Today's interview (with its time) counts as scheduled until tomorrow.
    let next_interview = super::prep::to_come(app, today, tz).next();
    let interview = next_interview.map(|j| j.date.date(tz));
    let interview_time = next_interview
        .filter(|j| j.date.has_time())
        .map(|j| j.date.instant(tz).format("%H:%M").to_string());
    let deadline = actions
        .iter()
        .filter(|a| OFFER_RULES.contains(&a.rule))
        .map(|a| a.due)
        .min();
    let owes = actions.iter().any(|a| !NOT_OWED.contains(&a.rule));
    let column = match app.outcome {
        Outcome::Accepted | Outcome::Declined | Outcome::Rejected | Outcome::Withdrawn => {
            Column::Closed
        }
        Outcome::Offer => Column::Offer,
        Outcome::Pending if interview.is_some() => Column::Scheduled,
        Outcome::Pending if owes => Column::Owe,
        Outcome::Pending if standing == "ghosted" => Column::Ghosted,
        Outcome::Pending => Column::Waiting,
    };
    let next = actions.first().map(|a| Next {
        title: a.title.clone(),
        due: a.due,
        status: a.status,
    });
    Card {
        column,
        company: app.company.clone(),
        role: app.role.clone(),
        standing,
        stage: latest.and_then(|j| j.stage.clone()),
        last_contact,
        quiet_days: last_contact.map(|d| (today - d).num_days()),
        expected,
        expected_passed: expected.is_some_and(|d| d < today),
        interview,
        interview_time,
        next,
        deadline,
        open: actions.len(),
    }
}
