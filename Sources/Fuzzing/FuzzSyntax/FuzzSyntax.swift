import RedlineCore

// libFuzzer entry for the lexer and the parser: arbitrary bytes in, and every
// diagnostic must point inside the file and render. `Scripts/fuzz syntax SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "fuzz.rl", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let (_, diagnostics) = Parser.parse(file)
    for diagnostic in diagnostics {
        if let span = diagnostic.span {
            precondition(span.start >= 0 && span.start <= span.end && span.end <= size, "span outside the file: \(span.start)..<\(span.end) of \(size)")
        }
    }
    _ = DiagnosticRenderer.render(diagnostics)
    return 0
}
