import RedlineLanguage
/// Runs plans: nested loops over scans, with filters, assignments and
/// aggregates between them. Relations are read-only while a plan runs; new
/// head tuples go to staging and are inserted between runs, so raw row
/// pointers stay valid during a scan.
final class PlanExecutor {
    let store: ValueStore
    var relations: [Relation]
    let limits: EvaluationLimits
    /// Head tuples derived by the current round, per relation, flat; read
    /// by `drainStaging` and, in a what-if world, `takeStaged`.
    private(set) var staging: [[UInt32]]
    /// Query answers go straight here (no rule reads it).
    var output: Relation?
    var outputId = -1

    private var registers: UnsafeMutablePointer<UInt32>
    private var registerCapacity = 64
    /// The tuple a membership scan looks up.
    private var lookupKey: UnsafeMutablePointer<UInt32> = .allocate(capacity: 8)
    private var lookupKeyCapacity = 8
    private var scratch: [UInt32] = []
    /// One per aggregate being computed: the distinct matches, each row the
    /// body's variables and then the contribution (a Relation deduplicates
    /// them with the engine's own hashing, far cheaper than a Swift dictionary).
    private var accumulators: [Relation] = []
    private var collectRow: [UInt32] = []
    private var ticks = 0
    /// Overrides the row range of a plan's first scan: the part of it this
    /// executor runs when a plan is split across cores.
    private var firstScanRange: (Int, Int)?
    /// Set by evaluation and by what-if maintenance: split flat scans of at
    /// least this many rows across cores (see `runSplit`); nil never splits.
    var minimumRowsToSplit: Int?
    private var helper: PlanExecutor?
    /// Derivations staged since the evaluator last drained staging.
    private(set) var stagedTuples = 0
    private var currentClause: SourceSpan?
    /// Scans skip dead rows (see `Relation.kill`) unless this is set: the
    /// search for what a removed tuple supported must see all of them. Set
    /// only for the length of `execute(_:rule:seeingDeadRows:)`.
    private var seesDeadRows = false
    /// Positive scans outside aggregates see only rows of earlier rounds:
    /// the test for a proof that does not go through later tuples. Set only
    /// for the length of `executeBelow`.
    private var roundLimit = UInt32.max
    /// Below a round limit: the rows of the first scan (the tuples a proof
    /// check pins) for which some body atom matched a live row of the limit's
    /// round or later and the search stopped there, in scan order: what it
    /// would have found beyond is not known. A batched last lookup does not
    /// stop; it lists what it finds in `laterProofs` instead.
    private var rowsMatchingLater: [Int] = []
    /// Below a round limit: the proofs a batched last lookup completed with a
    /// live row of the limit's round or later (every other row of them being
    /// earlier): the first scan's row, and the relation and row looked up.
    /// A pinned tuple left without a proof and not in `rowsMatchingLater`
    /// has exactly these proofs from live rows of any round.
    private var laterProofs: [(firstRow: Int, relation: Int, row: Int)] = []
    private var matchedLater = false
    /// The steps of the plan `execute` runs. An aggregate's body is a plan
    /// of its own whose step 0 is no first scan: the pinned rows, the split
    /// range and the rows a proof check reports are those of this plan's.
    private var outermost: UnsafeMutablePointer<FlatStep>?
    /// Lookups of a plan whose last step before the emit is a membership
    /// lookup, collected and made in batches (see `deferLookup`).
    private var deferred = DeferredLookups()

    init(store: ValueStore, relations: [Relation], limits: EvaluationLimits) {
        self.store = store
        self.relations = relations
        self.limits = limits
        staging = Array(repeating: [], count: relations.count)
        registers = .allocate(capacity: registerCapacity)
        registers.initialize(repeating: 0, count: registerCapacity)
    }

    deinit {
        registers.deallocate()
        lookupKey.deallocate()
    }

    /// What a run below a round limit met of the limit's round or later:
    /// the rows of the first scan whose search stopped there, and the proofs
    /// a batched last lookup completed through such a row (see the fields).
    struct LaterMatches {
        var stoppedRows: [Int]
        var proofs: [(firstRow: Int, relation: Int, row: Int)]
    }

