import RedlineLanguage
/// Incremental what-if: the world of a few changed facts is built from the
/// current model in place, re-deriving only what depends on the change.
/// The rules this code keeps (rounds as proofs, the path each stratum
/// takes, delete-and-rederive limited by rounds, the undo) and the tests
/// that pin each one are written once, in WhatIfWorlds.md next to this file.
extension Evaluator {
    /// The world of `base` with `changes` applied, built in place; nil when
    /// there are no changes or one forces an atom of a relation the base
    /// model does not have. `interventions` are all of the world's, the
    /// base's included: later ones override earlier ones. The world undoes
    /// its rows when it ends; so does a build that throws.
    /// `rowsToSplit` as for `evaluate`; `rowsPerIdToEnumerate` as for
    /// `Maintenance` (tests lower it to exercise both kinds of lookup).
    static func builtInPlace(
        on base: Model, applying changes: [Intervention], interventions: InterventionSet,
        analysis: ProgramAnalysis, limits: EvaluationLimits, rowsToSplit: Int? = PlanExecutor.rowsWorthSplitting,
        rowsPerIdToEnumerate: Int = Maintenance.rowsPerIdToEnumerate
    ) throws(EvaluationError) -> World? {
        guard !changes.isEmpty else { return nil }
        let ids = base.relationIds
        guard interventions.forced.allSatisfy({ ids[$0.key] != nil }) else { return nil }
        let relations = base.relations
        let baseCounts = relations.map { $0.beginExtension() }
        do {
            var maintenance = Maintenance(base: base, interventions: interventions, limits: limits, baseCounts: baseCounts,
                                          rowsToSplit: rowsToSplit, rowsPerIdToEnumerate: rowsPerIdToEnumerate)
            try maintenance.run(analysis)
            let model = Model(store: maintenance.store, relations: relations, relationIds: ids, today: base.today, limits: limits,
                              program: base.program, interventions: interventions, extending: base, baseCounts: baseCounts)
            return World(model: model, base: base, undo: Array(zip(relations, baseCounts)).map { ($0.0, $0.1) })
        } catch {
            // Whatever happens, the base model finds its relations as it left them.
            for (id, relation) in relations.enumerated() { relation.rollBack(to: baseCounts[id]) }
            throw error
        }
    }

    /// Runs `body` on the world `builtInPlace` builds, which ends with it:
    /// the world's model is valid only inside `body`.
    package static func withChanges<Result>(
        of base: Model, applying changes: [Intervention], interventions: InterventionSet,
        analysis: ProgramAnalysis, limits: EvaluationLimits, rowsToSplit: Int? = PlanExecutor.rowsWorthSplitting,
        rowsPerIdToEnumerate: Int = Maintenance.rowsPerIdToEnumerate,
        _ body: (Model) throws(EvaluationError) -> Result
    ) throws(EvaluationError) -> Result? {
        guard let world = try builtInPlace(on: base, applying: changes, interventions: interventions, analysis: analysis,
                                           limits: limits, rowsToSplit: rowsToSplit, rowsPerIdToEnumerate: rowsPerIdToEnumerate)
        else { return nil }
        return try world.reading(body)
    }
}

/// The state of one incremental world while it is built, stratum by stratum.
struct Maintenance {
    let program: Program
    let ids: [PredicateKey: Int]
    let relations: [Relation]
    let store: ValueStore
    let limits: EvaluationLimits
    let baseCounts: [Int]
    let executor: PlanExecutor
    let planner: Planner
    /// The same, but a lookup with one free column in a relation without
    /// an index on the others tries every id of the store in it, when the
    /// relation has at least `rowsPerIdToEnumerate` rows per id tried: for
    /// the consumers of one or two tuples, such as the edge a what-if
    /// removes, which would otherwise index `path` (2.6M rows) on first use.
    let fewRowsPlanner: Planner
    /// Building a one-column index reads and links every row; a lookup in
    /// the table costs about as much as a few hundred rows of that.
    static let rowsPerIdToEnumerate = 256
    static let fewRows = 2
    /// The one-row relation, per arity, that pins a tuple for a plan to start from.
    let pinned: [Int: Int]
    /// Where proof plans emit, by arity: the pinned tuples that have a proof.
    let found: [Int: Int]
    var round: UInt32
    /// Rows each relation lost in this world (dead rows of the base).
    var removed: [Int: [Int]] = [:]
    /// Relations that gained or lost a row.
    var changed = Set<Int>()
    /// Rows that died whose check stopped at a later row before it knew
    /// all their proofs (`ProofCheck.unsettled`): rederivation checks them again.
    private var unsettled: RowSet
    /// The proofs through later rows of the other rows that died
    /// (`ProofCheck.laterProofs`): the row that died, the relation and row
    /// used. Rows only die until rederivation, so there a dead row has a
    /// proof from live rows exactly when one of the rows it lists is still
    /// live (unless the stratum forces tuples), and no second check is needed.
    private var laterProofs: [(id: Int, row: Int, relation: Int, used: Int)] = []
    private let blocked: InternedBlocks
    private let forced: [Int: Set<[UInt32]>]
    private var rulesByHead: [Int: [Clause]] = [:]
    private var consumerPlans: [ConsumerPlanKey: RulePlan] = [:]
    /// By relation id; built on first use.
    private var proofPlans: [[RulePlan]?]
    /// By relation id: whether an intervention forces or blocks tuples of it
    /// (such a stratum is evaluated again, not maintained).
    private let isForced: [Bool]
    private let isBlocked: [Bool]

