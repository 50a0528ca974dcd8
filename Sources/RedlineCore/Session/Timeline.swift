/// `timeline fact from D1 to D2.`: the dates at which the fact starts or
/// stops holding as `today` moves, with everything else as in the current world.
public struct Timeline: Sendable {
    public struct Change: Sendable {
        public let date: Value
        public let holds: Bool
    }
    public let fact: String
    public let from: Value
    public let to: Value
    public let initially: Bool
    public let changes: [Change]
}

extension Session {
    static let maxTimelineDays: Int64 = 3660

    func timeline(of fact: Fact, from: Value, to: Value, span: SourceSpan) throws(EvaluationError) -> Timeline {
        guard case .date(let first) = from, case .date(let last) = to else {
            throw EvaluationError("'timeline' needs two dates", at: span)
        }
        guard first <= last else { throw EvaluationError("'timeline' needs the first date before the second", at: span) }
        guard last - first <= Session.maxTimelineDays else {
            throw EvaluationError("'timeline' covers at most \(Session.maxTimelineDays) days; narrow the range", at: span)
        }
        let cone = dependencyCone(of: fact.key)
        var initially = false
        var previous: Bool?
        var changes: [Timeline.Change] = []
        // The whole timeline is one statement: its days share the tuple limit.
        var derived = 0
        for day in first...last {
            try limits.check()
            let model = try model(with: currentInterventions, date: .date(day), cone: cone)
            derived += model.tupleCount
            if derived > limits.maxTuples {
                throw EvaluationError("'timeline' derived more than \(limits.maxTuples) tuples over its days; stopped at \(Value.date(day)) (narrow the range, or raise the limit with --max-tuples or :set max-tuples)", at: span)
            }
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
}
