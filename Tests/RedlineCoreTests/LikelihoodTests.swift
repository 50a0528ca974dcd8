import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Likelihoods (`0.6 :: p(a).`, `how likely`, `what moves`, `why likely`):
/// examples worked out by hand, and random programs against the sum over
/// all their worlds, each world a plain program evaluated from scratch.
@Suite struct LikelihoodTests {
    /// The probabilities of a `how likely` question, by answer (the values
    /// before the likelihood, written), as numbers.
    static func likelihoods(_ source: String, _ question: String) throws -> [String: Double] {
        let session = Session(today: Value.parse("2026-03-02")!)
        let loaded = session.load(SourceFile(path: "test.rl", text: source))
        guard loaded.accepted else { throw TestFailure(DiagnosticRenderer.render(loaded.diagnostics)) }
        let asked = session.load(SourceFile(path: "question.rl", text: question))
        guard asked.accepted, let statement = asked.statements.last else { throw TestFailure(DiagnosticRenderer.render(asked.diagnostics)) }
        let outcome = session.execute(statement, checkedAt: asked.checkedAt)
        guard case .answer(let answer)? = outcome.result else { throw TestFailure(DiagnosticRenderer.render(outcome.diagnostics)) }
        let column = answer.columns.firstIndex(of: "likelihood")!
        var result: [String: Double] = [:]
        for row in answer.rows {
            guard case .number(let number) = row[column], let p = Double(number.decimalString) else { throw TestFailure("not a number: \(row)") }
            result[row.prefix(column).map(\.description).joined(separator: ",")] = p
        }
        return result
    }