    init(base: Model, interventions: InterventionSet, limits: EvaluationLimits, baseCounts: [Int], rowsToSplit: Int?,
         rowsPerIdToEnumerate: Int) {
        program = base.program
        ids = base.relationIds
        relations = base.relations
        let store = base.store.copy()
        self.store = store
        self.limits = limits
        self.baseCounts = baseCounts
        round = (relations.map(\.lastRound).max() ?? 0) + 1
        var extra: [Relation] = []
        var plannerIds = ids
        var pinned: [Int: Int] = [:], found: [Int: Int] = [:]
        for arity in Set(ids.keys.map(\.arity)).sorted() {
            pinned[arity] = relations.count + extra.count
            plannerIds[Maintenance.pinnedKey(arity)] = relations.count + extra.count
            extra.append(Relation(arity: arity))
            found[arity] = relations.count + extra.count
            plannerIds[Maintenance.foundKey(arity)] = relations.count + extra.count
            extra.append(Relation(arity: arity))
        }
        self.pinned = pinned
        self.found = found
        let all = relations + extra
        executor = PlanExecutor(store: store, relations: all, limits: limits)
        // Checks and consumer searches run set at a time: large sets split across cores.
        executor.minimumRowsToSplit = rowsToSplit
        var planner = Planner(store: store, relationIds: plannerIds, declarations: program.relations,
                              indexFor: { all[$0].index(on: $1, idsBelow: store.count) }, rowCount: { all[$0].count })
        planner.columnType = { [program] in program.columnType(of: $0, column: $1) }
        self.planner = planner
        var fewRowsPlanner = planner
        fewRowsPlanner.enumeratesInsteadOfIndexing = { relation, columns in
            !all[relation].hasIndex(on: columns)
                && all[relation].count >= store.count * Maintenance.fewRows * rowsPerIdToEnumerate
        }
        self.fewRowsPlanner = fewRowsPlanner
        let blocked = InternedBlocks(interventions, relationIds: ids, store: store)
        self.blocked = blocked
        var forced: [Int: Set<[UInt32]>] = [:]
        for fact in interventions.forced { forced[ids[fact.key]!, default: []].insert(fact.values.map(store.intern)) }
        self.forced = forced
        isForced = (0..<relations.count).map { forced[$0] != nil }
        isBlocked = (0..<relations.count).map { blocked.patterns[$0] != nil }
        proofPlans = Array(repeating: nil, count: relations.count)
        unsettled = RowSet(baseCounts)
        for clause in program.clauses where !clause.isFact { rulesByHead[ids[clause.head.key]!, default: []].append(clause) }
    }

    static func pinnedKey(_ arity: Int) -> PredicateKey { PredicateKey(name: "$pinned", arity: arity) }
    static func foundKey(_ arity: Int) -> PredicateKey { PredicateKey(name: "$found", arity: arity) }

