import RedlineLanguage
import RedlineEngine
/// `what would flip fact.`: the smallest sets of lever changes that change
/// whether the fact holds, smallest first, each with the outcome diff it causes.
package struct FlipReport: Sendable {
    package struct FlipSet: Sendable {
        /// The interventions, in the language's syntax.
        package let changes: [String]
        package let diff: WorldDiff
    }
    package let fact: String
    package let holdsNow: Bool
    /// The first `Session.maxFlipSetsShown` sets found.
    package let sets: [FlipSet]
    package let setsFound: Int
    /// Candidate changes considered, and worlds evaluated.
    package let candidates: Int
    package let worldsTried: Int
    package let maxChanges: Int
    /// Why the search did not cover every set of up to `maxChanges`
    /// candidate changes, if it did not; nil when it covered them all.
    package let stoppedEarly: String?
    /// The levers the fact depends on, as `name/arity`: those considered.
    package let levers: [String]
}

extension Session {
    static let maxFlipChanges = 3
    static let maxFlipCandidates = 400
    static let maxFlipWorlds = 50_000
    /// Tuples derived over all the worlds of one search (about a second or two, release build).
    static let maxFlipWork = 2_000_000
    static let maxFlipSetsShown = 10

    /// Where the candidate changes come from: the rules read backwards
    /// (`Abduction`), or every lever atom the constants of its columns make
    /// (the simple reference the tests compare with).
    enum FlipCandidates { case rules, enumeration }

    /// What a flip search found: the candidate changes, the sets of them
    /// (by index) that flip the fact, smallest first and none a superset of
    /// another, and how far the search went.
    struct FlipSearch {
        let current: Model
        let holdsNow: Bool
        let candidates: [Intervention]
        let found: [[Int]]
        let worlds: Int
        let stoppedEarly: String?
        let levers: [String]
    }

    func searchFlips(of fact: Fact, span: SourceSpan, candidates source: FlipCandidates,
                     maxChanges: Int) throws(EvaluationError) -> FlipSearch {
        let current = try model()
        let holdsNow = current.holds(fact)
        let leverKeys = self.leverKeys
        guard !leverKeys.isEmpty else {
            throw EvaluationError("no levers: declare the facts a workshop may change with '.lever pred/arity'", at: span)
        }
        let cone = dependencyCone(of: fact.key)
        var candidates: [Intervention]
        var reasons: [String] = []
        switch source {
        case .rules:
            var abduction = Abduction(model: current, program: program, levers: leverKeys.intersection(cone), span: span,
                                      constants: { self.constants(for: $0, column: $1) })
            let atom = Session.intervention(fact, negated: false, span: span).atom
            if holdsNow { abduction.makeStop(atom) } else { abduction.makeHold(atom) }
            candidates = abduction.candidates
            if abduction.truncated { reasons.append("a lever atom had more than \(Abduction.maxFilled) ways to fill in its variables; the first were tried") }
        case .enumeration:
            candidates = enumeratedCandidates(leverKeys.intersection(cone), in: current, span: span)
        }
        let truncated = candidates.count > Session.maxFlipCandidates
        candidates = Array(candidates.prefix(Session.maxFlipCandidates))
        var found: [[Int]] = []
        var worlds = 0, work = 0
        if truncated { reasons.append("only the first \(Session.maxFlipCandidates) candidate changes were tried") }
        search: for size in 1...maxChanges {
            for combination in Session.combinations(of: candidates.count, size: size) {
                if found.contains(where: { Set($0).isSubset(of: combination) }) { continue }
                // Counted in worlds and in tuples derived, not in seconds: the same question stops at the same place on any machine.
                if worlds >= Session.maxFlipWorlds || work >= Session.maxFlipWork {
                    reasons.append("stopped after \(worlds) worlds (\(work >= Session.maxFlipWork ? "\(Session.maxFlipWork) tuples derived" : "the limit"))")
                    break search
                }
                worlds += 1
                try limits.check()
                let world = try model(with: currentInterventions + combination.map { candidates[$0] }, date: currentDate, cone: cone)
                work += world.tupleCount
                if world.holds(fact) != holdsNow { found.append(combination) }
            }
        }
        let stoppedEarly: String? = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return FlipSearch(current: current, holdsNow: holdsNow, candidates: candidates, found: found, worlds: worlds,
                          stoppedEarly: stoppedEarly, levers: leverKeys.intersection(cone).sorted().map { "\($0.name)/\($0.arity)" })
    }

    func flips(of fact: Fact, span: SourceSpan, candidates source: FlipCandidates = .rules,
               maxChanges: Int = Session.maxFlipChanges) throws(EvaluationError) -> FlipReport {
        let search = try searchFlips(of: fact, span: span, candidates: source, maxChanges: maxChanges)
        let current = search.current, candidates = search.candidates
        var sets: [FlipReport.FlipSet] = []
        for combination in search.found.prefix(Session.maxFlipSetsShown) {
            let changes = combination.map { candidates[$0] }.sorted { $0.written < $1.written }
            let world = try model(with: currentInterventions + changes, date: currentDate)
            var shown = diff(from: current, to: world, interventions: changes)
            // The fact itself, when no `.outcome` covers it: else a set would read "no outcome changes".
            if !program.outcomeKeys(analysis).contains(fact.key) {
                let change = WorldDiff.Change(fact: fact, sentence: program.sentence(for: fact))
                var withFact = WorldDiff(interventions: shown.interventions, added: search.holdsNow ? shown.added : [change] + shown.added,
                                         removed: search.holdsNow ? [change] + shown.removed : shown.removed, unchanged: shown.unchanged)
                withFact.valued = shown.valued
                withFact.valueChanges = shown.valueChanges
                shown = withFact
            }
            sets.append(.init(changes: changes.map(\.written), diff: shown))
        }
        return FlipReport(fact: fact.description, holdsNow: search.holdsNow, sets: sets, setsFound: search.found.count,
                          candidates: candidates.count, worldsTried: search.worlds, maxChanges: maxChanges,
                          stoppedEarly: search.stoppedEarly, levers: search.levers)
    }

