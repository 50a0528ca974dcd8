import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

/// The command line's grammar, messages and help, in the shape
/// swift-argument-parser gave them: long options with or without a value,
/// `-e VALUE`, repeated options (`--kb A --kb B`: one value each, so that
/// options and positionals come in any order), `--name=value`, positionals
/// and `--`. Our own because building the
/// parser by reflection over the command types was a third of the start-up.
struct OptionSpec {
    enum Arity {
        case flag
        /// One value; given twice, the last one counts.
        case single
        /// One value each time it is given.
        case repeated
    }

    let long: String?
    let short: Character?
    let arity: Arity
    let valueName: String
    let help: String
    /// The values accepted, when only a few are.
    var choices: [String] = []
    var defaultValue: String? = nil

    var key: String { long ?? String(short!) }
    /// `--format <format>`, `-e <STATEMENT>`, `--empty`.
    var label: String {
        let name = long.map { "--" + $0 } ?? "-" + String(short!)
        return arity == .flag ? name : "\(name) <\(valueName)>"
    }

    var usage: String {
        switch arity {
        case .flag, .single: return "[\(label)]"
        case .repeated: return "[\(label) ...]"
        }
    }

    var fullHelp: String {
        guard !choices.isEmpty else { return help }
        var text = help + " (values: " + choices.joined(separator: ", ")
        if let defaultValue { text += "; default: \(defaultValue)" }
        return text + ")"
    }
}

struct CommandSpec {
    let name: String
    let abstract: String
    let positionalName: String
    let positionalHelp: String
    let positionalRequired: Bool
    let options: [OptionSpec]

    var usage: String {
        let positional = positionalRequired ? "<\(positionalName)> ..." : "[<\(positionalName)> ...]"
        return (["redline", name, positional] + options.map(\.usage)).joined(separator: " ")
    }

    func option(named argument: String) -> OptionSpec? {
        if argument.hasPrefix("--") {
            let name = argument.dropFirst(2)
            return options.first { $0.long.map { $0 == name } ?? false }
        }
        guard argument.count == 2, let letter = argument.last else { return nil }
        return options.first { $0.short == letter }
    }
}

/// What the command line asked for.
enum Invocation {
    case run(CommandSpec, ParsedArguments)
    case help(String)
    case version
    case usageError(String)
}

struct ParsedArguments {
    var positionals: [String] = []
    var values: [String: [String]] = [:]

    func flag(_ name: String) -> Bool { values[name] != nil }
    func value(_ name: String) -> String? { values[name]?.last }
    func list(_ name: String) -> [String] { values[name] ?? [] }
}

struct UsageError: Error {
    let message: String
    /// A `Help:` line naming the option or argument at fault.
    var help: String? = nil
}

enum Arguments {
    static let helpOptions = [
        ("--version", "Show the version."),
        ("-h, --help", "Show help information."),
    ]

    /// `arguments` without the program name.
    static func parse(_ arguments: [String], commands: [CommandSpec], defaultCommand: String,
                      rootHelp: () -> String) -> Invocation {
        var rest = arguments[...]
        var command = commands.first { $0.name == defaultCommand }!
        if let first = rest.first {
            if first == "help" {
                rest = rest.dropFirst()
                guard let topic = rest.first else { return .help(rootHelp()) }
                guard let named = commands.first(where: { $0.name == topic }) else {
                    return .usageError("Error: Unknown subcommand '\(topic)'\n  See 'redline --help' for more information.\n")
                }
                return .help(help(for: named))
            }
            if let named = commands.first(where: { $0.name == first }) {
                command = named
                rest = rest.dropFirst()
            } else if first == "-h" || first == "--help" {
                return .help(rootHelp())
            }
        }
        let beforeDashes = rest.prefix { $0 != "--" }
        if beforeDashes.contains("--version") { return .version }
        if beforeDashes.contains(where: { $0 == "-h" || $0 == "--help" }) { return .help(help(for: command)) }
        do {
            return .run(command, try parse(rest, for: command))
        } catch {
            return .usageError(render(error, command: command))
        }
    }

    static func parse(_ arguments: ArraySlice<String>, for command: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = arguments.startIndex
        var onlyPositionals = false
        func isOption(_ argument: String) -> Bool {
            argument.hasPrefix("-") && argument.count > 1 && Int(argument) == nil
        }
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !isOption(argument) {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument, attached: String? = nil
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            guard let option = command.option(named: name) else {
                let known = command.options.map { $0.long.map { "--" + $0 } ?? "-" + String($0.short!) } + ["--help", "--version"]
                let guess = Suggestions.closest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError(message: "Unknown option '\(name)'\(guess)")
            }
            let helpLine = "\(option.label)  \(option.help)"
            switch option.arity {
            case .flag:
                if attached != nil { throw UsageError(message: "'\(name)' takes no value", help: helpLine) }
                parsed.values[option.key] = []
            case .single, .repeated:
                let value: String
                if let attached {
                    value = attached
                } else {
                    guard index < arguments.endIndex, !isOption(arguments[index]) else {
                        throw UsageError(message: "Missing value for '\(option.label)'", help: helpLine)
                    }
                    value = arguments[index]
                    index += 1
                }
                if !option.choices.isEmpty, !option.choices.contains(value) {
                    let listed = option.choices.map { "'\($0)'" }
                    throw UsageError(message: "The value '\(value)' is invalid for '\(option.label)'. Please provide one of "
                                     + listed.dropLast().joined(separator: ", ") + " or " + listed.last! + ".", help: helpLine)
                }
                if option.arity == .single { parsed.values[option.key] = [value] } else { parsed.values[option.key, default: []].append(value) }
            }
        }
        if command.positionalRequired && parsed.positionals.isEmpty {
            throw UsageError(message: "Missing expected argument '<\(command.positionalName)> ...'",
                             help: "<\(command.positionalName)>  \(command.positionalHelp)")
        }
        return parsed
    }

    static func render(_ error: UsageError, command: CommandSpec) -> String {
        // The message may quote an argument: no escape sequence of it reaches the terminal.
        var text = "Error: \(error.message.withoutControls)\n"
        if let help = error.help { text += "Help:  \(help.withoutControls)\n" }
        return text + "Usage: \(command.usage)\n  See 'redline \(command.name) --help' for more information.\n"
    }

    /// A command's help, laid out as ArgumentParser laid it out.
    static func help(for command: CommandSpec) -> String {
        var text = wrap("OVERVIEW: " + command.abstract) + "\n\nUSAGE: \(command.usage)\n\n"
        text += "ARGUMENTS:\n" + entry("<\(command.positionalName)>", command.positionalHelp) + "\n"
        text += "OPTIONS:\n"
        for option in command.options { text += entry(option.label, option.fullHelp) }
        for (label, help) in helpOptions { text += entry(label, help) }
        return text
    }

    /// `  label  help`, the help wrapped in its column from column 26.
    static func entry(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: 26)
        let lines = wrapLines(help, width: 79 - 26)
        var text = "  " + label
        if label.count <= 22 {
            text += String(repeating: " ", count: 24 - label.count) + (lines.first ?? "") + "\n"
            for line in lines.dropFirst() { text += indent + line + "\n" }
        } else {
            text += "\n"
            for line in lines { text += indent + line + "\n" }
        }
        return text
    }

    /// Lines of at most `width` columns: 79, so a line never touches the terminal's edge.
    static func wrap(_ text: String, width: Int = 79) -> String {
        wrapLines(text, width: width).joined(separator: "\n")
    }

    static func wrapLines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
