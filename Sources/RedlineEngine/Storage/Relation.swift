import RedlineLanguage
import CPrefetch

/// A set of tuples of one arity, stored flat.
///
/// The life of a tuple: rules derive it into a staging buffer; `insert`
/// appends it (if new) with the round in which it first appeared. Rows are
/// never moved or removed, so a row number is a stable name for a tuple and
/// the rows of one round are a contiguous range: the semi-naive "delta" of
/// the next round is simply `deltaStart..<deltaEnd`, the "old" tuples are
/// the rows below it and "all" is everything below `deltaEnd`. A what-if
/// world that retracts something marks rows dead instead of removing them
/// (`kill`), and scans skip dead rows.
///
/// All raw-memory access of the engine lives in this file and `HashIndex`.
final class Relation {
    let arity: Int
    private(set) var count = 0
    /// Row-major ids: row r is `rows[r * arity ..< (r + 1) * arity]`.
    private(set) var rows: UnsafeMutablePointer<UInt32>
    private(set) var rounds: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    /// Open addressing for deduplication: each slot holds the tuple's 32-bit
    /// hash above its row number + 1 (0 is empty), so probes and rehashes
    /// rarely touch the rows themselves.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotMask: Int
    private(set) var indexes: [HashIndex] = []

    var deltaStart = 0
    var deltaEnd = 0

    /// While a world extends this relation in place: the table slots its new
    /// rows took, in order, so `rollBack` can free them (see `Evaluator.withChanges`).
    private var journaling = false
    private var journal: [Int] = []
    private var journalIsValid = true

    /// While a world removes rows in place: one bit per row below
    /// `deadLimit` (the rows the base model had), nil when none is removed.
    /// A dead row keeps its data and table slot, so the world can be rolled
    /// back and its diff can name what it removed; lookups and scans skip it.
    private(set) var deadRows: UnsafeMutablePointer<UInt64>?
    private(set) var deadLimit = 0
    private(set) var deadCount = 0
    /// Rows that are tuples of the relation (all of them outside a world that removes some).
    var liveCount: Int { count - deadCount }