    /// Builds the world stratum by stratum, in dependency order. A stratum
    /// that reads no changed relation and is the subject of no intervention
    /// is left as it is. Otherwise it takes one of two paths:
    ///
    /// - **Maintained** (`removeUnproved`, then `rederive`): when every
    ///   changed relation it reads is read only through positive atoms, and
    ///   no intervention forces or blocks one of its relations. Removals
    ///   are then monotone: a tuple can only lose support, so a tuple whose
    ///   support survives keeps its place, and what gained support is found
    ///   by continuing semi-naive evaluation from the rows the world added.
    ///   This is the path of a graph's edges added or removed.
    /// - **Evaluated again** (`reevaluate`): when a changed relation is read
    ///   through `not` or an aggregate, or an intervention names one of its
    ///   relations. Every row of the stratum dies and its rules run again,
    ///   as evaluation from scratch runs them, on the world's lower relations.
    ///   A tuple that comes back has a dead row and a new row: unchanged.
    ///
    /// Either way, after a stratum its relations hold exactly what evaluation
    /// from scratch would put there, given that the lower relations do (by
    /// induction over the strata); a relation that gained or lost a row is
    /// then marked changed, so every stratum above that reads it follows.
    mutating func run(_ analysis: ProgramAnalysis) throws(EvaluationError) {
        // Relations without rules change only by the interventions.
        let factOnly = Set(relations.indices).subtracting(rulesByHead.keys)
        removeBlocked(in: factOnly)
        addForced(in: factOnly)
        markChanged(factOnly)
        for stratum in analysis.strata {
            let stratumIds = Set(stratum.compactMap { ids[$0] }).subtracting(factOnly)
            guard !stratumIds.isEmpty else { continue }
            // Sorted, so that rows come in the same order every run.
            let rules = stratumIds.sorted().flatMap { rulesByHead[$0] ?? [] }
            var reads = Set<Int>(), readsOtherwise = Set<Int>()
            for rule in rules {
                for literal in rule.body {
                    switch literal {
                    case .positive(let atom):
                        reads.insert(ids[atom.key]!)
                    case .negative(let atom, _):
                        readsOtherwise.insert(ids[atom.key]!)
                    case .aggregate(let aggregate):
                        for atom in aggregate.body.flatMap(Checker.atoms(in:)) { readsOtherwise.insert(ids[atom.key]!) }
                    case .comparison:
                        break
                    }
                }
            }
            let intervened = stratumIds.contains { isForced[$0] || isBlocked[$0] }
            let readsChanged = !reads.isDisjoint(with: changed)
            guard intervened || readsChanged || !readsOtherwise.isDisjoint(with: changed) else { continue }
            if intervened || !readsOtherwise.isDisjoint(with: changed) {
                try reevaluate(stratumIds, rules: rules)
            } else {
                let overdeleted = try removeUnproved(stratumIds, rules: rules, reads: reads)
                try rederive(overdeleted, in: stratumIds, rules: rules)
            }
            markChanged(stratumIds)
            try Evaluator.checkSize(relations, limits)
        }
        for relation in relations { relation.deltaStart = 0; relation.deltaEnd = relation.count }
    }

    /// Marks the relations that gained or lost a row: the strata above that read them must follow.
    private mutating func markChanged(_ relationIds: Set<Int>) {
        for id in relationIds where relations[id].deadCount > 0 || relations[id].count > baseCounts[id] { changed.insert(id) }
    }

    /// The stratum evaluated again in place, as `Evaluator.evaluate` evaluates
    /// it: every row of its relations dies, their facts and forced atoms are
    /// inserted again, and its rules run to a fixpoint on the live rows.
    /// The simple path, for the shapes the maintained one does not follow.
    private mutating func reevaluate(_ stratumIds: Set<Int>, rules: [Clause]) throws(EvaluationError) {
        for id in stratumIds.sorted() {
            let relation = relations[id]
            for r in 0..<baseCounts[id] where !relation.isDead(r) { kill(r, of: id) }
        }
        for relation in relations { relation.deltaStart = 0; relation.deltaEnd = relation.count }
        for (_, table) in program.factTables {
            guard let id = ids[table.key], stratumIds.contains(id) else { continue }
            let relation = relations[id], keep = blocked.keep(id)
            for row in 0..<table.count {
                let tuple = table.row(row).map(store.intern)
                if Relation.withTuple(tuple, { keep?($0) ?? true }) { relation.insert(tuple, round: round) }
            }
        }
        addForced(in: stratumIds)
        let isRecursive = rules.contains { rule in
            rule.body.contains { literal in Checker.atoms(in: literal).contains { stratumIds.contains(ids[$0.key]!) } }
        }
        var plans: [RulePlan] = []
        do {
            for rule in rules { plans += try planner.plans(for: rule, recursive: isRecursive ? stratumIds : []) }
        } catch {
            throw EvaluationError(error.message, at: error.span)
        }
        for id in stratumIds {
            relations[id].deltaStart = baseCounts[id]
            relations[id].deltaEnd = relations[id].count
        }
        let inside = stratumIds.reduce(0) { $0 + relations[$1].count }
        try Evaluator.runToFixpoint(plans, of: stratumIds, isRecursive: isRecursive, executor: executor, relations: relations,
                                    blocked: blocked, limits: limits,
                                    tuplesOutside: relations.reduce(0) { $0 + $1.count } - inside, round: &round)
        for id in stratumIds { relations[id].deltaStart = 0; relations[id].deltaEnd = relations[id].count }
    }

    // MARK: Interventions

    /// Kills the rows a `not` intervention matches, unless forced (as a world
    /// evaluated from scratch keeps forced atoms); returns them.
    @discardableResult
    private mutating func removeBlocked(in relationIds: Set<Int>) -> [(Int, Int)] {
        var killed: [(Int, Int)] = []
        for (id, patterns) in blocked.patterns.sorted(by: { $0.key < $1.key }) where relationIds.contains(id) {
            let relation = relations[id]
            var rows: [Int] = []
            for pattern in patterns {
                if pattern.terms == nil, let ground = pattern.ids as? [UInt32] {
                    if let row = Relation.withTuple(ground, { relation.find($0) }) { rows.append(row) }
                } else {
                    for r in 0..<relation.count where !relation.isDead(r) && blocked.matches(pattern, relation.row(r)) { rows.append(r) }
                }
            }
            for r in rows where !relation.isDead(r) && !(forced[id]?.contains(relation.tuple(r)) ?? false) {
                kill(r, of: id)
                killed.append((id, r))
            }
        }
        return killed
    }

