/// Plain text for people: the statement echoed, then a table of answers
/// (or yes / no), diagnostics with source excerpts.
public struct TextRenderer: OutputRenderer {
    public init() {}

    public var diagnosticsOnStandardOutput: Bool { false }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        DiagnosticRenderer.render(diagnostics)
    }

    public func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .answer(let answer):
            var out = "?- \(outcome.bodyText).\n"
            if answer.columns.isEmpty {
                out += answer.isYes ? "yes\n" : "no\n"
            } else if answer.rows.isEmpty {
                out += "no answers\n"
            } else {
                out += table(header: answer.columns, rows: answer.rows.map { $0.map(\.description) })
                out += "\(answer.rows.count) answer\(answer.rows.count == 1 ? "" : "s")\n"
            }
            return out
        }
    }

    func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return text + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
