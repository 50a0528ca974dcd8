/// `redline --generate-completion-script bash|zsh|fish`: shell completion
/// for subcommands, options, `--format` values and file names, written from
/// the same specs the parser reads.
enum CompletionScripts {
    static let shells = ["bash", "zsh", "fish"]

    static func script(for shell: String, commands: [CommandSpec]) -> String? {
        switch shell {
        case "bash": return bash(commands)
        case "zsh": return "#compdef redline\nautoload -U +X bashcompinit && bashcompinit\n" + bash(commands)
        case "fish": return fish(commands)
        default: return nil
        }
    }

    private static func names(_ option: OptionSpec) -> [String] {
        [option.long.map { "--" + $0 }, option.short.map { "-" + String($0) }].compactMap { $0 }
    }

    private static func bash(_ commands: [CommandSpec]) -> String {
        let takesValue = commands.flatMap(\.options).filter { $0.arity != .flag }
        let free = Set(takesValue.filter { $0.choices.isEmpty }.flatMap(names)).sorted()
        var text = """
            # bash completion for redline
            _redline() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub=repl word options
                for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                    case $word in \(commands.map(\.name).joined(separator: "|"))) sub=$word; break ;; esac
                done
                case $prev in

            """
        for option in takesValue where !option.choices.isEmpty {
            text += "        \(names(option).joined(separator: "|"))) COMPREPLY=($(compgen -W \"\(option.choices.joined(separator: " "))\" -- \"$cur\")); return ;;\n"
        }
        text += "        \(free.joined(separator: "|"))) return ;;\n    esac\n    case $sub in\n"
        for command in commands {
            let options = command.options.flatMap(names) + ["--version", "--help"]
            text += "        \(command.name)) options=\"\(options.joined(separator: " "))\" ;;\n"
        }
        text += """
                esac
                if [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$options" -- "$cur"))
                elif [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\(commands.map(\.name).joined(separator: " ")) help" -- "$cur") $(compgen -f -- "$cur"))
                else
                    COMPREPLY=($(compgen -f -- "$cur"))
                fi
            }
            complete -o filenames -F _redline redline

            """
        return text
    }

    private static func fish(_ commands: [CommandSpec]) -> String {
        func quoted(_ text: String) -> String { "'" + text.replacing("'", with: "\\'") + "'" }
        let subcommands = commands.map(\.name).joined(separator: " ")
        var text = "# fish completion for redline\n"
        text += "complete -c redline -n __fish_use_subcommand -f -a '\(subcommands) help'\n"
        var seen = Set<String>()
        for command in commands {
            for option in command.options {
                let shared = commands.allSatisfy { $0.options.contains { $0.key == option.key } }
                if shared && !seen.insert(option.key).inserted { continue }
                var line = "complete -c redline"
                // The first command is the default: its options count when no subcommand is given.
                let others = commands.map(\.name).filter { $0 != command.name }.joined(separator: " ")
                if !shared {
                    line += command.name == commands[0].name
                        ? " -n 'not __fish_seen_subcommand_from \(others)'" : " -n '__fish_seen_subcommand_from \(command.name)'"
                }
                if let long = option.long { line += " -l \(long)" }
                if let short = option.short { line += " -s \(short)" }
                if option.arity != .flag { line += option.choices.isEmpty ? " -r" : " -x -a \(quoted(option.choices.joined(separator: " ")))" }
                text += line + " -d \(quoted(option.help))\n"
            }
        }
        return text + "complete -c redline -l version -d 'Show the version.'\ncomplete -c redline -s h -l help -d 'Show help information.'\n"
    }
}
