//! What a journal says, as typed values: the `Journal` and its parts.
//!
//! Built by `schema.rs` from front-matter and by `markdown.rs` from the body;
//! read by the rules. Holds no parsing or rule logic.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::Loc;
use crate::time::When;

/// How to follow up with someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// An email.
    Email,
    /// A phone call.
    Phone,
    /// A handwritten card by post.
    Mail,
    /// A LinkedIn message.
    Linkedin,
}

impl Channel {
    /// Every channel, in the order the docs list them.
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Phone,
        Channel::Mail,
        Channel::Linkedin,
    ];

    /// The name as written in journals.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Mail => "mail",
            Channel::Linkedin => "linkedin",
        }
    }
}

/// How to send a follow-up of `kind` to someone: their `prefers` if they
/// gave one; else the journal's channel, except that a handwritten card
/// (`mail`) suits only the kinds in `cards` (a thank-you, by default): a
/// feedback request or a check-in goes by email instead.
pub fn channel_for(
    kind: Kind,
    journal: Channel,
    prefers: Option<Channel>,
    cards: &[String],
) -> Channel {
    match prefers {
        Some(c) => c,
        None if journal == Channel::Mail && !cards.iter().any(|k| k == kind.as_str()) => {
            Channel::Email
        }
        None => journal,
    }
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Still waiting.
    Pending,
    /// They made an offer.
    Offer,
    /// They said no.
    Rejected,
    /// You stepped back.
    Withdrawn,
    /// You accepted their offer.
    Accepted,
    /// You turned their offer down.
    Declined,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 6] = [
        Outcome::Pending,
        Outcome::Offer,
        Outcome::Rejected,
        Outcome::Withdrawn,
        Outcome::Accepted,
        Outcome::Declined,
    ];

    /// The name as written in journals.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Offer => "offer",
            Outcome::Rejected => "rejected",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Accepted => "accepted",
            Outcome::Declined => "declined",
        }
    }
}

/// What kind of follow-up a `sent` entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A thank-you note.
    ThankYou,
    /// Asking where things stand.
    CheckIn,
    /// Something useful, sent about monthly after the check-ins ran out.
    KeepWarm,
    /// Asking for feedback after a rejection.
    Feedback,
    /// Answering an offer.
    OfferReply,
    /// A LinkedIn connection request.
    Linkedin,
    /// Briefing references.
    References,
    /// Withdrawing from the process.
    Withdraw,
    /// Anything else.
    Other,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 9] = [
        Kind::ThankYou,
        Kind::CheckIn,
        Kind::KeepWarm,
        Kind::Feedback,
        Kind::OfferReply,
        Kind::Linkedin,
        Kind::References,
        Kind::Withdraw,
        Kind::Other,
    ];

    /// The name as written in journals.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ThankYou => "thank-you",
            Kind::CheckIn => "check-in",
            Kind::KeepWarm => "keep-warm",
            Kind::Feedback => "feedback",
            Kind::OfferReply => "offer-reply",
            Kind::Linkedin => "linkedin",
            Kind::References => "references",
            Kind::Withdraw => "withdraw",
            Kind::Other => "other",
        }
    }
}

/// `true` or the date something was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Done, date not noted.
    Yes,
    /// Done on that date.
    On(NaiveDate),
}

/// Someone who interviewed you.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interviewer {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub title: Option<String>,
    /// Their email address.
    pub email: Option<String>,
    /// Their phone number.
    pub phone: Option<String>,
    /// The channel they asked for, overriding the journal's.
    pub prefers: Option<Channel>,
    /// They agreed to connect on LinkedIn.
    pub linkedin: bool,
    /// What you talked about with them, phrased to follow "I enjoyed our
    /// conversation about …": what their drafts mention.
    pub discussed: Vec<String>,
    /// Where the entry is written.
    pub loc: Loc,
}

/// Something you promised to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    /// What it is.
    pub item: String,
    /// To whom.
    pub to: Option<String>,
    /// When it is due (default: the day after the interview).
    pub due: Option<NaiveDate>,
    /// Whether it was sent.
    pub done: Option<Done>,
    /// Where the entry is written.
    pub loc: Loc,
}

/// A follow-up you sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// What kind of follow-up.
    pub kind: Kind,
    /// To whom; empty means every interviewer of the journal.
    pub to: Vec<String>,
    /// When.
    pub on: When,
    /// How, if noted.
    pub channel: Option<Channel>,
    /// A free note.
    pub note: Option<String>,
    /// Where the entry is written.
    pub loc: Loc,
    /// Where its `channel` is written.
    pub channel_loc: Option<Loc>,
    /// For an `offer-reply`: the date you said you would decide by.
    pub decide_by: Option<NaiveDate>,
}

