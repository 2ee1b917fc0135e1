//! `debrief serve`: the site rendered into memory, served over HTTP on the
//! loopback interface, rebuilt when a journal, the theme or the
//! configuration changes, and the open pages told to reload.
//!
//! The pure parts (which file a request path names, content types, the
//! reload script and the error overlay put into pages) are plain functions
//! with unit tests; the server, the watcher and the rebuild loop are the
//! I/O edge. Nothing here writes to the repository.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::NaiveDate;

use crate::diagnostics::Severity;
use crate::repo::Repository;
use crate::report::charts::escape;
use crate::site::{self, Memory};

/// Where live-reload events are sent (server-sent events).
pub const EVENTS: &str = "/__debrief/events";

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The repository root.
    pub root: PathBuf,
    /// The configuration file, if not `root/debrief.toml`.
    pub config: Option<PathBuf>,
    /// The day to report for; `None`: today, each rebuild.
    pub today: Option<NaiveDate>,
    /// The address to listen on.
    pub addr: SocketAddr,
    /// Poll the file system instead of waiting for its events.
    pub poll: bool,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// One build of the site, as served.
#[derive(Debug, Default)]
pub struct Served {
    /// The files, by `/`-separated path (shared with the build before
    /// when this one failed).
    pub files: Arc<BTreeMap<String, Vec<u8>>>,
    /// What is wrong, when a journal, a template or the configuration is:
    /// each line `file:line:column: message`.
    pub error: Option<String>,
    /// Counts the builds, so pages can tell a new one.
    pub version: u64,
}

/// Why a request path names no file of the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `..`, `.`, backslashes, NUL or undecodable escapes: refused, whatever
    /// the site holds.
    Unsafe,
}

/// The site file a request path names: `/` is `index.html`, `/x/` is
/// `x/index.html`. Percent-escapes are decoded first, so `%2e%2e` is `..`
/// and refused like it.
pub fn resolve(path: &str) -> Result<String, Refusal> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::Unsafe)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        if part == ".." || part == "." || part.contains(['\\', '\0']) {
            return Err(Refusal::Unsafe);
        }
        if !part.is_empty() {
            parts.push(part);
        }
    }
    let mut rel = parts.join("/");
    if decoded.ends_with('/') || rel.is_empty() {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Ok(rel)
}

/// The `Content-Type` of a site file, by its extension.
pub fn content_type(rel: &str) -> &'static str {
    match rel.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `html` with the live-reload script, and the error overlay when the last
/// rebuild failed, put before `</body>`.
pub fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(e) = error {
        extra.push_str(&format!(
            "<div id=\"debrief-error\" role=\"alert\" style=\"position:fixed;inset:1rem;z-index:9999;overflow:auto;\
             background:#fff;color:#8b0000;border:3px solid #8b0000;padding:1rem;font:14px/1.4 monospace\">\
             <h2 style=\"margin-top:0\">debrief could not rebuild the site</h2><pre style=\"white-space:pre-wrap\">{}</pre>\
             <p>Fix the file and save: this page reloads by itself.</p></div>\n",
            escape(e)
        ));
    }
    extra.push_str(&format!(
        "<script>new EventSource(\"{EVENTS}\").addEventListener(\"reload\", () => location.reload());</script>\n"
    ));
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The page for paths that name nothing.
pub fn not_found(rel: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
         <body><main><h1>Not found</h1><p>The site has no <code>{}</code>.</p><p><a href=\"/\">The dashboard</a></p></main></body></html>\n",
        escape(rel)
    )
    .into_bytes()
}

