import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

// libFuzzer entry for a sequence of REPL entries: each line (or group of
// lines the REPL would join) is submitted in turn to one console, so
// `:undo`, `:reset`, scenarios and worlds meet in every order. Entries that
// would write or read files are skipped: the fuzzer must not touch the disk.
// `Scripts/fuzz console SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConsole(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let session = Session(today: .date(20_509))
    let deadline = ContinuousClock.now + .seconds(2)
    session.limits = EvaluationLimits(maxTuples: 20_000, isCancelled: { ContinuousClock.now > deadline })
    let console = Console(session: session) { _, _ in }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var entry = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        entry += entry.isEmpty ? String(line) : "\n" + line
        guard InputCompleteness.isComplete(entry) else { continue }
        if !touchesFiles(entry) { console.submit(entry) }
        entry = ""
        if console.quitRequested { return 0 }
    }
    // What is left is an unfinished entry, as at Ctrl-D: it gets its errors too.
    if !entry.isEmpty, !touchesFiles(entry) { console.submit(entry) }
    return 0
}

private func touchesFiles(_ entry: String) -> Bool {
    let statements = Parser.parse(SourceFile(path: "entry", text: entry)).statements
    for case .command(let call) in statements where ["save", "load", "reload"].contains(call.name) { return true }
    return entry.contains(".input")
}
