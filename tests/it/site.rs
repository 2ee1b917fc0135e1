//! `debrief build`: the files it writes, what they contain, and what it
//! refuses to touch.

use crate::common::{Case, files, read};

use std::path::Path;

fn html_files(dir: &Path) -> Vec<(String, String)> {
    files(dir)
        .into_iter()
        .filter(|(p, _, _)| p.ends_with(".html"))
        .map(|(p, b, _)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// Builds the `drafts` fixture into a temporary folder.
fn build_drafts_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = Case::new("drafts").run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, out)
}

#[test]
fn builds_every_page_with_its_actions_and_drafts() {
    let (_tmp, out) = build_drafts_fixture();
    for page in [
        "index.html",
        "drafts/index.html",
        "applications/acme-rockets-platform-engineer/index.html",
        "journals/pending/index.html",
        "journals/generic/index.html",
        "report.json",
        "robots.txt",
        "static/style.css",
        "static/debrief.js",
        "static/favicon.svg",
        ".debrief-output",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    let due = Case::new("drafts").due_json();
    let index = read(&out, "index.html");
    let drafts_page = read(&out, "drafts/index.html");
    for a in due["actions"].as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        assert!(index.contains(title), "dashboard lacks {title}");
        if a["draft"] == true {
            assert!(drafts_page.contains(title), "drafts page lacks {title}");
        }
    }
    let journal = read(&out, "journals/pending/index.html");
    assert!(journal.contains("Thank Ann Lee for the onsite interview"));
    // Its front-matter is shown; the notes' one heading has nothing under
    // it, and is left out.
    assert!(journal.contains("Built a deploy orchestrator used by 300 engineers."));
    assert!(!journal.contains("<h2>Reflection</h2>"), "an empty heading");
    let app = read(
        &out,
        "applications/acme-rockets-platform-engineer/index.html",
    );
    assert!(
        app.contains("the orchestrator design notes") && app.contains("overdue"),
        "promised items with state"
    );
}

#[test]
fn report_json_is_due_and_check_together() {
    let (_tmp, out) = build_drafts_fixture();
    let report: serde_json::Value = serde_json::from_str(&read(&out, "report.json")).unwrap();
    let case = Case::new("drafts");
    let due = case.due_json();
    let check = case.check_json();
    assert_eq!(report["today"], due["today"]);
    assert_eq!(report["actions"], due["actions"]);
    assert_eq!(report["problems"], check["problems"]);
    assert_eq!(report["warnings"], check["warnings"]);
    // Each action is written as `due` writes it, key for key in order.
    let text = read(&out, "report.json");
    let due_text = case.run(&["due", "--format", "json"]).stdout;
    let first = |t: &str| {
        let start = t.find("    {").unwrap();
        t[start..start + t[start..].find("    }").unwrap()].to_string()
    };
    assert_eq!(first(&text), first(&due_text));
}

#[test]
fn mailto_links_decode_back_to_the_draft() {
    let (_tmp, out) = build_drafts_fixture();
    let page = read(&out, "journals/pending/index.html");
    let start = page
        .find("href=\"mailto:")
        .expect("an email draft has a mailto link")
        + 6;
    let href = &page[start..start + page[start..].find('"').unwrap()];
    let href = href.replace("&amp;", "&");
    let (address, query) = href.trim_start_matches("mailto:").split_once('?').unwrap();
    assert_eq!(address, "ann.lee@acme.example");
    let mut subject = String::new();
    let mut body = String::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap();
        let v = percent_encoding::percent_decode_str(v)
            .decode_utf8()
            .unwrap()
            .to_string();
        match k {
            "subject" => subject = v,
            "body" => body = v,
            _ => panic!("unexpected {k}"),
        }
    }
    let printed = Case::new("drafts")
        .run(&["draft", "content/pending.md", "--rule", "thank-you"])
        .stdout;
    assert!(
        printed.contains(&format!("Subject: {subject}\n")),
        "{subject}"
    );
    assert!(
        printed.contains(&body.replace("\r\n", "\n")),
        "the decoded body is the draft:\n{body}"
    );
}

#[test]
fn private_sites_load_nothing_from_outside_and_say_noindex() {
    let (_tmp, out) = build_drafts_fixture();
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nDisallow: /\n");
    for (path, html) in html_files(&out) {
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"),
            "{path}: noindex"
        );
        assert!(html.contains(CSP), "{path}: no Content-Security-Policy");
        for resource in [
            "<script src=\"",
            "<link rel=\"stylesheet\" href=\"",
            "<img src=\"",
        ] {
            for (i, _) in html.match_indices(resource) {
                let url = &html[i + resource.len()..];
                assert!(
                    !(url.starts_with("http") || url.starts_with("//")),
                    "{path}: external resource {}",
                    &url[..40.min(url.len())]
                );
            }
        }
    }
}

