import RedlineLanguage
import RedlineEngine
import RedlineSession
/// JSON Lines: one object per statement result or diagnostic, each with a
/// `kind`. Numbers are JSON numbers, symbols and strings JSON strings, other
/// values strings in the language's literal syntax.
package struct JSONRenderer: OutputRenderer {
    package init() {}

    package var diagnosticsOnStandardOutput: Bool { true }

    package func render(_ diagnostics: [Diagnostic]) -> String {
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

    package func render(_ outcome: StatementOutcome) -> String {
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
                if let total = answer.total { fields.append(("total", String(total))) }
            }
            if let note = answer.note { fields.append(("note", JSON.string(note))) }
            switch answer.method {
            case .exact(let choices)?:
                fields.append(("method", JSON.object([("kind", JSON.string("exact")), ("choices", String(choices))])))
            case .enumerated(let worlds)?:
                fields.append(("method", JSON.object([("kind", JSON.string("enumerated")), ("worlds", String(worlds))])))
            case .sampled(let worlds, let seed)?:
                fields.append(("method", JSON.object([("kind", JSON.string("sampled")), ("worlds", String(worlds)), ("seed", String(seed))])))
            case nil:
                break
            }
            return JSON.object(fields) + "\n"
        case .note(let text):
            return text.isEmpty ? "" : render(message: text)
        case .whatIf(let diff):
            return JSON.object([
                ("kind", JSON.string("what_if")),
                ("interventions", JSON.array(diff.interventions.map(JSON.string))),
                ("added", JSON.array(diff.added.map { JSON.string($0.fact.description) })),
                ("removed", JSON.array(diff.removed.map { JSON.string($0.fact.description) })),
                ("unchanged", String(diff.unchanged)),
                ("changed", JSON.array(diff.valueChanges.map { change in
                    JSON.object([("key", JSON.string(change.key.description)),
                                 ("before", change.before.map(JSON.value) ?? "null"),
                                 ("after", change.after.map(JSON.value) ?? "null")])
                })),
            ]) + "\n"
        case .comparison(let comparison):
            let rows = comparison.rows.map { row in
                var fields = [("fact", JSON.string(row.fact.description)), ("holds", JSON.array(row.holds.map { $0 ? "true" : "false" }))]
                if let values = row.values {
                    fields.append(("values", JSON.array(values.map { $0.map(JSON.value) ?? "null" })))
                }
                return JSON.object(fields)
            }
            return JSON.object([
                ("kind", JSON.string("compare")), ("worlds", JSON.array(comparison.worlds.map(JSON.string))),
                ("all", comparison.all ? "true" : "false"), ("rows", JSON.array(rows)),
            ]) + "\n"
        case .explanation(let explanation):
            return JSON.object([
                ("kind", JSON.string("why")), ("fact", JSON.string(explanation.fact)),
                ("holds", explanation.root == nil ? "false" : "true"), ("tree", explanation.root.map(node) ?? "null"),
            ]) + "\n"
        case .explanations(let explanations, let matches):
            return JSON.object([
                ("kind", JSON.string("why_matches")), ("matches", String(matches)),
                ("trees", JSON.array(explanations.map { explanation in
                    JSON.object([("fact", JSON.string(explanation.fact)), ("tree", explanation.root.map(node) ?? "null")])
                })),
            ]) + "\n"
        case .absence(let absence):
            return JSON.object([("kind", JSON.string("why_not")), ("fact", JSON.string(absence.fact)), ("tree", node(absence.root))]) + "\n"
        case .flips(let report):
            var fields: [(String, String)] = [
                ("kind", JSON.string("flips")), ("fact", JSON.string(report.fact)), ("holds", report.holdsNow ? "true" : "false"),
                ("sets", JSON.array(report.sets.map { JSON.array($0.changes.map(JSON.string)) })),
                ("sets_found", String(report.setsFound)),
                ("candidates", String(report.candidates)), ("worlds_tried", String(report.worldsTried)),
                ("complete", report.stoppedEarly == nil ? "true" : "false"), ("levers", JSON.array(report.levers.map(JSON.string))),
            ]
            if let stopped = report.stoppedEarly { fields.append(("stopped_early", JSON.string(stopped))) }
            return JSON.object(fields) + "\n"
        case .responsibility(let report):
            let causes = report.causes.map { cause in
                JSON.object([("change", JSON.string(cause.change)), ("responsibility", String(cause.responsibility)),
                             ("with", JSON.array(cause.with.map(JSON.string)))])
            }
            var fields: [(String, String)] = [
                ("kind", JSON.string("responsibility")), ("fact", JSON.string(report.fact)), ("holds", report.holdsNow ? "true" : "false"),
                ("causes", JSON.array(causes)), ("candidates", String(report.candidates)), ("worlds_tried", String(report.worldsTried)),
                ("complete", report.stoppedEarly == nil ? "true" : "false"), ("levers", JSON.array(report.levers.map(JSON.string))),
            ]
            if let stopped = report.stoppedEarly { fields.append(("stopped_early", JSON.string(stopped))) }
            return JSON.object(fields) + "\n"
        case .timeline(let timeline):
            let changes = timeline.changes.map { JSON.object([("date", JSON.string($0.date.description)), ("holds", $0.holds ? "true" : "false")]) }
            return JSON.object([
                ("kind", JSON.string("timeline")), ("fact", JSON.string(timeline.fact)),
                ("from", JSON.string(timeline.from.description)), ("to", JSON.string(timeline.to.description)),
                ("initially", timeline.initially ? "true" : "false"), ("changes", JSON.array(changes)),
            ]) + "\n"
        case .expectation(let result):
            var fields: [(String, String)] = [("kind", JSON.string("expect")), ("passed", result.passed ? "true" : "false"),
                                              ("statement", JSON.string(result.statement))]
            if let detail = result.detail { fields.append(("detail", JSON.string(detail))) }
            return JSON.object(fields) + "\n"
        }
    }

    func node(_ node: ExplanationNode) -> String {
        var fields: [(String, String)] = [("kind", JSON.string(node.kind.rawValue)), ("text", JSON.string(node.text))]
        if let sentence = node.sentence { fields.append(("sentence", JSON.string(sentence))) }
        if let location = node.location { fields.append(("location", JSON.string(location))) }
        if let rule = node.rule { fields.append(("rule", JSON.string(rule))) }
        if !node.bindings.isEmpty {
            fields.append(("bindings", JSON.object(node.bindings.map { ($0.name, JSON.string($0.value)) })))
        }
        if let note = node.note { fields.append(("note", JSON.string(note))) }
        if let number = node.number { fields.append((node.kind == .repeated ? "refers_to" : "number", String(number))) }
        if !node.children.isEmpty { fields.append(("children", JSON.array(node.children.map(self.node)))) }
        return JSON.object(fields)
    }
}

extension JSONRenderer {
    package func render(_ table: ResultTable) -> String {
        let rows = table.rows.map { "[" + $0.map(JSON.string).joined(separator: ",") + "]" }
        return JSON.object([
            ("kind", JSON.string("table")), ("title", JSON.string(table.title)),
            ("columns", "[" + table.columns.map(JSON.string).joined(separator: ",") + "]"),
            ("rows", "[" + rows.joined(separator: ",") + "]"),
        ]) + "\n"
    }

    package func render(message: String) -> String {
        JSON.object([("kind", JSON.string("message")), ("text", JSON.string(message))]) + "\n"
    }
}

/// Minimal, deterministic JSON writing (fields keep their order).
enum JSON {
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func value(_ value: Value) -> String {
        switch value {
        // Money is its exact amount in dollars, a plain JSON number, so that
        // jq and spreadsheets read it as one ($200M is 200000000).
        case .number(let n), .money(let n): return n.decimalString
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
