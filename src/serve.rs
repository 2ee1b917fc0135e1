//! `debrief serve`: the site rendered into memory, served over HTTP on the
//! loopback interface, rebuilt when a journal, the theme or the
//! configuration changes, and the open pages told to reload.
//!
//! Only requests for the server by its own names are answered (see
//! [`is_own_host`]): a web page must not read the journals through a name
//! of its own that leads to 127.0.0.1. Clients that connect and never say
//! what they want cannot keep others out (see [`Limits`]).
//!
//! The pure parts (which host and file a request names, content types, the
//! reload script and the error overlay put into pages, what a set of changed
//! paths touches) are plain functions with unit tests. [`Preview`] keeps the
//! site in memory and rebuilds only what a changed journal affects; it, the
//! server, the watcher and the rebuild loop are the I/O edge. Nothing here
//! writes to the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use chrono::NaiveDate;

use crate::diagnostics::Severity;
use crate::journal::discover;
use crate::repo::Repository;
use crate::report::charts::escape;
use crate::site::{self, Memory, Pieces};

/// Where live-reload events are sent (server-sent events).
pub const EVENTS: &str = "/__debrief/events";

/// Where the live-reload script is served: a file of its own, not an inline
/// script, which the theme's Content-Security-Policy would refuse.
pub const LIVE: &str = "/__debrief/live.js";

/// The live-reload script: reloads the page when the site is rebuilt, and
/// places the error overlay (styled from here: the policy refuses inline
/// `style` attributes too, not styles set by a script).
pub const LIVE_JS: &str = r#"// debrief serve: reloads this page when the site is rebuilt.
(function () {
  "use strict";
  var overlay = document.getElementById("debrief-error");
  if (overlay) {
    overlay.style.cssText = "position:fixed;inset:1rem;z-index:9999;overflow:auto;" +
      "background:#fff;color:#8b0000;border:3px solid #8b0000;padding:1rem;font:14px/1.4 monospace";
    overlay.querySelector("h2").style.marginTop = "0";
    overlay.querySelector("pre").style.whiteSpace = "pre-wrap";
  }
  new EventSource("/__debrief/events").addEventListener("reload", function () { location.reload(); });
})();
"#;

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
    /// How much the server gives its clients.
    pub limits: Limits,
}

/// How much the server gives its clients, so that many slow ones cannot
/// keep the others out: at most `connections` at once, and a connection
/// closed when a request's headers take longer than `header_timeout` (idle
/// connections kept open between requests included). At the limit, a new
/// connection closes the oldest one that has not yet sent a whole request;
/// when every one has, it waits for one to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections served at once.
    pub connections: usize,
    /// How long a request's headers may take to arrive.
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 256,
            header_timeout: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The defaults, or what the undocumented `DEBRIEF_SERVE_CONNECTIONS`
    /// and `DEBRIEF_SERVE_HEADER_TIMEOUT_MS` say: the tests cannot wait ten
    /// seconds for a timeout, or open hundreds of connections, cheaply.
    pub fn from_env() -> Limits {
        let number = |name: &str| std::env::var(name).ok()?.parse::<u64>().ok();
        let default = Limits::default();
        Limits {
            connections: number("DEBRIEF_SERVE_CONNECTIONS")
                .and_then(|n| usize::try_from(n).ok())
                .filter(|n| *n > 0)
                .unwrap_or(default.connections),
            header_timeout: number("DEBRIEF_SERVE_HEADER_TIMEOUT_MS")
                .filter(|n| *n > 0)
                .map_or(default.header_timeout, Duration::from_millis),
        }
    }
}

/// One build of the site, as served.
#[derive(Debug, Default)]
pub struct Served {
    /// The files, by `/`-separated path: a persistent map, so that a save
    /// changes the few files it touched in a copy that shares the rest
    /// (copying 12,000 entries took a fifth of a save's time), and the
    /// build before stays whole for the requests still reading it.
    pub files: imbl::OrdMap<String, Pieces>,
    /// What is wrong, when a journal, a template or the configuration is:
    /// each line `file:line:column: message`.
    pub error: Option<String>,
    /// Counts the builds, so pages can tell a new one.
    pub version: u64,
}