    private mutating func addForced(in relationIds: Set<Int>) {
        for (id, tuples) in forced.sorted(by: { $0.key < $1.key }) where relationIds.contains(id) {
            for tuple in tuples.sorted(by: { $0.lexicographicallyPrecedes($1) }) where relations[id].insert(tuple, round: round) {
                changed.insert(id)
            }
        }
        round += 1
    }

    private mutating func kill(_ row: Int, of id: Int) {
        relations[id].kill(row)
        removed[id, default: []].append(row)
        changed.insert(id)
    }

    // MARK: Deletion

    /// Settles, in round order, every tuple of the stratum that lost a
    /// supporting tuple: it stays if it has a proof from surviving tuples of
    /// earlier rounds, or from settled tuples of its own round or the next
    /// (see `provedFromSettledRows`), else it dies and its own consumers
    /// become candidates. Returns the tuples that died for want of such a proof.
    ///
    /// Set at a time: the candidates of one round are checked together, one
    /// run of each proof plan over all of them, and the consumers of all
    /// without a proof are found together. The first check sees only rounds
    /// before the candidates' own, so the candidates of one round cannot
    /// decide each other's fate there, and their consumers all belong to
    /// later rounds.
    private mutating func removeUnproved(_ stratumIds: Set<Int>, rules: [Clause], reads: Set<Int>) throws(EvaluationError)
        -> [(Int, Int)] {
        laterProofs.removeAll()
        var pending: [UInt32: [(Int, Int)]] = [:]
        var rounds: [UInt32] = []  // pending rounds, descending, so the next is last
        var queued = RowSet(baseCounts)
        var readers: [Int: [(rule: Int, position: Int)]] = [:]
        /// Enqueues what these tuples of relation `id`, which died (all of
        /// round `sourceRound`), supported through a positive atom.
        func enqueue(consumersOf id: Int, rows: [Int], sourceRound: UInt32) throws(EvaluationError) {
            guard !rows.isEmpty else { return }
            // A tuple of an earlier or the same round has a proof without these.
            let floor = sourceRound
            if readers[id] == nil { readers[id] = positions(of: id, in: rules) }
            for (index, position) in readers[id]! {
                let headId = try consumers(of: rows, in: id, rule: rules[index], position: position, seesDeadRows: true)
                let head = relations[headId], arity = head.arity
                let count = executor.stagedCount(of: headId)
                func candidate(_ found: Int?) {
                    guard let r = found, r < baseCounts[headId] else { return }
                    let headRound = head.rounds[r]
                    guard headRound > floor, queued.insert(headId, r) else { return }
                    if pending[headRound] == nil {
                        pending[headRound] = []
                        let at = rounds.firstIndex { $0 < headRound } ?? rounds.count
                        rounds.insert(headRound, at: at)
                    }
                    pending[headRound]!.append((headId, r))
                }
                let found = arity == 0 ? [] : executor.takeStaged(of: headId) { rowsOf(count, staged: $0, in: head) }
                if arity == 0 {
                    executor.takeStaged(of: headId) { _ in }
                    if count > 0 { candidate(Relation.withTuple([]) { head.find($0) }) }
                } else {
                    for i in 0..<count {
                        if i + 8 < count, found[i + 8] >= 0 { head.prefetchRound(of: found[i + 8]) }
                        candidate(found[i] < 0 ? nil : found[i])
                    }
                }
            }
        }
        /// Adds to `heads` the heads of the consumers of these tuples of
        /// relation `id`, by relation, without looking them up.
        func addConsumerHeads(of id: Int, rows: [Int], to heads: inout [Int: Relation]) throws(EvaluationError) {
            guard !rows.isEmpty else { return }
            if readers[id] == nil { readers[id] = positions(of: id, in: rules) }
            for (index, position) in readers[id]! {
                let headId = try consumers(of: rows, in: id, rule: rules[index], position: position, seesDeadRows: true)
                let arity = relations[headId].arity
                let table = heads[headId] ?? Relation(arity: arity)
                heads[headId] = table
                executor.takeStaged(of: headId) { staged in
                    if arity == 0 {
                        if !staged.isEmpty { table.insert([], round: 0) }
                    } else {
                        for k in 0..<staged.count / arity { table.insert(staged.baseAddress! + k * arity, round: 0) }
                    }
                }
            }
        }
        /// Enqueues the consumers of rows of mixed rounds, a round at a time.
        func enqueue(consumersOf id: Int, rows: [Int]) throws(EvaluationError) {
            let byRound = Dictionary(grouping: rows) { relations[id].rounds[$0] }
            for round in byRound.keys.sorted() { try enqueue(consumersOf: id, rows: byRound[round]!, sourceRound: round) }
        }
        let lower = reads.subtracting(stratumIds)
        for id in lower.sorted() { try enqueue(consumersOf: id, rows: removed[id] ?? []) }
        var died: [(Int, Int)] = []
        while let next = rounds.popLast() {
            let batch = pending.removeValue(forKey: next)!
            // Round 0 is a fact of the program or an intervention, proved by itself.
            if next == 0 { continue }
            let ids = Set(batch.map(\.0)).sorted()
            var checks: [(candidates: [Int], check: ProofCheck)] = []
            for id in ids {
                let candidates = batch.compactMap { $0.0 == id && !relations[id].isDead($0.1) ? $0.1 : nil }
                let check = try self.proved(candidates, of: id, before: next)
                // Out of sight of the second look, which must not lean on them.
                for i in candidates.indices where !check.proved[i] { relations[id].kill(candidates[i]) }
                checks.append((candidates, check))
            }
            try provedFromSettledRows(ids, &checks, round: next)
            // A candidate with a proof through a live tuple of the next round
            // may yet be kept by the look at that round: its consumers wait,
            // so that none of them becomes a candidate for nothing. Their
            // heads alone are known meanwhile, so that the look counts none
            // of them as settled.
            var waiting: [[Int]] = []
            var waitingHeads: [Int: Relation] = [:]
            let all = executor.relations
            for (id, (candidates, check)) in zip(ids, checks) {
                var mayBeKept = [Bool](repeating: false, count: candidates.count)
                for proof in check.laterProofs where !check.proved[proof.index] && isLiveBaseRow(proof.relation, proof.row, ofRound: next + 1) {
                    mayBeKept[proof.index] = true
                }
                let failing = candidates.indices.filter { !check.proved[$0] }
                try enqueue(consumersOf: id, rows: failing.filter { !mayBeKept[$0] }.map { candidates[$0] }, sourceRound: next)
                waiting.append(failing.filter { mayBeKept[$0] })
                try addConsumerHeads(of: id, rows: waiting[waiting.count - 1].map { candidates[$0] }, to: &waitingHeads)
            }
            try provedFromSettledRows(ids, &checks, round: next, candidatesOfNextRound: { relation, row in
                if queued.contains(relation, row) { return true }
                guard let heads = waitingHeads[relation] else { return false }
                return heads.find(all[relation].row(row)) != nil
            })
            for (k, id) in ids.enumerated() {
                let dying = waiting[k].filter { !checks[k].check.proved[$0] }
                try enqueue(consumersOf: id, rows: dying.map { checks[k].candidates[$0] }, sourceRound: next)
            }
            for (id, (candidates, check)) in zip(ids, checks) {
                let dying = candidates.indices.filter { !check.proved[$0] }
                for i in dying {
                    kill(candidates[i], of: id)
                    died.append((id, candidates[i]))
                    if check.unsettled[i] { _ = unsettled.insert(id, candidates[i]) }
                }
                for proof in check.laterProofs where !check.proved[proof.index] {
                    laterProofs.append((id, candidates[proof.index], proof.relation, proof.row))
                }
            }
        }
        return died
    }

