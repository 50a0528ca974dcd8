import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

#if canImport(Glibc)
import Glibc
#endif

/// The command line. Every command builds a Console around a Session; this
/// target only parses arguments, talks to the terminal and writes the streams.
@main
enum Redline {
    static let version = "0.2.0"

    static let commonOptions = [
        OptionSpec(long: "format", short: nil, arity: .single, valueName: "format",
                   help: "Output format: text, json (JSON Lines), markdown, dot (Graphviz, for why and what if) or csv (answers as tables .input reads back).",
                   choices: OutputFormat.allCases.map(\.rawValue), defaultValue: OutputFormat.text.rawValue),
        OptionSpec(long: "today", short: nil, arity: .single, valueName: "YYYY-MM-DD",
                   help: "The evaluation date seen by today(D); default: the system date."),
        OptionSpec(long: "max-tuples", short: nil, arity: .single, valueName: "N",
                   help: "Stop an evaluation that derives more tuples than this (default \(EvaluationLimits.defaultMaxTuples))."),
        OptionSpec(long: "timeout", short: nil, arity: .single, valueName: "SECONDS",
                   help: "Stop a statement that evaluates longer than this many seconds (default: no limit)."),
        OptionSpec(long: "max-memory", short: nil, arity: .single, valueName: "SIZE",
                   help: "Stop loading or evaluating when Redline's memory passes SIZE (512M, 4G; default: half of this machine's memory\(EvaluationLimits.defaultMaxMemory.map { ", \(EvaluationLimits.bytes($0))" } ?? "")), or 'off'."),
        OptionSpec(long: "allow-input-anywhere", short: nil, arity: .flag, valueName: "",
                   help: "Let files read CSV files and load files outside their own directory (see the trust model in the README)."),
    ]

    static let repl = CommandSpec(
        name: "repl", abstract: "Load the bundled scenario (or FILEs), then read statements: the default command.",
        positionalName: "files", positionalHelp: "Files to load instead of the bundled scenario.", positionalRequired: false,
        options: [
            OptionSpec(long: "empty", short: nil, arity: .flag, valueName: "", help: "Start with nothing loaded."),
            OptionSpec(long: "replay", short: nil, arity: .single, valueName: "FILE",
                       help: "Start from a session saved by :save (nothing else loaded): its files, clauses, scenarios and current world."),
            OptionSpec(long: nil, short: "e", arity: .repeated, valueName: "STATEMENT", help: "Run one statement and exit; may be repeated."),
        ] + commonOptions)

    static let run = CommandSpec(
        name: "run", abstract: "Run scripts: each file loads, then its statements run in order.",
        positionalName: "scripts", positionalHelp: "Script files (*.rl).", positionalRequired: true,
        options: [
            OptionSpec(long: "kb", short: nil, arity: .repeated, valueName: "FILE",
                       help: "Knowledge to load first (e.g. bundled:ultimatum.rl); one file per --kb, repeat it for more; all of them as one set."),
        ] + commonOptions + [
            OptionSpec(long: "quiet", short: "q", arity: .flag, valueName: "",
                       help: "Print failed expectations only, then one summary line for them all (for handouts)."),
            OptionSpec(long: "stats", short: nil, arity: .flag, valueName: "",
                       help: "Print evaluation time, tuple count and relation memory to standard error."),
        ])

    static let check = CommandSpec(
        name: "check", abstract: "Check files and print diagnostics only; exit status 1 on errors.",
        positionalName: "files", positionalHelp: "Files to check, loaded in order as one program.", positionalRequired: true,
        options: commonOptions)