/// Whether `host`, a request's `Host` header or its URI's authority, names
/// this server, listening on `served`, as its user reaches it: `localhost`,
/// `127.0.0.1`, `[::1]` or the address it listens on, each with or without
/// the port it listens on. A web page whose own name was made to lead to
/// this machine (DNS rebinding) still names its own host, and is refused.
/// Listening on every interface (`0.0.0.0`, `::`), any address is taken as
/// well: other machines reach it by one, and an address, unlike a name,
/// cannot be made to lead somewhere else.
pub fn is_own_host(host: &str, served: SocketAddr) -> bool {
    // `[v6]` or `name`, then nothing or `:port`.
    let (name, port, ip) = match host.strip_prefix('[') {
        Some(rest) => {
            let Some((name, port)) = rest.split_once(']') else {
                return false;
            };
            (name, port, name.parse::<Ipv6Addr>().ok().map(IpAddr::V6))
        }
        None => {
            let (name, port) = host.find(':').map_or((host, ""), |at| host.split_at(at));
            (name, port, name.parse::<Ipv4Addr>().ok().map(IpAddr::V4))
        }
    };
    let port_ok = match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(p) => {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse() == Ok(served.port())
        }
    };
    let name_ok = match ip {
        Some(ip) => {
            ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                || ip == served.ip()
                || served.ip().is_unspecified()
        }
        None => !host.starts_with('[') && name.eq_ignore_ascii_case("localhost"),
    };
    port_ok && name_ok
}

/// Whether a request names this server (see [`is_own_host`]): by exactly
/// one `Host`, and by its URI's authority when it has one.
fn is_own_request(
    headers: &axum::http::HeaderMap,
    uri: &axum::http::Uri,
    served: SocketAddr,
) -> bool {
    let mut hosts = headers.get_all(axum::http::header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    host.to_str().is_ok_and(|h| is_own_host(h, served))
        && uri
            .authority()
            .is_none_or(|a| is_own_host(a.as_str(), served))
}

/// What a request for this server under another name gets.
pub const OTHER_HOST: &str = "refused: debrief serve answers only to localhost, 127.0.0.1, [::1] \
     and the address it listens on, so that a web page under another name cannot read your journals\n";

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
/// rebuild failed, put before `</body>` (the page's pieces are shared, not
/// copied).
pub fn inject(html: &Pieces, error: Option<&str>) -> Pieces {
    let mut extra = String::new();
    if let Some(e) = error {
        extra.push_str(&format!(
            "<div id=\"debrief-error\" role=\"alert\">\
             <h2>debrief could not rebuild the site</h2><pre>{}</pre>\
             <p>Fix the file and save: this page reloads by itself.</p></div>\n",
            escape(e)
        ));
    }
    extra.push_str(&format!("<script src=\"{LIVE}\"></script>\n"));
    // `</body>` is in the template's own text, one piece, near the end;
    // without one, the script goes last.
    let pieces = html.pieces();
    let found = pieces.iter().enumerate().rev().find_map(|(i, p)| {
        let at = p.windows(7).rposition(|w| w == b"</body>")?;
        Some((i, at))
    });
    let mut out = Pieces::default();
    match found {
        Some((i, at)) => {
            pieces[..i].iter().for_each(|p| out.push(p.clone()));
            out.push(pieces[i].slice(..at));
            out.push(extra);
            out.push(pieces[i].slice(at..));
            pieces[i + 1..].iter().for_each(|p| out.push(p.clone()));
        }
        None => {
            pieces.iter().for_each(|p| out.push(p.clone()));
            out.push(extra);
        }
    }
    out
}

/// A response of `pieces`, sent one after the other.
fn body(pieces: Pieces) -> (axum::http::HeaderValue, axum::body::Body) {
    let len = axum::http::HeaderValue::from(pieces.len());
    let stream = futures_util::stream::iter(
        pieces
            .into_pieces()
            .into_iter()
            .map(Ok::<Bytes, std::convert::Infallible>),
    );
    (len, axum::body::Body::from_stream(stream))
}

/// The page for paths that name nothing (with the theme's policy, less
/// its stylesheet: the live-reload script is all it loads).
pub fn not_found(rel: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; connect-src 'self'\">\
         <title>Not found</title></head>\
         <body><main><h1>Not found</h1><p>The site has no <code>{}</code>.</p><p><a href=\"/\">The dashboard</a></p></main></body></html>\n",
        escape(rel)
    )
    .into_bytes()
}

/// What changed files mean for the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing debrief reads (an editor's swap file, a hidden folder).
    Nothing,
    /// These journals (paths relative to the root), and nothing else.
    Journals(Vec<String>),
    /// The configuration, the theme or a folder of journals: everything.
    Everything,
}

