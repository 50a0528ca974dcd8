import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// `what would flip`: candidate changes read back from the rules.
@Suite struct FlipTests {
    static func flips(_ program: String, _ statement: String, today: String = "2026-03-02") throws -> FlipReport {
        let session = Session(today: Value.parse(today)!)
        let loaded = session.load(SourceFile(path: "flip.rl", text: program + "\n" + statement + "\n"))
        try #require(loaded.accepted, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let outcome = session.execute(loaded.statements.last!)
        guard case .flips(let report)? = outcome.result else { throw TestFailure(DiagnosticRenderer.render(outcome.diagnostics)) }
        return report
    }

    /// A city's camera program: a lever nobody uses yet, a grant whose
    /// condition is a compound term, and a hundred symbols in scope (sentence
    /// ids, notes) that enumerating every constant in every column would try.
    static let cameras = """
        .lever shares/3
        .lever has_clause/2
        city(harborview).
        program(cameras, harborview).
        has_clause(cameras, warrant_requirement).
        grant(g1, cameras, condition(share(biometrics, dhs))).
        \((0..<100).map { "sentence(s\($0), \"note \($0)\")." }.joined(separator: "\n"))
        halted(P) :- program(P, C), grant(_, P, condition(share(D, T))), shares(C, D, T).
        halted(P) :- program(P, _), not has_clause(P, warrant_requirement), not oversight(P).
        oversight(P) :- program(P, _), board(P, _).
        """

    @Test func aLeverWithNoFactsAndAConditionInACompoundTerm() throws {
        let report = try Self.flips(Self.cameras, "what would flip halted(cameras).")
        #expect(!report.holdsNow)
        #expect(report.sets.map(\.changes) == [["shares(harborview, biometrics, dhs)"], ["not has_clause(cameras, warrant_requirement)"]])
        #expect(report.stoppedEarly == nil && report.candidates <= 4, "\(report.candidates) candidates")
        #expect(report.levers == ["has_clause/2", "shares/3"])
        // The simple reference, every constant seen in each lever column, has no constant for an unused lever.
        let session = Session(today: .date(0))
        _ = session.load(SourceFile(path: "c.rl", text: Self.cameras))
        let enumerated = try session.flips(of: Fact("halted", [.symbol("cameras")]), span: session.program.clauses[0].span,
                                           candidates: .enumeration)
        #expect(enumerated.sets.map(\.changes) == [["not has_clause(cameras, warrant_requirement)"]])
    }

    /// With column types, every symbol of the program may stand in each
    /// column: 100 sentence ids and more, a million lever atoms to enumerate.
    @Test func aTypedLeverWithManySymbolsInScope() throws {
        let typed = Self.cameras.replacingOccurrences(of: ".lever shares/3", with: ".lever shares(city: symbol, data: symbol, to: symbol)")
            + "\n" + (0..<100).map { "source(s\($0), s\($0))." }.joined(separator: "\n")
        let report = try Self.flips(typed, "what would flip halted(cameras).")
        #expect(report.sets.first?.changes == ["shares(harborview, biometrics, dhs)"])
        let session = Session(today: .date(0))
        _ = session.load(SourceFile(path: "c.rl", text: typed))
        let enumerated = try session.flips(of: Fact("halted", [.symbol("cameras")]), span: session.program.clauses[0].span,
                                           candidates: .enumeration)
        #expect(enumerated.stoppedEarly?.contains("only the first 400 candidate changes") == true)
        #expect(!enumerated.sets.contains { $0.changes.first?.hasPrefix("shares") == true })
    }