    /// Runs `plan` with positive scans outside aggregates seeing only rows
    /// of rounds before `limit`; reports what they met of `limit` or later.
    func executeBelow(round limit: UInt32, _ plan: CompiledPlan, rule: SourceSpan?) throws(EvaluationError) -> LaterMatches {
        roundLimit = limit
        rowsMatchingLater.removeAll(keepingCapacity: true)
        laterProofs.removeAll(keepingCapacity: true)
        defer { roundLimit = .max }
        try execute(plan, rule: rule)
        return LaterMatches(stoppedRows: rowsMatchingLater, proofs: laterProofs)
    }

    /// How many tuples are staged for relation `id`.
    func stagedCount(of id: Int) -> Int {
        let arity = relations[id].arity
        guard id < staging.count else { return 0 }
        return arity == 0 ? min(staging[id].count, 1) : staging[id].count / arity
    }

    /// Hands the tuples staged for relation `id` (flat) to `body`, then
    /// empties staging: a what-if world reads the heads a check derived
    /// instead of inserting them. The buffer is reused, never copied.
    func takeStaged<Result>(of id: Int, _ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        defer {
            staging[id].removeAll(keepingCapacity: true)
            stagedTuples = 0
        }
        return staging[id].withUnsafeBufferPointer(body)
    }

    /// Runs `plan` with scans that see dead rows too when `seeingDeadRows`.
    func execute(_ plan: CompiledPlan, rule: SourceSpan?, seeingDeadRows: Bool) throws(EvaluationError) {
        seesDeadRows = seeingDeadRows
        defer { seesDeadRows = false }
        try execute(plan, rule: rule)
    }

    /// A new round: the limit on tuples staged in one round starts again.
    func startRound() { stagedTuples = 0 }

    func execute(_ plan: CompiledPlan, rule: SourceSpan?) throws(EvaluationError) {
        reserveRegisters(plan.slotCount)
        if staging.count < relations.count { staging += Array(repeating: [], count: relations.count - staging.count) }
        currentClause = rule
        matchedLater = false
        plan.bind(to: relations)
        outermost = plan.flat
        deferred.start(plan, when: !seesDeadRows && output == nil)
        if let split = splitPoint(plan) {
            try runSplit(plan, at: split, rule: rule)
        } else {
            try run(plan.flat, 0)
            try lookUpDeferred()
        }
    }

    /// Where to split the rows of the plan's first scan between two cores,
    /// if it pays: the plan must be flat, and its first scan must walk
    /// enough rows without a key.
    private func splitPoint(_ plan: CompiledPlan) -> Int? {
        guard let minimumRowsToSplit, plan.isFlat, output == nil else { return nil }
        let first = plan.flat[0]
        guard first.kind == .scan, !first.negated, !first.isMembership, first.index == nil,
              first.high - first.low >= max(minimumRowsToSplit, 2) else { return nil }
        return first.low + (first.high - first.low) / 2
    }

    /// Below this many rows a split costs more (waking the other core) than
    /// it saves: at 1,024 the chain's rounds of under 2,000 rows were split
    /// and it got slower. With one core a split never pays.
    static let rowsWorthSplitting: Int? = TwoCores.available ? 2048 : nil

