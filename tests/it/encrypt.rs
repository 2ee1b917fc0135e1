//! `[site] encrypt = true` (SPEC §7): the demo journals built into a locked
//! site, checked file by file for journal text, and a page opened again
//! the way the browser does (PBKDF2-HMAC-SHA256, then AES-256-GCM with the
//! page's path and build as associated data).

use std::path::{Path, PathBuf};

use crate::common::Case;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use debrief::repo::Repository;

const PASSWORD: &str = "correct horse battery";

/// Every file under `dir`, as (path relative to it, bytes).
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    crate::common::files(dir)
        .into_iter()
        .map(|(rel, bytes, _)| (PathBuf::from(rel), bytes))
        .collect()
}

/// What the journals say that a page could show: companies, roles, people,
/// titles, and every line of their notes long enough to be telling.
fn journal_text(root: &Path) -> Vec<String> {
    let repo = Repository::load(root, None).unwrap();
    let mut said = Vec::new();
    for j in &repo.journals {
        said.push(j.company.clone());
        said.push(j.role.clone());
        said.push(j.display_title());
        said.extend(j.interviewers.iter().map(|i| i.name.clone()));
        said.extend(
            j.body
                .lines()
                .map(|l| l.trim_start_matches(['#', '-', '*', ' ']).trim())
                .filter(|l| l.len() >= 12 && !l.contains('`'))
                .map(str::to_string),
        );
    }
    said.sort();
    said.dedup();
    said
}

/// The sealed page inside a locked page.
fn sealed(page: &str) -> serde_json::Value {
    let start = page
        .find("<script id=\"debrief-sealed\"")
        .expect("a sealed page");
    let json = &page[page[start..].find('>').unwrap() + start + 1..];
    serde_json::from_str(&json[..json.find("</script>").unwrap()]).unwrap()
}

/// The key `password` gives for a locked page, as the browser derives it.
fn key(page: &str, password: &str) -> [u8; 32] {
    let s = sealed(page);
    let iterations = s["iter"].as_u64().unwrap() as u32;
    assert!(iterations >= 600_000, "PBKDF2 with {iterations} rounds");
    let salt = B64.decode(s["salt"].as_str().unwrap()).unwrap();
    assert_eq!(salt.len(), 16);
    pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, 32>(password.as_bytes(), &salt, iterations)
}

/// The associated data `unlock.js` builds for the page at `path` (from the
/// site root) of the build a locked page names.
fn aad(page: &str, path: &str) -> Vec<u8> {
    let s = sealed(page);
    let (salt, built) = (s["salt"].as_str().unwrap(), s["built"].as_u64().unwrap());
    format!("debrief-v2\0{salt}\0{built}\0{path}").into_bytes()
}

/// A locked page opened with `key`, as the page at `path`.
fn open(page: &str, key: &[u8; 32], path: &str) -> Option<String> {
    let s = sealed(page);
    let b64 = |k: &str| B64.decode(s[k].as_str().unwrap()).unwrap();
    let plain = Aes256Gcm::new(key.into())
        .decrypt(
            Nonce::from_slice(&b64("iv")),
            Payload {
                msg: &b64("data"),
                aad: &aad(page, path),
            },
        )
        .ok()?;
    Some(String::from_utf8(plain).unwrap())
}