/// Sorts changed paths into a [`Change`]. `journals` tells whether any
/// journal known now starts with a prefix (`content/acme/`): a folder that
/// held some and is gone changes them, a new folder may bring some.
pub fn classify<'a>(
    root: &Path,
    config: &Path,
    changed: impl IntoIterator<Item = &'a PathBuf>,
    journals: &dyn Fn(&str) -> bool,
) -> Change {
    let mut found = Vec::new();
    for path in changed {
        if path == config || path.starts_with(root.join("themes")) {
            return Change::Everything;
        }
        let Ok(inside) = path.strip_prefix(root.join("content")) else {
            return Change::Everything;
        };
        // Hidden files and folders are never read.
        if inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let rel = discover::relative(root, path);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let holds_journals = journals(&format!("{rel}/"));
        if path.is_dir() {
            // A folder known to hold journals: its files tell their own changes.
            if holds_journals {
                continue;
            }
            return Change::Everything;
        }
        if holds_journals {
            // A folder of journals, gone.
            return Change::Everything;
        }
        if discover::is_journal_name(&name) {
            found.push(rel);
        }
    }
    found.sort();
    found.dedup();
    if found.is_empty() {
        Change::Nothing
    } else {
        Change::Journals(found)
    }
}

/// The site kept in memory between saves, with what rebuilding only the
/// pages a journal affects needs: the repository as read, and what the
/// render the files come from left to reuse, with its day.
pub struct Preview {
    opts: Options,
    repo: Option<Repository>,
    last: Option<(site::Memo, NaiveDate)>,
    served: Arc<Served>,
}

/// How one rebuild went (for `DEBRIEF_TIMINGS`).
#[derive(Debug)]
pub struct Rebuilt {
    /// Files rendered (the others were kept).
    pub rendered: usize,
    /// Files served now.
    pub files: usize,
    /// Whether every file was rendered.
    pub everything: bool,
    /// How long each phase of the render took.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Preview {
    /// Reads the repository and renders every page.
    pub fn new(opts: Options) -> Preview {
        let mut p = Preview {
            opts,
            repo: None,
            last: None,
            served: Arc::default(),
        };
        p.everything();
        p
    }

    /// The site as it is now.
    pub fn served(&self) -> Arc<Served> {
        Arc::clone(&self.served)
    }

    /// Takes in changed files: reads again and renders only what they
    /// affect (everything when the theme or the configuration changed).
    /// `None`: nothing debrief reads changed, so the site is as it was.
    pub fn update(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Rebuilt> {
        let config = self
            .opts
            .config
            .clone()
            .unwrap_or_else(|| self.opts.root.join("debrief.toml"));
        let known = |prefix: &str| {
            self.repo.as_ref().is_some_and(|r| {
                r.journals.iter().any(|j| j.path.starts_with(prefix))
                    || r.bad_files.iter().any(|b| b.starts_with(prefix))
            })
        };
        match classify(&self.opts.root, &config, changed, &known) {
            Change::Nothing => None,
            Change::Everything => Some(self.everything()),
            Change::Journals(rels) => Some(self.journals(&rels)),
        }
    }

    /// Reads everything again and renders every page.
    fn everything(&mut self) -> Rebuilt {
        self.repo = None;
        self.last = None;
        let repo = match Repository::load_with(
            &self.opts.root,
            self.opts.config.as_deref(),
            crate::journal::Body::Drop,
        ) {
            Ok(r) => r,
            Err(e) => return self.keep(e.0),
        };
        self.render(repo, &site::Scope::Everything)
    }

    /// Reads these journals again and renders their pages and the shared ones.
    fn journals(&mut self, rels: &[String]) -> Rebuilt {
        let (Some(mut repo), Some((memo, day))) = (self.repo.take(), self.last.take()) else {
            return self.everything();
        };
        if self.opts.today.unwrap_or_else(|| repo.today()) != day {
            return self.everything();
        }
        let reread = repo.reread(rels);
        self.render(
            repo,
            &site::Scope::Changed {
                apps: &reread.apps,
                before: &reread.before,
                previous: &memo,
            },
        )
    }

    /// Renders `scope` of `repo` into memory and serves the result, with
    /// the files of the last render where `scope` left them out.
    fn render(&mut self, repo: Repository, scope: &site::Scope<'_>) -> Rebuilt {
        let today = self.opts.today.unwrap_or_else(|| repo.today());
        let site_opts = site::Options::in_memory();
        let sink = Memory::default();
        let rendered = match site::render(&repo, today, &site_opts, &sink, scope) {
            Ok(r) => r,
            Err(e) => return self.keep(e.to_string()),
        };
        let new = sink.into_files();
        let count = new.len();
        let files = match scope {
            site::Scope::Changed { previous, .. } if !rendered.everything => {
                let mut files = self.served.files.clone();
                rendered.lay_over(previous, &mut files, new);
                files
            }
            _ => new.into_iter().collect(),
        };
        let errors: Vec<String> = repo
            .reading
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| format!("{}: {}", p.location().unwrap_or_default(), p.message))
            .collect();
        let done = Rebuilt {
            rendered: count,
            files: files.len(),
            everything: rendered.everything,
            phases: rendered.phases,
        };
        self.served = Arc::new(Served {
            files,
            error: (!errors.is_empty()).then(|| errors.join("\n")),
            version: self.served.version + 1,
        });
        self.repo = Some(repo);
        self.last = Some((rendered.memo, today));
        done
    }

