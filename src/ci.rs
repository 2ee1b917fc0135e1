//! The files `debrief init --ci` and `--hook` write into a journal
//! repository: a CI pipeline that checks the journals and publishes the
//! site (GitHub Actions and Pages, or GitLab CI and Pages), and a git
//! pre-commit hook. Pure: settings in, (path, text) out; `scaffold` writes
//! them, never over a file that is there.

/// Where a pipeline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// GitHub Actions, publishing to GitHub Pages.
    Github,
    /// GitLab CI, publishing to GitLab Pages.
    Gitlab,
}

/// What a pipeline needs to know.
#[derive(Debug, Clone)]
pub struct Pipeline<'a> {
    /// The git URL debrief is installed from (`cargo install --git`).
    pub from: &'a str,
    /// The branch whose pushes publish the site.
    pub branch: &'a str,
    /// Whether the site is locked (`[site] encrypt`): the build then reads
    /// `DEBRIEF_PASSWORD` from the host's secrets.
    pub encrypt: bool,
}

/// The first line of every file debrief writes here: the hook is replaced
/// only when it starts so.
pub const WRITTEN_BY: &str = "Written by debrief init";

/// The pipeline file for `host`: its path in the repository and its text.
pub fn pipeline(host: Host, p: &Pipeline<'_>) -> (String, String) {
    match host {
        Host::Github => (".github/workflows/debrief.yml".into(), github(p)),
        Host::Gitlab => (".gitlab-ci.yml".into(), gitlab(p)),
    }
}

/// A string as a YAML double-quoted scalar (JSON's quoting is YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn github(p: &Pipeline<'_>) -> String {
    let password = if p.encrypt {
        "
        env:
          # The site is locked ([site] encrypt = true): set this secret under
          # Settings > Secrets and variables > Actions.
          DEBRIEF_PASSWORD: ${{ secrets.DEBRIEF_PASSWORD }}"
    } else {
        ""
    };
    format!(
        r#"# {WRITTEN_BY} --ci github: checks the journals and publishes
# the site to GitHub Pages on every push to {branch} and every Monday (so
# what is due moves on with the calendar). Turn Pages on under Settings >
# Pages > Source: GitHub Actions. Edit freely: debrief never rewrites it.
name: debrief

on:
  push:
    branches: [{branch_yaml}]
  schedule:
    - cron: "17 6 * * 1"
  workflow_dispatch:

permissions:
  contents: read

# One deployment at a time; a newer one waits rather than cancels.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  DEBRIEF_FROM: {from}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - name: Find the debrief to install
        id: debrief
        run: echo "rev=$(git ls-remote "$DEBRIEF_FROM" HEAD | cut -f1)" >> "$GITHUB_OUTPUT"
      - name: Cache the debrief binary
        id: cache
        uses: actions/cache@v5
        with:
          path: ~/.cargo/bin/debrief
          key: debrief-${{{{ runner.os }}}}-${{{{ steps.debrief.outputs.rev }}}}
      - name: Install debrief
        if: steps.cache.outputs.cache-hit != 'true'
        env:
          REV: ${{{{ steps.debrief.outputs.rev }}}}
        run: cargo install --locked --git "$DEBRIEF_FROM" --rev "$REV" debrief
      - name: Check the journals
        run: debrief check --format github
      - name: Build the site
        run: debrief build{password}
      - uses: actions/upload-pages-artifact@v4
        with:
          path: public/

  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Publish to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#,
        branch = p.branch,
        branch_yaml = quoted(p.branch),
        from = quoted(p.from),
    )
}

