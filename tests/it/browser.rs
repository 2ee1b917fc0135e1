//! The site in a real browser: headless Chromium from Debian's packages,
//! driven over WebDriver (chromedriver) by fantoccini, against the real
//! `debrief serve`.
//!
//! What these tests need is installed when missing: `chromium` and
//! `chromium-driver` with apt-get, and axe-core (the accessibility checker)
//! with `npm ci` in `tests/browser/`. If that cannot be done the tests fail
//! and say why; they never skip.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::Case;
use crate::common::server::serve;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The flags Chromium needs on these machines (no network beyond loopback,
/// running as root), plus a fixed window size so layouts are the same.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

const JOURNAL: &str = "---\ncompany: Acme\nrole: Backend Developer\ndate: 2026-11-18T10:00\ninterviewers:\n  - name: Bo Chen\nlearned: [their queue design]\n---\n## What went well\n- the design exercise\n";

/// Where axe-core is once `npm ci` has run in `tests/browser/`.
fn axe_path() -> PathBuf {
    crate::common::checkout().join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// Installs Chromium, chromedriver and axe-core if any is missing, once per
/// test run. Panics, saying what failed, when it cannot.
fn installed() {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    let done = DONE.get_or_init(|| {
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            let apt = |args: &[&str]| {
                Command::new("apt-get")
                    .args(args)
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .status()
                    .is_ok_and(|s| s.success())
            };
            let install = ["install", "-y", "-qq", "chromium", "chromium-driver"];
            let done = apt(&install) || (apt(&["update", "-qq"]) && apt(&install));
            if !done {
                return Err(format!(
                    "the browser tests need {CHROMIUM} and {CHROMEDRIVER}; \
                     `apt-get install chromium chromium-driver` failed (run it as root)"
                ));
            }
        }
        if !axe_path().exists() {
            let dir = crate::common::checkout().join("tests/browser");
            let ok = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir)
                .status()
                .is_ok_and(|s| s.success());
            if !ok || !axe_path().exists() {
                return Err(format!(
                    "the accessibility test needs axe-core: `npm ci` in {} failed",
                    dir.display()
                ));
            }
        }
        Ok(())
    });
    if let Err(e) = done {
        panic!("{e}");
    }
}

