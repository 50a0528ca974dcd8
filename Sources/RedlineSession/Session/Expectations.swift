import RedlineLanguage
import RedlineEngine
/// `expect ...`: an assertion about the current world.
package struct ExpectationResult: Sendable {
    package let passed: Bool
    /// The statement as written.
    package let statement: String
    /// What was found, when it failed (or for a count).
    package let detail: String?
}

extension ComparisonOperator {
    func holds(_ a: Value, _ b: Value) -> Bool {
        let order = Value.order(a, b)
        switch self {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }
}

extension Session {
    func check(_ expectation: Expectation, text: String) throws(EvaluationError) -> ExpectationResult {
        let asked: Set<PredicateKey>
        switch expectation {
        case .holds(let body), .count(let body, _, _): asked = Session.keys(of: body)
        case .fails(let atom): asked = [atom.key]
        }
        let model = try model(answering: asked)
        switch expectation {
        case .holds(let body):
            let answer = try model.query(body)
            return ExpectationResult(passed: answer.isYes, statement: text, detail: answer.isYes ? nil : "no answer")
        case .fails(let atom):
            let answer = try model.query([.positive(atom)])
            let detail = answer.isYes ? (atom.groundFact.map { "\($0) holds" } ?? "\(answer.rows.count) matching") : nil
            return ExpectationResult(passed: !answer.isYes, statement: text, detail: detail)
        case .count(let body, let op, let expected):
            // Each `_` is its own column, as in aggregates: count the distinct matches.
            // `Any#n` variables are answer columns (names starting with `_` are not).
            let found = try model.query(Planner.namingAnonymous(body, prefix: "Any#")).rows.count
            guard let wanted = expected.groundValue else {
                throw EvaluationError("'expect count' needs a number after the comparison", at: expected.span)
            }
            let passed = op.holds(.number(Exact(Int64(found))), wanted)
            return ExpectationResult(passed: passed, statement: text, detail: "found \(found)")
        }
    }
}
