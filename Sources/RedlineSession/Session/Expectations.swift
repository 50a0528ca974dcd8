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
        default: return (try? Arithmetic.compare(self, a, b)) ?? false
        }
    }
}

extension Session {
    /// `p(a, X)` for `p(a, 5)`: the atom with its last argument free.
    static func lastArgumentFree(_ atom: Atom) -> Atom {
        Atom(predicate: atom.predicate, args: atom.args.dropLast() + [.variable("Found#", atom.span)], span: atom.span, nameSpan: atom.nameSpan)
    }

    /// For a failed `expect p(a, $5).`, what holds instead: `; found p(a, $4)`.
    func found(like body: [Literal], in model: Model) throws(EvaluationError) -> String {
        guard body.count == 1, case .positive(let atom) = body[0], atom.groundFact != nil, atom.args.count >= 2 else { return "" }
        let answer = try model.query([.positive(Session.lastArgumentFree(atom))])
        guard !answer.rows.isEmpty else { return "" }
        let shown = answer.rows.prefix(3).map { row in
            Fact(atom.predicate, atom.args.dropLast().compactMap(\.groundValue) + [row.last!]).description
        }
        return "; found " + shown.joined(separator: ", ") + (answer.rows.count > 3 ? " and \(answer.rows.count - 3) more" : "")
    }

    func check(_ expectation: Expectation, text: String) throws(EvaluationError) -> ExpectationResult {
        let asked: Set<PredicateKey>
        switch expectation {
        case .holds(let body), .count(let body, _, _): asked = Session.keys(of: body)
        case .fails(let atom), .near(let atom, _): asked = [atom.key]
        }
        let model = try model(answering: asked)
        switch expectation {
        case .holds(let body):
            let answer = try model.query(body)
            guard !answer.isYes else { return ExpectationResult(passed: true, statement: text, detail: nil) }
            return ExpectationResult(passed: false, statement: text, detail: "no answer" + (try found(like: body, in: model)))
        case .near(let atom, let toleranceTerm):
            guard let expected = atom.args.last?.groundValue, let tolerance = toleranceTerm.groundValue else {
                throw EvaluationError("'expect ... within' needs an amount as the atom's last argument and after 'within'", at: atom.span)
            }
            let candidates = try model.query([.positive(Session.lastArgumentFree(atom))])
            var nearest: (Value, Value)?
            var mismatch: Value?
            for row in candidates.rows {
                guard let value = row.last else { continue }
                guard let gap = try? Arithmetic.apply(.subtract, value, expected) else { mismatch = value; continue }
                let distance = Value.order(gap, (try? Arithmetic.negate(gap)) ?? gap) < 0 ? (try? Arithmetic.negate(gap)) ?? gap : gap
                if nearest == nil || Value.order(distance, nearest!.1) < 0 { nearest = (value, distance) }
            }
            // Values of another type than the one written, or a tolerance of
            // another type than their distance: a mistake in the expectation.
            func kind(_ value: Value) -> String { value.isNumber ? "a number" : "\(value.kind.rawValue)" }
            if nearest == nil, let mismatch {
                throw EvaluationError("'expect ... within': \(atom.predicate) holds \(kind(mismatch)) there (\(mismatch)), but \(expected) is \(kind(expected))", at: atom.span)
            }
            guard let (value, distance) = nearest else {
                return ExpectationResult(passed: false, statement: text, detail: "no answer")
            }
            guard distance.kind == tolerance.kind || (distance.isNumber && tolerance.isNumber) else {
                throw EvaluationError("'within' needs a tolerance of the values' type: the distance is \(kind(distance)) (\(distance)), the tolerance \(tolerance) is \(kind(tolerance))", at: toleranceTerm.span)
            }
            let passed = Value.order(distance, tolerance) <= 0
            let fact = Fact(atom.predicate, atom.args.dropLast().compactMap(\.groundValue) + [value])
            return ExpectationResult(passed: passed, statement: text, detail: passed ? nil : "found \(fact), \(distance) away")
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
