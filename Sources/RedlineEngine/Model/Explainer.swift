import RedlineLanguage
/// Builds `why` and `why not` trees from a model. A proof uses only facts
/// that appeared in earlier rounds than the fact it proves, so it is
/// well-founded, and of minimal depth among the rule instances tried.
struct Explainer {
    let model: Model
    var maxDepth = 12
    var maxAbsenceDepth = 3
    private var shown: [Fact: Int] = [:]
    private var counter = 0

    init(model: Model) {
        self.model = model
    }

    // MARK: - why

    mutating func explain(_ fact: Fact) -> ExplanationNode? {
        guard model.holds(fact) else { return nil }
        return node(for: fact, depth: 0)
    }

    private func round(of fact: Fact) -> Int? {
        guard let relation = model.relation(fact.key) else { return nil }
        var ids: [UInt32] = []
        for value in fact.values {
            guard let id = model.store.id(of: value) else { return nil }
            ids.append(id)
        }
        return Relation.withTuple(ids) { relation.find($0) }.map { relation.round(of: $0) }
    }

    func factClause(_ fact: Fact) -> Clause? {
        for (source, table) in model.program.factTables where table.key == fact.key {
            for row in 0..<table.count where table.row(row).elementsEqual(fact.values) { return source.clause(table, row: row) }
        }
        return nil
    }

    private func sentence(_ fact: Fact) -> String? { model.program.sentence(for: fact) }

    private mutating func node(for fact: Fact, depth: Int) -> ExplanationNode {
        if let number = shown[fact] {
            return ExplanationNode(kind: .repeated, text: fact.description, sentence: sentence(fact), number: number)
        }
        let round = self.round(of: fact) ?? 0
        if round == 0 {
            if let intervention = model.interventions.isForced(fact.key, fact.values) {
                return ExplanationNode(kind: .assumed, text: fact.description, sentence: sentence(fact), location: intervention.location,
                                       note: "assumed: \(intervention.written)")
            }
            // An assumed fact (the deadline, the story's date) says so wherever a proof uses it.
            if Checker.builtins.contains(fact.key) {
                let note = ["the evaluation date", model.assumption(for: fact.predicate)].compactMap { $0 }.joined(separator: "; ")
                return ExplanationNode(kind: .builtin, text: fact.description, sentence: sentence(fact), note: note)
            }
            return ExplanationNode(kind: .fact, text: fact.description, sentence: sentence(fact), location: factClause(fact)?.location,
                                   note: model.citation(for: fact) ?? model.assumption(for: fact.predicate))
        }
        guard depth < maxDepth else {
            return ExplanationNode(kind: .truncated, text: fact.description, sentence: sentence(fact),
                                   note: "deeper than \(maxDepth) steps; ask: why \(fact).")
        }
        counter += 1
        let number = counter
        shown[fact] = number
        guard let (clause, bindings, children) = bestInstance(for: fact, round: round) else {
            return ExplanationNode(kind: .fact, text: fact.description, sentence: sentence(fact), note: "no rule instance found")
        }
        var nodes: [ExplanationNode] = []
        for (literal, child) in zip(clause.body, children) {
            let written = literal.substituting(bindings).written
            switch literal {
            case .positive:
                nodes.append(child.map { node(for: $0, depth: depth + 1) } ?? ExplanationNode(kind: .condition, text: written))
            case .negative(let atom, _):
                let absent = atom.substituting(bindings)
                let note = model.interventions.blocker(of: absent.key, absent.groundFact?.values ?? []).map { "blocked by the intervention \($0.written)" }
                    ?? (DefeasibleNames.isAdded(absent.predicate) ? "established" : "no \(absent.written) holds")
                // In words, the absence reads as its atom's sentence, negated.
                let words = absent.groundFact.flatMap(sentence).map { "it is not so that \($0)" }
                var absence = ExplanationNode(kind: .absent, text: written, sentence: words, note: note)
                // No defeat, no overriding rule: why not, since no one can ask for them by name.
                if DefeasibleNames.isAdded(absent.predicate), let fact = absent.groundFact, depth < maxDepth {
                    // The condition that fails in each rule, without the rule around it.
                    absence.children = explainAbsence(fact, depth: maxAbsenceDepth - 2).children
                        .flatMap { $0.kind == .failedRule && !$0.children.isEmpty ? $0.children : [$0] }
                }
                nodes.append(absence)
            case .aggregate(let aggregate):
                nodes.append(aggregateNode(aggregate, written: written, bindings: bindings))
            case .comparison:
                nodes.append(ExplanationNode(kind: .condition, text: written))
            }
        }
        let names = Set(clause.head.variables.map(\.name) + clause.body.flatMap(Checker.variables(of:)).map(\.name))
        let shownBindings = bindings.filter { names.contains($0.key) && !$0.key.hasPrefix("_") }
            .sorted { $0.key < $1.key }
            .map { ExplanationNode.Binding(name: $0.key, value: $0.value.description) }
        return ExplanationNode(kind: .rule, text: fact.description, sentence: sentence(fact), location: clause.location,
                               rule: SourceText.oneLine(clause.span.text), bindings: shownBindings,
                               note: model.assumption(for: fact.predicate), number: number, children: nodes)
    }