    /// The second look at the candidates of `round` that have no proof from
    /// earlier rounds: one from settled live rows of this round, or of the
    /// next, may do. A tuple kept so has a proof from live tuples, which is
    /// all later checks need of it; keeping it spares its consumers, which
    /// on a graph are most of what would die and come back.
    ///
    /// - Every live row of this round is settled. Either it was no
    ///   candidate, so its first proof, from earlier rounds, stands (had a
    ///   row of it died, the row's consumers would include it); or it was
    ///   one and has a proof from settled rows. The candidates still without
    ///   a proof are dead meanwhile, so none leans on another.
    /// - Once the consumers of those dead are known (`candidatesOfNextRound`
    ///   given: those enqueued, and the heads of those that wait for this
    ///   look), the candidates of the next round are all known, and its
    ///   other live rows are settled the same way.
    ///
    /// The first look already found every proof through one row of this
    /// round or later (`ProofCheck.laterProofs`): it only remains to see
    /// which row is settled. Candidates whose search stopped early
    /// (`unsettled`) are checked again, for a proof from this round only.
    ///
    /// `checks` are per relation of `ids`; the rows proved here are marked
    /// proved in them and live again.
    private mutating func provedFromSettledRows(_ ids: [Int], _ checks: inout [(candidates: [Int], check: ProofCheck)],
                                              round: UInt32, candidatesOfNextRound: ((Int, Int) -> Bool)? = nil) throws(EvaluationError) {
        func settled(_ relation: Int, _ row: Int) -> Bool {
            if isLiveBaseRow(relation, row, ofRound: round) { return true }
            guard let candidatesOfNextRound, isLiveBaseRow(relation, row, ofRound: round + 1) else { return false }
            return !candidatesOfNextRound(relation, row)
        }
        var revived = true
        // Until nothing changes: a tuple kept may be the proof of another.
        while revived {
            revived = false
            for (k, id) in ids.enumerated() {
                for proof in checks[k].check.laterProofs where !checks[k].check.proved[proof.index] {
                    guard settled(proof.relation, proof.row) else { continue }
                    checks[k].check.proved[proof.index] = true
                    relations[id].revive(checks[k].candidates[proof.index])
                    revived = true
                }
            }
        }
        guard candidatesOfNextRound == nil else { return }
        for (k, id) in ids.enumerated() {
            let open = checks[k].candidates.indices.filter { checks[k].check.unsettled[$0] && !checks[k].check.proved[$0] }
            guard !open.isEmpty else { continue }
            let second = try proved(open.map { checks[k].candidates[$0] }, of: id, before: round + 1)
            for (j, i) in open.enumerated() where second.proved[j] {
                checks[k].check.proved[i] = true
                relations[id].revive(checks[k].candidates[i])
            }
        }
    }

