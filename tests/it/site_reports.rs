//! What `debrief build` writes for issue 4: weekly pages, the reflections
//! page, the SVG charts and `calendar.ics`, on the `report` fixture
//! (today Friday 20 November 2026), and that builds are reproducible.

use crate::common::{Case, files, read};

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

fn build(case: &Case, out: &Path, extra: &[&str]) {
    let mut args = vec!["build", "--output", out.to_str().unwrap()];
    args.extend(extra);
    let r = case.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn built(today: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&Case::new("report").today(today), &out, &[]);
    (tmp, out)
}

#[test]
fn a_page_for_every_week_from_the_first_interview_to_this_one() {
    let (_t, out) = built("2026-11-20");
    let weeks: Vec<String> = std::fs::read_dir(out.join("weeks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("-W"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // Initrode's screen on 14 September 2026 is in week 38; today is in week 47.
    let expected: Vec<String> = (38..=47).map(|n| format!("2026-W{n}")).collect();
    assert_eq!(weeks, expected);
    let index = read(&out, "weeks/index.html");
    for w in &expected {
        assert!(index.contains(&format!("href=\"{w}/\"")), "{w}");
    }
    // Newest first, each with a sparkline.
    assert!(index.find("2026-W47").unwrap() < index.find("2026-W38").unwrap());
    assert_eq!(index.matches("class=\"spark\"").count(), expected.len());

    let dashboard = read(&out, "index.html");
    assert!(dashboard.contains("href=\"weeks/2026-W47/\""));
    let this = read(&out, "weeks/2026-W47/index.html");
    assert!(this.contains("rel=\"prev\" href=\"../2026-W46/\""));
    assert!(!this.contains("rel=\"next\""));
    assert!(this.contains("Technical interview at Acme"));
    // The page says what `debrief report` says.
    let md = Case::new("report")
        .today("2026-11-20")
        .run(&["report"])
        .stdout;
    assert!(md.contains("**3** overdue, 3 due in the next seven days"));
    assert!(
        this.contains("<strong>3</strong> overdue, <strong>3</strong> due in the next seven days")
    );
}

#[test]
fn the_reflections_page_groups_struggles_and_lists_what_is_missing() {
    let (_t, out) = built("2026-11-20");
    let page = read(&out, "reflections/index.html");
    let practice =
        &page[page.find("id=\"practice-h\"").unwrap()..page.find("id=\"strengths-h\"").unwrap()];
    assert_eq!(practice.matches("<li>").count(), 3, "{practice}");
    assert!(practice.contains("<strong>Explaining the trade-offs in my system design.</strong> <span class=\"count\">3 times</span>"));
    let strengths =
        &page[page.find("id=\"strengths-h\"").unwrap()..page.find("id=\"takeaways-h\"").unwrap()];
    assert!(
        strengths.contains(
            "Clear story about the billing migration.</strong> <span class=\"count\">2 times</span>"
        ),
        "{strengths}"
    );
    assert!(page.contains("Draw the data flow before naming components."));
    let missing = &page[page.find("id=\"missing-h\"").unwrap()..];
    assert!(missing.contains("content/contoso/2026-11-19-screen.md"));
    // The count says how many are listed.
    let listed = missing.matches("<li>").count();
    assert!(listed > 0);
    assert!(
        missing.contains(&format!("<span class=\"count\">{listed}</span>")),
        "{missing}"
    );
    assert!(!missing.contains("content/acme/"));
}

#[test]
fn takeaways_are_listed_newest_interview_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let journal = |day: &str| {
        format!(
            "---\ncompany: Initech\nrole: QA\ndate: 2026-11-{day}\n---\n## Takeaways\n\n- Lesson of the {day}th.\n"
        )
    };
    let case = Case::temp()
        .today("2026-11-20")
        .file("content/initech/2026-11-10-call.md", journal("10"))
        .file("content/initech/2026-11-18-call.md", journal("18"))
        .file("content/initech/2026-11-02-call.md", journal("02"));
    build(&case, &out, &[]);
    let page = read(&out, "reflections/index.html");
    let takeaways =
        &page[page.find("id=\"takeaways-h\"").unwrap()..page.find("id=\"missing-h\"").unwrap()];
    let dates: Vec<&str> = takeaways
        .split("<time datetime=\"")
        .skip(1)
        .map(|t| &t[..10])
        .collect();
    assert!(dates.len() >= 3, "{takeaways}");
    assert_eq!(dates.first(), Some(&"2026-11-18"), "{dates:?}");
    assert_eq!(dates.last(), Some(&"2026-11-02"), "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

/// The `<svg>` elements of a page, parsed.
fn svgs(html: &str) -> Vec<String> {
    html.match_indices("<svg ")
        .map(|(i, _)| {
            let end = html[i..].find("</svg>").unwrap() + i + "</svg>".len();
            html[i..end].to_string()
        })
        .collect()
}

/// The `<title>` of every data bar of a chart.
fn bar_titles(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")))
        .map(|t| t.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_svg_is_xml_and_the_charts_show_the_fixture_numbers() {
    let (_t, out) = built("2026-11-20");
    for (rel, bytes, _) in files(&out) {
        if rel.ends_with(".html") {
            for svg in svgs(std::str::from_utf8(&bytes).unwrap()) {
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{rel}: {e}"));
            }
        }
    }
    let dashboard = read(&out, "index.html");
    let charts = svgs(&dashboard);
    assert_eq!(charts.len(), 3);

    // Pipeline: stage of the latest interview × outcome, Initrode ghosted.
    let mut pipeline = bar_titles(&charts[0]);
    pipeline.sort();
    assert_eq!(
        pipeline,
        [
            "final: 1 pending",
            "onsite: 1 rejected",
            "screen: 1 ghosted",
            "screen: 1 pending",
            "technical: 1 pending"
        ]
    );

    // Follow-ups: sent per week from the journals; owed per week from the
    // rules run on what was known before each Monday.
    let flows = bar_titles(&charts[1]);
    let week = |w: &str| -> Vec<&String> { flows.iter().filter(|t| t.starts_with(w)).collect() };
    // W47: sent the Dunder check-in (16th) and Ann's thank-you (18th).
    // Owed by Sunday the 22nd, knowing only what was done before Monday the
    // 16th: Acme's two thank-yous and the load-test results (interview on
    // the 17th), Contoso's thank-you and reflection (the 19th), and a
    // check-in with Bluth (the rejection came on the 16th, so it was still
    // pending). Dunder's check-in is not owed: its next interview (the
    // 25th) is on the calendar.
    assert_eq!(week("2026-W47"), ["2026-W47: 6 owed", "2026-W47: 2 sent"]);
    // W38: Initrode's screen and its thank-you, sent the same day.
    assert_eq!(week("2026-W38"), ["2026-W38: 1 owed", "2026-W38: 1 sent"]);
    // Twelve weeks at most: here W38 to W47.
    assert_eq!(flows.len(), 2 * 10);

    // Reply times: Acme screen 2 days, Bluth 6 days; four interviews unanswered.
    assert_eq!(
        bar_titles(&charts[2]),
        [
            "0–2 days: 1",
            "3–7 days: 1",
            "8–14 days: 0",
            "15–30 days: 0",
            "over 30 days: 0",
            "no reply yet: 4"
        ]
    );
    // Each chart has its text alternative and its data table.
    assert_eq!(dashboard.matches("<figure class=\"chart\"").count(), 3);
    assert_eq!(
        dashboard
            .matches("<summary>The numbers behind this chart</summary>")
            .count(),
        3
    );
    // The reply times' table has a row per bar, as the chart does.
    assert!(dashboard.contains("<th scope=\"row\">3–7 days</th><td>1</td>"));
    assert!(dashboard.contains("<th scope=\"row\">no reply yet</th><td>4</td>"));
}

/// The events of an ICS file, as property name → value maps.
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    cal.events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[test]
fn calendar_ics_has_one_all_day_event_per_open_action() {
    let (_t, out) = built("2026-11-20");
    let raw = read(&out, "calendar.ics");
    // RFC 5545: CRLF line ends, lines folded at 75 octets.
    assert!(raw.ends_with("\r\n"));
    for line in raw.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    // The actions' events; the scheduled interviews' come after them.
    let (evs, interviews): (Vec<_>, Vec<_>) = events(&raw)
        .into_iter()
        .partition(|e| e["CATEGORIES"] != "interview");
    assert_eq!(interviews.len(), 1, "Dunder Mifflin's offer call");
    let due = Case::new("report").today("2026-11-20").due_json();
    let actions = due["actions"].as_array().unwrap();
    assert_eq!(evs.len(), actions.len());
    let mut uids = std::collections::BTreeSet::new();
    for (e, a) in evs.iter().zip(actions) {
        let day = a["due"].as_str().unwrap().replace('-', "");
        assert_eq!(e["DTSTART"], day);
        let next =
            chrono::NaiveDate::parse_from_str(&day, "%Y%m%d").unwrap() + chrono::Duration::days(1);
        assert_eq!(e["DTEND"], next.format("%Y%m%d").to_string());
        assert!(e["SUMMARY"].starts_with(a["title"].as_str().unwrap()));
        assert!(uids.insert(e["UID"].clone()), "duplicate UID");
        assert!(e["DTSTAMP"].ends_with("T000000Z"));
    }
    // The draft is in the description, escaped and folded: commas, semicolons
    // and line breaks survive the round trip (the parser leaves `\,` escapes).
    let thanks = evs
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Thank Cy Dee"))
        .unwrap();
    let description = thanks["DESCRIPTION"]
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";");
    let draft = Case::new("report")
        .today("2026-11-20")
        .run(&[
            "draft",
            "content/contoso/2026-11-19-screen.md",
            "--rule",
            "thank-you",
        ])
        .stdout;
    let body = draft.split_once("\n\n").unwrap().1.trim_end();
    assert!(
        description.contains(body.trim_start()),
        "{description}\n---\n{body}"
    );
}

#[test]
fn uids_stay_the_same_when_the_date_moves_on() {
    let (_a, monday) = built("2026-11-20");
    let (_b, later) = built("2026-11-21");
    let uid = |dir: &Path| -> BTreeMap<String, String> {
        events(&read(dir, "calendar.ics"))
            .into_iter()
            .map(|e| (e["SUMMARY"].clone(), e["UID"].clone()))
            .collect()
    };
    let (a, b) = (uid(&monday), uid(&later));
    let shared: Vec<_> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(shared.len() >= 5);
    for k in shared {
        assert_eq!(a[k], b[k], "{k}");
    }
}

#[test]
fn two_builds_of_the_same_repository_are_byte_identical() {
    for (case, today) in [(Case::new("report"), "2026-11-20"), (demo(), "2026-11-22")] {
        let case = case.today(today);
        let tmp = tempfile::tempdir().unwrap();
        let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
        build(&case, &one, &[]);
        build(&case, &two, &[]);
        let strip = |dir: &Path| -> Vec<(String, Vec<u8>)> {
            files(dir).into_iter().map(|(p, b, _)| (p, b)).collect()
        };
        let (a, b) = (strip(&one), strip(&two));
        assert!(a.len() > 20);
        assert_eq!(a.len(), b.len());
        for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
            assert_eq!(pa, pb);
            assert!(ba == bb, "{pa} differs between two builds");
        }
    }
}

/// The demo repository at the top of the checkout.
fn demo() -> Case {
    Case::at(crate::common::checkout())
}

#[test]
fn with_a_base_url_each_event_links_to_its_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(
        &Case::new("report").today("2026-11-20"),
        &out,
        &["--base-url", "https://me.example/jobs/"],
    );
    let evs = events(&read(&out, "calendar.ics"));
    assert!(!evs.is_empty());
    // An action's event links to its journal, an interview's to its prep
    // sheet.
    for e in &evs {
        let url = &e["URL"];
        let page = url
            .strip_prefix("https://me.example/jobs/")
            .unwrap_or_else(|| panic!("{url}"));
        assert!(
            page.starts_with("journals/") || page.starts_with("prep/"),
            "{url}"
        );
        assert!(out.join(page).join("index.html").is_file(), "{url}");
    }
}

/// An event's properties: name → (parameters written `KEY=VALUE;…`, value).
type Properties = BTreeMap<String, (String, String)>;

/// The events of an ICS file with their parameters, and the TZIDs of its
/// VTIMEZONEs.
fn events_with_parameters(ics: &str) -> (Vec<Properties>, Vec<String>) {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    let zones = cal
        .timezones
        .iter()
        .flat_map(|z| &z.properties)
        .filter(|p| p.name == "TZID")
        .filter_map(|p| p.value.clone())
        .collect();
    let events = cal
        .events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| {
                    let params = p
                        .params
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(k, v)| format!("{k}={}", v.join(",")))
                        .collect::<Vec<_>>()
                        .join(";");
                    (p.name, (params, p.value.unwrap_or_default()))
                })
                .collect()
        })
        .collect();
    (events, zones)
}