    /// Tuples an aggregate lists in a tree: enough to check a sum by eye.
    static let aggregateTuplesShown = 12

    /// An aggregate of a proof, with the tuples it ranges over under it
    /// (the first dozen, then how many more): `why exposure(c, $250K).`
    /// stopped at the sum without what adds up to it.
    private func aggregateNode(_ aggregate: Aggregate, written: String, bindings: Bindings) -> ExplanationNode {
        let body = aggregate.body.map { $0.substituting(bindings) }
        guard let answer = try? model.query(body) else { return ExplanationNode(kind: .condition, text: written) }
        var children: [ExplanationNode] = answer.rows.prefix(Explainer.aggregateTuplesShown).map { row in
            var tuple = bindings
            for (name, value) in zip(answer.columns, row) { tuple[name] = value }
            return ExplanationNode(kind: .condition, text: aggregate.body.map { $0.substituting(tuple).written }.joined(separator: ", "))
        }
        let rest = answer.rows.count - Explainer.aggregateTuplesShown
        if rest > 0 { children.append(ExplanationNode(kind: .condition, text: "... and \(rest) more")) }
        let over = answer.rows.count == 1 ? "over 1 tuple" : "over \(answer.rows.count) tuples"
        return ExplanationNode(kind: .condition, text: written, note: over, children: children)
    }

    /// The rule instance deriving `fact` whose positive conditions appeared
    /// earliest (all before `round`): the shallowest proof available.
    private func bestInstance(for fact: Fact, round: Int) -> (Clause, Bindings, [Fact?])? {
        var best: (Clause, Bindings, [Fact?], Int)?
        for clause in model.program.clauses where !clause.isFact && clause.head.key == fact.key {
            guard let headBindings = clause.head.unify(with: fact) else { continue }
            let body = clause.body.map { $0.substituting(headBindings) }
            guard let answer = try? model.query(body) else { continue }
            for row in answer.rows.prefix(500) {
                var bindings = headBindings
                for (name, value) in zip(answer.columns, row) { bindings[name] = value }
                var children: [Fact?] = []
                var latest = -1
                var usable = true
                for literal in clause.body {
                    guard case .positive(let atom) = literal else {
                        children.append(nil)
                        continue
                    }
                    guard let child = earliestMatch(atom.substituting(bindings)), let childRound = self.round(of: child), childRound < round else {
                        usable = false
                        break
                    }
                    children.append(child)
                    latest = max(latest, childRound)
                }
                if usable, best == nil || latest < best!.3 { best = (clause, bindings, children, latest) }
            }
        }
        return best.map { ($0.0, $0.1, $0.2) }
    }

    /// The fact matching an atom (with `_` perhaps) that appeared first.
    private func earliestMatch(_ atom: Atom) -> Fact? {
        if let fact = atom.groundFact { return model.holds(fact) ? fact : nil }
        var best: (Fact, Int)?
        for fact in model.facts(of: atom.key) where atom.unify(with: fact) != nil {
            let round = self.round(of: fact) ?? 0
            if best == nil || round < best!.1 { best = (fact, round) }
        }
        return best?.0
    }

    // MARK: - why not

    mutating func explainAbsence(_ fact: Fact, depth: Int = 0) -> ExplanationNode {
        let sentence = self.sentence(fact)
        if model.holds(fact) {
            return ExplanationNode(kind: .holds, text: fact.description, sentence: sentence, note: "it holds; ask: why \(fact).")
        }
        if let blocker = model.interventions.blocker(of: fact.key, fact.values) {
            return ExplanationNode(kind: .blocked, text: fact.description, sentence: sentence, location: blocker.location,
                                   note: "blocked by the intervention \(blocker.written)")
        }
        let rules = model.program.clauses.filter { !$0.isFact && $0.head.key == fact.key }
        if let choice = model.program.uncertain.first(where: { $0.alternatives.contains { $0.atom.groundFact == fact } }) {
            var written = SourceText.oneLine(choice.span.text)
            if written.hasSuffix(".") { written.removeLast() }
            let note = "it is uncertain (\(written)), and uncertain facts hold in no ordinary answer; ask: how likely \(fact)?"
            guard !rules.isEmpty else { return ExplanationNode(kind: .missing, text: fact.description, sentence: sentence, note: note) }
        }
        guard !rules.isEmpty else {
            let note = model.program.factKeys.contains(fact.key)
                ? "it is not among the facts of \(fact.key), and no rule derives \(fact.key)"
                : "no rule or fact can produce it"
            return ExplanationNode(kind: .missing, text: fact.description, sentence: sentence, note: note)
        }
        var children: [ExplanationNode] = []
        for clause in rules {
            children.append(failure(of: clause, for: fact, depth: depth))
        }
        return ExplanationNode(kind: .missing, text: fact.description, sentence: sentence,
                               note: rules.count == 1 ? "its rule fails" : "each of its \(rules.count) rules fails", children: children)
    }

