/// JSON Lines: one object per statement result or diagnostic, each with a
/// `kind`. Numbers are JSON numbers, symbols and strings JSON strings, other
/// values strings in the language's literal syntax.
public struct JSONRenderer: OutputRenderer {
    public init() {}

    public var diagnosticsOnStandardOutput: Bool { true }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            var fields: [(String, String)] = [("kind", JSON.string(diagnostic.severity.rawValue))]
            if let span = diagnostic.span {
                fields += [("file", JSON.string(span.file.path)), ("line", String(span.line)), ("column", String(span.column))]
            }
            fields.append(("message", JSON.string(diagnostic.message)))
            if !diagnostic.notes.isEmpty {
                let notes = diagnostic.notes.map { note in
                    JSON.string(note.span.map { "\($0): \(note.message)" } ?? note.message)
                }
                fields.append(("notes", "[" + notes.joined(separator: ",") + "]"))
            }
            return JSON.object(fields) + "\n"
        }.joined()
    }

    public func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .answer(let answer):
            var fields: [(String, String)] = [("kind", JSON.string("query")), ("query", JSON.string(outcome.bodyText))]
            if answer.columns.isEmpty {
                fields.append(("answer", answer.isYes ? "true" : "false"))
            } else {
                fields.append(("columns", "[" + answer.columns.map(JSON.string).joined(separator: ",") + "]"))
                let rows = answer.rows.map { "[" + $0.map(JSON.value).joined(separator: ",") + "]" }
                fields.append(("rows", "[" + rows.joined(separator: ",") + "]"))
            }
            return JSON.object(fields) + "\n"
        }
    }
}

extension JSONRenderer {
    public func render(_ table: ResultTable) -> String {
        let rows = table.rows.map { "[" + $0.map(JSON.string).joined(separator: ",") + "]" }
        return JSON.object([
            ("kind", JSON.string("table")), ("title", JSON.string(table.title)),
            ("columns", "[" + table.columns.map(JSON.string).joined(separator: ",") + "]"),
            ("rows", "[" + rows.joined(separator: ",") + "]"),
        ]) + "\n"
    }

    public func render(message: String) -> String {
        JSON.object([("kind", JSON.string("message")), ("text", JSON.string(message))]) + "\n"
    }
}

/// Minimal, deterministic JSON writing (fields keep their order).
enum JSON {
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func value(_ value: Value) -> String {
        switch value {
        case .number(let n): return n.decimalString
        case .symbol(let s), .string(let s): return string(s)
        default: return string(value.description)
        }
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
