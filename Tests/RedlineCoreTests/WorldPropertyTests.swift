import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// For random programs and random interventions (facts and derived atoms,
/// forced true or false), the world's model equals the naive model of the
/// program rewritten with those facts added and removed and the blocked
/// atoms filtered out; and the what-if diff is the set difference of the
/// two models.
@Suite struct WorldPropertyTests {
    typealias Tuples = [String: Set<[Int]>]

    static func ints(_ tuples: [[Value]]) -> Set<[Int]> {
        Set(tuples.map { $0.map { value -> Int in
            guard case .number(let n) = value, let i = n.integerValue else { return -1 }
            return Int(i)
        } })
    }

    @Test func worldsAgreeWithTheRewrittenProgram() throws {
        var checked = 0
        for seed in UInt64(1)...300 {
            let program = PropertyTests.generate(seed: seed)
            var random = PropertyTests.Random(state: seed &* 7919)
            var forced: Tuples = [:], blocked: Tuples = [:]
            var interventions: [String] = []
            var used = Set<String>()
            let predicates = ["e0", "e1"] + program.derived
            for _ in 0..<(1 + random.below(3)) {
                let name = predicates.randomElement(using: &random)
                let tuple = (0..<program.arity[name]!).map { _ in random.below(5) }
                let atom = "\(name)(\(tuple.map(String.init).joined(separator: ", ")))"
                guard used.insert(atom).inserted else { continue }
                if random.chance(50) {
                    forced[name, default: []].insert(tuple)
                    interventions.append(atom)
                } else {
                    blocked[name, default: []].insert(tuple)
                    interventions.append("not " + atom)
                }
            }
            let base = PropertyTests.reference(program)
            let expected = PropertyTests.reference(program, forced: forced, blocked: blocked)

            let session = Session(today: .date(0))
            let text = program.text + "\nwhat if \(interventions.joined(separator: ", ")).\n"
            let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: text))
            try #require(loaded.accepted, "seed \(seed):\n\(text)\n\(DiagnosticRenderer.render(loaded.diagnostics))")
            guard case .whatIf(let parsed, _, _, _)? = loaded.statements.last else {
                Issue.record("no what-if statement")
                return
            }
            let world = try session.model(with: parsed, date: nil)
            for name in predicates {
                let key = PredicateKey(name: name, arity: program.arity[name]!)
                #expect(Self.ints(world.tuples(of: key)) == expected[name] ?? [], "seed \(seed), \(name):\n\(text)")
            }
            guard case .whatIf(let diff)? = session.execute(loaded.statements.last!).result else {
                Issue.record("seed \(seed): no diff")
                return
            }
            for name in program.derived where session.program.clauses.contains(where: { $0.head.predicate == name && !$0.isFact }) {
                let added = Set(diff.added.filter { $0.fact.predicate == name }.map { Self.ints([$0.fact.values]).first! })
                let removed = Set(diff.removed.filter { $0.fact.predicate == name }.map { Self.ints([$0.fact.values]).first! })
                #expect(added == expected[name]!.subtracting(base[name]!), "seed \(seed), \(name) added:\n\(text)")
                #expect(removed == base[name]!.subtracting(expected[name]!), "seed \(seed), \(name) removed:\n\(text)")
            }
            checked += 1
        }
        #expect(checked == 300)
    }
}
