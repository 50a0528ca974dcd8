import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Random stratified programs (recursion, negation with `_`, comparisons,
/// constants in heads),
/// evaluated by Redline and by a naive reference written here; the models
/// must agree. Seeds are fixed; a failure prints its seed and program.
@Suite struct PropertyTests {
    /// SplitMix64: small, seedable, the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    enum Arg: Equatable {
        case variable(String), constant(Int), any
        var text: String {
            switch self {
            case .variable(let v): return v
            case .constant(let c): return String(c)
            case .any: return "_"
            }
        }
    }

    struct BodyAtom {
        let predicate: String
        let args: [Arg]
        let negated: Bool
        var text: String { (negated ? "not " : "") + "\(predicate)(\(args.map(\.text).joined(separator: ", ")))" }
    }

    struct Comparison {
        let left: Arg, op: String, right: Arg
        var text: String { "\(left.text) \(op) \(right.text)" }
    }

    struct Rule {
        let head: String
        let headArgs: [Arg]
        let body: [BodyAtom]
        let comparisons: [Comparison]
        var text: String {
            let parts = body.map(\.text) + comparisons.map(\.text)
            return "\(head)(\(headArgs.map(\.text).joined(separator: ", "))) :- \(parts.joined(separator: ", "))."
        }
    }

    struct Generated {
        var arity: [String: Int] = [:]
        var facts: [String: Set<[Int]>] = [:]
        var rules: [Rule] = []
        var derived: [String] = []

        var text: String {
            var lines: [String] = []
            for (name, tuples) in facts.sorted(by: { $0.key < $1.key }) {
                for t in tuples.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    lines.append("\(name)(\(t.map(String.init).joined(separator: ", "))).")
                }
            }
            // A relation the program never names may not be intervened on (a
            // typo, for a user); a declaration names the ones left without rules.
            let ruled = Set(rules.map(\.head))
            let declarations = derived.filter { !ruled.contains($0) }.map { name in
                ".decl \(name)(\((0..<arity[name]!).map { "c\($0): any" }.joined(separator: ", ")))"
            }
            return (declarations + lines + rules.map(\.text)).joined(separator: "\n")
        }
    }

    /// p_i may use e*, p_j (j <= i) positively and e*, p_j (j < i) negatively.
    static func generate(seed: UInt64) -> Generated {
        var random = Random(state: seed)
        var program = Generated()
        let domain = 5
        for e in ["e0", "e1"] {
            let arity = e == "e0" ? 2 : 1
            program.arity[e] = arity
            var tuples = Set<[Int]>()
            for _ in 0..<(3 + random.below(8)) { tuples.insert((0..<arity).map { _ in random.below(domain) }) }
            program.facts[e] = tuples
        }
        let derivedCount = 2 + random.below(3)
        for i in 0..<derivedCount {
            let name = "p\(i)"
            program.arity[name] = 1 + random.below(2)
            program.derived.append(name)
        }
        let variables = ["X", "Y", "Z", "W"]
        for (i, name) in program.derived.enumerated() {
            for _ in 0..<(1 + random.below(3)) {
                var body: [BodyAtom] = []
                var bound: [String] = []
                let positives = 1 + random.below(3)
                for k in 0..<positives {
                    let choices = ["e0", "e1"] + program.derived[0...i]
                    // The first atom is an edb or a lower predicate so the rule can fire at all.
                    let predicate = k == 0 ? (["e0", "e1"] + program.derived[0..<i]).randomElement(using: &random) : choices.randomElement(using: &random)
                    let args: [Arg] = (0..<program.arity[predicate]!).map { _ in
                        if random.chance(15) { return .constant(random.below(domain)) }
                        if random.chance(10) { return .any }
                        return .variable(variables[random.below(variables.count)])
                    }
                    for case .variable(let v) in args where !bound.contains(v) { bound.append(v) }
                    body.append(BodyAtom(predicate: predicate, args: args, negated: false))
                }
                if bound.isEmpty { continue }
                if random.chance(50) {
                    let negatable = ["e0", "e1"] + program.derived[0..<i]
                    let predicate = negatable.randomElement(using: &random)
                    let args: [Arg] = (0..<program.arity[predicate]!).map { _ in
                        random.chance(30) ? .any : .variable(bound[random.below(bound.count)])
                    }
                    body.append(BodyAtom(predicate: predicate, args: args, negated: true))
                }
                var comparisons: [Comparison] = []
                if random.chance(40) {
                    let ops = ["<", "<=", "!=", "=", ">", ">="]
                    let left = Arg.variable(bound[random.below(bound.count)])
                    let right: Arg = random.chance(50) ? .constant(random.below(domain)) : .variable(bound[random.below(bound.count)])
                    comparisons.append(Comparison(left: left, op: ops[random.below(ops.count)], right: right))
                }
                // Sometimes a constant: a head pattern that plans over it must match it.
                let headArgs: [Arg] = (0..<program.arity[name]!).map { _ in
                    random.chance(15) ? .constant(random.below(domain)) : .variable(bound[random.below(bound.count)])
                }
                program.rules.append(Rule(head: name, headArgs: headArgs, body: body, comparisons: comparisons))
            }
        }
        return program
    }

    /// Naive evaluation: each p_i in order, all its rules to a fixpoint.
    /// `forced` atoms hold whatever the rules say; `blocked` ones never hold.
    static func reference(_ program: Generated, forced: [String: Set<[Int]>] = [:],
                          blocked: [String: Set<[Int]>] = [:]) -> [String: Set<[Int]>] {
        var relations = program.facts
        for (name, tuples) in forced where program.facts[name] != nil { relations[name]!.formUnion(tuples) }
        for (name, tuples) in blocked where program.facts[name] != nil { relations[name]!.subtract(tuples) }
        for name in program.derived {
            relations[name] = (relations[name] ?? []).union(forced[name] ?? [])
            let rules = program.rules.filter { $0.head == name }
            var changed = true
            while changed {
                changed = false
                for rule in rules {
                    for binding in solve(rule.body.filter { !$0.negated }, relations, [:]) {
                        guard rule.body.filter(\.negated).allSatisfy({ atom in
                            !(relations[atom.predicate] ?? []).contains { matches(atom.args, $0, binding) != nil }
                        }) else { continue }
                        guard rule.comparisons.allSatisfy({ compare($0, binding) }) else { continue }
                        let tuple = rule.headArgs.map { arg -> Int in
                            if case .variable(let v) = arg { return binding[v]! }
                            if case .constant(let c) = arg { return c }
                            return 0
                        }
                        if blocked[name]?.contains(tuple) == true { continue }
                        if relations[name]!.insert(tuple).inserted { changed = true }
                    }
                }
            }
        }
        return relations
    }

    static func solve(_ atoms: [BodyAtom], _ relations: [String: Set<[Int]>], _ binding: [String: Int]) -> [[String: Int]] {
        guard let first = atoms.first else { return [binding] }
        var results: [[String: Int]] = []
        for tuple in relations[first.predicate] ?? [] {
            if let extended = matches(first.args, tuple, binding) {
                results += solve(Array(atoms.dropFirst()), relations, extended)
            }
        }
        return results
    }

    static func matches(_ args: [Arg], _ tuple: [Int], _ binding: [String: Int]) -> [String: Int]? {
        var b = binding
        for (arg, value) in zip(args, tuple) {
            switch arg {
            case .any: continue
            case .constant(let c): if c != value { return nil }
            case .variable(let v):
                if let bound = b[v] { if bound != value { return nil } } else { b[v] = value }
            }
        }
        return b
    }

    static func compare(_ c: Comparison, _ binding: [String: Int]) -> Bool {
        func value(_ a: Arg) -> Int {
            if case .variable(let v) = a { return binding[v]! }
            if case .constant(let k) = a { return k }
            return 0
        }
        let (l, r) = (value(c.left), value(c.right))
        switch c.op {
        case "<": return l < r
        case "<=": return l <= r
        case "!=": return l != r
        case "=": return l == r
        case ">": return l > r
        default: return l >= r
        }
    }

    @Test func evaluatorAgreesWithNaiveReference() throws {
        var checked = 0
        for seed in UInt64(1)...400 {
            let program = Self.generate(seed: seed)
            let expected = Self.reference(program)
            let session = Session(today: .date(0))
            let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: program.text))
            try #require(loaded.accepted, "seed \(seed) rejected:\n\(program.text)\n\(DiagnosticRenderer.render(loaded.diagnostics))")
            let model = try session.model()
            for name in program.derived {
                let key = PredicateKey(name: name, arity: program.arity[name]!)
                let got = Set(model.tuples(of: key).map { $0.map { value -> Int in
                    guard case .number(let n) = value, let i = n.integerValue else { return -1 }
                    return Int(i)
                } })
                #expect(got == expected[name]!, "seed \(seed), \(name):\n\(program.text)")
            }
            checked += 1
        }
        #expect(checked == 400)
    }
}

