//! The weekly report as Markdown and as plain text: one outline, two ways
//! of writing headings and lists. (The HTML version is a theme template.)

use chrono::NaiveDate;

use super::weekly::{ActionLine, Event, WeekReport};

/// How the outline is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Markdown: `#` headings and `-` lists.
    Markdown,
    /// Plain text: underlined headings and indented bullets.
    Text,
}

struct Out {
    style: Style,
    text: String,
    /// Whether the last line written was a list item (a list must end
    /// with a blank line, or Markdown runs the next line into it).
    in_list: bool,
}

impl Out {
    fn end_list(&mut self) {
        if self.in_list {
            self.text.push('\n');
            self.in_list = false;
        }
    }

    fn heading(&mut self, level: usize, title: &str) {
        self.end_list();
        match self.style {
            Style::Markdown => self.text += &format!("{} {title}\n\n", "#".repeat(level)),
            Style::Text => {
                let rule = if level == 1 {
                    '='
                } else if level == 2 {
                    '-'
                } else {
                    '·'
                };
                let width = title.chars().count();
                self.text += &format!("{title}\n{}\n\n", rule.to_string().repeat(width));
            }
        }
    }

    fn para(&mut self, text: &str) {
        self.end_list();
        self.text += text;
        self.text += "\n\n";
    }

    fn item(&mut self, text: &str) {
        self.in_list = true;
        match self.style {
            Style::Markdown => self.text += &format!("- {text}\n"),
            Style::Text => self.text += &format!("  * {text}\n"),
        }
    }

    fn strong(&self, text: &str) -> String {
        match self.style {
            Style::Markdown => format!("**{text}**"),
            Style::Text => text.to_string(),
        }
    }
}

/// "1 reply", "2 replies".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn events(out: &mut Out, title: &str, list: &[Event], none: &str) {
    out.heading(3, title);
    if list.is_empty() {
        out.para(none);
    }
    for e in list {
        out.item(&format!("{}: {}", day(e.date), e.text));
    }
}

fn actions(out: &mut Out, title: &str, list: &[std::sync::Arc<ActionLine>], none: &str) {
    out.heading(2, title);
    if list.is_empty() {
        out.para(none);
    }
    for a in list {
        out.item(&format!(
            "due {}: {} ({}, {})",
            day(a.due),
            a.title,
            a.company,
            a.rule
        ));
    }
}

/// The report in `style`.
pub fn weekly(r: &WeekReport, style: Style) -> String {
    let mut out = Out {
        style,
        text: String::new(),
        in_list: false,
    };
    let c = &r.counts;
    out.heading(1, &format!("Week {} · {}", r.week, r.span));
    let when = if r.current {
        format!("As of today, {}", r.as_of.format("%A %-d %B %Y"))
    } else {
        format!("As of {}", r.as_of.format("%A %-d %B %Y"))
    };
    out.para(&format!(
        "{when}: {}, {} sent, {}, {}. {} overdue, {} due in the next seven days.",
        count(c.interviews, "interview", "interviews"),
        count(c.sent, "follow-up", "follow-ups"),
        count(c.replies, "reply", "replies"),
        count(c.outcomes, "outcome", "outcomes"),
        out.strong(&c.overdue.to_string()),
        c.next_seven,
    ));

    out.heading(2, "Done this week");
    events(&mut out, "Interviews", &r.interviews, "No interviews.");
    events(&mut out, "Follow-ups sent", &r.sent, "No follow-ups sent.");
    events(&mut out, "Replies", &r.replies, "No replies.");
    events(&mut out, "Outcomes", &r.outcomes, "No outcomes.");

    actions(&mut out, "Overdue", &r.overdue, "Nothing is overdue.");
    actions(
        &mut out,
        "Due in the next seven days",
        &r.next_seven,
        "Nothing is due.",
    );

    out.heading(2, "Pipeline");
    out.para(&r.pipeline);

    out.heading(2, "Reflections");
    if r.reflections.is_empty() && r.unreflected.is_empty() {
        out.para("No interviews this week.");
    }
    for refl in r.reflections.iter() {
        out.heading(
            3,
            &format!("{} ({})", refl.journal.title, day(refl.journal.date)),
        );
        for (name, items) in [
            ("Went well", &refl.went_well),
            ("Struggled", &refl.struggled),
            ("Takeaways", &refl.takeaways),
        ] {
            if items.is_empty() {
                continue;
            }
            out.para(&format!("{name}:"));
            for i in items {
                out.item(i);
            }
        }
    }
    if !r.unreflected.is_empty() {
        out.para("No reflection written yet:");
        for j in r.unreflected.iter() {
            out.item(&format!("{} ({}, {})", j.title, day(j.date), j.path));
        }
    }

    out.heading(2, "Practice list");
    if r.practice.is_empty() {
        out.para("Nothing noted under \"struggled\" yet.");
    }
    for g in &r.practice {
        let wheres: Vec<String> = g
            .sources
            .iter()
            .map(|s| format!("{} {}", s.company, s.date.format("%-d %b")))
            .collect();
        let mut line = format!(
            "{} ({}: {})",
            out.strong(&g.label),
            if g.count == 1 {
                "once".to_string()
            } else {
                format!("{} times", g.count)
            },
            wheres.join("; ")
        );
        if !g.also.is_empty() {
            let quoted: Vec<String> = g.also.iter().map(|a| format!("\"{a}\"")).collect();
            line += &format!("; also noted as {}", quoted.join(", "));
        }
        out.item(&line);
    }
    let mut text = out.text.trim_end().to_string();
    text.push('\n');
    text
}
