//! The `:` commands: one table that dispatch, the help screen and Tab completion all read, so a
//! command cannot exist without its help line or be listed without existing.

/// One `:` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// What it is called, and what `:help` lists.
    pub name: &'static str,
    /// Shorter ways to type it.
    pub aliases: &'static [&'static str],
    /// What follows the name, for help: empty when it takes nothing.
    pub args: &'static str,
    pub help: &'static str,
}

/// Every command, in the order help lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "goto",
        aliases: &["g"],
        args: "ODS|NAME",
        help: "open a request: ODS code or part of a name",
    },
    Command {
        name: "note",
        aliases: &[],
        args: "TEXT",
        help: "note on the marked requests (or the selected)",
    },
    Command {
        name: "event",
        aliases: &[],
        args: "N DATE|ref|note ...",
        help: "correct event N of the open request",
    },
    Command {
        name: "remove",
        aliases: &[],
        args: "N",
        help: "remove event N of the open request",
    },
    Command {
        name: "address",
        aliases: &["foi-email"],
        args: "EMAIL",
        help: "correct the selected body's FOI address",
    },
    Command {
        name: "request",
        aliases: &["requests"],
        args: "SELECTOR",
        help: "add requests: all, kind:acute, ods:RJ1,RGT",
    },
    Command {
        name: "campaign",
        aliases: &["c"],
        args: "SLUG",
        help: "switch to another campaign",
    },
    Command {
        name: "suggest",
        aliases: &[],
        args: "[SELECTOR]",
        help: "read the replies: proposals to confirm with A",
    },
    Command {
        name: "fetch",
        aliases: &[],
        args: "",
        help: "fetch the group's mailbox now (as R does)",
    },
    Command {
        name: "import",
        aliases: &[],
        args: "FILE",
        help: "import mail from a .eml or mbox file",
    },
    Command {
        name: "export",
        aliases: &["w"],
        args: "[FILE]",
        help: "write the campaign: .csv .json .md .html .ics",
    },
    Command {
        name: "help",
        aliases: &["h"],
        args: "",
        help: "show the keys and these commands",
    },
    Command {
        name: "quit",
        aliases: &["q"],
        args: "",
        help: "leave the board",
    },
];

/// The command `word` names (its name or an alias), if any.
pub fn find(word: &str) -> Option<&'static Command> {
    let w = word.trim().to_ascii_lowercase();
    COMMANDS
        .iter()
        .find(|c| c.name == w || c.aliases.contains(&w.as_str()))
}

/// A `:` line read: the command and what follows its name. `None` for an empty line; an
/// unknown command, or one missing what it needs, is refused with what to type.
pub fn parse(line: &str) -> Result<Option<(&'static Command, &str)>, String> {
    let line = line.trim();
    let (word, arg) = line
        .split_once(' ')
        .map_or((line, ""), |(c, a)| (c, a.trim()));
    if word.is_empty() {
        return Ok(None);
    }
    let Some(cmd) = find(word) else {
        return Err(format!(
            "unknown command '{}': :help lists the commands (Tab completes them)",
            crate::text::line(word)
        ));
    };
    let needs_arg = !cmd.args.is_empty() && !cmd.args.starts_with('[');
    if needs_arg && arg.is_empty() {
        return Err(format!(":{} needs {}: {}", cmd.name, cmd.args, cmd.help));
    }
    Ok(Some((cmd, arg)))
}

/// What Tab made of the line: the line completed as far as the choices agree, and the
/// choices themselves when more than one is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    pub choices: Vec<String>,
}

