/// A problem found in the input, kept as a value with its location; it is
/// turned into text only by `DiagnosticRenderer`.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable { case error, warning }

    public struct Note: Sendable, Hashable {
        public let message: String
        public let span: SourceSpan?
        public init(_ message: String, at span: SourceSpan? = nil) {
            self.message = message
            self.span = span
        }
    }

    public let severity: Severity
    public let message: String
    /// nil for problems that belong to no file (a missing file, a usage error).
    public let span: SourceSpan?
    public var notes: [Note]

    public init(_ severity: Severity, _ message: String, at span: SourceSpan?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }

    public static func error(_ message: String, at span: SourceSpan?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: span, notes: notes)
    }

    public static func warning(_ message: String, at span: SourceSpan?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: span, notes: notes)
    }

    public var isError: Bool { severity == .error }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.isError } }

    /// Source order: by file path, then position; errors before warnings at one place.
    public func sortedBySource() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            switch (x.span, y.span) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (p?, q?):
                if p.file.path != q.file.path { return p.file.path < q.file.path }
                if p.start != q.start { return p.start < q.start }
                if x.severity != y.severity { return x.isError }
                return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// An error raised while evaluating (overflow, division by zero, a type
/// mismatch, a limit); it carries the location of the rule that raised it.
public struct EvaluationError: Error, Sendable {
    public let message: String
    public let span: SourceSpan?
    public init(_ message: String, at span: SourceSpan?) {
        self.message = message
        self.span = span
    }
    public var diagnostic: Diagnostic { .error(message, at: span) }

    /// Stopped from outside (Ctrl-C, a timeout): not remembered, asking again may succeed.
    public static let interrupted = EvaluationError("evaluation interrupted; the session is as it was", at: nil, interruption: true)
    public private(set) var isInterruption = false

    init(_ message: String, at span: SourceSpan?, interruption: Bool) {
        self.init(message, at: span)
        isInterruption = interruption
    }

    static func timedOut(after timeout: Duration) -> EvaluationError {
        return EvaluationError("stopped after the time limit of \(EvaluationLimits.seconds(timeout)) s (--timeout); the session is as it was",
                        at: nil, interruption: true)
    }
}

/// The diagnostics of one pass over a file: the first `limit` in full, the
/// rest only counted. A file of millions of bad bytes then holds a hundred
/// messages, not millions (memory linear in the input, with a small constant).
struct DiagnosticLog {
    let limit: Int
    private(set) var kept: [Diagnostic] = []
    private(set) var count = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ diagnostic: Diagnostic) {
        count += 1
        if kept.count < limit { kept.append(diagnostic) }
    }
}
