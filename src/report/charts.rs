//! Charts as inline SVG, drawn at build time: no script, no chart library.
//!
//! Each chart comes with a one-paragraph text alternative and the table of
//! the numbers behind it, so it reads in print and in a screen reader.
//! Coordinates are whole numbers, so the same data always gives the same
//! bytes.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use super::pipeline::{Pipeline, STANDINGS};
use super::week::Week;
use crate::journal::application::Application;

/// A chart ready for a page.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// An id for anchors and `aria-labelledby`.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// The text alternative: what the chart shows, in words.
    pub summary: String,
    /// The SVG element.
    pub svg: String,
    /// The data table's column headings.
    pub columns: Vec<String>,
    /// The data table's rows.
    pub rows: Vec<Vec<String>>,
}

/// Escapes text for SVG (XML) and HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One colour per standing, in the order of [`STANDINGS`], each dark
/// enough for white text.
const COLOURS: [&str; super::pipeline::STANDING_COUNT] = [
    "#1f5f8b", "#767676", "#2d6a3e", "#14532d", "#5b4a8b", "#a52a1a", "#8a5a00",
];
/// Follow-ups owed and sent.
const OWED: &str = "#8a5a00";
const SENT: &str = "#2d6a3e";
const WIDTH: usize = 640;
const LABEL: usize = 150;
const BAR: usize = 22;
const GAP: usize = 10;

fn open_svg(id: &str, height: usize, title: &str, summary: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(summary)
    )
}

fn label(x: usize, y: usize, text: &str, anchor: &str) -> String {
    format!(
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>",
        escape(text)
    )
}

fn legend(y: usize, names: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let width = |name: &str| 24 + name.chars().count() * 8;
    // Under the bars, unless that would run past the edge.
    let total: usize = names.iter().map(|(n, _)| width(n)).sum();
    let mut x = LABEL.min(WIDTH.saturating_sub(total));
    for (name, colour) in names {
        out += &format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>",
            y - 6
        );
        out += &label(x + 16, y, name, "start");
        x += width(name);
    }
    out
}

/// Width of `value` in a bar area of `span` pixels scaled to `max`.
fn scale(value: usize, max: usize, span: usize) -> usize {
    (value * span).checked_div(max).unwrap_or(0)
}

/// The pipeline: one bar per stage, split by outcome (ghosted included).
pub fn pipeline(p: &Pipeline) -> Chart {
    let id = "chart-pipeline";
    let title = "Applications by stage and outcome".to_string();
    let total = p.total();
    let stages: Vec<String> = p
        .by_stage
        .iter()
        .map(|(s, n)| format!("{n} at {s}"))
        .collect();
    let summary = if total == 0 {
        "No applications yet.".to_string()
    } else {
        format!(
            "{}. By the stage of the latest interview: {}.",
            p.line(),
            stages.join(", ")
        )
    };
    let rows_n = p.by_stage_and_outcome.len();
    let height = 40 + rows_n * (BAR + GAP) + 10;
    let mut svg = open_svg(id, height, &title, &summary);
    let max = p
        .by_stage_and_outcome
        .iter()
        .map(|(_, r)| r.iter().sum::<usize>())
        .max()
        .unwrap_or(0);
    let span = WIDTH - LABEL - 40;
    for (i, (stage, row)) in p.by_stage_and_outcome.iter().enumerate() {
        let y = 10 + i * (BAR + GAP);
        svg += &label(LABEL - 8, y + BAR / 2, stage, "end");
        let mut x = LABEL;
        let mut done = 0;
        for (k, n) in row.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            // Cumulative scaling, so rounding never makes a row longer than its total.
            let end = scale(done + n, max, span);
            let w = end - scale(done, max, span);
            svg += &format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"{}\"><title>{}: {n} {}</title></rect>",
                COLOURS[k],
                escape(stage),
                STANDINGS[k]
            );
            x += w;
            done += n;
        }
        svg += &label(
            x + 6,
            y + BAR / 2,
            &row.iter().sum::<usize>().to_string(),
            "start",
        );
    }
    // Only the standings some application is in: seven would not fit in
    // one legend line, and empty columns say nothing.
    let present: Vec<usize> = (0..STANDINGS.len())
        .filter(|&k| p.by_outcome[k].1 > 0)
        .collect();
    let names: Vec<(&str, &str)> = present
        .iter()
        .map(|&k| (STANDINGS[k], COLOURS[k]))
        .collect();
    svg += &legend(height - 20, &names);
    svg += "</svg>";
    let mut columns = vec!["Stage".to_string()];
    columns.extend(present.iter().map(|&k| STANDINGS[k].to_string()));
    columns.push("Total".into());
    let rows = p
        .by_stage_and_outcome
        .iter()
        .map(|(stage, row)| {
            let mut r = vec![stage.clone()];
            r.extend(present.iter().map(|&k| row[k].to_string()));
            r.push(row.iter().sum::<usize>().to_string());
            r
        })
        .collect();
    Chart {
        id,
        title,
        summary,
        svg,
        columns,
        rows,
    }
}