    /// Removals of the lever facts that hold, then every lever atom the
    /// constants of its columns make that does not hold.
    func enumeratedCandidates(_ levers: Set<PredicateKey>, in current: Model, span: SourceSpan) -> [Intervention] {
        var candidates: [Intervention] = []
        for key in levers.sorted() {
            for existing in current.facts(of: key) where current.isGiven(existing) {
                candidates.append(Session.intervention(existing, negated: true, span: span))
            }
        }
        for key in levers.sorted() {
            for values in combinations(of: (0..<key.arity).map { constants(for: key, column: $0) }) {
                let added = Fact(key.name, values)
                if !current.holds(added) { candidates.append(Session.intervention(added, negated: false, span: span)) }
                if candidates.count > Session.maxFlipCandidates { return candidates }
            }
        }
        return candidates
    }

    /// The relations `.lever` names.
    package var leverKeys: Set<PredicateKey> {
        Set(program.levers.compactMap { reference -> PredicateKey? in
            if let arity = reference.arity { return PredicateKey(name: reference.name, arity: arity) }
            return analysis.arities[reference.name].map { PredicateKey(name: reference.name, arity: $0.arity) }
        })
    }

    static func intervention(_ fact: Fact, negated: Bool, span: SourceSpan) -> Intervention {
        let atom = Atom(predicate: fact.predicate, args: fact.values.map { .constant($0, span) }, span: span, nameSpan: span)
        return Intervention(atom: atom, isNegated: negated, span: span)
    }

    /// Every predicate `key` depends on, itself included.
    func dependencyCone(of key: PredicateKey) -> Set<PredicateKey> {
        var dependencies: [PredicateKey: Set<PredicateKey>] = [:]
        for clause in program.clauses where !clause.isFact {
            for literal in clause.body {
                for atom in Checker.atoms(in: literal) { dependencies[clause.head.key, default: []].insert(atom.key) }
            }
        }
        var cone: Set<PredicateKey> = [key]
        var work = [key]
        while let next = work.popLast() {
            for dependency in dependencies[next] ?? [] where cone.insert(dependency).inserted { work.append(dependency) }
        }
        return cone.union(Checker.builtins)
    }

    /// The constants that may stand in a lever's column: those of its declared
    /// type anywhere in the program and its scenarios, or without a
    /// declaration, those seen in that position.
    package func constants(for key: PredicateKey, column: Int, in candidate: Program? = nil) -> [Value] {
        let program = candidate ?? self.program
        var values = Set<Value>()
        let declared = program.relations[key.name].flatMap { $0.columns.count == key.arity ? $0.columns[column].type : nil }
        func visit(_ atom: Atom) {
            for (position, term) in atom.args.enumerated() {
                guard let value = term.groundValue else { continue }
                if let declared {
                    if declared != .any, declared.accepts(value) { values.insert(value) }
                } else if atom.key == key && position == column {
                    values.insert(value)
                }
            }
        }
        for clause in program.clauses {
            visit(clause.head)
            for literal in clause.body { Checker.atoms(in: literal).forEach(visit) }
        }
        for (_, table) in program.factTables {
            if let declared {
                guard declared != .any else { continue }
                for value in table.values where declared.accepts(value) { values.insert(value) }
            } else if table.key == key {
                for row in 0..<table.count { values.insert(table.row(row)[table.row(row).startIndex + column]) }
            }
        }
        for scenario in scenarios { scenario.interventions.forEach { visit($0.atom) } }
        assumptions.forEach { visit($0.atom) }
        if declared == .any || (declared != nil && values.isEmpty) {
            for (_, table) in program.factTables where table.key == key {
                for row in 0..<table.count { values.insert(table.row(row)[table.row(row).startIndex + column]) }
            }
        }
        return values.sorted { Value.order($0, $1) < 0 }
    }

    /// The tuples of the domains' product in order, the first `limit` of them.
    func combinations(of domains: [[Value]], limit: Int = Session.maxFlipCandidates * 4) -> [[Value]] {
        guard !domains.contains(where: \.isEmpty) else { return [] }
        var result: [[Value]] = []
        var index = [Int](repeating: 0, count: domains.count)
        while result.count < limit {
            result.append(zip(domains, index).map { $0[$1] })
            var column = domains.count - 1
            while column >= 0 {
                index[column] += 1
                if index[column] < domains[column].count { break }
                index[column] = 0
                column -= 1
            }
            if column < 0 { break }
        }
        return result
    }

    /// Index sets of the given size, in lexicographic order.
    static func combinations(of count: Int, size: Int) -> [[Int]] {
        guard size <= count else { return [] }
        var result: [[Int]] = []
        var current = Array(0..<size)
        while true {
            result.append(current)
            var i = size - 1
            while i >= 0 && current[i] == count - size + i { i -= 1 }
            if i < 0 { return result }
            current[i] += 1
            for j in (i + 1)..<size { current[j] = current[j - 1] + 1 }
            if result.count > maxFlipWorlds { return result }
        }
    }
}
