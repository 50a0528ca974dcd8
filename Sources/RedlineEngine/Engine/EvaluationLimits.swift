import RedlineLanguage
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Bounds on one evaluation, and on one load; exceeding one is an error, never a crash.
package struct EvaluationLimits: Sendable {
    /// Tuples in all relations together, and in one round's staging.
    package var maxTuples: Int
    /// Polled during evaluation; true stops it (Ctrl-C).
    package var isCancelled: @Sendable () -> Bool
    /// `--timeout`: how long one statement may evaluate; nil for no limit.
    package var timeout: Duration?
    /// `--max-memory`: the resident memory of the process past which
    /// evaluation and loading stop; nil for no limit.
    package var maxMemory: Int?
    /// Armed by the session for the statement being run; shared by every
    /// model built meanwhile, so a cached model carries no stale deadline.
    package let deadline = Deadline()

    package static let defaultMaxTuples = 100_000_000
    /// Half of the machine's memory: enough for any program of the stated
    /// limits, and a runaway one leaves the machine usable.
    package static let defaultMaxMemory: Int? = ResidentMemory.physical.map { $0 / 2 }

    package init(maxTuples: Int = EvaluationLimits.defaultMaxTuples, timeout: Duration? = nil,
                maxMemory: Int? = EvaluationLimits.defaultMaxMemory,
                isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.maxTuples = maxTuples
        self.timeout = timeout
        self.maxMemory = maxMemory
        self.isCancelled = isCancelled
    }

    /// What stops a running statement or load from outside its own logic.
    package enum Stop: Sendable, Equatable {
        case interrupted
        case timedOut(Duration)
        case outOfMemory(limit: Int)

        /// Why, as the end of a sentence ("loading x.rl ...").
        package var reason: String {
            switch self {
            case .interrupted: return "was interrupted"
            case .timedOut(let timeout): return "stopped after the time limit of \(EvaluationLimits.seconds(timeout)) s (--timeout)"
            case .outOfMemory(let limit):
                return "stopped: more than \(EvaluationLimits.bytes(limit)) of memory in use (--max-memory)"
            }
        }

        var error: EvaluationError {
            switch self {
            case .interrupted: return .interrupted
            case .timedOut(let timeout): return .timedOut(after: timeout)
            case .outOfMemory(let limit):
                return EvaluationError("more than \(EvaluationLimits.bytes(limit)) of memory in use; stopped (raise the limit with --max-memory or :set max-memory); the session is as it was",
                                       at: nil, interruption: true)
            }
        }
    }

    /// Why the statement or load must stop now, if it must. Memory is read
    /// at most every 2 ms (reading it is a system call or three).
    package func stop() -> Stop? {
        if isCancelled() { return .interrupted }
        let now = ContinuousClock.now
        if let end = deadline.end, now > end, let timeout { return .timedOut(timeout) }
        if let maxMemory, deadline.memoryReadingIsDue(now), let used = ResidentMemory.bytes(), used > maxMemory {
            return .outOfMemory(limit: maxMemory)
        }
        return nil
    }

    /// Throws when the user interrupted or the statement ran out of time or memory.
    package func check() throws(EvaluationError) {
        if let stop = stop() { throw stop.error }
    }

    /// `5`, `0.5` or `5s`: a positive number of seconds, at most a day.
    /// Plain decimal seconds only (`2`, `0.5`): Swift's `Double` would also
    /// take `0x10`, `1e3` and `inf`.
    package static func parseTimeout(_ text: String) -> Duration? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let seconds = Double(text), seconds > 0, seconds <= 86_400 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// `512M`, `4G`, `4GiB` or a plain number of bytes; binary units, at least 64 MiB.
    package static func parseMemory(_ text: String) -> Int? {
        var digits = Substring(text.uppercased())
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.hasSuffix("B") { digits = digits.dropLast() }
        var scale = 1
        if let unit = digits.last, let power = ["K": 10, "M": 20, "G": 30, "T": 40][String(unit)] {
            scale = 1 << power
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow || bytes < 64 << 20 ? nil : bytes
    }

    package static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
    }

    /// `12 GiB`, `512 MiB`: whole units where they are whole, else one decimal.
    package static func bytes(_ count: Int) -> String {
        for (unit, power) in [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)] where count >= 1 << power {
            let value = Double(count) / Double(1 << power)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(count) bytes"
    }

    func tooManyTuples() -> EvaluationError {
        EvaluationError("more than \(maxTuples) tuples derived; stopped (raise the limit with --max-tuples or :set max-tuples)", at: nil)
    }
}

/// When the running statement must stop. A class so that copies of the
/// limits (in models, in the executor) all see the session arm and disarm it.
package final class Deadline: @unchecked Sendable {
    // Only the session's thread writes it.
    private(set) var end: ContinuousClock.Instant?
    /// Starts a statement or a load: its time limit counts from now, and
    /// its first poll reads memory.
    package func arm(_ timeout: Duration?) {
        end = timeout.map { ContinuousClock.now + $0 }
        memoryReadAt.store(Int.min, ordering: .relaxed)
    }

    package func disarm() { end = nil }

    /// When memory was last read, in milliseconds since `origin`; either core may poll.
    private let memoryReadAt = Atomic<Int>(Int.min)
    private static let origin = ContinuousClock.now

    func memoryReadingIsDue(_ now: ContinuousClock.Instant) -> Bool {
        let milliseconds = Int((now - Deadline.origin) / .milliseconds(1))
        let last = memoryReadAt.load(ordering: .relaxed)
        guard last == Int.min || milliseconds - last >= 2 else { return false }
        memoryReadAt.store(milliseconds, ordering: .relaxed)
        return true
    }
}

/// The memory this process holds in RAM, from /proc/self/statm; nil where
/// that file is missing (the memory limit then goes unchecked).
enum ResidentMemory {
    static func bytes() -> Int? {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 96)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        // "size resident shared text lib data dirty", in pages.
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }

    static var physical: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        return pages > 0 ? pages * sysconf(Int32(_SC_PAGESIZE)) : nil
    }
}

extension EvaluationError {
    static func timedOut(after timeout: Duration) -> EvaluationError {
        return EvaluationError("stopped after the time limit of \(EvaluationLimits.seconds(timeout)) s (--timeout); the session is as it was",
                        at: nil, interruption: true)
    }
}
