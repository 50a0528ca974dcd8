import RedlineLanguage
/// One sentence on why a defeasible conclusion holds or not, read off the
/// model's translated relations: which rules apply for it, which against it,
/// and what beats what. It heads `why` and `why not`, whose trees below show
/// the steps of the logic.
extension Model {
    func verdict(for fact: Fact) -> String? {
        guard program.layered.contains(fact.key), !DefeasibleNames.isAdded(fact.predicate) else { return nil }
        // Only where rules clash: a relation that merely reads conclusions has no verdict of its own.
        let contested = [fact.predicate, DefeasibleLogic.complement(fact.key).name].contains { name in
            ["applies", "maybe"].contains { relationIds[PredicateKey(name: "\(name)@\($0)", arity: fact.values.count + 1)] != nil }
        }
        guard contested else { return nil }
        func labels(_ relation: String, of predicate: String) -> [Value] {
            tuples(of: PredicateKey(name: "\(predicate)@\(relation)", arity: fact.values.count + 1))
                .filter { Array($0.dropFirst()) == fact.values }.map { $0[0] }.sorted { Value.order($0, $1) < 0 }
        }
        func definitely(_ predicate: String) -> Bool {
            contains(PredicateKey(name: DefeasibleNames.definitely(predicate), arity: fact.values.count), fact.values)
        }
        func atom(_ predicate: String) -> String { Fact(predicate, fact.values).description }
        func superior(_ t: Value, _ s: Value) -> Bool {
            let key = PredicateKey(name: DefeasibleNames.superior, arity: 2)
            return contains(key, [t, s]) && !contains(key, [s, t])
        }
        func list(_ values: [Value]) -> String { values.map(\.description).joined(separator: ", ") }
        let holds = self.holds(fact)
        if definitely(fact.predicate) {
            return "\(fact) holds definitely: facts and strict rules prove it"
        }
        var rivals = [DefeasibleLogic.complement(fact.key).name]
        for group in program.conflicts where group.contains(where: { $0.name == fact.predicate }) {
            rivals += group.map(\.name).filter { $0 != fact.predicate && !rivals.contains($0) }
        }
        if let rival = rivals.first(where: definitely) {
            return "\(fact) does not hold: \(atom(rival)) holds definitely"
        }
        let support = labels("applies", of: fact.predicate)
        guard !support.isEmpty else { return "\(fact) does not hold: no rule for it applies" }
        var beaten: [String] = [], unbeaten: [String] = []
        // Under propagation a rule attacks once its body is supported, applicable or not.
        let propagating = program.ambiguity == .propagating
        for rival in rivals {
            for attacker in labels(propagating ? "backs" : "applies", of: rival) + labels(propagating ? "doubts" : "maybe", of: rival) {
                if let winner = support.first(where: { superior($0, attacker) }) {
                    beaten.append("\(attacker) (for \(atom(rival))) is beaten by \(winner)")
                } else {
                    let over = support.filter { superior(attacker, $0) }
                    unbeaten.append("\(attacker) (for \(atom(rival))) \(propagating ? "is supported" : "applies") and no rule for it beats it"
                                    + (over.isEmpty ? "" : "; \(attacker) > \(list(over))"))
                }
            }
        }
        let applying = support.count == 1 ? "rule \(list(support)) applies" : "rules \(list(support)) apply"
        if holds {
            return "\(fact) holds defeasibly: \(applying)" + (beaten.isEmpty ? ", and no rule against it applies" : "; " + beaten.joined(separator: "; "))
        }
        guard !unbeaten.isEmpty else { return "\(fact) does not hold: \(applying), but it is defeated (below)" }
        return "\(fact) does not hold: \(applying), but " + unbeaten.joined(separator: "; ")
    }
}
