import ArgumentParser
import RedlineCore

#if canImport(Glibc)
import Glibc
#endif

/// The command line. Every command builds a Session and hands it to the
/// library; this target only parses arguments and writes to the streams.
@main
struct Redline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redline",
        abstract: "A REPL and batch runner for scenario questions over a Datalog fact base.",
        discussion: """
            Exit status: 0 ok, 1 errors in the input, 2 a failed expect, 3 usage.
            Standard input that is not a terminal is read as a script.
            """,
        version: "0.1.0",
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

/// `redline [FILE...]`: load the files, then read statements from standard
/// input, with a prompt on a terminal.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Load files, then read statements from standard input (the default command).")

    @Argument(help: "Files to load first.")
    var files: [String] = []

    @OptionGroup var options: CommonOptions

    mutating func run() throws {
        let session = try options.makeSession()
        let runner = ScriptRunner(session: session, format: options.format, writeOutput: Output.standard, writeError: Output.error)
        var status = runner.run(paths: files)
        let interactive = isatty(STDIN_FILENO) != 0
        if interactive {
            Output.error("redline: \(session.program.factCount) facts, \(session.program.ruleCount) rules loaded; type a statement ending in '.', Ctrl-D to quit\n")
        }
        let reader = StatementReader(prompt: interactive ? "redline> " : nil, continuation: interactive ? "     ... " : nil)
        var number = 0
        while let text = reader.next() {
            number += 1
            let loaded = session.load(SourceFile(path: interactive ? "<input \(number)>" : "<stdin>", text: text))
            if !loaded.diagnostics.isEmpty {
                let rendered = options.format.renderer.render(loaded.diagnostics)
                if options.format.renderer.diagnosticsOnStandardOutput { Output.standard(rendered) } else { Output.error(rendered) }
            }
            if !loaded.accepted {
                status = .inputErrors
                continue
            }
            if runner.run(loaded.statements) != .ok { status = .inputErrors }
        }
        if !interactive, status != .ok { throw ExitCode(status.rawValue) }
    }
}

struct CommonOptions: ParsableArguments {
    @Option(help: "Output format: text or json (JSON Lines).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("The evaluation date seen by today(D).", valueName: "YYYY-MM-DD"))
    var today: String?

    func makeSession() throws -> Session {
        var date = Clock.today()
        if let today {
            guard let value = Value.parse(today), case .date = value else {
                throw ValidationError("--today needs a date written YYYY-MM-DD, not '\(today)'")
            }
            date = value
        }
        return Session(today: date)
    }
}

extension OutputFormat: ExpressibleByArgument {}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load each file and run its statements in order; print the results.")

    @Argument(help: "Script files (*.rl).")
    var scripts: [String]

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print evaluation time, tuple count and relation memory to standard error.")
    var stats = false

    func validate() throws {
        if scripts.isEmpty { throw ValidationError("give at least one script file") }
    }

    func run() throws {
        let session = try options.makeSession()
        let runner = ScriptRunner(session: session, format: options.format, writeOutput: Output.standard, writeError: Output.error)
        let status = runner.run(paths: scripts)
        if stats, let figures = session.lastEvaluation { Output.error("redline: \(figures.summary)\n") }
        if status != .ok { throw ExitCode(status.rawValue) }
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
        let session = try options.makeSession()
        let runner = ScriptRunner(session: session, format: options.format, writeOutput: Output.standard, writeError: Output.error)
        let status = runner.check(paths: files)
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
