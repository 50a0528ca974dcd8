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
        let atom = Atom(predicate: fact.key.name, args: fact.values.map { .constant($0, span) }, span: span, nameSpan: span)
        try eachDay(of: atom, from: from, to: to, span: span) { (day, rows) throws(EvaluationError) in
            let holds = !rows.isEmpty
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
        for (name, _) in atom.variables where !columns.contains(name) { columns.append(name) }
        try eachDay(of: atom, from: from, to: to, span: span) { (day, holding) throws(EvaluationError) in
            for (binding, start) in open where !holding.contains(binding) {
                runs.append(binding + [.date(start), .date(day - 1)])
                open[binding] = nil
            }
            for binding in holding where open[binding] == nil { open[binding] = day }
            lastDay = day
        }
        for (binding, start) in open { runs.append(binding + [.date(start), .date(lastDay)]) }
        // In the order of time: by the first day of each run, then by the binding.
        runs.sort { a, b in
            let (fromA, fromB) = (a[a.count - 2], b[b.count - 2])
            if Value.order(fromA, fromB) != 0 { return Value.order(fromA, fromB) < 0 }
            for (x, y) in zip(a, b) where Value.order(x, y) != 0 { return Value.order(x, y) < 0 }
            return false
        }
        return QueryAnswer(columns: columns + ["from", "through"], rows: runs)
    }

    /// What a timeline evaluates each day: the goal-directed rewriting of
    /// the asked atom (`MagicSets`) when there is one and no intervention
    /// touches a derived relation, else the atom's dependency cone.
    private struct DayQuestion {
        let program: Program
        let analysis: ProgramAnalysis
        let cone: Set<PredicateKey>
        let atom: Atom
        let isGoalDirected: Bool
    }

    private func dayQuestion(for atom: Atom) -> DayQuestion {
        // With worlds built from scratch (tests, benchmarks), the simple path.
        guard incrementalWorlds else {
            return DayQuestion(program: program, analysis: analysis, cone: dependencyCone(of: atom.key), atom: atom,
                               isGoalDirected: false)
        }
        let derived = Set(program.clauses.filter { !$0.isFact }.map(\.head.key))
        if !currentInterventions.contains(where: { derived.contains($0.atom.key) }),
           let rewritten = MagicSets.rewrite(atom, in: program) {
            let (checked, diagnostics) = Checker.check(rewritten.program)
            if !diagnostics.hasErrors {
                return DayQuestion(program: rewritten.program, analysis: checked, cone: rewritten.keys,
                                   atom: rewritten.query, isGoalDirected: true)
            }
        }
        return DayQuestion(program: program, analysis: analysis, cone: dependencyCone(of: atom.key), atom: atom,
                           isGoalDirected: false)
    }

    /// Answers `atom` in the current world on each day of a range. The
    /// whole timeline is one statement: its days share the time limit and
    /// the tuple limit.
    private func eachDay(of atom: Atom, from: Value, to: Value, span: SourceSpan,
                         _ visit: (Int64, Set<[Value]>) throws(EvaluationError) -> Void) throws(EvaluationError) {
        guard case .date(let first) = from, case .date(let last) = to else {
            throw EvaluationError("'timeline' needs two dates", at: span)
        }
        guard first <= last else { throw EvaluationError("'timeline' needs the first date before the second", at: span) }
        guard last - first <= Session.maxTimelineDays else {
            throw EvaluationError("'timeline' covers at most \(Session.maxTimelineDays) days; narrow the range", at: span)
        }
        let question = dayQuestion(for: atom)
        let plainCone = dependencyCone(of: atom.key)
        let interventions = InterventionSet(currentInterventions, in: program)
        /// The simple path, the oracle of the verifying mode: the atom's
        /// dependency cone evaluated from scratch on the day.
        func fromScratch(_ day: Int64) throws(EvaluationError) -> Set<[Value]> {
            let model = try Evaluator.evaluate(program, analysis: analysis, today: .date(day), limits: limits,
                                               interventions: interventions, cone: plainCone)
            return Set(try model.query([.positive(atom)]).rows)
        }
        var derived = 0
        // Only the days where the answer can change are evaluated
        // (TimelineChangeDays.swift); the others keep the day before's answer.
        // The first day's model lends the later days what the date cannot
        // change (the loaded facts, the relations that do not read `today`).
        var changeDays: Set<Int64>?
        var previous: Set<[Value]>?
        var firstDay: Model?
        lastTimelineDaysEvaluated = 0
        for day in first...last {
            try limits.check()
            if let previous, let changeDays, !changeDays.contains(day) {
                if verifyWorlds, let fresh = try Session.unlessItFails({ () throws(EvaluationError) in try fromScratch(day) }), fresh != previous {
                    throw EvaluationError("\(Session.worldMismatch) the timeline skipped \(Value.date(day)), where \(atom.key) differs from the day before", at: span)
                }
                try visit(day, previous)
                continue
            }
            let lender = incrementalWorlds ? (question.isGoalDirected ? firstDay : evaluatedModel ?? firstDay) : nil
            let model = try Evaluator.evaluate(question.program, analysis: question.analysis, today: .date(day), limits: limits,
                                               interventions: interventions, cone: question.cone, reusing: lender,
                                               borrowingFactsFrom: question.isGoalDirected && firstDay == nil ? modelAtHand : nil)
            lastTimelineDaysEvaluated += 1
            let rows = Set(try model.query([.positive(question.atom)]).rows)
            if verifyWorlds, let fresh = try Session.unlessItFails({ () throws(EvaluationError) in try fromScratch(day) }), fresh != rows {
                throw EvaluationError("\(Session.worldMismatch) the timeline's answer for \(atom.key) on \(Value.date(day)) differs from the atom's dependency cone evaluated from scratch", at: span)
            }
            derived += model.evaluatedTupleCount
            if derived > limits.maxTuples {
                throw EvaluationError("'timeline' derived more than \(limits.maxTuples) tuples over its days; stopped at \(Value.date(day)) (narrow the range, or raise the limit with --max-tuples or :set max-tuples)", at: span)
            }
            // With worlds built from scratch (tests, benchmarks) every day is evaluated.
            if firstDay == nil {
                firstDay = model
                if incrementalWorlds { changeDays = self.changeDays(in: question.program, cone: question.cone, model: model) }
            }
            previous = rows
            try visit(day, rows)
        }
    }
}
