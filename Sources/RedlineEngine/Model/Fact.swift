import RedlineLanguage
/// One tuple of a relation, named: `contract_lost(defense_pilot)`.
package struct Fact: Sendable, Hashable, CustomStringConvertible {
    package let predicate: String
    package let values: [Value]

    package init(_ predicate: String, _ values: [Value]) {
        self.predicate = predicate
        self.values = values
    }

    package var key: PredicateKey { PredicateKey(name: predicate, arity: values.count) }

    /// The fact without its last value: the key of a valued relation's fact
    /// (`exposure(mercy_health)` of `exposure(mercy_health, $250K)`).
    package var keyPart: Fact { Fact(predicate, Array(values.dropLast())) }

    /// In the language's literal syntax.
    package var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends the description to `text`, without making a string of it
    /// first: a what-if can list thousands of facts.
    package func write(to text: inout String) {
        if DefeasibleNames.isAdded(predicate), let words = DefeasibleNames.phrase(predicate, values.map(\.description)) {
            text += words
            return
        }
        text += predicate
        guard !values.isEmpty else { return }
        text += "("
        for (i, value) in values.enumerated() {
            if i > 0 { text += ", " }
            text += value.description
        }
        text += ")"
    }

    /// By predicate, then by the documented value order.
    package static func order(_ a: Fact, _ b: Fact) -> Bool {
        a.key != b.key ? a.key < b.key : Model.rowOrder(a.values, b.values)
    }
}

extension Model {
    package func facts(of key: PredicateKey) -> [Fact] {
        tuples(of: key).map { Fact(key.name, $0) }
    }

    /// The facts in live rows `first...` of a relation, in row order.
    func facts(of key: PredicateKey, fromRow first: Int) -> [Fact] {
        guard let relation = relation(key), first < relation.count else { return [] }
        return (first..<relation.count).filter { !relation.isDead($0) }.map { Fact(key.name, relation.tuple($0).map { store[$0] }) }
    }

    package func holds(_ fact: Fact) -> Bool { contains(fact.key, fact.values) }
}

extension Atom {
    /// The fact this atom names, when it has no variables.
    package var groundFact: Fact? {
        var values: [Value] = []
        for arg in args {
            guard let value = arg.groundValue else { return nil }
            values.append(value)
        }
        return Fact(predicate, values)
    }
}

extension Program {
    /// `.say` sentence for a fact, when a template's pattern matches it.
    package func sentence(for fact: Fact) -> String? {
        for phrasing in phrasings where phrasing.pattern.key == fact.key {
            var bindings: [String: Value] = [:]
            var matches = true
            for (term, value) in zip(phrasing.pattern.args, fact.values) {
                switch term {
                case .variable(let name, _):
                    if let bound = bindings[name], bound != value { matches = false } else { bindings[name] = value }
                case .anonymous: continue
                default:
                    if term.groundValue != value { matches = false }
                }
            }
            guard matches else { continue }
            var text = phrasing.template
            for (name, value) in bindings {
                let shown: String
                if case .string(let s) = value { shown = s } else { shown = value.description }
                text = text.replacing("{\(name)}", with: shown)
            }
            return text
        }
        return nil
    }

    /// The relations diffs and matrices report: `.outcome`, or every derived one.
    package func outcomeKeys(_ analysis: ProgramAnalysis) -> [PredicateKey] {
        guard !outcomes.isEmpty else {
            return Set(clauses.filter { !$0.isFact && !DefeasibleNames.isAdded($0.head.predicate) }.map(\.head.key)).sorted()
        }
        var keys = Set<PredicateKey>()
        for reference in outcomes {
            if let arity = reference.arity {
                keys.insert(PredicateKey(name: reference.name, arity: arity))
            } else if let known = analysis.arities[reference.name] {
                keys.insert(PredicateKey(name: reference.name, arity: known.arity))
            }
        }
        return keys.sorted()
    }
}
