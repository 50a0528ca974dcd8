import RedlineLanguage
import RedlineEngine
/// `timeline fact from D1 to D2.`: the dates at which the fact starts or
/// stops holding as `today` moves, with everything else as in the current world.
package struct Timeline: Sendable {
    package struct Change: Sendable {
        package let date: Value
        package let holds: Bool
    }
    package let fact: String
    package let from: Value
    package let to: Value
    package let initially: Bool
    package let changes: [Change]
}

extension Session {
    static let maxTimelineDays: Int64 = 3660

    func timeline(of fact: Fact, from: Value, to: Value, span: SourceSpan) throws(EvaluationError) -> Timeline {
        var initially = false
        var previous: Bool?
        var changes: [Timeline.Change] = []
        try eachDay(of: fact.key, from: from, to: to, span: span) { (day, model) throws(EvaluationError) in
            let holds = model.holds(fact)
            if previous == nil {
                initially = holds
            } else if holds != previous {
                changes.append(.init(date: .date(day), holds: holds))
            }
            previous = holds
        }
        return Timeline(fact: fact.description, from: from, to: to, initially: initially, changes: changes)
    }

    /// `timeline renewal_window(K) from D1 to D2.`: for each binding of the
    /// atom's variables, each run of days it holds, as a table (the binding,
    /// `from` and `through`, the first and last day of the run).
    func timeline(of atom: Atom, from: Value, to: Value, span: SourceSpan) throws(EvaluationError) -> QueryAnswer {
        var runs: [[Value]] = []
        var open: [[Value]: Int64] = [:]
        var lastDay: Int64 = 0
        var columns: [String] = []
        try eachDay(of: atom.key, from: from, to: to, span: span) { (day, model) throws(EvaluationError) in
            let answer = try model.query([.positive(atom)])
            columns = answer.columns
            let holding = Set(answer.rows)
            for (binding, start) in open where !holding.contains(binding) {
                runs.append(binding + [.date(start), .date(day - 1)])
                open[binding] = nil
            }
            for binding in holding where open[binding] == nil { open[binding] = day }
            lastDay = day
        }
        for (binding, start) in open { runs.append(binding + [.date(start), .date(lastDay)]) }
        runs.sort { a, b in
            for (x, y) in zip(a, b) where Value.order(x, y) != 0 { return Value.order(x, y) < 0 }
            return false
        }
        return QueryAnswer(columns: columns + ["from", "through"], rows: runs)
    }

    /// Evaluates the current world on each day of a range, on the dependency
    /// cone of `key`. The whole timeline is one statement: its days share the
    /// time limit and the tuple limit.
    private func eachDay(of key: PredicateKey, from: Value, to: Value, span: SourceSpan,
                         _ visit: (Int64, Model) throws(EvaluationError) -> Void) throws(EvaluationError) {
        guard case .date(let first) = from, case .date(let last) = to else {
            throw EvaluationError("'timeline' needs two dates", at: span)
        }
        guard first <= last else { throw EvaluationError("'timeline' needs the first date before the second", at: span) }
        guard last - first <= Session.maxTimelineDays else {
            throw EvaluationError("'timeline' covers at most \(Session.maxTimelineDays) days; narrow the range", at: span)
        }
        let cone = dependencyCone(of: key)
        var derived = 0
        // Only the days where the answer can change are evaluated
        // (TimelineChangeDays.swift); the others keep the day before's model.
        var changeDays: Set<Int64>?
        var previous: Model?
        for day in first...last {
            try limits.check()
            if let previous, let changeDays, !changeDays.contains(day) {
                if verifyWorlds {
                    // The simple path as the oracle: the day evaluated anyway.
                    let fresh = try model(with: currentInterventions, date: .date(day), cone: cone)
                    if Set(fresh.facts(of: key)) != Set(previous.facts(of: key)) {
                        throw EvaluationError("\(Session.worldMismatch) the timeline skipped \(Value.date(day)), where \(key) differs from the day before", at: span)
                    }
                }
                try visit(day, previous)
                continue
            }
            let model = try model(with: currentInterventions, date: .date(day), cone: cone)
            derived += model.tupleCount
            if derived > limits.maxTuples {
                throw EvaluationError("'timeline' derived more than \(limits.maxTuples) tuples over its days; stopped at \(Value.date(day)) (narrow the range, or raise the limit with --max-tuples or :set max-tuples)", at: span)
            }
            // With worlds built from scratch (tests, benchmarks) every day is evaluated.
            if previous == nil, incrementalWorlds { changeDays = self.changeDays(in: cone, model: model) }
            previous = model
            try visit(day, model)
        }
    }
}
