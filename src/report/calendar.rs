//! `calendar.ics` (RFC 5545): every open action as an all-day event on its
//! due date, and every scheduled interview at its time (in the configured
//! timezone, which a VTIMEZONE made here describes) or, when its journal
//! gives no time, as an all-day event, for calendar apps that subscribe to
//! the published site.
//!
//! Builds are reproducible and subscriptions update in place: the UID of an
//! event depends only on which action it is (rule, journal, person, title)
//! or which journal an interview is written in, never on its date, and
//! DTSTAMP is the last day its application changed (an interview, a
//! follow-up, a reply or an outcome), not the build time.
//!
//! Values come from journals and must not shape the file: control characters
//! are taken out of every value before it is written (see [`clean`]). The
//! icalendar crate writes the calendar around the events; the events are
//! written here, in one pass (see [`event`]).

use std::borrow::Cow;

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::Calendar;

use super::scheduled::Interview;
use crate::journal::application::Application;
use crate::rules::Action;
use crate::time::add_days;

/// One event to write.
pub struct Entry<'a> {
    /// The open action.
    pub action: &'a Action,
    /// Its draft: subject (for email) and text.
    pub draft: Option<(Option<&'a str>, &'a str)>,
    /// The last day its application changed.
    pub changed: NaiveDate,
    /// Its journal's page, when the site's URL is known.
    pub url: Option<String>,
}

/// A 64-bit FNV-1a hash: stable across Rust versions and platforms, unlike
/// the standard library's hasher.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The UID of an action's event.
pub fn uid(a: &Action) -> String {
    // Parts end with 0xff, a byte UTF-8 never contains, so they cannot run together.
    let parts = [
        a.rule,
        &a.journal,
        a.person.as_deref().unwrap_or(""),
        &a.title,
    ];
    let h = fnv1a(parts.iter().flat_map(|p| p.bytes().chain([0xff])));
    format!("{h:016x}-{}@debrief", a.rule)
}

/// The last day anything happened in an application, up to `today`.
pub fn changed(app: &Application<'_>, today: NaiveDate, tz: Tz) -> NaiveDate {
    let mut days: Vec<NaiveDate> = Vec::new();
    for j in &app.journals {
        days.push(j.date.date(tz));
        days.extend(j.sent.iter().map(|s| s.on.date(tz)));
        days.extend(j.replies.iter().map(|r| r.on));
    }
    days.extend(app.outcome_on);
    days.into_iter()
        .filter(|d| *d <= today)
        .max()
        .unwrap_or(today)
}

/// `value` without its control characters (C0, DEL and C1). A calendar app
/// may take a bare CR, or another control, for the end of a line, so a name
/// like `"Bob\rATTENDEE:mailto:x"` would start a property of its own. Line
/// feeds stay when `lines` is set: TEXT values write them as `\n`.
fn clean(value: &str, lines: bool) -> Cow<'_, str> {
    let unwanted = |c: char| c.is_control() && !(lines && c == '\n');
    if value.contains(unwanted) {
        Cow::Owned(value.chars().filter(|c| !unwanted(*c)).collect())
    } else {
        Cow::Borrowed(value)
    }
}

/// The calendar, named `name`.
pub fn ics(name: &str, entries: &[Entry<'_>]) -> String {
    let events: Vec<String> = entries.iter().map(event).collect();
    wrap(name, events.iter().map(String::as_str))
}

/// A calendar named `name`, with its properties and no events.
fn named(name: &str) -> Calendar {
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//debrief//interview follow-ups//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        cal.append_property(icalendar::Property::new(key, value));
    }
    cal.name(&clean(name, false));
    cal.done()
}

/// What goes around the events of the calendar named `name`: its start,
/// with its properties, and its end.
pub fn frame(name: &str) -> (String, &'static str) {
    let mut head = named(name).to_string();
    // An empty calendar ends with END:VCALENDAR right after its properties:
    // the events go there, as the calendar would write them.
    let end = "END:VCALENDAR\r\n";
    assert!(head.ends_with(end), "a calendar ends so");
    head.truncate(head.len() - end.len());
    (head, end)
}

/// The calendar named `name` around events made by [`event`].
pub fn wrap<'e>(name: &str, events: impl Iterator<Item = &'e str>) -> String {
    let (mut out, end) = frame(name);
    for e in events {
        out += e;
    }
    out += end;
    out
}