    /// Runs rows `low..<split` of the first scan here and `split..<high` on
    /// a helper executor on another core, then stages the helper's
    /// derivations after this one's: staging then holds exactly what one
    /// core would have staged, in the same order.
    private func runSplit(_ plan: CompiledPlan, at split: Int, rule: SourceSpan?) throws(EvaluationError) {
        let helper = self.helper ?? PlanExecutor(store: store, relations: relations, limits: limits)
        self.helper = helper
        if helper.staging.count < staging.count {
            helper.staging += Array(repeating: [], count: staging.count - helper.staging.count)
        }
        helper.reserveRegisters(plan.slotCount)
        helper.currentClause = rule
        helper.seesDeadRows = seesDeadRows
        helper.roundLimit = roundLimit
        helper.outermost = plan.flat
        helper.deferred.start(plan, when: deferred.plan != nil)
        let first = plan.flat[0]
        firstScanRange = (first.low, split)
        helper.firstScanRange = (split, first.high)
        defer {
            firstScanRange = nil
            helper.firstScanRange = nil
        }
        let errors = SplitErrors()
        let halves = [self, helper], flat = plan.flat
        TwoCores.run { half in
            do throws(EvaluationError) {
                try halves[half].run(flat, 0)
                try halves[half].lookUpDeferred()
            } catch {
                errors.set(half, error)
            }
        }
        // The lower half's error is the one a single core would have met first.
        if let error = errors.first { throw error }
        let head = plan.flat[plan.steps.count - 1].relation
        staging[head].append(contentsOf: helper.staging[head])
        helper.staging[head].removeAll(keepingCapacity: true)
        rowsMatchingLater += helper.rowsMatchingLater
        helper.rowsMatchingLater.removeAll(keepingCapacity: true)
        laterProofs += helper.laterProofs
        helper.laterProofs.removeAll(keepingCapacity: true)
        stagedTuples += helper.stagedTuples
        helper.stagedTuples = 0
    }

    private func reserveLookupKey(_ count: Int) {
        guard count > lookupKeyCapacity else { return }
        lookupKey.deallocate()
        lookupKeyCapacity = count * 2
        lookupKey = .allocate(capacity: lookupKeyCapacity)
    }

    private func reserveRegisters(_ slotCount: Int) {
        guard slotCount > registerCapacity else { return }
        registers.deallocate()
        registerCapacity = slotCount * 2
        registers = .allocate(capacity: registerCapacity)
        registers.initialize(repeating: 0, count: registerCapacity)
    }

    /// Inserts what the round staged for one relation (those `keep` accepts),
    /// makes the new rows its delta, and says whether it grew.
    /// Millions of staged tuples take long enough to insert that the limits
    /// are polled between slices of this many.
    static let insertSlice = 1 << 16

    func drainStaging(of id: Int, round: UInt32, keep: ((UnsafePointer<UInt32>) -> Bool)? = nil) throws(EvaluationError) -> Bool {
        let relation = relations[id]
        let before = relation.count
        let staged = staging[id]
        if !staged.isEmpty {
            if relation.arity == 0 {
                // An arity-0 atom stages one placeholder per derivation.
                let none = [UInt32(0)]
                if none.withUnsafeBufferPointer({ keep?($0.baseAddress!) ?? true }) { relation.insert([], round: round) }
            } else {
                let count = staged.count / relation.arity
                for start in stride(from: 0, to: count, by: PlanExecutor.insertSlice) {
                    if start > 0 { try limits.check() }
                    staged.withUnsafeBufferPointer { buffer in
                        relation.insert(batch: buffer.baseAddress! + start * relation.arity,
                                        count: min(PlanExecutor.insertSlice, count - start), round: round, keep: keep)
                    }
                }
            }
            staging[id].removeAll(keepingCapacity: true)
        }
        relation.deltaStart = before
        relation.deltaEnd = relation.count
        return relation.count > before
    }

    private func fail(_ message: String, _ span: SourceSpan?) -> EvaluationError {
        var text = message
        if let rule = currentClause, let span, rule != span { text += " (in the rule at \(rule))" }
        return EvaluationError(text, at: span ?? currentClause)
    }

    private func tick() throws(EvaluationError) {
        ticks &+= 1
        if ticks & 0xFFFF == 0 {
            try limits.check()
            // One round (or one query's answers) can outgrow memory before the round ends.
            if stagedTuples + (output?.count ?? 0) > limits.maxTuples { throw limits.tooManyTuples() }
        }
    }

    @inline(__always)
    private func keyValue(_ source: KeySource) -> UInt32 {
        switch source {
        case .slot(let s): return registers[s]
        case .constant(let c): return c
        }
    }

    private func match(_ pattern: ColumnPattern, _ value: UInt32) -> Bool {
        switch pattern {
        case .bind(let s):
            registers[s] = value
            return true
        case .check(let s): return registers[s] == value
        case .constant(let c): return c == value
        case .ignore: return true
        case .compound(let functor, let subpatterns):
            guard let parts = store.compoundParts(value), parts.functor == functor, parts.args.count == subpatterns.count else {
                return false
            }
            for (sub, arg) in zip(subpatterns, parts.args) where !match(sub, arg) { return false }
            return true
        }
    }

