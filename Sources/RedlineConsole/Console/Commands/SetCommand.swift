import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let set = SessionCommand(
        name: "set", synopsis: ":set [format F | rows N|all | likelihood percent|exact | max-tuples N | timeout SECONDS|off | max-memory SIZE|off | verify-worlds on|off]",
        summary: "Shows or changes settings: the format, how many rows a table shows, how likelihoods are written, the evaluation limits, and whether every what-if world is checked against its evaluation from scratch.",
        example: ":set rows all", completion: .words(SessionCommand.settings)
    ) { context in
        let console = context.console
        let arguments = context.arguments
        guard !arguments.isEmpty else {
            let rows = console.options.rowLimit.map(String.init) ?? "all"
            return console.show(ResultTable(title: "", columns: ["setting", "value"], rows: [
                ["format", console.format.rawValue], ["rows", rows], ["likelihood", console.options.likelihood.rawValue],
                ["timing", console.timing ? "on" : "off"],
                ["max-tuples", String(console.session.limits.maxTuples)],
                ["timeout", console.session.limits.timeout.map { "\(EvaluationLimits.seconds($0)) s" } ?? "off"],
                ["max-memory", console.session.limits.maxMemory.map(EvaluationLimits.bytes) ?? "off"],
                ["verify-worlds", console.session.verifyWorlds ? "on" : "off"],
            ]))
        }
        guard arguments.count == 2 else { return context.usage() }
        switch arguments[0] {
        case "format":
            guard let format = OutputFormat(rawValue: arguments[1]) else {
                return context.error("unknown format '\(arguments[1])'; use text, json, markdown or dot")
            }
            console.format = format
        case "rows":
            if arguments[1] == "all" {
                console.options.rowLimit = nil
            } else if let n = Int(arguments[1]), n > 0 {
                console.options.rowLimit = n
            } else {
                return context.error("':set rows' needs a positive number or 'all', not '\(arguments[1])'")
            }
        case "likelihood":
            guard let display = LikelihoodDisplay(rawValue: arguments[1]) else {
                return context.error("':set likelihood' needs 'percent' (42.5%) or 'exact' (0.425), not '\(arguments[1])'")
            }
            console.options.likelihood = display
            return console.say(display == .percent ? "likelihoods print as percentages to one decimal (42.5%)"
                : "likelihoods print as numbers, to at most six decimals (0.425)")
        case "max-tuples", "timeout", "max-memory":
            // A loaded file must not lift the limits its reader set (Console.refusalInFile).
            if arguments[0] == "max-memory" {
                if arguments[1] == "off" {
                    console.session.limits.maxMemory = nil
                } else {
                    guard let bytes = EvaluationLimits.parseMemory(arguments[1]) else {
                        return context.error("':set max-memory' needs a size of at least 64M, such as 512M or 4G, or 'off'; not '\(arguments[1])'")
                    }
                    console.session.limits.maxMemory = bytes
                }
            } else if arguments[0] == "max-tuples" {
                guard let n = Int(arguments[1].filter { $0 != "_" && $0 != "," }), n > 0 else {
                    return context.error("':set max-tuples' needs a positive number, not '\(arguments[1])'")
                }
                console.session.limits.maxTuples = n
            } else if arguments[1] == "off" {
                console.session.limits.timeout = nil
            } else {
                guard let timeout = EvaluationLimits.parseTimeout(arguments[1]) else {
                    return context.error("':set timeout' needs a number of seconds or 'off', not '\(arguments[1])'")
                }
                console.session.limits.timeout = timeout
            }
        case "verify-worlds", "timing":
            guard arguments[1] == "on" || arguments[1] == "off" else {
                return context.error("':set \(arguments[0])' needs 'on' or 'off', not '\(arguments[1])'")
            }
            if arguments[0] == "timing" { console.timing = arguments[1] == "on" } else { console.session.verifyWorlds = arguments[1] == "on" }
        default:
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: arguments[0], in: SessionCommand.settings) { notes.append(.init("did you mean '\(near)'?")) }
            return context.error("unknown setting '\(arguments[0])'; the settings are \(DiagnosticRenderer.list(SessionCommand.settings))", notes: notes)
        }
        console.say("\(arguments[0]) is \(arguments[1])")
    }
}

extension SessionCommand {
    static let settings = ["format", "rows", "likelihood", "timing", "max-tuples", "timeout", "max-memory", "verify-worlds"]
}