#[test]
fn an_encrypted_site_holds_no_journal_text_and_opens_with_the_password() {
    let c = Case::locked_demo();
    let public = c.root().join("public");

    // Without the password nothing is built.
    let refused = c.run(&["build"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused.stderr.contains("DEBRIEF_PASSWORD"),
        "{}",
        refused.stderr
    );
    assert!(!public.exists());

    let built = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", PASSWORD)]);
    assert_eq!(built.code, 0, "{built:?}");
    let out = files(&public);
    let mut said = journal_text(c.root());
    assert!(said.len() > 40, "the demo says things: {said:?}");
    // Regression (issue 15): the site's title, which names its owner, was
    // in every locked page's <title>.
    let title = "Alex Morgan job search";
    said.push(title.to_string());
    let pages: Vec<&(PathBuf, Vec<u8>)> = out
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        let name = path.to_string_lossy().to_lowercase();
        for s in &said {
            assert!(!text.contains(s.as_str()), "{} shows {s:?}", path.display());
            let slug = s.to_lowercase().replace(' ', "-");
            assert!(
                !name.contains(&slug),
                "{} is named after {s:?}",
                path.display()
            );
        }
    }
    // The machine-readable files are journal text a password cannot guard.
    for gone in ["report.json", "calendar.ics"] {
        assert!(!public.join(gone).exists(), "{gone} was written");
    }
    assert!(public.join("robots.txt").exists() && public.join("static/unlock.js").exists());

    // Each page opens with the password, and only with it.
    let dashboard = String::from_utf8(std::fs::read(public.join("index.html")).unwrap()).unwrap();
    assert!(dashboard.contains("is locked") && dashboard.contains("noindex"));
    // The locked page, and the page written in its place, load nothing from
    // elsewhere either.
    let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';";
    assert!(dashboard.contains(policy), "{dashboard}");
    let right = key(&dashboard, PASSWORD);
    assert!(
        dashboard.contains("<title>Locked page</title>"),
        "{dashboard}"
    );
    let opened = open(&dashboard, &right, "index.html").expect("the dashboard opens");
    assert!(opened.contains(title), "the opened page has the title back");
    assert!(opened.contains(policy));
    assert!(
        opened.contains("What is due") && opened.contains("Cyberdyne"),
        "{opened}"
    );
    // No links to the files left out.
    assert!(!opened.contains("report.json") && !opened.contains("calendar.ics"));
    assert!(open(&dashboard, &key(&dashboard, "wrong horse"), "index.html").is_none());
    // One key for the build: every page opens with it.
    for (path, bytes) in &pages {
        let page = String::from_utf8_lossy(bytes);
        let rel = path.to_str().unwrap();
        let inner = open(&page, &right, rel).unwrap_or_else(|| panic!("{rel} opens"));
        assert!(inner.starts_with("<!doctype html>"), "{}", path.display());
    }

    // Another build: another salt, so another key.
    let salt = |page: &str| {
        let at = page.find("\"salt\":\"").unwrap() + 8;
        page[at..at + 24].to_string()
    };
    let first = salt(&dashboard);
    let again = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", PASSWORD)]);
    assert_eq!(again.code, 0, "{again:?}");
    let second = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert_ne!(salt(&second), first);
}

// Regression (issue 15): the ciphertext of one page opened in another
// page's file. Each page is sealed with its path as associated data.
#[test]
fn a_locked_page_opens_only_as_the_page_it_was_built_for() {
    let c = Case::locked_demo();
    let built = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", PASSWORD)]);
    assert_eq!(built.code, 0, "{built:?}");
    let public = c.root().join("public");
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    let (dashboard, drafts) = (read("index.html"), read("drafts/index.html"));
    let key = key(&dashboard, PASSWORD);
    assert!(open(&dashboard, &key, "index.html").is_some());
    assert!(open(&drafts, &key, "drafts/index.html").is_some());
    // Each other's payload, at each other's place: neither opens.
    assert!(open(&drafts, &key, "index.html").is_none());
    assert!(open(&dashboard, &key, "drafts/index.html").is_none());
    assert!(open(&dashboard, &key, "weeks/index.html").is_none());
}

// Regression (issue 15): `DEBRIEF_PASSWORD=a` locked a site, and the
// password was found offline in a fraction of a second.
#[test]
fn a_weak_password_is_refused_unless_asked_for() {
    let c = Case::locked_demo();
    let public = c.root().join("public");
    let refused = c.run_env(&["build"], &[("DEBRIEF_PASSWORD", "a")]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        !public.exists(),
        "a refused build wrote {}",
        public.display()
    );
    let said = &refused.stderr;
    // Why, zxcvbn's feedback, how long a guesser takes, and the way out.
    for part in [
        "too weak",
        "scores it 0 of 4",
        "Add another word or two",
        "600,000 rounds",
        "found in less than a second",
        "DEBRIEF_ALLOW_WEAK_PASSWORD=1",
        "nothing was built",
    ] {
        assert!(said.contains(part), "no {part:?} in: {said}");
    }
    // Any other value is not the leave asked for.
    let refused = c.run_env(
        &["build"],
        &[
            ("DEBRIEF_PASSWORD", "a"),
            ("DEBRIEF_ALLOW_WEAK_PASSWORD", "yes"),
        ],
    );
    assert_eq!(refused.code, 2, "{refused:?}");

    let insisted = c.run_env(
        &["build"],
        &[
            ("DEBRIEF_PASSWORD", "a"),
            ("DEBRIEF_ALLOW_WEAK_PASSWORD", "1"),
        ],
    );
    assert_eq!(insisted.code, 0, "{insisted:?}");
    assert!(
        insisted
            .stderr
            .contains("warning: locked with a weak password"),
        "{}",
        insisted.stderr
    );
    let dashboard = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(open(&dashboard, &key(&dashboard, "a"), "index.html").is_some());
}