    private func run(_ plan: UnsafeMutablePointer<FlatStep>, _ at: Int) throws(EvaluationError) {
        let step = plan + at
        switch step.pointee.kind {
        case .scan:
            try scan(plan, at)
        case .equal:
            if registers[step.pointee.left] == registers[step.pointee.right] { try run(plan, at + 1) }
        case .notEqual:
            if registers[step.pointee.left] != registers[step.pointee.right] { try run(plan, at + 1) }
        case .emit:
            try emit(step)
        case .general:
            try runGeneral(step.pointee.general!.takeUnretainedValue().step, plan, at)
        }
    }

    /// The steps that are not plain data (see `CompiledPlan`).
    private func runGeneral(_ step: PlanStep, _ plan: UnsafeMutablePointer<FlatStep>, _ at: Int) throws(EvaluationError) {
        switch step {
        case .scan:
            preconditionFailure("scans are flat")
        case .emit(let emit):
            try emitBuilding(emit)
        case .compare(let op, let left, let right, let span):
            let (a, b) = (try evaluate(left, span), try evaluate(right, span))
            let holds: Bool
            do { holds = try Arithmetic.compare(op, a, b) } catch { throw fail(error.message, span) }
            if holds { try run(plan, at + 1) }
        case .assign(let slot, let expression, let span):
            registers[slot] = store.intern(try evaluate(expression, span))
            try run(plan, at + 1)
        case .aggregate(let aggregate):
            guard let result = try self.aggregate(aggregate) else { return }
            if match(aggregate.result, result) { try run(plan, at + 1) }
        case .collect(let value, let distinct):
            collectRow.removeAll(keepingCapacity: true)
            for slot in distinct { collectRow.append(registers[slot]) }
            collectRow.append(value == nil ? 0 : store.intern(try evaluate(value!, nil)))
            _ = accumulators[accumulators.count - 1].insert(collectRow, round: 0)
        }
    }

