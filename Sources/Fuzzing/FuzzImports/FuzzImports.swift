import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

#if canImport(Glibc)
import Glibc
#endif

// libFuzzer entry for files that load each other: the input is cut at each
// line "----" into up to four files, a.rl to d.rl, written to the scratch
// directory Scripts/fuzz runs in (they may name each other with `:load`,
// and a CSV file e.csv with `.input`), and a.rl is loaded with the console's
// statements run. Invariants: a rejected load leaves the session empty; an
// accepted one holds each file once; loading the same files into a second
// session gives the same diagnostics and program. `Scripts/fuzz imports SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImports(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var parts: [String] = [""]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "----" { parts.append("") } else { parts[parts.count - 1] += line + "\n" }
    }
    let names = ["a.rl", "b.rl", "c.rl", "d.rl", "e.csv"]
    for (name, part) in zip(names, parts + Array(repeating: "", count: names.count)) { write(name, part) }

    func loadOnce() -> (rendered: String, files: [String], clauses: Int, facts: Int, accepted: Bool) {
        let session = Session(today: .date(20_509))
        let deadline = ContinuousClock.now + .seconds(2)
        session.limits = EvaluationLimits(maxTuples: 20_000, isCancelled: { ContinuousClock.now > deadline })
        var rendered = ""
        let console = Console(session: session) { _, text in rendered += text }
        let accepted = console.load(paths: ["a.rl"])
        let program = session.program
        if !accepted {
            precondition(program.clauses.isEmpty && program.files.isEmpty && program.factCount == 0,
                         "a rejected load changed the program")
        }
        let paths = program.files.map(\.path)
        precondition(Set(paths).count == paths.count, "a file was loaded twice in one load: \(paths)")
        return (rendered, paths, program.clauses.count, program.factCount, accepted)
    }
    let first = loadOnce(), second = loadOnce()
    // Statements may time out at different points; the load itself may not differ.
    precondition(first.files == second.files && first.clauses == second.clauses && first.facts == second.facts
                 && first.accepted == second.accepted, "the same files loaded differently")
    return 0
}

private func write(_ name: String, _ text: String) {
    let descriptor = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
}
