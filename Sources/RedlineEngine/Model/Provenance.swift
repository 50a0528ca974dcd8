import RedlineLanguage
/// The provenance convention of knowledge files, which `why` shows:
///
///     sentence(s5, "... risk losing a $200 million Pentagon contract.").
///     source(contract(pentagon_contract, pentagon, anthropic, $200M), s5).
///     assumption(contract_lost, "the contract is lost once the deadline passes while the company refuses").
///
/// `source(Fact, Id)` cites the sentence a reported fact comes from;
/// `assumption(Predicate, Text)` marks the rules of a predicate as a
/// modeling choice and says which.
extension Model {
    /// `s5: “quoted sentence”` for a reported fact, when the knowledge cites one.
    package func citation(for fact: Fact) -> String? {
        let term: Value = fact.values.isEmpty ? .symbol(fact.predicate) : .compound(fact.predicate, fact.values)
        guard let sources = relation(PredicateKey(name: "source", arity: 2)),
              let termId = store.id(of: term) else { return nil }
        var ids: [String] = []
        for row in 0..<sources.count where !sources.isDead(row) && sources.tuple(row)[0] == termId {
            ids.append(store[sources.tuple(row)[1]].description)
        }
        guard !ids.isEmpty else { return nil }
        let sentences = facts(of: PredicateKey(name: "sentence", arity: 2))
        return ids.sorted().map { id in
            guard let quote = sentences.first(where: { $0.values[0].description == id })?.values[1] else { return "source \(id)" }
            if case .string(let text) = quote { return "source \(id): “\(text)”" }
            return "source \(id): \(quote)"
        }.joined(separator: "; ")
    }

    /// The modeling assumption declared for a predicate's rules, if any.
    package func assumption(for predicate: String) -> String? {
        let notes = facts(of: PredicateKey(name: "assumption", arity: 2)).filter { $0.values[0] == .symbol(predicate) }
        guard !notes.isEmpty else { return nil }
        return "assumption: " + notes.map { value in
            if case .string(let text) = value.values[1] { return text }
            return value.values[1].description
        }.joined(separator: "; ")
    }
}
