import RedlineLanguage
import RedlineEngine
/// A named world: interventions on the loaded program, and perhaps a date.
package struct Scenario: Sendable {
    package let name: String
    package let interventions: [Intervention]
    package let date: Value?
    package let span: SourceSpan
}

/// A difference between two worlds in the outcome relations.
package struct WorldDiff: Sendable {
    package struct Change: Sendable {
        package let fact: Fact
        package let sentence: String?
    }
    package let interventions: [String]
    /// Both in `Fact.order`: by predicate, then by values.
    package let added: [Change]
    package let removed: [Change]
    package let unchanged: Int
    /// Relations that hold one value per key (`Program.valuedRelations`):
    /// their added and removed facts pair up as `valueChanges`.
    package var valued: Set<PredicateKey> = []

    /// A value that changed: `exposure(mercy_health)` from `$250K` to `$0`;
    /// nil where the key had no value on that side.
    package struct ValueChange: Sendable {
        package let key: Fact
        package let before: Value?
        package let after: Value?
        package let sentence: String?
    }

    /// The changes of the valued relations, by key, in `Fact.order` of the
    /// keys: those whose key holds at most one value on each side (an
    /// intervention that forces a second value leaves its facts as added
    /// and removed). Set by `Session.diff`, which sees both models.
    package var valueChanges: [ValueChange] = []

    /// Where each predicate's changes are in a list in `Fact.order`.
    package static func runs(_ changes: [Change]) -> [PredicateKey: Range<Int>] {
        var runs: [PredicateKey: Range<Int>] = [:]
        var start = 0
        while start < changes.count {
            let key = changes[start].fact.key
            var end = start + 1
            while end < changes.count, changes[end].fact.predicate == key.name, changes[end].fact.values.count == key.arity { end += 1 }
            runs[key] = start..<end
            start = end
        }
        return runs
    }
}

/// Outcome facts by world, the baseline first.
package struct Comparison: Sendable {
    package struct Row: Sendable {
        /// For a valued relation, the key alone: `exposure(mercy_health)`.
        package let fact: Fact
        package let holds: [Bool]
        /// For a valued relation, its value in each world (nil: none).
        package var values: [Value?]? = nil
    }
    package let worlds: [String]
    package let rows: [Row]
    /// True for `compare all`: rows that hold everywhere are listed too.
    package let all: Bool
}

extension Session {
    /// The statement source without its final '.'.
    static func text(of interventions: [Intervention]) -> [String] {
        interventions.map { $0.span.text }
    }

    package func scenario(named name: String) -> Scenario? {
        scenarios.first { $0.name == name }
    }

    /// Evaluates a world that is not the current one; nothing is cached.
    /// Relations the world cannot change are lent by the current model when
    /// one is at hand, else by `lender` (a model of the same program, on a
    /// cone that holds `cone`).
    func model(with interventions: [Intervention], date: Value?, cone: Set<PredicateKey>? = nil,
               lender: Model? = nil) throws(EvaluationError) -> Model {
        let lender = incrementalWorlds ? evaluatedModel ?? lender : nil
        let world = try Evaluator.evaluate(program, analysis: analysis, today: date ?? baselineDate, limits: limits,
                                           interventions: InterventionSet(interventions, in: program), cone: cone, reusing: lender)
        try verify(world, interventions: interventions, date: date ?? baselineDate, cone: cone, base: lender, span: nil)
        return world
    }

    func diff(from base: Model, to world: borrowing World, interventions: [Intervention]) -> WorldDiff {
        world.reading { diff(from: base, to: $0, interventions: interventions) }
    }

    func diff(from base: Model, to world: Model, interventions: [Intervention]) -> WorldDiff {
        var added: [WorldDiff.Change] = [], removed: [WorldDiff.Change] = []
        var unchanged = 0
        // Once, not once per fact: reading a struct property of the session copies it.
        let program = self.program
        let keys = program.outcomeKeys(analysis)
        let changes = world.changes(against: base, over: keys)
        for key in keys {
            guard let change = changes[key] else { continue }
            unchanged += change.unchanged
            added += change.added.map { .init(fact: $0, sentence: program.sentence(for: $0)) }
            removed += change.removed.map { .init(fact: $0, sentence: program.sentence(for: $0)) }
        }
        var diff = WorldDiff(interventions: Session.text(of: interventions), added: added, removed: removed, unchanged: unchanged)
        diff.valued = program.valuedRelations
        diff.valueChanges = Session.valueChanges(diff, to: world)
        return diff
    }

