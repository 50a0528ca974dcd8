import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

// libFuzzer entry for the lexer and the parser: arbitrary bytes in, and every
// diagnostic must point inside the file and render, and the lexer's fast path
// for ground facts must read exactly what the general path reads.
// `Scripts/fuzz syntax SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "fuzz.rl", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let parsed = Parser.parse(file)
    let general = Parser.parse(file, readsFactsFast: false)
    precondition(parsed.facts.tables == general.facts.tables, "the fast path read other facts than the general path")
    precondition(parsed.statements.map(\.span) == general.statements.map(\.span), "the fast path changed the statements")
    precondition(parsed.diagnostics.map(\.message) == general.diagnostics.map(\.message), "the fast path changed the diagnostics")
    let diagnostics = parsed.diagnostics
    for diagnostic in diagnostics {
        if let span = diagnostic.span {
            precondition(span.start >= 0 && span.start <= span.end && span.end <= size, "span outside the file: \(span.start)..<\(span.end) of \(size)")
        }
    }
    _ = DiagnosticRenderer.render(diagnostics)
    return 0
}
