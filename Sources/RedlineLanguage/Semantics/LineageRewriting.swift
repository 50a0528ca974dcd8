/// The rewriting behind exact likelihoods (lineage, as in ProbLog's
/// grounding: Fierens et al., TPLP 2015).
///
/// A world of the uncertain facts is the program with some of them added.
/// The rewritten program, evaluated with every uncertain fact added, holds
/// the *possible* facts: every fact that holds in some world (and more).
/// For each rule that can depend on an uncertain fact it also derives the
/// rule's *instances*: one row per way the rule's body matches, with the
/// head's values and every variable's. The lineage of a fact, the condition
/// on the uncertain facts under which it holds, is then the disjunction over
/// its instances of the conjunction of their uncertain literals.
///
/// Proof sketch. Call a relation *uncertain* when its dependency cone holds
/// a relation with uncertain facts. (1) A rule keeps every literal over
/// certain relations, and those hold alike in every world. (2) It drops its
/// negated literals over uncertain relations; a world's model of the
/// remaining positive, monotone body is contained in the model with every
/// uncertain fact added, so every fact and instance of every world is among
/// the possible ones. (3) The negated literals dropped are put back in the
/// lineage as negations of the lineage of what they read; a stratified
/// program evaluates what a `not` reads in a lower stratum, so computing
/// lineage stratum by stratum, each to its fixpoint, gives in each world
/// exactly the facts that world's model holds. An aggregate over an
/// uncertain relation has no lineage of this kind (its value depends on
/// which facts hold): such programs are answered by enumerating or sampling
/// worlds instead, and `unsupported` says why.
package struct LineageRewriting: Sendable {
    /// The instances of one rule: `relation(head values..., variables...)`.
    package struct Instances: Sendable {
        package let clause: Clause
        package let relation: PredicateKey
        package let variables: [String]
        /// The rule's literals over uncertain relations, each with whether it is negated.
        package let uncertainLiterals: [(atom: Atom, negated: Bool)]
    }

    package let program: Program
    package let instances: [Instances]
    /// The uncertain relations of the cone.
    package let uncertainRelations: Set<PredicateKey>
    /// Why lineage cannot be used, with the place that stops it.
    package let unsupported: (reason: String, span: SourceSpan)?

    package static func instancesName(_ index: Int) -> String { "likely@instance\(index)" }

    /// `program` with the instances of the rules in the dependency cone of
    /// `targets` that can depend on an uncertain fact, in `uncertainKeys`.
    package static func rewrite(_ program: Program, targets: Set<PredicateKey>, uncertainKeys: Set<PredicateKey>) -> LineageRewriting {
        let cone = dependencyCone(of: targets, in: program)
        let uncertain = uncertainRelations(in: program, from: uncertainKeys).intersection(cone)
        var rewritten = program
        var instances: [Instances] = []
        var unsupported: (String, SourceSpan)?
        var clauses: [Clause] = []
        for clause in program.clauses {
            guard cone.contains(clause.head.key), uncertain.contains(clause.head.key), !clause.body.isEmpty else {
                clauses.append(clause)
                continue
            }
            var kept: [Literal] = []
            var literals: [(Atom, Bool)] = []
            var variables: [String] = []
            func note(_ terms: [Term]) {
                for term in terms {
                    for (name, _) in term.variables where !variables.contains(name) { variables.append(name) }
                }
            }
            for literal in clause.body {
                switch literal {
                case .positive(let atom):
                    kept.append(literal)
                    note(atom.args)
                    if uncertain.contains(atom.key) { literals.append((atom, false)) }
                case .negative(let atom, _):
                    if uncertain.contains(atom.key) { literals.append((atom, true)) } else { kept.append(literal) }
                case .comparison(_, let left, let right, _):
                    kept.append(literal)
                    note([left, right])
                case .aggregate(let aggregate):
                    kept.append(literal)
                    note([aggregate.result])
                    if unsupported == nil, aggregate.body.flatMap(Checker.atoms(in:)).contains(where: { uncertain.contains($0.key) }) {
                        unsupported = ("an aggregate (\(aggregate.function.rawValue)) reads uncertain facts", aggregate.span)
                    }
                }
            }
            for (atom, _) in literals where unsupported == nil {
                if let term = atom.args.first(where: { term in
                    switch term {
                    case .variable, .anonymous, .constant: return false
                    default: return true
                    }
                }) {
                    unsupported = ("an argument computed inside an atom over uncertain facts", term.span)
                }
            }
            // A body of only dropped negations holds in the possible world: say so with a literal that always holds.
            if kept.isEmpty { kept = [.comparison(.equal, .constant(.number(Exact(1)), clause.span), .constant(.number(Exact(1)), clause.span), clause.span)] }
            let relation = PredicateKey(name: instancesName(instances.count), arity: clause.head.arity + variables.count)
            let columns = clause.head.args + variables.map { Term.variable($0, clause.span) }
            let head = Atom(predicate: relation.name, args: columns, span: clause.head.span, nameSpan: clause.head.nameSpan)
            instances.append(Instances(clause: clause, relation: relation, variables: variables, uncertainLiterals: literals))
            clauses.append(Clause(head: clause.head, body: kept, span: clause.span, strength: clause.strength, label: clause.label))
            clauses.append(Clause(head: head, body: kept, span: clause.span))
        }
        rewritten.clauses = clauses
        return LineageRewriting(program: rewritten, instances: instances, uncertainRelations: uncertain,
                                unsupported: unsupported)
    }

    /// The relations `targets` read, directly or through rules.
    package static func dependencyCone(of targets: Set<PredicateKey>, in program: Program) -> Set<PredicateKey> {
        var reads: [PredicateKey: Set<PredicateKey>] = [:]
        for clause in program.clauses {
            for literal in clause.body {
                for atom in Checker.atoms(in: literal) { reads[clause.head.key, default: []].insert(atom.key) }
            }
        }
        var cone = targets
        var work = Array(targets)
        while let next = work.popLast() {
            for key in reads[next] ?? [] where cone.insert(key).inserted { work.append(key) }
        }
        return cone
    }

    /// The relations whose dependency cone holds one of `keys`.
    package static func uncertainRelations(in program: Program, from keys: Set<PredicateKey>) -> Set<PredicateKey> {
        var uncertain = keys
        var changed = true
        while changed {
            changed = false
            for clause in program.clauses where !uncertain.contains(clause.head.key) {
                if clause.body.flatMap(Checker.atoms(in:)).contains(where: { uncertain.contains($0.key) }) {
                    uncertain.insert(clause.head.key)
                    changed = true
                }
            }
        }
        return uncertain
    }
}
