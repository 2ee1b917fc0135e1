//! `debrief init`: a new journal repository, never inside another; and
//! on one that exists, the CI pipeline and the pre-commit hook it lacks.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use debrief::ci::{self, Host};
use debrief::scaffold::{self, ScaffoldError};

use super::{Error, Exit, Global, given, print};

/// What `init` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to create it, or the repository to add --ci or --hook to [default: the current folder]
    dir: Option<PathBuf>,
    /// Also write a CI pipeline that checks the journals and publishes the site
    #[arg(long, value_enum, value_name = "HOST")]
    ci: Option<CiHost>,
    /// The git URL CI installs debrief from [default: [ci] from in debrief.toml]
    #[arg(long, value_name = "URL", requires = "ci")]
    from: Option<String>,
    /// The branch whose pushes publish the site [default: the repository's current branch, else main]
    #[arg(long, value_name = "NAME", requires = "ci")]
    branch: Option<String>,
    /// Also install a git pre-commit hook that runs `debrief check --deny warnings`
    #[arg(long)]
    hook: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum CiHost {
    /// GitHub Actions and GitHub Pages
    Github,
    /// GitLab CI and GitLab Pages
    Gitlab,
}

/// `debrief init`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    // A new repository goes where it is asked, never into one above.
    let target = given(g, args.dir.as_deref()).unwrap_or_else(|| PathBuf::from("."));
    if target.join("debrief.toml").exists() {
        if args.ci.is_none() && !args.hook {
            return Err(format!(
                "{} is already a debrief repository (it has debrief.toml); \
                 `debrief init --ci github|gitlab` or `--hook` adds what it lacks",
                target.display()
            )
            .into());
        }
        let config = debrief::repo::load_config(&target, g.config.as_deref())?;
        let files = extras(&target, args, &config)?;
        return write(
            g,
            &target,
            files,
            "Added to the journal repository in",
            &config,
        );
    }
    // A repository inside another would be read as that one's journals.
    if let Ok(abs) = std::path::absolute(&target) {
        let outer = abs.ancestors().skip(1).find(|a| {
            a.join("debrief.toml").is_file()
                || (a.file_name().is_some_and(|n| n == "content")
                    && a.parent().is_some_and(|p| p.join("content").is_dir()))
        });
        if let Some(outer) = outer {
            let outer = match outer.file_name() {
                Some(n) if n == "content" && !outer.join("debrief.toml").is_file() => {
                    outer.parent().unwrap_or(outer)
                }
                _ => outer,
            };
            let what = if args.ci.is_some() || args.hook {
                "to add --ci or --hook to it, run this at its top"
            } else {
                "create the new one elsewhere"
            };
            return Err(format!(
                "{} is inside the journal repository at {}: {what}",
                target.display(),
                outer.display()
            )
            .into());
        }
    }
    let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    // Whatever is wrong with --ci or --hook is said before anything is written.
    let config = debrief::config::Config::default();
    let extras = extras(&target, args, &config)?;
    let mut files = scaffold::init_files(today);
    files.extend(extras);
    write(
        g,
        &target,
        files,
        "Created a journal repository in",
        &config,
    )
}