    private func scan(_ plan: UnsafeMutablePointer<FlatStep>, _ at: Int) throws(EvaluationError) {
        let scan = plan[at]
        let relation = scan.view!
        let isFirstScan = at == 0 && plan == outermost
        let (low, high) = isFirstScan ? firstScanRange ?? (scan.low, scan.high) : (scan.low, scan.high)
        var found = false
        // Set only while a world removes rows or checks a proof's rounds: one
        // predictable branch per row otherwise.
        let dead = seesDeadRows ? nil : relation.deadRows
        let deadLimit = relation.deadLimit, rounds = relation.rounds
        let limit = scan.negated ? UInt32.max : roundLimit
        let filters = dead != nil || limit != UInt32.max
        @inline(__always) func isDead(_ r: Int) -> Bool {
            guard let dead, r < deadLimit else { return false }
            return dead[r >> 6] & (1 << UInt64(r & 63)) != 0
        }
        /// A live row that matches but is of the round limit or later.
        @inline(__always) func isLater(_ r: Int) -> Bool {
            guard limit != .max, rounds[r] >= limit else { return false }
            matchedLater = true
            return true
        }
        @inline(__always) func finished(firstScanRow r: Int) {
            guard isFirstScan, matchedLater else { return }
            rowsMatchingLater.append(r)
            matchedLater = false
        }
        let keyCount = scan.keyCount, keySlots = scan.keySlots!, keyConstants = scan.keyConstants!
        // Key registers were bound by earlier steps; later ones never rebind them.
        @inline(__always) func key(_ i: Int) -> UInt32 { keySlots[i] < 0 ? keyConstants[i] : registers[keySlots[i]] }
        if scan.isMembership {
            if plan == deferred.plan && at == deferred.step {
                try deferLookup(plan, at, key)
                return
            }
            reserveLookupKey(keyCount)
            // Keys are in column order, so they are the tuple.
            for i in 0..<keyCount { lookupKey[i] = key(i) }
            var row = relation.probe(lookupKey, dead: false)
            if row == nil, seesDeadRows, relation.deadRows != nil { row = relation.probe(lookupKey, dead: true) }
            if let r = row, r >= low, r < high, !isLater(r) {
                if scan.negated {
                    found = true
                } else {
                    try tick()
                    if isFirstScan { deferred.firstRow = r }
                    try run(plan, at + 1)
                    finished(firstScanRow: r)
                }
            }
        } else if scan.enumeratedColumn >= 0 {
            let free = scan.enumeratedColumn
            reserveLookupKey(relation.arity)
            let keyColumns = scan.keyColumns!
            // Ids in order, so the rows come in the order of their values' ids.
            for id in 0..<UInt32(store.count) {
                // Filled each time: a later step may look another tuple up in this buffer.
                for i in 0..<keyCount { lookupKey[keyColumns[i]] = key(i) }
                lookupKey[free] = id
                var row = relation.probe(lookupKey, dead: false)
                if row == nil, seesDeadRows, relation.deadRows != nil { row = relation.probe(lookupKey, dead: true) }
                guard let r = row, r >= low, r < high, !isLater(r), matchRow(scan, relation.row(r)) else { continue }
                try tick()
                if isFirstScan { deferred.firstRow = r }
                try run(plan, at + 1)
                finished(firstScanRow: r)
            }
        } else if let index = scan.index {
            let keyColumns = scan.keyColumns!
            let bucket = HashIndex.hash(count: keyCount, key) & index.bucketMask
            var entry = index.heads[bucket]
            let next = index.next
            while entry != 0 {
                let r = Int(entry) - 1
                entry = next[r]
                if r >= high { continue }
                if r < low { break }
                if filters, isDead(r) { continue }
                let row = relation.row(r)
                var keyMatches = true
                for i in 0..<keyCount where row[keyColumns[i]] != key(i) {
                    keyMatches = false
                    break
                }
                guard keyMatches, matchRow(scan, row) else { continue }
                if filters, isLater(r) { continue }
                if scan.negated { found = true; break }
                try tick()
                if isFirstScan { deferred.firstRow = r }
                try run(plan, at + 1)
                finished(firstScanRow: r)
            }
        } else {
            var r = low
            while r < high {
                let row = relation.row(r)
                r += 1
                if filters, isDead(r - 1) { continue }
                guard matchRow(scan, row) else { continue }
                if filters, isLater(r - 1) { continue }
                if scan.negated { found = true; break }
                try tick()
                if isFirstScan { deferred.firstRow = r - 1 }
                try run(plan, at + 1)
                finished(firstScanRow: r - 1)
            }
        }
        if scan.negated && !found { try run(plan, at + 1) }
    }

    /// Collects the lookup of the plan's last scan with the head it would
    /// emit, instead of making it now: made one after another in a tight
    /// loop, the lookups' cache misses overlap, where between the steps of
    /// the nested loops each waits for the last. Heads are staged in the
    /// order the nested loops would have staged them.
    private func deferLookup(_ plan: UnsafeMutablePointer<FlatStep>, _ at: Int, _ key: (Int) -> UInt32) throws(EvaluationError) {
        let emit = plan[at + 1]
        for i in 0..<plan[at].keyCount { deferred.keys.append(key(i)) }
        for i in 0..<emit.arity {
            deferred.heads.append(emit.emitSlots![i] < 0 ? emit.emitConstants![i] : registers[emit.emitSlots![i]])
        }
        deferred.firstRows.append(deferred.firstRow)
        if deferred.firstRows.count == DeferredLookups.batch { try lookUpDeferred() }
    }