    static var rootHelp: String {
        var text = Arguments.wrap("OVERVIEW: A REPL and batch runner for what-if questions over a Datalog fact base.") + "\n\n"
        text += """
            With no subcommand, starts the REPL on the bundled scenario (or on FILEs).
            Standard input that is not a terminal is read as a script.
            Exit status: 0 ok, 1 errors in the input, 2 a failed expect, 3 usage.

            USAGE: redline <subcommand>

            OPTIONS:

            """
        for (label, help) in Arguments.helpOptions { text += Arguments.entry(label, help) }
        text += "\nSUBCOMMANDS:\n"
        for command in [repl, run, check] {
            text += Arguments.entry(command.name + (command.name == repl.name ? " (default)" : ""), command.abstract)
        }
        return text + "\n  See 'redline help <subcommand>' for detailed help."
    }

    static func main() {
        // Past a file-size limit, a write fails (and is reported) rather than killing the process.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--generate-completion-script" {
            guard arguments.count == 2, let script = CompletionScripts.script(for: arguments[1], commands: [repl, run, check]) else {
                Output.error("Error: --generate-completion-script needs one of: \(CompletionScripts.shells.joined(separator: ", "))\n")
                exitProcess(ExitStatus.usage.rawValue)
            }
            Output.standard(script)
            exitProcess(0)
        }
        switch Arguments.parse(arguments, commands: [repl, run, check],
                               defaultCommand: repl.name, rootHelp: { rootHelp }) {
        case .version:
            Output.standard(version + "\n")
        case .help(let text):
            Output.standard(text + "\n")
        case .usageError(let text):
            Output.error(text)
            exitProcess(ExitStatus.usage.rawValue)
        case .run(let command, let arguments):
            let status: Result<ExitStatus, UsageError>
            switch command.name {
            case run.name: status = runScripts(arguments)
            case check.name: status = checkFiles(arguments)
            default: status = interactive(arguments)
            }
            switch status {
            case .success(let code): exitProcess(code.rawValue)
            case .failure(let error):
                Output.error(Arguments.render(error, command: command))
                exitProcess(ExitStatus.usage.rawValue)
            }
        }
    }

    static let bundledScenario = "bundled:ultimatum.rl"

    /// `redline [FILE...]`: the REPL, one-shot `-e` statements, or a piped script.
    static func interactive(_ arguments: ParsedArguments) -> Result<ExitStatus, UsageError> {
        let files = arguments.positionals, statements = arguments.list("e"), empty = arguments.flag("empty")
        let replay = arguments.value("replay")
        if empty && !files.isEmpty { return .failure(UsageError(message: "--empty and FILE arguments exclude each other")) }
        if replay != nil && (empty || !files.isEmpty) {
            return .failure(UsageError(message: "--replay starts from the saved session alone; leave out --empty and FILE arguments"))
        }
        let options: CommonOptions
        switch CommonOptions.from(arguments) {
        case .success(let parsed): options = parsed
        case .failure(let error): return .failure(error)
        }
        // `-e` and piped input are scripts; only a terminal gets the prompt.
        let interactive = statements.isEmpty && Terminal.inputIsTerminal
        let console = options.makeConsole(interactive: interactive)
        let knowledge = replay.map { [$0] } ?? (empty ? [] : files.isEmpty ? [bundledScenario] : files)
        let loaded = knowledge.isEmpty || (replay.map { console.replay(path: $0) } ?? console.load(paths: knowledge))
        if !statements.isEmpty {
            guard loaded else { return .success(.inputErrors) }
            for (i, statement) in statements.enumerated() {
                console.submit(statement, name: statements.count == 1 ? "<-e>" : "<-e \(i + 1)>")
            }
        } else if !interactive {
            guard loaded else { return .success(.inputErrors) }
            console.submitStandardInput()
        } else {
            Output.standard(banner(console, knowledge: loaded ? knowledge : []) + "\n")
            REPL(console: console).run()
            return .success(.ok)
        }
        return .success(console.status)
    }

    static func banner(_ console: Console, knowledge: [String]) -> String {
        let program = console.session.written
        let what = knowledge.isEmpty
            ? "nothing loaded"
            : "\(knowledge.joined(separator: ", ")): \(program.factCount) facts, \(program.ruleCount) rules"
        return "Redline \(version) · \(what) · :help for help, Ctrl-D to quit"
    }

    static func runScripts(_ arguments: ParsedArguments) -> Result<ExitStatus, UsageError> {
        CommonOptions.from(arguments).map { options in
            let console = options.makeConsole(interactive: false)
            console.summarizesPassedExpectations = arguments.flag("quiet")
            let kb = arguments.list("kb")
            if !kb.isEmpty, !console.load(paths: kb) { return .inputErrors }
            console.runScripts(paths: arguments.positionals)
            if arguments.flag("quiet") { console.sayExpectationSummary() }
            if arguments.flag("stats"), let figures = console.session.lastEvaluation { Output.error("redline: \(figures.summary)\n") }
            return console.status
        }
    }

    static func checkFiles(_ arguments: ParsedArguments) -> Result<ExitStatus, UsageError> {
        CommonOptions.from(arguments).map { options in
            let console = options.makeConsole(interactive: false)
            console.check(paths: arguments.positionals)
            return console.status
        }
    }
}