    /// Keeps the files served and says what is wrong; the next change
    /// reads and renders everything.
    fn keep(&mut self, error: String) -> Rebuilt {
        self.repo = None;
        self.last = None;
        self.served = Arc::new(Served {
            files: self.served.files.clone(),
            error: Some(error),
            version: self.served.version + 1,
        });
        Rebuilt {
            rendered: 0,
            files: self.served.files.len(),
            everything: false,
            phases: Vec::new(),
        }
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
    /// Serves `next` and tells the open pages.
    fn publish(&self, next: Arc<Served>) {
        if let Ok(mut shown) = self.shown.lock() {
            report(&next, &mut shown);
        }
        let version = next.version;
        if let Ok(mut s) = self.served.write() {
            *s = next;
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

/// `path` made absolute, as the watcher reports changed paths: a root given
/// as `.` must still hold what is saved in it.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

async fn serve(opts: Options) -> Result<(), String> {
    let opts = Options {
        root: absolute(&opts.root),
        config: opts.config.as_deref().map(absolute),
        ..opts
    };
    let (reload, _) = tokio::sync::broadcast::channel(16);
    let state = Arc::new(State {
        served: RwLock::new(Arc::new(Served::default())),
        reload,
        shown: Default::default(),
    });
    // Watch first, so a save during the first build is not missed.
    let (watcher, changes) = watch(&opts)?;
    let preview = Preview::new(opts.clone());
    state.publish(preview.served());
    rebuild_on_change(preview, watcher, changes, Arc::clone(&state));

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
    // The real folder, not `./.`: which repository is served is the
    // question when debrief found it upward from a subfolder.
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
        .route(
            LIVE,
            axum::routing::get(|| async {
                use axum::http::header;
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "no-store"),
                    ],
                    LIVE_JS,
                )
            }),
        )
        .fallback(axum::routing::get(file))
        .layer(axum::middleware::from_fn_with_state(addr, own_host_only))
        .with_state(state);
    tokio::select! {
        () = accept(listener, app, opts.limits) => Ok(()),
        _ = tokio::signal::ctrl_c() => {
            println!("Stopped.");
            Ok(())
        }
    }
}

/// The connections being served, and those of them still waiting for a
/// whole request, by age.
struct Connections {
    /// One for each connection served; at none left, no more are.
    slots: Arc<tokio::sync::Semaphore>,
    /// How to close each connection that has not yet sent a whole request,
    /// the oldest first.
    waiting: std::sync::Mutex<BTreeMap<u64, Arc<tokio::sync::Notify>>>,
    /// How to close every connection, the oldest first: held event
    /// streams and idle kept-alive connections must not fill every slot.
    all: std::sync::Mutex<BTreeMap<u64, Arc<tokio::sync::Notify>>>,
}

impl Connections {
    /// The connection `id` waits no more: it sent a whole request (and is
    /// kept), or it ended.
    fn not_waiting(&self, id: u64) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.remove(&id);
        }
    }

    /// The connection `id` ended.
    fn ended(&self, id: u64) {
        self.not_waiting(id);
        if let Ok(mut all) = self.all.lock() {
            all.remove(&id);
        }
    }

    /// Closes the connection that has waited longest for a request, else
    /// the oldest one (an event stream a tab reopens by itself, or a
    /// kept-alive connection with nothing to ask): a new request always
    /// finds room.
    fn close_oldest_waiting(&self) {
        let oldest = self
            .waiting
            .lock()
            .ok()
            .and_then(|mut w| w.pop_first())
            .or_else(|| self.all.lock().ok().and_then(|mut a| a.pop_first()));
        if let Some((_, close)) = oldest {
            close.notify_one();
        }
    }
}

