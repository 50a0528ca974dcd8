import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Exit statuses of the command line.
package enum ExitStatus: Int32, Sendable, Comparable {
    case ok = 0
    case inputErrors = 1
    case failedExpectation = 2
    case usage = 3

    /// Which status wins when several things went wrong: input errors first.
    private var severity: Int {
        switch self {
        case .ok: return 0
        case .failedExpectation: return 1
        case .inputErrors: return 2
        case .usage: return 3
        }
    }

    package static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.severity < b.severity }
}

package enum ConsoleStream: Sendable {
    case output, error
}

/// Everything a front end does with a session, without a terminal: runs
/// typed entries, scripts and `:commands`, and renders what they produce.
/// The REPL, `run`, `check`, `-e` and piped input all go through here.
package final class Console {
    package let session: Session
    package var format: OutputFormat
    package var options: RenderOptions
    package var timing = false
    /// The worst outcome so far, for the exit status of batch runs.
    package private(set) var status: ExitStatus = .ok
    package private(set) var quitRequested = false
    let write: (ConsoleStream, String) -> Void
    private var entryNumber = 0
    /// While loading knowledge, one-line notes (scenario defined, today is ...)
    /// are not printed; answers, expectations and errors still are.
    private var quiet = false
    /// The script of `redline run` running now: its own `:export` lines may write files.
    private(set) var runningScript: String?
    /// `run --quiet`: a passed `expect` prints nothing (a failed one still
    /// does), and `expectationSummary()` gives one line for them all.
    package var summarizesPassedExpectations = false
    /// `:reload` running the files' statements again: a scenario they define
    /// again is not news.
    private var rerunning = false
    package private(set) var expectationsPassed = 0
    package private(set) var expectationsFailed = 0

    package init(session: Session, format: OutputFormat = .text, options: RenderOptions = RenderOptions(),
                write: @escaping (ConsoleStream, String) -> Void) {
        self.session = session
        self.format = format
        self.options = options
        self.write = write
        session.commandRefusalInFiles = { [weak self] call in self?.refusalInFile(call) }
    }

    /// Why `call` may not run from a file, if it may not: loading a file
    /// never writes a file, ends or discards the session, or lifts a limit;
    /// a script of `redline run` may `:export` (below its own folder).
    func refusalInFile(_ call: CommandCall) -> String? {
        guard let command = CommandTable.command(named: call.name) else { return nil }
        if command.promptOnly { return "':\(command.name)' works only at the prompt, not in a file" }
        if command.name == "export", call.span.file.path != runningScript {
            return "':export' runs at the prompt and in scripts of 'redline run', not in a loaded file"
        }
        if command.name == "set", let setting = call.arguments.first, ["max-tuples", "timeout", "max-memory"].contains(setting) {
            return "':set \(setting)' works only at the prompt or on the command line, not in a file"
        }
        return nil
    }

    var renderer: OutputRenderer { format.renderer(options) }

    func note(_ status: ExitStatus) {
        self.status = max(self.status, status)
    }

    func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let renderer = self.renderer
        write(renderer.diagnosticsOnStandardOutput ? .output : .error, renderer.render(diagnostics))
        if diagnostics.hasErrors { note(.inputErrors) }
    }

    func say(_ message: String) {
        guard !quiet else { return }
        write(format == .csv ? .error : .output, format == .csv ? message + "\n" : renderer.render(message: message))
    }

    func show(_ table: ResultTable) {
        write(.output, renderer.render(table))
    }

    // MARK: - Front ends

    /// `redline FILE...`, `--kb`, `:load`: one all-or-nothing set, then the
    /// files' statements, without their one-line notes.
    @discardableResult
    package func load(paths: [String]) -> Bool {
        let loaded = session.load(paths: paths)
        report(loaded.diagnostics)
        guard loaded.accepted else { return false }
        runQuietly(loaded.statements, checkedAt: loaded.checkedAt)
        return true
    }

    /// `:replay FILE`, `redline --replay FILE`: a script written by `:save`,
    /// loaded as the user's own. Its `:load` lines name files anywhere (they
    /// are the files the user loaded, by absolute path) and its `use` and
    /// `assume` set the session's current world. All-or-nothing like a load.
    @discardableResult
    package func replay(path: String) -> Bool {
        let confined = !session.allowFilesAnywhere
        session.allowFilesAnywhere = true
        let loaded = session.load(paths: [path])
        session.allowFilesAnywhere = !confined
        report(loaded.diagnostics)
        guard loaded.accepted else { return false }
        let wasQuiet = quiet
        quiet = true
        defer { quiet = wasQuiet }
        // The files it loads keep their worlds to themselves, as ever.
        let script = FileReading.displayPath(path)
        let imported = loaded.statements.filter { $0.span.file.path != script }
        session.inAWorldOfTheFilesOwn { run(imported, fromFile: true) }
        run(loaded.statements.filter { $0.span.file.path == script }, fromFile: true, checkedAt: loaded.checkedAt)
        return true
    }

    /// A loaded file's statements, without their one-line notes (but for a
    /// scenario the file redefines), in a world of the file's own.
    /// `checkedAt`: the program version the load checked them against, so
    /// they are not checked again while it stands.
    func runQuietly(_ statements: [Statement], checkedAt: Int? = nil) {
        let wasQuiet = quiet
        quiet = true
        defer { quiet = wasQuiet }
        session.inAWorldOfTheFilesOwn { run(statements, fromFile: true, checkedAt: checkedAt) }
    }

    /// `redline run`: each script starts from the loaded knowledge and its
    /// scenarios and runs on its own: its clauses, scenarios, date and world
    /// end with it. A failed one does not stop the next.
    package func runScripts(paths: [String]) {
        defer { runningScript = nil }
        for path in paths {
            runningScript = FileReading.displayPath(path)
            session.isolated {
                let loaded = session.load(path: path)
                report(loaded.diagnostics)
                if loaded.accepted { session.inAWorldOfTheFilesOwn { run(loaded.statements, fromFile: true, checkedAt: loaded.checkedAt) } }
            }
        }
    }

    /// `:reload`: the files' `expect` lines again, failures in full and the
    /// passes as one line, in a world of the files' own.
    func checkExpectationsAgain(_ expectations: [Statement]) {
        guard !expectations.isEmpty else { return }
        let (passed, failed) = (expectationsPassed, expectationsFailed)
        let summarizing = summarizesPassedExpectations
        summarizesPassedExpectations = true
        rerunning = true
        session.inAWorldOfTheFilesOwn(reloading: true) { runQuietly(expectations) }
        rerunning = false
        summarizesPassedExpectations = summarizing
        let nowPassed = expectationsPassed - passed, nowFailed = expectationsFailed - failed
        say("expect: \(nowPassed) passed" + (nowFailed > 0 ? ", \(nowFailed) failed" : ""))
    }

    /// One line for the expectations run so far (`run --quiet`): "expect: 10
    /// passed, 1 failed"; nothing when there were none.
    package func sayExpectationSummary() {
        let total = expectationsPassed + expectationsFailed
        guard total > 0 else { return }
        var line = "expect: \(expectationsPassed) passed"
        if expectationsFailed > 0 { line += ", \(expectationsFailed) failed" }
        write(format == .csv ? .error : .output, format == .csv ? line + "\n" : renderer.render(message: line))
    }

    /// `redline check`: diagnostics and a one-line summary, no evaluation.
    package func check(paths: [String]) {
        var errors = 0, warnings = 0
        for path in paths {
            let loaded = session.load(path: path)
            report(loaded.diagnostics)
            errors += loaded.diagnostics.count { $0.isError }
            warnings += loaded.diagnostics.count { !$0.isError }
        }
        let program = session.written
        let summary = errors > 0
            ? "\(count(errors, "error")), \(count(warnings, "warning"))\n"
            : "ok: \(count(paths.count, "file")), \(count(program.factCount, "fact")), \(count(program.ruleCount, "rule")), \(count(warnings, "warning"))\n"
        if !renderer.diagnosticsOnStandardOutput { write(.error, summary) }
    }

    /// One entry typed at the prompt, given with `-e`, or piped in: statements
    /// and clauses (loaded all-or-nothing), or `:commands`.
    package func submit(_ text: String, name: String? = nil) {
        entryNumber += 1
        submit(SourceFile(path: name ?? "<input \(entryNumber)>", text: text))
    }

    /// Piped standard input, as one entry. Read as bytes, so bad UTF-8 is
    /// reported rather than replaced, and within the size limit for files.
    package func submitStandardInput() {
        switch FileReading.read("/dev/stdin") {
        case .success(let bytes): submit(SourceFile(path: "<stdin>", bytes: bytes))
        case .failure(let failure): report([.error("cannot read standard input: \(failure.reason)", at: nil)])
        }
    }

    private func submit(_ file: SourceFile) {
        let text = String(decoding: file.bytes, as: UTF8.self)
        // Parsed once, here, and the same parse loaded: commands alone run
        // as commands, so a typed `:load` is recorded as a source.
        let parsed = session.parse(file)
        if parsed.diagnostics.isEmpty, parsed.facts.isEmpty, !parsed.statements.isEmpty,
           parsed.statements.allSatisfy({ if case .command = $0 { true } else { false } }) {
            for case .command(let call) in parsed.statements { run(call, fromFile: false) }
            return
        }
        session.undoable(Console.label(for: text)) {
            let loaded = session.load(file, parsed: parsed)
            report(loaded.diagnostics)
            if loaded.accepted { run(loaded.statements, fromFile: false, checkedAt: loaded.checkedAt) }
        }
    }

    /// Runs the statements of an accepted source in order.
    func run(_ statements: [Statement], fromFile: Bool, checkedAt: Int? = nil) {
        for statement in statements {
            if quitRequested { return }
            if case .command(let call) = statement {
                run(call, fromFile: fromFile)
                continue
            }
            let clock = ContinuousClock()
            let started = clock.now
            let evaluationsBefore = (count: session.evaluationCount, seconds: session.evaluationSeconds,
                                     tuples: session.evaluationTuples)
            let redefinesAScenario = Console.redefinesAScenario(statement, in: session)
            let outcome = session.execute(statement, checkedAt: checkedAt)
            report(outcome.diagnostics)
            if quiet, case .note? = outcome.result, !redefinesAScenario || rerunning { continue }
            if case .expectation(let expectation)? = outcome.result {
                if expectation.passed { expectationsPassed += 1 } else { expectationsFailed += 1 }
                if !expectation.passed { note(.failedExpectation) }
                if expectation.passed && summarizesPassedExpectations { continue }
            }
            let rendered = renderer.render(outcome)
            // CSV holds tables only: any other result goes to standard
            // error as text, where nothing of it is lost.
            if rendered.isEmpty, format == .csv {
                write(.error, TextRenderer(options: options).render(outcome))
            } else {
                write(.output, rendered)
            }
            if timing {
                // The program's evaluation apart from the statement's own
                // work: a first question pays for the model later ones reuse.
                let total = clock.now - started
                var line = "time: \(Console.milliseconds(total))"
                if session.evaluationCount != evaluationsBefore.count {
                    let evaluation = session.evaluationSeconds - evaluationsBefore.seconds
                    let own = max(0, Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18 - evaluation)
                    line += ": evaluating the program \(Console.milliseconds(evaluation))"
                        + " (\(count(session.evaluationTuples - evaluationsBefore.tuples, "tuple"))),"
                        + " the statement \(Console.milliseconds(own))"
                }
                write(.error, line + "\n")
            }
        }
    }

    /// Runs a `:command`. In a file only commands that neither write nor
    /// discard anything are allowed: loading a file must not change more than the program.
    func run(_ call: CommandCall, fromFile: Bool) {
        guard let command = CommandTable.command(named: call.name) else {
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: call.name, in: CommandTable.all.map(\.name)) {
                notes.append(.init("did you mean ':\(near)'?"))
            }
            notes.append(.init(":help lists the commands"))
            report([.error("unknown command ':\(call.name)'", at: call.span, notes: notes)])
            return
        }
        if fromFile, let refusal = refusalInFile(call) {
            report([.error(refusal, at: call.span)])
            return
        }
        let context = CommandContext(console: self, call: call, fromFile: fromFile)
        if command.changesSession && !fromFile {
            let label = call.argumentText.isEmpty ? ":\(call.name)" : ":\(call.name) \(call.argumentText)"
            session.undoable(label) { command.run(context) }
        } else {
            command.run(context)
        }
    }

    func requestQuit() { quitRequested = true }

    /// A file that redefines a scenario the session has says so even when
    /// its notes are not shown: the world someone compares has changed.
    static func redefinesAScenario(_ statement: Statement, in session: Session) -> Bool {
        guard case .scenario(let name, _, _, _) = statement else { return false }
        return session.scenario(named: name) != nil
    }

    // MARK: - Helpers

    static func label(for text: String) -> String {
        let line = text.split(separator: "\n").first.map { String($0).trimmingBlanks() } ?? ""
        // Long enough to tell entries apart in :undo's message; one line.
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }

    static func milliseconds(_ duration: Duration) -> String {
        milliseconds(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    static func milliseconds(_ seconds: Double) -> String {
        "\((seconds * 100_000).rounded() / 100) ms"
    }
}

