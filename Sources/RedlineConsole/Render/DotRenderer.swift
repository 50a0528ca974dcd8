import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Graphviz DOT for what a facilitator projects: `why` and `why not` trees
/// and `what if` diffs become graphs; everything else is written as `//`
/// comments, so the output stays one valid DOT stream (`dot -Tsvg`).
package struct DotRenderer: TextDiagnosticsRenderer {
    package let options: RenderOptions

    package init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    package func render(_ outcome: StatementOutcome) -> String {
        guard let result = outcome.result else { return "" }
        switch result {
        case .explanation(let explanation):
            guard let root = explanation.root else { return comment(text(outcome)) }
            return graph(title: outcome.echoText, root: root)
        case .absence(let absence):
            return graph(title: outcome.echoText, root: absence.root)
        case .whatIf(let diff):
            return diffGraph(title: outcome.echoText, diff)
        default:
            return comment(text(outcome))
        }
    }

    package func render(_ table: ResultTable) -> String { comment(TextRenderer(options: plain).render(table)) }

    package func render(message: String) -> String { comment(message + "\n") }

    private var plain: RenderOptions {
        var options = self.options
        options.colour = false
        return options
    }

    private func text(_ outcome: StatementOutcome) -> String { TextRenderer(options: plain).render(outcome) }

    func comment(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "// " + $0 + "\n" }.joined()
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n") + "\""
    }

    func graph(title: String, root: ExplanationNode) -> String {
        var lines = ["digraph why {", "  label=\(Self.quoted(title)); labelloc=t; rankdir=TB;",
                     "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"]
        var counter = 0
        func visit(_ node: ExplanationNode) -> String {
            counter += 1
            let id = "n\(counter)"
            var label = node.sentence.map { "\($0)\n\(node.text)" } ?? node.text
            if let location = node.location { label += "\n\(node.kind.rawValue) at \(location)" } else if node.kind != .rule {
                label += "\n\(node.kind.rawValue)"
            }
            if let note = node.note { label += "\n\(note)" }
            let style: String
            switch node.kind {
            case .rule, .holds: style = ""
            case .fact, .builtin: style = ", style=\"rounded,filled\", fillcolor=\"#eeeeee\""
            case .assumed: style = ", style=\"rounded,filled\", fillcolor=\"#fff3b0\""
            case .absent, .missing, .failure, .blocked, .failedRule: style = ", style=\"rounded,dashed\""
            case .condition, .repeated, .truncated: style = ", shape=plaintext"
            }
            lines.append("  \(id) [label=\(Self.quoted(label))\(style)];")
            for child in node.children {
                let childId = visit(child)
                lines.append("  \(id) -> \(childId);")
            }
            return id
        }
        _ = visit(root)
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    func diffGraph(title: String, _ diff: WorldDiff) -> String {
        var lines = ["digraph what_if {", "  label=\(Self.quoted(title)); labelloc=t; rankdir=LR;",
                     "  node [fontname=\"Helvetica\"];"]
        for (i, intervention) in diff.interventions.enumerated() {
            lines.append("  i\(i) [shape=box, style=filled, fillcolor=\"#fff3b0\", label=\(Self.quoted(intervention))];")
        }
        let changes = diff.added.map { ($0, "+", "#d8f5d0") } + diff.removed.map { ($0, "-", "#f9d0d0") }
        for (j, (change, sign, colour)) in changes.enumerated() {
            let label = sign + " " + change.fact.description + (change.sentence.map { "\n" + $0 } ?? "")
            lines.append("  c\(j) [shape=box, style=\"rounded,filled\", fillcolor=\"\(colour)\", label=\(Self.quoted(label))];")
            for i in diff.interventions.indices { lines.append("  i\(i) -> c\(j);") }
        }
        lines.append("  unchanged [shape=plaintext, label=\(Self.quoted("\(diff.unchanged) outcomes unchanged"))];")
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