    /// The keys of valued relations whose value changed, with the value on
    /// each side, where each side holds at most one value for the key.
    static func valueChanges(_ diff: WorldDiff, to world: Model) -> [WorldDiff.ValueChange] {
        var changedKeys: [PredicateKey: Set<Fact>] = [:]
        var sentences: [Fact: String] = [:]
        for change in diff.removed + diff.added where diff.valued.contains(change.fact.key) {
            changedKeys[change.fact.key, default: []].insert(change.fact.keyPart)
            if let sentence = change.sentence { sentences[change.fact.keyPart] = sentence }
        }
        var changes: [WorldDiff.ValueChange] = []
        for key in changedKeys.keys.sorted() {
            let keys = changedKeys[key]!
            func values(in model: Model) -> [Fact: [Value]] {
                var found: [Fact: [Value]] = [:]
                for fact in model.facts(of: key) where keys.contains(fact.keyPart) { found[fact.keyPart, default: []].append(fact.values.last!) }
                return found
            }
            // A world built in place shares the base model's relations while
            // the diff is taken: the values before are those after, less the
            // added, plus the removed.
            let after = values(in: world)
            var added: [Fact: Set<Value>] = [:], removed: [Fact: [Value]] = [:]
            for change in diff.added where change.fact.key == key { added[change.fact.keyPart, default: []].insert(change.fact.values.last!) }
            for change in diff.removed where change.fact.key == key { removed[change.fact.keyPart, default: []].append(change.fact.values.last!) }
            for keyPart in keys.sorted(by: Fact.order) {
                let now = after[keyPart] ?? []
                let before = now.filter { !(added[keyPart]?.contains($0) ?? false) } + (removed[keyPart] ?? [])
                guard before.count <= 1, now.count <= 1 else { continue }
                changes.append(.init(key: keyPart, before: before.first, after: now.first, sentence: sentences[keyPart]))
            }
        }
        return changes
    }

    func whatIf(_ interventions: [Intervention], at date: Value? = nil, query: [Literal]?) throws(EvaluationError) -> StatementResult {
        let base = try model()
        let all = currentInterventions + interventions
        // Built on the current model in place when it can be; at another
        // date, evaluated at that date and compared with the current world
        // as it stands today.
        let date = date ?? currentDate
        let world = try base.world(applying: interventions, interventions: all, at: date, analysis: analysis, limits: limits,
                                   inPlace: incrementalWorlds)
        try world.reading { model throws(EvaluationError) in try verify(model, interventions: all, date: date, base: base, span: nil) }
        if let query { return .answer(try withKinds(try world.query(query), of: query) { (body) throws(EvaluationError) in try world.query(body) }) }
        return .whatIf(diff(from: base, to: world, interventions: interventions))
    }