    /// Whether a row of the base model (not one the world added) is live and of this round.
    private func isLiveBaseRow(_ relation: Int, _ row: Int, ofRound round: UInt32) -> Bool {
        let used = executor.relations[relation]
        return relation < baseCounts.count && row < baseCounts[relation] && used.rounds[row] == round && !used.isDead(row)
    }

    /// The rows of `relation` holding the first `count` tuples of `staged`
    /// (-1 where none is live). These lookups miss the cache, each in a
    /// table of millions of rows, so a large batch is split across cores
    /// as a large scan is (`PlanExecutor.minimumRowsToSplit`).
    private func rowsOf(_ count: Int, staged: UnsafeBufferPointer<UInt32>, in relation: Relation) -> [Int] {
        var rows = [Int](repeating: -1, count: count)
        guard count > 0, let tuples = staged.baseAddress else { return rows }
        let arity = relation.arity
        rows.withUnsafeMutableBufferPointer { rows in
            let found = rows.baseAddress!
            guard let split = executor.minimumRowsToSplit, count >= max(split, 2) else {
                relation.find(batch: tuples, count: count, into: found)
                return
            }
            let half = count / 2
            TwoCores.run { part in
                let low = part == 0 ? 0 : half, high = part == 0 ? half : count
                relation.find(batch: tuples + low * arity, count: high - low, into: found + low)
            }
        }
        return rows
    }

    /// The rules and body positions that read a relation through a positive atom.
    private func positions(of id: Int, in rules: [Clause]) -> [(rule: Int, position: Int)] {
        var result: [(Int, Int)] = []
        for (index, rule) in rules.enumerated() {
            for (i, literal) in rule.body.enumerated() {
                if case .positive(let atom) = literal, ids[atom.key] == id { result.append((index, i)) }
            }
        }
        return result
    }

    /// Stages the heads a rule derives with its positive atom at `position`
    /// matched to any of these rows of relation `id` and the rest matched
    /// to rows (dead ones too when `seesDeadRows`: a superset of what the
    /// tuples supported). Returns the head relation; the caller takes the
    /// heads from its staging.
    private mutating func consumers(of rows: [Int], in id: Int, rule: Clause, position: Int,
                                    seesDeadRows: Bool) throws(EvaluationError) -> Int {
        let few = rows.count <= Maintenance.fewRows
        let cacheKey = ConsumerPlanKey(rule: rule.span.start, file: ObjectIdentifier(rule.span.file), head: ids[rule.head.key]!,
                                       position: position, forFewRows: few)
        let plan: RulePlan
        if let cached = consumerPlans[cacheKey] {
            plan = cached
        } else {
            guard case .positive(let atom) = rule.body[position] else { preconditionFailure("a consumer reads a positive atom") }
            var body = rule.body
            body[position] = .positive(Atom(predicate: Maintenance.pinnedKey(atom.arity).name, args: atom.args,
                                            span: atom.span, nameSpan: atom.nameSpan))
            plan = try makePlan(Clause(head: rule.head, body: body, span: rule.span), pinnedAt: position, arity: atom.arity,
                                planner: few ? fewRowsPlanner : planner)
            consumerPlans[cacheKey] = plan
        }
        pin(rows, of: relations[id])
        try executor.execute(plan.compiled, rule: rule.span, seeingDeadRows: seesDeadRows)
        return plan.head
    }

    /// A rule is known by where it is written and what it derives: a
    /// translated rule (defeasible logic, magic sets) becomes several clauses
    /// with the written rule's span, each deriving a relation of its own.
    struct ConsumerPlanKey: Hashable {
        let rule: Int
        let file: ObjectIdentifier
        let head: Int
        let position: Int
        let forFewRows: Bool
    }

    /// What a proof check learnt of some rows, by their index in the rows checked.
    struct ProofCheck {
        /// Proved from live rows of rounds before the limit.
        var proved: [Bool]
        /// Not proved, and the search for a proof from later rows stopped
        /// early (`PlanExecutor.rowsMatchingLater`): only a new check can tell.
        var unsettled: [Bool]
        /// The proofs found that use one live row of the limit's round or
        /// later: the index of the row proved and the relation and row used.
        /// A row neither proved nor unsettled has exactly these proofs from
        /// live rows of any round.
        var laterProofs: [(index: Int, relation: Int, row: Int)] = []
    }