    @Test func aFlipThatNeedsARemovalAndAnAdditionTogether() throws {
        let program = """
            .lever adopts/2, exempt/2
            hospital(mercy).
            exempt(mercy, ab_77).
            uses(mercy, triage_model).
            in_violation(H, L) :- hospital(H), law(L), uses(H, _), not adopts(H, human_override), not exempt(H, L).
            in_violation(H, L) :- hospital(H), law(L), uses(H, _), not exempt(H, L), not adopts(H, audit_log).
            law(ab_77).
            """
        let report = try Self.flips(program, "what would flip in_violation(mercy, ab_77).")
        #expect(!report.holdsNow)
        // Losing the exemption is not enough while neither safeguard is adopted... it is: either rule fires.
        #expect(report.sets.map(\.changes) == [["not exempt(mercy, ab_77)"]])
        let adopted = try Self.flips(program + "\nadopts(mercy, human_override).", "what would flip in_violation(mercy, ab_77).")
        #expect(adopted.sets.map(\.changes).first == ["not exempt(mercy, ab_77)"])
        // Both safeguards adopted and the exemption gone: only a removal and the exemption together keep it off.
        let both = try Self.flips(program + "\nadopts(mercy, human_override).\nadopts(mercy, audit_log).",
                                  "what would flip in_violation(mercy, ab_77).")
        #expect(Set(both.sets.map { Set($0.changes) }) == [["not adopts(mercy, audit_log)", "not exempt(mercy, ab_77)"],
                                                             ["not adopts(mercy, human_override)", "not exempt(mercy, ab_77)"]])
        // An addition and a removal: to stop the violation, adopt a safeguard and restore... see below.
        let pair = try Self.flips("""
            .lever adopts/2, uses/2
            hospital(mercy). uses(mercy, triage_model). uses(mercy, chat_model).
            in_violation(H) :- hospital(H), uses(H, M), not adopts(H, human_override), risky(M).
            risky(triage_model). risky(chat_model).
            """, "what would flip in_violation(mercy).")
        #expect(pair.sets.map(\.changes) == [["adopts(mercy, human_override)"], ["not uses(mercy, chat_model)", "not uses(mercy, triage_model)"]])
        let mixed = try Self.flips("""
            .lever grants/2, revokes/2
            user(ana).
            access(U) :- user(U), grants(U, badge), not revokes(U, badge).
            revokes(ana, badge).
            """, "what would flip access(ana).")
        #expect(mixed.sets.map(\.changes) == [["grants(ana, badge)", "not revokes(ana, badge)"]])
    }

    /// Found by a facilitator's session: each missed an obvious flip.
    @Test func flipsTheFirstVersionMissed() throws {
        // `_` inside a compound term: filled from the arguments seen in that place.
        let compound = try Self.flips("""
            .lever grant/2
            grant(g1, share(biometrics)). grant(g2, retain).
            conditioned(G) :- grant(G, share(_)).
            """, "what would flip conditioned(g2).")
        #expect(compound.sets.map(\.changes) == [["grant(g2, share(biometrics))"]])
        // An aggregate's body is joined: the partner is bound by external(P), among 70 symbols.
        let counted = try Self.flips("""
            .lever shares(agency: symbol, partner: symbol)
            agency(parks). external(dhs).
            \((0..<70).map { "camera(cam\($0))." }.joined(separator: " "))
            risky_partners(A, N) :- agency(A), N = count : { shares(A, P), external(P) }.
            privacy_risk(A) :- risky_partners(A, N), N >= 1.
            """, "what would flip privacy_risk(parks).")
        #expect(counted.sets.map(\.changes) == [["shares(parks, dhs)"]] && counted.stoppedEarly == nil)
        // `not` over a left-recursive closure: the unfolding goes deep enough.
        let closure = try Self.flips("""
            .lever link/2
            node(b).
            link(b, a). link(b, c). link(c, d). link(a, c).
            reaches(X, Y) :- link(X, Y).
            reaches(X, Z) :- reaches(X, Y), link(Y, Z).
            exposed(X) :- reaches(X, d).
            isolated(X) :- node(X), not exposed(X).
            """, "what would flip isolated(b).")
        #expect(closure.sets.map(\.changes) == [["not link(c, d)"], ["not link(b, a)", "not link(b, c)"], ["not link(a, c)", "not link(b, c)"]])
        // A lever fact that a rule derives can be blocked.
        let derived = try Self.flips("""
            .lever drops/2
            safeguard(acme, audit). safeguard(acme, override). pressured(acme).
            drops(C, audit) :- pressured(C).
            drops(acme, override).
            keeps(C, S) :- safeguard(C, S), not drops(C, S).
            exposed(C) :- safeguard(C, _), not keeps(C, audit), not keeps(C, override).
            """, "what would flip exposed(acme).")
        #expect(derived.sets.map(\.changes) == [["not drops(acme, audit)"], ["not drops(acme, override)"]])
    }

    /// A fact outside the `.outcome`s is shown changing in each set's diff.
    @Test func aSetShowsTheFactItFlipsWhenNoOutcomeCoversIt() throws {
        let report = try Self.flips("""
            .lever drops/2
            .outcome exposed
            safeguard(acme, k). drops(acme, k).
            kept(C, S) :- safeguard(C, S), not drops(C, S).
            exposed(C) :- safeguard(C, S), not kept(C, S).
            """, "what would flip kept(acme, k).")
        #expect(report.sets.first?.diff.added.map(\.fact.description) == ["kept(acme, k)"])
        #expect(report.sets.first?.diff.removed.map(\.fact.description) == ["exposed(acme)"])
    }

    @Test func aFlipThroughTwoLevelsOfNot() throws {
        let report = try Self.flips("""
            .lever drops/2
            safeguard(acme, pause). drops(acme, pause).
            keeps(C, S) :- safeguard(C, S), not drops(C, S).
            exposed(C) :- safeguard(C, _), not keeps(C, pause).
            calm(C) :- safeguard(C, _), not exposed(C).
            """, "what would flip calm(acme).")
        #expect(!report.holdsNow)
        #expect(report.sets.map(\.changes) == [["not drops(acme, pause)"]])
    }

    @Test func whatMattersRanksByResponsibility() throws {
        let harness = ConsoleHarness(today: "2026-02-25")
        harness.enter(":load bundled:ultimatum.rl")
        let output = harness.enter("what matters for race_to_the_top(industry).").output
        #expect(output.contains("adopts_similar_policy(other_ai_companies)                       1/2             not replaces(new_safety_framework, responsible_scaling_policy)"), "\(output)")
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "m.rl", text: """
            .lever drops/2, grants/1
            safeguard(a, pause). safeguard(a, audit). drops(a, pause). drops(a, audit).
            keeps(C, S) :- safeguard(C, S), not drops(C, S).
            safe(C) :- keeps(C, pause), keeps(C, audit).
            safe(C) :- grants(C).
            what matters for safe(a).
            """))
        guard case .responsibility(let report)? = session.execute(loaded.statements[0]).result else { throw TestFailure("no report") }
        #expect(report.causes.map { "\($0.change) \($0.size)" } == ["grants(a) 1", "not drops(a, audit) 2", "not drops(a, pause) 2"])
        #expect(report.causes[1].with == ["not drops(a, pause)"])
    }

    @Test func searchesThatStopSaySoFirst() throws {
        let report = FlipReport(fact: "p(a)", holdsNow: false, sets: [], setsFound: 0, candidates: 400, worldsTried: 50_000,
                                maxChanges: 3, stoppedEarly: "stopped after 50000 worlds (the limit)", levers: ["q/1"])
        let text = TextRenderer(options: RenderOptions()).flips(report)
        #expect(text.contains("No set found among the 50000 worlds tried: the search stopped early"), "\(text)")
        #expect(!text.contains("makes it hold"))
    }

    @Test func aLeverDeclaresItsRelation() throws {
        let harness = ConsoleHarness()
        harness.enter(".lever waives/2\n.lever shares(city: symbol, data: symbol, to: symbol)\nflagged(C) :- shares(C, _, dhs).\nexempt(C) :- waives(C, audit).")
        #expect(harness.errors.isEmpty, "\(harness.errors)")
        #expect(harness.enter("what if shares(harborview, plates, dhs).").output.contains("+ flagged(harborview)"))
        #expect(harness.enter("what if shares(harborview, 3, dhs).").errors.contains("holds symbol"))
        // Nothing reads waives with 'b': worth a warning, not an error.
        let unread = harness.enter("what if waives(a, b).")
        #expect(!unread.errors.contains("error") && unread.errors.contains("warning: 'b' is not a value waives/2 holds or is read with in column 2"), "\(unread)")
    }

    /// On random programs whose base relations are levers: every set shown
    /// flips the atom in its world evaluated from scratch, no smaller set of
    /// the candidate changes flips it (by brute force), and a flip the
    /// simple enumeration of every lever atom finds is found too, as small.
    @Test func everySetFlipsNoSmallerSetDoesAndNothingTheEnumerationFindsIsMissed() throws {
        var checked = 0, withSets = 0, agreeing = 0
        for seed in UInt64(1)...80 {
            let program = WorldProgram.generate(seed: seed)
            var random = PropertyTests.Random(state: seed &* 31)
            let session = Session(today: .date(0))
            let text = ".lever e0/2, e1/1, e2/2\n" + program.text
            try #require(session.load(SourceFile(path: "seed\(seed).rl", text: text)).accepted)
            let base = try session.model()
            let targets = program.derived.filter { relation in program.rules.contains { $0.hasPrefix(relation.name + "(") } }
            guard !targets.isEmpty else { continue }
            let relation = targets[random.below(targets.count)]
            let held = base.facts(of: PredicateKey(name: relation.name, arity: relation.arity))
            let fact = random.chance(50) && !held.isEmpty ? held[random.below(held.count)]
                : Fact(relation.name, (0..<relation.arity).map { _ in .integer(Int64(random.below(WorldProgram.domain))) })
            let span = session.program.clauses[0].span
            let report = try session.flips(of: fact, span: span)
            let holds = base.holds(fact)
            func flips(_ changes: [String]) throws -> Bool {
                let statement = session.load(SourceFile(path: "w.rl", text: "what if \(changes.joined(separator: ", ")) ?- \(fact)."))
                guard case .answer(let answer)? = session.execute(statement.statements[0]).result else { return false }
                return answer.isYes != holds
            }
            for set in report.sets {
                #expect(try flips(set.changes), "seed \(seed): \(set.changes) does not flip \(fact)\n\(text)")
            }
            if report.stoppedEarly == nil, let smallest = report.sets.first?.changes.count, smallest > 1 {
                // Rebuild the candidates and try every smaller subset.
                var abduction = Abduction(model: base, program: session.program,
                                          levers: [PredicateKey(name: "e0", arity: 2), PredicateKey(name: "e1", arity: 1), PredicateKey(name: "e2", arity: 2)],
                                          span: span, constants: { session.constants(for: $0, column: $1) })
                let atom = Session.intervention(fact, negated: false, span: span).atom
                if holds { abduction.makeStop(atom) } else { abduction.makeHold(atom) }
                for size in 1..<smallest {
                    for subset in Session.combinations(of: abduction.candidates.count, size: size) {
                        #expect(try !flips(subset.map { abduction.candidates[$0].written }), "seed \(seed): smaller set flips \(fact)")
                    }
                }
            }
            // Sets of two at most: every lever atom of the domain makes thousands of sets of three.
            // Responsibility by its definition: the smallest set Γ of other
            // candidates that does not flip alone but does with the change.
            let matters = try session.responsibility(of: fact, span: span)
            let pool = try session.searchFlips(of: fact, span: span, candidates: .rules, maxChanges: 1).candidates.map(\.written)
            if pool.count <= 6, matters.stoppedEarly == nil {
                for cause in matters.causes {
                    let others = pool.filter { $0 != cause.change }
                    var smallest: Int?
                    search: for size in 0..<3 {
                        for gamma in Session.combinations(of: others.count, size: size).map({ $0.map { others[$0] } }) {
                            let alone = gamma.isEmpty ? false : try flips(gamma)
                            if !alone, try flips(gamma + [cause.change]) {
                                smallest = size
                                break search
                            }
                        }
                    }
                    #expect(smallest.map { $0 + 1 } == cause.size, "seed \(seed): \(cause.change) for \(fact)")
                }
            }
            let reference = try session.flips(of: fact, span: span, candidates: .enumeration, maxChanges: 2)
            if reference.stoppedEarly == nil, let size = reference.sets.first?.changes.count {
                let found = report.sets.first?.changes.count
                if found != nil && found! <= size { agreeing += 1 }
                #expect(found != nil && found! <= size,
                        "seed \(seed): the enumeration flips \(fact) with \(reference.sets[0].changes), the rules found \(report.sets.first?.changes ?? [])\n\(text)")
                withSets += 1
            }
            checked += 1
        }
        #expect(checked > 50 && withSets > 25, "checked \(checked), with sets \(withSets), agreeing \(agreeing)")
        print("flip property: \(checked) atoms, \(withSets) with a flip the enumeration found, \(agreeing) found as small from the rules")
    }
}