/// Serves `app` to every connection `listener` takes, within `limits`.
/// axum's own `serve` has no header timeout and no limit on connections:
/// tens of thousands of clients that never finish their headers kept
/// everyone else out.
async fn accept(listener: tokio::net::TcpListener, app: axum::Router, limits: Limits) {
    use hyper::service::Service;
    let connections = Arc::new(Connections {
        slots: Arc::new(tokio::sync::Semaphore::new(limits.connections)),
        waiting: Default::default(),
        all: Default::default(),
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    for id in 0u64.. {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // As axum does: a client that gave up is nothing; anything
                // else (no file descriptors left) passes, in a while.
                use std::io::ErrorKind::*;
                if !matches!(
                    e.kind(),
                    ConnectionRefused | ConnectionAborted | ConnectionReset
                ) {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                continue;
            }
        };
        let slot = match Arc::clone(&connections.slots).try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                // Room is made from the slowest of those that have not
                // asked anything yet; a whole request goes ahead of them.
                connections.close_oldest_waiting();
                match Arc::clone(&connections.slots).acquire_owned().await {
                    Ok(slot) => slot,
                    Err(_) => return,
                }
            }
        };
        let close = Arc::new(tokio::sync::Notify::new());
        if let Ok(mut waiting) = connections.waiting.lock() {
            waiting.insert(id, Arc::clone(&close));
        }
        if let Ok(mut all) = connections.all.lock() {
            all.insert(id, Arc::clone(&close));
        }
        let router = hyper_util::service::TowerToHyperService::new(app.clone());
        let told = Arc::clone(&connections);
        let service = hyper::service::service_fn(move |request| {
            told.not_waiting(id);
            router.call(request)
        });
        let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connections = Arc::clone(&connections);
        tokio::spawn(async move {
            // Dropping the connection closes it.
            tokio::select! {
                _ = conn => {}
                () = close.notified() => {}
            }
            connections.ended(id);
            drop(slot);
        });
    }
}

/// A file watcher (watching as long as it lives) and its changes.
type Watching = (
    Box<dyn notify::Watcher + Send>,
    std::sync::mpsc::Receiver<Touch>,
);

/// The paths one file event touched, and whether it says they are written
/// out (see [`is_settled`]).
type Touch = (Vec<PathBuf>, bool);

/// Watches the journals, the themes and the configuration.
fn watch(opts: &Options) -> Result<Watching, String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<Touch>();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_change(&event.kind)
        {
            let _ = tx.send((event.paths, is_settled(&event.kind)));
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
    Ok((watcher, rx))
}

/// Rebuilds on each change, in its own thread, and serves the result;
/// changes of one moment are taken together.
fn rebuild_on_change(
    mut preview: Preview,
    watcher: Box<dyn notify::Watcher + Send>,
    changes: std::sync::mpsc::Receiver<Touch>,
    state: Arc<State>,
) {
    let timings = std::env::var_os("DEBRIEF_TIMINGS").is_some();
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(first) = changes.recv() {
            let started = std::time::Instant::now();
            let changed = settle(first, &changes);
            let quiet = started.elapsed();
            let Some(rebuilt) = preview.update(&changed) else {
                continue;
            };
            state.publish(preview.served());
            if timings {
                eprintln!(
                    "rebuilt: {} of {} files in {:.1} ms ({:.1} ms after the files were still){}",
                    rebuilt.rendered,
                    rebuilt.files,
                    started.elapsed().as_secs_f64() * 1e3,
                    (started.elapsed() - quiet).as_secs_f64() * 1e3,
                    if rebuilt.everything {
                        ", everything"
                    } else {
                        ""
                    }
                );
                for (phase, took) in &rebuilt.phases {
                    eprintln!("  {:8.1} ms  {phase}", took.as_secs_f64() * 1e3);
                }
            }
        }
    });
}

/// How long the files must be still before a rebuild starts, unless every
/// file changed is known to be written out.
const QUIET: Duration = Duration::from_millis(30);

/// The files an editor's save changed, from its `first` event on. A save is
/// often several events (truncate, write, close; or write a copy, rename it
/// over): the rebuild starts once every file's last event says it is
/// written out (closed after writing, renamed into place, removed), or else
/// once the files have been still for [`QUIET`] (polling, or a writer that
/// keeps the file open).
fn settle(first: Touch, more: &std::sync::mpsc::Receiver<Touch>) -> BTreeSet<PathBuf> {
    type Last = std::collections::BTreeMap<PathBuf, bool>;
    fn take(last: &mut Last, (paths, settled): Touch) {
        for p in paths {
            last.insert(p, settled);
        }
    }
    let mut last = Last::new();
    take(&mut last, first);
    loop {
        // What has already come in belongs to this save.
        while let Ok(t) = more.try_recv() {
            take(&mut last, t);
        }
        if last.values().all(|settled| *settled) {
            break;
        }
        match more.recv_timeout(QUIET) {
            Ok(t) => take(&mut last, t),
            Err(_) => break,
        }
    }
    last.into_keys().collect()
}

/// Whether a file event says its files are written out: closed after
/// writing, renamed (into place, or away), or removed.
fn is_settled(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Remove(_)
    )
}

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