    /// Makes the collected lookups; stages the heads of those that find a
    /// live row in range (of an earlier round, under a round limit).
    private func lookUpDeferred() throws(EvaluationError) {
        guard let plan = deferred.plan, !deferred.firstRows.isEmpty else { return }
        let scan = plan[deferred.step], emit = plan[deferred.step + 1]
        let relation = scan.view!, keyCount = scan.keyCount, arity = emit.arity
        let count = deferred.firstRows.count, limit = roundLimit
        var hits: [Int] = []
        var later: [(Int, Int)] = []
        deferred.keys.withUnsafeBufferPointer { buffer in
            let keys = buffer.baseAddress!
            for i in 0..<count {
                if i + 8 < count { relation.prefetchSlot(of: keys + (i + 8) * keyCount) }
                guard let r = relation.probe(keys + i * keyCount, dead: false), r >= scan.low, r < scan.high else { continue }
                if limit != .max, relation.rounds[r] >= limit { later.append((i, r)) } else { hits.append(i) }
            }
        }
        for (i, r) in later { laterProofs.append((deferred.firstRows[i], scan.relation, r)) }
        for i in hits {
            if arity == 0 {
                staging[emit.relation].append(0)
            } else {
                for j in 0..<arity { staging[emit.relation].append(deferred.heads[i * arity + j]) }
            }
            stagedTuples += 1
            try tick()
        }
        deferred.clear()
    }

    @inline(__always)
    private func matchRow(_ scan: FlatStep, _ row: UnsafeMutablePointer<UInt32>) -> Bool {
        let patterns = scan.patterns!
        for i in 0..<scan.patternCount {
            let pattern = patterns[i], value = row[pattern.column]
            switch pattern.kind {
            case .bind: registers[pattern.argument] = value
            case .check: if registers[pattern.argument] != value { return false }
            case .constant: if UInt32(pattern.argument) != value { return false }
            case .ignore: break
            case .compound:
                let step = scan.scan!.takeUnretainedValue()
                if !match(step.patterns[pattern.argument].pattern, value) { return false }
            }
        }
        return true
    }

    private func emit(_ step: UnsafeMutablePointer<FlatStep>) throws(EvaluationError) {
        let relationId = step.pointee.relation, arity = step.pointee.arity
        let slots = step.pointee.emitSlots!, constants = step.pointee.emitConstants!
        if relationId == outputId {
            scratch.removeAll(keepingCapacity: true)
            for i in 0..<arity { scratch.append(slots[i] < 0 ? constants[i] : registers[slots[i]]) }
            output!.insert(scratch, round: 0)
            try tick()
            return
        }
        // Deduplication happens once, at insertion: probing here as well
        // would cost a second cache miss per derivation.
        // Arity 0 stages a placeholder so the insert phase sees the derivation.
        if arity == 0 {
            staging[relationId].append(0)
        } else {
            for i in 0..<arity { staging[relationId].append(slots[i] < 0 ? constants[i] : registers[slots[i]]) }
        }
        stagedTuples += 1
        try tick()
    }

    /// An emit with a compound term in its head.
    private func emitBuilding(_ step: EmitStep) throws(EvaluationError) {
        scratch.removeAll(keepingCapacity: true)
        for pattern in step.patterns { scratch.append(try build(pattern)) }
        if step.relation == outputId {
            output!.insert(scratch, round: 0)
        } else {
            staging[step.relation].append(contentsOf: scratch.isEmpty ? [0] : scratch)
            stagedTuples += 1
        }
        try tick()
    }

    private func build(_ pattern: HeadPattern) throws(EvaluationError) -> UInt32 {
        switch pattern {
        case .slot(let s): return registers[s]
        case .constant(let c): return c
        case .compound(let functor, let args):
            var ids: [UInt32] = []
            for arg in args { ids.append(try build(arg)) }
            if 1 + (ids.map(store.depth).max() ?? 0) > ValueStore.maxTermDepth { throw tooDeep() }
            return store.internCompound(functor, ids)
        }
    }

    private func tooDeep() -> EvaluationError {
        fail("a derived term nests deeper than \(ValueStore.maxTermDepth) levels; does a rule build terms without end?", nil)
    }

