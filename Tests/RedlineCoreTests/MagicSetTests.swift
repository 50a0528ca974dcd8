import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Goal-directed queries (`MagicSets`) against the simple path, evaluation
/// of the whole program: on random positive programs with recursion,
/// constants in bodies and heads, repeated variables and chains of derived
/// relations, every query atom with a constant gets the same answers both
/// ways, through the statement a user types.
extension Parser {
    /// The body of a query written as the user types it.
    static func parseQuery(_ text: String) -> [Literal] {
        guard case .query(let body, _, _)? = Parser.parse(SourceFile(path: "q", text: text)).statements.first else { return [] }
        return body
    }
}

@Suite struct MagicSetTests {
    /// p0..p3 over e0/2 and e1/1: recursive, layered, with constants.
    static func program(seed: UInt64) -> String {
        var random = PropertyTests.Random(state: seed)
        var lines: [String] = []
        for _ in 0..<(6 + random.below(10)) { lines.append("e0(\(random.below(6)), \(random.below(6))).") }
        for _ in 0..<(2 + random.below(4)) { lines.append("e1(\(random.below(6))).") }
        // Derived relations with facts of their own too.
        for name in ["p1", "p2"] where random.chance(30) { lines.append("\(name)(\(random.below(6)), \(random.below(6))).") }
        let derived = ["p0", "p1", "p2", "p3"]
        let variables = ["X", "Y", "Z"]
        for (i, head) in derived.enumerated() {
            for _ in 0..<(1 + random.below(3)) {
                var body: [String] = []
                var bound: [String] = []
                for k in 0..<(1 + random.below(3)) {
                    // The first atom is a base or lower relation, so the rule can fire.
                    let choices = ["e0", "e1"] + (k == 0 ? derived[0..<i] : derived[0...i])
                    let name = choices[random.below(choices.count)]
                    let arity = name == "e1" ? 1 : 2
                    let args = (0..<arity).map { _ -> String in
                        if random.chance(15) { return String(random.below(6)) }
                        let v = variables[random.below(variables.count)]
                        if !bound.contains(v) { bound.append(v) }
                        return v
                    }
                    body.append("\(name)(\(args.joined(separator: ", ")))")
                }
                guard !bound.isEmpty else { continue }
                let headArgs = (0..<2).map { _ -> String in
                    random.chance(10) ? String(random.below(6)) : bound[random.below(bound.count)]
                }
                lines.append("\(head)(\(headArgs.joined(separator: ", "))) :- \(body.joined(separator: ", ")).")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func goalDirectedAnswersEqualTheWholeProgramsOnRandomPrograms() throws {
        var rewritten = 0
        for seed in UInt64(1)...150 {
            let text = Self.program(seed: seed)
            for query in ["p3(1, X)", "p3(X, 2)", "p2(0, X)", "p1(X, X)", "p3(4, 4)", "p0(2, Y)"] {
                let session = Session(today: .date(0))
                session.verifyWorlds = false
                let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: text))
                try #require(loaded.accepted, "seed \(seed)\n\(text)\(DiagnosticRenderer.render(loaded.diagnostics))")
                // A model of p1's cone at hand: its p1 holds derived tuples
                // besides the facts, which a goal-directed evaluation must not borrow.
                if seed % 2 == 0 { _ = try session.answer(Parser.parseQuery("?- p1(X, Y).")) }
                let atom = Parser.parse(SourceFile(path: "q", text: "?- \(query).")).statements
                guard case .query(let body, _, _)? = atom.first else { Issue.record("no query"); continue }
                if case .positive(let a) = body[0], MagicSets.rewrite(a, in: session.program) != nil { rewritten += 1 }
                let goalDirected = try session.answer(body)
                let whole = try Evaluator.evaluate(session.program, analysis: session.analysis, today: .date(0)).query(body)
                #expect(goalDirected == whole, "seed \(seed), ?- \(query).\n\(text)")
            }
        }
        // Most queries have a constant: the rewriting must actually be exercised.
        #expect(rewritten > 600, "rewritten \(rewritten) of 900")
    }

    /// `?- path(0, X).` on a chain derives the paths from 0, not all of them.
    @Test func aBoundQueryDerivesOnlyWhatItAsks() {
        let harness = ConsoleHarness()
        harness.session.verifyWorlds = false
        let chain = (0..<200).map { "e(\($0), \($0 + 1))." }.joined(separator: " ")
        // Declarations that name the original relations (`.outcome`, `.say`) do not stop the rewriting.
        harness.enter(chain + "\npath(X, Y) :- e(X, Y).\npath(X, Z) :- path(X, Y), e(Y, Z).\n.outcome path\n.say path(X, Y) \"{X} reaches {Y}\"")
        #expect(harness.enter("?- path(190, X).").output.contains("10 answers"))
        // 200 edges, 10 paths and their magic: far below the 20,100 paths of the whole relation.
        #expect((harness.session.lastEvaluation?.tuples ?? .max) < 300, "\(String(describing: harness.session.lastEvaluation))")
        // With a model of the edges at hand, the rewriting borrows them: it
        // loads no edge, and derives the 9 paths and their magic only.
        harness.enter("?- e(X, 7).")
        let before = harness.session.evaluationTuples
        #expect(harness.enter("?- path(191, X).").output.contains("9 answers"))
        #expect(harness.session.evaluationTuples - before < 30, "\(harness.session.evaluationTuples - before) tuples loaded or derived")
        // Comparisons, `not` and aggregates are rewritten too.
        harness.enter("near(X, Y) :- path(X, Y), Y < X + 3, not e(Y, 0).\nreach(X, N) :- e(X, _), N = count : { path(X, _) }.")
        #expect(harness.enter("?- near(190, Y).").output.contains("2 answers"))
        #expect((harness.session.lastEvaluation?.tuples ?? .max) < 300, "\(String(describing: harness.session.lastEvaluation))")
        #expect(harness.enter("?- reach(195, N).").output.contains("N\n-\n5\n1 answer"))
        #expect((harness.session.lastEvaluation?.tuples ?? .max) < 300, "\(String(describing: harness.session.lastEvaluation))")
        // A derived relation with facts of its own reads them as one more rule.
        harness.enter("path(500, 501).")
        guard case .query(let body, _, _)? = Parser.parse(SourceFile(path: "q", text: "?- path(500, X).")).statements.first,
              case .positive(let atom) = body[0] else { Issue.record("no query"); return }
        #expect(MagicSets.rewrite(atom, in: harness.session.program) != nil)
        harness.enter("?- e(X, 5).")
        #expect(harness.enter("?- path(500, X).").output.hasSuffix("X\n---\n501\n1 answer\n"))
        #expect(harness.enter("?- path(198, X).").output.hasSuffix("X\n---\n199\n200\n2 answers\n"))
    }

    /// The shapes users write (`WorldProgram`: layers, recursion, `not` at
    /// several depths, `count` and `sum`, comparisons, constants, duplicate
    /// facts): every query with a constant answers as the whole program does.
    @Test func goalDirectedAnswersEqualTheWholeProgramsWithNegationAndAggregates() throws {
        var rewritten = 0, asked = 0, rejected = 0
        for seed in UInt64(1)...300 {
            let generated = WorldProgram.generate(seed: seed)
            let session = Session(today: .date(0))
            session.verifyWorlds = false
            let loaded = session.load(SourceFile(path: "seed\(seed).rl", text: generated.text))
            try #require(loaded.accepted, "seed \(seed)\n\(generated.text)\(DiagnosticRenderer.render(loaded.diagnostics))")
            let whole = try Evaluator.evaluate(session.program, analysis: session.analysis, today: .date(0))
            // Half the sessions hold a model of one base relation's cone, whose
            // facts the goal-directed evaluations borrow (the others load their own).
            if seed % 2 == 0 { _ = try session.answer(Parser.parseQuery("?- e0(X, Y).")) }
            for relation in generated.derived {
                for constant in 0..<WorldProgram.domain {
                    let args = [String(constant)] + ["X", "Y"].prefix(relation.arity - 1)
                    for query in [WorldProgram.atom(relation.name, args), WorldProgram.atom(relation.name, args.reversed())] {
                        let parsed = Parser.parse(SourceFile(path: "q", text: "?- \(query).")).statements
                        guard case .query(let body, _, _)? = parsed.first, case .positive(let atom) = body[0] else {
                            Issue.record("no query \(query)"); continue
                        }
                        asked += 1
                        if let magic = MagicSets.rewrite(atom, in: session.program) {
                            if Checker.check(magic.program).1.hasErrors { rejected += 1 } else { rewritten += 1 }
                        }
                        #expect(try session.answer(body) == whole.query(body), "seed \(seed), ?- \(query).\n\(generated.text)")
                    }
                }
            }
        }
        // Most queries are rewritten: the rewriting must actually be exercised.
        #expect(rewritten * 2 > asked, "rewritten \(rewritten) of \(asked) (\(rejected) not stratified)")
    }
}
