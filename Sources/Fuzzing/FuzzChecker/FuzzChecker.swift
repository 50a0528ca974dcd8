import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

// libFuzzer entry for the checker: parse, resolve imports, check strata,
// types and safety, without evaluating. A rejected file must leave the
// session exactly as it was. `Scripts/fuzz checker SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChecker(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let session = Session(today: .date(20_509))
    let file = SourceFile(path: "fuzz.rl", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let result = session.load(file)
    _ = DiagnosticRenderer.render(result.diagnostics)
    if !result.accepted {
        precondition(session.program.clauses.isEmpty && session.program.files.isEmpty, "a rejected file changed the program")
    }
    return 0
}
