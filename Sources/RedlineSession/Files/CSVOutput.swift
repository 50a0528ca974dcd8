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
        // Bytes, not characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let bytes = text.utf8
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes.first ?? 0)
            || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes.last ?? 0)
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
