@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Random programs of the shapes users write, with random worlds on them,
/// and the oracle for a world: the program rewritten so that it holds the
/// world's interventions as plain facts and rules, evaluated from scratch.
/// The rewrite shares nothing with how a world is built (`InterventionSet`,
/// in-place maintenance, lending): only the parser and a plain evaluation.
///
/// Shapes: layered programs without recursion and recursive ones; negation
/// on base and derived relations at several depths; constants and repeated
/// variables in bodies; duplicate facts; `count` and `sum` aggregates read
/// by later layers (positively and through `not`); comparisons. Worlds mix
/// one to four interventions: removals of facts that hold, additions, `_`
/// patterns, and do-style interventions on derived atoms, forced or blocked.
struct WorldProgram {
    typealias Random = PropertyTests.Random

    /// A base or derived relation: its name and arity.
    struct Relation {
        let name: String
        let arity: Int
        let isBase: Bool
    }

    var relations: [Relation] = []
    var facts: [String] = []
    var rules: [String] = []
    /// Base facts as tuples, for picking removals that hold.
    var baseTuples: [String: [[Int]]] = [:]

    /// A relation the program never names may not be intervened on (a
    /// typo, for a user); a declaration names the ones left without rules.
    var text: String {
        let unnamed = relations.filter { relation in
            !(facts + rules).contains { $0.hasPrefix(relation.name + "(") || $0.contains(" " + relation.name + "(") }
        }
        let declarations = unnamed.map { relation in
            ".decl \(relation.name)(\((0..<relation.arity).map { "c\($0): any" }.joined(separator: ", ")))"
        }
        return (declarations + facts + rules).joined(separator: "\n") + "\n"
    }
    var derived: [Relation] { relations.filter { !$0.isBase } }

    static let domain = 4

    static func generate(seed: UInt64) -> WorldProgram {
        var random = Random(state: seed &* 0x2545_F491_4F6C_DD1D)
        var program = WorldProgram()
        let recursive = random.chance(50)
        for (name, arity) in [("e0", 2), ("e1", 1), ("e2", 2)] {
            program.relations.append(Relation(name: name, arity: arity, isBase: true))
            var tuples: [[Int]] = []
            for _ in 0..<(3 + random.below(8)) {
                let tuple = (0..<arity).map { _ in random.below(domain) }
                tuples.append(tuple)
                program.facts.append(atom(name, tuple.map(String.init)) + ".")
                // Duplicate facts: stated twice, held once.
                if random.chance(10) { program.facts.append(atom(name, tuple.map(String.init)) + ".") }
            }
            program.baseTuples[name] = tuples
        }
        let layers = 2 + random.below(4)
        for layer in 0..<layers {
            let lower = program.relations
            // Sometimes an aggregate layer: grouped by a column of a lower relation.
            if layer > 0, !program.relations.contains(where: { $0.name.hasPrefix("a") }), random.chance(35) {
                let name = "a\(layer)"
                let groups = lower.filter { $0.arity >= 1 }
                let group = groups[random.below(groups.count)]
                let counted = lower.filter { $0.arity == 2 }
                let over = counted[random.below(counted.count)]
                let head = atom(group.name, ["X"] + Array(repeating: "_", count: group.arity - 1))
                let body = random.chance(50)
                    ? "N = count : { \(atom(over.name, ["X", "_"])) }"
                    : "N = sum V : { \(atom(over.name, ["X", "V"])) }"
                program.rules.append("\(name)(X, N) :- \(head), \(body).")
                program.relations.append(Relation(name: name, arity: 2, isBase: false))
                continue
            }
            let name = "p\(layer)"
            let arity = 1 + random.below(2)
            let me = Relation(name: name, arity: arity, isBase: false)
            for _ in 0..<(1 + random.below(3)) {
                if let rule = program.rule(for: me, lower: lower, recursive: recursive, random: &random) {
                    program.rules.append(rule)
                }
            }
            program.relations.append(me)
        }
        return program
    }

    static func atom(_ name: String, _ args: [String]) -> String {
        "\(name)(\(args.joined(separator: ", ")))"
    }

    private func rule(for head: Relation, lower: [Relation], recursive: Bool, random: inout Random) -> String? {
        let variables = ["X", "Y", "Z"]
        var body: [String] = []
        var bound: [String] = []
        for k in 0..<(1 + random.below(2) + (random.chance(15) ? 1 : 0)) {
            // The first atom is a lower relation, so the rule can fire at all.
            let choices = k > 0 && recursive ? lower + [head] : lower
            let relation = choices[random.below(choices.count)]
            let args: [String] = (0..<relation.arity).map { _ in
                if random.chance(10) { return String(random.below(WorldProgram.domain)) }
                if random.chance(8) { return "_" }
                // A later atom mostly joins on a bound variable; few variables,
                // so repeated ones are common too: p(X, X).
                if !bound.isEmpty, random.chance(50) { return bound[random.below(bound.count)] }
                return variables[random.below(variables.count)]
            }
            for v in args where variables.contains(v) && !bound.contains(v) { bound.append(v) }
            body.append(WorldProgram.atom(relation.name, args))
        }
        guard !bound.isEmpty else { return nil }
        for _ in 0..<(random.chance(60) ? 1 : random.below(3)) {
            let relation = lower[random.below(lower.count)]
            let args: [String] = (0..<relation.arity).map { _ in
                if random.chance(12) { return "_" }
                if random.chance(15) { return String(random.below(WorldProgram.domain)) }
                return bound[random.below(bound.count)]
            }
            body.append("not " + WorldProgram.atom(relation.name, args))
        }
        if random.chance(30) {
            let ops = ["<", "<=", "!=", "=", ">", ">="]
            let left = bound[random.below(bound.count)]
            let right = random.chance(50) ? String(random.below(WorldProgram.domain)) : bound[random.below(bound.count)]
            body.append("\(left) \(ops[random.below(ops.count)]) \(right)")
        }
        let headArgs: [String] = (0..<head.arity).map { _ in
            random.chance(10) ? String(random.below(WorldProgram.domain)) : bound[random.below(bound.count)]
        }
        return "\(WorldProgram.atom(head.name, headArgs)) :- \(body.joined(separator: ", "))."
    }