#[test]
fn scheduled_interviews_are_events_at_their_time_in_the_configured_timezone() {
    // Issue 16, point 18: interviews dated after today were not in the
    // calendar at all.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let case = Case::new("upcoming-interviews");
    build(&case, &out, &["--base-url", "https://me.example/jobs"]);
    let raw = read(&out, "calendar.ics");
    for line in raw.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let (evs, zones) = events_with_parameters(&raw);
    // The times are written in America/New_York, which the calendar describes.
    assert_eq!(zones, ["America/New_York"]);
    let interviews: Vec<_> = evs
        .iter()
        .filter(|e| e["CATEGORIES"].1 == "interview")
        .collect();
    let seen: Vec<(&str, &str, &str, Option<&str>)> = interviews
        .iter()
        .map(|e| {
            (
                e["SUMMARY"].1.as_str(),
                e["DTSTART"].0.as_str(),
                e["DTSTART"].1.as_str(),
                e.get("DTEND").map(|d| d.1.as_str()),
            )
        })
        .collect();
    // Soonest first; the parser leaves the escapes of `,` and `;` in.
    let tz = "TZID=America/New_York";
    assert_eq!(
        seen,
        [
            (
                "Onsite interview: Acme — Backend Developer",
                tz,
                "20261124T140000",
                None
            ),
            // Written as 09:30-08:00 (Pacific): 12:30 in New York.
            (
                "Technical interview: Initech\\, Inc. — Platform\\; SRE",
                tz,
                "20261130T123000",
                None
            ),
            // No time given: the whole day.
            (
                "Interview: Globex — Analyst",
                "VALUE=DATE",
                "20261210",
                Some("20261211")
            ),
            // After the clocks go forward: the zone says so.
            (
                "Final interview: Umbrella — QA Lead",
                tz,
                "20270315T100000",
                None
            ),
        ]
    );
    let onsite = interviews[0];
    assert_eq!(onsite["TRANSP"].1, "OPAQUE");
    assert_eq!(
        onsite["DESCRIPTION"].1,
        "Onsite interview at Acme\\, for the Backend Developer position. With Bo Chen\\, Cy Dee. Format: in-person."
    );
    // The event leads to the interview's prep sheet.
    assert_eq!(
        onsite["URL"].1,
        "https://me.example/jobs/prep/acme-2026-11-24-onsite/"
    );
    assert!(
        out.join("journals/acme-2026-11-24-onsite/index.html")
            .is_file()
    );
    assert!(onsite["UID"].1.ends_with("-interview@debrief"));
    assert_eq!(interviews[2]["TRANSP"].1, "TRANSPARENT");
    // The zone's changes: back to standard time on 1 November 2026 and
    // forward on 14 March 2027, each at 02:00 local.
    assert!(raw.contains(
        "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
    ));
    assert!(raw.contains(
        "BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n"
    ));
    // The open action is still there, all day.
    assert_eq!(evs.len(), interviews.len() + 1);
}

