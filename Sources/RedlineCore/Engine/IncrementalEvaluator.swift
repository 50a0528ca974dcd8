/// Incremental what-if for worlds that only add facts: semi-naive
/// evaluation continues from the new facts, so only what depends on them is
/// derived. The world is built in place: its new rows are appended to the
/// base model's relations, read through the world's model, and rolled back
/// when the body returns, so nothing of millions of tuples is copied.
/// Adding facts is monotone for every rule that reads them positively; when
/// a rule reads a grown relation through `not` or an aggregate (it could
/// lose conclusions), or the world retracts something, the caller evaluates
/// from scratch instead.
extension Evaluator {
    /// Runs `body` on the world of `base` with `added` forced true; nil
    /// (and `body` not run) when the world cannot be had by adding alone.
    /// The world's model is valid only inside `body`. `interventions` are
    /// all of the world's, for explanations.
    static func withExtension<Result>(
        of base: Model, adding added: [Intervention], interventions: InterventionSet,
        analysis: ProgramAnalysis, limits: EvaluationLimits,
        _ body: (Model) throws(EvaluationError) -> Result
    ) throws(EvaluationError) -> Result? {
        let additions = InterventionSet(added)
        guard base.interventions.blocked.isEmpty, additions.blocked.isEmpty, !additions.forced.isEmpty else { return nil }
        let ids = base.relationIds
        guard additions.forced.allSatisfy({ ids[$0.key] != nil }) else { return nil }
        let relations = base.relations
        let baseCounts = relations.map { $0.beginExtension() }
        // Whatever happens, the base model finds its relations as it left them.
        defer {
            for (id, relation) in relations.enumerated() { relation.rollBack(to: baseCounts[id]) }
        }
        let store = base.store.copy()
        var round = (relations.map(\.lastRound).max() ?? 0) + 1
        var changed = Set<Int>()
        for fact in additions.forced {
            let id = ids[fact.key]!
            if relations[id].insert(fact.values.map(store.intern), round: round) { changed.insert(id) }
        }
        round += 1
        try checkSize(relations, limits)

        let program = base.program
        let executor = PlanExecutor(store: store, relations: relations, limits: limits)
        let planner = Planner(store: store, relationIds: ids, declarations: program.relations,
                              indexFor: { relations[$0].index(on: $1) })
        for stratum in analysis.strata {
            let stratumIds = Set(stratum.compactMap { ids[$0] })
            let rules = program.clauses.filter { !$0.isFact && stratum.contains($0.head.key) }
            var reads = false
            for rule in rules {
                for literal in rule.body {
                    switch literal {
                    case .positive(let atom):
                        if changed.contains(ids[atom.key]!) { reads = true }
                    case .negative(let atom, _):
                        // It could lose conclusions: not a world of additions (rolled back by the defer).
                        if changed.contains(ids[atom.key]!) { return nil }
                    case .aggregate(let aggregate):
                        for atom in aggregate.body.flatMap(Checker.atoms(in:)) where changed.contains(ids[atom.key]!) { return nil }
                    case .comparison:
                        break
                    }
                }
            }
            guard reads else { continue }
            // Delta variants for every atom that can bring something new; a
            // rule with none cannot derive anything it has not derived before.
            let sources = stratumIds.union(changed)
            var plans: [RulePlan] = []
            do {
                for rule in rules { plans += try planner.plans(for: rule, recursive: sources).filter(\.isDeltaVariant) }
            } catch {
                throw EvaluationError(error.message, at: error.span)
            }
            let stratumStart = relations.map(\.count)
            // The delta of a changed relation is everything it gained over the base.
            for (id, relation) in relations.enumerated() {
                relation.deltaStart = changed.contains(id) ? baseCounts[id] : relation.count
                relation.deltaEnd = relation.count
            }
            var first = true
            while true {
                for plan in plans {
                    try executor.execute(plan.steps, slotCount: plan.slotCount, rule: plan.clause.span)
                }
                if first {
                    for (id, relation) in relations.enumerated() where !stratumIds.contains(id) {
                        relation.deltaStart = relation.count
                    }
                    first = false
                }
                var grew = false
                for id in stratumIds where executor.drainStaging(of: id, round: round) { grew = true }
                executor.stagedTuples = 0
                round += 1
                try checkSize(relations, limits)
                if !grew { break }
            }
            for id in stratumIds where relations[id].count > stratumStart[id] { changed.insert(id) }
        }
        for relation in relations { relation.deltaStart = 0; relation.deltaEnd = relation.count }
        let world = Model(store: store, relations: relations, relationIds: ids, today: base.today, limits: limits,
                          program: program, interventions: interventions, extending: base, baseCounts: baseCounts)
        return try body(world)
    }
}