    /// One intervention as the user types it.
    struct Intervention {
        let relation: Relation
        /// nil: `_`, or `X` when `repeated`.
        let args: [Int?]
        let negated: Bool
        /// `not r(X, X)`: the two columns hold one value.
        var repeated = false
        var text: String {
            (negated ? "not " : "") + WorldProgram.atom(relation.name, args.map { $0.map(String.init) ?? (repeated ? "X" : "_") })
        }

        func matches(_ tuple: [Int]) -> Bool {
            zip(args, tuple).allSatisfy { $0.0 == nil || $0.0 == $0.1 } && (!repeated || tuple[0] == tuple[1])
        }
    }

    /// One to four interventions: mostly on base facts (removals of facts
    /// that hold, additions), sometimes `_` patterns and derived atoms.
    func world(_ random: inout Random) -> [Intervention] {
        (0..<(1 + random.below(4))).map { _ in
            let onDerived = random.chance(25) && !derived.isEmpty
            let pool = onDerived ? derived : relations.filter(\.isBase)
            let relation = pool[random.below(pool.count)]
            var args: [Int?] = (0..<relation.arity).map { _ in random.below(WorldProgram.domain) }
            if !onDerived, random.chance(50), let tuples = baseTuples[relation.name], !tuples.isEmpty {
                args = tuples[random.below(tuples.count)]
                return Intervention(relation: relation, args: random.chance(15) ? args.map { random.chance(50) ? nil : $0 } : args,
                                    negated: true)
            }
            let negated = random.chance(50)
            // A repeated variable: the columns are not independent (not on
            // aggregates, whose counts leave the domain the rewrite expands).
            if negated, relation.arity == 2, relation.name.first != "a", random.chance(15) {
                return Intervention(relation: relation, args: [nil, nil], negated: true, repeated: true)
            }
            if negated, random.chance(20) { args[random.below(args.count)] = nil }
            return Intervention(relation: relation, args: args, negated: negated)
        }
    }

    /// The program with these interventions written into it: base facts
    /// removed and added; a derived relation's forced atoms become facts and
    /// its rules get a `not` guard per blocked pattern. A later
    /// intervention on the same atom overrides an earlier one; an atom
    /// forced true holds even where a pattern blocks its relation.
    func rewritten(with interventions: [Intervention]) -> String {
        var forced: [String: [[Int]]] = [:]
        var blocked: [String: [[Int?]]] = [:]
        func matches(_ pattern: [Int?], _ tuple: [Int]) -> Bool {
            zip(pattern, tuple).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
        }
        for intervention in interventions {
            let name = intervention.relation.name
            if intervention.negated {
                forced[name]?.removeAll { intervention.matches($0) }
                // `not r(X, X)` is `not r(v, v)` for every value v of the domain.
                let patterns = intervention.repeated ? (0..<WorldProgram.domain).map { [$0, $0] } : [intervention.args]
                blocked[name, default: []] += patterns
            } else {
                let tuple = intervention.args.map { $0! }
                blocked[name]?.removeAll { !$0.contains(nil) && matches($0, tuple) }
                if !(forced[name]?.contains(tuple) ?? false) { forced[name, default: []].append(tuple) }
            }
        }
        var lines: [String] = []
        for relation in relations where relation.isBase {
            for tuple in baseTuples[relation.name]! where !(blocked[relation.name] ?? []).contains(where: { matches($0, tuple) }) {
                lines.append(WorldProgram.atom(relation.name, tuple.map(String.init)) + ".")
            }
        }
        for (name, tuples) in forced.sorted(by: { $0.key < $1.key }) {
            for tuple in tuples { lines.append(WorldProgram.atom(name, tuple.map(String.init)) + ".") }
        }
        for rule in rules {
            let head = String(rule.prefix { $0 != "(" })
            guard let patterns = blocked[head], !patterns.isEmpty else {
                lines.append(rule)
                continue
            }
            // The head's arguments, as written: variables or constants.
            let headArgs = rule.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
                .split(separator: ",").map { $0.trimmingCharacters() }
            var guards: [String] = []
            // A pattern of `_` only blocks every tuple: the rule derives nothing.
            if patterns.contains(where: { $0.allSatisfy { $0 == nil } }) { continue }
            for (k, pattern) in patterns.enumerated() {
                let columns = pattern.indices.filter { pattern[$0] != nil }
                let guardName = "zblock_\(head)_\(k)"
                lines.append(WorldProgram.atom(guardName, columns.map { String(pattern[$0]!) }) + ".")
                guards.append("not " + WorldProgram.atom(guardName, columns.map { headArgs[$0] }))
            }
            lines.append(String(rule.dropLast()) + ", " + guards.joined(separator: ", ") + ".")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