    func compare(_ names: [String], all: Bool, span: SourceSpan) throws(EvaluationError) -> StatementResult {
        var worlds: [(String, Model)] = [("baseline", try model(with: [], date: nil))]
        for name in names where name != "baseline" {
            guard let scenario = scenario(named: name) else {
                throw EvaluationError(unknownScenarioMessage(name), at: span)
            }
            worlds.append((name, try model(with: scenario.interventions, date: scenario.date)))
        }
        var rows: [Comparison.Row] = []
        let valued = program.valuedRelations
        for key in program.outcomeKeys(analysis) {
            // A valued relation: one row per key, with the value in each
            // world; a key that an intervention gave two values in some
            // world is listed fact by fact, as any relation.
            var asFacts = Set<Fact>()
            if valued.contains(key) {
                var values: [Fact: [Value?]] = [:], twice = Set<Fact>()
                for (index, (_, world)) in worlds.enumerated() {
                    for fact in world.facts(of: key) {
                        let keyPart = fact.keyPart
                        if values[keyPart]?[index] != nil { twice.insert(keyPart) }
                        values[keyPart, default: Array(repeating: nil, count: worlds.count)][index] = fact.values.last
                    }
                }
                for keyPart in values.keys.sorted(by: Fact.order) where !twice.contains(keyPart) {
                    let row = values[keyPart]!
                    if all || Set(row.map { $0?.description ?? "" }).count > 1 {
                        rows.append(.init(fact: keyPart, holds: row.map { $0 != nil }, values: row))
                    }
                }
                for (_, world) in worlds { asFacts.formUnion(world.facts(of: key).filter { twice.contains($0.keyPart) }) }
            } else {
                for (_, world) in worlds { asFacts.formUnion(world.facts(of: key)) }
            }
            for fact in asFacts.sorted(by: Fact.order) {
                let holds = worlds.map { $0.1.holds(fact) }
                if all || holds.contains(false) { rows.append(.init(fact: fact, holds: holds)) }
            }
        }
        return .comparison(Comparison(worlds: worlds.map(\.0), rows: rows, all: all))
    }

    /// `compare comply, defy by exposure.`: the worlds ranked by a relation
    /// that holds one value per key, lowest total first (a world with no
    /// value last), with the value of each key in each world (`none` where
    /// it has none).
    func rank(_ names: [String], by relation: String, span: SourceSpan) throws(EvaluationError) -> QueryAnswer {
        let valued = program.valuedRelations.filter { $0.name == relation }
        guard let key = valued.first else {
            let named = analysis.arities[relation] != nil
            var message = named ? "'by' needs a relation that holds one value per key (its rules end in an aggregate's result, like exposure(C, T))"
                : "no relation named '\(relation)'; 'by' needs one that holds one value per key, like exposure(C, T)"
            if let near = Suggestions.closest(to: relation, in: program.valuedRelations.map(\.name)) { message += "; did you mean '\(near)'?" }
            throw EvaluationError(message, at: span)
        }
        var worlds: [(name: String, values: [Fact: Value])] = []
        for name in ["baseline"] + names.filter({ $0 != "baseline" }) {
            let model: Model
            if name == "baseline" {
                model = try self.model(with: [], date: nil)
            } else {
                guard let scenario = scenario(named: name) else { throw EvaluationError(unknownScenarioMessage(name), at: span) }
                model = try self.model(with: scenario.interventions, date: scenario.date)
            }
            var values: [Fact: Value] = [:]
            for fact in model.facts(of: key) { values[fact.keyPart] = fact.values.last! }
            worlds.append((name, values))
        }
        let keys = Set(worlds.flatMap { $0.values.keys }).sorted(by: Fact.order)
        func total(_ values: [Fact: Value]) -> Value? {
            var sum: Value?
            for key in keys {
                guard let value = values[key] else { continue }
                guard let running = sum else { sum = value; continue }
                guard let added = try? Arithmetic.apply(.add, running, value) else { return nil }
                sum = added
            }
            return sum
        }
        let ranked = worlds.map { (world: $0, total: total($0.values)) }.enumerated().sorted { a, b in
            switch (a.element.total, b.element.total) {
            case let (x?, y?) where Value.order(x, y) != 0: return Value.order(x, y) < 0
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        let none = Value.symbol("none")
        return QueryAnswer(columns: ["world", "total"] + keys.map(\.description),
                           rows: ranked.map { row in
                               [.symbol(row.world.name), row.total ?? none] + keys.map { row.world.values[$0] ?? none }
                           }, noun: "world")
    }

    func unknownScenarioMessage(_ name: String) -> String {
        var message = "no scenario named '\(name)'"
        if let near = Suggestions.closest(to: name, in: scenarios.map(\.name) + ["baseline"]) {
            message += "; did you mean '\(near)'?"
        } else if scenarios.isEmpty {
            message += "; define one with 'scenario \(name): ...'"
        }
        return message
    }
}