fn gitlab(p: &Pipeline<'_>) -> String {
    let password = if p.encrypt {
        "
# The site is locked ([site] encrypt = true): add DEBRIEF_PASSWORD under
# Settings > CI/CD > Variables, masked and protected.
"
    } else {
        ""
    };
    format!(
        r#"# {WRITTEN_BY} --ci gitlab: checks the journals on every push
# and publishes the site to GitLab Pages from {branch} and from scheduled
# pipelines (add a weekly one under Build > Pipeline schedules, so what is
# due moves on with the calendar). Edit freely: debrief never rewrites it.
{password}
variables:
  DEBRIEF_FROM: {from}
  CARGO_HOME: $CI_PROJECT_DIR/.cargo

default:
  image: rust:1
  cache:
    key: debrief
    paths:
      - .cargo/bin/
      - .cargo/debrief.rev
  # debrief is built again only when its repository has moved on.
  before_script:
    - export PATH="$CARGO_HOME/bin:$PATH"
    - REV="$(git ls-remote "$DEBRIEF_FROM" HEAD | cut -f1)"
    - if [ "$(cat .cargo/debrief.rev 2>/dev/null)" != "$REV" ]; then cargo install --locked --force --git "$DEBRIEF_FROM" --rev "$REV" debrief && echo "$REV" > .cargo/debrief.rev; fi

stages:
  - check
  - deploy

check:
  stage: check
  script:
    - debrief check

pages:
  stage: deploy
  script:
    - debrief build
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == {branch_yaml}
    - if: $CI_PIPELINE_SOURCE == "schedule"
"#,
        branch = p.branch,
        branch_yaml = quoted(p.branch),
        from = quoted(p.from),
    )
}

/// Where `init --hook` puts the hook, from the repository's root.
pub const HOOK_FILE: &str = ".git/hooks/pre-commit";

/// The git pre-commit hook `init --hook` installs: a commit is refused
/// while `debrief check` finds errors or warnings in the journals as they
/// are staged (a copy of git's index, so neither unstaged edits nor
/// untracked drafts decide).
pub fn pre_commit_hook() -> String {
    format!(
        r#"#!/bin/sh
# {WRITTEN_BY} --hook: a commit is refused while `debrief check`
# finds an error or a warning in the journals as they are staged.
# `git commit --no-verify` commits anyway.
if ! command -v debrief >/dev/null 2>&1; then
  echo "pre-commit: debrief is not installed; the journals were not checked" >&2
  exit 1
fi
staged=$(mktemp -d "${{TMPDIR:-/tmp}}/debrief-staged.XXXXXX") || exit 1
trap 'rm -rf "$staged"' EXIT
trap 'exit 1' INT TERM
git checkout-index --all --prefix="$staged/" || exit 1
if ! debrief -C "$staged" check --deny warnings; then
  echo "pre-commit: not committed; fix what debrief check says above (or commit with --no-verify)" >&2
  exit 1
fi
"#
    )
}

/// Whether `text`, a pre-commit hook, is one `init --hook` wrote.
pub fn is_our_hook(text: &str) -> bool {
    text.lines()
        .nth(1)
        .is_some_and(|l| l.starts_with(&format!("# {WRITTEN_BY} --hook")))
}

/// The branch a repository at `root` is on (from `.git/HEAD`), if it is a
/// git repository on a branch.
pub fn current_branch(root: &std::path::Path) -> Option<String> {
    let head = std::fs::read_to_string(root.join(".git/HEAD")).ok()?;
    head.trim()
        .strip_prefix("ref: refs/heads/")
        .filter(|b| !b.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_so_no_branch_or_url_breaks_the_yaml() {
        let p = Pipeline {
            from: "https://example.com/a b\"c.git",
            branch: "feature: x",
            encrypt: false,
        };
        for host in [Host::Github, Host::Gitlab] {
            let (_, text) = pipeline(host, &p);
            assert!(
                text.contains(r#""https://example.com/a b\"c.git""#),
                "{text}"
            );
            assert!(text.contains(r#""feature: x""#), "{text}");
        }
    }

    #[test]
    fn a_locked_site_reads_its_password_from_the_hosts_secrets() {
        let mut p = Pipeline {
            from: "https://example.com/debrief.git",
            branch: "main",
            encrypt: false,
        };
        let (_, open) = pipeline(Host::Github, &p);
        assert!(!open.contains("DEBRIEF_PASSWORD"));
        p.encrypt = true;
        let (_, locked) = pipeline(Host::Github, &p);
        assert!(locked.contains("DEBRIEF_PASSWORD: ${{ secrets.DEBRIEF_PASSWORD }}"));
        let (_, gitlab) = pipeline(Host::Gitlab, &p);
        assert!(gitlab.contains("DEBRIEF_PASSWORD under"));
    }
}
