/// The candidate lever changes of `what would flip`, read backwards from
/// the rules (abduction) instead of enumerating every constant in every
/// column of every lever.
///
/// - To make an atom hold: it is a lever atom (an addition), or some rule
///   that could derive it gets its body satisfied. The body is joined
///   against the current model with a few of its positive atoms left out;
///   each left-out atom, with the bindings the join gave it, must be made
///   to hold in turn, and each `not q` that fails under those bindings
///   must have `q` made to stop holding.
/// - To make an atom stop holding: it is a given lever fact (a removal), or
///   every proof of it loses a support: for each rule instance whose
///   positive atoms hold now (a proof now, or one that a change elsewhere
///   could complete through a `not`), a positive atom of the body made to
///   stop holding, or the atom of a `not` in the body made to hold.
///
/// Unfolding stops at `maxDepth` rules. Variables the rules leave unbound
/// take the constants that may stand in the column (`Session.constants`).
/// The candidates are only suggestions: the flip search confirms every set
/// by evaluating its world, and shows only sets that flip.
struct Abduction {
    let model: Model
    let levers: Set<PredicateKey>
    let rulesByHead: [PredicateKey: [Clause]]
    let constants: (PredicateKey, Int) -> [Value]
    let span: SourceSpan

    static let maxDepth = 4
    /// Rule instances joined per goal and rule, and ground atoms made of one pattern.
    static let maxInstances = 64
    /// Positive atoms of one rule body left out of the join at once.
    static let maxLeftOut = 3

    private(set) var candidates: [Intervention] = []
    private var seenCandidates = Set<String>()
    /// The goals met so far and the depth each was met at: a goal met again
    /// closer to the atom is unfolded again, deeper.
    private var visited: [String: Int] = [:]

    init(model: Model, program: Program, levers: Set<PredicateKey>, span: SourceSpan,
         constants: @escaping (PredicateKey, Int) -> [Value]) {
        self.model = model
        self.levers = levers
        self.span = span
        self.constants = constants
        var rules: [PredicateKey: [Clause]] = [:]
        for clause in program.clauses where !clause.isFact { rules[clause.head.key, default: []].append(clause) }
        rulesByHead = rules
    }

    // MARK: Making an atom hold

