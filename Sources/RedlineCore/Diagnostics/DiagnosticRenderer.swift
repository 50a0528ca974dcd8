/// The one place where diagnostics become text:
///
///     file:line:col: error: message
///       12 | contract_lost(K) :- ultimatum(U, A, C, roll_back(S), _), keep(C, S).
///          |                                                          ^~~~
///     note: did you mean 'keeps'?
public enum DiagnosticRenderer {
    /// `colour` paints the severity (on a terminal, unless NO_COLOR is set).
    public static func render(_ diagnostic: Diagnostic, colour: Bool = false) -> String {
        var out = ""
        let severity = diagnostic.severity.rawValue
        let label = colour ? "\u{1B}[1;\(diagnostic.isError ? "31" : "35")m\(severity):\u{1B}[0m" : severity + ":"
        if let span = diagnostic.span {
            out += "\(span): \(label) \(diagnostic.message)\n"
            out += excerpt(span)
        } else {
            out += "redline: \(label) \(diagnostic.message)\n"
        }
        for note in diagnostic.notes {
            if let span = note.span {
                out += "\(span): note: \(note.message)\n"
            } else {
                out += "  note: \(note.message)\n"
            }
        }
        return out
    }

    public static func render(_ diagnostics: [Diagnostic], colour: Bool = false) -> String {
        diagnostics.map { render($0, colour: colour) }.joined()
    }

    static func excerpt(_ span: SourceSpan) -> String {
        let (line, column) = span.file.location(of: span.start)
        let text = span.file.lineText(line).replacingTabs()
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let endLocation = span.file.location(of: max(span.start, span.end - 1))
        let width = endLocation.line == line ? max(1, endLocation.column - column + 1) : 1
        let caret = "^" + String(repeating: "~", count: max(0, min(width, 200) - 1))
        return " \(number) | \(text)\n \(gutter) | \(String(repeating: " ", count: column - 1))\(caret)\n"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension String {
    /// Tabs become one space, so carets line up with the column numbers.
    func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
