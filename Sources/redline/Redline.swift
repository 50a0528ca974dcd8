import ArgumentParser
import RedlineCore

#if canImport(Glibc)
import Glibc
#endif

/// The command line. Every command builds a Console around a Session; this
/// target only parses arguments, talks to the terminal and writes the streams.
@main
struct Redline: ParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "redline",
        abstract: "A REPL and batch runner for what-if questions over a Datalog fact base.",
        discussion: """
            With no subcommand, starts the REPL on the bundled scenario (or on FILEs).
            Standard input that is not a terminal is read as a script.
            Exit status: 0 ok, 1 errors in the input, 2 a failed expect, 3 usage.
            """,
        version: version,
        subcommands: [Interactive.self, Run.self, Check.self],
        defaultSubcommand: Interactive.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Output.standard(fullMessage(for: error) + "\n")
                exitProcess(0)
            }
            Output.error(fullMessage(for: error) + "\n")
            exitProcess(ExitStatus.usage.rawValue)
        }
    }
}

struct CommonOptions: ParsableArguments {
    @Option(help: "Output format: text, json (JSON Lines), markdown or dot (Graphviz, for why and what if).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("The evaluation date seen by today(D); default: the system date.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: ArgumentHelp("Stop an evaluation that derives more tuples than this (default \(EvaluationLimits.defaultMaxTuples)).", valueName: "N"))
    var maxTuples: Int?

    @Option(help: ArgumentHelp("Stop a statement that evaluates longer than this many seconds (default: no limit).", valueName: "SECONDS"))
    var timeout: String?

    @Flag(help: "Let files read CSV files and load files outside their own directory (see the trust model in the README).")
    var allowInputAnywhere = false

    func validate() throws {
        if let today, evaluationDate == nil {
            throw ValidationError("--today needs a date written YYYY-MM-DD, not '\(today)'")
        }
        if let maxTuples, maxTuples <= 0 { throw ValidationError("--max-tuples needs a positive number, not \(maxTuples)") }
        if let timeout, EvaluationLimits.parseTimeout(timeout) == nil {
            throw ValidationError("--timeout needs a positive number of seconds (at most 86400), not '\(timeout)'")
        }
    }

    var evaluationDate: Value? {
        guard let today else { return Clock.today() }
        guard let value = Value.parse(today), case .date = value else { return nil }
        return value
    }

    func makeConsole(interactive: Bool) -> Console {
        let session = Session(today: evaluationDate ?? Clock.today(), explicit: today != nil)
        session.limits = EvaluationLimits(maxTuples: maxTuples ?? EvaluationLimits.defaultMaxTuples,
                                          timeout: timeout.flatMap(EvaluationLimits.parseTimeout),
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

extension OutputFormat: ExpressibleByArgument {}

/// `redline [FILE...]`: the REPL, one-shot `-e` statements, or a piped script.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Load the bundled scenario (or FILEs), then read statements: the default command.")

    @Argument(help: "Files to load instead of the bundled scenario.")
    var files: [String] = []

    @Flag(help: "Start with nothing loaded.")
    var empty = false

    @Option(name: .customShort("e"), help: ArgumentHelp("Run one statement and exit; may be repeated.", valueName: "STATEMENT"))
    var statements: [String] = []

    @OptionGroup var options: CommonOptions

    static let bundledScenario = "bundled:ultimatum.rl"

    func validate() throws {
        if empty && !files.isEmpty { throw ValidationError("--empty and FILE arguments exclude each other") }
    }

    func run() throws {
        // `-e` and piped input are scripts; only a terminal gets the prompt.
        let interactive = statements.isEmpty && Terminal.inputIsTerminal
        let console = options.makeConsole(interactive: interactive)
        let knowledge = empty ? [] : files.isEmpty ? [Interactive.bundledScenario] : files
        let loaded = knowledge.isEmpty || console.load(paths: knowledge)
        if !statements.isEmpty {
            guard loaded else { throw ExitCode(ExitStatus.inputErrors.rawValue) }
            for (i, statement) in statements.enumerated() {
                console.submit(statement, name: statements.count == 1 ? "<-e>" : "<-e \(i + 1)>")
            }
        } else if !interactive {
            guard loaded else { throw ExitCode(ExitStatus.inputErrors.rawValue) }
            console.submitStandardInput()
        } else {
            Output.standard(banner(console, knowledge: loaded ? knowledge : []) + "\n")
            REPL(console: console).run()
            return
        }
        if console.status != .ok { throw ExitCode(console.status.rawValue) }
    }

    func banner(_ console: Console, knowledge: [String]) -> String {
        let program = console.session.program
        let what = knowledge.isEmpty
            ? "nothing loaded"
            : "\(knowledge.joined(separator: ", ")): \(program.factCount) facts, \(program.ruleCount) rules"
        return "Redline \(Redline.version) · \(what) · :help for help, Ctrl-D to quit"
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scripts: each file loads, then its statements run in order.")

    @Argument(help: "Script files (*.rl).")
    var scripts: [String]

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Knowledge to load first, as one set (e.g. bundled:ultimatum.rl).", valueName: "FILE"))
    var kb: [String] = []

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print evaluation time, tuple count and relation memory to standard error.")
    var stats = false

    func validate() throws {
        if scripts.isEmpty { throw ValidationError("give at least one script file") }
    }

    func run() throws {
        let console = options.makeConsole(interactive: false)
        if !kb.isEmpty, !console.load(paths: kb) { throw ExitCode(ExitStatus.inputErrors.rawValue) }
        console.runScripts(paths: scripts)
        if stats, let figures = console.session.lastEvaluation { Output.error("redline: \(figures.summary)\n") }
        if console.status != .ok { throw ExitCode(console.status.rawValue) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check files and print diagnostics only; exit status 1 on errors.")

    @Argument(help: "Files to check, loaded in order as one program.")
    var files: [String]

    @OptionGroup var options: CommonOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to check") }
    }

    func run() throws {
        let console = options.makeConsole(interactive: false)
        console.check(paths: files)
        if console.status != .ok { throw ExitCode(console.status.rawValue) }
    }
}
