import RedlineLanguage
/// Bottom-up, semi-naive evaluation, one stratum at a time, of a checked
/// program: the perfect model of a stratified program.
package enum Evaluator {
    /// `interventions` change the world; `cone`, when given, limits evaluation
    /// to those predicates (a flip search needs only what its atom depends on).
    /// `base`, a model of the same program, lends the world every relation
    /// that neither the interventions (the world's and the base's) nor the
    /// date can change: a stratum is evaluated again only when it reads a
    /// relation that changed or is itself the subject of an intervention.
    /// A base evaluated on a cone lends only relations of its cone (a cone
    /// is closed under dependencies, so those are whole), and a world on a
    /// cone borrows only its cone's relations, so it holds what its
    /// evaluation from scratch on that cone holds.
    /// `factLender`, a model of a program with the same facts (the program a
    /// goal-directed rewriting started from), lends only relations that this
    /// program has no rules for, no intervention of either touches, and its
    /// cone holds: the loaded facts, which are the same in both.
    /// Scans of at least `rowsToSplit` rows run on two cores (nil: one core);
    /// the model is the same either way, row for row.
    package static func evaluate(_ program: Program, analysis: ProgramAnalysis, today: Value,
                         limits: EvaluationLimits = EvaluationLimits(),
                         interventions: InterventionSet = InterventionSet(),
                         cone: Set<PredicateKey>? = nil, reusing base: Model? = nil,
                         borrowingFactsFrom factLender: Model? = nil,
                         rowsToSplit: Int? = PlanExecutor.rowsWorthSplitting) throws(EvaluationError) -> Model {
        var keys = Set<PredicateKey>(Checker.builtins).union(program.factKeys)
        for clause in program.clauses {
            keys.insert(clause.head.key)
            for literal in clause.body {
                for atom in Checker.atoms(in: literal) { keys.insert(atom.key) }
            }
        }
        for fact in interventions.forced { keys.insert(fact.key) }
        for lever in program.levers {
            if let arity = lever.arity { keys.insert(PredicateKey(name: lever.name, arity: arity)) }
        }
        for declaration in program.relations.values {
            keys.insert(PredicateKey(name: declaration.name, arity: declaration.columns.count))
        }
        let ordered = keys.sorted()
        var relationIds: [PredicateKey: Int] = [:]
        for (i, key) in ordered.enumerated() { relationIds[key] = i }
        let lender = base.flatMap { $0.relationIds == relationIds ? $0 : nil }
        let changed = lender.map { changedKeys(program, analysis, from: $0, to: interventions, today: today) }
        let factLender = lender == nil ? factLender : nil
        var lentFacts: [PredicateKey: Relation] = [:]
        if let factLender {
            // Rules of either program: a relation with facts and rules holds more than its facts in the lender.
            var derived = Set((program.clauses + factLender.program.clauses).filter { !$0.isFact }.map(\.head.key))
            derived.insert(PredicateKey(name: "today", arity: 1))
            for set in [interventions, factLender.interventions] {
                derived.formUnion(set.forced.map(\.key))
                derived.formUnion(set.blocked.map(\.key))
            }
            for key in ordered where !derived.contains(key) && (cone?.contains(key) ?? true) && (factLender.cone?.contains(key) ?? true) {
                if let relation = factLender.relation(key) { lentFacts[key] = relation }
            }
        }
        func isFresh(_ key: PredicateKey) -> Bool {
            if factLender != nil { return lentFacts[key] == nil }
            guard let changed, !changed.contains(key), lender!.cone?.contains(key) ?? true else { return true }
            return cone.map { !$0.contains(key) } ?? false
        }
        let store = (lender ?? factLender)?.store.copy() ?? ValueStore()
        let relations = ordered.enumerated().map { id, key in
            isFresh(key) ? Relation(arity: key.arity) : lentFacts[key] ?? lender!.relations[id]
        }

        var scratch: [UInt32] = []
        let blocked = InternedBlocks(interventions, relationIds: relationIds, store: store)
        // A checked program's facts are all ground, so all in tables.
        let tables = program.factTables
        var factCounts: [Int: Int] = [:]
        for (_, table) in tables where isFresh(table.key) { factCounts[relationIds[table.key]!, default: 0] += table.count }
        for (id, count) in factCounts { relations[id].reserve(count) }
        for (_, table) in tables where isFresh(table.key) {
            if let cone, !cone.contains(table.key) { continue }
            let id = relationIds[table.key]!, relation = relations[id]
            guard table.key.arity > 0 else {
                if table.count > 0, !blocked.blocks(id, [UInt32(0)]) { relation.insert([], round: 0) }
                continue
            }
            // Interned first, then inserted as one batch: the batch prefetches
            // the hash slots of the rows ahead.
            scratch = table.values.map { store.intern($0) }
            let keep = blocked.keep(id)
            scratch.withUnsafeBufferPointer { relation.insert(batch: $0.baseAddress!, count: table.count, round: 0, keep: keep) }
        }
        for fact in interventions.forced {
            guard let id = relationIds[fact.key] else { continue }
            relations[id].insert(fact.values.map(store.intern), round: 0)
        }
        let todayKey = PredicateKey(name: "today", arity: 1)
        if isFresh(todayKey) { relations[relationIds[todayKey]!].insert([store.intern(today)], round: 0) }
        for relation in relations { relation.deltaEnd = relation.count }
        try checkSize(relations, limits)

        let executor = PlanExecutor(store: store, relations: relations, limits: limits)
        executor.minimumRowsToSplit = rowsToSplit
        var planner = Planner(store: store, relationIds: relationIds, declarations: program.relations,
                              indexFor: { relations[$0].index(on: $1, idsBelow: store.count) })
        planner.columnType = { program.columnType(of: $0, column: $1) }
        // After every round of the lender's, so a proof through a lent tuple
        // still only uses tuples of earlier rounds (see Explainer).
        var round: UInt32 = ((lender ?? factLender)?.relations.map(\.lastRound).max() ?? 0) + 1
        // Rules by head, each list in source order: filtering every clause
        // per stratum would be quadratic in a program of many strata.
        var rulesByHead: [PredicateKey: [Int]] = [:]
        for (index, clause) in program.clauses.enumerated() where !clause.isFact {
            rulesByHead[clause.head.key, default: []].append(index)
        }
        var tuples = relations.reduce(0) { $0 + $1.count }
        for stratum in analysis.strata where stratum.contains(where: isFresh) {
            let ids = Set(stratum.compactMap { relationIds[$0] })
            let rules = stratum.filter { cone?.contains($0) ?? true }
                .flatMap { rulesByHead[$0] ?? [] }.sorted().map { program.clauses[$0] }
            guard !rules.isEmpty else { continue }
            let isRecursive = stratum.count > 1 || rules.contains { rule in
                rule.body.contains { literal in
                    Checker.atoms(in: literal).contains { ids.contains(relationIds[$0.key]!) }
                }
            }
            var plans: [RulePlan] = []
            for (index, rule) in rules.enumerated() {
                // Planning thousands of rules takes long enough to need the limits too.
                if index & 0xFF == 0xFF { try limits.check() }
                do {
                    plans += try planner.plans(for: rule, recursive: isRecursive ? ids : [])
                } catch {
                    throw EvaluationError(error.message, at: error.span)
                }
            }
            for id in ids {
                relations[id].deltaStart = 0
                relations[id].deltaEnd = relations[id].count
            }
            let inside = ids.reduce(0) { $0 + relations[$1].count }
            try runToFixpoint(plans, of: ids, isRecursive: isRecursive, executor: executor, relations: relations,
                              blocked: blocked, limits: limits, tuplesOutside: tuples - inside, round: &round)
            tuples += ids.reduce(0) { $0 + relations[$1].count } - inside
            for id in ids { relations[id].deltaStart = 0 }
        }
        return Model(store: store, relations: relations, relationIds: relationIds, today: today, limits: limits,
                     program: program, interventions: interventions, cone: cone, idsAgreeWith: lender ?? factLender,
                     evaluatedTuples: lender == nil && factLender == nil ? nil
                        : ordered.indices.reduce(0) { $0 + (isFresh(ordered[$1]) ? relations[$1].liveCount : 0) })
    }

    /// The predicates a world must evaluate again rather than borrow from
    /// `base`: those either set of interventions names, `today` when the date
    /// differs, and every stratum that reads one of them (through `not` and
    /// aggregates too), in dependency order.
    static func changedKeys(_ program: Program, _ analysis: ProgramAnalysis, from base: Model,
                            to interventions: InterventionSet, today: Value) -> Set<PredicateKey> {
        var changed = Set<PredicateKey>()
        for set in [interventions, base.interventions] {
            for fact in set.forced { changed.insert(fact.key) }
            for block in set.blocked { changed.insert(block.key) }
        }
        if base.today != today { changed.insert(PredicateKey(name: "today", arity: 1)) }
        guard !changed.isEmpty else { return changed }
        var rulesByHead: [PredicateKey: [Clause]] = [:]
        for clause in program.clauses where !clause.isFact { rulesByHead[clause.head.key, default: []].append(clause) }
        for stratum in analysis.strata {
            let reads = stratum.contains { key in
                (rulesByHead[key] ?? []).contains { rule in
                    rule.body.contains { literal in Checker.atoms(in: literal).contains { changed.contains($0.key) } }
                }
            }
            if reads || stratum.contains(where: changed.contains) { changed.formUnion(stratum) }
        }
        return changed
    }

    /// Runs a stratum's plans to its fixpoint: every plan once, then, while
    /// a relation of the stratum grows, the variants that read the last
    /// round's delta. Each round's tuples are inserted with the round number
    /// (`round` counts on), unless an intervention blocks them.
    static func runToFixpoint(_ plans: [RulePlan], of ids: Set<Int>, isRecursive: Bool, executor: PlanExecutor,
                              relations: [Relation], blocked: InternedBlocks, limits: EvaluationLimits,
                              tuplesOutside: Int, round: inout UInt32) throws(EvaluationError) {
        var first = true
        while true {
            for (index, plan) in plans.enumerated() where first || plan.isDeltaVariant {
                // A plan with nothing to read returns before the executor polls the limits.
                if index & 0xFF == 0xFF { try limits.check() }
                try executor.execute(plan.compiled, rule: plan.clause.span)
            }
            first = false
            var grew = false
            for id in ids.sorted() {
                if try executor.drainStaging(of: id, round: round, keep: blocked.keep(id)) { grew = true }
            }
            executor.startRound()
            round += 1
            let total = tuplesOutside + ids.reduce(0) { $0 + relations[$1].count }
            if total > limits.maxTuples { throw limits.tooManyTuples() }
            try limits.check()
            if !grew || !isRecursive { break }
        }
    }

    static func checkSize(_ relations: [Relation], _ limits: EvaluationLimits) throws(EvaluationError) {
        let total = relations.reduce(0) { $0 + $1.count }
        if total > limits.maxTuples { throw limits.tooManyTuples() }
        try limits.check()
    }
}
