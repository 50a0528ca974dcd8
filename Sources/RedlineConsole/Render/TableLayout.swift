import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Fits rows of cells to a width and a row limit; shared by the text and
/// Markdown renderers.
struct TableLayout {
    let header: [String]
    let rows: [[String]]
    let hiddenRows: Int
    let widths: [Int]

    init(header: [String], rows: [[String]], options: RenderOptions, separatorWidth: Int) {
        self.header = header
        var shown = rows
        var hidden = 0
        if let limit = options.rowLimit, rows.count > limit {
            shown = Array(rows.prefix(limit))
            hidden = rows.count - limit
        }
        var widths = header.map(\.count)
        for row in shown {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        // Narrow the widest column until the table fits; columns keep at least 6 characters.
        if let width = options.width, !widths.isEmpty {
            let separators = separatorWidth * (widths.count - 1)
            while widths.reduce(0, +) + separators > width {
                guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 else { break }
                widths[widest] -= 1
            }
        }
        self.widths = widths
        self.rows = shown.map { row in row.enumerated().map { TableLayout.fit($0.element, widths[min($0.offset, widths.count - 1)]) } }
        self.hiddenRows = hidden
    }

    static func fit(_ cell: String, _ width: Int) -> String {
        cell.count <= width ? cell : String(cell.prefix(max(0, width - 1))) + "…"
    }

    func cells(_ row: [String]) -> [String] {
        row.enumerated().map { TableLayout.fit($0.element, widths[min($0.offset, widths.count - 1)]) }
    }

    var moreLine: String? {
        hiddenRows == 0 ? nil : "… \(hiddenRows) more row\(hiddenRows == 1 ? "" : "s") not shown (:set rows all shows every row)"
    }
}