#[test]
fn an_interview_keeps_its_uid_when_it_moves_and_when_days_pass() {
    let journal = |date: &str| {
        format!(
            "---\ncompany: Acme\nrole: Dev\ndate: {date}\nstage: onsite\ninterviewers: [Bo Chen]\n---\n"
        )
    };
    let uid_and_start = |date: &str, today: &str| -> (String, String) {
        let case = Case::temp()
            .file("content/acme/onsite.md", journal(date))
            .today(today);
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        build(&case, &out, &[]);
        let raw = read(&out, "calendar.ics");
        let (evs, zones) = events_with_parameters(&raw);
        // UTC needs no VTIMEZONE: the times end in Z.
        assert!(zones.is_empty(), "{raw}");
        assert_eq!(evs.len(), 1, "{raw}");
        (evs[0]["UID"].1.clone(), evs[0]["DTSTART"].1.clone())
    };
    let (uid, start) = uid_and_start("2026-11-26T09:00", "2026-11-22");
    assert_eq!(start, "20261126T090000Z");
    assert_eq!(uid_and_start("2026-11-26T09:00", "2026-11-23").0, uid);
    let (moved, start) = uid_and_start("2026-11-27T15:30", "2026-11-22");
    assert_eq!((moved, start.as_str()), (uid, "20261127T153000Z"));
}