/// chromedriver and one Chromium session with a fresh profile; both stopped
/// when dropped.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (up to a generous deadline, not a timing assertion) for `ok`.
async fn until<T>(what: &str, mut ok: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(t) = ok().await {
            return t;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl Browser {
    async fn start() -> Browser {
        installed();
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver never listened");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Console messages logged since the last call, as (level, message).
    async fn console(&self) -> Vec<(String, String)> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("the browser log");
        log.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["level"].as_str().unwrap_or("").to_string(),
                    e["message"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    /// The text of the first element `css` finds, if there is one now.
    /// The console's errors and warnings so far.
    async fn console_errors(&self) -> Vec<(String, String)> {
        self.console()
            .await
            .into_iter()
            .filter(|(level, _)| level == "SEVERE" || level == "WARNING")
            .collect()
    }

    async fn try_text(&self, css: &str) -> Option<String> {
        self.client
            .find(Locator::Css(css))
            .await
            .ok()?
            .text()
            .await
            .ok()
    }

    async fn text(&self, css: &str) -> String {
        self.try_text(css)
            .await
            .unwrap_or_else(|| panic!("nothing matches {css}"))
    }

    async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// What the promise `expression` resolves to (or `{error}` when it is
    /// rejected): a script the page runs asynchronously.
    async fn resolve(&self, expression: &str) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             Promise.resolve().then(() => {expression})
               .then(done, e => done({{ error: String(e) }}));"
        );
        self.client
            .execute_async(&script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{expression}: {e}"))
    }

    /// Serious and critical axe-core violations on the open page, one line
    /// each (rule, help and the elements), and how many rules passed.
    async fn axe(&self) -> (Vec<String>, u64) {
        let axe = std::fs::read_to_string(axe_path()).unwrap();
        // Run by WebDriver itself, which defines the global `axe`: a script
        // element would be inline script, which the pages'
        // Content-Security-Policy refuses.
        self.client
            .execute(&format!("{axe}\n;return typeof window.axe;"), vec![])
            .await
            .expect("axe loads");
        let found = self
            .resolve(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => ({
                   passed: r.passes.length,
                   serious: r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ': ' + v.help + ' at ' +
                       v.nodes.map(n => n.target.join(' ')).join(', ')),
                 }))",
            )
            .await;
        assert!(found["error"].is_null(), "axe failed: {}", found["error"]);
        (
            serde_json::from_value(found["serious"].clone()).unwrap(),
            found["passed"].as_u64().unwrap(),
        )
    }
}

/// chromedriver's log endpoint (not in WebDriver itself): the browser
/// console, with `goog:loggingPrefs` set.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// WebDriver's Set Permission (an extension chromedriver supports).
#[derive(Debug)]
struct Grant(&'static str);

impl fantoccini::wd::WebDriverCompatibleCommand for Grant {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/permissions",
            session.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "descriptor": { "name": self.0 }, "state": "granted" });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The demo journals in `content/`, served as they are (serve never writes).
fn demo() -> PathBuf {
    crate::common::checkout().to_path_buf()
}

#[tokio::test]
async fn the_dashboard_loads_without_console_errors_and_its_filter_works() {
    let s = serve(&demo(), "2026-11-22", &[]);
    let b = Browser::start().await;
    b.client.goto(&s.url("/")).await.unwrap();
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console: {errors:?}");
    // The page's Content-Security-Policy is in force: inline script does
    // not run (and the theme, the reload script included, needs none).
    let inline = "const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true;';
        document.head.appendChild(s);
        return window.inlineRan === true;";
    assert_eq!(b.eval(inline).await, json!(false), "inline script ran");

    let visible = "return [...document.querySelectorAll('li.action')]
        .filter(li => !li.hidden).map(li => li.getAttribute('data-filter'));";
    let all: Vec<String> = serde_json::from_value(b.eval(visible).await).unwrap();
    assert!(all.len() > 3, "the demo dashboard lists actions: {all:?}");
    assert!(all.iter().any(|f| !f.contains("Cyberdyne")));

    let filter = b.client.find(Locator::Id("filter")).await.unwrap();
    filter.send_keys("cyberdyne").await.unwrap();
    let shown: Vec<String> = serde_json::from_value(b.eval(visible).await).unwrap();
    assert!(!shown.is_empty(), "the filter hid everything");
    assert!(shown.len() < all.len(), "the filter hid nothing");
    assert!(
        shown.iter().all(|f| f.contains("Cyberdyne")),
        "shown: {shown:?}"
    );
    filter.clear().await.unwrap();
    // Clearing by WebDriver sends no input event; type and erase instead.
    filter.send_keys("x\u{e003}").await.unwrap();
    let again: Vec<String> = serde_json::from_value(b.eval(visible).await).unwrap();
    assert_eq!(again, all, "an empty filter shows everything again");
    b.client.clone().close().await.unwrap();
}

/// The board (issue 20) in a browser: no console errors, no serious
/// accessibility violation, the closed applications folded until asked
/// for, and a card leads to its application.
#[tokio::test]
async fn the_board_shows_where_each_application_stands() {
    let s = serve(
        &crate::common::checkout().join("tests/fixtures/board"),
        "2026-11-22",
        &[],
    );
    let b = Browser::start().await;
    b.client.goto(&s.url("/")).await.unwrap();
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console: {errors:?}");
    let (serious, passed) = b.axe().await;
    assert!(serious.is_empty(), "{}", serious.join("\n"));
    assert!(passed > 10, "axe checked only {passed} rules");
    let shown = "return [...document.querySelectorAll('.board li.card h4 a')]
        .filter(a => a.checkVisibility()).map(a => a.textContent);";
    let visible: Vec<String> = serde_json::from_value(b.eval(shown).await).unwrap();
    assert_eq!(
        visible,
        ["Orbit Labs", "Quill", "Tidewater", "Umber", "Vale"]
    );
    b.client
        .find(Locator::Css("details.column.closed summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let visible: Vec<String> = serde_json::from_value(b.eval(shown).await).unwrap();
    assert!(visible.contains(&"Wren".to_string()), "{visible:?}");
    b.client
        .find(Locator::LinkText("Tidewater"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let title = until("the application page", async || {
        let t = b.client.title().await.ok()?;
        t.starts_with("Tidewater").then_some(t)
    })
    .await;
    assert!(title.contains("Platform Engineer"), "{title}");
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn the_copy_button_puts_the_draft_on_the_clipboard() {
    let s = serve(&demo(), "2026-11-22", &[]);
    let b = Browser::start().await;
    b.client.goto(&s.url("/drafts/")).await.unwrap();
    // The first draft: open it, read what it says, copy it.
    let details = b.client.find(Locator::Css("details")).await.unwrap();
    details
        .find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = b.text("details pre.draft-text").await;
    assert!(text.len() > 40, "a draft: {text:?}");
    let button = details
        .find(Locator::XPath(".//button[normalize-space()='Copy draft']"))
        .await
        .expect("a copy button on the draft");
    button.click().await.unwrap();
    until("the button to say Copied", async || {
        (button.text().await.ok()? == "Copied").then_some(())
    })
    .await;
    // The clipboard itself, read back through the page.
    b.client
        .issue_cmd(Grant("clipboard-read"))
        .await
        .expect("permission to read the clipboard");
    let copied = b.resolve("navigator.clipboard.readText()").await;
    let copied = copied
        .as_str()
        .unwrap_or_else(|| panic!("the clipboard is unreadable: {copied}"))
        .to_string();
    let first_line = text.lines().next().unwrap();
    assert!(
        copied.contains(first_line) && copied.len() >= text.len(),
        "clipboard: {copied:?}\ndraft: {text:?}"
    );
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn a_save_reloads_the_open_page_and_a_broken_save_shows_until_fixed() {
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let journal = c.root().join("content/acme/2026-11-18-onsite.md");
    let s = serve(c.root(), "2026-11-20", &["--poll"]);
    let b = Browser::start().await;
    b.client
        .goto(&s.url("/journals/acme-2026-11-18-onsite/"))
        .await
        .unwrap();
    // Set on this page only: gone once the page has reloaded.
    b.eval("window.notReloaded = true; return null;").await;
    let body = b.text("body").await;
    assert!(body.contains("the design exercise"), "{body}");
    assert!(!body.contains("kept calm under pressure"));

    std::fs::write(&journal, format!("{JOURNAL}- kept calm under pressure\n")).unwrap();
    until("the page to show the saved change", async || {
        let body = b.try_text("body").await?;
        body.contains("kept calm under pressure").then_some(())
    })
    .await;
    assert_eq!(
        b.eval("return window.notReloaded === true;").await,
        json!(false)
    );

    // A broken save: the overlay says where and what, over the open page.
    std::fs::write(
        &journal,
        "---\ncompany: Acme\nrole: [Backend\ndate: 2026-11-18\n---\n",
    )
    .unwrap();
    let overlay = until("the error overlay", async || {
        let el = b.client.find(Locator::Id("debrief-error")).await.ok()?;
        el.is_displayed().await.ok()?.then_some(el)
    })
    .await;
    // Styled by the reload script: the policy refuses inline styles.
    assert_eq!(
        b.eval("return getComputedStyle(document.getElementById('debrief-error')).position;")
            .await,
        json!("fixed")
    );
    let said = overlay.text().await.unwrap();
    assert!(
        said.contains("content/acme/2026-11-18-onsite.md:"),
        "overlay: {said}"
    );

    // Fixed: the overlay goes by itself and the page is back.
    std::fs::write(&journal, JOURNAL).unwrap();
    until("the overlay to go", async || {
        let gone = b.client.find(Locator::Id("debrief-error")).await.is_err();
        let body = b.try_text("body").await?;
        (gone && body.contains("the design exercise")).then_some(())
    })
    .await;
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn pages_have_no_serious_accessibility_violations() {
    let s = serve(&demo(), "2026-11-22", &[]);
    let b = Browser::start().await;
    for path in [
        "/",
        "/applications/cyberdyne-systems-platform-engineer/",
        "/drafts/",
        "/prep/hooli-senior-sre-2026-11-26-onsite/",
        "/journals/cyberdyne-platform-engineer-2026-11-12-final/",
    ] {
        b.client.goto(&s.url(path)).await.unwrap();
        let title = b.client.title().await.unwrap();
        assert!(!title.contains("Not found"), "{path} is not a page");
        let errors = b.console_errors().await;
        assert!(errors.is_empty(), "{path}: console: {errors:?}");
        let (serious, passed) = b.axe().await;
        assert!(serious.is_empty(), "{path}:\n{}", serious.join("\n"));
        assert!(passed > 10, "{path}: axe checked only {passed} rules");
    }
    b.client.clone().close().await.unwrap();
}

/// The password the locked sites of these tests are built with.
const PASSWORD: &str = "open sesame";

/// Types `password` into a locked page's form and sends it.
async fn unlock(b: &Browser, password: &str) {
    let field = b
        .client
        .find(Locator::Id("debrief-password"))
        .await
        .unwrap();
    field.clear().await.unwrap();
    field.send_keys(password).await.unwrap();
    let button = b.client.find(Locator::Css("#debrief-unlock button")).await;
    button.unwrap().click().await.unwrap();
}

/// Waits for a locked page to say something containing `what`.
async fn refused(b: &Browser, what: &str) -> String {
    until(&format!("the page to say {what:?}"), async || {
        let said = b.try_text("#debrief-unlock-error").await?;
        said.contains(what).then_some(said)
    })
    .await
}

#[tokio::test]
async fn a_locked_site_opens_with_its_password_and_stays_open_for_the_session() {
    // The demo journals, built locked, from a static host.
    let c = Case::locked_demo();
    let built = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", PASSWORD)]);
    assert_eq!(built.code, 0, "{built:?}");
    let site = static_host(c.root().join("public")).await;
    let b = Browser::start().await;
    b.client.goto(&format!("{site}/")).await.unwrap();
    assert!(b.text("h1").await.contains("is locked"));
    assert_eq!(b.client.title().await.unwrap(), "Locked page");
    let (serious, _) = b.axe().await;
    assert!(
        serious.is_empty(),
        "the locked page:\n{}",
        serious.join("\n")
    );

    unlock(&b, "not it").await;
    refused(&b, "does not open").await;
    unlock(&b, PASSWORD).await;
    until("the dashboard", async || {
        (b.try_text("h1").await? == "What is due").then_some(())
    })
    .await;
    let body = b.text("body").await;
    assert!(body.contains("Cyberdyne"), "{body}");
    // The title, left out of the locked page, is back with the page.
    assert_eq!(b.client.title().await.unwrap(), "Alex Morgan job search");

    // The next page opens without the password: the key is kept for the tab.
    b.client
        .find(Locator::LinkText("Drafts"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until("the drafts page, opened by itself", async || {
        b.try_text("h1")
            .await?
            .starts_with("Drafts ready to send")
            .then_some(())
    })
    .await;
    let errors: Vec<_> = b
        .console()
        .await
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "console: {errors:?}");
    b.client.clone().close().await.unwrap();
}

// Regression (issue 15): a locked page copied over another page's file
// opened there, and a page of an older build opened among a newer one's
// with the same password. Each is now refused, and says why.
#[tokio::test]
async fn a_locked_page_out_of_its_place_or_build_is_refused_visibly() {
    let c = Case::locked_demo();
    let public = c.root().join("public");
    let build = || {
        let built = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", PASSWORD)]);
        assert_eq!(built.code, 0, "{built:?}");
    };
    build();
    let old_drafts = std::fs::read(public.join("drafts/index.html")).unwrap();
    // Builds are told apart by the second they were made in.
    std::thread::sleep(Duration::from_millis(1100));
    build();
    // The drafts page over the weeks page (as deep), a journal's page over
    // the reflections page (less deep: its links name another root), and
    // the older build's drafts page. (A page copied deeper finds no script
    // at all and stays locked.)
    let copy = |from: &str, to: &str| std::fs::copy(public.join(from), public.join(to)).unwrap();
    copy("drafts/index.html", "weeks/index.html");
    copy("journals/j1/index.html", "reflections/index.html");
    std::fs::write(public.join("drafts/index.html"), old_drafts).unwrap();
    let site = static_host(public).await;
    let b = Browser::start().await;

    // A new tab at the swapped page: the right password does not open it.
    b.client.goto(&format!("{site}/weeks/")).await.unwrap();
    unlock(&b, PASSWORD).await;
    refused(&b, "sealed for another place").await;
    assert!(b.text("h1").await.contains("is locked"));

    // Unlocked from the dashboard, the misplaced pages still do not open.
    b.client.goto(&format!("{site}/")).await.unwrap();
    unlock(&b, PASSWORD).await;
    until("the dashboard", async || {
        (b.try_text("h1").await? == "What is due").then_some(())
    })
    .await;
    for (path, said) in [
        ("/weeks/", "sealed for another place"),
        ("/reflections/", "sealed for another place"),
        ("/drafts/", "older build"),
    ] {
        b.client.goto(&format!("{site}{path}")).await.unwrap();
        refused(&b, said).await;
        assert!(b.text("h1").await.contains("is locked"), "{path} opened");
        assert!(
            !b.client
                .find(Locator::Id("debrief-password"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap(),
            "{path} still asks for the password"
        );
    }
    // A page in its place opens by itself.
    b.client
        .goto(&format!("{site}/applications/a1/"))
        .await
        .unwrap();
    until("an application page, opened by itself", async || {
        (!b.try_text("h1").await?.contains("is locked")).then_some(())
    })
    .await;
    b.client.clone().close().await.unwrap();
}

/// Serves the folder `dir` over HTTP as a static host would (`/x/` is
/// `x/index.html`), on a free port; the address.
async fn static_host(dir: PathBuf) -> String {
    use axum::http::{StatusCode, Uri, header};
    use axum::response::IntoResponse;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(move |uri: Uri| {
        let dir = dir.clone();
        async move {
            let mut rel = uri.path().trim_start_matches('/').to_string();
            if rel.is_empty() || rel.ends_with('/') {
                rel.push_str("index.html");
            }
            if rel.split('/').any(|part| part == "..") {
                return StatusCode::BAD_REQUEST.into_response();
            }
            let kind = match rel.rsplit('.').next() {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            match std::fs::read(dir.join(&rel)) {
                Ok(bytes) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            }
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}
