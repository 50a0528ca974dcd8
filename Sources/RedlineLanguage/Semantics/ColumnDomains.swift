/// The constants a column of a relation can hold in the program as written,
/// for "did you mean" on the constants of an intervention: a typo such as
/// `what if adopts(mercy_helth, p).` must not read as "changes nothing".
///
/// The domain of (r, i) is the values of r's facts in column i, the
/// constants at position i of r's rule heads, and for a head variable X at
/// position i, the domain of (q, j) for the first positive body atom q with X
/// at position j. It is nil (open) where a rule makes values the program does
/// not spell (arithmetic, an aggregate, a term, `today`).
///
/// Why a depth-first search that treats a pair already on its path as empty
/// computes the least fixpoint: a value reaches (r, i) along a chain of
/// pairs from a fact or a head constant, and the shortest such chain repeats
/// no pair; the search follows every chain that repeats no pair, so it finds
/// that one. It may take exponential time on contrived programs: past a
/// budget of visits the answer is nil, and nothing is claimed.
package struct ColumnDomains {
    let program: Program
    private var visits = 0
    static let maxVisits = 5_000
    /// Answers already computed: a column of 200,000 facts is a pass and a
    /// set of its values, and a load asks for the same columns once per
    /// intervention.
    private var known: [PredicateKey: [Int: Set<Value>?]] = [:]
    private var read: [PredicateKey: [Int: Set<Value>?]] = [:]

    package init(program: Program) { self.program = program }

    package mutating func values(of key: PredicateKey, column: Int) -> Set<Value>? {
        if let answer = known[key]?[column] { return answer }
        visits = 0
        var path: Set<[String]> = []
        let answer = domain(key, column, path: &path)
        known[key, default: [:]][column] = .some(answer)
        return answer
    }

    private mutating func domain(_ key: PredicateKey, _ column: Int, path: inout Set<[String]>) -> Set<Value>? {
        visits += 1
        guard visits <= ColumnDomains.maxVisits, !Checker.builtins.contains(key) else { return nil }
        let pair = [key.description, String(column)]
        guard path.insert(pair).inserted else { return [] }
        defer { path.remove(pair) }
        var values = Set<Value>()
        for (_, table) in program.factTables where table.key == key {
            for row in 0..<table.count { values.insert(table.values[row * key.arity + column]) }
        }
        for choice in program.uncertain {
            for alternative in choice.alternatives where alternative.atom.key == key {
                if let value = alternative.atom.args[column].groundValue { values.insert(value) }
            }
        }
        for clause in program.clauses where clause.head.key == key {
            switch clause.head.args[column] {
            case .constant(let value, _):
                values.insert(value)
            case .variable(let name, _):
                guard let (atom, position) = ColumnDomains.firstBinding(of: name, in: clause.body),
                      let carried = domain(atom.key, position, path: &path) else { return nil }
                values.formUnion(carried)
            default:
                return nil
            }
        }
        return values
    }

    /// The values rules compare column `column` of `key` with, where they
    /// read it: a constant in that position, or for a variable there, the
    /// domain of another positive atom of the body that binds it (a variable
    /// bound by no other atom is skipped). A value outside both this and
    /// `values(of:column:)` likely matches nothing: worth a warning, no more.
    /// nil when some reader's values are open.
    package mutating func valuesRead(of key: PredicateKey, column: Int) -> Set<Value>? {
        if let answer = read[key]?[column] { return answer }
        let answer = valuesReadOnce(of: key, column: column)
        read[key, default: [:]][column] = .some(answer)
        return answer
    }

    private mutating func valuesReadOnce(of key: PredicateKey, column: Int) -> Set<Value>? {
        var values = Set<Value>()
        for clause in program.clauses where !clause.isFact {
            for literal in clause.body {
                for atom in Checker.atoms(in: literal) where atom.key == key {
                    switch atom.args[column] {
                    case .constant(let value, _):
                        values.insert(value)
                    case .variable(let name, _):
                        visits = 0
                        var path: Set<[String]> = []
                        // Bound nowhere else as a whole argument, the column is
                        // passed on, or matched inside a term (`lose(K)`): a
                        // heuristic for a warning, not a claim.
                        guard let (binder, position) = ColumnDomains.firstBinding(of: name, in: clause.body, other: atom) else { continue }
                        guard let carried = domain(binder.key, position, path: &path) else { return nil }
                        values.formUnion(carried)
                    case .anonymous:
                        continue
                    default:
                        return nil
                    }
                }
            }
        }
        return values
    }

    /// The first positive atom of a body (or of an aggregate's body in it)
    /// with the variable as a whole argument.
    static func firstBinding(of variable: String, in body: [Literal], other excluded: Atom? = nil) -> (Atom, Int)? {
        for literal in body {
            switch literal {
            case .positive(let atom) where atom.span != excluded?.span:
                for (position, term) in atom.args.enumerated() {
                    if case .variable(variable, _) = term { return (atom, position) }
                }
            case .aggregate(let aggregate):
                if let found = ColumnDomains.firstBinding(of: variable, in: aggregate.body, other: excluded) { return found }
            default:
                continue
            }
        }
        return nil
    }
}
