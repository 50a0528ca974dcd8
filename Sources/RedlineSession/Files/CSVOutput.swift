import RedlineLanguage

/// CSV as Redline writes it (`--format csv`, `:export`): RFC 4180 rows that
/// `.input` reads back unchanged. Cells are values without the language's
/// marks (money as exact dollars, `1070249055.5`; symbols and strings as
/// their text; dates `2026-02-27`), quoted when they hold a comma, a quote,
/// a line break or edge blanks.
package enum CSVOutput {
    /// A header row and the rows, each line ended by a line feed.
    package static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }

    /// A value as `.input` reads it for the column's type.
    package static func cell(_ value: Value) -> String {
        switch value {
        case .number(let n), .money(let n): return n.decimalString
        case .symbol(let s), .string(let s): return s
        default: return value.description
        }
    }

    package static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " " || text.first == "\t" || text.last == "\t"
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