    init(arity: Int) {
        self.arity = arity
        capacity = 16
        rows = .allocate(capacity: capacity * max(arity, 1))
        rounds = .allocate(capacity: capacity)
        slotMask = 31
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: 0, count: slotMask + 1)
    }

    deinit {
        rows.deallocate()
        rounds.deallocate()
        slots.deallocate()
        deadRows?.deallocate()
    }

    @inline(__always)
    func isDead(_ r: Int) -> Bool { view.isDead(r) }

    /// Removes a row of the base model from the world being built (see
    /// `Evaluator.withChanges`); `rollBack` brings it back.
    func kill(_ r: Int) {
        precondition(journaling && r < count, "rows are removed only inside a world")
        if deadRows == nil {
            deadLimit = count
            let words = (count + 63) >> 6
            deadRows = .allocate(capacity: max(words, 1))
            deadRows!.initialize(repeating: 0, count: max(words, 1))
        }
        precondition(r < deadLimit, "only rows of the base model are removed")
        guard !isDead(r) else { return }
        deadRows![r >> 6] |= 1 << UInt64(r & 63)
        deadCount += 1
    }

    /// Undoes `kill` of a row while the world is built, for a row found to
    /// have a proof after all.
    func revive(_ r: Int) {
        guard isDead(r) else { return }
        deadRows![r >> 6] &= ~(1 << UInt64(r & 63))
        deadCount -= 1
    }

    /// What a world built in place changed here: the rows it added whose
    /// tuple the base did not hold, and the dead rows whose tuple it did not
    /// derive again (a tuple removed and derived again has a row of each).
    /// Rows are paired through a table of just the dead tuples, which stays
    /// in cache, instead of probing this relation's table once per row.
    func worldChanges(since baseCount: Int) -> (added: [Int], removed: [Int]) {
        let dead = deadRowList
        let deadTuples = Relation(arity: arity)
        deadTuples.reserve(dead.count)
        for r in dead { deadTuples.insert(row(r), round: 0) }
        // Dead rows hold distinct tuples, so row k of `deadTuples` is dead[k].
        var derivedAgain = [Bool](repeating: false, count: dead.count)
        var added: [Int] = []
        for r in baseCount..<count {
            if let k = deadTuples.find(row(r)) { derivedAgain[k] = true } else { added.append(r) }
        }
        return (added, dead.indices.filter { !derivedAgain[$0] }.map { dead[$0] })
    }

    /// The dead rows, in row order.
    private var deadRowList: [Int] {
        guard let deadRows else { return [] }
        var list: [Int] = []
        list.reserveCapacity(deadCount)
        for word in 0..<((deadLimit + 63) >> 6) where deadRows[word] != 0 {
            var bits = deadRows[word]
            while bits != 0 {
                list.append(word << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return list
    }

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<UInt32> { rows + r * arity }

    func tuple(_ r: Int) -> [UInt32] { Array(UnsafeBufferPointer(start: row(r), count: arity)) }

    func round(of r: Int) -> Int { Int(rounds[r]) }

    /// Rows are appended in round order, so the last row has the latest round.
    var lastRound: UInt32 { count == 0 ? 0 : rounds[count - 1] }

    @inline(__always)
    static func hash(_ tuple: UnsafePointer<UInt32>, _ arity: Int) -> Int {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<arity {
            h = (h ^ UInt64(tuple[i])) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    private static func slotEntry(hash: UInt32, row: Int) -> UInt64 {
        UInt64(hash) << 32 | UInt64(row + 1)
    }

    /// The row holding this tuple, if any.
    func find(_ tuple: UnsafePointer<UInt32>) -> Int? { probe(tuple, dead: false) }


    @inline(__always)
    private func probe(_ tuple: UnsafePointer<UInt32>, dead: Bool) -> Int? { view.probe(tuple, dead: dead) }

    /// The relation's memory as it is now; valid until the next insertion.
    var view: RelationView {
        RelationView(rows: rows, rounds: rounds, arity: arity, slots: slots, slotMask: slotMask,
                     deadRows: deadRows, deadLimit: deadLimit)
    }

    /// Writes the live row of each of `count` tuples stored one after
    /// another, or -1, to `rows`, prefetching (see `forEach`). It only
    /// reads, so two cores may look up parts of one batch at once.
    func find(batch tuples: UnsafePointer<UInt32>, count: Int, into rows: UnsafeMutablePointer<Int>) {
        forEach(tuples, count) { i, tuple in rows[i] = find(tuple) ?? -1 }
    }

    @inline(__always)
    func prefetchRound(of r: Int) { redline_prefetch(rounds + r) }

    /// Visits `count` tuples stored one after another; the hash slot of the
    /// tuple a few places ahead is prefetched, so the cache misses of a
    /// large table overlap instead of queueing.
    @inline(__always)
    private func forEach(_ tuples: UnsafePointer<UInt32>, _ count: Int, _ body: (Int, UnsafePointer<UInt32>) -> Void) {
        let distance = 8
        for i in 0..<count {
            if i + distance < count {
                let ahead = Relation.hash(tuples + (i + distance) * arity, arity)
                redline_prefetch_for_write(slots + (ahead & slotMask))
            }
            body(i, tuples + i * arity)
        }
    }

    func contains(_ tuple: [UInt32]) -> Bool {
        Relation.withTuple(tuple) { find($0) != nil }
    }

    /// A pointer to the ids, valid even for the empty tuple of arity 0.
    static func withTuple<R>(_ tuple: [UInt32], _ body: (UnsafePointer<UInt32>) -> R) -> R {
        (tuple.isEmpty ? [0] : tuple).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Appends the tuple unless present; true when it was new.
    @discardableResult
    func insert(_ tuple: UnsafePointer<UInt32>, round: UInt32) -> Bool {
        let hash = UInt32(truncatingIfNeeded: Relation.hash(tuple, arity))
        var slot = Int(hash) & slotMask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(entry >> 32) == hash, view.equal(Int(entry & 0xFFFF_FFFF) - 1, tuple), !isDead(Int(entry & 0xFFFF_FFFF) - 1) {
                return false
            }
            slot = (slot + 1) & slotMask
        }
        if count == capacity { grow() }
        let r = count
        row(r).update(from: tuple, count: arity)
        rounds[r] = round
        count += 1
        slots[slot] = Relation.slotEntry(hash: hash, row: r)
        if journaling { journal.append(slot) }
        if count * 2 > slotMask + 1 { rehash() }
        for index in indexes { index.add(row: r, of: self) }
        return true
    }

    /// Inserts `count` tuples stored one after another, prefetching (see
    /// `forEach`); those `keep` refuses are skipped.
    func insert(batch tuples: UnsafePointer<UInt32>, count: Int, round: UInt32,
                keep: ((UnsafePointer<UInt32>) -> Bool)? = nil) {
        guard let keep else {
            forEach(tuples, count) { _, tuple in insert(tuple, round: round) }
            return
        }
        // Filtered first, so that only tuples to insert are prefetched.
        var kept: [UInt32] = [0]  // never empty, so its address is valid at arity 0
        var keptCount = 0
        for i in 0..<count where keep(tuples + i * arity) {
            kept.append(contentsOf: UnsafeBufferPointer(start: tuples + i * arity, count: arity))
            keptCount += 1
        }
        kept.withUnsafeBufferPointer { buffer in
            forEach(buffer.baseAddress! + 1, keptCount) { _, tuple in insert(tuple, round: round) }
        }
    }

    @discardableResult
    func insert(_ tuple: [UInt32], round: UInt32) -> Bool {
        Relation.withTuple(tuple) { insert($0, round: round) }
    }

    /// Room for `total` rows without growing or rehashing on the way there.
    func reserve(_ total: Int) {
        while capacity < total { grow() }
        while slotMask + 1 < total * 2 { rehash() }
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newRows = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity * max(arity, 1))
        newRows.moveInitialize(from: rows, count: count * arity)
        rows.deallocate()
        rows = newRows
        let newRounds = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        newRounds.moveInitialize(from: rounds, count: count)
        rounds.deallocate()
        rounds = newRounds
        capacity = newCapacity
        for index in indexes { index.reserve(rows: newCapacity) }
    }

    /// Starts recording insertions; returns the row count to roll back to.
    func beginExtension() -> Int {
        journaling = true
        journal.removeAll(keepingCapacity: true)
        journalIsValid = true
        return count
    }

    /// Forgets every row from `baseCount` on, in the table and the indexes,
    /// and revives dead rows, so the relation is again exactly what it was
    /// at `beginExtension`.
    func rollBack(to baseCount: Int) {
        guard journaling else { return }
        deadRows?.deallocate()
        deadRows = nil
        deadLimit = 0
        deadCount = 0
        if journalIsValid {
            // Linear probing: freeing slots newest first restores every probe chain.
            for slot in journal.reversed() { slots[slot] = 0 }
        } else {
            // The table grew meanwhile: fill it again from the old rows.
            slots.update(repeating: 0, count: slotMask + 1)
            for r in 0..<baseCount {
                let hash = UInt32(truncatingIfNeeded: Relation.hash(row(r), arity))
                var slot = Int(hash) & slotMask
                while slots[slot] != 0 { slot = (slot + 1) & slotMask }
                slots[slot] = Relation.slotEntry(hash: hash, row: r)
            }
        }
        for index in indexes { index.truncate(to: baseCount, of: self) }
        count = baseCount
        journaling = false
        journal.removeAll()
        deltaStart = 0
        deltaEnd = count
    }

    /// Empties a scratch relation (the rows what-if maintenance pins),
    /// keeping its memory and its index objects, which plans refer to.
    func removeAll() {
        precondition(!journaling && deadRows == nil, "only scratch relations are emptied")
        for index in indexes { index.truncate(to: 0, of: self) }
        if count * 8 < slotMask + 1 {
            // The table keeps the size of the largest set pinned so far:
            // freeing the few slots in use beats clearing all of them.
            for r in 0..<count {
                var slot = Relation.hash(row(r), arity) & slotMask
                while slots[slot] & 0xFFFF_FFFF != UInt64(r + 1) { slot = (slot + 1) & slotMask }
                slots[slot] = 0
            }
        } else {
            slots.update(repeating: 0, count: slotMask + 1)
        }
        count = 0
        deltaStart = 0
        deltaEnd = 0
    }

    private func rehash() {
        journalIsValid = false
        let oldSlots = slots, oldSize = slotMask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        slotMask = size - 1
        for i in 0..<oldSize where oldSlots[i] != 0 {
            let entry = oldSlots[i]
            var slot = Int(entry >> 32) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = entry
        }
        oldSlots.deallocate()
    }

    func hasIndex(on columns: [Int]) -> Bool { indexes.contains { $0.columns == columns } }

    /// The index on these columns, built on first use and kept up to date.
    /// `idsBelow`, when given, bounds every id in the relation (the store's
    /// size), which spares reading a column of millions of rows for its largest id.
    func index(on columns: [Int], idsBelow: Int? = nil) -> HashIndex {
        if let existing = indexes.first(where: { $0.columns == columns }) { return existing }
        // A one-column key hashes to its id, so buckets up to the largest id
        // present hold one value each, however many rows share it.
        var largestKey: UInt32?
        if columns.count == 1 {
            if let idsBelow {
                largestKey = UInt32(max(idsBelow - 1, 0))
            } else {
                largestKey = 0
                for r in 0..<count { largestKey = max(largestKey!, row(r)[columns[0]]) }
            }
        }
        let index = HashIndex(columns: columns, rowCapacity: capacity, rows: count, largestKey: largestKey)
        index.addAll(count, of: self)
        indexes.append(index)
        return index
    }

    /// Bytes held by tuples, rounds, the deduplication table and indexes.
    var memoryFootprint: Int {
        capacity * (max(arity, 1) + 1) * 4 + (slotMask + 1) * 8 + indexes.reduce(0) { $0 + $1.memoryFootprint }
    }
}

/// A relation's memory as plain pointers, taken while it does not change
/// (one run of a plan): the join loop reads these instead of the class, so
/// it does no reference counting, and two threads reading one relation do
/// not bounce its reference count between their cores.
struct RelationView {
    let rows: UnsafeMutablePointer<UInt32>
    let rounds: UnsafeMutablePointer<UInt32>
    let arity: Int
    let slots: UnsafeMutablePointer<UInt64>
    let slotMask: Int
    let deadRows: UnsafeMutablePointer<UInt64>?
    let deadLimit: Int

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<UInt32> { rows + r * arity }

    @inline(__always)
    func isDead(_ r: Int) -> Bool {
        guard let deadRows, r < deadLimit else { return false }
        return deadRows[r >> 6] & (1 << UInt64(r & 63)) != 0
    }

    @inline(__always)
    func equal(_ r: Int, _ tuple: UnsafePointer<UInt32>) -> Bool {
        let stored = row(r)
        for i in 0..<arity where stored[i] != tuple[i] { return false }
        return true
    }

    @inline(__always)
    func prefetchSlot(of tuple: UnsafePointer<UInt32>) {
        redline_prefetch(slots + (Relation.hash(tuple, arity) & slotMask))
    }

    /// The live (or dead) row with this tuple: a tuple removed and derived
    /// again in a world has one of each.
    @inline(__always)
    func probe(_ tuple: UnsafePointer<UInt32>, dead: Bool) -> Int? {
        let hash = UInt32(truncatingIfNeeded: Relation.hash(tuple, arity))
        var slot = Int(hash) & slotMask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let r = Int(entry & 0xFFFF_FFFF) - 1
            if UInt32(entry >> 32) == hash, isDead(r) == dead, equal(r, tuple) { return r }
            slot = (slot + 1) & slotMask
        }
    }
}

/// An index's memory as plain pointers (see `RelationView`).
struct IndexView {
    let heads: UnsafeMutablePointer<UInt32>
    let next: UnsafeMutablePointer<UInt32>
    let bucketMask: Int
}

/// A hash index over some columns of a relation. Each bucket is a chain of
/// rows linked newest first through `next`, so a scan limited to rows below
/// `deltaEnd` skips the newest rows and a delta scan stops at `deltaStart`.
final class HashIndex {
    let columns: [Int]
    /// Bucket -> newest row + 1 (0 is empty).
    private(set) var heads: UnsafeMutablePointer<UInt32>
    private(set) var bucketMask: Int
    /// Row -> previous row + 1 in the same bucket.
    private(set) var next: UnsafeMutablePointer<UInt32>
    private var rowCapacity: Int
    private var count = 0
    /// For a one-column key: the largest id added.
    private var largestKey: UInt32

    /// `rows`: how many rows the index is about to receive, so that building
    /// it over an existing relation sizes its buckets once instead of
    /// doubling. `largestKey`, for a one-column key: the largest id among
    /// them. A one-column key hashes to its id, so buckets beyond the
    /// largest id stay empty: a column of ids below 4,096 over 2.6M rows
    /// needs 4,096 buckets, not 4M (16 MB to allocate and clear).
    init(columns: [Int], rowCapacity: Int, rows: Int = 0, largestKey: UInt32? = nil) {
        self.columns = columns
        self.rowCapacity = rowCapacity
        self.largestKey = largestKey ?? 0
        var buckets = 16
        while buckets <= rows && (columns.count > 1 || buckets <= Int(self.largestKey)) { buckets *= 2 }
        bucketMask = buckets - 1
        heads = .allocate(capacity: bucketMask + 1)
        heads.initialize(repeating: 0, count: bucketMask + 1)
        next = .allocate(capacity: rowCapacity)
    }

    deinit {
        heads.deallocate()
        next.deallocate()
    }

    /// The hash of a key of `count` values. A key of one value is its
    /// interned id as it is: ids are dense from 0, so a column's distinct
    /// values fill neighbouring buckets, a few pages instead of one page
    /// each (building the index of 2.6M paths on a column of 2,000 values
    /// was bound by TLB misses).
    @inline(__always)
    static func hash(count: Int, _ value: (Int) -> UInt32) -> Int {
        if count == 1 { return Int(value(0)) }
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<count {
            h = (h ^ UInt64(value(i))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    func hash(row: UnsafePointer<UInt32>) -> Int {
        columns.withUnsafeBufferPointer { columns in HashIndex.hash(count: columns.count) { row[columns[$0]] } }
    }

    func reserve(rows capacity: Int) {
        guard capacity > rowCapacity else { return }
        let newNext = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        newNext.moveInitialize(from: next, count: count)
        next.deallocate()
        next = newNext
        rowCapacity = capacity
    }

    func add(row r: Int, of relation: Relation) {
        if r >= rowCapacity { reserve(rows: max(rowCapacity * 2, r + 1)) }
        if columns.count == 1 { largestKey = max(largestKey, relation.row(r)[columns[0]]) }
        // As many buckets as rows, except where the ids of a one-column key would leave them empty (see init).
        if count >= bucketMask + 1 && (columns.count > 1 || Int(largestKey) > bucketMask) {
            rebuild(buckets: (bucketMask + 1) * 2, relation: relation)
        }
        let bucket = hash(row: relation.row(r)) & bucketMask
        next[r] = heads[bucket]
        heads[bucket] = UInt32(r + 1)
        count = r + 1
    }

    /// Adds rows `0..<rows` to an empty index sized for them: one tight
    /// loop, because a what-if may index millions of rows on first use.
    func addAll(_ rows: Int, of relation: Relation) {
        precondition(count == 0 && rows <= rowCapacity, "addAll fills an empty, presized index")
        let heads = self.heads, next = self.next, mask = bucketMask, arity = relation.arity
        let base = relation.rows
        columns.withUnsafeBufferPointer { columns in
            for r in 0..<rows {
                let row = base + r * arity
                let bucket = HashIndex.hash(count: columns.count) { row[columns[$0]] } & mask
                next[r] = heads[bucket]
                heads[bucket] = UInt32(r + 1)
            }
        }
        count = rows
    }

    /// Drops the rows from `baseCount` on: they are the newest, so each is
    /// the head of its bucket's chain when its turn comes.
    func truncate(to baseCount: Int, of relation: Relation) {
        var r = count - 1
        while r >= baseCount {
            let bucket = hash(row: relation.row(r)) & bucketMask
            heads[bucket] = next[r]
            r -= 1
        }
        count = min(count, baseCount)
    }

    private func rebuild(buckets: Int, relation: Relation) {
        heads.deallocate()
        heads = .allocate(capacity: buckets)
        heads.initialize(repeating: 0, count: buckets)
        bucketMask = buckets - 1
        for r in 0..<count {
            let bucket = hash(row: relation.row(r)) & bucketMask
            next[r] = heads[bucket]
            heads[bucket] = UInt32(r + 1)
        }
    }

    var memoryFootprint: Int { (bucketMask + 1) * 4 + rowCapacity * 4 }

    /// Valid until the next row is added.
    var view: IndexView { IndexView(heads: heads, next: next, bucketMask: bucketMask) }
}

