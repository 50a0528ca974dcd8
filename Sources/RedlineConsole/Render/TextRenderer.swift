import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Plain text for people: the statement echoed, then a table of answers
/// (or yes / no), diagnostics with source excerpts.
package struct TextRenderer: TextDiagnosticsRenderer {
    package let options: RenderOptions

    package init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    package func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .answer(let answer):
            var out = options.echo ? outcome.echoText + "\n" : ""
            if answer.columns.isEmpty {
                out += answer.isYes ? paint("yes", Style.green) + "\n" : paint("no", Style.red) + "\n"
            } else if answer.rows.isEmpty {
                out += "no answers\n"
            } else {
                out += table(header: answer.columns, rows: answer.cells(options))
                out += answer.total.map { "first \(answer.rows.count) of \(count($0, answer.noun))\n" } ?? "\(count(answer.rows.count, answer.noun))\n"
            }
            if let note = answer.note { out += note + "\n" }
            return out
        default:
            return report(result, statement: outcome.statement)
        }
    }

    package func render(_ table: ResultTable) -> String {
        let heading = table.title.isEmpty ? "" : paint(table.title, Style.bold) + "\n"
        return heading + (table.rows.isEmpty ? "(none)\n" : self.table(header: table.columns, rows: table.rows))
    }

    package func render(message: String) -> String { message + "\n" }

    func table(header: [String], rows: [[String]]) -> String {
        let layout = TableLayout(header: header, rows: rows, options: options, separatorWidth: 2)
        func line(_ cells: [String], style: String? = nil) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                text += style.map { paint(cell, $0) } ?? cell
                if i < cells.count - 1 { text += String(repeating: " ", count: max(0, layout.widths[i] - cell.count) + 2) }
            }
            return text + "\n"
        }
        var out = line(layout.cells(header), style: Style.bold)
        out += line(layout.widths.map { String(repeating: "-", count: $0) })
        out += layout.rows.map { line($0) }.joined()
        if let more = layout.moreLine { out += more + "\n" }
        return out
    }

    /// ANSI styles; painted text keeps its visible width for alignment.
    enum Style {
        static let bold = "1", red = "31", green = "32", yellow = "33"
    }

    func paint(_ text: String, _ style: String) -> String {
        options.colour ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }
}