/// The Content-Security-Policy every page of the default theme carries.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'\">";

/// A journal whose notes would load from elsewhere, every way raw HTML and
/// Markdown allow.
const REMOTE: &str = r#"---
company: Acme
role: Engineer
date: 2026-11-20
---
# Notes

![Whiteboard](https://tracker.example/board.png) and ![](//tracker.example/pixel.gif)

![ref][pic], and [their blog](https://acme.example/blog) to read.

[pic]: http://tracker.example/ref.png

<img src="https://tracker.example/raw.png" alt="Offer letter">
<img srcset="https://tracker.example/1x.png 1x, https://tracker.example/2x.png 2x" alt="Team">
<picture><source srcset="https://tracker.example/p.webp"><img src="https://tracker.example/p.png" alt="Office"></picture>
<video src="https://tracker.example/v.mp4" poster="https://tracker.example/poster.png"><source src="https://tracker.example/v.webm"></video>
<audio src="https://tracker.example/a.mp3"></audio>
<link rel="stylesheet" href="https://tracker.example/s.css">
<iframe src="https://tracker.example/frame"></iframe>
<span style="background: url(https://tracker.example/bg.png)">styled</span>
<style>body { background: url(https://tracker.example/bg2.png) }</style>
"#;

// Regression (issue 15): a remote image in a journal made the private site
// load from outside. Remote resources become text; links to pages stay;
// every page carries a Content-Security-Policy that loads nothing from
// elsewhere.
#[test]
fn a_journal_with_remote_resources_makes_no_page_load_from_outside() {
    let case = Case::temp().file("content/acme/remote.md", REMOTE);
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = case.root().join("public");
    let pages = html_files(&out);
    assert!(pages.len() > 5, "{} pages", pages.len());
    for (path, html) in &pages {
        assert!(html.contains(CSP), "{path}: no Content-Security-Policy");
        assert!(
            !html.contains("tracker.example"),
            "{path} names the tracker"
        );
        for attribute in ["src=", "srcset=", "poster=", "href="] {
            for (i, _) in html.match_indices(attribute) {
                let value = html[i + attribute.len()..].trim_start_matches(['"', '\'']);
                let remote = value.starts_with("http") || value.starts_with("//");
                // A link to a page loads nothing until it is followed.
                let link = attribute == "href=" && html[..i].ends_with("<a ");
                assert!(
                    !remote || link,
                    "{path}: {attribute}{}",
                    &value[..60.min(value.len())]
                );
            }
        }
        assert!(!html.contains("url("), "{path}: a CSS url()");
    }
    let journal = read(&out, "journals/acme-remote/index.html");
    for said in [
        "[image: Whiteboard]",
        "[image]",
        "[image: ref]",
        "[image: Offer letter]",
        "[image: Team]",
        "[image: Office]",
        "<a href=\"https://acme.example/blog\">their blog</a>",
        "styled",
    ] {
        assert!(journal.contains(said), "no {said} in:\n{journal}");
    }
}

const HOSTILE: &str = r#"---
company: "<script>alert('company')</script>"
role: "Engineer <img src=x onerror=alert(1)>"
date: 2026-11-20
interviewers:
  - name: "Eve <svg onload=alert(2)>"
    email: "eve@example.com"
learned: ["<iframe src=javascript:alert(3)>"]
salary: "SECRET-NUMBER-42"
---
# Notes

<script>alert('body')</script>
<img src=x onerror="alert('img')">
<iframe src="https://evil.example"></iframe>
[click me](javascript:alert('link'))
<a href="javascript:alert('a')">raw link</a> <b onclick="alert('b')">bold</b>

```
<script>shown as code</script>
```
"#;

#[test]
fn hostile_journals_and_config_stay_inert() {
    let case = Case::temp()
        .file("debrief.toml", "timezone = \"UTC\"\n[me]\nname = \"<script>alert('me')</script>\"\n[site]\nredact = [\"salary\"]\n")
        .file("content/evil.md", HOSTILE);
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = case.root().join("public");
    for (path, html) in html_files(&out) {
        for bad in [
            "<script>alert",
            "<img src=x onerror",
            "<svg onload",
            "<iframe",
            "onerror=\"",
            "onclick",
            "href=\"javascript:",
        ] {
            assert!(!html.contains(bad), "{path} contains {bad}");
        }
    }
    let journal = html_files(&out)
        .into_iter()
        .find(|(p, _)| p.starts_with("journals/"))
        .unwrap()
        .1;
    assert!(
        journal.contains("&lt;script&gt;shown as code&lt;/script&gt;"),
        "code survives, escaped"
    );
    assert!(journal.contains("<b>bold</b>"));
    for (path, bytes, _) in files(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-NUMBER-42"),
            "{path} leaks a redacted field"
        );
    }
}

#[test]
fn refuses_output_folders_that_hold_user_files() {
    let case = Case::temp().file(
        "content/a.md",
        "---\ncompany: A\nrole: R\ndate: 2026-11-20\n---\n",
    );
    for bad in ["content", ".", "content/sub"] {
        let r = case.run(&["build", "--output", bad]);
        assert_eq!(r.code, 2, "--output {bad}: {}", r.stderr);
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
    }
    let foreign = case.file("mine/keep.txt", "mine");
    let r = foreign.run(&["build", "--output", "mine"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("debrief did not create it"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(foreign.root().join("mine/keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(foreign.root().join("mine"))
            .unwrap()
            .count(),
        1
    );
    assert_eq!(
        std::fs::read_dir(foreign.root().join("content"))
            .unwrap()
            .count(),
        1,
        "content untouched"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let case = Case::temp().file(
        "content/a.md",
        "---\ncompany: A\nrole: R\ndate: 2026-11-20\ninterviewer: Ann\n---\n",
    );
    assert_eq!(case.run(&["build"]).code, 0);
    let out = case.root().join("public");
    let before = files(&out);

    let broken = case.file("content/b.md", "---\ncompany: B\nrole: [R\n---\n");
    let r = broken.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("content/b.md"), "{}", r.stderr);
    assert_eq!(files(&out), before, "a journal error changes nothing");

    let bad_theme = broken
        .file(
            "content/b.md",
            "---\ncompany: B\nrole: R\ndate: 2026-11-20\n---\n",
        )
        .file(
            "themes/default/templates/index.html",
            "{% extends \"templates/base.html\" %}{% block content %}{{ oops(\n{% endblock %}",
        );
    let r = bad_theme.run(&["build"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("themes/default/templates/index.html"),
        "{}",
        r.stderr
    );
    assert_eq!(files(&out), before, "a template error changes nothing");
    let leftovers: Vec<_> = std::fs::read_dir(bad_theme.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !leftovers
            .iter()
            .any(|n| n.to_string_lossy().contains("staging")),
        "{leftovers:?}"
    );
}

/// SPEC (safety): with `--keep-going` the dashboard lists the broken files;
/// past 50 it lists the first 50 and says how many more `check` shows.
#[test]
fn many_broken_journals_are_listed_fifty_and_counted() {
    let mut case = Case::temp().file(
        "content/good.md",
        "---\ncompany: A\nrole: R\ndate: 2026-11-20\ninterviewer: Ann\n---\n",
    );
    for i in 0..53 {
        case = case.file(&format!("content/bad-{i:02}.md"), "---\ncompany: B\n---\n");
    }
    let r = case.run(&["build", "--keep-going"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let index = read(&case.root().join("public"), "index.html");
    let banner = &index[index.find("id=\"broken-h\"").unwrap()..];
    let banner = &banner[..banner.find("</section>").unwrap()];
    assert_eq!(
        banner.matches("<li><code>content/bad-").count(),
        50,
        "{banner}"
    );
    assert!(banner.contains("And 3 more"), "{banner}");
}

#[test]
fn keep_going_lists_broken_journals_first() {
    let case = Case::temp()
        .file(
            "content/good.md",
            "---\ncompany: A\nrole: R\ndate: 2026-11-20\ninterviewer: Ann\n---\n",
        )
        .file("content/bad.md", "---\ncompany: B\n---\n");
    assert_eq!(case.run(&["build"]).code, 1);
    let r = case.run(&["build", "--keep-going"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("content/bad.md"));
    let index = read(&case.root().join("public"), "index.html");
    let broken = index
        .find("content/bad.md")
        .expect("the broken file is listed");
    assert!(
        broken < index.find("Thank Ann").unwrap(),
        "listed before the actions"
    );
}

#[test]
fn a_theme_override_of_one_template_takes_effect() {
    let case = Case::temp()
        .file("content/a.md", "---\ncompany: A\nrole: R\ndate: 2026-11-20\ninterviewer: Ann\n---\n")
        .file(
            "themes/default/templates/journal.html",
            "{% extends \"templates/base.html\" %}{% block content %}<p id=\"mine\">{{ journal.company }}</p>{% endblock %}",
        );
    assert_eq!(case.run(&["build"]).code, 0);
    let out = case.root().join("public");
    assert!(read(&out, "journals/a/index.html").contains("<p id=\"mine\">A</p>"));
    assert!(
        read(&out, "index.html").contains("What is due"),
        "the rest is embedded"
    );
}

#[test]
fn snapshots_of_each_page_kind() {
    let (_tmp, out) = build_drafts_fixture();
    let main = |rel: &str| crate::common::main_of(&read(&out, rel));
    insta::assert_snapshot!("index", main("index.html"));
    insta::assert_snapshot!(
        "application",
        main("applications/acme-rockets-platform-engineer/index.html")
    );
    insta::assert_snapshot!("journal", main("journals/pending/index.html"));
    insta::assert_snapshot!("drafts", main("drafts/index.html"));
}

#[test]
fn redacted_known_fields_reach_no_file_not_even_drafts() {
    let case = Case::temp()
        .file("debrief.toml", "timezone = \"UTC\"\n[site]\nredact = [\"learned\", \"note\"]\n")
        .file(
            "content/a.md",
            "---\ncompany: A\nrole: R\ndate: 2026-11-20\ninterviewer: Ann\nlearned: [HIDDEN-LEARNED]\nreplies:\n  - {on: 2026-11-21, note: HIDDEN-NOTE}\n---\n",
        );
    assert_eq!(case.run(&["build"]).code, 0);
    let out = case.root().join("public");
    assert!(read(&out, "drafts/index.html").contains("[add something specific you discussed]"));
    for (path, bytes, _) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("HIDDEN-"), "{path} leaks a redacted field");
    }
    // A field the rules are built from cannot be hidden, so it is refused.
    let refused = case.file(
        "debrief.toml",
        "timezone = \"UTC\"\n[site]\nredact = [\"contact\"]\n",
    );
    let r = refused.run(&["build"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot hide `contact`"), "{}", r.stderr);
}

#[test]
fn every_static_file_of_the_theme_is_copied() {
    let c = Case::temp()
        .file("debrief.toml", "timezone = \"UTC\"\ntheme = \"mine\"\n")
        .file("themes/mine/static/fonts/serif.woff2", b"not really a font")
        .file("themes/mine/static/style.css", "body { color: black }\n");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = c.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(&out, "static/fonts/serif.woff2"), "not really a font");
    assert_eq!(read(&out, "static/style.css"), "body { color: black }\n");
    assert!(
        out.join("static/debrief.js").is_file(),
        "the rest is embedded"
    );
}

#[cfg(unix)]
#[test]
fn a_theme_link_out_of_its_folder_fails_the_build_and_is_not_published() {
    // A link in the theme's `static/` was followed: its target (a journal,
    // /etc/passwd) was copied into the site.
    let c = Case::temp()
        .file("debrief.toml", "timezone = \"UTC\"\ntheme = \"mine\"\n")
        .file(
            "content/acme/2026-11-18-onsite.md",
            "---\ncompany: Acme\nrole: R\ndate: 2026-11-18\nsalary: 123456\n---\n",
        )
        .file("themes/mine/static/style.css", "body { color: black }\n");
    let stat = c.root().join("themes/mine/static");
    std::os::unix::fs::symlink("style.css", stat.join("same.css")).unwrap();
    std::os::unix::fs::symlink(
        "../../../content/acme/2026-11-18-onsite.md",
        stat.join("x.txt"),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = c.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("themes/mine/static/x.txt: a symbolic link leads to "),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "nothing is published");

    // A link inside the theme's folder is fine.
    std::fs::remove_file(stat.join("x.txt")).unwrap();
    let r = c.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(&out, "static/same.css"), "body { color: black }\n");
}

/// Renders the site of the repository at `root` into memory: page → text.
fn site_in_memory(
    root: &Path,
    today: chrono::NaiveDate,
) -> std::collections::BTreeMap<String, String> {
    let repo = debrief::repo::Repository::load(root, None).expect("the corpus loads");
    let opts = debrief::site::Options::in_memory();
    let sink = debrief::site::Memory::default();
    debrief::site::render(
        &repo,
        today,
        &opts,
        &sink,
        &debrief::site::Scope::Everything,
    )
    .expect("the site renders");
    sink.into_files()
        .into_iter()
        .map(|(name, pieces)| (name, String::from_utf8(pieces.to_vec()).unwrap()))
        .collect()
}

/// Every link of `page` (its file name) to a page of the site, resolved.
fn internal_links(page: &str, html: &str) -> Vec<String> {
    let dir: Vec<&str> = page.split('/').collect();
    let dir = &dir[..dir.len() - 1];
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| !href.contains(':') && !href.starts_with('#'))
        .map(|href| {
            let mut at: Vec<&str> = dir.to_vec();
            for part in href.split('#').next().unwrap().split('/') {
                match part {
                    ".." => {
                        assert!(at.pop().is_some(), "{page}: {href} leaves the site");
                    }
                    "" | "." => {}
                    p => at.push(p),
                }
            }
            let path = at.join("/");
            if href.ends_with('/') || href.is_empty() {
                format!(
                    "{}index.html",
                    if path.is_empty() {
                        String::new()
                    } else {
                        format!("{path}/")
                    }
                )
            } else {
                path
            }
        })
        .collect()
}

/// A year of journals as people write them (long reflections, follow-ups
/// seldom recorded): the lists that grow with the repository show their
/// first items and the rest are on numbered pages, every page stays small,
/// every item is on exactly one numbered page, and every link of every
/// page leads to a page of the site.
#[test]
fn long_lists_are_cut_into_numbered_pages_and_every_link_resolves() {
    let dir = tempfile::tempdir().unwrap();
    crate::corpus::generate_shaped(dir.path(), 700, 5, &crate::corpus::Shape::messy());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let site = site_in_memory(dir.path(), today);

    let (largest, size) = site
        .iter()
        .filter(|(n, _)| n.ends_with(".html"))
        .map(|(n, h)| (n, h.len()))
        .max_by_key(|(_, s)| *s)
        .unwrap();
    // Before the lists were cut, the dashboard of these journals was 1.3 MB.
    assert!(size < 400_000, "{largest}: {size} bytes");

    // The overdue actions: 50 on the dashboard, all on the numbered pages.
    let dashboard = &site["index.html"];
    let count: usize = {
        let h = dashboard
            .split("id=\"g-overdue\">Overdue <span class=\"count\">")
            .nth(1)
            .unwrap();
        h[..h.find('<').unwrap()].parse().unwrap()
    };
    assert!(count > 200, "{count} overdue: too few to need two pages");
    let section = dashboard.split("id=\"g-overdue\"").nth(1).unwrap();
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(section.matches("<li class=\"action").count(), 50);
    assert!(
        section.contains(&format!("href=\"due/overdue/\">All {count} (overdue)")),
        "{section}"
    );
    let mut ids = Vec::new();
    for n in 1.. {
        let name = if n == 1 {
            "due/overdue/index.html".to_string()
        } else {
            format!("due/overdue/{n}/index.html")
        };
        let Some(page) = site.get(&name) else { break };
        let items = page.matches("<li class=\"action").count();
        assert!(items <= 200 && items > 0, "{name}: {items}");
        ids.extend(
            page.split("<code class=\"action-id\"")
                .skip(1)
                .map(|s| s[s.find('>').unwrap() + 1..s.find('<').unwrap()].to_string()),
        );
    }
    // In the order of report.json, which lists every open action.
    let report: serde_json::Value = serde_json::from_str(&site["report.json"]).unwrap();
    let overdue: Vec<String> = report["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "overdue")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, overdue);

    // The board's columns show 50 cards each, the rest on their pages.
    let board = &dashboard[dashboard.find("class=\"board\"").unwrap()..];
    let board = &board[..board.find("id=\"pipeline-h\"").unwrap()];
    let mut paged = 0;
    for column in board.split("id=\"b-").skip(1) {
        let id = &column[..column.find('"').unwrap()];
        let cards = column.matches("<li class=\"card").count();
        assert!(cards <= 50, "{id}: {cards} cards");
        if cards == 50 {
            assert!(column.contains(&format!("href=\"board/{id}/\"")), "{id}");
            assert!(site.contains_key(&format!("board/{id}/index.html")));
            paged += 1;
        }
    }
    assert!(paged > 0, "no column long enough to page");

    // The drafts page is numbered too, and the practice list has pages.
    assert!(site.contains_key("drafts/2/index.html"));
    assert!(site["drafts/2/index.html"].contains("rel=\"prev\""));
    assert!(site.contains_key("applications/all/index.html"));

    for (name, html) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        for target in internal_links(name, html) {
            assert!(
                site.contains_key(&target),
                "{name} links to {target}, which is not in the site"
            );
        }
    }
}

/// `debrief serve` after saves that lengthen and shorten the long lists:
/// what it serves is what a fresh start serves, numbered pages included
/// (the pages a shorter list no longer has are gone).
#[test]
fn saves_that_change_long_lists_serve_what_a_fresh_build_makes() {
    use debrief::serve::Preview;
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    crate::corpus::generate_shaped(root, 300, 9, &crate::corpus::Shape::messy());
    let options = || crate::common::serve_options(root);
    let mut preview = Preview::new(options());
    let pages_of = |p: &Preview| -> Vec<String> {
        p.served()
            .files
            .keys()
            .filter(|k| k.starts_with("due/") || k.starts_with("drafts/"))
            .cloned()
            .collect()
    };
    let before = pages_of(&preview);
    assert!(before.iter().any(|p| p.starts_with("due/")), "{before:?}");
    // Most journals taken away in one save (a partial rebuild), then put
    // back in another.
    let journals: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let moved: Vec<&std::path::PathBuf> = journals.iter().skip(40).collect();
    let keep = root.join("kept");
    let aside = |p: &std::path::Path| keep.join(p.strip_prefix(root).unwrap());
    for p in &moved {
        std::fs::create_dir_all(aside(p).parent().unwrap()).unwrap();
        std::fs::rename(p, aside(p)).unwrap();
    }
    let changed: BTreeSet<std::path::PathBuf> = moved.iter().map(|p| p.to_path_buf()).collect();
    let rebuilt = preview.update(&changed).expect("a rebuild");
    assert!(!rebuilt.everything, "{rebuilt:?}");
    let fewer = pages_of(&preview);
    assert!(fewer.len() < before.len(), "{fewer:?}");
    let same_as_fresh = |preview: &Preview, what: &str| {
        crate::common::serves_what_a_fresh_start_serves(preview, &Preview::new(options()), what);
    };
    same_as_fresh(&preview, "taken away");
    for p in &moved {
        std::fs::rename(aside(p), p).unwrap();
    }
    assert!(!preview.update(&changed).expect("a rebuild").everything);
    same_as_fresh(&preview, "put back");

    // A line added to one journal's notes leaves every list as it was:
    // the numbered pages are served again as they were, not made again.
    let page = "due/overdue/2/index.html";
    let kept = preview.served().files[page].clone();
    let journal = &journals[0];
    let text = std::fs::read_to_string(journal).unwrap();
    std::fs::write(journal, format!("{text}\nOne more line of notes.\n")).unwrap();
    assert!(
        !preview
            .update(&BTreeSet::from([journal.clone()]))
            .unwrap()
            .everything
    );
    let after = preview.served().files[page].clone();
    assert_eq!(
        kept.pieces()[0].as_ptr(),
        after.pieces()[0].as_ptr(),
        "{page} made again"
    );
    same_as_fresh(&preview, "a note");
    assert_eq!(pages_of(&preview), before);
}

/// An application of hundreds of journals: its page shows the first 50 of
/// each list (the latest 50 events) and links to numbered pages under its
/// own folder that hold every item once; every link resolves.
#[test]
fn a_long_application_is_paged_under_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let shape = crate::corpus::Shape {
        per_app: (260, 260),
        ..crate::corpus::Shape::messy()
    };
    crate::corpus::generate_shaped(dir.path(), 300, 3, &shape);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let site = site_in_memory(dir.path(), today);
    let (name, page) = site
        .iter()
        .filter(|(n, _)| n.starts_with("applications/") && n.matches('/').count() == 2)
        .max_by_key(|(_, h)| h.len())
        .unwrap();
    let slug = name.split('/').nth(1).unwrap();
    assert!(page.len() < 150_000, "{name}: {} bytes", page.len());
    let journals = page.split("id=\"journals-h\"").nth(1).unwrap();
    assert_eq!(journals.matches("<li>").count(), 50, "{name}");
    let more = format!("href=\"../../applications/{slug}/journals/\">All ");
    let count: usize = {
        let h = journals
            .split(&more)
            .nth(1)
            .expect("a link to every journal");
        h[..h.find(' ').unwrap()].parse().unwrap()
    };
    assert!(count > 250, "{count}");
    // Every journal once, over the numbered pages, in the page's order.
    let mut listed = Vec::new();
    for n in 1.. {
        let file = match n {
            1 => format!("applications/{slug}/journals/index.html"),
            n => format!("applications/{slug}/journals/{n}/index.html"),
        };
        let Some(page) = site.get(&file) else { break };
        listed.extend(
            internal_links(&file, page)
                .into_iter()
                .filter(|target| target.starts_with("journals/")),
        );
    }
    let unique: std::collections::BTreeSet<&String> = listed.iter().collect();
    assert_eq!((listed.len(), unique.len()), (count, count), "{listed:?}");
    // The timeline's page shows its latest events; its pages, all of them.
    let timeline = page.split("id=\"timeline-h\"").nth(1).unwrap();
    let timeline = &timeline[..timeline.find("</ol>").unwrap()];
    assert_eq!(timeline.matches("<li class=").count(), 50);
    let last = site[&format!("applications/{slug}/timeline/2/index.html")].clone();
    assert!(
        last.contains("<ol class=\"timeline\" start=\"201\""),
        "{last}"
    );
    for (name, html) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        for target in internal_links(name, html) {
            assert!(site.contains_key(&target), "{name} links to {target}");
        }
    }
}

/// `debrief serve`: a save in another application keeps a long
/// application's numbered pages as they were; a save that shortens its
/// lists takes away the pages they no longer fill. Both serve what a fresh
/// start serves.
#[test]
fn saves_keep_and_shorten_a_long_applications_pages() {
    use debrief::serve::Preview;
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let shape = crate::corpus::Shape {
        per_app: (260, 260),
        ..crate::corpus::Shape::messy()
    };
    crate::corpus::generate_shaped(root, 300, 3, &shape);
    let mut preview = Preview::new(crate::common::serve_options(root));
    let app_pages = |p: &Preview| -> Vec<String> {
        p.served()
            .files
            .keys()
            .filter(|k| k.starts_with("applications/") && k.matches('/').count() > 2)
            .filter(|k| !k.starts_with("applications/all/"))
            .cloned()
            .collect()
    };
    let before = app_pages(&preview);
    assert!(
        before.iter().any(|p| p.ends_with("/journals/2/index.html")),
        "{before:?}"
    );
    let journals = |app: &str| -> Vec<std::path::PathBuf> {
        let mut all: Vec<_> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .filter(|p| p.to_string_lossy().contains(app))
            .collect();
        all.sort();
        all
    };
    // A note in the other application: the long one is not made again.
    let other = journals("app-000001")[0].clone();
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{text}\nOne more line.\n")).unwrap();
    assert!(!preview.update(&BTreeSet::from([other])).unwrap().everything);
    assert_eq!(app_pages(&preview), before);
    crate::common::serves_what_a_fresh_start_serves(
        &preview,
        &Preview::new(crate::common::serve_options(root)),
        "a note",
    );
    // Most of the long application's journals removed: its lists shrink.
    let gone: BTreeSet<std::path::PathBuf> = journals("app-000000").into_iter().skip(60).collect();
    for p in &gone {
        std::fs::remove_file(p).unwrap();
    }
    assert!(!preview.update(&gone).unwrap().everything);
    let after = app_pages(&preview);
    assert!(after.len() < before.len(), "{after:?}");
    assert!(
        !after.iter().any(|p| p.ends_with("/journals/2/index.html")),
        "{after:?}"
    );
    crate::common::serves_what_a_fresh_start_serves(
        &preview,
        &Preview::new(crate::common::serve_options(root)),
        "removed",
    );
}

/// The dashboard's board (issue 20): each application in the column where
/// it stands, the closed ones folded away, offers with their deadline at
/// the top of the page, between the action lists and the charts.
#[test]
fn the_board_puts_each_application_where_it_stands() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = Case::new("board").run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "index.html");
    let board = &page[page.find("<section class=\"board\"").expect("a board")..];
    let board = &board[..board
        .find("<section aria-labelledby=\"pipeline-h\">")
        .unwrap()];
    // After the actions, before the charts.
    assert!(page.find("id=\"g-later\"").unwrap() < page.find("class=\"board\"").unwrap());
    let column_of = |company: &str| -> String {
        let at = board
            .find(&format!("/\">{company}</a>"))
            .unwrap_or_else(|| panic!("{company} has no card"));
        let before = &board[..at];
        let id = before.rfind("id=\"b-").unwrap();
        before[id + 6..][..before[id + 6..].find('"').unwrap()].to_string()
    };
    for (company, column) in [
        ("Orbit Labs", "offer"),
        ("Quill", "scheduled"),
        ("Tidewater", "owe"),
        ("Umber", "waiting"),
        ("Vale", "ghosted"),
        ("Wren", "closed"),
    ] {
        assert_eq!(column_of(company), column, "{company}");
    }
    // Closed ones are folded; the others are open.
    let closed = &board[board.find("<details class=\"column closed\">").unwrap()..];
    assert!(closed[..closed.find("</details>").unwrap()].contains(">Wren</a>"));
    // The card says what is next and when; waiting says how long.
    let card = |company: &str| -> &str {
        let at = board.find(&format!("/\">{company}</a>")).unwrap();
        let start = board[..at].rfind("<li class=\"card").unwrap();
        &board[start..start + board[start..].find("</li>").unwrap()]
    };
    assert!(
        card("Tidewater").contains("Send the load-test notes to Cy Moss"),
        "{}",
        card("Tidewater")
    );
    assert!(card("Tidewater").contains("class=\"card owe late\""));
    assert!(card("Umber").contains("(6 days ago)"), "{}", card("Umber"));
    assert!(card("Umber").contains("They will decide by</dt><dd><time datetime=\"2026-11-30\">"));
    assert!(
        card("Quill").contains(
            "<dt>Interview</dt><dd><time datetime=\"2026-11-26\">2026-11-26 15:00</time>"
        )
    );
    assert!(card("Orbit Labs").contains("<dt>Answer by</dt><dd><time datetime=\"2026-11-25\">"));
    // A closed card says how it closed.
    assert!(
        card("Wren").contains("<span class=\"badge rejected\">rejected</span>"),
        "{}",
        card("Wren")
    );
    // The offer stands out at the top.
    let banner = page
        .find("class=\"banner deadline\"")
        .expect("the offers banner");
    assert!(banner < page.find("id=\"g-overdue\"").unwrap());
    assert!(
        page[banner..]
            .contains("answer by <time datetime=\"2026-11-25\">2026-11-25</time> (in 3 days)")
    );
}

/// Journal pages show what the journal records beside the notes, and an
/// application's page its people, each once, and the timeline they gave
/// (issue 20).
#[test]
fn journal_and_application_pages_show_what_the_journals_know() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let case = Case::at(crate::common::checkout()).today("2026-11-22");
    let r = case.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let main = |rel: &str| crate::common::main_of(&read(&out, rel));

    let journal = main("journals/cyberdyne-platform-engineer-2026-11-12-final/index.html");
    for shown in [
        "<h3>What you learned</h3>",
        "Sarah wants the platform team to own developer experience end to end.",
        "<h3>Your highlights</h3>",
        "<tr class=\"sent\"><td>my list of references</td><td>Miles Dyson</td><td>2026-11-13</td><td>sent</td></tr>",
        "<span class=\"kind\">reply</span> from Miles Dyson: Verbal offer on the phone",
        "<span class=\"kind\">sent</span> thank-you to every interviewer",
        "<dt>Outcome</dt><dd>offer (<time datetime=\"2026-11-20\">",
        "<dt>They decide by</dt>",
    ] {
        assert!(journal.contains(shown), "{shown} missing:\n{journal}");
    }

    let app = main("applications/cyberdyne-systems-platform-engineer/index.html");
    let people = &app[app.find("id=\"people-h\"").expect("a people section")..];
    let people = &people[..people.find("</section>").unwrap()];
    // Miles Dyson is in both journals: listed once, with what either says.
    assert_eq!(
        people.matches("<strong>Miles Dyson</strong>").count(),
        1,
        "{people}"
    );
    assert!(people.contains("<strong>Miles Dyson</strong>, Engineering Director · <a href=\"mailto:miles.dyson@cyberdyne.example\">"));
    assert!(people.contains("<strong>Sarah Connor</strong>, VP Engineering"));
    assert!(people.contains("agreed to connect on LinkedIn"));
    assert!(
        app.contains("<dt>In their words</dt><dd>An answer by the 20th.</dd>"),
        "{app}"
    );
}

/// A heading the journal template left empty is not on the page.
#[test]
fn empty_template_headings_are_not_rendered() {
    let case = Case::temp().file(
        "content/acme.md",
        "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-20\n---\n## What went well\n\n## Where I struggled\n\n- the estimate\n\n## Questions I asked\n",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = case.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "journals/acme/index.html");
    assert!(page.contains("<h2>Where I struggled</h2>"), "{page}");
    assert!(!page.contains("What went well"), "{page}");
    assert!(!page.contains("Questions I asked"), "{page}");
}

// Regression (a trial): an offer declined showed only "declined" on the
// application's timeline, as if no offer had come.
#[test]
fn an_applications_timeline_shows_each_outcome_recorded() {
    let case = Case::temp()
        .file(
            "content/acme/final.md",
            "---\ncompany: Acme\nrole: Dev\ndate: 2026-11-02\ninterviewers: [Ann Lee]\noutcome: offer\noutcome_on: 2026-11-10\n---\n",
        )
        .file(
            "content/acme/answer.md",
            "---\ncompany: Acme\nrole: Dev\ndate: 2026-11-02T18:00\ninterviewers: [Ann Lee]\noutcome: declined\noutcome_on: 2026-11-14\n---\n",
        );
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = crate::common::read(
        &case.root().join("public"),
        "applications/acme-dev/index.html",
    );
    let offer = page
        .find("Outcome: offer")
        .expect("the offer on the timeline");
    let declined = page
        .find("Outcome: declined")
        .expect("the answer on the timeline");
    assert!(offer < declined, "the offer first");
}
