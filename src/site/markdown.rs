//! Journal bodies as safe HTML.
//!
//! pulldown-cmark renders the Markdown; raw HTML the user typed is passed
//! through ammonia (only those events: Markdown's own output is already
//! escaped), and link and image targets with a script scheme are replaced.
//!
//! Nothing in a journal makes a page load from elsewhere (SPEC §6: no
//! external requests): an image whose source is remote, in Markdown or in
//! raw HTML, becomes its alt text, `[image: …]`, and ammonia lets no other
//! element or attribute that loads (video, audio, source, link, iframe,
//! style, `srcset`, `style=""`) through. Links to remote pages stay: they
//! load only when followed. The theme's Content-Security-Policy holds the
//! same line in the browser.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Whether `url` names something on another host: a scheme (`https:`,
/// `ftp:`, …) or a host of its own (`//host/…`). Browsers drop whitespace
/// and control characters from URLs and read `\` as `/`; so does this.
fn remote(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if url.starts_with("//") {
        return true;
    }
    let scheme = url.split(':').next().unwrap_or("");
    url.contains(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

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

/// Markdown's events with each remote image as its alt text in brackets,
/// `[image: alt]` (`[image]` without one); local images are kept.
struct LocalImages<'a, I: Iterator<Item = Event<'a>>> {
    events: std::iter::Peekable<I>,
    /// For each image open, whether it was remote: its end is text too.
    open: Vec<bool>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for LocalImages<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.next()?;
        Some(match event {
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                if !remote(dest_url) {
                    self.open.push(false);
                    event
                } else if matches!(self.events.peek(), Some(Event::End(TagEnd::Image))) {
                    self.events.next();
                    Event::Text(CowStr::from("[image]"))
                } else {
                    self.open.push(true);
                    Event::Text(CowStr::from("[image: "))
                }
            }
            Event::End(TagEnd::Image) if self.open.pop() == Some(true) => {
                Event::Text(CowStr::from("]"))
            }
            other => other,
        })
    }
}

/// ammonia's defaults, less remote image sources and anything `srcset`.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.attribute_filter(|_element, attribute, value| match attribute {
        "srcset" => None,
        "src" | "poster" | "background" | "data" if remote(value) => None,
        _ => Some(Cow::Borrowed(value)),
    });
    b
});

