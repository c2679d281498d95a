//! `kam completions SHELL`. Bash, zsh and fish get small scripts that ask `kam __complete` for
//! every candidate, so account ids, contact ids, stages, fields and owners come from the workspace
//! the shell is in; PowerShell gets clap's static completions, made from the clap definitions.

use clap::CommandFactory;

use crate::Context;
use crate::cli::Cli;
use crate::cli_review::{CompletionsArgs, Shell};
use crate::error::{OK, Result};
use crate::output::print_framed;

/// Bash: the line up to the cursor goes to kam, which splits it like the shell does.
pub const BASH: &str = r#"# kam completion for bash: source it, or put it in ~/.local/share/bash-completion/completions/kam
_kam() {
    local IFS=$'\n'
    COMPREPLY=($(command kam __complete bash -- "${COMP_LINE:0:$COMP_POINT}" 2>/dev/null))
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[.=,] ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -o default -F _kam kam
"#;

/// Zsh: the words up to the cursor; candidates with their descriptions.
pub const ZSH: &str = r#"#compdef kam
# kam completion for zsh: put it in a folder of $fpath as _kam, or source it after compinit
_kam() {
    local -a lines open closed opendesc closeddesc
    local line value desc
    lines=("${(@f)$(command kam __complete zsh -- "${(@)words[1,CURRENT]}" 2>/dev/null)}")
    for line in $lines; do
        [[ -z $line ]] && continue
        value=${line%%$'\t'*}
        desc=$value
        [[ $line == *$'\t'* ]] && desc="$value  -- ${line#*$'\t'}"
        if [[ $value == *[.=,] ]]; then
            open+=("$value"); opendesc+=("$desc")
        else
            closed+=("$value"); closeddesc+=("$desc")
        fi
    done
    (( ${#open} )) && compadd -Q -S '' -d opendesc -a open
    (( ${#closed} )) && compadd -Q -d closeddesc -a closed
    return 0
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _kam "$@"
else
    compdef _kam kam
fi
"#;

/// Fish: the tokens before the cursor and the current one.
pub const FISH: &str = r"# kam completion for fish: put it in ~/.config/fish/completions/kam.fish
function __kam_complete
    set -l tokens (commandline -opc) (commandline -ct)
    command kam __complete fish -- $tokens 2>/dev/null
end
complete -c kam -f -a '(__kam_complete)'
";

pub fn completions(args: &CompletionsArgs, _ctx: &Context) -> Result<i32> {
    let script = match args.shell {
        Shell::Bash => BASH.to_string(),
        Shell::Zsh => ZSH.to_string(),
        Shell::Fish => FISH.to_string(),
        Shell::Powershell => {
            let mut out = Vec::new();
            clap_complete::generate(clap_complete::Shell::PowerShell, &mut Cli::command(), "kam", &mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
    };
    print_framed(&script)?;
    Ok(OK)
}
