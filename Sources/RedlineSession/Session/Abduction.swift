import RedlineLanguage
import RedlineEngine
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

    /// Rules unfolded from the atom; the goals met are remembered, so a
    /// recursive relation is unfolded once per goal.
    static let maxDepth = 8
    /// Rule instances joined per goal and rule.
    static let maxInstances = 64
    /// Ground atoms made of one pattern by filling in its variables.
    static let maxFilled = 400
    /// Positive atoms of one rule body left out of the join at once.
    static let maxLeftOut = 3

    private(set) var candidates: [Intervention] = []
    private var seenCandidates = Set<String>()
    /// The goals met so far and the depth each was met at: a goal met again
    /// closer to the atom is unfolded again, deeper.
    private var visited: [String: Int] = [:]
    /// Whether a pattern had more ground atoms than `maxFilled`: the
    /// candidates are then not all the rules suggest, and the search says so.
    private(set) var truncated = false
    /// Arguments of compound values by functor, arity and position, from
    /// the program's facts and rules: what fills a variable inside a term.
    private let termArguments: [String: Set<Value>]

    init(model: Model, program: Program, levers: Set<PredicateKey>, span: SourceSpan,
         constants: @escaping (PredicateKey, Int) -> [Value]) {
        self.model = model
        self.levers = levers
        self.span = span
        self.constants = constants
        var rules: [PredicateKey: [Clause]] = [:]
        for clause in program.clauses where !clause.isFact { rules[clause.head.key, default: []].append(clause) }
        rulesByHead = rules
        var arguments: [String: Set<Value>] = [:]
        func collect(_ value: Value) {
            guard case .compound(let functor, let args) = value else { return }
            for (i, arg) in args.enumerated() {
                arguments["\(functor)/\(args.count)/\(i)", default: []].insert(arg)
                collect(arg)
            }
        }
        func collect(_ term: Term) {
            if let value = term.groundValue { collect(value) }
            if case .compound(let functor, let args, _) = term {
                for (i, arg) in args.enumerated() {
                    if let value = arg.groundValue { arguments["\(functor)/\(args.count)/\(i)", default: []].insert(value) }
                    collect(arg)
                }
            }
        }
        for (_, table) in program.factTables { table.values.forEach(collect) }
        for clause in program.clauses {
            clause.head.args.forEach(collect)
            for literal in clause.body { Checker.atoms(in: literal).forEach { $0.args.forEach(collect) } }
        }
        termArguments = arguments
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
            // A derived lever fact too: `not` blocks it wherever rules would derive it.
            for fact in matchingFacts(atom) { add(fact, negated: true) }
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

    /// An aggregate's value changes when what it reads gains or loses a
    /// tuple: its body is read like a rule's, joined with one atom left out
    /// (to gain a tuple) or with none (to lose one).
    private mutating func change(_ aggregate: Aggregate, under bindings: Bindings, depth: Int) {
        let body = aggregate.body.map { $0.substituting(bindings) }
        for (i, literal) in body.enumerated() {
            guard case .positive(let inner) = literal, levers.contains(inner.key) || rulesByHead[inner.key] != nil else { continue }
            for more in join(body, leaving: [i]) { makeHold(inner.substituting(more), depth: depth) }
        }
        for more in join(body, leaving: []) {
            for literal in body {
                switch literal {
                case .positive(let inner): makeStop(inner.substituting(more), depth: depth)
                case .negative(let inner, _): makeHold(inner.substituting(more), depth: depth)
                default: break
                }
            }
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

    /// The ground atoms the pattern stands for: a variable of a column
    /// takes the constants of the column, one inside a compound term the
    /// arguments seen in that place of that functor, `_` likewise, and a
    /// repeated variable one value.
    private mutating func groundInstances(of atom: Atom) -> [Fact] {
        if let fact = atom.groundFact { return [fact] }
        var fresh = 0
        func named(_ term: Term) -> Term {
            switch term {
            case .anonymous(let span):
                fresh += 1
                return .variable("_\(fresh)", span)
            case .compound(let functor, let args, let span): return .compound(functor, args.map(named), span)
            default: return term
            }
        }
        let args = atom.args.map(named)
        // Each variable with the values it may take, in order of appearance.
        var domains: [(String, [Value])] = []
        func visit(_ term: Term, column: Int, inside: (functor: String, arity: Int, position: Int)?) {
            switch term {
            case .variable(let name, _):
                guard !domains.contains(where: { $0.0 == name }) else { return }
                let values = inside.map { termArguments["\($0.functor)/\($0.arity)/\($0.position)"].map { Array($0).sorted { Value.order($0, $1) < 0 } } ?? [] }
                    ?? constants(atom.key, column)
                domains.append((name, values))
            case .compound(let functor, let inner, _):
                for (position, arg) in inner.enumerated() { visit(arg, column: column, inside: (functor, inner.count, position)) }
            default: break
            }
        }
        for (column, term) in args.enumerated() { visit(term, column: column, inside: nil) }
        var partial: [Bindings] = [[:]]
        for (name, values) in domains {
            partial = partial.flatMap { b in values.map { var c = b; c[name] = $0; return c } }
            if partial.count > Abduction.maxFilled {
                partial = Array(partial.prefix(Abduction.maxFilled))
                truncated = true
            }
        }
        return partial.compactMap { bindings in
            Atom(predicate: atom.predicate, args: args.map { $0.substituting(bindings) }, span: atom.span, nameSpan: atom.nameSpan).groundFact
        }
    }

    private mutating func add(_ fact: Fact, negated: Bool) {
        guard seenCandidates.insert((negated ? "not " : "") + fact.description).inserted else { return }
        candidates.append(Session.intervention(fact, negated: negated, span: span))
    }
}
