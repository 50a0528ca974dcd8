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
/// Bindings pass left to right through a body (a variable is bound once an
/// earlier atom or a bound head argument holds it). Why the answers are the
/// same: by induction on derivations, every `p@a` tuple is a `p` tuple of
/// the original program (each copy is the original rule with one more
/// condition), and every `p` tuple whose bound arguments some magic tuple
/// asks for is derived as `p@a`, since the magic rules ask for exactly the
/// bound arguments each body atom is reached with. Only positive rules of
/// variables and constants qualify (no `not`, aggregates, comparisons,
/// terms or `today`): with those, the rewriting would need stratification
/// of its own. Otherwise `rewrite` returns nil and the caller evaluates the
/// dependency cone instead; in the verifying mode the two are compared.
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
        var keys = Set<PredicateKey>()
        var done = Set<[String]>()
        let start = adornment(query, bound: [])
        var work = [(query.key, start)]
        while let (key, pattern) = work.popLast() {
            guard done.insert([key.description, pattern]).inserted else { continue }
            // A derived relation with facts of its own, or one with a rule
            // outside the supported shape, keeps the plain evaluation.
            if factKeys.contains(key) { return nil }
            for rule in rulesByHead[key] ?? [] {
                guard rule.head.args.allSatisfy({ arg in
                    if case .variable = arg { return true }
                    return arg.groundValue != nil
                }) else { return nil }
                let magic = renamed(rule.head, "magic@\(key.name)@\(pattern)", boundArgs(rule.head, pattern))
                keys.insert(magic.key)
                var body: [Literal] = [.positive(magic)]
                var bound = Set(zip(rule.head.args, pattern).compactMap { arg, mode -> String? in
                    if mode == "b", case .variable(let name, _) = arg { return name }
                    return nil
                })
                for literal in rule.body {
                    guard case .positive(let atom) = literal, !Checker.builtins.contains(atom.key),
                          atom.args.allSatisfy({ arg in
                              switch arg {
                              case .variable, .anonymous: return true
                              default: return arg.groundValue != nil
                              }
                          }) else { return nil }
                    if rulesByHead[atom.key] != nil {
                        let inner = adornment(atom, bound: bound)
                        let innerMagic = renamed(atom, "magic@\(atom.predicate)@\(inner)", boundArgs(atom, inner))
                        clauses.append(Clause(head: innerMagic, body: body, span: rule.span))
                        keys.insert(innerMagic.key)
                        let copy = renamed(atom, "\(atom.predicate)@\(inner)", atom.args)
                        keys.insert(copy.key)
                        body.append(.positive(copy))
                        work.append((atom.key, inner))
                    } else {
                        keys.insert(atom.key)
                        body.append(literal)
                    }
                    for case .variable(let name, _) in atom.args { bound.insert(name) }
                }
                let head = renamed(rule.head, "\(key.name)@\(pattern)", rule.head.args)
                keys.insert(head.key)
                clauses.append(Clause(head: head, body: body, span: rule.span))
            }
        }
        // The seed: the query's constants, asked for.
        var seed = GroundFacts(file: query.span.file)
        let seedAtom = renamed(query, "magic@\(query.predicate)@\(start)", boundArgs(query, start))
        seed.append(Clause(head: seedAtom, body: [], span: query.span))
        seed.finish()
        keys.insert(seedAtom.key)
        var rewritten = program
        rewritten.clauses = clauses
        rewritten.facts.append(seed)
        return Rewritten(program: rewritten, query: renamed(query, "\(query.predicate)@\(start)", query.args), keys: keys)
    }
}