    /// Which of these rows of relation `id` some rule proves from live rows
    /// of rounds before `limit`, and what proofs through later rows the
    /// others have; one run of each proof plan for all of them.
    private mutating func proved(_ rows: [Int], of id: Int, before limit: UInt32) throws(EvaluationError) -> ProofCheck {
        let relation = relations[id]
        var check = ProofCheck(proved: Array(repeating: false, count: rows.count),
                               unsettled: Array(repeating: false, count: rows.count))
        // Indexes into rows still without a proof. A maintained stratum has
        // no forced or blocked tuple (`run` sends those strata to `reevaluate`).
        var open = Array(rows.indices)
        let plans = try proofPlans(for: id)
        let foundId = found[relation.arity]!, arity = relation.arity
        var pinnedRelation = executor.relations[pinned[arity]!]
        var pinnedAreOpen = false
        for i in plans.indices where !open.isEmpty {
            // The open rows are distinct tuples, so pinned row k is open[k].
            // Pinned again only when a rule proved some: most rules prove none.
            if !pinnedAreOpen {
                pinnedRelation = pin(open.map { rows[$0] }, of: relation)
                precondition(pinnedRelation.count == open.count, "candidates are distinct tuples")
                pinnedAreOpen = true
            }
            let later = try executor.executeBelow(round: limit, plans[i].compiled, rule: plans[i].clause.span)
            for k in later.stoppedRows { check.unsettled[open[k]] = true }
            for proof in later.proofs { check.laterProofs.append((open[proof.firstRow], proof.relation, proof.row)) }
            let count = executor.stagedCount(of: foundId)
            executor.takeStaged(of: foundId) { buffer in
                for k in 0..<count {
                    let row = arity == 0 ? Relation.withTuple([], { pinnedRelation.find($0) }) : pinnedRelation.find(buffer.baseAddress! + k * arity)
                    check.proved[open[row!]] = true
                }
            }
            if count > 0 {
                open.removeAll { check.proved[$0] }
                pinnedAreOpen = false
            }
        }
        return check
    }

    /// Per rule of the relation: `$found(head args) :- $pinned(head args), body`.
    private mutating func proofPlans(for id: Int) throws(EvaluationError) -> [RulePlan] {
        if let plans = proofPlans[id] { return plans }
        var plans: [RulePlan] = []
        for rule in rulesByHead[id] ?? [] {
            let head = rule.head
            let pinnedAtom = Atom(predicate: Maintenance.pinnedKey(head.arity).name, args: head.args, span: head.span, nameSpan: head.nameSpan)
            let foundAtom = Atom(predicate: Maintenance.foundKey(head.arity).name, args: head.args, span: head.span, nameSpan: head.nameSpan)
            let clause = Clause(head: foundAtom, body: [.positive(pinnedAtom)] + rule.body, span: rule.span)
            plans.append(try makePlan(clause, pinnedAt: 0, arity: head.arity))
        }
        proofPlans[id] = plans
        return plans
    }

    private func makePlan(_ clause: Clause, pinnedAt position: Int, arity: Int, planner: Planner? = nil) throws(EvaluationError)
        -> RulePlan {
        do {
            return try (planner ?? self.planner).plan(clause, deltaAt: position, recursive: [pinned[arity]!])
        } catch {
            throw EvaluationError(error.message, at: error.span)
        }
    }

    /// Makes these rows of `relation` the rows a pinned scan of its arity
    /// sees, in this order; returns the pinned relation.
    @discardableResult
    private func pin(_ rows: [Int], of relation: Relation) -> Relation {
        let pinnedRelation = executor.relations[pinned[relation.arity]!]
        pinnedRelation.removeAll()
        for row in rows { pinnedRelation.insert(relation.row(row), round: 0) }
        pinnedRelation.deltaStart = 0
        pinnedRelation.deltaEnd = pinnedRelation.count
        return pinnedRelation
    }

    // MARK: Rederivation and additions

