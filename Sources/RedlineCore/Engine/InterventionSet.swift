/// The interventions of a world, resolved for evaluation: ground atoms
/// forced true (inserted as facts, whatever the rules say) and patterns
/// forced false (removed from the facts and never derived). A later
/// intervention overrides an earlier one on the same atom.
struct InterventionSet: Sendable {
    struct Forced: Sendable, Hashable {
        let key: PredicateKey
        let values: [Value]
    }

    struct Blocked: Sendable {
        let key: PredicateKey
        /// nil where the intervention has a variable or `_`: any value.
        let pattern: [Value?]
        let intervention: Intervention

        func matches(_ values: [Value]) -> Bool {
            zip(pattern, values).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
        }
    }

    private(set) var forced: [Forced] = []
    private(set) var blocked: [Blocked] = []
    /// Where each forced atom came from, for `why`.
    private(set) var origins: [Forced: Intervention] = [:]

    init(_ interventions: [Intervention] = []) {
        for intervention in interventions {
            let atom = intervention.atom
            if intervention.isNegated {
                let pattern = atom.args.map(\.groundValue)
                let block = Blocked(key: atom.key, pattern: pattern, intervention: intervention)
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