extension Array {
    func randomElement(using random: inout PropertyTests.Random) -> Element {
        self[random.below(count)]
    }
}

extension ArraySlice {
    func randomElement(using random: inout PropertyTests.Random) -> Element {
        self[startIndex + random.below(count)]
    }
}

/// Splitting scans across two cores must give the model one core gives,
/// row for row: the same tuples in the same order with the same rounds.
@Suite struct SplitScanTests {
    static func rows(_ model: Model) -> [[[UInt32]]] {
        model.relations.map { relation in (0..<relation.count).map { relation.tuple($0) + [UInt32(relation.round(of: $0))] } }
    }

    static func session(_ text: String, _ context: String) throws -> Session {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "split.rl", text: text))
        try #require(loaded.accepted, "\(context) rejected:\n\(text)")
        return session
    }

    static func evaluate(_ session: Session, rowsToSplit: Int?) throws(EvaluationError) -> Model {
        try Evaluator.evaluate(session.program, analysis: session.analysis, today: session.currentDate,
                               limits: session.limits, rowsToSplit: rowsToSplit)
    }

    static func expectSameModels(_ text: String, _ context: String) throws {
        let session = try Self.session(text, context)
        let oneCore = try evaluate(session, rowsToSplit: nil), split = try evaluate(session, rowsToSplit: 2)
        #expect(Self.rows(split) == Self.rows(oneCore), "\(context):\n\(text)")
        #expect(split.relations.map(\.count).reduce(0, +) > 0)
    }

    @Test func splittingEveryScanGivesTheSameRowsInTheSameOrder() throws {
        for seed in UInt64(1)...400 {
            try Self.expectSameModels(PropertyTests.generate(seed: seed).text, "seed \(seed)")
        }
    }

    @Test func splittingAClosureOfThousandsOfRowsGivesTheSameRows() throws {
        var lines = (0..<300).map { "edge(\($0), \(($0 * 7 + 1) % 300))." }
        lines += (0..<300).map { "edge(\($0), \(($0 + 1) % 300))." }
        lines += ["path(X, Y) :- edge(X, Y).", "path(X, Z) :- path(X, Y), edge(Y, Z).",
                  "far(X) :- path(0, X), X > 100, not edge(0, X)."]
        try Self.expectSameModels(lines.joined(separator: "\n"), "closure")
    }

    /// The helper's half throws too (its own tick sees its staging pass the
    /// limit); the error is the one a single core reports.
    @Test func aSplitRoundStopsAtTheTupleLimitWithTheOneCoreError() throws {
        let text = (0..<1000).map { "n(\($0))." }.joined(separator: "\n") + "\npair(X, Y) :- n(X), n(Y).\n"
        let session = try Self.session(text, "cross product")
        session.limits = EvaluationLimits(maxTuples: 10_000)
        var messages: [String] = []
        for rowsToSplit in [nil, 2] {
            do {
                _ = try Self.evaluate(session, rowsToSplit: rowsToSplit)
                Issue.record("no error with rowsToSplit \(String(describing: rowsToSplit))")
            } catch {
                messages.append(error.message)
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        #expect(messages.first?.contains("more than 10000 tuples derived") == true, "\(messages)")
    }
}
