import RedlineLanguage
import Dispatch
import Glibc

/// Running two halves of one piece of work at once, each on its own core.
/// The callers keep the halves apart: each writes only its own memory and
/// reads what nothing writes meanwhile, and the result is put together in
/// the order one core would have produced it.
enum TwoCores {
    /// False on a machine with one core, where splitting never pays.
    static let available = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1

    /// Runs `body(0)` and `body(1)` at once and returns when both are done.
    /// `body` may capture values that are not `Sendable`: the halves must
    /// not share anything they write.
    static func run(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let work = UnsafeSendable(body)
            DispatchQueue.concurrentPerform(iterations: 2) { half in work.value(half) }
        }
    }
}

/// Hands values that are not `Sendable` to `TwoCores.run`.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
