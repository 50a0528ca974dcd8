@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

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
    let console = Console(session: session, format: format) { stream, text in
        switch stream {
        case .output: result.output += text
        case .error: result.errors += text
        }
    }
    console.submit(source, name: path)
    result.status = console.status
    return result
}

/// A console on a fresh session whose output is collected, for driving commands.
final class ConsoleHarness {
    var output = ""
    var errors = ""
    let session: Session
    private(set) var console: Console!

    init(today: String = "2026-03-02", format: OutputFormat = .text, options: RenderOptions = RenderOptions()) {
        session = Session(today: Value.parse(today)!)
        console = Console(session: session, format: format, options: options) { [unowned self] stream, text in
            switch stream {
            case .output: self.output += text
            case .error: self.errors += text
            }
        }
    }

    /// Submits an entry and returns what it printed (standard output, standard error).
    @discardableResult
    func enter(_ text: String) -> (output: String, errors: String) {
        let (out, err) = (output.count, errors.count)
        console.submit(text)
        return (String(output.dropFirst(out)), String(errors.dropFirst(err)))
    }
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