/// The employer getting back to you.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// When.
    pub on: NaiveDate,
    /// Who.
    pub from: Option<String>,
    /// What they said.
    pub note: Option<String>,
    /// Where the entry is written.
    pub loc: Loc,
}

/// A reference you listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Their name.
    pub name: String,
    /// Whether (and when) you told them they may be called.
    pub briefed: Option<Done>,
    /// Where the entry is written.
    pub loc: Loc,
}

/// Hide an open action until a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    /// The rule id of the action.
    pub rule: String,
    /// Hidden before this date.
    pub until: NaiveDate,
    /// Only the action for this person.
    pub to: Option<String>,
    /// Where the entry is written.
    pub loc: Loc,
}

/// Problems acknowledged in one part of a journal (`allow:`): they are
/// still listed, marked allowed, and no longer fail `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The rule ids, each where it is written.
    pub rules: Vec<(String, Loc)>,
    /// The first line of the entry it is written in.
    pub from: u32,
    /// The last line of that entry (the whole file for a top-level `allow`).
    pub to: u32,
}

/// What the body's reflection sections say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reflection {
    /// The headings of reflection sections, as written.
    pub sections: Vec<String>,
    /// List items under a "went well" heading.
    pub went_well: Vec<String>,
    /// List items under a "struggled" heading.
    pub struggled: Vec<String>,
    /// List items under a "takeaway" or "lesson" heading.
    pub takeaways: Vec<String>,
}

/// One interview, as its journal file describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    /// Its application's key, made from company and role when read (see
    /// [`crate::journal::application::key`]).
    pub key: String,
    /// The employer.
    pub company: String,
    /// The position.
    pub role: String,
    /// When the interview happened.
    pub date: When,
    /// Where `date` is written.
    pub date_loc: Loc,
    /// The title as written, if any.
    pub title: Option<String>,
    /// `screen`, `technical`, `onsite`, …
    pub stage: Option<String>,
    /// `in-person`, `video`, `phone`.
    pub format: Option<String>,
    /// How to follow up with this journal's interviewers.
    pub channel: Channel,
    /// Who interviewed you.
    pub interviewers: Vec<Interviewer>,
    /// The person to check in with.
    pub contact: Option<String>,
    /// Where `contact` is written.
    pub contact_loc: Option<Loc>,
    /// What they said happens next.
    pub next_steps: Option<String>,
    /// When they said they would decide.
    pub decision_by: Option<NaiveDate>,
    /// They asked not to be contacted before this date.
    pub no_contact_before: Option<NaiveDate>,
    /// What you promised to send.
    pub promised: Vec<Promise>,
    /// The follow-ups you sent.
    pub sent: Vec<Sent>,
    /// When the employer got back to you.
    pub replies: Vec<Reply>,
    /// The outcome, if this journal sets one.
    pub outcome: Option<Outcome>,
    /// When the outcome came.
    pub outcome_on: Option<NaiveDate>,
    /// What you talked about, phrased to follow "I enjoyed our
    /// conversation about …": what drafts mention, before `learned`.
    pub discussed: Vec<String>,
    /// Specific things learned, as notes (often about people, in the
    /// third person).
    pub learned: Vec<String>,
    /// Your strengths to reinforce.
    pub highlights: Vec<String>,
    /// References you listed.
    pub references: Vec<Reference>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Hidden actions.
    pub snooze: Vec<Snooze>,
    /// Acknowledged problems.
    pub allows: Vec<Allow>,
    /// Fields the schema does not know, kept to be shown.
    pub extra: Vec<(String, serde_json::Value)>,
    /// The Markdown body.
    pub body: String,
    /// The line of the file on which the body starts.
    pub body_line: u32,
    /// What the reflection sections say.
    pub reflection: Reflection,
}

/// What an interview at `stage` is called: "onsite interview", or
/// "interview" without a stage; a stage that already ends in "interview"
/// ("final round interview") as it is.
pub fn interview_name(stage: Option<&str>) -> String {
    match stage.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if s.to_lowercase().ends_with("interview") => s.to_string(),
        Some(s) => format!("{s} interview"),
        None => "interview".into(),
    }
}

impl Journal {
    /// The title as written, or one made from the stage and company.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let name = interview_name(self.stage.as_deref());
        let mut chars = name.chars();
        let first = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        format!("{first}{} at {}", chars.as_str(), self.company)
    }

    /// Who a `sent` entry of this journal went to: its `to`, or every
    /// interviewer when it names nobody (empty when there are none).
    pub fn recipients<'a>(&'a self, sent: &'a Sent) -> Vec<&'a str> {
        if sent.to.is_empty() {
            self.interviewers.iter().map(|i| i.name.as_str()).collect()
        } else {
            sent.to.iter().map(String::as_str).collect()
        }
    }

    /// The interviewer with this name, if any (see [`same_person`]).
    pub fn interviewer(&self, name: &str) -> Option<&Interviewer> {
        // The name as written is the usual case and costs a comparison;
        // a panel of thousands must not cost a name match per member.
        self.interviewers
            .iter()
            .find(|i| i.name == name)
            .or_else(|| {
                self.interviewers
                    .iter()
                    .find(|i| same_person(&i.name, name))
            })
    }
}

