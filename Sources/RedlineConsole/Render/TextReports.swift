import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Plain-text forms of what-if diffs, matrices, explanations, flips,
/// timelines and expectations; the Markdown and DOT renderers reuse them.
extension TextRenderer {
    func report(_ result: StatementResult, statement: Statement) -> String {
        let echo = options.echo ? SourceText.oneLine(statement.span.text) + "\n" : ""
        switch result {
        case .answer:
            return ""
        case .note(let text):
            return text.isEmpty ? "" : text + "\n"
        case .whatIf(let diff):
            return echo + diffLines(diff, indent: "") + "\(count(diff.unchanged, "outcome")) unchanged\n"
        case .comparison(let comparison):
            return echo + matrix(comparison)
        case .explanation(let explanation):
            guard let root = explanation.root else {
                return echo + "\(explanation.fact) does not hold; ask: why not \(explanation.fact).\n"
            }
            var out = echo + tree(root, detailed: true)
            if explanation.hasSentences { out += "In words:\n" + tree(root, detailed: false) }
            return out
        case .explanations(let explanations, let matches):
            guard !explanations.isEmpty else { return echo + "no fact matches; ask: why not with the values you expected\n" }
            var out = echo
            for explanation in explanations {
                guard let root = explanation.root else { continue }
                out += tree(root, detailed: true)
            }
            let rest = matches - explanations.count
            let more = rest == 1 ? "1 more match" : "\(rest) more matches"
            return out + (rest > 0 ? "... and \(more); a query of the same atom lists them all, and 'why' of one explains it\n" : "")
        case .absence(let absence):
            return echo + tree(absence.root, detailed: true)
        case .flips(let report):
            return echo + flips(report)
        case .responsibility(let report):
            return echo + responsibility(report)
        case .timeline(let timeline):
            var out = echo
            if timeline.changes.isEmpty {
                out += "\(timeline.fact) \(timeline.initially ? "holds" : "does not hold") on each date from \(timeline.from) to \(timeline.to)\n"
            } else {
                out += "\(timeline.from)  \(timeline.initially ? "holds" : "does not hold")\n"
                for change in timeline.changes {
                    out += "\(change.date)  \(change.holds ? "starts holding" : "stops holding")\n"
                }
            }
            return out
        case .expectation(let result):
            let detail = result.detail.map { " (\($0))" } ?? ""
            return result.passed ? paint("passed", Style.green) + ": \(result.statement)\(result.passed ? "" : detail)\n"
                : paint("FAILED", Style.red) + ": \(result.statement)\(detail)\n"
        }
    }

    func diffLines(_ diff: WorldDiff, indent: String) -> String {
        // Each list is in fact order already, a run per predicate: only the
        // keys need sorting (comparing values of thousands of facts again
        // showed in profiles).
        let added = WorldDiff.runs(diff.added), removed = WorldDiff.runs(diff.removed)
        // A line: a fact that starts (+) or stops (-) holding, or a valued
        // relation's key whose value changes (~ exposure(c)  $250K → $0).
        var lines: [(fact: Fact, change: String?, sentence: String?, sign: String)] = []
        lines.reserveCapacity(diff.added.count + diff.removed.count)
        let valueChanges = diff.valued.isEmpty ? [:] : Dictionary(grouping: diff.valueChanges, by: \.key.predicate)
        for key in Set(added.keys).union(removed.keys).sorted() {
            var paired = Set<Fact>()
            if diff.valued.contains(key) {
                for change in valueChanges[key.name] ?? [] where change.key.key.arity == key.arity - 1 {
                    let values = "\(change.before?.description ?? "none") → \(change.after?.description ?? "none")"
                    lines.append((change.key, values, change.sentence, "~"))
                    paired.insert(change.key)
                }
            }
            for i in added[key] ?? 0..<0 where !paired.contains(diff.added[i].fact.keyPart) || !diff.valued.contains(key) {
                lines.append((diff.added[i].fact, nil, diff.added[i].sentence, "+"))
            }
            for i in removed[key] ?? 0..<0 where !paired.contains(diff.removed[i].fact.keyPart) || !diff.valued.contains(key) {
                lines.append((diff.removed[i].fact, nil, diff.removed[i].sentence, "-"))
            }
        }
        guard !lines.isEmpty else { return indent + "no outcome changes\n" }
        // `:set rows N` (40 at the prompt) holds a diff of thousands of lines
        // to its first N, and says how many of each kind there are.
        var summary = ""
        if let limit = options.rowLimit, lines.count > limit {
            let counts = Dictionary(grouping: lines, by: \.sign).mapValues(\.count)
            let kinds = [("-", "removed"), ("+", "added"), ("~", "changed value")].compactMap { sign, word in
                counts[sign].map { "\($0) \(word)" }
            }
            summary = indent + "\(count(lines.count, "change")): \(kinds.joined(separator: ", ")); first \(limit) shown (:set rows all shows every one)\n"
            lines = Array(lines.prefix(limit))
        }
        // Sentences line up after the widest fact; without any, no fact is
        // measured, and each is written straight into the output.
        let measured = lines.contains { $0.sentence != nil || $0.change != nil }
        let texts = measured ? lines.map { $0.fact.description + ($0.change.map { "  " + $0 } ?? "") } : []
        let width = texts.map(\.count).max() ?? 0
        // One string grown in place: a what-if can list thousands of changes.
        var out = ""
        out.reserveCapacity(lines.count * (indent.utf8.count + max(width, 16) + 8))
        for (i, line) in lines.enumerated() {
            out += indent
            let colour = line.sign == "+" ? Style.green : line.sign == "-" ? Style.red : Style.yellow
            if options.colour { out += "\u{1B}[\(colour)m" }
            out += line.sign + " "
            if texts.isEmpty {
                line.fact.write(to: &out)
            } else {
                out += texts[i]
                if let sentence = line.sentence { out += String(repeating: " ", count: width - texts[i].count) + "  " + sentence }
            }
            if options.colour { out += "\u{1B}[0m" }
            out += "\n"
        }
        return out + summary
    }

