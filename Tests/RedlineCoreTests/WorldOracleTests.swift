import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Every statement that reads a world (`what if` with its diff and with a
/// query, `scenario` + `compare all`, `assume` + a query) answers what the
/// program rewritten with the world's interventions answers when evaluated
/// from scratch (`WorldProgram.rewritten`). Random programs and worlds of
/// the shapes users write (`WorldProgram`); seeds are fixed, and a failure
/// prints its seed, the program and the world. `REDLINE_WORLD_PROGRAMS=N`
/// runs N programs instead of the default, from seed
/// `REDLINE_WORLD_FIRST_SEED` (`Scripts/world-campaign` runs a longer
/// campaign on other seeds).
@Suite struct WorldOracleTests {
    static var programCount: Int { environment("REDLINE_WORLD_PROGRAMS").flatMap { $0 > 0 ? $0 : nil } ?? 1_500 }
    static var firstSeed: UInt64 { environment("REDLINE_WORLD_FIRST_SEED").map { UInt64(max($0, 1)) } ?? 1 }

    static func environment(_ name: String) -> Int? {
        getenv(name).flatMap { Int(String(cString: $0)) }
    }

    /// Counts what the test checked, so that a run that checks nothing fails.
    struct Tally {
        var programs = 0, worlds = 0, statements = 0
        var removingHeldFacts = 0, onDerivedAtoms = 0, withAggregates = 0, changingSomething = 0, repeatedVariables = 0
        /// Derived relations that hold a tuple in the baseline, over all programs.
        var nonEmptyRelations = 0, relations = 0
    }

    @Test func everyStatementThatReadsAWorldAgreesWithTheRewrittenProgram() throws {
        var tally = Tally()
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.programCount)) {
            try Self.check(seed: seed, &tally)
        }
        let count = Self.programCount
        #expect(tally.programs == count)
        // A generator that stopped making the shapes that matter tests nothing.
        #expect(tally.removingHeldFacts > count / 4, "\(tally)")
        #expect(tally.onDerivedAtoms > count / 10, "\(tally)")
        #expect(tally.withAggregates > count / 10, "\(tally)")
        #expect(tally.changingSomething > count / 2, "\(tally)")
        #expect(tally.repeatedVariables > count / 20, "\(tally)")
        #expect(tally.nonEmptyRelations * 2 > tally.relations, "\(tally)")
        print("world oracle: \(tally)")
    }

    /// Facts of each derived relation, as text, in the program `text` evaluated from scratch.
    static func oracle(_ text: String, _ relations: [WorldProgram.Relation], context: String) throws -> [String: Set<String>] {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "rewritten.rl", text: text))
        try #require(loaded.accepted, "\(context)\nrewritten:\n\(text)\n\(DiagnosticRenderer.render(loaded.diagnostics))")
        let model = try session.model()
        var facts: [String: Set<String>] = [:]
        for relation in relations {
            facts[relation.name] = Set(model.facts(of: PredicateKey(name: relation.name, arity: relation.arity)).map(\.description))
        }
        return facts
    }

    static func check(seed: UInt64, _ tally: inout Tally) throws {
        let program = WorldProgram.generate(seed: seed)
        var random = PropertyTests.Random(state: seed &* 0x9E37_79B9)
        let world = program.world(&random)
        let assumed = random.chance(30) ? Array(program.world(&random).prefix(2)) : []
        let worldText = world.map(\.text).joined(separator: ", ")
        let context = "seed \(seed)\n\(program.text)world: \(worldText)" + (assumed.isEmpty ? "" : "\nassumed: \(assumed.map(\.text).joined(separator: ", "))")
        let outcomes = program.derived.filter { relation in program.rules.contains { $0.hasPrefix(relation.name + "(") } }

        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: program.text))
        try #require(loaded.accepted, "\(context)\n\(DiagnosticRenderer.render(loaded.diagnostics))")
        /// Runs statements typed at the prompt; their results, in order.
        func run(_ text: String) throws -> [StatementResult] {
            let entry = session.load(SourceFile(path: "<input>", text: text))
            try #require(entry.accepted, "\(context)\n\(text)\n\(DiagnosticRenderer.render(entry.diagnostics))")
            return try entry.statements.map { statement in
                let outcome = session.execute(statement)
                return try #require(outcome.result, "\(context)\n\(text)\n\(DiagnosticRenderer.render(outcome.diagnostics))")
            }
        }
        func facts(_ name: String, _ rows: [[Value]]) -> Set<String> { Set(rows.map { Fact(name, $0).description }) }
        func query(_ relation: WorldProgram.Relation) -> String {
            "\(relation.name)(\(["A", "B"].prefix(relation.arity).joined(separator: ", ")))"
        }
        /// `what if` of the world on the current world `before`: the diff and each relation's answers.
        func checkWhatIf(before: [String: Set<String>], after: [String: Set<String>], label: String) throws {
            guard case .whatIf(let diff) = try run("what if \(worldText).")[0] else {
                Issue.record("\(label): no diff\n\(context)")
                return
            }
            var added = Set<String>(), removed = Set<String>()
            for relation in outcomes {
                added.formUnion(after[relation.name]!.subtracting(before[relation.name]!))
                removed.formUnion(before[relation.name]!.subtracting(after[relation.name]!))
            }
            #expect(Set(diff.added.map(\.fact.description)) == added, "\(label): what-if added\n\(context)")
            #expect(Set(diff.removed.map(\.fact.description)) == removed, "\(label): what-if removed\n\(context)")
            if !added.isEmpty || !removed.isEmpty { tally.changingSomething += 1 }
            for relation in outcomes {
                guard case .answer(let answer) = try run("what if \(worldText) ?- \(query(relation)).")[0] else {
                    Issue.record("\(label): no answer\n\(context)")
                    continue
                }
                #expect(facts(relation.name, answer.rows) == after[relation.name]!, "\(label): what if ?- \(relation.name)\n\(context)")
            }
            tally.worlds += 1 + outcomes.count
            tally.statements += 1 + outcomes.count
        }
        /// Each relation's answers in the current world.
        func checkQueries(_ expected: [String: Set<String>], label: String) throws {
            for relation in outcomes {
                guard case .answer(let answer) = try run("?- \(query(relation)).")[0] else {
                    Issue.record("\(label): no answer\n\(context)")
                    continue
                }
                #expect(facts(relation.name, answer.rows) == expected[relation.name]!, "\(label): ?- \(relation.name)\n\(context)")
                tally.statements += 1
            }
        }

        let baseline = try oracle(program.text, outcomes, context: context)
        let inWorld = try oracle(program.rewritten(with: world), outcomes, context: context)
        tally.relations += outcomes.count
        tally.nonEmptyRelations += outcomes.count { !baseline[$0.name]!.isEmpty }

        // A scenario compared with the baseline.
        guard case .comparison(let comparison) = try run("scenario w: \(worldText).\ncompare all w.")[1] else {
            Issue.record("no comparison\n\(context)")
            return
        }
        var holds: [Set<String>] = [[], []]
        for row in comparison.rows {
            for (k, world) in row.holds.enumerated() where world {
                // A valued relation's row is its key, with the value in each world.
                let fact = row.values.map { Fact(row.fact.predicate, row.fact.values + [$0[k]!]) } ?? row.fact
                holds[k].insert(fact.description)
            }
        }
        #expect(holds[0] == outcomes.reduce(into: Set()) { $0.formUnion(baseline[$1.name]!) }, "compare: baseline\n\(context)")
        #expect(holds[1] == outcomes.reduce(into: Set()) { $0.formUnion(inWorld[$1.name]!) }, "compare: w\n\(context)")
        tally.worlds += 2
        tally.statements += 1

        // What if, on the baseline or on a current world with assumptions.
        if assumed.isEmpty {
            try checkWhatIf(before: baseline, after: inWorld, label: "on the baseline")
        } else {
            _ = try run("assume \(assumed.map(\.text).joined(separator: ", ")).")
            let before = try oracle(program.rewritten(with: assumed), outcomes, context: context)
            let after = try oracle(program.rewritten(with: assumed + world), outcomes, context: context)
            try checkQueries(before, label: "assumed")
            try checkWhatIf(before: before, after: after, label: "on assumptions")
            _ = try run("use baseline.")
        }

        // The world made current.
        _ = try run("use w.")
        try checkQueries(inWorld, label: "use w")
        _ = try run("use baseline.\nassume \(worldText).")
        try checkQueries(inWorld, label: "assume")
        tally.worlds += 2

        tally.programs += 1
        if world.contains(where: { $0.negated && !$0.relation.isBase }) || world.contains(where: { !$0.relation.isBase }) {
            tally.onDerivedAtoms += 1
        }
        if world.contains(where: { $0.negated && $0.relation.isBase && $0.args.allSatisfy { $0 != nil }
            && program.baseTuples[$0.relation.name]!.contains($0.args.map { $0! }) }) {
            tally.removingHeldFacts += 1
        }
        if program.rules.contains(where: { $0.contains(" : {") }) { tally.withAggregates += 1 }
        if (world + assumed).contains(where: \.repeated) { tally.repeatedVariables += 1 }
    }

    // MARK: Regressions

    /// Removing a fact that a `not` reads lets a tuple through; what reads
    /// that tuple must follow (it did not: the stratum that gained it was
    /// not marked changed when it had no rule to run again).
    @Test func removingAFactANegationReadsReachesTheRelationsAbove() throws {
        let program = """
        e0(1, 1).
        e1(1, 1).
        p0(X, Y) :- e0(X, Y), not e1(X, Y).
        p1(X) :- p0(X, _).

        """
        let result = runScript(program + "what if not e1(1, 1) ?- p1(X).\nwhat if not e1(1, 1).\n")
        #expect(result.output == """
        what if not e1(1, 1) ?- p1(X).
        X
        -
        1
        1 answer
        what if not e1(1, 1).
        + p0(1, 1)
        + p1(1)
        0 outcomes unchanged

        """, "\(result.output)\(result.errors)")
        let withTwo = runScript(program + "e0(2, 2).\nwhat if not e1(1, 1) ?- p1(X).\n")
        #expect(withTwo.output.contains("1\n2\n2 answers"), "\(withTwo.output)\(withTwo.errors)")
    }

    /// A `not` pattern retracts the atoms it matches as a whole: a repeated
    /// variable stands for one value, and a compound term with variables
    /// matches only terms of its functor and arity (each column was taken
    /// for `_`, and the patterns retracted everything).
    @Test func aPatternWithARepeatedVariableOrACompoundTermRetractsOnlyWhatItMatches() throws {
        let program = """
        e(1, 1).
        e(1, 2).
        p(X, Y) :- e(X, Y).
        t(f(1), a).
        t(f(2), b).
        t(g(1), c).
        r(X) :- t(X, _).

        """
        let result = runScript(program + """
            what if not e(X, X).
            what if not p(X, X) ?- p(A, B).
            what if not t(f(_), _) ?- r(X).
            what if not r(f(_)) ?- r(X).
            what if not t(h(_), _).
            what if not t(f(1, _), _).

            """)
        #expect(result.output == """
            what if not e(X, X).
            - p(1, 1)
            4 outcomes unchanged
            what if not p(X, X) ?- p(A, B).
            A  B
            -  -
            1  2
            1 answer
            what if not t(f(_), _) ?- r(X).
            X
            ----
            g(1)
            1 answer
            what if not r(f(_)) ?- r(X).
            X
            ----
            g(1)
            1 answer
            what if not t(h(_), _).
            no outcome changes
            5 outcomes unchanged
            what if not t(f(1, _), _).
            no outcome changes
            5 outcomes unchanged

            """, "\(result.output)\(result.errors)")
        // The same through a scenario and an assumption.
        let compared = runScript(program + "scenario s: not e(X, X).\ncompare all s.\nassume not t(f(_), _).\n?- r(X).\n")
        #expect(compared.output.contains("p(1, 2)  yes       yes"), "\(compared.output)")
        #expect(compared.output.hasSuffix("g(1)\n1 answer\n"), "\(compared.output)")
    }

    /// The bundled question of the issue: keeping the binding policy (the
    /// replacement taken out, a `not` reads it) binds the pause clause again
    /// and ends the race to the bottom.
    @Test func restoringBothSafeguardsOnTheBundledKnowledge() throws {
        let harness = ConsoleHarness(today: "2026-02-25")
        harness.enter(":load bundled:ultimatum.rl")
        let changes = "not replaces(new_safety_framework, responsible_scaling_policy)"
        let diff = harness.enter("what if \(changes).").output
        for line in ["+ bound_to_pause(anthropic, more_powerful_models)", "+ political_headwind(anthropic, responsible_scaling_policy)", "- race_to_the_bottom(industry)"] {
            #expect(diff.contains(line), "\(diff)")
        }
        #expect(harness.enter("what if \(changes) ?- bound_to_pause(X, _).").output.contains("anthropic\n1 answer"))
    }
}

/// The verifying mode catches a wrong world and shows both diffs.
@Suite struct WorldVerificationTests {
    @Test func aWorldThatDiffersFromItsEvaluationFromScratchIsAnInternalErrorWithBothDiffs() throws {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "v.rl", text: """
            e0(1, 1). e1(1, 1).
            p0(X, Y) :- e0(X, Y), not e1(X, Y).
            p1(X) :- p0(X, _).
            what if not e1(1, 1).
            """))
        try #require(loaded.accepted)
        guard case .whatIf(let interventions, _, _, _)? = loaded.statements.last else {
            Issue.record("no what-if")
            return
        }
        let base = try session.model()
        session.verifyWorlds = true
        // The current model posing as the world: it lacks what the removal lets through.
        do {
            try session.verify(base, interventions: interventions, date: .date(0), base: base, span: nil)
            Issue.record("no error")
        } catch {
            #expect(error.message.hasPrefix(Session.worldMismatch))
            for line in ["only in the world as built (1):\n  e1(1, 1)", "only in the world evaluated from scratch (2):\n  p0(1, 1)\n  p1(1)",
                         "diff of the world as built against the current world (0):\n  (none)",
                         "diff of the world evaluated from scratch against the current world (3):\n  - e1(1, 1)\n  + p0(1, 1)\n  + p1(1)"] {
                #expect(error.message.contains(line), "\(error.message)")
            }
        }
        // Off, nothing is checked; the right world passes.
        session.verifyWorlds = false
        try session.verify(base, interventions: interventions, date: .date(0), base: base, span: nil)
        session.verifyWorlds = true
        #expect(session.execute(loaded.statements.last!).diagnostics.isEmpty)
    }

    @Test func verifyWorldsIsASetting() {
        let harness = ConsoleHarness()
        harness.session.verifyWorlds = false
        #expect(harness.enter(":set verify-worlds on").output == "verify-worlds is on\n")
        #expect(harness.session.verifyWorlds)
        #expect(harness.enter(":set").output.contains("verify-worlds  on"))
        #expect(harness.enter(":set verify-worlds maybe").errors.contains("needs 'on' or 'off'"))
        #expect(harness.session.verifyWorlds)
    }
}

extension WorldOracleTests {
    /// Seed 465 crashed a proof check: a maintained stratum whose rule has
    /// an aggregate, over a stratum evaluated again. The aggregate's body is
    /// a plan of its own, and its first scan was taken for the pinned rows.
    @Test func aProofCheckThroughAnAggregateKeepsItsPinnedRows() throws {
        var tally = Tally()
        try Self.check(seed: 465, &tally)
        #expect(tally.programs == 1 && tally.withAggregates == 1)
    }
}
