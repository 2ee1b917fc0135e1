//! `debrief draft`: the ready-to-send drafts of a journal's open actions,
//! or of one action named by its id.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use debrief::journal::model::same_person;
use debrief::render::{drafts, theme::Theme};

use super::{Error, Exit, Global, journal_rel, load, print, record, repository};

/// What `draft` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal (a path to the file), an application folder for its latest journal, or an action's id
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(record::open_ids))]
    journal: PathBuf,
    /// Only the draft of this rule (thank-you, check-in, …)
    #[arg(long)]
    rule: Option<String>,
    /// Only the draft for this person
    #[arg(long, value_name = "NAME")]
    to: Option<String>,
}

/// `debrief draft`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    draft(
        &repository(g, None),
        g,
        &args.journal,
        args.rule.as_deref(),
        args.to.as_deref(),
    )
}

fn draft(
    root: &Path,
    g: &Global,
    journal: &Path,
    rule: Option<&str>,
    to: Option<&str>,
) -> Result<Exit, Error> {
    let (repo, today) = load(root, g)?;
    // An action's id (or a unique start of one) instead of a journal.
    let named = journal.to_str().unwrap_or_default();
    if !journal.exists() && !root.join(journal).exists() && debrief::rules::looks_like_id(named) {
        let actions = repo.evaluate(today).actions;
        let a = debrief::rules::by_id(&actions, named)?.clone();
        if !a.draft {
            print(
                g,
                &format!(
                    "{} is `{}` ({}), which has no draft: it is yours to do.\n",
                    a.id, a.rule, a.title
                ),
            );
            return Ok(Exit::Clean);
        }
        return draft(
            &repo.root,
            g,
            Path::new(&a.journal),
            Some(a.rule),
            a.person.as_deref().or(to),
        );
    }
    let rel = journal_rel(&repo, root, journal, today)?;
    if repo.bad_files.contains(&rel) {
        let _ = writeln!(
            anstream::stderr(),
            "error: the journal could not be read: {}",
            debrief::output::terminal_safe(&repo.why_unread(&rel))
        );
        return Ok(Exit::Found);
    }
    let Some(j) = repo.journals.iter().find(|j| j.path == rel) else {
        return Err(
            format!("{rel} is not a journal (journals are .md files under content/)").into(),
        );
    };
    // A rule or person that cannot match is a mistake to name, not "no
    // open action".
    if let Some(r) = rule {
        let drafting: Vec<&str> = debrief::rules::RULES
            .iter()
            .filter(|r| r.draft)
            .map(|r| r.id)
            .collect();
        if !drafting.contains(&r) {
            let hint = debrief::diagnostics::did_you_mean(r, &drafting)
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            return Err(format!(
                "no rule `{r}` has drafts; {hint}the rules with drafts are {}",
                drafting.join(", ")
            )
            .into());
        }
    }
    if let Some(to) = to {
        let people: Vec<&str> = j
            .interviewers
            .iter()
            .map(|i| i.name.as_str())
            .chain(j.contact.as_deref())
            .chain(j.references.iter().map(|r| r.name.as_str()))
            .collect();
        let known = people
            .iter()
            .any(|p| same_person(p, to) || same_person(to, p));
        if !known {
            let hint = debrief::diagnostics::did_you_mean_person(to, &people)
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            return Err(format!(
                "{to} is not a person of {rel} (its interviewers, contact and references are {}){hint}",
                if people.is_empty() {
                    "none".to_string()
                } else {
                    people.join(", ")
                }
            )
            .into());
        }
    }
    let tera = Theme::load(&repo.root, &repo.config.theme).and_then(|t| t.tera())?;
    let actions = repo.evaluate(today).actions;
    let drafts = drafts::for_journal(
        &repo.journals,
        &actions,
        &repo.ctx(today),
        &tera,
        &rel,
        rule,
        to,
    )?;
    if drafts.is_empty() {
        print(g, &format!("No open action of {rel} needs a draft.\n"));
        return Ok(Exit::Clean);
    }
    let mut text = String::new();
    for (action, d) in drafts {
        let who = action.person.as_deref().unwrap_or("the hiring team");
        text += &format!(
            "── {} · {who} · by {} · due {} ({}) · id {} ──\n",
            action.rule,
            d.channel.as_str(),
            action.due,
            action.status.as_str(),
            action.id
        );
        if let Some(subject) = &d.subject {
            text += &format!("Subject: {subject}\n\n");
        }
        text += &d.body;
        text += "\n";
    }
    print(g, &text);
    Ok(Exit::Clean)
}
