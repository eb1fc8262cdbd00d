"""`factsheet completion bash|zsh|fish`: shell completion made from the commands' own options."""

from __future__ import annotations

import argparse
from typing import Any

from factsheet.cli.common import EXIT_OK

SHELLS = ("bash", "zsh", "fish")
INSTALL = {
    "bash": 'eval "$(factsheet completion bash)"   # in ~/.bashrc',
    "zsh": 'eval "$(factsheet completion zsh)"    # in ~/.zshrc',
    "fish": "factsheet completion fish > ~/.config/fish/completions/factsheet.fish",
}


def add(commands: Any) -> None:
    completion = commands.add_parser(
        "completion",
        help="print shell completion for bash, zsh or fish",
        description="Print a completion script. " + "; ".join(INSTALL.values()),
    )
    completion.add_argument("shell", choices=SHELLS)
    completion.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.cli.main import parser

    commands = _commands(parser())
    script = {"bash": _bash, "zsh": _zsh, "fish": _fish}[args.shell](commands)
    print(script, end="")
    return EXIT_OK


Option = tuple[list[str], list[str], str, bool]
"""Option strings (none for a positional with choices), choices, help, takes a value."""


def _commands(root: argparse.ArgumentParser) -> dict[str, tuple[str, list[Option]]]:
    found: dict[str, tuple[str, list[Option]]] = {}
    for action in root._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, command in action.choices.items():
            options: list[Option] = []
            for option in command._actions:
                if not option.option_strings and not option.choices:
                    continue
                choices = [str(c) for c in option.choices or ()]
                takes_value = option.nargs != 0
                strings = list(option.option_strings)
                options.append((strings, choices, option.help or "", takes_value))
            found[name] = (helps.get(name, ""), options)
    return found


def _bash(commands: dict[str, tuple[str, list[Option]]]) -> str:
    import shlex  # loaded by `completion` only

    cases = []
    for name, (_, options) in commands.items():
        words = " ".join(s for strings, _, _, _ in options for s in strings)
        choice_cases = "".join(
            f"            {'|'.join(strings)}) COMPREPLY=($(compgen -W "
            f'{shlex.quote(" ".join(choices))} -- "$cur")); return;;\n'
            for strings, choices, _, _ in options
            if choices and strings
        )
        positional = " ".join(
            c for strings, choices, _, _ in options if not strings for c in choices
        )
        cases.append(
            f"        {name})\n"
            f'            case "$prev" in\n{choice_cases}            esac\n'
            f"            opts={shlex.quote(words)} words={shlex.quote(positional)};;\n"
        )
    return (
        "# factsheet completion for bash\n"
        "_factsheet() {\n"
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"\n'
        '    local opts="" words=""\n'
        '    if [ "$COMP_CWORD" -eq 1 ]; then\n'
        f'        COMPREPLY=($(compgen -W {shlex.quote(" ".join(commands))} -- "$cur"))\n'
        "        return\n"
        "    fi\n"
        '    case "${COMP_WORDS[1]}" in\n' + "".join(cases) + "    esac\n"
        '    if [[ "$cur" == -* ]]; then\n'
        '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))\n'
        '    elif [ -n "$words" ]; then\n'
        '        COMPREPLY=($(compgen -W "$words" -- "$cur"))\n'
        "    else\n"
        '        COMPREPLY=($(compgen -f -- "$cur"))\n'
        "    fi\n"
        "}\n"
        "complete -o filenames -o bashdefault -F _factsheet factsheet\n"
    )


def _zsh(commands: dict[str, tuple[str, list[Option]]]) -> str:
    # zsh runs bash completion functions through bashcompinit: one script, two shells.
    return (
        "# factsheet completion for zsh\n"
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + _bash(commands).split("\n", 1)[1]
    )


def _fish(commands: dict[str, tuple[str, list[Option]]]) -> str:
    lines = ["# factsheet completion for fish", "complete -c factsheet -f"]
    names = " ".join(commands)
    for name, (help_text, options) in commands.items():
        lines.append(
            f"complete -c factsheet -n 'not __fish_seen_subcommand_from {names}' "
            f"-a {name} -d {_fish_quote(help_text)}"
        )
        for strings, choices, option_help, takes_value in options:
            if not strings:
                lines.append(
                    f"complete -c factsheet -n '__fish_seen_subcommand_from {name}' "
                    f"-a {_fish_quote(' '.join(choices))}"
                )
                continue
            flags = " ".join(
                f"-l {s[2:]}" if s.startswith("--") else f"-s {s[1:]}" for s in strings
            )
            extra = f" -x -a {_fish_quote(' '.join(choices))}" if choices else ""
            extra += " -r -F" if takes_value and not choices else ""
            lines.append(
                f"complete -c factsheet -n '__fish_seen_subcommand_from {name}' {flags}"
                f"{extra} -d {_fish_quote(option_help.split('(')[0].strip())}"
            )
        lines.append(f"complete -c factsheet -n '__fish_seen_subcommand_from {name}' -F")
    return "\n".join(lines) + "\n"


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
