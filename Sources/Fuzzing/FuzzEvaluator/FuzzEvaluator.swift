import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

// libFuzzer entry for the evaluator: a parsed and checked program is
// evaluated, and its statements (queries, what if, why, flips, ...) run,
// under small limits so that one input cannot run away. Every world a
// statement builds is also evaluated from scratch (`Session.verifyWorlds`):
// a difference is a crash. `Scripts/fuzz evaluator SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let session = Session(today: .date(20_509))
    session.limits = FuzzLimits.evaluation()
    session.verifyWorlds = true
    let console = Console(session: session) { stream, text in
        if stream == .error, text.contains(Session.worldMismatch) { fatalError(text) }
    }
    console.submit(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self), name: "fuzz.rl")
    return 0
}

enum FuzzLimits {
    /// Small enough that each input finishes in well under a second.
    static func evaluation() -> EvaluationLimits {
        let deadline = ContinuousClock.now + .seconds(1)
        return EvaluationLimits(maxTuples: 20_000, isCancelled: { ContinuousClock.now > deadline })
    }
}