/// Answers requests for this server by its own names, and refuses the
/// others (see [`is_own_host`]).
async fn own_host_only(
    axum::extract::State(served): axum::extract::State<SocketAddr>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if is_own_request(request.headers(), request.uri(), served) {
        next.run(request).await
    } else {
        (axum::http::StatusCode::FORBIDDEN, OTHER_HOST).into_response()
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
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let served = state
        .served
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let html = |status: StatusCode, page: &Pieces| {
        let (len, body) = body(inject(page, served.error.as_deref()));
        (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                (header::CONTENT_LENGTH, len),
            ],
            body,
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
            return html(StatusCode::OK, bytes);
        }
        let (len, body) = body(bytes.clone());
        return (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                (header::CONTENT_LENGTH, len),
            ],
            body,
        )
            .into_response();
    }
    // `/journals/x` for the folder `journals/x/`: redirect, as a static host would.
    if served.files.contains_key(&format!("{rel}/index.html")) {
        // From the file's own path: `//journals/x` would send the browser to
        // the host `journals`.
        let to = format!("/{}/", uri.path().trim_start_matches('/'));
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
    }
    html(StatusCode::NOT_FOUND, &not_found(&rel).into())
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
    fn only_the_servers_own_names_are_answered() {
        let at = |addr: &str| addr.parse::<SocketAddr>().unwrap();
        let loopback = at("127.0.0.1:1111");
        for ok in [
            "localhost",
            "localhost:1111",
            "LocalHost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1111",
        ] {
            assert!(is_own_host(ok, loopback), "{ok}");
        }
        for refused in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost:1112",
            "localhost:",
            "localhost:+1111",
            "localhost:01111x",
            "localhost.evil.example",
            "127.0.0.1.evil.example:1111",
            "localhost.",
            "127.0.0.2:1111",
            "[localhost]:1111",
            "[::1",
            "[::1]1111",
            "::1",
            "192.168.1.5:1111",
            "user@localhost:1111",
        ] {
            assert!(!is_own_host(refused, loopback), "{refused:?}");
        }
        // The address asked for with --interface, and every address when
        // listening on all of them; a name still not.
        let lan = at("192.168.1.5:1111");
        assert!(is_own_host("192.168.1.5:1111", lan) && is_own_host("localhost", lan));
        assert!(!is_own_host("192.168.1.6:1111", lan));
        let v6 = at("[fe80::1]:1111");
        assert!(is_own_host("[fe80::1]:1111", v6) && !is_own_host("fe80::1", v6));
        let every = at("0.0.0.0:1111");
        assert!(is_own_host("10.0.0.7:1111", every) && is_own_host("[fe80::2]", every));
        assert!(!is_own_host("evil.example:1111", every));
        assert!(!is_own_host("10.0.0.7:80", every));
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
        let page = Pieces::from(b"<html><body><p>hi</p></body></html>".to_vec());
        let text = |p: Pieces| String::from_utf8(p.to_vec()).unwrap();
        let clean = text(inject(&page, None));
        assert!(clean.contains(LIVE) && !clean.contains("debrief-error"));
        assert!(clean.find(LIVE).unwrap() < clean.find("</body>").unwrap());
        // Nothing inline: the page's Content-Security-Policy allows neither.
        assert!(!clean.contains("<script>") && LIVE_JS.contains(EVENTS));
        assert!(clean.ends_with("</body></html>") && clean.starts_with("<html><body><p>hi</p>"));
        let broken = text(inject(&page, Some("content/a.md:3:7: bad <script>")));
        assert!(broken.contains("content/a.md:3:7: bad &lt;script&gt;"));
        assert!(!broken.contains("bad <script>") && !broken.contains("style="));
        // A page in pieces, `</body>` in the last: the script goes before
        // it, and the other pieces are as they were.
        let mut split = Pieces::from(b"<html><body><ul>".to_vec());
        split.push(bytes::Bytes::from_static(b"<li>1</li>"));
        split.push(bytes::Bytes::from_static(b"</ul></body></html>\n"));
        let joined = text(inject(&split, None));
        assert!(joined.starts_with("<html><body><ul><li>1</li></ul><script src="));
        assert!(joined.ends_with("</script>\n</body></html>\n"));
        // No `</body>`: at the end.
        let bare = text(inject(&Pieces::from(b"<p>x</p>".to_vec()), None));
        assert!(bare.starts_with("<p>x</p><script src="));
    }

    #[test]
    fn a_save_is_taken_whole_and_ends_when_every_file_is_written_out() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind};
        use notify::event::{EventKind, RemoveKind, RenameMode};
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let writing = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let removed = EventKind::Remove(RemoveKind::File);
        let created = EventKind::Create(CreateKind::File);
        assert!(is_settled(&written) && is_settled(&renamed) && is_settled(&removed));
        assert!(!is_settled(&writing) && !is_settled(&created));

        fn touch(name: &str, kind: &EventKind) -> Touch {
            (vec![PathBuf::from(name)], is_settled(kind))
        }
        let set = |names: &[&str]| names.iter().map(PathBuf::from).collect::<BTreeSet<_>>();
        let (tx, rx) = std::sync::mpsc::channel::<Touch>();
        // Written in place: the events that came with it are one save, and
        // the close ends it; what comes after is the next save.
        tx.send(touch("a.md", &written)).unwrap();
        tx.send(touch("b.md", &writing)).unwrap();
        assert_eq!(settle(touch("a.md", &writing), &rx), set(&["a.md", "b.md"]));
        tx.send(touch("b.md", &written)).unwrap();
        tx.send(touch("c.md", &created)).unwrap();
        assert_eq!(
            settle(touch("a.md", &written), &rx),
            set(&["a.md", "b.md", "c.md"])
        );
        // Still being written and nothing more comes: after the quiet time,
        // the save is taken as it is.
        assert_eq!(settle(touch("d.md", &writing), &rx), set(&["d.md"]));
        // A copy renamed into place, the old file gone.
        tx.send(touch("e.md", &renamed)).unwrap();
        let later = std::thread::spawn(move || {
            std::thread::sleep(QUIET * 4);
            tx.send(touch("f.md", &written)).unwrap();
            tx
        });
        assert_eq!(
            settle(touch(".e.md.tmp", &removed), &rx),
            set(&[".e.md.tmp", "e.md"])
        );
        let _tx = later.join().unwrap();
        assert_eq!(settle(rx.recv().unwrap(), &rx), set(&["f.md"]));
    }
}

