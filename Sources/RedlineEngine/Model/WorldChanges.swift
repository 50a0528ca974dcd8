import RedlineLanguage

/// What a world changed against the model it was asked about: per relation,
/// the facts it added and removed (each in `Fact.order`) and how many stayed.
/// The engine works it out from how the world was built, so the caller never
/// sees rows, ids, rounds or dead rows.
package struct WorldChanges {
    package var added: [Fact] = []
    package var removed: [Fact] = []
    package var unchanged = 0
}

extension Model {
    /// The changes of `self`, a world, against `base` over `keys`.
    ///
    /// - A world built in place on `base` (Evaluator.withChanges) knows its
    ///   changes: rows from the base's count on are new, dead rows are
    ///   removed; a tuple removed and derived again is both, and unchanged.
    /// - A relation lent by `base` (Evaluator.evaluate(reusing:)) is unchanged.
    /// - Where the ids of both models mean the same values, rows are compared
    ///   by id and facts are made only of what changed.
    /// - Otherwise the facts of both sides are compared.
    package func changes(against base: Model, over keys: [PredicateKey]) -> [PredicateKey: WorldChanges] {
        var result: [PredicateKey: WorldChanges] = [:]
        for key in keys {
            var change = WorldChanges()
            if self.base === base, let relation = relation(key) {
                let baseCount = baseCounts[relationIds[key]!]
                let rows = relation.worldChanges(since: baseCount)
                change.unchanged = baseCount - rows.removed.count
                change.added = Model.factsInOrder(key, rows.added.map(relation.tuple), store)
                change.removed = Model.factsInOrder(key, rows.removed.map(relation.tuple), store)
            } else if let lent = relation(key), lent === base.relation(key) {
                change.unchanged = lent.count
            } else if idsAgreeWith === base, let before = base.relation(key), let after = relation(key) {
                let new = (0..<after.count).filter { before.find(after.row($0)) == nil }.map(after.tuple)
                let gone = (0..<before.count).filter { after.find(before.row($0)) == nil }.map(before.tuple)
                change.unchanged = after.count - new.count
                change.added = Model.factsInOrder(key, new, store)
                change.removed = Model.factsInOrder(key, gone, base.store)
            } else {
                let before = Set(base.facts(of: key)), after = Set(facts(of: key))
                change.unchanged = before.intersection(after).count
                change.added = after.subtracting(before).sorted(by: Fact.order)
                change.removed = before.subtracting(after).sorted(by: Fact.order)
            }
            result[key] = change
        }
        return result
    }

    /// Facts of `key` from rows of ids, in `Fact.order`. The distinct ids
    /// are ranked by value once and the rows sorted by rank: comparing the
    /// values of thousands of changed rows showed in what-if profiles.
    static func factsInOrder(_ key: PredicateKey, _ rows: [[UInt32]], _ store: ValueStore) -> [Fact] {
        // By id, not in sets and dictionaries: the ids are dense from 0.
        var rank = [UInt32](repeating: .max, count: store.count)
        var distinct: [UInt32] = []
        for row in rows {
            for id in row where rank[Int(id)] == .max {
                rank[Int(id)] = 0
                distinct.append(id)
            }
        }
        distinct.sort { a, b in
            let c = Value.order(store[a], store[b])
            return c != 0 ? c < 0 : a < b
        }
        for (i, id) in distinct.enumerated() { rank[Int(id)] = UInt32(i) }
        let arity = key.arity
        let ranked = rows.flatMap { $0.map { rank[Int($0)] } }
        let order = ranked.withUnsafeBufferPointer { ranked in
            rows.indices.sorted { a, b in
                for c in 0..<arity where ranked[a * arity + c] != ranked[b * arity + c] {
                    return ranked[a * arity + c] < ranked[b * arity + c]
                }
                return false
            }
        }
        return order.map { Fact(key.name, rows[$0].map { store[$0] }) }
    }

    /// The relations this model holds (its own and those it reads).
    package var relationKeys: [PredicateKey] { relationIds.keys.sorted() }

    /// How many facts of `key` hold.
    package func count(of key: PredicateKey) -> Int { relation(key)?.liveCount ?? 0 }

    /// Given rather than derived: a fact of the program or of an intervention.
    package func isGiven(_ fact: Fact) -> Bool {
        guard let relation = relation(fact.key) else { return false }
        var ids: [UInt32] = []
        for value in fact.values {
            guard let id = store.id(of: value) else { return false }
            ids.append(id)
        }
        return Relation.withTuple(ids) { relation.find($0) }.map { relation.round(of: $0) == 0 } ?? false
    }
}
