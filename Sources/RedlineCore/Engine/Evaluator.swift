/// Bottom-up, semi-naive evaluation, one stratum at a time, of a checked
/// program: the perfect model of a stratified program.
enum Evaluator {
    /// `interventions` change the world; `cone`, when given, limits evaluation
    /// to those predicates (a flip search needs only what its atom depends on).
    static func evaluate(_ program: Program, analysis: ProgramAnalysis, today: Value,
                         limits: EvaluationLimits = EvaluationLimits(),
                         interventions: InterventionSet = InterventionSet(),
                         cone: Set<PredicateKey>? = nil) throws(EvaluationError) -> Model {
        let store = ValueStore()
        var keys = Set<PredicateKey>(Checker.builtins).union(program.factKeys)
        for clause in program.clauses {
            keys.insert(clause.head.key)
            for literal in clause.body {
                for atom in Checker.atoms(in: literal) { keys.insert(atom.key) }
            }
        }
        for fact in interventions.forced { keys.insert(fact.key) }
        for declaration in program.relations.values {
            keys.insert(PredicateKey(name: declaration.name, arity: declaration.columns.count))
        }
        let ordered = keys.sorted()
        var relationIds: [PredicateKey: Int] = [:]
        for (i, key) in ordered.enumerated() { relationIds[key] = i }
        let relations = ordered.map { Relation(arity: $0.arity) }

        var scratch: [UInt32] = []
        // Blocked patterns by relation, as interned ids (nil: any value).
        var blocked: [Int: [[UInt32?]]] = [:]
        for block in interventions.blocked {
            guard let id = relationIds[block.key] else { continue }
            blocked[id, default: []].append(block.pattern.map { $0.map(store.intern) })
        }
        func isBlocked(_ id: Int, _ tuple: UnsafePointer<UInt32>) -> Bool {
            guard let patterns = blocked[id] else { return false }
            return patterns.contains { pattern in
                pattern.enumerated().allSatisfy { $0.element == nil || $0.element == tuple[$0.offset] }
            }
        }
        // A checked program's facts are all ground, so all in tables.
        let tables = program.factTables
        var factCounts: [Int: Int] = [:]
        for (_, table) in tables { factCounts[relationIds[table.key]!, default: 0] += table.count }
        for (id, count) in factCounts { relations[id].reserve(count) }
        for (_, table) in tables {
            if let cone, !cone.contains(table.key) { continue }
            let id = relationIds[table.key]!, arity = table.key.arity, relation = relations[id]
            scratch = [UInt32](repeating: 0, count: max(arity, 1))
            scratch.withUnsafeMutableBufferPointer { tuple in
                table.values.withUnsafeBufferPointer { values in
                    for row in 0..<table.count {
                        for column in 0..<arity { tuple[column] = store.intern(values[row * arity + column]) }
                        if isBlocked(id, tuple.baseAddress!) { continue }
                        _ = relation.insert(tuple.baseAddress!, round: 0)
                    }
                }
            }
        }
        for fact in interventions.forced {
            guard let id = relationIds[fact.key] else { continue }
            relations[id].insert(fact.values.map(store.intern), round: 0)
        }
        relations[relationIds[PredicateKey(name: "today", arity: 1)]!].insert([store.intern(today)], round: 0)
        for relation in relations { relation.deltaEnd = relation.count }
        try checkSize(relations, limits)

        let executor = PlanExecutor(store: store, relations: relations, limits: limits)
        let planner = Planner(store: store, relationIds: relationIds, declarations: program.relations,
                              indexFor: { relations[$0].index(on: $1) })
        var round: UInt32 = 1
        for stratum in analysis.strata {
            let ids = Set(stratum.compactMap { relationIds[$0] })
            let rules = program.clauses.filter { !$0.isFact && stratum.contains($0.head.key) && (cone?.contains($0.head.key) ?? true) }
            guard !rules.isEmpty else { continue }
            let isRecursive = stratum.count > 1 || rules.contains { rule in
                rule.body.contains { literal in
                    Checker.atoms(in: literal).contains { ids.contains(relationIds[$0.key]!) }
                }
            }
            var plans: [RulePlan] = []
            do {
                for rule in rules { plans += try planner.plans(for: rule, recursive: isRecursive ? ids : []) }
            } catch {
                throw EvaluationError(error.message, at: error.span)
            }
            for id in ids {
                relations[id].deltaStart = 0
                relations[id].deltaEnd = relations[id].count
            }
            var first = true
            while true {
                for plan in plans where first || plan.isDeltaVariant {
                    try executor.execute(plan.steps, slotCount: plan.slotCount, rule: plan.clause.span)
                }
                first = false
                var grew = false
                for id in ids {
                    let keep: ((UnsafePointer<UInt32>) -> Bool)? = blocked[id] == nil ? nil : { !isBlocked(id, $0) }
                    if executor.drainStaging(of: id, round: round, keep: keep) { grew = true }
                }
                executor.stagedTuples = 0
                round += 1
                try checkSize(relations, limits)
                if !grew || !isRecursive { break }
            }
            for id in ids { relations[id].deltaStart = 0 }
        }
        return Model(store: store, relations: relations, relationIds: relationIds, today: today, limits: limits,
                     program: program, interventions: interventions)
    }

    static func checkSize(_ relations: [Relation], _ limits: EvaluationLimits) throws(EvaluationError) {
        let total = relations.reduce(0) { $0 + $1.count }
        if total > limits.maxTuples { throw limits.tooManyTuples() }
        try limits.check()
    }
}