/// What an entry's event says: the action, and its draft when it has one.
fn description(e: &Entry<'_>) -> String {
    let a = e.action;
    let mut description = format!("{} ({}: {}).", a.title, a.company, a.role);
    if let Some(c) = a.channel {
        description += &format!(" By {}.", c.as_str());
    }
    if let Some((subject, body)) = e.draft {
        description += "\n\n";
        if let Some(s) = subject {
            description += &format!("Subject: {s}\n\n");
        }
        description += body;
    }
    description
}

/// One entry's event, as the calendar writes it (the properties in the
/// order the icalendar crate writes them, so that [`wrap`] makes what it
/// would). Written here rather than by the crate: its writer finds each fold
/// by counting from the start of the line, which took 18 s for a draft
/// holding a 5 MB `learned`.
pub fn event(e: &Entry<'_>) -> String {
    let a = e.action;
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let mut out = String::from("BEGIN:VEVENT\r\n");
    line(&mut out, "CATEGORIES", a.rule);
    line(&mut out, "DESCRIPTION", &text(&description(e), true));
    line(&mut out, "DTEND;VALUE=DATE", &day(add_days(a.due, 1)));
    line(&mut out, "DTSTAMP", &format!("{}T000000Z", day(e.changed)));
    line(&mut out, "DTSTART;VALUE=DATE", &day(a.due));
    let summary = format!("{} ({})", a.title, a.company);
    line(&mut out, "SUMMARY", &text(&summary, false));
    line(&mut out, "TRANSP", "TRANSPARENT");
    line(&mut out, "UID", &uid(a));
    if let Some(url) = &e.url {
        // A URI, not text: nothing is escaped.
        line(&mut out, "URL", &clean(url, false));
    }
    out += "END:VEVENT\r\n";
    out
}

/// A scheduled interview to write as an event.
pub struct InterviewEntry<'a> {
    /// The interview.
    pub interview: &'a Interview,
    /// The last day its application changed.
    pub changed: NaiveDate,
    /// Its journal's page, when the site's URL is known.
    pub url: Option<String>,
}

/// The UID of a scheduled interview's event: its journal's, so that moving
/// the interview to another day moves the event.
pub fn interview_uid(i: &Interview) -> String {
    let h = fnv1a(
        ["interview", i.journal.as_str()]
            .iter()
            .flat_map(|p| p.bytes().chain([0xff])),
    );
    format!("{h:016x}-interview@debrief")
}

/// Whether times in `tz` are written in UTC (`…Z`), with no VTIMEZONE.
fn is_utc(tz: Tz) -> bool {
    matches!(
        tz.name(),
        "UTC" | "Etc/UTC" | "UCT" | "Etc/UCT" | "Universal" | "Etc/Universal" | "Zulu" | "Etc/Zulu"
    )
}