    static func near(_ a: Double?, _ b: Double, within tolerance: Double = 1.5e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    static let burglary = """
        0.1 :: burglary.
        0.2 :: earthquake.
        alarm :- burglary.
        alarm :- earthquake.
        0.7 :: hears(mary).
        0.4 :: hears(john).
        calls(P) :- alarm, hears(P).
        quiet :- not alarm.
        """

    @Test func independentFactsMultiplyAndAddByInclusionExclusion() throws {
        // alarm = 1 - 0.9 * 0.8 = 0.28; calls(mary) = 0.28 * 0.7.
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely alarm?")[""], 0.28))
        let calls = try Self.likelihoods(Self.burglary, "how likely calls(P)?")
        #expect(Self.near(calls["mary"], 0.196))
        #expect(Self.near(calls["john"], 0.112))
        // Negation: quiet is the complement of alarm.
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely quiet?")[""], 0.72))
        // A conjunction with a shared cause: both call when the alarm rings and both hear it.
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely calls(mary), calls(john)?")[""], 0.28 * 0.7 * 0.4))
    }

    @Test func aSharedCauseIsCountedOnce() throws {
        // Two proofs through one fact: adding them would give 0.5 + 0.5 = 1.0.
        let source = """
            0.5 :: storm.
            flood(north) :- storm.
            flood(south) :- storm.
            damage :- flood(north).
            damage :- flood(south).
            """
        #expect(Self.near(try Self.likelihoods(source, "how likely damage?")[""], 0.5))
        #expect(Self.near(try Self.likelihoods(source, "how likely flood(north), flood(south)?")[""], 0.5))
    }

    @Test func annotatedDisjunctionsAreExclusive() throws {
        let source = """
            0.5 :: complies(a); 0.3 :: negotiates(a).
            0.5 :: complies(b).
            moved(X) :- complies(X).
            moved(X) :- negotiates(X).
            stuck(X) :- party(X), not moved(X).
            party(a). party(b).
            both :- complies(a), negotiates(a).
            """
        let moved = try Self.likelihoods(source, "how likely moved(X)?")
        #expect(Self.near(moved["a"], 0.8))
        #expect(Self.near(moved["b"], 0.5))
        let stuck = try Self.likelihoods(source, "how likely stuck(X)?")
        #expect(Self.near(stuck["a"], 0.2))
        #expect(Self.near(stuck["b"], 0.5))
        // The alternatives of one choice never hold together.
        #expect(Self.near(try Self.likelihoods(source, "how likely both?")[""], 0))
    }

    @Test func evidenceConditions() throws {
        // P(burglary | alarm) = 0.1 / 0.28.
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely burglary given alarm?")[""], 0.1 / 0.28))
        // P(alarm | calls(mary)) = 1: only the alarm makes anyone call.
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely alarm given calls(mary)?")[""], 1))
        // Evidence against: P(earthquake | not burglary) = 0.2 (independent).
        #expect(Self.near(try Self.likelihoods(Self.burglary, "how likely earthquake given not burglary?")[""], 0.2))
        // Evidence in the file, for every question.
        #expect(Self.near(try Self.likelihoods(Self.burglary + "\ngiven calls(john).", "how likely earthquake?")[""], 0.2 / 0.28))
        // Impossible evidence is an error, not a division by zero.
        let session = Session(today: .date(0))
        _ = session.load(SourceFile(path: "b.rl", text: Self.burglary + "\nnever :- burglary, not alarm."))
        let asked = session.load(SourceFile(path: "q.rl", text: "how likely alarm given never?"))
        let outcome = session.execute(asked.statements[0], checkedAt: asked.checkedAt)
        #expect(outcome.result == nil)
        #expect(outcome.diagnostics.first?.message.contains("cannot hold in any world") == true)
    }

    @Test func worldsMakeFactsCertain() throws {
        let forced = try Self.likelihoods(Self.burglary, "what if burglary ?- how likely calls(P)?")
        #expect(Self.near(forced["mary"], 0.7))
        let retracted = try Self.likelihoods(Self.burglary, "what if not earthquake ?- how likely alarm?")
        #expect(Self.near(retracted[""], 0.1))
        // A scenario the session is in holds for every question.
        let harness = ConsoleHarness()
        harness.enter(Self.burglary + "\nscenario safe: not burglary.")
        harness.enter("use safe.")
        #expect(harness.enter("how likely alarm?").output.contains("20.0%"))
        harness.enter("use baseline.")
        #expect(harness.enter("how likely alarm?").output.contains("28.0%"))
    }

    @Test func aWhatIfDecidesTheChoiceOfWhatItForces() throws {
        let source = """
            0.5 :: market(boom); 0.3 :: market(bust).
            late(k3) :- market(bust).
            late(k3) :- market(boom), 0 > 1.
            """
        // Forced true, an alternative is what the choice picked: its siblings cannot hold.
        let forced = try Self.likelihoods(source, "what if market(bust) ?- how likely market(X)?")
        #expect(Self.near(forced["bust"], 1) && forced["boom"] == nil, "\(forced)")
        // Retracted, it is what the choice did not pick: the others keep their odds (boom 0.5 / 0.7).
        let retracted = try Self.likelihoods(source, "what if not market(bust) ?- how likely market(X)?")
        #expect(Self.near(retracted["boom"], 0.5 / 0.7) && retracted["bust"] == nil, "\(retracted)")
        // The same as conditioning on it.
        #expect(Self.near(try Self.likelihoods(source, "how likely market(boom) given not market(bust)?")[""], 0.5 / 0.7))
    }

    @Test func aFactStatedInTwoChoicesIsOneFact() throws {
        // a(x) holds when either choice picks it; what moves conditions on the fact itself.
        let source = """
            0.4 :: a(x); 0.5 :: b(x).
            0.3 :: a(x).
            0.5 :: c(x).
            d(X) :- a(X), c(X).
            d(X) :- b(X).
            """
        // P(a) = 1 - 0.6 * 0.7 = 0.58; P(d) = P(b or (a and c)).
        // b excludes the first choice's a: P(d) = 0.5 + 0.1 * 0.3 * 0.5 + 0.4 * 0.5 = 0.715.
        #expect(Self.near(try Self.likelihoods(source, "how likely d(x)?")[""], 0.715))
        // P(d | a) = P(d and a) / P(a): a and c, or b with a from the second choice.
        let dAndA = 0.4 * 0.5 + 0.1 * 0.3 * 0.5 + 0.5 * 0.3   // a from the first; neither first, second a, c; b and second a
        let dNotA = 0.5 * 0.7                                   // no a at all: b, and the second choice does not pick a
        let harness = ConsoleHarness()
        harness.enter(source)
        harness.enter(":set likelihood exact")
        let moves = harness.enter("what moves d(x)?").output
        let rows = moves.split(separator: "\n").filter { $0.hasPrefix("a(x)") }
        #expect(rows.count == 1, "one row per fact: \(moves)")
        let numbers = rows.first.map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
        #expect(numbers.count == 4 && Self.near(numbers[0], 0.58) && Self.near(numbers[1], dAndA / 0.58) && Self.near(numbers[2], dNotA / 0.42), "\(moves)")
        let proofs = harness.enter("why likely d(x)?").output
        #expect(proofs.components(separatedBy: "a(x), c(x)").count == 2, "each proof once: \(proofs)")
    }

    @Test func typedUncertainFactsAreSavedAndEvidenceThatNoWorldHoldsIsNamed() throws {
        let harness = ConsoleHarness()
        harness.enter("q :- a.")
        harness.enter("0.5 :: a; 0.25 :: b.")
        harness.enter("given not b.")
        let script = harness.session.replayScript()
        #expect(script.contains("0.5 :: a; 0.25 :: b.") && script.contains("given not b."), "\(script)")
        // A world where the evidence cannot hold is an error in compare, not a column of zeros.
        harness.enter("scenario s: b.")
        #expect(harness.enter("compare s with likelihoods.").errors.contains("in world s, what is given (not b) cannot hold in any world"))
        // Evidence too unlikely for a double is not called impossible.
        let tiny = (0..<200).map { "0.001 :: v\($0)." }.joined(separator: "\n") + "\nall :- " + (0..<200).map { "v\($0)" }.joined(separator: ", ") + "."
        let small = ConsoleHarness()
        small.enter(tiny)
        #expect(small.enter("how likely v0 given all?").errors.contains("too unlikely to compute with"))
    }

    @Test func recursionThroughUncertainLinks() throws {
        // Two routes from a to c: a-b-c (0.5 * 0.5) and a-c (0.5); 1 - 0.75 * 0.5.
        let source = """
            0.5 :: link(a, b).
            0.5 :: link(b, c).
            0.5 :: link(a, c).
            link(c, a).
            reach(X, Y) :- link(X, Y).
            reach(X, Z) :- reach(X, Y), link(Y, Z).
            """
        let reach = try Self.likelihoods(source, "how likely reach(a, Y)?")
        #expect(Self.near(reach["c"], 0.625))
        #expect(Self.near(reach["a"], 0.625))
        // b has one way in, the uncertain link from a.
        #expect(Self.near(reach["b"], 0.5))
    }

    @Test func anAggregateOverUncertainFactsIsEnumerated() throws {
        let source = """
            0.5 :: signs(a).
            0.5 :: signs(b).
            0.5 :: signs(c).
            party(a). party(b). party(c).
            majority :- N = count : { signs(_) }, N >= 2.
            """
        let harness = ConsoleHarness()
        harness.enter(source)
        harness.enter(":set likelihood exact")
        let (output, _) = harness.enter("how likely majority?")
        #expect(output.contains("0.5\n"), "\(output)")
        #expect(output.contains("by evaluating all 8 worlds"), "\(output)")
    }

    @Test func whatMovesRanksBySwing() throws {
        let harness = ConsoleHarness()
        harness.enter(Self.burglary)
        let (output, errors) = harness.enter("what moves calls(mary)?")
        #expect(errors.isEmpty, "\(errors)")
        // Made certain, the earthquake rings the alarm (70%: mary hears it); made false, only a burglary
        // can (10% * 70%). Burglary: 70% or 20% * 70%. hears(mary): the alarm's 28%, or nothing.
        let lines = output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.count >= 6, "\(output)")
        if lines.count >= 6 {
            #expect(lines[3] == "earthquake 20.0% 70.0% 7.0% 63.0%", "\(output)")
            #expect(lines[4] == "burglary 10.0% 70.0% 14.0% 56.0%", "\(output)")
            #expect(lines[5] == "hears(mary) 70.0% 28.0% 0.0% 28.0%", "\(output)")
        }
        #expect(output.contains("calls(mary) is 19.6% likely"), "\(output)")
        #expect(!output.contains("hears(john)"), "hears(john) does not bear on calls(mary): \(output)")
    }

