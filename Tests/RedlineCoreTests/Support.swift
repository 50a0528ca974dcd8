@testable import RedlineCore

/// Runs source text as a script through the library, capturing output.
struct ScriptResult {
    var output = ""
    var errors = ""
    var status = ExitStatus.ok
}

func runScript(_ source: String, format: OutputFormat = .text, today: String = "2026-03-02",
               path: String = "test.rl") -> ScriptResult {
    let session = Session(today: Value.parse(today)!)
    return runScript(source, in: session, format: format, path: path)
}

func runScript(_ source: String, in session: Session, format: OutputFormat = .text, path: String = "test.rl") -> ScriptResult {
    var result = ScriptResult()
    let runner = ScriptRunner(session: session, format: format,
                              writeOutput: { result.output += $0 }, writeError: { result.errors += $0 })
    let loaded = session.load(SourceFile(path: path, text: source))
    let rendered = format.renderer().render(loaded.diagnostics)
    if format.renderer().diagnosticsOnStandardOutput { result.output += rendered } else { result.errors += rendered }
    guard loaded.accepted else {
        result.status = .inputErrors
        return result
    }
    result.status = runner.run(loaded.statements)
    return result
}

/// The answer rows of the single query in `source`, as literal text.
func answers(_ source: String, today: String = "2026-03-02") throws -> [[String]] {
    let session = Session(today: Value.parse(today)!)
    let loaded = session.load(SourceFile(path: "test.rl", text: source))
    guard loaded.accepted else { throw TestFailure(DiagnosticRenderer.render(loaded.diagnostics)) }
    guard let statement = loaded.statements.last else { throw TestFailure("no query") }
    let outcome = session.execute(statement)
    guard case .answer(let answer)? = outcome.result else {
        throw TestFailure(DiagnosticRenderer.render(outcome.diagnostics))
    }
    return answer.rows.map { $0.map(\.description) }
}

func diagnostics(_ source: String) -> [Diagnostic] {
    let session = Session(today: .date(0))
    return session.load(SourceFile(path: "bad.rl", text: source)).diagnostics
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