/// Titles written before a name ("Dr. Jane Smith").
pub const HONORIFICS: &[&str] = &[
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "sir",
    "dame",
    "rev",
];

/// Whether `word` is a title written before a name (`Dr.`, `Ms`, …).
pub fn is_honorific(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// The words of a name in the order first name first, without a title
/// before it: "Dr. Jane Smith" and "Smith, Jane" are both `Jane Smith`.
pub fn name_words(name: &str) -> Vec<&str> {
    let words: Vec<&str> = match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => first
            .split_whitespace()
            .chain(last.split_whitespace())
            .collect(),
        _ => name.split_whitespace().collect(),
    };
    let titles = words.iter().take_while(|w| is_honorific(w)).count();
    // A name that is only a title ("Dr.") is kept as it is.
    words[titles.min(words.len().saturating_sub(1))..].to_vec()
}

/// Whether a name written in `to` or `contact` means this person: the same
/// name ignoring case, spacing and a title before it ("Dr. Jane Smith",
/// "Smith, Jane"), or just their first name.
pub fn same_person(full: &str, written: &str) -> bool {
    // Most names need no reordering: they are compared where they lie
    // (the rules compare names often).
    let plain =
        |n: &str| !n.contains(',') && !n.split_whitespace().next().is_some_and(is_honorific);
    if plain(full) && plain(written) {
        return same_words(full.split_whitespace(), written.split_whitespace());
    }
    same_words(
        name_words(full).into_iter(),
        name_words(written).into_iter(),
    )
}

/// [`same_person`] of two names as words, first name first.
fn same_words<'a>(
    mut a: impl Iterator<Item = &'a str>,
    mut b: impl Iterator<Item = &'a str>,
) -> bool {
    let (a_first, b_first) = (a.next(), b.next());
    let (Some(a_first), Some(b_first)) = (a_first, b_first) else {
        // Both blank count as the same; one blank matches nothing.
        return a_first.is_none() && b_first.is_none();
    };
    if !same_word(a_first, b_first) {
        return false;
    }
    // A lone first name matches the full name it begins.
    let mut b = b.peekable();
    if b.peek().is_none() {
        return true;
    }
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_word(x, y) => {}
            _ => return false,
        }
    }
}

/// Two words equal but for case.
fn same_word(x: &str, y: &str) -> bool {
    x.chars()
        .flat_map(char::to_lowercase)
        .eq(y.chars().flat_map(char::to_lowercase))
}

/// Lower case, trimmed, inner white space collapsed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_loosely_but_not_wrongly() {
        assert!(same_person("Tony Stark", "tony  stark"));
        assert!(same_person("Tony Stark", "Tony"));
        assert!(!same_person("Tony Stark", "Pepper"));
        assert!(!same_person("Tony Stark", "Tony Banks"));
        assert!(!same_person("Tony Stark", ""));
        assert!(!same_person("", "Tony"));
        assert!(!same_person("Tony", "Tony Stark"));
        assert!(same_person(" TONY\tSTARK ", "tony stark"));
        assert!(same_person("Zoë Ørsted", "ZOË"));
        // A title before the name, and "Last, First".
        assert!(same_person("Mr. George Costanza", "George"));
        assert!(same_person("Dr Anjali Rao-Bhattacharya", "anjali"));
        assert!(same_person("Tyrell, Eldon", "Eldon"));
        assert!(same_person("Dr. Jian Yang", "Jian Yang"));
        assert!(!same_person("Dr. Jian Yang", "Dr. Li"));
        assert!(same_person("Dr.", "dr."));
    }

    #[test]
    fn an_interview_is_named_once() {
        assert_eq!(interview_name(Some("onsite")), "onsite interview");
        assert_eq!(interview_name(Some("Onsite Interview")), "Onsite Interview");
        assert_eq!(
            interview_name(Some("final round panel interview")),
            "final round panel interview"
        );
        assert_eq!(interview_name(Some("  ")), "interview");
        assert_eq!(interview_name(None), "interview");
        assert_eq!(normalise("  Acme\u{a0}CORP  Ltd "), "acme corp ltd");
        assert_eq!(normalise("Zoë  ÅS"), "zoë ås");
    }
}
