//! `debrief serve` over real HTTP: the real binary, raw requests on a TCP
//! socket (so paths reach the server exactly as written), a journal saved on
//! disk and the page seen to change.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::Case;
use crate::common::server::serve;

const JOURNAL: &str = "---\ncompany: Acme\nrole: Backend Developer\ndate: 2026-11-18T10:00\ninterviewers:\n  - name: Bo Chen\nlearned: [their queue design]\n---\n## What went well\n- the design exercise\n";

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// `GET path` exactly as written.
fn get(port: u16, path: &str) -> Reply {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// The reply to `head`, a request's line and headers exactly as written.
fn request(port: u16, head: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // Not a timing assertion: a hang fails the test instead of stalling it.
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// The stream of server-sent events, each read waiting at most `wait`.
fn events(port: u16, wait: Duration) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__debrief/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    s
}

/// Waits (up to a generous deadline, not a timing assertion) until `path`
/// satisfies `ok`.
fn until(port: u16, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = get(port, path);
        if ok(&r) {
            return r;
        }
        assert!(Instant::now() < deadline, "{what}: still\n{}", r.body);
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_the_site_with_its_content_types_and_never_outside_it() {
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let before = crate::common::files(c.root());
    let s = serve(c.root(), "2026-11-20", &[]);

    let home = get(s.port, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(home.body.contains("Thank Bo Chen"), "{}", home.body);
    assert!(
        home.body.contains("/__debrief/live.js"),
        "the reload script"
    );
    for (path, kind) in [
        ("/static/style.css", "text/css"),
        ("/static/debrief.js", "text/javascript"),
        ("/report.json", "application/json"),
        ("/calendar.ics", "text/calendar"),
        ("/robots.txt", "text/plain"),
        ("/drafts/", "text/html"),
        ("/__debrief/live.js", "text/javascript"),
    ] {
        let r = get(s.port, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.headers.contains(&format!("content-type: {kind}")),
            "{path}: {}",
            r.headers
        );
        // Pages go out in pieces: the length said is the length sent.
        let said = r
            .headers
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|n| n.trim().parse::<usize>().ok());
        assert_eq!(said, Some(r.body.len()), "{path}: {}", r.headers);
    }
    let json: serde_json::Value = serde_json::from_str(&get(s.port, "/report.json").body).unwrap();
    assert!(json["actions"].as_array().is_some_and(|a| !a.is_empty()));

    let missing = get(s.port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Not found"));
    assert!(missing.headers.contains("text/html"));

    // The folder of a page without its slash is redirected to it.
    let drafts = get(s.port, "/drafts");
    assert_eq!(drafts.status, 301);
    assert!(drafts.headers.contains("location: /drafts/"));
    let nested = get(s.port, "/journals/acme-2026-11-18-onsite");
    assert_eq!(nested.status, 301);
    assert!(
        nested
            .headers
            .contains("location: /journals/acme-2026-11-18-onsite/")
    );
    assert_eq!(get(s.port, "/journals/acme-2026-11-18-onsite/").status, 200);
    // Regression: `//journals/x` was sent to `//journals/x/`, which a
    // browser reads as the host `journals`.
    let doubled = get(s.port, "//journals/acme-2026-11-18-onsite");
    assert_eq!(doubled.status, 301);
    assert!(
        doubled
            .headers
            .contains("location: /journals/acme-2026-11-18-onsite/"),
        "{}",
        doubled.headers
    );

    for bad in [
        "/../debrief.toml",
        "/%2e%2e/debrief.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/static/..%2f..%2fdebrief.toml",
        "/static/%2e%2e/%2e%2e/content/acme/2026-11-18-onsite.md",
    ] {
        let r = get(s.port, bad);
        assert!(r.status == 400 || r.status == 404, "{bad}: {}", r.status);
        assert!(
            !r.body.contains("timezone") && !r.body.contains("root:"),
            "{bad}"
        );
        assert!(!r.body.contains("company: Acme"), "{bad}");
    }
    drop(s);
    assert_eq!(
        crate::common::files(c.root()),
        before,
        "serve wrote into the repository"
    );
}

#[test]
fn only_requests_for_the_servers_own_names_are_answered() {
    // Any Host was answered: a web page whose name was made to lead to
    // 127.0.0.1 (DNS rebinding) could read the journals.
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let s = serve(c.root(), "2026-11-20", &[]);
    let port = s.port;
    let with_host = |path: &str, host: &str| {
        request(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host("/report.json", &host).status, 200, "{host}");
    }
    let refused = |r: Reply, what: &str| {
        assert_eq!(r.status, 403, "{what}: {}", r.body);
        assert!(r.headers.contains("content-type: text/plain"), "{what}");
        assert!(r.body.starts_with("refused: "), "{what}: {}", r.body);
        assert!(!r.body.contains("Acme"), "{what}");
    };
    for path in [
        "/report.json",
        "/",
        "/calendar.ics",
        "/__debrief/events",
        "/no/such/",
    ] {
        for host in [
            "evil.example".to_string(),
            format!("evil.example:{port}"),
            format!("localhost:{}", port.wrapping_add(1)),
            format!("127.0.0.1.evil.example:{port}"),
        ] {
            refused(with_host(path, &host), &format!("{path} for {host}"));
        }
    }
    // No Host at all, two of them, or another host in the request line.
    refused(
        request(port, "GET /report.json HTTP/1.0\r\n\r\n"),
        "no Host",
    );
    refused(
        request(
            port,
            "GET /report.json HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        ),
        "two Hosts",
    );
    refused(
        request(
            port,
            "GET http://evil.example/report.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        ),
        "another host in the request line",
    );
}

/// Whether the server closed `s`, waiting for it at most `wait`.
fn closed(s: &mut TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut rest = Vec::new();
    match s.read_to_end(&mut rest) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn slow_clients_cannot_keep_others_out_and_are_closed_in_time() {
    // About 20,000 connections that never finished their headers made
    // serve unreachable: no header timeout, no limit on connections.
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let half = b"GET /report.json HTTP/1.1\r\nHost: loc";
    let connect = |port: u16| {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(half).unwrap();
        s
    };

    // Sixteen connections at most, and a header timeout no request here
    // reaches: room is made by closing the slow clients, oldest first.
    let s = crate::common::server::serve_with(
        c.root(),
        "2026-11-20",
        &[],
        &[
            ("DEBRIEF_SERVE_CONNECTIONS", "16"),
            ("DEBRIEF_SERVE_HEADER_TIMEOUT_MS", "60000"),
        ],
    );
    let mut slow: Vec<TcpStream> = (0..16 + 50).map(|_| connect(s.port)).collect();
    let r = get(s.port, "/report.json");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Acme"));
    // Fifty made room for one another, and the last one for the request.
    let open: Vec<usize> = (0..slow.len())
        .filter(|i| !closed(&mut slow[*i], Duration::from_millis(100)))
        .collect();
    assert_eq!(open, (51..66).collect::<Vec<_>>());
    drop(slow);

    // Regression: connections that did send a request and then held on
    // (event streams, idle kept-alive ones) filled every slot for good.
    let held: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
            let host = format!("localhost:{}", s.peer_addr().unwrap().port());
            s.write_all(
                format!("GET /__debrief/events HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
            )
            .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = std::time::Instant::now();
    let r = get(s.port, "/report.json");
    assert_eq!(r.status, 200);
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(held);

    // A client that sends half a request, or nothing, is closed after the
    // header timeout, and the server goes on.
    let s = crate::common::server::serve_with(
        c.root(),
        "2026-11-20",
        &[],
        &[("DEBRIEF_SERVE_HEADER_TIMEOUT_MS", "300")],
    );
    let mut halfway = connect(s.port);
    let mut silent = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    assert!(
        closed(&mut halfway, Duration::from_secs(10)),
        "half a request"
    );
    assert!(closed(&mut silent, Duration::from_secs(10)), "nothing sent");
    assert_eq!(get(s.port, "/").status, 200);
}

#[test]
fn a_save_rebuilds_reloads_the_page_and_errors_show_until_fixed() {
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let s = serve(c.root(), "2026-11-20", &["--poll"]);
    let journal = c.root().join("content/acme/2026-11-18-onsite.md");
    // The journal's page: its folder and file name make the slug.
    let page = "/journals/acme-2026-11-18-onsite/".to_string();
    assert_eq!(get(s.port, &page).status, 200);

    // Open pages hear about rebuilds over server-sent events.
    let mut events = events(s.port, Duration::from_secs(30));

    std::fs::write(&journal, format!("{JOURNAL}- kept calm under pressure\n")).unwrap();
    until(s.port, &page, "the saved change", |r| {
        r.body.contains("kept calm under pressure")
    });
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    while !seen.contains("event: reload") {
        let n = events.read(&mut buf).expect("a reload event");
        assert!(n > 0, "the event stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }

    // A broken save: every page shows where, and the site stays up.
    std::fs::write(
        &journal,
        "---\ncompany: Acme\nrole: [Backend\ndate: 2026-11-18\n---\n",
    )
    .unwrap();
    let broken = until(s.port, "/", "the error overlay", |r| {
        r.body.contains("debrief-error")
    });
    assert_eq!(broken.status, 200);
    assert!(
        broken.body.contains("content/acme/2026-11-18-onsite.md:"),
        "{}",
        broken.body
    );

    // Fixed: the overlay goes by itself.
    std::fs::write(&journal, JOURNAL).unwrap();
    let fixed = until(s.port, "/", "the overlay gone", |r| {
        !r.body.contains("debrief-error")
    });
    assert!(fixed.body.contains("Thank Bo Chen"));
}

#[test]
fn it_listens_only_where_asked_and_says_when_the_port_is_taken() {
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let s = serve(c.root(), "2026-11-20", &[]);
    // This machine's address on its network, if it has one: nothing there.
    let udp = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if udp.connect("10.255.255.255:9").is_ok()
        && let Ok(local) = udp.local_addr()
        && !local.ip().is_loopback()
        && !local.ip().is_unspecified()
    {
        let outside = TcpStream::connect_timeout(
            &std::net::SocketAddr::new(local.ip(), s.port),
            Duration::from_secs(2),
        );
        assert!(outside.is_err(), "reachable on {}", local.ip());
    }
    assert_eq!(get(s.port, "/").status, 200);

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(assert_cmd::cargo::cargo_bin!("debrief"))
        .args(["serve", "--port", &port])
        .arg(c.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already in use") && err.contains("--port"),
        "{err}"
    );
}

#[test]
fn building_is_not_a_change_so_an_idle_site_never_reloads() {
    // The build reads every journal; reads once counted as changes, and the
    // server rebuilt (and reloaded every open page) for ever.
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let s = serve(c.root(), "2026-11-20", &[]);
    let mut events = events(s.port, Duration::from_millis(300));
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    let quiet_until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < quiet_until {
        // Pages are read meanwhile, as a browser would.
        assert_eq!(get(s.port, "/").status, 200);
        if let Ok(n) = events.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    assert!(!seen.contains("event: reload"), "{seen}");
}

#[test]
fn open_hands_the_address_to_the_desktop() {
    // A stand-in for xdg-open that writes down what it was asked to open.
    let bin = tempfile::tempdir().unwrap();
    let asked = bin.path().join("asked");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", asked.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let s =
        crate::common::server::serve_with(c.root(), "2026-11-20", &["--open"], &[("PATH", &path)]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        match std::fs::read_to_string(&asked) {
            Ok(url) if url.ends_with('\n') => break url,
            _ => assert!(Instant::now() < deadline, "xdg-open was never run"),
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(url.trim(), format!("http://127.0.0.1:{}/", s.port));
}

#[test]
fn a_relative_root_still_rebuilds_only_what_a_save_touches() {
    // Started as `debrief serve .`, the watcher's paths and the root once
    // never matched, and every save rebuilt the whole site.
    let c = Case::temp()
        .file("content/acme/2026-11-18-onsite.md", JOURNAL)
        .file(
            "content/initech/2026-11-17-screen.md",
            "---\ncompany: Initech\nrole: SRE\ndate: 2026-11-17\n---\n",
        );
    let s = crate::common::server::serve_in(
        c.root(),
        Some(std::path::Path::new(".")),
        "2026-11-20",
        &[],
        &[("DEBRIEF_TIMINGS", "1")],
    );
    let journal = c.root().join("content/acme/2026-11-18-onsite.md");
    std::fs::write(&journal, format!("{JOURNAL}- asked good questions\n")).unwrap();
    until(
        s.port,
        "/journals/acme-2026-11-18-onsite/",
        "the saved change",
        |r| r.body.contains("asked good questions"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let rebuilt = loop {
        let lines = s.stderr.lock().unwrap().clone();
        if let Some(l) = lines.iter().find(|l| l.starts_with("rebuilt:")) {
            break l.clone();
        }
        assert!(Instant::now() < deadline, "no rebuild reported: {lines:?}");
        std::thread::sleep(Duration::from_millis(50));
    };
    // "rebuilt: N of M files in …": fewer than all, and not "everything".
    let counts: Vec<usize> = rebuilt
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .take(2)
        .collect();
    assert!(counts[0] < counts[1], "{rebuilt}");
    assert!(!rebuilt.contains("everything"), "{rebuilt}");
}

#[test]
fn started_in_a_subfolder_it_serves_the_repository_and_prints_its_real_path() {
    // Issue 16: `serve` worked only from the root, and printed the root as
    // given (`./.`), not the folder it serves.
    let c = Case::temp().file("content/acme/2026-11-18-onsite.md", JOURNAL);
    let real = c.root().canonicalize().unwrap();
    let banner = format!("Serving {} at http://", real.display());
    let s = crate::common::server::serve_in(
        &c.root().join("content/acme"),
        None,
        "2026-11-20",
        &[],
        &[],
    );
    assert!(s.banner.starts_with(&banner), "{}", s.banner);
    until(
        s.port,
        "/journals/acme-2026-11-18-onsite/",
        "the journal",
        |r| r.status == 200 && r.body.contains("the design exercise"),
    );
    drop(s);
    let s = crate::common::server::serve_in(
        c.root(),
        Some(std::path::Path::new(".")),
        "2026-11-20",
        &[],
        &[],
    );
    assert!(s.banner.starts_with(&banner), "{}", s.banner);
}