/// The files --ci and --hook add, as (path, text).
fn extras(
    target: &Path,
    args: &Args,
    config: &debrief::config::Config,
) -> Result<Vec<(String, String)>, Error> {
    let mut files = Vec::new();
    if let Some(host) = args.ci {
        let Some(from) = [args.from.as_deref(), config.ci.from.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|v| !v.is_empty())
        else {
            return Err("say where CI installs debrief from: `--from <git URL>`, \
                        or `from` under [ci] in debrief.toml"
                .into());
        };
        if args.branch.as_deref().is_some_and(|b| b.trim().is_empty()) {
            return Err("--branch needs the name of a branch".into());
        }
        let branch = args
            .branch
            .clone()
            .or_else(|| ci::current_branch(target))
            .unwrap_or_else(|| "main".into());
        let host = match host {
            CiHost::Github => Host::Github,
            CiHost::Gitlab => Host::Gitlab,
        };
        let pipeline = ci::Pipeline {
            from,
            branch: &branch,
            encrypt: config.site.encrypt,
        };
        files.push(ci::pipeline(host, &pipeline));
    }
    if args.hook {
        let rel = hook_path(target)?;
        // Another hook is the user's: left alone. Ours is written again.
        let hook = target.join(&rel);
        match std::fs::read_to_string(&hook) {
            Ok(text) if !ci::is_our_hook(&text) => {
                return Err(format!(
                    "{} is a pre-commit hook debrief did not write: it is left as it is. \
                     Call `debrief check --deny warnings` from it, or remove it and run \
                     `debrief init --hook` again",
                    hook.display()
                )
                .into());
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot read {}: {e}", hook.display()).into()),
        }
        files.push((rel, ci::pre_commit_hook()));
    }
    Ok(files)
}

/// Where git looks for the pre-commit hook of the repository at `target`
/// (`core.hooksPath` and worktrees as git reads them), relative to it
/// when inside. `target` must be the top of its git repository: the hook
/// checks the journal repository there.
fn hook_path(target: &Path) -> Result<String, Error> {
    let not_top = || -> Error {
        format!(
            "{} is not the top of a git repository: run `git init` there first, or leave out --hook",
            target.display()
        )
        .into()
    };
    let asked = std::process::Command::new("git")
        .arg("-C")
        .arg(target)
        .args([
            "rev-parse",
            "--show-toplevel",
            "--git-path",
            "hooks/pre-commit",
        ])
        .output();
    let Ok(out) = asked else {
        // No git to ask: the usual place, if there is a repository.
        return if target.join(".git").is_dir() {
            Ok(ci::HOOK_FILE.into())
        } else {
            Err(not_top())
        };
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let (Some(top), Some(hook)) = (lines.next(), lines.next()) else {
        return Err(not_top());
    };
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !out.status.success() || !same(Path::new(top), target) {
        return Err(not_top());
    }
    Ok(hook.to_string())
}

/// Writes each file that is not there yet, says what it kept and wrote.
fn write(
    g: &Global,
    target: &Path,
    files: Vec<(String, String)>,
    done: &str,
    config: &debrief::config::Config,
) -> Result<Exit, Error> {
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = target.join(&rel);
        let is_hook = text.starts_with("#!/bin/sh") && ci::is_our_hook(&text);
        let written = if is_hook {
            // Ours when there (extras() refused any other): written again.
            scaffold::write_new(&path, &text)
                .or_else(|e| match e {
                    ScaffoldError::Exists(_) => scaffold::replace(&path, &text),
                    e => Err(e),
                })
                .and_then(|()| make_executable(&path))
        } else {
            scaffold::write_new(&path, &text)
        };
        match written {
            Ok(()) => created.push(rel),
            Err(ScaffoldError::Exists(_)) => {
                let _ = writeln!(anstream::stderr(), "kept the existing {rel}");
                // A workflow written before the site was locked builds
                // without the password, and stops.
                let unlocked = |p: &Path| {
                    std::fs::read_to_string(p).is_ok_and(|t| !t.contains("DEBRIEF_PASSWORD"))
                };
                if rel.starts_with(".github/") && config.site.encrypt && unlocked(&path) {
                    let _ = writeln!(
                        anstream::stderr(),
                        "warning: {rel} has no DEBRIEF_PASSWORD, and the site is locked \
                         ([site] encrypt = true), so its build will stop: delete it and run this again"
                    );
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut text = format!("{done} {}:\n", target.display());
    if created.is_empty() {
        text = format!(
            "Nothing to add to {}: every file is there.\n",
            target.display()
        );
    }
    for rel in &created {
        text += &format!("  {rel}\n");
    }
    if created.iter().any(|r| r == "debrief.toml") {
        text += "Next: `debrief due` lists what to do; `debrief new --company C --role R` starts a journal.\n";
    }
    if created.iter().any(|r| r.starts_with(".github/")) {
        text += "GitHub Pages: turn it on under Settings > Pages > Source: GitHub Actions.\n";
        text += if config.site.encrypt {
            "The site is locked: add the DEBRIEF_PASSWORD secret under Settings > Secrets and variables > Actions.\n"
        } else {
            "A Pages site can be read by anyone who has its address: to lock it, set `encrypt = true` \
             under [site], delete the workflow and run this again, then add the DEBRIEF_PASSWORD secret.\n"
        };
    }
    if created.iter().any(|r| r == ".gitlab-ci.yml") {
        text += "GitLab Pages: add a weekly pipeline schedule, and DEBRIEF_PASSWORD as a masked \
                 variable if the site is locked.\n";
    }
    print(g, &text);
    Ok(Exit::Clean)
}

/// Lets git run the hook.
#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), ScaffoldError> {
    use std::os::unix::fs::PermissionsExt;
    let io = |e| ScaffoldError::Io(path.to_path_buf(), e);
    let mut perms = std::fs::metadata(path).map_err(io)?.permissions();
    perms.set_mode(perms.mode() | 0o755);
    std::fs::set_permissions(path, perms).map_err(io)
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), ScaffoldError> {
    Ok(())
}
