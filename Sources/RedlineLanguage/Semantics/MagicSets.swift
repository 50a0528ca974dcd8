/// Goal-directed evaluation of a query with constants, by the magic-set
/// rewriting (Bancilhon, Maier, Sagiv and Ullman, PODS 1986; Beeri and
/// Ramakrishnan, PODS 1987): `?- path(1, X).` on a graph of 2,000 nodes
/// derives the paths from node 1, not all 2.6 million.
///
/// Each derived predicate the query reaches is copied once per adornment
/// (which arguments arrive bound, `b`, and which free, `f`), and each copy
/// of a rule first reads a "magic" relation that holds the bound arguments
/// actually asked for:
///
///     path@bf(X, Y) :- magic@path@bf(X), e(X, Y).
///     path@bf(X, Z) :- magic@path@bf(X), path@bf(X, Y), e(Y, Z).
///     magic@path@bf(X) :- magic@path@bf(X).            (from the second rule)
///     magic@path@bf(1).                                  (the seed: the query's constant)
///
/// Bindings pass left to right through a body: a variable is bound once
/// an earlier positive atom holds it, or `X = expression` over bound ones
/// gives it, or it is a bound head argument. A magic rule's body is the
/// copy's prefix of positive atoms and of comparisons over bound variables;
/// `not`, aggregates and comparisons it cannot evaluate are left out, which
/// only asks for more (a superset of the bindings the copy reaches).
///
/// Why the answers are the same. Soundness: each copy is the original rule
/// with one more condition, so by induction on derivations every `p@a`
/// tuple is a `p` tuple. Completeness: every `p` tuple whose bound
/// arguments some magic tuple asks for is a `p@a` tuple, by induction on
/// the strata of the rewritten program: a body atom, negated atom or atom
/// inside an aggregate is reached with bindings that its magic rule derives
/// from the same prefix (and, inside an aggregate, the outer prefix too),
/// so its copy holds every tuple the original relation holds for them.
/// `not q@b(X)` and an aggregate over copies are then decided on complete
/// relations, as long as each copy is evaluated before what reads it
/// through `not` or an aggregate: the rewritten program must be stratified,
/// and the caller checks it (Checker) and otherwise evaluates the
/// dependency cone. A derived relation's own facts are one more rule of
/// it (`p@a(X) :- magic@p@a(..), p(X)`, where `p` holds only the facts).
/// Rules whose heads hold terms or arithmetic, and queries without a
/// constant, are not rewritten (nil). In the verifying mode the two paths
/// are compared.
package enum MagicSets {
    package struct Rewritten {
        package let program: Program
        /// The query atom on the adorned copy of its predicate.
        package let query: Atom
        /// The relations the rewritten program reads or derives.
        package let keys: Set<PredicateKey>
    }

    package static func rewrite(_ query: Atom, in program: Program) -> Rewritten? {
        guard query.args.contains(where: { $0.groundValue != nil }),
              query.args.allSatisfy({ arg in
                  if case .variable = arg { return true }
                  if case .anonymous = arg { return true }
                  return arg.groundValue != nil
              }) else { return nil }
        var rulesByHead: [PredicateKey: [Clause]] = [:]
        for clause in program.clauses where !clause.isFact { rulesByHead[clause.head.key, default: []].append(clause) }
        guard rulesByHead[query.key] != nil else { return nil }
        let factKeys = program.factKeys

        func adornment(_ atom: Atom, bound: Set<String>) -> String {
            String(atom.args.map { arg -> Character in
                if arg.groundValue != nil { return "b" }
                if case .variable(let name, _) = arg, bound.contains(name) { return "b" }
                return "f"
            })
        }
        func boundArgs(_ atom: Atom, _ pattern: String) -> [Term] {
            zip(atom.args, pattern).filter { $0.1 == "b" }.map(\.0)
        }
        func renamed(_ atom: Atom, _ name: String, _ args: [Term]) -> Atom {
            Atom(predicate: name, args: args, span: atom.span, nameSpan: atom.nameSpan)
        }

        var clauses: [Clause] = []
        var done = Set<[String]>()
        let start = adornment(query, bound: [])
        var work = [(query.key, start)]

        /// The variables `X = expression` binds when the other side's are bound.
        func assigned(_ op: ComparisonOperator, _ left: Term, _ right: Term, bound: Set<String>) -> String? {
            guard op == .equal else { return nil }
            for (target, source) in [(left, right), (right, left)] {
                if case .variable(let name, _) = target, !bound.contains(name),
                   source.variables.allSatisfy({ bound.contains($0.name) }) { return name }
            }
            return nil
        }
        /// Rewrites one body (a rule's, or an aggregate's inside it): each
        /// atom of a derived relation becomes its adorned copy, with a magic
        /// rule that asks for the bindings it is reached with.
        func rewriteBody(_ literals: [Literal], prefix: inout [Literal], bound: inout Set<String>,
                         span: SourceSpan) -> [Literal]? {
            var out: [Literal] = []
            func adorned(_ atom: Atom) -> Atom {
                guard rulesByHead[atom.key] != nil else { return atom }
                let inner = adornment(atom, bound: bound)
                let innerMagic = renamed(atom, "magic@\(atom.predicate)@\(inner)", boundArgs(atom, inner))
                clauses.append(Clause(head: innerMagic, body: prefix, span: span))
                work.append((atom.key, inner))
                return renamed(atom, "\(atom.predicate)@\(inner)", atom.args)
            }
            for literal in literals {
                switch literal {
                case .positive(let atom):
                    let copy = adorned(atom)
                    out.append(.positive(copy))
                    prefix.append(.positive(copy))
                    for (name, _) in atom.variables { bound.insert(name) }
                case .negative(let atom, let span):
                    out.append(.negative(adorned(atom), span))
                case .comparison(let op, let left, let right, _):
                    out.append(literal)
                    if let name = assigned(op, left, right, bound: bound) {
                        prefix.append(literal)
                        bound.insert(name)
                    } else if (left.variables + right.variables).allSatisfy({ bound.contains($0.name) }) {
                        prefix.append(literal)
                    }
                case .aggregate(let aggregate):
                    // The aggregate's own variables stay inside it.
                    var innerPrefix = prefix, innerBound = bound
                    guard let body = rewriteBody(aggregate.body, prefix: &innerPrefix, bound: &innerBound, span: span) else {
                        return nil
                    }
                    out.append(.aggregate(Aggregate(result: aggregate.result, function: aggregate.function,
                                                    value: aggregate.value, body: body, span: aggregate.span)))
                }
            }
            return out
        }

        while let (key, pattern) = work.popLast() {
            guard done.insert([key.description, pattern]).inserted else { continue }
            // A derived relation with facts of its own reads them as one
            // more rule: the relation of its name holds only them here,
            // since its rules are rewritten.
            if factKeys.contains(key) {
                let columns = (0..<key.arity).map { Term.variable("Fact#\($0)", query.span) }
                let facts = Atom(predicate: key.name, args: columns, span: query.span, nameSpan: query.span)
                let magic = renamed(facts, "magic@\(key.name)@\(pattern)", boundArgs(facts, pattern))
                clauses.append(Clause(head: renamed(facts, "\(key.name)@\(pattern)", columns),
                                      body: [.positive(magic), .positive(facts)], span: query.span))
            }
            for rule in rulesByHead[key] ?? [] {
                guard rule.head.args.allSatisfy({ arg in
                    if case .variable = arg { return true }
                    return arg.groundValue != nil
                }) else { return nil }
                let magic = renamed(rule.head, "magic@\(key.name)@\(pattern)", boundArgs(rule.head, pattern))
                var prefix: [Literal] = [.positive(magic)]
                var bound = Set(zip(rule.head.args, pattern).compactMap { arg, mode -> String? in
                    if mode == "b", case .variable(let name, _) = arg { return name }
                    return nil
                })
                guard let body = rewriteBody(rule.body, prefix: &prefix, bound: &bound, span: rule.span) else { return nil }
                let head = renamed(rule.head, "\(key.name)@\(pattern)", rule.head.args)
                clauses.append(Clause(head: head, body: [.positive(magic)] + body, span: rule.span))
            }
        }
        // The seed: the query's constants, asked for.
        var seed = GroundFacts(file: query.span.file)
        let seedAtom = renamed(query, "magic@\(query.predicate)@\(start)", boundArgs(query, start))
        seed.append(Clause(head: seedAtom, body: [], span: query.span))
        seed.finish()
        var keys: Set<PredicateKey> = [seedAtom.key]
        for clause in clauses {
            keys.insert(clause.head.key)
            for literal in clause.body { keys.formUnion(Checker.atoms(in: literal).map(\.key)) }
        }
        var rewritten = program
        rewritten.clauses = clauses
        // They name the original relations, which the rewriting has no rules for.
        rewritten.outcomes = []
        rewritten.phrasings = []
        rewritten.facts.append(seed)
        return Rewritten(program: rewritten, query: renamed(query, "\(query.predicate)@\(start)", query.args), keys: keys)
    }
}
