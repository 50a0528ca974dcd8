import Testing
@testable import RedlineCore

/// Incremental what-if: for random stratified programs (negation and
/// aggregates included) and random added facts, on base relations and on
/// derived ones, the model extended from the current one equals the model
/// evaluated from scratch, and the `what if` diff is the same either way.
@Suite struct IncrementalPropertyTests {
    @Test func extendingAModelEqualsEvaluatingFromScratch() throws {
        var extended = 0, fellBack = 0
        for seed in UInt64(1)...400 {
            let program = PropertyTests.generate(seed: seed)
            var random = PropertyTests.Random(state: seed &* 104_729)
            let predicates = ["e0", "e1"] + program.derived
            var atoms: [String] = []
            for _ in 0..<(1 + random.below(3)) {
                // Mostly base facts, the common what-if; sometimes a derived atom.
                let name = random.chance(75) ? ["e0", "e1"].randomElement(using: &random) : predicates.randomElement(using: &random)
                let tuple = (0..<program.arity[name]!).map { _ in random.below(6) }
                atoms.append("\(name)(\(tuple.map(String.init).joined(separator: ", ")))")
            }
            let text = program.text + "\nwhat if \(atoms.joined(separator: ", ")).\n"
            let session = Session(today: .date(0))
            let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: text))
            try #require(loaded.accepted, "seed \(seed):\n\(text)\n\(DiagnosticRenderer.render(loaded.diagnostics))")
            guard case .whatIf(let interventions, _, _)? = loaded.statements.last else {
                Issue.record("no what-if statement")
                return
            }
            let base = try session.model()
            let scratch = try session.model(with: interventions, date: nil)
            let matched = try Evaluator.withExtension(of: base, adding: interventions, interventions: InterventionSet(interventions),
                                                      analysis: session.analysis, limits: session.limits) { world throws(EvaluationError) in
                #expect(world.base === base)
                for name in predicates {
                    let key = PredicateKey(name: name, arity: program.arity[name]!)
                    #expect(WorldPropertyTests.ints(world.tuples(of: key)) == WorldPropertyTests.ints(scratch.tuples(of: key)),
                            "seed \(seed), \(name):\n\(text)")
                }
                return true
            }
            guard matched != nil else {
                fellBack += 1
                continue
            }
            extended += 1
            // Built in place and rolled back: the base model is as it was.
            let fresh = try session.model(with: [], date: nil)
            for name in predicates {
                let key = PredicateKey(name: name, arity: program.arity[name]!)
                #expect(WorldPropertyTests.ints(base.tuples(of: key)) == WorldPropertyTests.ints(fresh.tuples(of: key)),
                        "seed \(seed), base \(name):\n\(text)")
            }
            #expect(try session.model() === base)
            // The diff, incremental and from scratch, renders the same.
            let statement = loaded.statements.last!
            let fast = TextRenderer(options: RenderOptions()).render(session.execute(statement))
            session.incrementalWorlds = false
            let slow = TextRenderer(options: RenderOptions()).render(session.execute(statement))
            #expect(fast == slow, "seed \(seed):\n\(text)")
        }
        // Most random programs read the added facts only positively; the rest
        // (a `not` or an aggregate over what grew) must fall back.
        #expect(extended > 150, "extended \(extended), fell back \(fellBack)")
        #expect(fellBack > 20, "extended \(extended), fell back \(fellBack)")
    }

    @Test func retractionsAndGrowingNegationsFallBackToAFullEvaluation() throws {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "t.rl", text: """
            e(1, 2). e(2, 3).
            path(X, Y) :- e(X, Y).
            path(X, Z) :- path(X, Y), e(Y, Z).
            node(X) :- e(X, _).
            node(Y) :- e(_, Y).
            unreached(X) :- node(X), not path(1, X).
            what if e(3, 4).
            what if not e(1, 2).
            """))
        try #require(loaded.accepted)
        let base = try session.model()
        func interventions(_ index: Int) -> [Intervention] {
            guard case .whatIf(let list, _, _) = loaded.statements[index] else { return [] }
            return list
        }
        // e(3, 4) grows path, which unreached reads through `not`.
        for index in [0, 1] {
            let ran = try Evaluator.withExtension(of: base, adding: interventions(index), interventions: InterventionSet(interventions(index)),
                                                  analysis: session.analysis, limits: session.limits) { _ throws(EvaluationError) in true }
            #expect(ran == nil)
        }
        // Both answer right all the same.
        let answer = TextRenderer(options: RenderOptions()).render(session.execute(loaded.statements[0]))
        #expect(answer.contains("+ path(1, 4)"))
        #expect(answer.contains("+ unreached(4)") == false)
    }
}
