import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let preds = SessionCommand(
        name: "preds", synopsis: ":preds",
        summary: "Lists predicates: name/arity, facts and rules written, tuples in the model (and uncertain facts, when there are any).",
        example: ":preds"
    ) { context in
        let session = context.session
        var facts: [PredicateKey: Int] = [:], rules: [PredicateKey: Int] = [:]
        for clause in session.written.clauses {
            if clause.isFact { facts[clause.head.key, default: 0] += 1 } else { rules[clause.head.key, default: 0] += 1 }
        }
        for (_, table) in session.written.factTables { facts[table.key, default: 0] += table.count }
        var model: Model?
        do throws(EvaluationError) {
            model = try session.model()
        } catch {
            context.console.report([error.diagnostic])
        }
        var uncertain: [PredicateKey: Int] = [:]
        for choice in session.written.uncertain {
            for alternative in choice.alternatives { uncertain[alternative.atom.key, default: 0] += 1 }
        }
        let keys = Set(facts.keys).union(rules.keys).union(uncertain.keys).sorted()
        let rows = keys.map { key in
            [key.description, String(facts[key] ?? 0)] + (uncertain.isEmpty ? [] : [String(uncertain[key] ?? 0)])
                + [String(rules[key] ?? 0), model.map { String($0.count(of: key)) } ?? "?"]
        }
        let columns = ["predicate", "facts"] + (uncertain.isEmpty ? [] : ["uncertain"]) + ["rules", "tuples"]
        context.console.show(ResultTable(title: "", columns: columns, rows: rows))
    }
}