/// The options every command takes, checked.
struct CommonOptions {
    var format = OutputFormat.text
    var today: Value? = nil
    var maxTuples = EvaluationLimits.defaultMaxTuples
    var timeout: Duration? = nil
    var maxMemory = EvaluationLimits.defaultMaxMemory
    var allowInputAnywhere = false

    static func from(_ arguments: ParsedArguments) -> Result<CommonOptions, UsageError> {
        var options = CommonOptions()
        if let format = arguments.value("format") { options.format = OutputFormat(rawValue: format)! }
        if let today = arguments.value("today") {
            guard let value = Value.parse(today), case .date = value else {
                return .failure(UsageError(message: "--today needs a date written YYYY-MM-DD, not '\(today)'"))
            }
            options.today = value
        }
        if let text = arguments.value("max-tuples") {
            guard let number = Int(text) else {
                let option = Redline.commonOptions.first { $0.long == "max-tuples" }!
                return .failure(UsageError(message: "The value '\(text)' is invalid for '\(option.label)'", help: "\(option.label)  \(option.help)"))
            }
            guard number > 0 else { return .failure(UsageError(message: "--max-tuples needs a positive number, not \(number)")) }
            options.maxTuples = number
        }
        if let text = arguments.value("timeout") {
            guard let timeout = EvaluationLimits.parseTimeout(text) else {
                return .failure(UsageError(message: "--timeout needs a positive number of seconds (at most 86400), not '\(text)'"))
            }
            options.timeout = timeout
        }
        if let text = arguments.value("max-memory") {
            if text == "off" {
                options.maxMemory = nil
            } else {
                guard let bytes = EvaluationLimits.parseMemory(text) else {
                    return .failure(UsageError(message: "--max-memory needs a size of at least 64M, such as 512M or 4G, or 'off'; not '\(text)'"))
                }
                options.maxMemory = bytes
            }
        }
        options.allowInputAnywhere = arguments.flag("allow-input-anywhere")
        return .success(options)
    }

    func makeConsole(interactive: Bool) -> Console {
        let session = Session(today: today ?? Clock.today(), explicit: today != nil)
        session.limits = EvaluationLimits(maxTuples: maxTuples, timeout: timeout, maxMemory: maxMemory,
                                          isCancelled: { Interrupts.isPending })
        session.allowFilesAnywhere = allowInputAnywhere
        let options = interactive
            ? RenderOptions(width: Terminal.width, rowLimit: 40, colour: Terminal.wantsColour, echo: false)
            : RenderOptions(colour: Terminal.wantsColour && format != .json)
        return Console(session: session, format: format, options: options) { stream, text in
            switch stream {
            case .output: Output.standard(text)
            case .error: Output.error(text)
            }
        }
    }
}