/// Builds the site into memory. A journal with errors is left out and
/// named in the error; a template or configuration error keeps `previous`
/// files (if any) and says why.
pub fn rebuild(opts: &Options, previous: Option<&Served>) -> Served {
    let version = previous.map_or(1, |p| p.version + 1);
    let keep = |error: String| Served {
        files: previous.map(|p| Arc::clone(&p.files)).unwrap_or_default(),
        error: Some(error),
        version,
    };
    let repo = match Repository::load(&opts.root, opts.config.as_deref()) {
        Ok(r) => r,
        Err(e) => return keep(e.0),
    };
    let today = opts.today.unwrap_or_else(|| repo.today());
    let site_opts = site::Options {
        output: "public".into(),
        base_url: None,
        keep_going: true,
    };
    let sink = Memory::default();
    if let Err(e) = site::render(&repo, today, &site_opts, &sink) {
        return keep(e.to_string());
    }
    let errors: Vec<String> = repo
        .reading
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.location().unwrap_or_default(), p.message))
        .collect();
    Served {
        files: Arc::new(sink.into_files()),
        error: (!errors.is_empty()).then(|| errors.join("\n")),
        version,
    }
}

/// What the server shares between requests and the rebuild loop.
struct State {
    served: RwLock<Arc<Served>>,
    reload: tokio::sync::broadcast::Sender<u64>,
    /// The error last shown in the terminal, so each is shown once.
    shown: std::sync::Mutex<Option<String>>,
}

impl State {
    /// Builds again and serves the result.
    fn rebuild(&self, opts: &Options) {
        let previous = self
            .served
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default();
        let next = rebuild(opts, (previous.version > 0).then_some(&*previous));
        if let Ok(mut shown) = self.shown.lock() {
            report(&next, &mut shown);
        }
        let version = next.version;
        if let Ok(mut s) = self.served.write() {
            *s = Arc::new(next);
        }
        let _ = self.reload.send(version);
    }
}

/// Builds, serves and rebuilds until Ctrl-C. Errors are for the terminal.
pub fn run(opts: Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(serve(opts))
}

fn report(served: &Served, last: &mut Option<String>) {
    if served.error != *last {
        match &served.error {
            Some(e) => eprintln!("error: the site could not be rebuilt cleanly:\n{e}"),
            None if last.is_some() => eprintln!("Rebuilt: every problem is fixed."),
            None => {}
        }
        last.clone_from(&served.error);
    }
}

async fn serve(opts: Options) -> Result<(), String> {
    let (reload, _) = tokio::sync::broadcast::channel(16);
    let state = Arc::new(State {
        served: RwLock::new(Arc::new(Served::default())),
        reload,
        shown: Default::default(),
    });
    // Watch first, so a save during the first build is not missed.
    watch(opts.clone(), Arc::clone(&state))?;
    state.rebuild(&opts);

    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {} on {} is already in use: choose another with --port",
                opts.addr.port(),
                opts.addr.ip()
            ),
            _ => format!("cannot listen on {}: {e}", opts.addr),
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot tell the address: {e}"))?;
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C stops)", opts.root.display());

    if opts.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }

    let app = axum::Router::new()
        .route(EVENTS, axum::routing::get(events))
        .fallback(axum::routing::get(file))
        .with_state(state);
    tokio::select! {
        served = axum::serve(listener, app) => served.map_err(|e| format!("the server stopped: {e}")),
        _ = tokio::signal::ctrl_c() => {
            println!("Stopped.");
            Ok(())
        }
    }
}