/// One week of the follow-up chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    /// The week.
    pub week: Week,
    /// Follow-ups owed during the week (see `history::owed_in_week`).
    pub owed: usize,
    /// Follow-ups sent during the week.
    pub sent: usize,
}

/// Follow-ups owed and sent, week by week: two bars per week.
pub fn followups(flows: &[Flow]) -> Chart {
    let id = "chart-followups";
    let title = "Follow-ups owed and sent per week".to_string();
    let sent: usize = flows.iter().map(|f| f.sent).sum();
    let summary = match (flows.first(), flows.last()) {
        (Some(a), Some(b)) => format!(
            "From {} to {}: {sent} follow-up{} sent. Owed each week (due by its end and not done before it began): {}.",
            a.week,
            b.week,
            if sent == 1 { "" } else { "s" },
            flows
                .iter()
                .map(|f| format!("{} {} owed, {} sent", f.week, f.owed, f.sent))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        _ => "No weeks to show yet.".to_string(),
    };
    let height = 220;
    let top = 10;
    let base = height - 50;
    let mut svg = open_svg(id, height, &title, &summary);
    let max = flows.iter().map(|f| f.owed.max(f.sent)).max().unwrap_or(0);
    let n = flows.len().max(1);
    let slot = (WIDTH - 40) / n;
    let bar = (slot.saturating_sub(6) / 2).clamp(2, 24);
    svg += &format!(
        "<line x1=\"30\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#5b6475\"/>",
        WIDTH - 10
    );
    for (i, f) in flows.iter().enumerate() {
        let x = 34 + i * slot;
        for (k, (value, colour, what)) in [(f.owed, OWED, "owed"), (f.sent, SENT, "sent")]
            .into_iter()
            .enumerate()
        {
            let h = scale(value, max, base - top);
            svg += &format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{bar}\" height=\"{h}\" fill=\"{colour}\"><title>{}: {value} {what}</title></rect>",
                x + k * bar,
                base - h,
                f.week
            );
        }
        svg += &label(
            x + bar,
            base + 12,
            &format!("W{:02}", f.week.number),
            "middle",
        );
    }
    svg += &legend(height - 16, &[("owed", OWED), ("sent", SENT)]);
    svg += "</svg>";
    Chart {
        id,
        title,
        summary,
        svg,
        columns: vec!["Week".into(), "Owed".into(), "Sent".into()],
        rows: flows
            .iter()
            .map(|f| vec![f.week.to_string(), f.owed.to_string(), f.sent.to_string()])
            .collect(),
    }
}

/// Days from each of `app`'s interviews to the first answer from them on
/// or after it (a reply, an offer, a rejection; not what you decided:
/// withdrawing, accepting, declining); `None`: none yet. One application's
/// share of the reply-time chart, so a site can keep it while the
/// application does not change.
pub fn waits(app: &Application<'_>, tz: Tz) -> Vec<Option<i64>> {
    use crate::journal::model::Outcome;
    let mut answers: Vec<NaiveDate> = app.replies().map(|r| r.on).collect();
    answers.extend(
        app.journals
            .iter()
            .filter(|j| matches!(j.outcome, Some(Outcome::Offer | Outcome::Rejected)))
            .map(|j| j.outcome_on.unwrap_or_else(|| j.date.date(tz))),
    );
    app.journals
        .iter()
        .map(|j| {
            let date = j.date.date(tz);
            let first = answers.iter().filter(|d| **d >= date).min();
            first.map(|d| (*d - date).num_days())
        })
        .collect()
}

/// The buckets of the reply-time chart.
pub const BUCKETS: [&str; 6] = [
    "0–2 days",
    "3–7 days",
    "8–14 days",
    "15–30 days",
    "over 30 days",
    "no reply yet",
];

/// The bucket index of a wait.
pub fn bucket(days: Option<i64>) -> usize {
    match days {
        Some(0..=2) => 0,
        Some(3..=7) => 1,
        Some(8..=14) => 2,
        Some(15..=30) => 3,
        Some(_) => 4,
        None => 5,
    }
}