    @Test func whyLikelyListsProofs() throws {
        let harness = ConsoleHarness()
        harness.enter(Self.burglary)
        let (output, errors) = harness.enter("why likely calls(mary)?")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.contains("earthquake, hears(mary)  14.0%"), "\(output)")
        #expect(output.contains("burglary, hears(mary)    7.0%"), "\(output)")
    }

    @Test func samplingGivesAnIntervalAndAFixedSeed() throws {
        // 14 independent facts under a count: too many worlds to enumerate.
        let facts = (0..<14).map { "0.5 :: signs(p\($0))." }.joined(separator: "\n")
        let source = facts + "\nmajority :- N = count : { signs(_) }, N >= 8."
        let harness = ConsoleHarness()
        harness.enter(source)
        harness.enter(":set likelihood exact")
        let first = harness.enter("how likely majority?").output
        let second = harness.enter("how likely majority?").output
        #expect(first == second, "the same seed draws the same worlds")
        #expect(first.contains("estimated from 10000 sampled worlds (seed 1)"), "\(first)")
        // P(N >= 8) of Binomial(14, 1/2) = (3003 + 2002 + 1001 + 364 + 91 + 14 + 1) / 16384 = 0.39526.
        let lines = first.split(separator: "\n")
        let row = lines.count > 3 ? lines[3].split(separator: " ").compactMap { Double($0) } : []
        #expect(row.count == 3, "\(first)")
        if row.count == 3 {
            #expect(row[1] <= 0.39526 && 0.39526 <= row[2], "the interval holds the true value: \(first)")
            #expect(abs(row[0] - 0.39526) < 0.02, "\(first)")
        }
    }

    @Test func timelinesAndComparisonsWeighEachDateAndWorld() throws {
        let source = """
            deadline(k1, 2026-03-01).
            0.5 :: acts(buyer).
            0.4 :: appeals(vendor).
            lost(K) :- deadline(K, D), today(T), T > D, acts(buyer), not appeals(vendor).
            .outcome lost
            scenario calm: not acts(buyer).
            scenario firm: acts(buyer).
            """
        let harness = ConsoleHarness(today: "2026-02-20")
        harness.enter(source)
        // 0 until the deadline passes, then 0.5 * 0.6.
        let timeline = harness.enter("timeline how likely lost(k1) from 2026-02-25 to 2026-03-05.").output
        #expect(timeline.contains("2026-02-25  0.0%") && timeline.contains("2026-03-02  30.0%"), "\(timeline)")
        #expect(timeline.contains("2 dates"), "\(timeline)")
        let compared = harness.enter("compare calm, firm with likelihoods.").output
        // The baseline and calm at the session's date: nothing lost yet; so only a later date shows the worlds apart.
        #expect(compared.contains("no answers") || !compared.contains("lost(k1)"), "\(compared)")
        harness.enter("scenario late: at 2026-03-05.")
        harness.enter("scenario late_firm: acts(buyer) at 2026-03-05.")
        let later = harness.enter("compare late, late_firm with likelihoods.").output
        let row = later.split(separator: "\n").first { $0.hasPrefix("lost(k1)") }.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(row == "lost(k1) 0.0% 30.0% 60.0%", "\(later)")
    }

    @Test func questionsThatAreMalformedSayWhatIsExpected() throws {
        let cases: [(String, String)] = [
            ("how likely.", "expected"),
            ("how p(a)?", "expected 'likely' after 'how'"),
            ("compare a, b with likes.", "expected 'likelihoods' after 'with'"),
            ("what moves?", "expected"),
            ("how likely p(a) given?", "expected"),
            ("what if p(a) ?- how likely q(a) at 2026-01-01?", "a what-if's date goes before '?-'"),
        ]
        for (source, message) in cases {
            let found = diagnostics("p(a). q(a).\n" + source)
            #expect(found.contains { $0.isError && $0.message.contains(message) && $0.span != nil }, "\(source): \(found.map(\.message))")
        }
        let harness = ConsoleHarness()
        harness.enter("0.5 :: p(a). q(X) :- p(X).")
        #expect(harness.enter("why likely q(X)?").errors.contains("needs an atom without variables"))
        #expect(harness.enter("timeline how likely q(a) from 2026-01-01 to x.").errors.contains("needs dates"))
        // Listing and counting show the uncertain facts as written.
        #expect(harness.enter(":list").output.contains("0.5 :: p(a)."))
        #expect(harness.enter(":preds").output.contains("uncertain"))
    }

    @Test func badInputIsRefusedWithItsPlace() throws {
        let cases: [(String, String)] = [
            ("1.5 :: p(a).", "between 0 and 1"),
            ("0.6 :: p(a); 0.6 :: q(a).", "add up to 1.2"),
            ("0.6 :: p(X).", "an uncertain fact is ground"),
            ("0.6 :: p(a) :- q(a).", "applies to a fact, not a rule"),
            ("0.6 p(a).", "expected"),
            ("0.6 :: p(a). given p(X).", "'given' needs a fact without variables"),
        ]
        for (source, message) in cases {
            let found = diagnostics(source)
            #expect(found.contains { $0.isError && $0.message.contains(message) && $0.span != nil }, "\(source): \(found.map(\.message))")
        }
        let harness = ConsoleHarness()
        harness.enter(Self.burglary)
        let before = harness.session.program.uncertain.count
        let (_, errors) = harness.enter("0.5 :: rain. 1.5 :: snow.")
        #expect(errors.contains("between 0 and 1"))
        #expect(harness.session.program.uncertain.count == before, "a refused entry adds nothing")
        #expect(harness.enter("what moves calls(P)?").errors.contains("needs an atom without variables"))
        #expect(harness.enter("how likely calls(P) given alarm(x)?").errors.contains("alarm"))
    }

    @Test func programsWithoutProbabilitiesAreUnchanged() throws {
        // Uncertain facts hold in no ordinary model: a query answers what is certain.
        #expect(try answers(Self.burglary + "\n?- alarm.").isEmpty)
        #expect(try answers(Self.burglary + "\n?- quiet.") == [[]])
        // A certain question is certain.
        #expect(Self.near(try Self.likelihoods("p(a). q(X) :- p(X).", "how likely q(X)?")["a"], 1))
    }

    // MARK: - Random programs against all their worlds

    /// A random program whose base facts are partly uncertain: independent
    /// facts and two-way annotated disjunctions, some stated twice or also
    /// certain.
    struct UncertainProgram {
        var program: WorldProgram
        var certain: [String]
        var choices: [[(probability: String, fact: String)]]

        static let probabilities = ["0.1", "0.25", "0.5", "0.6", "0.9", "1.0"]

        static func generate(seed: UInt64) -> UncertainProgram {
            let program = WorldProgram.generate(seed: seed)
            var random = PropertyTests.Random(state: seed &* 0x9E37_79B9)
            var certain: [String] = []
            var choices: [[(String, String)]] = []
            var budget = 2 + random.below(4)
            for fact in program.facts {
                let line = String(fact.dropLast())
                if budget > 0, random.chance(45) {
                    budget -= 1
                    let p = probabilities[random.below(probabilities.count)]
                    let other = program.facts[random.below(program.facts.count)]
                    if random.chance(25), other != fact {
                        let first = Double(p)! > 0.5 ? "0.5" : p
                        choices.append([(first, line), ("0.3", String(other.dropLast()))])
                    } else {
                        choices.append([(p, line)])
                    }
                    if random.chance(10) { certain.append(line) }
                } else {
                    certain.append(line)
                }
            }
            return UncertainProgram(program: program, certain: certain, choices: choices)
        }

        var declarations: String {
            let names = Set((certain + choices.flatMap { $0.map(\.fact) }).map { String($0.prefix { $0 != "(" }) })
            return program.relations.filter { $0.isBase && !names.contains($0.name) }.map { relation in
                ".decl \(relation.name)(\((0..<relation.arity).map { "c\($0): any" }.joined(separator: ", ")))\n"
            }.joined()
        }

        var text: String {
            declarations + certain.map { $0 + ".\n" }.joined()
                + choices.map { $0.map { "\($0.probability) :: \($0.fact)" }.joined(separator: "; ") + ".\n" }.joined()
                + program.rules.joined(separator: "\n") + "\n"
        }

        /// Every world: the facts it holds and its probability. A fact a
        /// what-if `forces` is what its choices picked; one it `retracts`
        /// is what they did not, the others keeping their odds.
        func worlds(forcing forced: String? = nil, retracting retracted: String? = nil) -> [(facts: [String], weight: Double)] {
            var result: [([String], Double)] = [([], 1)]
            for choice in choices {
                var options: [(String?, Double)] = choice.map { ($0.fact, Double($0.probability)!) }
                if let forced, options.contains(where: { $0.0 == forced }) {
                    options = options.map { ($0.0, $0.0 == forced ? 1 : 0) }
                    if let first = options.firstIndex(where: { $0.0 == forced }) {
                        options = options.enumerated().map { ($0.element.0, $0.offset == first ? 1 : 0) }
                    }
                }
                if let retracted {
                    let excluded = options.filter { $0.0 == retracted }.reduce(0) { $0 + $1.1 }
                    if excluded > 0 {
                        options = options.map { ($0.0, $0.0 == retracted || excluded >= 1 ? 0 : $0.1 / (1 - excluded)) }
                    }
                }
                let rest = 1 - options.reduce(0) { $0 + $1.1 }
                if rest > 1e-12 { options.append((nil, rest)) }
                result = result.flatMap { world in
                    options.filter { $0.1 > 0 }.map { option in (world.0 + (option.0.map { [$0] } ?? []), world.1 * option.1) }
                }
            }
            return result
        }

        /// A world as a plain program: no uncertain facts, no likelihoods;
        /// `adding` a fact forced true, without `removing` one forced false.
        func plain(_ facts: [String], adding: String? = nil, removing: String? = nil) -> String {
            let held = (certain + facts + (adding.map { [$0] } ?? [])).filter { $0 != removing }
            return declarations + held.map { $0 + ".\n" }.joined() + program.rules.joined(separator: "\n") + "\n"
        }
    }

    @Test func exactLikelihoodsEqualTheSumOverAllWorlds() throws {
        var compared = 0, exact = 0, enumerated = 0, conditioned = 0, worlds = 0, goalDirected = 0
        for seed in UInt64(1)...240 {
            let generated = UncertainProgram.generate(seed: seed)
            var random = PropertyTests.Random(state: seed &* 31)
            let derived = generated.program.derived
            guard !derived.isEmpty else { continue }
            let target = derived[random.below(derived.count)]
            // Sometimes a constant: the goal-directed (magic-set) path, where no evidence or what-if stands.
            var args = ["X", "Y"].prefix(target.arity).map { $0 }
            if random.chance(35) { args[0] = String(random.below(WorldProgram.domain)) }
            let atom = WorldProgram.atom(target.name, args)
            var given: (text: String, atom: String, holds: Bool)?
            if random.chance(40) {
                let other = derived[random.below(derived.count)]
                let fact = WorldProgram.atom(other.name, (0..<other.arity).map { _ in String(random.below(WorldProgram.domain)) })
                let holds = random.chance(50)
                given = (" given \(holds ? "" : "not ")\(fact)", fact, holds)
            }
            // Sometimes in a what-if: an uncertain fact made certain, or a fact retracted.
            var adding: String?, removing: String?
            if random.chance(25) {
                let alternatives = generated.choices.flatMap { $0.map(\.fact) }
                if random.chance(50), !alternatives.isEmpty {
                    adding = alternatives[random.below(alternatives.count)]
                } else {
                    let facts = generated.certain + alternatives
                    removing = facts[random.below(facts.count)]
                }
            }
            // The oracle: each world evaluated from scratch as a plain program.
            var sums: [String: Double] = [:]
            var evidence = 0.0
            for world in generated.worlds(forcing: adding, retracting: removing) {
                let text = generated.plain(world.facts, adding: adding, removing: removing)
                if let given {
                    let holds = try !answers(text + "\n?- \(given.atom).").isEmpty
                    guard holds == given.holds else { continue }
                }
                evidence += world.weight
                for row in try answers(text + "\n?- \(atom).") { sums[row.joined(separator: ","), default: 0] += world.weight }
            }
            let world = adding.map { "what if \($0) ?- " } ?? removing.map { "what if not \($0) ?- " } ?? ""
            let question = "\(world)how likely \(atom)\(given?.text ?? "")?"
            guard evidence > 1e-12 else { continue }
            let found: [String: Double]
            do {
                found = try Self.likelihoods(generated.text, question)
            } catch {
                Issue.record("seed \(seed): \(error)\n\(generated.text)\(question)")
                continue
            }
            let expected = sums.mapValues { $0 / evidence }.filter { $0.value > 1e-12 }
            // A question without variables is answered 0 where it holds in no world.
            let held = found.filter { $0.value > 1e-12 }
            let ok = Set(held.keys) == Set(expected.keys) && expected.allSatisfy { Self.near(held[$0.key], $0.value) }
            #expect(ok, "seed \(seed): \(question)\nexpected \(expected.sorted { $0.key < $1.key })\nfound \(found.sorted { $0.key < $1.key })\n\(generated.text)")
            compared += 1
            if given != nil { conditioned += 1 }
            if adding != nil || removing != nil { worlds += 1 }
            if args[0].first?.isNumber == true && given == nil && adding == nil && removing == nil { goalDirected += 1 }
            if generated.program.rules.contains(where: { $0.contains("count") || $0.contains("sum") }) { enumerated += 1 } else { exact += 1 }
        }
        print("likelihoods against all worlds: \(compared) programs, \(exact) without an aggregate, \(enumerated) with one, \(conditioned) with given, \(worlds) in a what-if, \(goalDirected) goal-directed")
        #expect(compared >= 200 && exact >= 70 && conditioned >= 40 && worlds >= 30 && goalDirected >= 25,
                "compared \(compared), exact \(exact), enumerated \(enumerated), conditioned \(conditioned), in a what-if \(worlds), goal-directed \(goalDirected)")
    }
}