    private mutating func failure(of clause: Clause, for fact: Fact, depth: Int) -> ExplanationNode {
        let rule = SourceText.oneLine(clause.span.text)
        guard let headBindings = clause.head.unify(with: fact) else {
            return ExplanationNode(kind: .failedRule, text: clause.head.written, location: clause.location, rule: rule,
                                   note: "its head does not match \(fact)")
        }
        let body = clause.body.map { $0.substituting(headBindings) }
        // The first condition, in the order written, after which nothing matches.
        var partial: Bindings = headBindings
        var alternatives = 1
        for index in body.indices {
            guard let answer = try? model.query(Array(body[...index])) else { continue }  // not yet safe: extend
            guard let first = answer.rows.first else {
                let failing = clause.body[index].substituting(partial)
                let bindings = partial.filter { !$0.key.hasPrefix("_") }.sorted { $0.key < $1.key }
                    .map { ExplanationNode.Binding(name: $0.key, value: $0.value.description) }
                var node = ExplanationNode(kind: .failedRule, text: clause.head.substituting(headBindings).written,
                                           location: clause.location, rule: rule, bindings: bindings)
                if alternatives > 1 { node.note = "showing the first of \(alternatives) partial matches" }
                node.children = [failureNode(failing, depth: depth)]
                return node
            }
            alternatives = answer.rows.count
            partial = headBindings
            for (name, value) in zip(answer.columns, first) { partial[name] = value }
        }
        return ExplanationNode(kind: .failedRule, text: clause.head.written, location: clause.location, rule: rule,
                               note: "every condition holds, yet the fact is absent (an intervention may block it)")
    }

    private mutating func failureNode(_ literal: Literal, depth: Int) -> ExplanationNode {
        let text = literal.written
        switch literal {
        case .positive(let atom):
            if let fact = atom.groundFact {
                guard depth + 1 < maxAbsenceDepth else {
                    return ExplanationNode(kind: .failure, text: text, note: "it does not hold; ask: why not \(fact).")
                }
                return explainAbsence(fact, depth: depth + 1)
            }
            return ExplanationNode(kind: .failure, text: text, note: "nothing matches \(atom.written)")
        case .negative(let atom, _):
            var node = ExplanationNode(kind: .failure, text: text, note: "\(atom.written) holds")
            if let fact = atom.groundFact {
                if let intervention = model.interventions.isForced(fact.key, fact.values) {
                    node.note = "\(fact) holds: assumed by \(intervention.written)"
                    node.location = intervention.location
                } else if let clause = factClause(fact) {
                    node.note = "\(fact) holds: a fact"
                    node.location = clause.location
                } else if DefeasibleNames.isAdded(fact.predicate) {
                    // A defeat, an overriding rule: shown, since no one can ask for them by name.
                    node.note = "fails, because"
                    node.children = [self.node(for: fact, depth: depth + 1)]
                } else {
                    node.note = "\(fact) holds; ask: why \(fact)."
                }
            }
            return node
        case .comparison:
            return ExplanationNode(kind: .failure, text: text, note: "the comparison is false")
        case .aggregate:
            return ExplanationNode(kind: .failure, text: text, note: "the aggregate's value does not match")
        }
    }
}

extension Model {
    package func explain(_ fact: Fact) -> Explanation {
        var explainer = Explainer(model: self)
        var root = explainer.explain(fact)
        if let verdict = verdict(for: fact), root != nil { root!.note = root!.note.map { verdict + "; " + $0 } ?? verdict }
        return Explanation(fact: fact.description, root: root)
    }

    package func explainAbsence(_ fact: Fact) -> Absence {
        var explainer = Explainer(model: self)
        var root = explainer.explainAbsence(fact)
        // The tree's head already says that the fact does not hold.
        if !holds(fact), root.kind == .missing, let verdict = verdict(for: fact) {
            let head = "\(fact) does not hold: "
            root.note = verdict.hasPrefix(head) ? String(verdict.dropFirst(head.count)) : verdict
        }
        return Absence(fact: fact.description, root: root)
    }
}