    /// Gives back the removed tuples that still have a proof, then derives
    /// semi-naively from them and from every row the world added below.
    private mutating func rederive(_ died: [(Int, Int)], in stratumIds: Set<Int>, rules: [Clause]) throws(EvaluationError) {
        var proved: [Int: [UInt32]] = [:]
        var unproved: [Int: [Int]] = [:]
        var provedAgain = RowSet(baseCounts)
        for proof in laterProofs where !executor.relations[proof.relation].isDead(proof.used) {
            _ = provedAgain.insert(proof.id, proof.row)
        }
        for id in Set(died.map(\.0)).sorted() {
            let again = died.compactMap { $0.0 == id && unsettled.contains(id, $0.1) ? $0.1 : nil }
            for (row, isProved) in zip(again, try self.proved(again, of: id, before: .max).proved) where isProved {
                _ = provedAgain.insert(id, row)
            }
            let relation = relations[id]
            var tuples: [UInt32] = [], any = false, rest: [Int] = []
            for (diedId, row) in died where diedId == id {
                if provedAgain.contains(id, row) {
                    tuples.append(contentsOf: UnsafeBufferPointer(start: relation.row(row), count: relation.arity))
                    any = true
                } else {
                    rest.append(row)
                }
            }
            // Present even when empty: a proved tuple of arity 0 has no ids.
            if any { proved[id] = tuples }
            if !rest.isEmpty { unproved[id] = rest }
        }
        for (id, tuples) in proved.sorted(by: { $0.key < $1.key }) {
            let relation = relations[id]
            if relation.arity == 0 {
                relation.insert([], round: round)
            } else {
                tuples.withUnsafeBufferPointer {
                    relation.insert(batch: $0.baseAddress!, count: tuples.count / relation.arity, round: round)
                }
            }
        }
        round += 1
        let grown = Set(relations.indices.filter { relations[$0].count > baseCounts[$0] })
        for id in stratumIds where !(removed[id] ?? []).isEmpty { changed.insert(id) }
        let sources = stratumIds.union(grown)
        var plans: [RulePlan] = []
        do {
            for rule in rules { plans += try planner.plans(for: rule, recursive: sources).filter(\.isDeltaVariant) }
        } catch {
            throw EvaluationError(error.message, at: error.span)
        }
        // The first round's delta is everything the world added so far.
        for (id, relation) in relations.enumerated() {
            relation.deltaStart = grown.contains(id) ? baseCounts[id] : relation.count
            relation.deltaEnd = relation.count
        }
        guard !grown.isEmpty, !plans.isEmpty else {
            for relation in relations { relation.deltaStart = 0; relation.deltaEnd = relation.count }
            return
        }
        let keeps = keepRules(for: stratumIds, awaiting: grown.isSubset(of: stratumIds) ? unproved : nil)
        var first = true
        while true {
            for plan in plans {
                try executor.execute(plan.compiled, rule: plan.clause.span)
            }
            if first {
                for (id, relation) in relations.enumerated() where !stratumIds.contains(id) {
                    relation.deltaStart = relation.count
                }
                first = false
            }
            var grew = false
            for id in stratumIds.sorted() {
                if try executor.drainStaging(of: id, round: round, keep: keeps[id] ?? nil) { grew = true }
            }
            executor.startRound()
            round += 1
            try Evaluator.checkSize(relations, limits)
            if !grew { break }
        }
        for id in stratumIds where relations[id].count > baseCounts[id] { changed.insert(id) }
        for relation in relations { relation.deltaStart = 0; relation.deltaEnd = relation.count }
    }

    /// Which derived tuples rederivation inserts, per relation of the
    /// stratum: all (nil), or when `awaiting` is given, only those among its
    /// rows, once each.
    ///
    /// `awaiting` is given when nothing below grew: the world then holds no
    /// tuple the base did not,
    /// so a derived tuple is either live or one that died and still has no
    /// proof (`awaiting`). Looking it up in a small table of the latter
    /// spares a probe of the relation's own table, millions of rows out of
    /// cache, for each of the many that are live.
    private func keepRules(for stratumIds: Set<Int>, awaiting: [Int: [Int]]?)
        -> [Int: ((UnsafePointer<UInt32>) -> Bool)?] {
        var keeps: [Int: ((UnsafePointer<UInt32>) -> Bool)?] = [:]
        for id in stratumIds {
            guard let awaiting else {
                keeps[id] = nil
                continue
            }
            let relation = relations[id], rows = awaiting[id] ?? []
            let table = Relation(arity: relation.arity)
            table.reserve(rows.count)
            for r in rows { table.insert(relation.row(r), round: 0) }
            // Dead rows hold distinct tuples, so row k of the table is rows[k].
            var taken = [Bool](repeating: false, count: rows.count)
            keeps[id] = { tuple in
                guard let k = table.find(tuple), !taken[k] else { return false }
                taken[k] = true
                return true
            }
        }
        return keeps
    }
}


/// A set of rows of the base model: one bit per row, a bitmap per relation
/// made on first use. Cheaper than a `Set` of row numbers, which hashes each
/// with SipHash.
private struct RowSet {
    private let counts: [Int]
    private var bits: [[UInt64]]

    init(_ counts: [Int]) {
        self.counts = counts
        bits = counts.map { _ in [] }
    }

    func contains(_ id: Int, _ row: Int) -> Bool {
        guard !bits[id].isEmpty else { return false }
        return bits[id][row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// True when the row was not in the set.
    mutating func insert(_ id: Int, _ row: Int) -> Bool {
        if bits[id].isEmpty { bits[id] = Array(repeating: 0, count: max((counts[id] + 63) >> 6, 1)) }
        let mask: UInt64 = 1 << UInt64(row & 63)
        if bits[id][row >> 6] & mask != 0 { return false }
        bits[id][row >> 6] |= mask
        return true
    }
}