/// Days from interview to first reply, as a histogram.
pub fn reply_times(waits: &[Option<i64>]) -> Chart {
    let id = "chart-replies";
    let title = "Days from interview to first reply".to_string();
    let mut counts = [0usize; 6];
    for w in waits {
        counts[bucket(*w)] += 1;
    }
    let mut answered: Vec<i64> = waits.iter().filter_map(|w| *w).collect();
    answered.sort_unstable();
    let summary = if waits.is_empty() {
        "No interviews yet.".to_string()
    } else {
        let median = if answered.is_empty() {
            "none has been answered yet".to_string()
        } else {
            format!(
                "the median wait for an answer was {} day{}",
                answered[answered.len() / 2],
                if answered[answered.len() / 2] == 1 {
                    ""
                } else {
                    "s"
                }
            )
        };
        format!(
            "Of {} interview{}, {} got an answer; {median}. {}.",
            waits.len(),
            if waits.len() == 1 { "" } else { "s" },
            answered.len(),
            BUCKETS
                .iter()
                .zip(counts)
                .map(|(b, n)| format!("{b}: {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let height = 20 + BUCKETS.len() * (BAR + GAP);
    let mut svg = open_svg(id, height, &title, &summary);
    let max = counts.iter().copied().max().unwrap_or(0);
    let span = WIDTH - LABEL - 40;
    for (i, (name, n)) in BUCKETS.iter().zip(counts).enumerate() {
        let y = 10 + i * (BAR + GAP);
        svg += &label(LABEL - 8, y + BAR / 2, name, "end");
        let w = scale(n, max, span);
        let colour = if i == 5 { COLOURS[1] } else { COLOURS[0] };
        svg += &format!(
            "<rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"{colour}\"><title>{name}: {n}</title></rect>"
        );
        svg += &label(LABEL + w + 6, y + BAR / 2, &n.to_string(), "start");
    }
    svg += "</svg>";
    Chart {
        id,
        title,
        summary,
        svg,
        columns: vec!["Days to first reply".into(), "Interviews".into()],
        rows: BUCKETS
            .iter()
            .zip(counts)
            .map(|(b, n)| vec![b.to_string(), n.to_string()])
            .collect(),
    }
}

/// A tiny bar sparkline of `values` (decorative: the numbers are in the text).
pub fn sparkline(values: &[usize]) -> String {
    let max = values.iter().copied().max().unwrap_or(0);
    let w = values.len() * 6;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 {w} 16\" width=\"{w}\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">"
    );
    for (i, v) in values.iter().enumerate() {
        let h = if *v == 0 { 1 } else { 2 + scale(*v, max, 14) };
        svg += &format!(
            "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"{h}\"/>",
            i * 6,
            16 - h.min(16)
        );
    }
    svg + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_their_answers_end_a_wait() {
        use crate::rules::testkit::journals;
        let tz = chrono_tz::UTC;
        let day = |d: &str| crate::time::parse_date(d).unwrap();
        let wait = |text: &[&str]| {
            let js = journals(text);
            let apps = crate::journal::application::group(&js, day("2026-12-31"), tz);
            waits(&apps[0], tz)
        };
        // Withdrawing is yours: no answer came.
        let withdrawn =
            ["company: A\nrole: R\ndate: 2026-11-02\noutcome: withdrawn\noutcome_on: 2026-11-04"];
        assert_eq!(wait(&withdrawn), vec![None]);
        // An offer answered on the 12th, then declined on the 20th.
        let declined = [
            "company: A\nrole: R\ndate: 2026-11-02\noutcome: offer\noutcome_on: 2026-11-12",
            "company: A\nrole: R\ndate: 2026-11-02T18:00\noutcome: declined\noutcome_on: 2026-11-20",
        ];
        assert_eq!(wait(&declined), vec![Some(10), Some(10)]);
    }

    #[test]
    fn a_legend_of_every_standing_fits_the_chart() {
        let names: Vec<(&str, &str)> = STANDINGS.iter().copied().zip(COLOURS).collect();
        let svg = legend(100, &names);
        let last = svg.rfind("<text x=\"").unwrap();
        let x: usize = svg[last + 9..].split('"').next().unwrap().parse().unwrap();
        assert!(x + "withdrawn".len() * 8 <= WIDTH, "{svg}");
    }

    #[test]
    fn text_is_escaped_and_bars_never_overflow() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
        let p = Pipeline {
            by_outcome: vec![
                ("pending", 2),
                ("ghosted", 0),
                ("offer", 1),
                ("accepted", 0),
                ("declined", 0),
                ("rejected", 0),
                ("withdrawn", 0),
            ],
            by_stage: vec![("<script>".into(), 3)],
            by_stage_and_outcome: vec![("<script>".into(), [2, 0, 1, 0, 0, 0, 0])],
        };
        let c = pipeline(&p);
        assert!(!c.svg.contains("<script>") && c.svg.contains("&lt;script&gt;"));
        // Only the standings present have a legend entry and a column.
        assert_eq!(c.columns, ["Stage", "pending", "offer", "Total"]);
        assert!(!c.svg.contains(">withdrawn<"));
        // Two segments that together span the full bar area.
        let doc = roxmltree::Document::parse(&c.svg).unwrap();
        // Data bars carry a <title>; legend swatches do not.
        let widths: Vec<usize> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.children().any(|c| c.has_tag_name("title")))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        assert_eq!(widths.len(), 2);
        assert_eq!(widths.iter().sum::<usize>(), WIDTH - LABEL - 40);
    }

    #[test]
    fn buckets_cover_every_wait() {
        assert_eq!(
            [
                Some(0),
                Some(2),
                Some(3),
                Some(7),
                Some(8),
                Some(30),
                Some(31),
                None
            ]
            .map(bucket),
            [0, 0, 1, 1, 2, 3, 4, 5]
        );
    }
}