/// `at` as a UTC DATE-TIME value.
fn utc_time(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The DTSTART of an interview at `at`: the local time with the TZID of
/// `tz`, or UTC in UTC itself and where the local time would name another
/// instant (the second pass of the hour a clock going back repeats: a
/// repeated local time means its first, RFC 5545 3.3.5).
fn start(at: DateTime<Utc>, tz: Tz) -> (String, String) {
    let local = at.with_timezone(&tz);
    let wall = local.naive_local();
    let read_back = tz.from_local_datetime(&wall).earliest() == Some(local);
    if is_utc(tz) || !read_back {
        ("DTSTART".into(), utc_time(at))
    } else {
        (
            format!("DTSTART;TZID={}", tz.name()),
            wall.format("%Y%m%dT%H%M%S").to_string(),
        )
    }
}

/// What an interview's event says: its title and role, who will interview
/// you and how.
fn interview_description(i: &Interview) -> String {
    let mut d = format!("{}, for the {} position.", i.title, i.role);
    if !i.interviewers.is_empty() {
        d += &format!(" With {}.", i.interviewers.join(", "));
    }
    if let Some(f) = &i.format {
        d += &format!(" Format: {f}.");
    }
    d
}

/// "Onsite interview: Acme — Backend Developer".
fn interview_summary(i: &Interview) -> String {
    format!("{}: {} — {}", i.kind(), i.company, i.role)
}

/// One scheduled interview's event, written as [`event`] writes an
/// action's: at its time in `tz` (busy) when its journal gives one, else
/// all day (free: the day is not taken, only marked).
pub fn interview_event(e: &InterviewEntry<'_>, tz: Tz) -> String {
    let i = e.interview;
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let mut out = String::from("BEGIN:VEVENT\r\n");
    line(&mut out, "CATEGORIES", "interview");
    line(
        &mut out,
        "DESCRIPTION",
        &text(&interview_description(i), false),
    );
    if i.at.is_none() {
        line(&mut out, "DTEND;VALUE=DATE", &day(add_days(i.date, 1)));
    }
    line(&mut out, "DTSTAMP", &format!("{}T000000Z", day(e.changed)));
    match i.at {
        Some(at) => {
            let (key, value) = start(at.with_timezone(&Utc), tz);
            line(&mut out, &key, &value);
            // No journal says how long: an hour holds the time, where no
            // end at all would make it an instant.
            line(&mut out, "DURATION", "PT1H");
        }
        None => line(&mut out, "DTSTART;VALUE=DATE", &day(i.date)),
    }
    line(&mut out, "SUMMARY", &text(&interview_summary(i), false));
    let busy = if i.at.is_some() {
        "OPAQUE"
    } else {
        "TRANSPARENT"
    };
    line(&mut out, "TRANSP", busy);
    line(&mut out, "UID", &interview_uid(i));
    if let Some(url) = &e.url {
        line(&mut out, "URL", &clean(url, false));
    }
    out += "END:VEVENT\r\n";
    out
}

/// How far back [`vtimezone`] looks for the change of offset that began
/// the one the first event falls in.
const LOOK_BACK_DAYS: i64 = 400;

/// The offset of `tz` at `at`, in seconds east of UTC.
fn offset_at(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The first instant after `before` and at or before `after` at which `tz`
/// has the offset it has at `after` (the two differ).
fn change_between(tz: Tz, mut before: DateTime<Utc>, mut after: DateTime<Utc>) -> DateTime<Utc> {
    let target = offset_at(tz, after);
    while after - before > Duration::seconds(1) {
        let mid = before + (after - before) / 2;
        if offset_at(tz, mid) == target {
            after = mid;
        } else {
            before = mid;
        }
    }
    after
}

/// `seconds` east of UTC as a UTC-OFFSET value: `+0100`, `-0430`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// One observance of a VTIMEZONE: from the offset `from` to the one `tz`
/// has at `at`, starting then (`None`: since before the events).
fn observance(
    out: &mut String,
    tz: Tz,
    at: DateTime<Utc>,
    from: i32,
    onset: Option<DateTime<Utc>>,
) {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    let kind = if offset.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    out.push_str(&format!("BEGIN:{kind}\r\n"));
    // The onset as a local time in the offset it ends (RFC 5545 3.6.5).
    let dtstart = match onset {
        Some(t) => (t.naive_utc() + Duration::seconds(i64::from(from)))
            .format("%Y%m%dT%H%M%S")
            .to_string(),
        None => "19700101T000000".into(),
    };
    line(out, "DTSTART", &dtstart);
    line(out, "TZOFFSETFROM", &utc_offset(from));
    line(
        out,
        "TZOFFSETTO",
        &utc_offset(offset.fix().local_minus_utc()),
    );
    if let Some(name) = offset.abbreviation() {
        line(out, "TZNAME", &text(name, false));
    }
    out.push_str(&format!("END:{kind}\r\n"));
}

/// The VTIMEZONE that events written with the TZID of `tz` (see
/// [`interview_event`]) refer to, covering the instants `at`: the offset
/// in force at the first, and every change of offset up to the last.
/// `None` when there is nothing to describe (no instants, or `tz` is UTC).
pub fn vtimezone(tz: Tz, at: impl IntoIterator<Item = DateTime<Utc>>) -> Option<String> {
    let (mut first, mut last): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = (None, None);
    for t in at {
        first = Some(first.map_or(t, |f| f.min(t)));
        last = Some(last.map_or(t, |l| l.max(t)));
    }
    let (first, last) = (first?, last?);
    if is_utc(tz) {
        return None;
    }
    let day = Duration::days(1);
    let mut out = String::from("BEGIN:VTIMEZONE\r\n");
    line(&mut out, "TZID", tz.name());
    // The change that began the offset in force at the first event, if
    // there was one in the year before it.
    let now = offset_at(tz, first);
    let mut probe = first;
    let mut onset = None;
    for _ in 0..LOOK_BACK_DAYS {
        let Some(earlier) = probe.checked_sub_signed(day) else {
            break;
        };
        if offset_at(tz, earlier) != now {
            onset = Some((offset_at(tz, earlier), change_between(tz, earlier, probe)));
            break;
        }
        probe = earlier;
    }
    match onset {
        Some((from, t)) => observance(&mut out, tz, first, from, Some(t)),
        None => observance(&mut out, tz, first, now, None),
    }
    // Every change after it, up to the last event, a day at a time: no
    // zone changes its offset twice in a day.
    let mut probe = first;
    let mut offset = now;
    while probe < last {
        let next = (probe + day).min(last);
        let then = offset_at(tz, next);
        if then != offset {
            let t = change_between(tz, probe, next);
            observance(&mut out, tz, t, offset, Some(t));
            offset = then;
        }
        probe = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    Some(out)
}

/// `value` as a TEXT value (RFC 5545 3.3.11): cleaned (see [`clean`]), with
/// backslashes, commas, semicolons and line feeds escaped.
fn text(value: &str, lines: bool) -> String {
    let value = clean(value, lines);
    let mut out = String::with_capacity(value.len() + value.len() / 8);
    for c in value.chars() {
        match c {
            '\\' | ',' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// The longest a line may be, in octets, without its CRLF (RFC 5545 3.1).
const LINE: usize = 75;

/// Appends the content line `key:value` to `out`, folded in one pass: no
/// line longer than [`LINE`] octets, no fold inside a character, each fold a
/// CRLF and a space. A line does not end in a space where it can end
/// before: some readers trim lines before they unfold them.
fn line(out: &mut String, key: &str, value: &str) {
    let whole = format!("{key}:{value}");
    out.reserve(whole.len() + whole.len() / (LINE - 1) * 3 + 2);
    let mut rest = whole.as_str();
    let mut room = LINE;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let spaced = rest[..cut].trim_end_matches(' ').len();
        if spaced > 0 {
            cut = spaced;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The space that starts the next line counts.
        room = LINE - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone, Utc};
    use icalendar::{Component, EventLike};

    #[test]
    fn uids_ignore_the_date_but_not_the_person() {
        let js = crate::rules::testkit::journals(&[
            "company: A\nrole: R\ndate: 2026-11-17\ninterviewers: [Ann Lee, Bo Chen]",
        ]);
        let cfg = crate::config::Config::default();
        let at = |d: &str| {
            let ctx = crate::rules::Ctx {
                today: crate::time::parse_date(d).unwrap(),
                tz: chrono_tz::UTC,
                config: &cfg,
                accepted: None,
            };
            crate::rules::evaluate(&js, Vec::new(), &ctx).actions
        };
        let (early, late) = (at("2026-11-17"), at("2026-11-25"));
        let thanks: Vec<String> = early
            .iter()
            .filter(|a| a.rule == "thank-you")
            .map(uid)
            .collect();
        assert_eq!(thanks.len(), 2);
        assert_ne!(thanks[0], thanks[1]);
        let later: Vec<String> = late
            .iter()
            .filter(|a| a.rule == "thank-you")
            .map(uid)
            .collect();
        assert_eq!(thanks, later, "status changes, the event stays the same");
        // FNV-1a's published test vector, then a pinned UID: a subscribed
        // calendar duplicates every event if this ever changes.
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(thanks[0], "c3bf4b39d60b9b89-thank-you@debrief");
    }

    /// The properties the calendar is written with: no other may appear.
    const WRITTEN: [&str; 17] = [
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "NAME",
        "X-WR-CALNAME",
        "CATEGORIES",
        "DESCRIPTION",
        "DTEND",
        "DTSTAMP",
        "DTSTART",
        "SUMMARY",
        "TRANSP",
        "UID",
        "URL",
    ];

    /// An action of an interview with `person` at `company`, due on 17 November.
    fn action(person: &str, company: &str) -> Action {
        Action {
            id: String::new(),
            entry: None,
            rule: "thank-you",
            status: crate::rules::Status::Due,
            due: crate::time::parse_date("2026-11-17").unwrap(),
            due_at: None,
            person: Some(person.into()),
            company: company.into(),
            role: "Dev".into(),
            journal: "content/acme/2026-11-16-screen.md".into(),
            channel: Some(crate::journal::model::Channel::Email),
            title: format!("Thank {person} for the interview"),
            draft: true,
        }
    }

    #[test]
    fn control_characters_in_values_cannot_start_properties() {
        // A bare CR in a name passed into SUMMARY and DESCRIPTION: apps that
        // break lines on it read `ATTENDEE:mailto:x` as a property.
        let mut a = action("Bob\rATTENDEE:mailto:x", "Acme\u{7f}\u{85}\u{9b}");
        a.role = "Dev\u{0}".into();
        let entry = Entry {
            action: &a,
            draft: Some((
                Some("Thanks\r\nBCC:x"),
                "Dear Bob,\r\nthank you.\u{b}\u{1b}[31m\tBye",
            )),
            changed: a.due,
            url: Some("https://x.example/journals/a/\r\nATTACH:evil".into()),
        };
        let ics = ics("Follow-ups\rX-EVIL:1", &[entry]);
        let body = ics.replace("\r\n", "");
        assert!(!body.contains(char::is_control), "{ics:?}");
        // Split at any line break an app might take: only written properties.
        for line in ics.split(['\r', '\n']) {
            if line.is_empty() || line.starts_with(' ') {
                continue;
            }
            let key = line.split([':', ';']).next().unwrap_or_default();
            assert!(WRITTEN.contains(&key), "{line:?} in {ics:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        let value = |key: &str| {
            unfolded
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("no {key} in {unfolded}"))
                .trim_end()
                .to_string()
        };
        assert_eq!(
            value("SUMMARY:"),
            "Thank BobATTENDEE:mailto:x for the interview (Acme)"
        );
        assert_eq!(value("X-WR-CALNAME:"), "Follow-upsX-EVIL:1");
        assert_eq!(value("URL:"), "https://x.example/journals/a/ATTACH:evil");
        // The draft's line ends are kept, written as `\n`.
        assert!(
            value("DESCRIPTION:")
                .ends_with("Subject: Thanks\\nBCC:x\\n\\nDear Bob\\,\\nthank you.[31mBye"),
            "{}",
            value("DESCRIPTION:")
        );
    }

    /// `ics` with its folds undone.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn events_say_what_the_icalendar_crate_would_write() {
        // The events are written by hand for speed: unfolded, they are what
        // the crate writes, escapes included.
        let a = action("Ann Lee", "Acme; Inc.");
        for (draft, url) in [
            (None, None),
            (
                Some((Some("Thanks, Ann"), "Dear Ann,\nthank you; C:\\tmp.")),
                Some("https://x.example/journals/a-b/".to_string()),
            ),
        ] {
            let entry = Entry {
                action: &a,
                draft,
                changed: crate::time::parse_date("2026-11-16").unwrap(),
                url: url.clone(),
            };
            let mut theirs = icalendar::Event::new();
            theirs
                .uid(&uid(&a))
                .timestamp(Utc.from_utc_datetime(&entry.changed.and_time(NaiveTime::MIN)))
                .summary("Thank Ann Lee for the interview (Acme; Inc.)")
                .description(&description(&entry))
                .starts(a.due)
                .ends(add_days(a.due, 1))
                .add_property("CATEGORIES", a.rule)
                .add_property("TRANSP", "TRANSPARENT");
            if let Some(url) = &url {
                theirs.url(url);
            }
            let ours = event(&entry);
            assert_eq!(unfold(&ours), unfold(&theirs.done().to_string()));
            assert!(ours.contains("Acme\\; Inc."), "{ours}");
        }
    }

    #[test]
    fn a_value_of_megabytes_folds_in_one_pass_and_unfolds_to_itself() {
        // A draft holding a 5 MB `learned` took 18 s to build: icalendar
        // finds each fold by counting from the start of the line.
        let piece = "the queue design, é老🦀; ";
        let body = piece.repeat(5_000_000 / piece.len()) + "end";
        let a = action("Ann Lee", "Acme");
        let entry = Entry {
            action: &a,
            draft: Some((None, &body)),
            changed: a.due,
            url: None,
        };
        let ics = event(&entry);
        assert!(ics.ends_with("END:VEVENT\r\n"));
        let lines: Vec<&[u8]> = ics
            .as_bytes()
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert!(lines.len() > 5_000_000 / LINE, "{}", lines.len());
        for l in &lines {
            let l = l.strip_suffix(b"\r").expect("every line ends in CRLF");
            assert!(l.len() <= LINE, "{} octets", l.len());
            // Whole characters only, and never ending in a space.
            std::str::from_utf8(l).expect("a fold split a character");
            assert!(!l.ends_with(b" "));
        }
        let unfolded = unfold(&ics);
        let description = unfolded
            .lines()
            .find_map(|l| l.strip_prefix("DESCRIPTION:"))
            .unwrap();
        assert_eq!(description, text(&super::description(&entry), true));
        assert!(description.ends_with(&text(&body, true)));
    }

    #[test]
    fn events_joined_into_a_calendar_are_what_the_calendar_writes() {
        let day = crate::time::parse_date("2026-11-17").unwrap();
        let events: Vec<icalendar::Event> = ["Thank Ann", "Thank Bo"]
            .iter()
            .map(|title| {
                icalendar::Event::new()
                    .uid(title)
                    .timestamp(Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
                    .summary(title)
                    .description("Line one,\nline two")
                    .starts(day)
                    .done()
            })
            .collect();
        let texts: Vec<String> = events.iter().map(|e| e.to_string()).collect();
        let joined = wrap("Follow-ups", texts.iter().map(String::as_str));
        // The same calendar made whole by the icalendar crate.
        let mut cal = named("Follow-ups");
        for e in events {
            cal.push(e);
        }
        assert_eq!(joined, cal.done().to_string());
        assert_eq!(joined.matches("BEGIN:VEVENT").count(), 2);
        let none = wrap("Follow-ups", std::iter::empty());
        assert!(
            none.ends_with("X-WR-CALNAME:Follow-ups\r\nEND:VCALENDAR\r\n"),
            "{none}"
        );
    }

    /// A scheduled interview at Acme: at `at` (RFC 3339), or all day on 24 November.
    fn interview(at: Option<&str>) -> Interview {
        Interview {
            date: crate::time::parse_date("2026-11-24").unwrap(),
            at: at.map(|a| chrono::DateTime::parse_from_rfc3339(a).unwrap()),
            company: "Acme; Inc.".into(),
            role: "Dev".into(),
            stage: Some("onsite".into()),
            format: Some("video".into()),
            interviewers: vec!["Bo Chen".into(), "Cy Dee".into()],
            title: "Onsite interview at Acme; Inc.".into(),
            journal: "content/acme/2026-11-24-onsite.md".into(),
        }
    }

    #[test]
    fn interview_events_say_what_the_icalendar_crate_would_write() {
        let berlin = chrono_tz::Europe::Berlin;
        let changed = crate::time::parse_date("2026-11-17").unwrap();
        let stamp = Utc.from_utc_datetime(&changed.and_time(NaiveTime::MIN));
        let url = Some("https://x.example/journals/acme/".to_string());
        // Timed, in the configured timezone.
        let timed = interview(Some("2026-11-24T14:30:00+01:00"));
        let ours = interview_event(
            &InterviewEntry {
                interview: &timed,
                changed,
                url: url.clone(),
            },
            berlin,
        );
        let mut theirs = icalendar::Event::new();
        theirs
            .uid(&interview_uid(&timed))
            .timestamp(stamp)
            .summary("Onsite interview: Acme; Inc. — Dev")
            .description(
                "Onsite interview at Acme; Inc., for the Dev position. With Bo Chen, Cy Dee. Format: video.",
            )
            .starts(icalendar::CalendarDateTime::WithTimezone {
                date_time: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
                    .unwrap()
                    .and_hms_opt(14, 30, 0)
                    .unwrap(),
                tzid: "Europe/Berlin".into(),
            })
            .add_property("CATEGORIES", "interview")
            .add_property("DURATION", "PT1H")
            .add_property("TRANSP", "OPAQUE")
            .url(url.as_deref().unwrap());
        assert_eq!(unfold(&ours), unfold(&theirs.done().to_string()));
        // All day when no time is given.
        let all_day = interview(None);
        let ours = interview_event(
            &InterviewEntry {
                interview: &all_day,
                changed,
                url: None,
            },
            berlin,
        );
        let mut theirs = icalendar::Event::new();
        theirs
            .uid(&interview_uid(&all_day))
            .timestamp(stamp)
            .summary("Onsite interview: Acme; Inc. — Dev")
            .description(
                "Onsite interview at Acme; Inc., for the Dev position. With Bo Chen, Cy Dee. Format: video.",
            )
            .starts(all_day.date)
            .ends(add_days(all_day.date, 1))
            .add_property("CATEGORIES", "interview")
            .add_property("TRANSP", "TRANSPARENT");
        assert_eq!(unfold(&ours), unfold(&theirs.done().to_string()));
        // The UID is the journal's: pinned, as a subscription relies on it.
        assert_eq!(interview_uid(&timed), interview_uid(&all_day));
        assert_eq!(interview_uid(&timed), "3e9c42706e32b273-interview@debrief");
    }

    #[test]
    fn interview_times_are_utc_where_a_local_time_would_be_ambiguous() {
        let london = chrono_tz::Europe::London;
        let at = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&Utc)
        };
        // 01:30 happens twice on 25 October 2026 in London; the second time
        // is written in UTC.
        assert_eq!(
            start(at("2026-10-25T01:30:00+01:00"), london),
            (
                "DTSTART;TZID=Europe/London".into(),
                "20261025T013000".into()
            )
        );
        assert_eq!(
            start(at("2026-10-25T01:30:00+00:00"), london),
            ("DTSTART".into(), "20261025T013000Z".into())
        );
        assert_eq!(
            start(at("2026-11-24T09:00:00+00:00"), chrono_tz::UTC),
            ("DTSTART".into(), "20261124T090000Z".into())
        );
        assert_eq!(
            vtimezone(chrono_tz::UTC, [at("2026-11-24T09:00:00Z")]),
            None
        );
        assert_eq!(vtimezone(london, []), None);
    }

    /// The offset (seconds east of UTC) the observances of `vtimezone` give
    /// at `t`: that of the latest one to begin at or before it.
    fn offset_by(vtimezone: &str, t: chrono::DateTime<Utc>) -> Option<i32> {
        let seconds = |v: &str| {
            let sign = if v.starts_with('-') { -1 } else { 1 };
            let n = |r: std::ops::Range<usize>| v.get(r).map_or(0, |d| d.parse::<i32>().unwrap());
            sign * (n(1..3) * 3600 + n(3..5) * 60 + n(5..7))
        };
        let mut best: Option<(chrono::DateTime<Utc>, i32)> = None;
        for block in vtimezone.split("BEGIN:").skip(2) {
            let value = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .unwrap()
                    .trim_end()
                    .to_string()
            };
            let from = seconds(&value("TZOFFSETFROM:"));
            let to = seconds(&value("TZOFFSETTO:"));
            let local =
                chrono::NaiveDateTime::parse_from_str(&value("DTSTART:"), "%Y%m%dT%H%M%S").unwrap();
            let onset = Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(from))));
            if onset <= t && best.is_none_or(|(b, _)| onset > b) {
                best = Some((onset, to));
            }
        }
        best.map(|(_, to)| to)
    }

    #[test]
    fn a_vtimezone_gives_every_event_the_offset_its_zone_has_then() {
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        for tz in [
            chrono_tz::America::New_York,
            chrono_tz::Europe::London,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Asia::Kolkata,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Pacific::Chatham,
        ] {
            // Events every 11 days and 7 hours for three years.
            let events: Vec<_> = (0..100)
                .map(|k| start + Duration::hours(k * (11 * 24 + 7)))
                .collect();
            let zone = vtimezone(tz, events.iter().copied()).unwrap();
            assert!(zone.starts_with(&format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name())));
            for t in &events {
                assert_eq!(
                    offset_by(&zone, *t),
                    Some(offset_at(tz, *t)),
                    "{tz} at {t}\n{zone}"
                );
            }
            // A zone with no change for years starts "since 1970".
            if tz == chrono_tz::Asia::Kolkata {
                assert!(zone.contains("DTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nTZNAME:IST\r\n"), "{zone}");
            }
        }
    }
}