/// Completes `line`: the command's name while no space is typed, then its argument from
/// `choices_for` (the ODS codes and names for `goto`, the slugs for `campaign`).
pub fn complete(line: &str, choices_for: impl Fn(&Command) -> Vec<String>) -> Completion {
    match line.split_once(' ') {
        None => {
            let names: Vec<String> = COMMANDS
                .iter()
                .filter(|c| c.name.starts_with(&line.to_ascii_lowercase()))
                .map(|c| c.name.to_string())
                .collect();
            complete_from(line, "", &names, true)
        }
        Some((cmd, arg)) => match find(cmd) {
            Some(c) => {
                let all = choices_for(c);
                let wanted = arg.trim_start().to_lowercase();
                let fitting: Vec<String> = all
                    .into_iter()
                    .filter(|choice| choice.to_lowercase().starts_with(&wanted))
                    .collect();
                complete_from(arg.trim_start(), &format!("{cmd} "), &fitting, false)
            }
            None => Completion {
                line: line.to_string(),
                choices: Vec::new(),
            },
        },
    }
}

/// The first word of `line` completed from `words` (an event's word, say); what follows the
/// first word is left as it is.
pub fn complete_word(line: &str, words: &[String]) -> Completion {
    if line.contains(' ') {
        return Completion {
            line: line.to_string(),
            choices: Vec::new(),
        };
    }
    let fitting: Vec<String> = words
        .iter()
        .filter(|w| w.starts_with(&line.to_ascii_lowercase()))
        .cloned()
        .collect();
    complete_from(line, "", &fitting, true)
}

/// `typed` completed from `fitting` (all of which start with it), after `head`.
fn complete_from(typed: &str, head: &str, fitting: &[String], space_after: bool) -> Completion {
    match fitting {
        [] => Completion {
            line: format!("{head}{typed}"),
            choices: Vec::new(),
        },
        [one] => Completion {
            line: format!("{head}{one}{}", if space_after { " " } else { "" }),
            choices: Vec::new(),
        },
        many => {
            let common = common_prefix(many);
            // Never shorter than what was typed (choices differ in case only).
            let done = if common.chars().count() >= typed.chars().count() {
                common
            } else {
                typed.to_string()
            };
            Completion {
                line: format!("{head}{done}"),
                choices: many.to_vec(),
            }
        }
    }
}

/// The longest start all of `words` share, compared without case (the first word's letters).
fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut len = first.chars().count();
    for w in &words[1..] {
        len = len.min(
            first
                .chars()
                .zip(w.chars())
                .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                .count(),
        );
    }
    first.chars().take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &Command) -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn a_unique_start_completes_the_name_and_a_space() {
        assert_eq!(complete("go", none).line, "goto ");
        assert_eq!(complete("he", none).line, "help ");
    }

    #[test]
    fn a_shared_start_completes_as_far_as_the_names_agree_and_lists_them() {
        let c = complete("", none);
        assert_eq!(c.line, "");
        assert_eq!(c.choices.len(), COMMANDS.len());
        let c = complete("e", none);
        assert_eq!(c.line, "e");
        assert_eq!(c.choices, vec!["event", "export"]);
        assert_eq!(complete("ex", none).line, "export ");
        let c = complete("x", none);
        assert_eq!(c.line, "x");
        assert!(c.choices.is_empty());
    }

    #[test]
    fn arguments_complete_from_what_the_command_takes() {
        let codes = |c: &Command| {
            if c.name == "goto" {
                vec!["RJ1".to_string(), "RJ2".to_string(), "RGT".to_string()]
            } else {
                Vec::new()
            }
        };
        let c = complete("goto r", codes);
        assert_eq!(c.line, "goto R");
        assert_eq!(c.choices.len(), 3);
        let c = complete("g rj", codes);
        assert_eq!(c.line, "g RJ");
        assert_eq!(c.choices, vec!["RJ1", "RJ2"]);
        assert_eq!(complete("goto rg", codes).line, "goto RGT");
    }

    #[test]
    fn every_command_is_found_by_its_name_and_aliases_and_has_help() {
        for c in COMMANDS {
            assert_eq!(find(c.name), Some(c));
            for a in c.aliases {
                assert_eq!(find(a), Some(c));
            }
            assert!(!c.help.is_empty());
        }
        assert!(find("nonsense").is_none());
    }
}
