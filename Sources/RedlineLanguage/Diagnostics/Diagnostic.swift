/// A problem found in the input, kept as a value with its location; it is
/// turned into text only by `DiagnosticRenderer`.
package struct Diagnostic: Sendable, Hashable {
    package enum Severity: String, Sendable { case error, warning }

    package struct Note: Sendable, Hashable {
        package let message: String
        package let span: SourceSpan?
        package init(_ message: String, at span: SourceSpan? = nil) {
            self.message = message
            self.span = span
        }
    }

    package let severity: Severity
    package let message: String
    /// nil for problems that belong to no file (a missing file, a usage error).
    package let span: SourceSpan?
    package var notes: [Note]

    package init(_ severity: Severity, _ message: String, at span: SourceSpan?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }

    package static func error(_ message: String, at span: SourceSpan?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: span, notes: notes)
    }

    package static func warning(_ message: String, at span: SourceSpan?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: span, notes: notes)
    }

    package var isError: Bool { severity == .error }
}

extension Array where Element == Diagnostic {
    package var hasErrors: Bool { contains { $0.isError } }

    /// Source order: by file path, then position; errors before warnings at one place.
    package func sortedBySource() -> [Diagnostic] {
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
package struct EvaluationError: Error, Sendable {
    package let message: String
    package let span: SourceSpan?
    package init(_ message: String, at span: SourceSpan?) {
        self.message = message
        self.span = span
    }
    package var diagnostic: Diagnostic { .error(message, at: span) }

    /// Stopped from outside (Ctrl-C, a timeout): not remembered, asking again may succeed.
    package static let interrupted = EvaluationError("evaluation interrupted; the session is as it was", at: nil, interruption: true)
    package private(set) var isInterruption = false

    package init(_ message: String, at span: SourceSpan?, interruption: Bool) {
        self.init(message, at: span)
        isInterruption = interruption
    }
}

/// The diagnostics of one pass over a file: the first `limit` in full, the
/// rest only counted. A file of millions of bad bytes then holds a hundred
/// messages, not millions (memory linear in the input, with a small constant).
package struct DiagnosticLog {
    package let limit: Int
    package private(set) var kept: [Diagnostic] = []
    package private(set) var count = 0

    package init(limit: Int) { self.limit = limit }

    package mutating func append(_ diagnostic: Diagnostic) {
        count += 1
        if kept.count < limit { kept.append(diagnostic) }
    }
}
