/// The one place where diagnostics become text:
///
///     file:line:col: error: message
///       12 | contract_lost(K) :- ultimatum(U, A, C, roll_back(S), _), keep(C, S).
///          |                                                          ^~~~
///     note: did you mean 'keeps'?
package enum DiagnosticRenderer {
    /// `colour` paints the severity (on a terminal, unless NO_COLOR is set).
    package static func render(_ diagnostic: Diagnostic, colour: Bool = false) -> String {
        var out = ""
        let severity = diagnostic.severity.rawValue
        let label = colour ? "\u{1B}[1;\(diagnostic.isError ? "31" : "35")m\(severity):\u{1B}[0m" : severity + ":"
        // Messages quote what the user wrote (command arguments, names):
        // no control character from it may reach the terminal.
        let message = diagnostic.message.printableForExcerpt()
        if let span = diagnostic.span {
            out += "\(span): \(label) \(message)\n"
            out += excerpt(span)
        } else {
            out += "redline: \(label) \(message)\n"
        }
        for note in diagnostic.notes {
            if let span = note.span {
                out += "\(span): note: \(note.message.printableForExcerpt())\n"
            } else {
                out += "  note: \(note.message.printableForExcerpt())\n"
            }
        }
        return out
    }

    package static func render(_ diagnostics: [Diagnostic], colour: Bool = false) -> String {
        diagnostics.map { render($0, colour: colour) }.joined()
    }

    /// Lines longer than this are shown as a window around the span.
    static let excerptWidth = 100

    static func excerpt(_ span: SourceSpan) -> String {
        let (line, column) = span.file.location(of: span.start)
        var text = Array(span.file.lineText(line).printableForExcerpt())
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let endLocation = span.file.location(of: max(span.start, span.end - 1))
        var width = endLocation.line == line ? max(1, endLocation.column - column + 1) : 1
        var caretColumn = column
        if text.count > excerptWidth {
            // Keep some context before the span and cut the rest with '…'.
            let first = max(0, min(column - 1 - excerptWidth / 3, text.count - excerptWidth))
            let last = min(text.count, first + excerptWidth)
            text = (first > 0 ? ["…"] : []) + Array(text[first..<last]) + (last < text.count ? ["…"] : [])
            caretColumn = column - first + (first > 0 ? 1 : 0)
            width = min(width, text.count - caretColumn + 1)
        }
        let caret = "^" + String(repeating: "~", count: max(0, width - 1))
        return " \(number) | \(String(text))\n \(gutter) | \(String(repeating: " ", count: max(0, caretColumn - 1)))\(caret)\n"
    }

    /// `a`, `a and b`, `a, b and c`.
    package static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension String {
    /// The text with every control character shown as '�' (tabs as a
    /// space): for what a front end echoes of its arguments.
    package var withoutControls: String { printableForExcerpt() }

    /// Tabs become one space, so carets line up with the column numbers, and
    /// other control characters become '�', so a file cannot send escape
    /// sequences to the terminal through an error message.
    func printableForExcerpt() -> String {
        // Nearly every line is printable ASCII: nothing to replace, and no
        // need to walk it as Characters (grapheme breaking is slow).
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        return String(map { character -> Character in
            if character == "\t" { return " " }
            return character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } ? "\u{FFFD}" : character
        })
    }
}
