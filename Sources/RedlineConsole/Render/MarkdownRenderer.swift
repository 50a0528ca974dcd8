import RedlineLanguage
import RedlineEngine
import RedlineSession
/// GitHub-flavoured Markdown, for pasting answers into workshop notes:
/// the statement as code, answers as a pipe table. Diagnostics stay text
/// on standard error.
package struct MarkdownRenderer: TextDiagnosticsRenderer {
    package let options: RenderOptions

    package init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    package func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .answer(let answer):
            var out = "`\(outcome.echoText)`\n\n"
            if answer.columns.isEmpty {
                out += answer.isYes ? "**yes**\n\n" : "**no**\n\n"
            } else if answer.rows.isEmpty {
                out += "_no answers_\n\n"
            } else {
                out += table(header: answer.columns, rows: answer.cells(options))
                out += "\n_" + (answer.total.map { "first \(answer.rows.count) of \(count($0, answer.noun))" } ?? count(answer.rows.count, answer.noun)) + "_\n\n"
            }
            if let note = answer.note { out += "_\(note)_\n\n" }
            return out
        case .note(let text):
            return text.isEmpty ? "" : text + "\n\n"
        case .comparison(let comparison):
            let rows = comparison.rows.map { row in
                [row.fact.description] + (row.values.map { $0.map { $0?.description ?? "–" } } ?? row.holds.map { $0 ? "yes" : "–" })
            }
            return "`\(outcome.echoText)`\n\n" + (rows.isEmpty ? "_no outcome differs_\n\n" : table(header: ["outcome"] + comparison.worlds, rows: rows) + "\n")
        case .expectation(let expectation):
            return (expectation.passed ? "**passed**: " : "**FAILED**: ") + "`\(expectation.statement)`" + (expectation.passed ? "" : expectation.detail.map { " (\($0))" } ?? "") + "\n\n"
        case .responsibility(let report) where !report.causes.isEmpty:
            let rows = report.causes.map { [$0.change, $0.size == 1 ? "1" : "1/\($0.size)", $0.with.isEmpty ? "(alone)" : $0.with.joined(separator: ", ")] }
            return "`\(outcome.echoText)`\n\n" + table(header: ["change", "responsibility", "flips it with"], rows: rows)
                + "\n_\(report.candidates) candidate changes from the rules, \(report.worldsTried) worlds tried; levers: \(report.levers.joined(separator: ", "))_\n\n"
        default:
            // Trees and diffs keep their text layout in a code block.
            var plain = options
            plain.echo = false
            plain.colour = false
            return "`\(outcome.echoText)`\n\n```\n" + TextRenderer(options: plain).report(result, statement: outcome.statement) + "```\n\n"
        }
    }

    package func render(_ table: ResultTable) -> String {
        let heading = table.title.isEmpty ? "" : "**\(table.title)**\n\n"
        return heading + (table.rows.isEmpty ? "_none_\n\n" : self.table(header: table.columns, rows: table.rows) + "\n")
    }

    package func render(message: String) -> String { message + "\n\n" }

    func table(header: [String], rows: [[String]]) -> String {
        // Markdown tables are reflowed by their reader; only the row limit applies.
        let layout = TableLayout(header: header, rows: rows, options: RenderOptions(rowLimit: options.rowLimit), separatorWidth: 3)
        func line(_ cells: [String]) -> String {
            "| " + cells.map(escape).joined(separator: " | ") + " |\n"
        }
        var out = line(header) + "|" + header.map { _ in "---|" }.joined() + "\n"
        out += layout.rows.map(line).joined()
        if let more = layout.moreLine { out += "\n_\(more)_\n" }
        return out
    }

    func escape(_ cell: String) -> String {
        var out = ""
        for ch in cell {
            switch ch {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