    func matrix(_ comparison: Comparison) -> String {
        guard !comparison.rows.isEmpty else {
            return "no outcome differs between \(comparison.worlds.joined(separator: ", "))\n"
        }
        var out = table(header: ["outcome"] + comparison.worlds, rows: comparison.rows.map { row in
            [row.fact.description] + (row.values.map { $0.map { $0?.description ?? "-" } } ?? row.holds.map { $0 ? "yes" : "-" })
        })
        if !comparison.all {
            out += "\(count(comparison.rows.count, "outcome")) differ; 'all' after 'compare' lists every outcome ('compare all s1, s2.', or 'compare all all.' for every scenario)\n"
        }
        return out
    }

    /// The first lines of a flip search's report, and whether they are all
    /// there is to say (no lever, or no candidate change).
    private func searchOpening(fact: String, holdsNow: Bool, levers: [String], candidates: Int, outcome: String)
        -> (text: String, finished: Bool) {
        let text = "\(fact) \(holdsNow ? "holds" : "does not hold") now.\n"
        if levers.isEmpty {
            return (text + "No lever (.lever) is among the relations it depends on, so no lever change can \(outcome).\n", true)
        }
        if candidates == 0 {
            return (text + "Read back through the rules, it leads to no change of its levers (\(levers.joined(separator: ", "))) that could \(outcome).\n", true)
        }
        return (text, false)
    }

    func flips(_ report: FlipReport) -> String {
        let change = report.holdsNow ? "stop holding" : "hold"
        let opening = searchOpening(fact: report.fact, holdsNow: report.holdsNow, levers: report.levers, candidates: report.candidates,
                                    outcome: "make it \(change)")
        guard !opening.finished else { return opening.text }
        var out = opening.text
        let levers = report.levers.joined(separator: ", ")
        if report.sets.isEmpty {
            if let stopped = report.stoppedEarly {
                out += "No set found among the \(count(report.worldsTried, "world")) tried: the search stopped early (\(stopped)).\n"
            } else {
                out += "No set of up to \(report.maxChanges) of the \(count(report.candidates, "lever change")) the rules suggest makes it \(change).\n"
            }
        } else {
            out += "Smallest sets of lever changes that make it \(change):\n"
            for (i, set) in report.sets.enumerated() {
                out += "\(i + 1). " + set.changes.joined(separator: ", ") + "\n"
                out += diffLines(set.diff, indent: "     ")
            }
            if report.setsFound > report.sets.count {
                out += "(\(report.setsFound) sets found; the first \(report.sets.count) are shown)\n"
            }
            if let stopped = report.stoppedEarly { out += "The search stopped early (\(stopped)): other sets may flip it too.\n" }
        }
        out += "(\(count(report.candidates, "candidate change")) from the rules, \(count(report.worldsTried, "world")) tried; levers: \(levers))\n"
        return out
    }

