//! Journal bodies as safe HTML.
//!
//! pulldown-cmark renders the Markdown; raw HTML the user typed is passed
//! through ammonia (only those events: Markdown's own output is already
//! escaped), and link and image targets with a script scheme are replaced.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Whether a link target may run code when followed.
fn dangerous(url: &str) -> bool {
    let scheme: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file")
}

fn defuse(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dangerous(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if dangerous(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        }),
        other => other,
    }
}

/// Renders a journal body to HTML that cannot run script.
///
/// Each top-level block (paragraph, list, HTML block, …) that contains raw
/// HTML is rendered whole and then cleaned by ammonia, so a tag opened and
/// closed around Markdown text is judged as one piece; blocks without raw
/// HTML are Markdown's own, already escaped, output.
pub fn to_html(body: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(body.len() * 3 / 2);
    let mut block: Vec<Event<'_>> = Vec::new();
    let mut depth = 0usize;
    let mut raw = false;
    for event in Parser::new_ext(body, options).map(defuse) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => raw = true,
            _ => {}
        }
        block.push(event);
        if depth == 0 {
            if raw {
                let mut piece = String::new();
                html::push_html(&mut piece, block.drain(..));
                out.push_str(&ammonia::clean(&piece));
            } else {
                html::push_html(&mut out, block.drain(..));
            }
            raw = false;
        }
    }
    html::push_html(&mut out, block.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_html_is_defused() {
        let html = to_html(
            "# Notes\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[click](javascript:alert(3)) [ok](https://example.com) ![i]( JaVaScRiPt:alert(4))\n\n<a href=\"javascript:alert(5)\">x</a> <b onclick=\"alert(6)\">bold</b>\n",
        );
        for bad in [
            "<script",
            "onerror",
            "<iframe",
            "javascript:",
            "JaVaScRiPt",
            "onclick",
            "alert(1)",
        ] {
            assert!(!html.contains(bad), "{bad} survived:\n{html}");
        }
        assert!(html.contains("<h1>Notes</h1>"));
        assert!(html.contains("<a href=\"https://example.com\">ok</a>"));
        assert!(html.contains("<b>bold</b>"));
    }

    #[test]
    fn headings_code_and_tables_survive() {
        let html = to_html(
            "## Went well\n\n`code` and\n\n```\n<script>in code</script>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h2>Went well</h2>"));
        assert!(html.contains("<code>code</code>"));
        assert!(
            html.contains("&lt;script&gt;in code&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<table>"));
    }
}