#[cfg(test)]
mod preview_tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_touch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["content/acme", "content/new", "themes/mine"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        let config = root.join("debrief.toml");
        let known = |prefix: &str| "content/acme/1.md".starts_with(prefix);
        let classify = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
            classify(root, &config, &paths, &known)
        };
        let journals = |v: &[&str]| Change::Journals(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            classify(&[
                "content/acme/1.md",
                "content/acme/2.md",
                "content/acme/1.md"
            ]),
            journals(&["content/acme/1.md", "content/acme/2.md"])
        );
        // Editors' files, hidden folders, other files, the folder of known journals.
        for nothing in [
            "content/acme/.1.md.swp",
            "content/acme/1.md~",
            "content/acme/#1.md#",
            "content/.git/index.md",
            "content/acme/notes.txt",
            "content/acme",
            "content",
            "content/a-folder-never-seen-and-gone",
        ] {
            assert_eq!(classify(&[nothing]), Change::Nothing, "{nothing}");
        }
        for everything in [
            "debrief.toml",
            "themes/mine/templates/index.html",
            "content/new",
        ] {
            assert_eq!(classify(&[everything]), Change::Everything, "{everything}");
        }
        std::fs::remove_dir_all(root.join("content/acme")).unwrap();
        assert_eq!(
            classify(&["content/acme"]),
            Change::Everything,
            "a folder of journals, gone"
        );
        assert_eq!(
            classify(&["content/acme/1.md", "debrief.toml"]),
            Change::Everything
        );
    }

    /// A copy of the demo repository in a temporary folder.
    fn demo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(from.join("content")) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        std::fs::copy(from.join("debrief.toml"), dir.path().join("debrief.toml")).unwrap();
        dir
    }

    fn options(root: &Path) -> Options {
        Options {
            root: root.to_path_buf(),
            config: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 22),
            addr: "127.0.0.1:0".parse().unwrap(),
            poll: false,
            open: false,
            limits: Limits::default(),
        }
    }

    /// After each change, what was rebuilt is what a fresh start serves; the
    /// changes to journals rebuild only part of the site.
    #[test]
    fn rebuilding_part_of_the_site_equals_building_all_of_it() {
        let dir = demo();
        let root = dir.path();
        let mut preview = Preview::new(options(root));
        let journal = "content/hooli-senior-sre/2026-11-13-screen.md";
        let text = std::fs::read_to_string(root.join(journal)).unwrap();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        // The journal with `from` replaced: a step that changed nothing
        // would prove nothing, so `from` must be there.
        let edited = |from: &str, to: &str| {
            assert!(text.contains(from), "{from:?} not in {journal}");
            write(journal, &text.replace(from, to))
        };
        // (what changes, the changed paths, only part of the site rebuilt?)
        type Step<'a> = (&'a str, Box<dyn Fn() + 'a>, Vec<&'a str>, bool);
        let steps: Vec<Step> = vec![
            (
                // The grouped lists of the reflections page are kept.
                "a paragraph in the notes",
                Box::new(|| write(journal, &format!("{text}\nA paragraph, not a list item.\n"))),
                vec![journal],
                true,
            ),
            (
                // A struggle more: they are made again.
                "a line in the notes",
                Box::new(|| write(journal, &format!("{text}\n- one more thing\n"))),
                vec![journal],
                true,
            ),
            (
                "another company",
                Box::new(|| edited("company: Hooli", "company: Hooli XYZ")),
                vec![journal],
                true,
            ),
            (
                "a thank-you sent three days later",
                Box::new(|| edited("on: 2026-11-16\n    channel", "on: 2026-11-19\n    channel")),
                vec![journal],
                true,
            ),
            (
                // Weeks are added before the first one.
                "an interview months earlier",
                Box::new(|| edited("date: 2026-11-13T11:00", "date: 2026-07-01T11:00")),
                vec![journal],
                true,
            ),
            (
                // And removed again.
                "back where it was",
                Box::new(|| write(journal, &text)),
                vec![journal],
                true,
            ),
            (
                "new journals in a new folder",
                Box::new(|| {
                    for day in ["18", "20"] {
                        write(
                            &format!("content/acme/2026-11-{day}-screen.md"),
                            &format!(
                                "---\ncompany: Acme\nrole: SRE\ndate: 2026-11-{day}T09:00\ninterviewers:\n  - name: Bo Chen\n---\nFine.\n"
                            ),
                        )
                    }
                }),
                vec![
                    "content/acme/2026-11-18-screen.md",
                    "content/acme/2026-11-20-screen.md",
                ],
                true,
            ),
            (
                "a broken journal",
                Box::new(|| write(journal, "---\ncompany: [Hooli\n---\n")),
                vec![journal],
                true,
            ),
            (
                "fixed",
                Box::new(|| write(journal, &text)),
                vec![journal],
                true,
            ),
            (
                "a journal removed",
                Box::new(|| {
                    std::fs::remove_file(root.join("content/acme/2026-11-20-screen.md")).unwrap()
                }),
                vec!["content/acme/2026-11-20-screen.md"],
                true,
            ),
            (
                "a folder removed",
                Box::new(|| std::fs::remove_dir_all(root.join("content/acme")).unwrap()),
                vec!["content/acme"],
                false,
            ),
            (
                // Found first, it takes the slug of a journal that then moves.
                "a journal with another's slug",
                Box::new(|| write("content/hooli/senior-sre/2026-11-13-screen.md", &text)),
                vec!["content/hooli/senior-sre/2026-11-13-screen.md"],
                false,
            ),
            (
                "the configuration",
                Box::new(|| {
                    let c = std::fs::read_to_string(root.join("debrief.toml")).unwrap();
                    let title = "title = \"Alex's interview follow-ups\"";
                    assert!(c.contains(title));
                    write("debrief.toml", &c.replace(title, "title = \"Mine\""));
                }),
                vec!["debrief.toml"],
                false,
            ),
            (
                "the theme",
                Box::new(|| write("themes/default/static/extra.css", "p {}\n")),
                vec!["themes/default/static/extra.css"],
                false,
            ),
        ];
        for (what, change, paths, partly) in steps {
            change();
            let changed: BTreeSet<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
            let rebuilt = preview.update(&changed).expect(what);
            let fresh = Preview::new(options(root)).served();
            let served = preview.served();
            assert_eq!(served.error, fresh.error, "{what}");
            let names = |s: &Served| s.files.keys().cloned().collect::<Vec<_>>();
            assert_eq!(names(&served), names(&fresh), "{what}: the files");
            for (name, bytes) in fresh.files.iter() {
                assert!(served.files[name] == *bytes, "{what}: {name} differs");
            }
            assert_eq!(!rebuilt.everything, partly, "{what}");
            if partly {
                // The other eight applications' pages and their journals' were kept.
                assert!(rebuilt.rendered + 15 < rebuilt.files, "{what}: {rebuilt:?}");
            }
        }
        // Files debrief never reads change nothing.
        write("content/hooli-senior-sre/.2026-11-13-screen.md.swp", "x");
        write("content/hooli-senior-sre/notes.txt", "x");
        let changed: BTreeSet<PathBuf> = [
            root.join("content/hooli-senior-sre/.2026-11-13-screen.md.swp"),
            root.join("content/hooli-senior-sre/notes.txt"),
        ]
        .into();
        assert!(preview.update(&changed).is_none());
    }
}
