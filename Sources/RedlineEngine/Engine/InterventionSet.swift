import RedlineLanguage
/// The interventions of a world, resolved for evaluation: ground atoms
/// forced true (inserted as facts, whatever the rules say) and patterns
/// forced false (removed from the facts and never derived). A later
/// intervention overrides an earlier one on the same atom.
package struct InterventionSet: Sendable {
    struct Forced: Sendable, Hashable {
        let key: PredicateKey
        let values: [Value]
    }

    struct Blocked: Sendable {
        let key: PredicateKey
        /// nil where the intervention has no constant: a variable, `_`, or a
        /// compound term with a variable inside.
        let pattern: [Value?]
        /// The arguments as written, when the columns are not independent:
        /// a variable that occurs twice (`not e(X, X)`) or a compound term
        /// with variables (`not t(f(_), _)`) must match as a whole.
        let terms: [Term]?
        let intervention: Intervention

        init(key: PredicateKey, args: [Term], intervention: Intervention) {
            self.key = key
            self.intervention = intervention
            pattern = args.map(\.groundValue)
            var seen = Set<String>(), independent = true
            for arg in args {
                switch arg {
                case .variable(let name, _): if !seen.insert(name).inserted { independent = false }
                case .anonymous, .constant: break
                default: if arg.groundValue == nil { independent = false }
                }
            }
            terms = independent ? nil : args
        }

        func matches(_ values: [Value]) -> Bool {
            guard zip(pattern, values).allSatisfy({ $0.0 == nil || $0.0 == $0.1 }) else { return false }
            guard let terms else { return true }
            var bindings: Bindings = [:]
            return zip(terms, values).allSatisfy { $0.0.unify(with: $0.1, &bindings) }
        }
    }

    private(set) var forced: [Forced] = []
    private(set) var blocked: [Blocked] = []
    /// Where each forced atom came from, for `why`.
    private(set) var origins: [Forced: Intervention] = [:]

    /// The interventions as `program`'s translation of defeasible rules takes them.
    package init(_ interventions: [Intervention], in program: Program) {
        self.init(DefeasibleLogic.interventions(interventions, in: program))
    }

    package init(_ interventions: [Intervention] = []) {
        for intervention in interventions {
            let atom = intervention.atom
            if intervention.isNegated {
                let block = Blocked(key: atom.key, args: atom.args, intervention: intervention)
                for fact in forced where fact.key == atom.key && block.matches(fact.values) { origins[fact] = nil }
                forced.removeAll { $0.key == atom.key && block.matches($0.values) }
                blocked.append(block)
            } else if let values = atom.args.map(\.groundValue) as? [Value] {
                let fact = Forced(key: atom.key, values: values)
                blocked.removeAll { $0.key == atom.key && !$0.pattern.contains(where: { $0 == nil }) && $0.matches(values) }
                if origins[fact] == nil { forced.append(fact) }
                origins[fact] = intervention
            }
        }
    }

    var isEmpty: Bool { forced.isEmpty && blocked.isEmpty }

    func isForced(_ key: PredicateKey, _ values: [Value]) -> Intervention? {
        origins[Forced(key: key, values: values)]
    }

    /// The intervention that keeps this atom from holding, if any.
    func blocker(of key: PredicateKey, _ values: [Value]) -> Intervention? {
        guard isForced(key, values) == nil else { return nil }
        return blocked.last { $0.key == key && $0.matches(values) }?.intervention
    }
}

/// The `not` patterns of a world by relation id, as interned ids: the test
/// applied to every tuple about to be inserted or, in a world built in place,
/// to the rows it must remove.
struct InternedBlocks {
    struct Pattern {
        /// nil: no constant for the column.
        let ids: [UInt32?]
        /// Matched against the values as a whole after `ids` (see `InterventionSet.Blocked.terms`).
        let terms: [Term]?
    }
    let patterns: [Int: [Pattern]]
    private let store: ValueStore

    init(_ interventions: InterventionSet, relationIds: [PredicateKey: Int], store: ValueStore) {
        var patterns: [Int: [Pattern]] = [:]
        for block in interventions.blocked {
            guard let id = relationIds[block.key] else { continue }
            patterns[id, default: []].append(Pattern(ids: block.pattern.map { $0.map(store.intern) }, terms: block.terms))
        }
        self.patterns = patterns
        self.store = store
    }

    func matches(_ pattern: Pattern, _ tuple: UnsafePointer<UInt32>) -> Bool {
        guard pattern.ids.enumerated().allSatisfy({ $0.element == nil || $0.element == tuple[$0.offset] }) else { return false }
        guard let terms = pattern.terms else { return true }
        var bindings: Bindings = [:]
        return terms.enumerated().allSatisfy { $0.element.unify(with: store[tuple[$0.offset]], &bindings) }
    }

    func blocks(_ id: Int, _ tuple: UnsafePointer<UInt32>) -> Bool {
        patterns[id]?.contains { matches($0, tuple) } ?? false
    }

    func blocks(_ id: Int, _ tuple: [UInt32]) -> Bool {
        Relation.withTuple(tuple) { blocks(id, $0) }
    }

    /// The filter for inserting into relation `id`; nil when nothing there is blocked.
    func keep(_ id: Int) -> ((UnsafePointer<UInt32>) -> Bool)? {
        guard let list = patterns[id] else { return nil }
        return { tuple in !list.contains { self.matches($0, tuple) } }
    }
}