/// Watches the journals, the themes and the configuration, and rebuilds on
/// change (in its own thread; changes of one moment are taken together).
fn watch(opts: Options, state: Arc<State>) -> Result<(), String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_change(&event.kind)
        {
            let _ = tx.send(event.paths);
        }
    };
    let mut watcher: Box<dyn Watcher + Send> = if opts.poll {
        // Contents, not only times: a save within the same second counts.
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(300))
            .with_compare_contents(true);
        Box::new(
            notify::PollWatcher::new(handler, config)
                .map_err(|e| format!("cannot watch the files: {e}"))?,
        )
    } else {
        Box::new(
            notify::recommended_watcher(handler)
                .map_err(|e| format!("cannot watch the files: {e}"))?,
        )
    };
    let config = opts
        .config
        .clone()
        .unwrap_or_else(|| opts.root.join("debrief.toml"));
    for (path, mode) in [
        (opts.root.join("content"), notify::RecursiveMode::Recursive),
        (opts.root.join("themes"), notify::RecursiveMode::Recursive),
        (config, notify::RecursiveMode::NonRecursive),
    ] {
        if path.exists() {
            watcher
                .watch(&path, mode)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(first) = rx.recv() {
            let mut changed: std::collections::BTreeSet<PathBuf> = first.into_iter().collect();
            // An editor's save is often several events: wait for a quiet moment.
            while let Ok(more) = rx.recv_timeout(QUIET) {
                changed.extend(more);
            }
            state.rebuild(&opts);
        }
    });
    Ok(())
}

/// How long the files must be still before a rebuild starts.
const QUIET: Duration = Duration::from_millis(100);

/// Whether a file event is a change. Reads are not: the build reads every
/// journal, and counting that would rebuild for ever.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

async fn events(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
) -> axum::response::Sse<
    impl futures_util::Stream<Item = Result<axum::response::sse::Event, std::convert::Infallible>>,
> {
    use tokio::sync::broadcast::error::RecvError;
    let rx = state.reload.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(v) => {
                    let event = axum::response::sse::Event::default()
                        .event("reload")
                        .data(v.to_string());
                    return Some((Ok(event), rx));
                }
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    axum::response::Sse::new(stream).keep_alive(axum::response::sse::KeepAlive::default())
}

async fn file(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let served = state
        .served
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let html = |status: StatusCode, body: Vec<u8>| {
        (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            inject(&body, served.error.as_deref()),
        )
            .into_response()
    };
    let rel = match resolve(uri.path()) {
        Ok(rel) => rel,
        Err(Refusal::Unsafe) => {
            return (
                StatusCode::BAD_REQUEST,
                "refused: the path leaves the site\n",
            )
                .into_response();
        }
    };
    if let Some(bytes) = served.files.get(&rel) {
        let kind = content_type(&rel);
        if kind.starts_with("text/html") {
            return html(StatusCode::OK, bytes.clone());
        }
        return (
            [
                (header::CONTENT_TYPE, kind),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes.clone(),
        )
            .into_response();
    }
    // `/journals/x` for the folder `journals/x/`: redirect, as a static host would.
    if served.files.contains_key(&format!("{rel}/index.html")) {
        let to = format!("{}/", uri.path());
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
    }
    html(StatusCode::NOT_FOUND, not_found(&rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_site_files_and_never_leave_the_site() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/drafts/").unwrap(), "drafts/index.html");
        assert_eq!(resolve("/static/style.css").unwrap(), "static/style.css");
        assert_eq!(resolve("/report.json?x=1").unwrap(), "report.json");
        assert_eq!(
            resolve("/journals/a%20b/").unwrap(),
            "journals/a b/index.html"
        );
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/debrief.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/static/..%2f..%2fdebrief.toml",
            "/./index.html",
            "/a%5c..%5cb",
            "/%00",
            "/%ff%fe",
        ] {
            assert_eq!(resolve(bad), Err(Refusal::Unsafe), "{bad}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("report.json"), "application/json");
        assert_eq!(content_type("calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn pages_get_the_reload_script_and_the_overlay_escaped() {
        let page = b"<html><body><p>hi</p></body></html>";
        let clean = String::from_utf8(inject(page, None)).unwrap();
        assert!(clean.contains(EVENTS) && !clean.contains("debrief-error"));
        assert!(clean.find(EVENTS).unwrap() < clean.find("</body>").unwrap());
        let broken =
            String::from_utf8(inject(page, Some("content/a.md:3:7: bad <script>"))).unwrap();
        assert!(broken.contains("content/a.md:3:7: bad &lt;script&gt;"));
        assert!(!broken.contains("bad <script>"));
    }
}
