import RedlineLanguage
import RedlineEngine
import RedlineSession

/// `--format csv`: answers as tables that `.input` reads back unchanged
/// (CSVOutput): a header row of the query's variables, then a row per answer.
/// `compare` is a table too (an outcome per row, a world per column: `yes`,
/// empty, or the value); a `what if` a table of `change,fact`. Everything
/// else, and every diagnostic, is written as text, on standard error, so
/// standard output holds only tables, one after another with a blank line
/// between them.
package struct CSVRenderer: TextDiagnosticsRenderer {
    package let options: RenderOptions

    package init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    package func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .answer(let answer):
            if answer.columns.isEmpty { return table(["answer"], [[answer.isYes ? "yes" : "no"]]) }
            return table(answer.columns, answer.cells(options, numbers: true, plain: CSVOutput.cell))
        case .comparison(let comparison):
            let rows = comparison.rows.map { row in
                [row.fact.description] + row.holds.indices.map { index in
                    if let values = row.values { return values[index].map(CSVOutput.cell) ?? "" }
                    return row.holds[index] ? "yes" : ""
                }
            }
            return table(["outcome"] + comparison.worlds, rows)
        case .whatIf(let diff):
            let rows = diff.removed.map { ["removed", $0.fact.description] } + diff.added.map { ["added", $0.fact.description] }
            return table(["change", "fact"], rows)
        default:
            // No table: the text form, kept off the tables on standard output.
            return ""
        }
    }

    package func render(_ table: ResultTable) -> String { self.table(table.columns, table.rows) }

    package func render(message: String) -> String { "" }

    func table(_ header: [String], _ rows: [[String]]) -> String {
        CSVOutput.table(header, rows) + "\n"
    }
}