    func responsibility(_ report: ResponsibilityReport) -> String {
        let opening = searchOpening(fact: report.fact, holdsNow: report.holdsNow, levers: report.levers, candidates: report.candidates,
                                    outcome: "change it")
        guard !opening.finished else { return opening.text }
        var out = opening.text
        let levers = report.levers.joined(separator: ", ")
        if report.causes.isEmpty {
            out += report.stoppedEarly.map { "No cause found among the \(count(report.worldsTried, "world")) tried: the search stopped early (\($0)).\n" }
                ?? "No set of up to \(report.maxChanges) of the \(count(report.candidates, "lever change")) the rules suggest changes it.\n"
        } else {
            out += "Lever changes by their responsibility for it (1: flips it alone; 1/2: with one other change; 1/3: with two):\n"
            out += table(header: ["change", "responsibility", "flips it with"], rows: report.causes.map { cause in
                [cause.change, cause.size == 1 ? "1" : "1/\(cause.size)", cause.with.isEmpty ? "(alone)" : cause.with.joined(separator: ", ")]
            })
            if let stopped = report.stoppedEarly { out += "The search stopped early (\(stopped)): other changes may matter too.\n" }
        }
        out += "(\(count(report.candidates, "candidate change")) from the rules, \(report.notCauses) in no flipping set\(report.stoppedEarly == nil ? "" : " found"); "
        out += "\(count(report.worldsTried, "world")) tried; levers: \(levers))\n"
        return out
    }

    /// A tree with box-drawing branches; `detailed` adds locations, rules
    /// and bindings, otherwise sentences replace facts where they exist.
    func tree(_ root: ExplanationNode, detailed: Bool) -> String {
        var out = ""
        // A source sentence is quoted once per tree; later citations refer back.
        var quoted = Set<String>()
        func cite(_ note: String) -> String {
            guard note.hasPrefix("source "), let colon = note.firstIndex(of: ":") else { return note }
            return quoted.insert(note).inserted ? note : String(note[..<colon]) + " (quoted above)"
        }
        func visit(_ node: ExplanationNode, prefix: String, childPrefix: String) {
            out += prefix + label(node, detailed: detailed) + "\n"
            if detailed {
                let continuation = childPrefix + (node.children.isEmpty ? "   " : "│  ")
                if let note = node.note, node.kind == .fact || node.kind == .rule { out += continuation + cite(note) + "\n" }
                if let rule = node.rule { out += continuation + rule + "\n" }
                if !node.bindings.isEmpty {
                    out += continuation + "with " + node.bindings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "\n"
                }
            }
            for (i, child) in node.children.enumerated() {
                let last = i == node.children.count - 1
                visit(child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
            }
        }
        visit(root, prefix: "", childPrefix: "")
        return out
    }

    func label(_ node: ExplanationNode, detailed: Bool) -> String {
        let text = detailed ? node.text : (node.sentence ?? node.text)
        let location = node.location.map { detailed ? " \($0)" : "" } ?? ""
        let number = node.number.map { "[\($0)] " } ?? ""
        switch node.kind {
        case .fact: return detailed ? "\(text)  fact\(location.isEmpty ? "" : " at" + location)" : text
        case .assumed: return "\(text)  \(node.note ?? "assumed")\(location.isEmpty ? "" : " at" + location)"
        case .builtin: return "\(text)  \(node.note ?? "built in")"
        case .rule: return detailed ? "\(text)  \(number)rule at\(location)" : text
        case .absent: return !detailed && node.sentence != nil ? text : "\(text)  (\(node.note ?? "absent"))"
        case .condition: return "\(text)  (true)"
        case .repeated: return "\(text)  (shown above as [\(node.number ?? 0)])"
        case .truncated: return "\(text)  … \(node.note ?? "")"
        case .missing: return "\(text) does not hold\(node.note.map { ": " + $0 } ?? "")"
        case .failedRule:
            return "rule at\(location)\(detailed ? "" : "")\(node.note.map { " (\($0))" } ?? "")"
        case .failure, .blocked, .holds:
            return "\(text): \(node.note ?? "")\(location.isEmpty ? "" : " (at" + location + ")")"
        }
    }
}
