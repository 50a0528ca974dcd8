/// Exit statuses of the command line.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case inputErrors = 1
    case failedExpectation = 2
    case usage = 3
}

/// Batch mode: each file in turn is loaded (all-or-nothing) and then its
/// statements run in order. Output goes through the writers, so the
/// library never touches a terminal.
public struct ScriptRunner {
    public let session: Session
    public let renderer: OutputRenderer
    public let writeOutput: (String) -> Void
    public let writeError: (String) -> Void

    public init(session: Session, format: OutputFormat,
                writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.session = session
        self.renderer = format.renderer
        self.writeOutput = writeOutput
        self.writeError = writeError
    }

    private func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = renderer.render(diagnostics)
        if renderer.diagnosticsOnStandardOutput { writeOutput(text) } else { writeError(text) }
    }

    /// `redline run`: loads and runs every file; reports every problem.
    public func run(paths: [String]) -> ExitStatus {
        var status = ExitStatus.ok
        for path in paths {
            let loaded = session.load(path: path)
            report(loaded.diagnostics)
            guard loaded.accepted else {
                status = .inputErrors
                continue
            }
            if run(loaded.statements) == .inputErrors { status = .inputErrors }
        }
        return status
    }

    /// Runs statements of an accepted source.
    public func run(_ statements: [Statement]) -> ExitStatus {
        var status = ExitStatus.ok
        for statement in statements {
            let outcome = session.execute(statement)
            report(outcome.diagnostics)
            writeOutput(renderer.render(outcome))
            if outcome.diagnostics.hasErrors { status = .inputErrors }
        }
        return status
    }

    /// `redline check`: diagnostics only, and a one-line summary.
    public func check(paths: [String]) -> ExitStatus {
        var errors = 0, warnings = 0
        for path in paths {
            let loaded = session.load(path: path)
            report(loaded.diagnostics)
            errors += loaded.diagnostics.count { $0.isError }
            warnings += loaded.diagnostics.count { !$0.isError }
        }
        let program = session.program
        let summary = errors > 0
            ? "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            : "ok: \(paths.count) file\(paths.count == 1 ? "" : "s"), \(program.factCount) facts, \(program.ruleCount) rules, \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        if !renderer.diagnosticsOnStandardOutput { writeError(summary) }
        return errors > 0 ? .inputErrors : .ok
    }
}