    mutating func makeHold(_ atom: Atom, depth: Int = 0) {
        guard firstVisit("+" + atom.written, depth) else { return }
        if levers.contains(atom.key) {
            for fact in groundInstances(of: atom) where !model.holds(fact) { add(fact, negated: false) }
        }
        guard depth < Abduction.maxDepth else { return }
        for rule in rulesByHead[atom.key] ?? [] {
            guard let head = headBindings(rule.head, matching: atom) else { continue }
            let body = rule.body.map { $0.substituting(head) }
            // Only an atom some change can make hold is left out: a lever's, or a derived one.
            let positives = body.indices.filter {
                guard case .positive(let needed) = body[$0] else { return false }
                return levers.contains(needed.key) || rulesByHead[needed.key] != nil
            }
            for size in 0...min(Abduction.maxLeftOut, positives.count) {
                for chosen in Session.combinations(of: positives.count, size: size) {
                    let leftOut = Set(chosen.map { positives[$0] })
                    for bindings in join(body, leaving: leftOut) {
                        for i in leftOut.sorted() {
                            if case .positive(let needed) = body[i] { makeHold(needed.substituting(bindings), depth: depth + 1) }
                        }
                        for literal in body {
                            switch literal {
                            case .negative(let blocker, _):
                                // Also when it does not hold now: another change may make it hold.
                                makeStop(blocker.substituting(bindings), depth: depth + 1)
                            case .aggregate(let aggregate):
                                change(aggregate, under: bindings, depth: depth + 1)
                            case .positive, .comparison:
                                break
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Making an atom stop holding

    mutating func makeStop(_ atom: Atom, depth: Int = 0) {
        guard firstVisit("-" + atom.written, depth) else { return }
        if levers.contains(atom.key) {
            for fact in matchingFacts(atom) where model.isGiven(fact) { add(fact, negated: true) }
        }
        guard depth < Abduction.maxDepth else { return }
        for rule in rulesByHead[atom.key] ?? [] {
            guard let head = headBindings(rule.head, matching: atom) else { continue }
            let body = rule.body.map { $0.substituting(head) }
            // The proofs it has now, and those other changes could complete:
            // the `not`s and aggregates of the body are not asked.
            for bindings in join(body, leaving: []) {
                for literal in body {
                    switch literal {
                    case .positive(let support): makeStop(support.substituting(bindings), depth: depth + 1)
                    case .negative(let blocker, _): makeHold(blocker.substituting(bindings), depth: depth + 1)
                    case .aggregate(let aggregate):
                        change(aggregate, under: bindings, depth: depth + 1)
                    case .comparison: break
                    }
                }
            }
        }
    }

    /// An aggregate's value changes when what it reads gains or loses a tuple.
    private mutating func change(_ aggregate: Aggregate, under bindings: Bindings, depth: Int) {
        for literal in aggregate.body {
            guard case .positive(let inner) = literal else { continue }
            let instance = inner.substituting(bindings)
            makeStop(instance, depth: depth)
            makeHold(instance, depth: depth)
        }
    }

    private mutating func firstVisit(_ goal: String, _ depth: Int) -> Bool {
        if let seen = visited[goal], seen <= depth { return false }
        visited[goal] = depth
        return true
    }

    // MARK: Joins against the current model

    /// The bindings under which the body's literals other than `leftOut`
    /// hold in the current model: positive atoms, and the comparisons whose
    /// variables those bind. `not`s and aggregates are left to the
    /// confirmation: a change elsewhere may turn them.
    private func join(_ body: [Literal], leaving leftOut: Set<Int>) -> [Bindings] {
        var bound = Set<String>()
        var query: [Literal] = []
        for (i, literal) in body.enumerated() where !leftOut.contains(i) {
            if case .positive(let atom) = literal {
                query.append(literal)
                bound.formUnion(atom.variables.map(\.name))
            }
        }
        for (i, literal) in body.enumerated() where !leftOut.contains(i) {
            switch literal {
            case .positive, .negative, .aggregate: continue
            case .comparison:
                // A comparison that binds (`N = X + 1`) is kept when its inputs are bound.
                let variables = Set(Checker.variables(of: literal).map(\.name))
                if variables.subtracting(bound).count <= (Abduction.binds(literal) ? 1 : 0) {
                    query.append(literal)
                    bound.formUnion(variables)
                }
            }
        }
        guard !query.isEmpty else { return [[:]] }
        guard let answer = try? model.query(query) else { return [] }
        return answer.rows.prefix(Abduction.maxInstances).map { row in
            Bindings(uniqueKeysWithValues: zip(answer.columns, row).map { ($0, $1) })
        }
    }

    private static func binds(_ literal: Literal) -> Bool {
        switch literal {
        case .comparison(.equal, _, _, _): return true
        default: return false
        }
    }

    /// Head variables bound to the goal's values; nil when a constant clashes.
    private func headBindings(_ head: Atom, matching goal: Atom) -> Bindings? {
        var bindings: Bindings = [:]
        for (term, wanted) in zip(head.args, goal.args) {
            guard let value = wanted.groundValue else { continue }
            if !term.unify(with: value, &bindings) {
                if case .compound = term { continue }
                return nil
            }
        }
        return bindings
    }

    /// The facts of the current model that the atom (with variables or `_`) matches.
    private func matchingFacts(_ atom: Atom) -> [Fact] {
        if let fact = atom.groundFact { return model.holds(fact) ? [fact] : [] }
        return model.facts(of: atom.key).filter { fact in
            var bindings: Bindings = [:]
            return zip(atom.args, fact.values).allSatisfy { $0.0.unify(with: $0.1, &bindings) }
        }
    }

    /// The ground atoms the pattern stands for: each variable takes the
    /// constants of its column, a repeated variable one value.
    private func groundInstances(of atom: Atom) -> [Fact] {
        if let fact = atom.groundFact { return [fact] }
        var partial: [Bindings] = [[:]]
        for (column, term) in atom.args.enumerated() {
            let names: [String]
            switch term {
            case .variable(let name, _): names = [name]
            case .anonymous: names = ["_\(column)"]
            default: names = term.variables.map(\.name)
            }
            for name in names where partial.first?[name] == nil {
                let values = constants(atom.key, column)
                partial = partial.flatMap { b in values.map { var c = b; c[name] = $0; return c } }
                if partial.count > Abduction.maxInstances { partial = Array(partial.prefix(Abduction.maxInstances)) }
            }
        }
        return partial.compactMap { bindings in
            let args = atom.args.enumerated().map { column, term -> Term in
                if case .anonymous(let span) = term { return bindings["_\(column)"].map { .constant($0, span) } ?? term }
                return term.substituting(bindings)
            }
            return Atom(predicate: atom.predicate, args: args, span: atom.span, nameSpan: atom.nameSpan).groundFact
        }
    }

    private mutating func add(_ fact: Fact, negated: Bool) {
        guard seenCandidates.insert((negated ? "not " : "") + fact.description).inserted else { return }
        candidates.append(Session.intervention(fact, negated: negated, span: span))
    }
}