    private func evaluate(_ expression: PlanExpression, _ span: SourceSpan?) throws(EvaluationError) -> Value {
        switch expression {
        case .slot(let s): return store[registers[s]]
        case .constant(let v): return v
        case .compound(let functor, let args):
            var values: [Value] = []
            for arg in args { values.append(try evaluate(arg, span)) }
            let value = Value.compound(functor, values)
            if value.depth > ValueStore.maxTermDepth { throw tooDeep() }
            return value
        case .negation(let a):
            let value = try evaluate(a, span)
            do { return try Arithmetic.negate(value) } catch { throw fail(error.message, span) }
        case .call(let function, let args):
            var values: [Value] = []
            for arg in args { values.append(try evaluate(arg, span)) }
            do { return try function.apply(values) } catch { throw fail(error.message, span) }
        case .arithmetic(let op, let a, let b):
            let (x, y) = (try evaluate(a, span), try evaluate(b, span))
            do { return try Arithmetic.apply(op, x, y) } catch { throw fail(error.message, span) }
        }
    }

    /// nil when the aggregate has no value (min or max of nothing).
    private func aggregate(_ step: AggregateStep) throws(EvaluationError) -> UInt32? {
        if let id = step.countsWholeRelation, relations[id].deadCount == 0 {
            return store.intern(.integer(Int64(relations[id].deltaEnd)))
        }
        let key = step.groupSlots.map { registers[$0] }
        if let cached = step.cache[key] { return cached }
        let saved = Array(UnsafeBufferPointer(start: registers, count: registerCapacity))
        guard case .collect(_, let distinct)? = step.body.last else { preconditionFailure("an aggregate body ends in collect") }
        accumulators.append(Relation(arity: distinct.count + 1))
        // What an aggregate reads is a lower stratum's whole relation, whatever the rounds.
        let savedLimit = roundLimit
        roundLimit = .max
        defer { roundLimit = savedLimit }
        step.compiledBody.bind(to: relations)
        try run(step.compiledBody.flat, 0)
        let contributions = accumulators.removeLast()
        saved.withUnsafeBufferPointer { registers.update(from: $0.baseAddress!, count: registerCapacity) }
        let valueColumn = distinct.count
        var result: Value?
        switch step.function {
        case .count:
            result = .integer(Int64(contributions.count))
        case .sum:
            // Sorted, so the first type error found is the same every run.
            let rows = (0..<contributions.count).map { contributions.tuple($0) }
            let values = rows.sorted { $0.lexicographicallyPrecedes($1) }.map { store[$0[valueColumn]] }
            var total: Value = values.first ?? step.zero
            for value in values.dropFirst() {
                do { total = try Arithmetic.apply(.add, total, value) } catch { throw fail("in 'sum': \(error.message)", step.span) }
            }
            result = total
        case .min, .max:
            for row in 0..<contributions.count {
                let value = store[contributions.row(row)[valueColumn]]
                guard let current = result else { result = value; continue }
                let c = Value.order(value, current)
                if (step.function == .min && c < 0) || (step.function == .max && c > 0) { result = value }
            }
        }
        let id = result.map { store.intern($0) }
        step.cache[key] = id
        return id
    }
}

/// What the two halves of a split plan threw. Each half writes only its
/// own field, and `TwoCores.run` returns after both are done.
private final class SplitErrors {
    private var lower: EvaluationError?
    private var upper: EvaluationError?
    func set(_ half: Int, _ error: EvaluationError) {
        if half == 0 { lower = error } else { upper = error }
    }
    var first: EvaluationError? { lower ?? upper }
}

/// The lookups an executor has deferred (see `PlanExecutor.deferLookup`).
private struct DeferredLookups {
    /// Lookups made at once: enough for their misses to overlap, few enough
    /// that keys and heads stay in cache.
    static let batch = 64
    /// Set as each plan starts to run: the plan whose lookups are deferred,
    /// nil when it has none to defer.
    private(set) var plan: UnsafeMutablePointer<FlatStep>?
    private(set) var step = -1
    var keys: [UInt32] = []
    var heads: [UInt32] = []
    /// The row of the plan's first scan each lookup was made for.
    var firstRows: [Int] = []
    var firstRow = 0

    mutating func start(_ compiled: CompiledPlan, when allowed: Bool) {
        clear()
        plan = allowed && compiled.probesLast ? compiled.flat : nil
        step = compiled.steps.count - 2
    }

    mutating func clear() {
        keys.removeAll(keepingCapacity: true)
        heads.removeAll(keepingCapacity: true)
        firstRows.removeAll(keepingCapacity: true)
    }
}