/// ammonia's `html` with each `<img>` left without a source (its remote
/// one removed) as its alt text in brackets, like Markdown's.
///
/// ammonia's output is html5ever's serialization: outside tags every `<`
/// is escaped, every attribute value is in double quotes with `"` escaped,
/// and comments are gone. So each `<` starts a tag, and a tag ends at the
/// first `>` outside quotes.
fn images_without_source(html: &str) -> Cow<'_, str> {
    if !html.contains("<img") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        let (whole, after) = tag.split_at(end);
        rest = after;
        let is_img = whole
            .strip_prefix("<img")
            .is_some_and(|r| r.starts_with([' ', '>', '/']));
        if !is_img {
            out.push_str(whole);
            continue;
        }
        let attribute = |name: &str| {
            let at = whole.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(&whole[at..at + whole[at..].find('"')?])
        };
        if attribute("src").is_some() {
            out.push_str(whole);
            continue;
        }
        // The value is escaped for an attribute (`&amp;`, `&quot;`); as
        // text, `<` and `>` must be too.
        match attribute("alt").filter(|a| !a.trim().is_empty()) {
            Some(alt) => {
                out.push_str("[image: ");
                out.push_str(&alt.replace('<', "&lt;").replace('>', "&gt;"));
                out.push(']');
            }
            None => out.push_str("[image]"),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Renders a journal body to HTML that cannot run script, nor load
/// anything from another host.
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
    let mut pending_level = None;
    let events = LocalImages {
        events: Parser::new_ext(body, options).map(defuse).peekable(),
        open: Vec::new(),
    };
    // Headings wait until something is under them: a template's heading
    // left empty ("## Questions I asked", then the next heading or the
    // end) is not shown.
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    for event in events {
        let heading = match &event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => Some(*level),
            _ => None,
        };
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => raw = true,
            _ => {}
        }
        if let Some(level) = heading {
            // Those at its level or below have nothing under them.
            while headings.last().is_some_and(|(l, _)| *l >= level) {
                headings.pop();
            }
            pending_level = Some(level);
        }
        block.push(event);
        if depth == 0 && !raw && pending_level.is_none() {
            // Most blocks: Markdown's own output, which always shows
            // something, straight into the page (no copy of each block).
            for (_, h) in headings.drain(..) {
                out.push_str(&h);
            }
            html::push_html(&mut out, block.drain(..));
        } else if depth == 0 {
            let mut piece = String::new();
            if raw {
                let mut dirty = String::new();
                html::push_html(&mut dirty, block.drain(..));
                let clean = SANITIZER.clean(&dirty).to_string();
                piece.push_str(&images_without_source(&clean));
            } else {
                html::push_html(&mut piece, block.drain(..));
            }
            raw = false;
            match pending_level.take() {
                Some(level) => headings.push((level, piece)),
                // A block that shows nothing (a comment) is not something
                // under a heading.
                None if piece.trim().is_empty() => {}
                None => {
                    for (_, h) in headings.drain(..) {
                        out.push_str(&h);
                    }
                    out.push_str(&piece);
                }
            }
        }
    }
    if !block.is_empty() {
        for (_, h) in headings.drain(..) {
            out.push_str(&h);
        }
        html::push_html(&mut out, block.into_iter());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_nothing_under_them_are_left_out() {
        let html = to_html(
            "## What went well\n\n## Where I struggled\n\n- the estimate\n\n## Questions I asked\n\n# Notes\n\n### Round one\n\nText.\n\n## Empty at the end\n",
        );
        assert_eq!(
            html,
            "<h2>Where I struggled</h2>\n<ul>\n<li>the estimate</li>\n</ul>\n<h1>Notes</h1>\n<h3>Round one</h3>\n<p>Text.</p>\n"
        );
        // A comment is nothing under a heading, as the journal template
        // leaves it.
        assert_eq!(
            to_html("## Notes\n\n<!-- Who you met. -->\n\n## Questions I asked\n"),
            ""
        );
        // A heading with a subsection under it stays.
        assert!(to_html("## Reflection\n### Went well\n- a\n").contains("<h2>Reflection</h2>"));
    }

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

    // Regression (issue 15): a remote image in a journal made the private
    // site load it from elsewhere, telling that host who reads it and when.
    #[test]
    fn remote_resources_become_text_and_remote_links_stay() {
        let html = to_html(concat!(
            "![Whiteboard photo](https://cdn.example/board.png) ![](http://t.example/pixel.gif)\n\n",
            "![local](diagram.png) ![protocol-relative](//t.example/a.png)\n\n",
            "![ref][pic] [a page](https://example.com/post)\n\n[pic]: https://t.example/ref.png\n\n",
            "<img src=\"https://t.example/x.png\" alt=\"Offer &lt;letter&gt; &amp; &quot;terms&quot;\" width=\"10\">\n\n",
            "<p><img srcset=\"https://t.example/1x.png 1x\" src=\" HTTPS://t.example/2.png\" alt=\"\"></p>\n\n",
            "<picture><source srcset=\"https://t.example/s.webp\"><img src=\"local.png\" alt=\"kept\"></picture>\n\n",
            "<video src=\"https://t.example/v.mp4\" poster=\"https://t.example/p.png\">clip</video>\n",
            "<audio src=\"https://t.example/a.mp3\"></audio><link rel=\"stylesheet\" href=\"https://t.example/s.css\">\n\n",
            "<span style=\"background:url(https://t.example/bg.png)\">styled</span>\n\n",
            "<style>body { background: url(https://t.example/bg2.png) }</style>\n\n",
            "<a href=\"https://example.com/raw\" title=\"<img src=x>\">raw link</a>\n",
        ));
        for loads in [
            "src=\"http",
            "src=\"//",
            "src=\" HTTP",
            "srcset",
            "url(",
            "<video",
            "<audio",
            "<source",
            "<link",
            "<style",
            "style=",
        ] {
            assert!(!html.contains(loads), "{loads} survived:\n{html}");
        }
        assert!(
            !html.contains("t.example"),
            "a remote host is named:\n{html}"
        );
        for said in [
            "[image: Whiteboard photo]",
            "[image]",
            "[image: protocol-relative]",
            "[image: ref]",
            "[image: Offer &lt;letter&gt; &amp; &quot;terms&quot;]",
            "<img src=\"diagram.png\" alt=\"local\"",
            "<img src=\"local.png\" alt=\"kept\">",
            "<a href=\"https://example.com/post\">a page</a>",
            "href=\"https://example.com/raw\"",
            "clip",
            "styled",
        ] {
            assert!(html.contains(said), "no {said} in:\n{html}");
        }
    }

    #[test]
    fn what_is_remote() {
        for url in [
            "https://a.example/x",
            "HTTP://a",
            "//a/x",
            " //a",
            "\\\\a\\x",
            "/\\a/x",
            "ftp://a",
            "data:image/png;base64,x",
            "mailto:a@b",
        ] {
            assert!(remote(url), "{url}");
        }
        for url in [
            "diagram.png",
            "./a/b.png",
            "/static/x.png",
            "../a.png",
            "#top",
            "a/b:c.png",
            "",
        ] {
            assert!(!remote(url), "{url}");
        }
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
