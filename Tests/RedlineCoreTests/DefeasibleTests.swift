import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Defeasible rules: the literature's standard theories with their
/// conclusions in all four kinds, and random theories against a direct
/// implementation of the proof conditions (`DefeasibleOracle`), asked
/// through the statements a user types.
@Suite struct DefeasibleTests {
    /// "+Δ +∂", "-Δ +∂" or "-Δ -∂" for a ground literal, from `?- definitely q.` and `?- q.`.
    static func kinds(_ source: String, _ literal: String, statement: String = "") throws -> String {
        let definitely = try answers(source + "\n\(statement)?- definitely \(literal).")
        let defeasibly = try answers(source + "\n\(statement)?- \(literal).")
        return (definitely.isEmpty ? "-Δ" : "+Δ") + " " + (defeasibly.isEmpty ? "-∂" : "+∂")
    }

    static let tweety = """
        bird(X) :- penguin(X).
        penguin(tweety). bird(polly).
        r1: normally flies(X) :- bird(X).
        r2: normally -flies(X) :- penguin(X).
        r2 > r1.
        """

    @Test func tweetyThePenguinDoesNotFly() throws {
        #expect(try Self.kinds(Self.tweety, "bird(tweety)") == "+Δ +∂")
        #expect(try Self.kinds(Self.tweety, "flies(tweety)") == "-Δ -∂")
        #expect(try Self.kinds(Self.tweety, "-flies(tweety)") == "-Δ +∂")
        #expect(try Self.kinds(Self.tweety, "flies(polly)") == "-Δ +∂")
        #expect(try Self.kinds(Self.tweety, "-flies(polly)") == "-Δ -∂")
        // A definite fact beats every defeasible rule against it.
        #expect(try Self.kinds(Self.tweety + "\nflies(tweety).", "flies(tweety)") == "+Δ +∂")
        #expect(try Self.kinds(Self.tweety + "\nflies(tweety).", "-flies(tweety)") == "-Δ -∂")
    }

    static let nixon = """
        quaker(nixon). republican(nixon). chicago(nixon).
        r1: normally pacifist(X) :- quaker(X).
        r2: normally -pacifist(X) :- republican(X).
        r3: normally -gun(X) :- pacifist(X).
        r4: normally gun(X) :- chicago(X).
        """

    @Test func theNixonDiamondUnderBlockingAndUnderPropagation() throws {
        // Blocking: the ambiguity about pacifist is not drawn either way, so r3 never applies.
        #expect(try Self.kinds(Self.nixon, "pacifist(nixon)") == "-Δ -∂")
        #expect(try Self.kinds(Self.nixon, "-pacifist(nixon)") == "-Δ -∂")
        #expect(try Self.kinds(Self.nixon, "gun(nixon)") == "-Δ +∂")
        #expect(try Self.kinds(Self.nixon, "-gun(nixon)") == "-Δ -∂")
        // Propagation: pacifist is supported, so r3 still attacks gun.
        let propagating = ".defeasible propagating\n" + Self.nixon
        #expect(try Self.kinds(propagating, "pacifist(nixon)") == "-Δ -∂")
        #expect(try Self.kinds(propagating, "gun(nixon)") == "-Δ -∂")
        #expect(try Self.kinds(propagating, "-gun(nixon)") == "-Δ -∂")
    }

    @Test func aDefeaterBlocksWithoutConcluding() throws {
        let source = """
            bird(b). heavy(b). bird(c).
            r1: normally flies(X) :- bird(X).
            d1: maybe -flies(X) :- heavy(X).
            """
        #expect(try Self.kinds(source, "flies(b)") == "-Δ -∂")
        #expect(try Self.kinds(source, "-flies(b)") == "-Δ -∂")
        #expect(try Self.kinds(source, "flies(c)") == "-Δ +∂")
        // Beaten, the defeater blocks nothing.
        #expect(try Self.kinds(source + "\nr1 > d1.", "flies(b)") == "-Δ +∂")
    }

    @Test func aChainOfSuperiority() throws {
        let source = """
            a. b. c.
            r1: normally p :- a.
            r2: normally -p :- b.
            r3: normally p :- c.
            r2 > r1. r3 > r2.
            """
        #expect(try Self.kinds(source, "p") == "-Δ +∂")
        #expect(try Self.kinds(source, "-p") == "-Δ -∂")
        // Without r3's body, r2 beats r1.
        let withoutC = source.replacingOccurrences(of: "a. b. c.", with: "a. b.")
        #expect(try Self.kinds(withoutC, "p") == "-Δ -∂")
        #expect(try Self.kinds(withoutC, "-p") == "-Δ +∂")
    }

    @Test func aTeamDefeat() throws {
        // Each attacker of p is beaten by some rule for p, none by all.
        let source = """
            a. b. c. d.
            r1: normally p :- a.
            r2: normally p :- b.
            r3: normally -p :- c.
            r4: normally -p :- d.
            r1 > r3. r2 > r4.
            """
        #expect(try Self.kinds(source, "p") == "-Δ +∂")
        #expect(try Self.kinds(source, "-p") == "-Δ -∂")
        let unbeaten = source.replacingOccurrences(of: "r2 > r4.", with: "")
        #expect(try Self.kinds(unbeaten, "p") == "-Δ -∂")
        #expect(try Self.kinds(unbeaten, "-p") == "-Δ -∂")
    }

    @Test func declaredConflictsAttackLikeComplements() throws {
        let source = """
            .conflict complies/1, defies/1
            pressured(acme). binding(acme).
            r1: normally complies(C) :- binding(C).
            r2: normally defies(C) :- pressured(C).
            """
        #expect(try Self.kinds(source, "complies(acme)") == "-Δ -∂")
        #expect(try Self.kinds(source, "defies(acme)") == "-Δ -∂")
        #expect(try Self.kinds(source + "\nr1 > r2.", "complies(acme)") == "-Δ +∂")
        #expect(try Self.kinds(source + "\nr1 > r2.", "defies(acme)") == "-Δ -∂")
    }

    @Test func superiorityIsDataAndALever() throws {
        let source = """
            .lever superior/2
            policy(acme). pressure(acme).
            keep: normally pauses(C) :- policy(C).
            yield: normally -pauses(C) :- pressure(C).
            superior(keep, yield) :- binding(C), policy(C).
            binding(acme).
            """
        #expect(try Self.kinds(source, "pauses(acme)") == "-Δ +∂")
        #expect(try answers(source + "\nwhat if not binding(acme) ?- pauses(C).").isEmpty)
        #expect(try answers(source + "\nwhat if not binding(acme), superior(yield, keep) ?- -pauses(C).") == [["acme", "defeasibly"]])
        let session = Session(today: .date(0))
        #expect(session.load(SourceFile(path: "t.rl", text: source)).accepted)
        let span = SourceSpan(file: SourceFile(path: "q", text: "q"), start: 0, end: 1)
        let flips = try session.flips(of: Fact("pauses", [.symbol("acme")]), span: span)
        #expect(flips.sets.contains { $0.changes.contains { $0.contains("superior") } })
    }

    @Test func rulesWithoutABodyAndForcedAtoms() throws {
        let source = """
            b(a).
            r1: normally p(X) :- b(X).
            d: maybe -p(a).
            f: h(b).
            normally g(b).
            r2: q(X) :- p(X).
            """
        #expect(try Self.kinds(source, "p(a)") == "-Δ -∂")
        #expect(try Self.kinds(source, "h(b)") == "+Δ +∂")
        #expect(try Self.kinds(source, "g(b)") == "-Δ +∂")
        // Forced true, an atom is a fact of the world: definitely so, and what reads it follows.
        #expect(try answers(source + "\nwhat if p(z) ?- q(X).") == [["z", "definitely"]])
        #expect(try answers(source + "\nwhat if -g(b) ?- g(X).").isEmpty)
        #expect(try answers(source + "\nwhat if -g(b) ?- -g(X).") == [["b", "definitely"]])
    }

    @Test func prioritiesBothWaysCancel() throws {
        // r1 > r2 and r2 > r1: neither beats the other, as if neither were stated.
        let source = Self.tweety + "\nr1 > r2.\n.lever superior/2"
        #expect(try Self.kinds(source, "flies(tweety)") == "-Δ -∂")
        #expect(try Self.kinds(source, "-flies(tweety)") == "-Δ -∂")
        #expect(diagnostics(source).contains { $0.message.contains("cancel each other") })
        #expect(try answers(Self.tweety + "\n.lever superior/2\nwhat if superior(r1, r2) ?- -flies(X).").isEmpty)
    }

    @Test func whyAndWhyNotStartWithTheVerdict() {
        let whyNot = runScript(Self.tweety + "\nwhy not flies(tweety).").output
        #expect(whyNot.contains("flies(tweety) does not hold: rule r1 applies, but r2 (for -flies(tweety)) applies and no rule for it beats it; r2 > r1"))
        let why = runScript(Self.tweety + "\nwhy -flies(tweety).").output
        #expect(why.contains("-flies(tweety) holds defeasibly: rule r2 applies; r1 (for flies(tweety)) is beaten by r2"))
        let team = runScript("a. b. c. d.\nr1: normally p :- a.\nr2: normally p :- b.\nr3: normally -p :- c.\nr4: normally -p :- d.\nr1 > r3. r2 > r4.\nwhy p.").output
        #expect(team.contains("p holds defeasibly: rules r1, r2 apply; r3 (for -p) is beaten by r1; r4 (for -p) is beaten by r2"))
        let definite = runScript(Self.tweety + "\nwhy bird(tweety).").output
        #expect(!definite.contains("holds defeasibly"))
        // Propagation: r3 attacks gun(nixon) with a body that is only supported.
        let nixon = runScript(".defeasible propagating\n" + Self.nixon + "\nwhy not gun(nixon).").output
        #expect(nixon.contains("gun(nixon) does not hold: rule r4 applies, but r3 (for -gun(nixon)) is supported and no rule for it beats it"))
        // A relation that only reads conclusions has no verdict of its own.
        let reader = runScript(Self.tweety + "\ngrounded(X) :- bird(X), not flies(X).\nwhy grounded(tweety).").output
        #expect(!reader.contains("does not hold"))
        // A strong negation can be an outcome: what-if diffs show it.
        let diff = runScript(Self.tweety + "\n.outcome flies, -flies\n.lever superior/2\nwhat if not superior(r2, r1).").output
        #expect(diff.contains("- -flies(tweety)"))
        let blocked = runScript(Self.tweety + "\n-flies(polly).\nwhy not flies(polly).").output
        #expect(blocked.contains("flies(polly) does not hold: -flies(polly) holds definitely"))
    }

    @Test func queriesSayWhichKind() throws {
        #expect(try answers(Self.tweety + "\n?- bird(X).") == [["polly"], ["tweety"]])
        let source = Self.tweety + "\nflies(eagle)."
        #expect(try answers(source + "\n?- flies(X).") == [["eagle", "definitely"], ["polly", "defeasibly"]])
        #expect(try answers(source + "\n?- definitely flies(X).") == [["eagle"]])
        #expect(try answers(source + "\n?- definitely bird(X).") == [["polly"], ["tweety"]])
        // Conclusions feed ordinary rules, with negation and aggregates.
        #expect(try answers(source + "\ngrounded(X) :- bird(X), not flies(X).\n?- grounded(X).") == [["tweety", "defeasibly"]])
        #expect(try answers(source + "\nfliers(N) :- N = count : { flies(_) }.\n?- fliers(N).") == [["2", "defeasibly"]])
    }

    @Test func aProgramWithoutDefeasibleRulesIsLeftAsItIs() throws {
        for seed in 0..<50 as Range<UInt64> {
            let program = WorldProgram.generate(seed: seed)
            let written = Session(today: .date(0))
            #expect(written.load(SourceFile(path: "w.rl", text: program.text)).accepted)
            #expect(written.program.layered.isEmpty)
            #expect(written.program.clauses.count == written.written.clauses.count)
        }
    }

    @Test func loopsAndBadLabelsAreErrorsInTheUsersTerms() {
        let loop = diagnostics("a.\nr1: normally p :- a.\nr2: normally -p :- q.\nq :- p.\n")
        #expect(loop.contains { $0.isError && $0.message.contains("attack what they rest on") && !$0.message.contains("@") })
        let twice = diagnostics("a.\nr1: normally p :- a.\nr1: normally -p :- a.\n")
        #expect(twice.contains { $0.isError && $0.message.contains("two rules are labelled 'r1'") })
        let unknown = diagnostics("a.\nr1: normally p :- a.\nr9 > r1.\n")
        #expect(unknown.contains { !$0.isError && $0.message.contains("no rule is labelled 'r9'") })
        #expect(diagnostics("r1 normally p(X) :- b(X).\n").contains { $0.message.contains("label ends with ':'") })
        #expect(diagnostics("r1 > r2 > r3.\n").contains { $0.message.contains("two rule labels") })
        #expect(diagnostics("a.\nr1: normally p :- a.\nsuperior(r1).\n").contains { $0.isError && $0.message.contains("superior") })
        // A priority that rests on a defeasible conclusion: said so.
        let priority = diagnostics("b.\ng1: normally good :- b.\ng2: normally -good :- b.\nr1: normally p :- b.\nr2: normally -p :- b.\nsuperior(r1, r2) :- good.\n")
        #expect(priority.contains { $0.isError && $0.notes.contains { $0.message.contains("superior/2 may not depend") } })
        // Labels are values of superior/2: no did-you-mean for them.
        let lever = diagnostics("b(a).\n.lever superior/2\nr1: normally p(X) :- b(X).\nd1: maybe -p(X) :- b(X).\nscenario s: superior(r1, d1).\n")
        #expect(!lever.contains { $0.message.contains("a new one, or a typo") || $0.message.contains("no rule reads the lever") })
        let arity = diagnostics(".conflict a/1, b/2\n")
        #expect(arity.contains { $0.isError && $0.message.contains("same number of arguments") })
        // A refused file leaves the session as it was.
        let session = Session(today: .date(0))
        #expect(session.load(SourceFile(path: "ok.rl", text: "a.\nr1: normally p :- a.\n")).accepted)
        #expect(!session.load(SourceFile(path: "bad.rl", text: "r2: normally -p :- q.\nq :- p.\n")).accepted)
        #expect(session.written.clauses.count == 1)
        #expect((try? answers("a.\nr1: normally p :- a.\n?- p.")) == [["defeasibly"]])
    }

    // MARK: - Random theories against the proof conditions

    @Test(arguments: [AmbiguityHandling.blocking, .propagating])
    func randomTheoriesAgreeWithTheProofConditions(_ handling: AmbiguityHandling) throws {
        var compared = 0, decidedDefeasibly = 0, worlds = 0
        for seed in 0..<250 as Range<UInt64> {
            let theory = DefeasibleOracle.Theory.generate(seed: seed &+ (handling == .blocking ? 0 : 10_000))
            let source = (handling == .propagating ? ".defeasible propagating\n" : "") + theory.source
            let session = Session(today: .date(0))
            let loaded = session.load(SourceFile(path: "t.rl", text: source))
            guard loaded.accepted else {
                // Only a declared conflict can make an attack loop here.
                #expect(!theory.conflicts.isEmpty, "refused: \(DiagnosticRenderer.render(loaded.diagnostics))\n\(source)")
                continue
            }
            for (index, (world, changed)) in ([(nil, theory)] + theory.worlds(seed: seed)).enumerated() {
                let expected = changed.conclusions(handling)
                // One literal through `what if` (a world built on the current model),
                // the rest in the world assumed (evaluated for it).
                let asked = changed.literals[(Int(seed) + index) % changed.literals.count]
                if let world { _ = try Self.answer(session, "assume \(world).") }
                for literal in changed.literals {
                    let question = world != nil && literal == asked ? "what if \(world!) ?- " : "?- "
                    if world != nil && literal == asked { _ = try Self.answer(session, "use baseline.") }
                    let defeasibly = try Self.answer(session, question + "\(literal)(X).")
                    let definitely = try Self.answer(session, question + "definitely \(literal)(X).")
                    if world != nil && literal == asked { _ = try Self.answer(session, "assume \(world!).") }
                    #expect(defeasibly == expected.defeasibly[literal] ?? [], "\(world ?? "baseline") \(literal)\n\(source)")
                    #expect(definitely == expected.definitely[literal] ?? [], "\(world ?? "baseline") definitely \(literal)\n\(source)")
                    if world == nil {
                        // With a constant: the goal-directed path (magic sets) on the translation.
                        let constant = DefeasibleOracle.Theory.constants[(Int(seed) + compared) % 3]
                        let yes = try Self.answered(session, "?- \(literal)(\(constant)).")
                        #expect(yes == (expected.defeasibly[literal] ?? []).contains(constant), "\(literal)(\(constant))\n\(source)")
                    }
                    compared += 1
                    decidedDefeasibly += (expected.defeasibly[literal] ?? []).subtracting(expected.definitely[literal] ?? []).count
                }
                if world != nil {
                    worlds += 1
                    _ = try Self.answer(session, "use baseline.")
                }
            }
        }
        #expect(compared > 3000)
        #expect(decidedDefeasibly > 300)
        #expect(worlds > 300)
    }

    /// Whether a query without variables has an answer.
    static func answered(_ session: Session, _ text: String) throws -> Bool {
        let loaded = session.load(SourceFile(path: "q.rl", text: text))
        guard loaded.accepted, let statement = loaded.statements.first else { throw TestFailure(DiagnosticRenderer.render(loaded.diagnostics)) }
        guard case .answer(let answer)? = session.execute(statement, checkedAt: loaded.checkedAt).result else { throw TestFailure(text) }
        return answer.isYes
    }

    /// The constants X takes in the answers of one statement.
    static func answer(_ session: Session, _ text: String) throws -> Set<Int> {
        let loaded = session.load(SourceFile(path: "q.rl", text: text))
        guard loaded.accepted, let statement = loaded.statements.first else {
            throw TestFailure(DiagnosticRenderer.render(loaded.diagnostics))
        }
        let outcome = session.execute(statement, checkedAt: loaded.checkedAt)
        let rows: [[Value]]
        switch outcome.result {
        case .answer(let answer)?: rows = answer.rows
        case .note?: rows = []
        default: throw TestFailure("\(text): " + DiagnosticRenderer.render(outcome.diagnostics))
        }
        return Set(rows.compactMap { row -> Int? in
            // Constant 0 only defines the relations.
            guard case .number(let n) = row[0], let value = n.integerValue, value != 0 else { return nil }
            return Int(value)
        })
    }
}

/// Defeasible logic straight from its proof conditions (Antoniou et al.,
/// TOCL 2001; propagation: ECAI 2000), on ground theories: the tagged
/// conclusions grow round by round until nothing changes. No translation,
/// no Datalog: the oracle for `DefeasibleLogic`.
enum DefeasibleOracle {
    struct Rule {
        var label: String
        var head: String
        var body: [String]
        var strength: RuleStrength
    }

    struct Theory {
        /// Literals: a0..a5 and -a0..-a5, each of one argument X over the constants.
        var rules: [Rule] = []
        var facts: [(literal: String, constant: Int)] = []
        var superior: Set<[String]> = []
        var conflicts: [[String]] = []
        static let constants = [1, 2, 3]

        var literals: [String] { (0..<6).flatMap { ["a\($0)", "-a\($0)"] } }

        static func generate(seed: UInt64) -> Theory {
            var random = PropertyTests.Random(state: seed)
            var theory = Theory()
            func literal(below index: Int) -> String {
                let atom = "a\(random.below(index))"
                return random.chance(40) ? "-" + atom : atom
            }
            for _ in 0..<(3 + random.below(6)) {
                theory.facts.append((literal(below: 3), constants[random.below(3)]))
            }
            // Heads above their bodies: no literal rests on what attacks it.
            for index in 0..<(4 + random.below(9)) {
                let headIndex = 1 + random.below(5)
                let body = (0..<random.below(3)).map { _ in literal(below: headIndex) }
                let roll = random.below(10)
                let strength: RuleStrength = roll < 2 ? .strict : roll < 8 ? .defeasible : .defeater
                theory.rules.append(Rule(label: "r\(index)", head: (random.chance(45) ? "-" : "") + "a\(headIndex)", body: body, strength: strength))
            }
            for _ in 0..<random.below(6) {
                let a = random.below(theory.rules.count), b = random.below(theory.rules.count)
                if a > b { theory.superior.insert(["r\(a)", "r\(b)"]) }
            }
            if random.chance(20) {
                let a = 1 + random.below(4)
                theory.conflicts.append(["a\(a)", "a\(a + 1)"])
            }
            return theory
        }

        var source: String {
            var lines = [".lever superior/2"] + conflicts.map { ".conflict " + $0.map { "\($0)/1" }.joined(separator: ", ") }
            // Every relation has a fact it never matches, so that all are defined.
            lines += (0..<6).map { "a\($0)(0). -a\($0)(0)." }
            lines += facts.map { "\($0.literal)(\($0.constant))." }
            for rule in rules {
                let word = rule.strength == .defeasible ? "normally " : rule.strength == .defeater ? "maybe " : ""
                let body = rule.body.map { "\($0)(X)" } + ["c(X)"]
                lines.append("\(rule.label): \(word)\(rule.head)(X) :- \(body.joined(separator: ", ")).")
            }
            lines += Theory.constants.map { "c(\($0))." }
            lines += superior.sorted { $0.lexicographicallyPrecedes($1) }.map { "\($0[0]) > \($0[1])." }
            return lines.joined(separator: "\n")
        }

        /// Interventions as typed, with the theory they make: a fact
        /// retracted, a superiority added or retracted.
        func worlds(seed: UInt64) -> [(String?, Theory)] {
            var random = PropertyTests.Random(state: seed &* 31 &+ 7)
            var result: [(String?, Theory)] = []
            // A fact of a literal no rule concludes: retracting it is removing it.
            let concluded = Set(rules.map(\.head))
            let retractable = facts.filter { !concluded.contains($0.literal) }
            if !retractable.isEmpty {
                let fact = retractable.randomElement(using: &random)
                var changed = self
                changed.facts.removeAll { $0 == fact }
                result.append(("not \(fact.literal)(\(fact.constant))", changed))
            }
            if rules.count >= 2 {
                let a = random.below(rules.count), b = random.below(rules.count)
                if a != b {
                    var changed = self
                    changed.superior.insert(["r\(a)", "r\(b)"])
                    result.append(("superior(r\(a), r\(b))", changed))
                }
            }
            // A literal forced true: a fact of the world (its complement may hold definitely too).
            let forced = literals[random.below(literals.count)], constant = Theory.constants[random.below(Theory.constants.count)]
            var withFact = self
            withFact.facts.append((forced, constant))
            result.append(("\(forced)(\(constant))", withFact))
            if let pair = superior.sorted(by: { $0.lexicographicallyPrecedes($1) }).first {
                var changed = self
                changed.superior.remove(pair)
                result.append(("not superior(\(pair[0]), \(pair[1]))", changed))
            }
            return result
        }

        func complement(_ literal: String) -> String { literal.hasPrefix("-") ? String(literal.dropFirst()) : "-" + literal }

        func rivals(_ literal: String) -> [String] {
            var result = [complement(literal)]
            for group in conflicts where group.contains(literal) { result += group.filter { $0 != literal } }
            return result
        }

        /// Per literal, the constants it holds of definitely and defeasibly.
        func conclusions(_ handling: AmbiguityHandling) -> (definitely: [String: Set<Int>], defeasibly: [String: Set<Int>]) {
            var definitely: [String: Set<Int>] = [:], defeasibly: [String: Set<Int>] = [:]
            for constant in Theory.constants {
                let tags = prove(constant, handling)
                for literal in literals {
                    if tags.plusDelta.contains(literal) { definitely[literal, default: []].insert(constant) }
                    if tags.plusPartial.contains(literal) { defeasibly[literal, default: []].insert(constant) }
                }
            }
            return (definitely, defeasibly)
        }

        struct Tags {
            var plusDelta = Set<String>(), minusDelta = Set<String>()
            var plusPartial = Set<String>(), minusPartial = Set<String>()
            var plusSigma = Set<String>(), minusSigma = Set<String>()
        }

        func prove(_ constant: Int, _ handling: AmbiguityHandling) -> Tags {
            let given = Set(facts.filter { $0.constant == constant }.map(\.literal))
            func rules(for literal: String) -> [Rule] { self.rules.filter { $0.head == literal } }
            func supporting(_ literal: String) -> [Rule] { rules(for: literal).filter { $0.strength != .defeater } }
            func attackers(_ literal: String) -> [Rule] { rivals(literal).flatMap(rules(for:)) }
            // Two rules each superior to the other cancel: neither beats.
            func beats(_ t: Rule, _ s: Rule) -> Bool { superior.contains([t.label, s.label]) && !superior.contains([s.label, t.label]) }
            var tags = Tags()
            var changed = true
            while changed {
                changed = false
                func add(_ literal: String, _ set: WritableKeyPath<Tags, Set<String>>) {
                    if tags[keyPath: set].insert(literal).inserted { changed = true }
                }
                for q in literals {
                    let strict = rules(for: q).filter { $0.strength == .strict }
                    if given.contains(q) || strict.contains(where: { $0.body.allSatisfy(tags.plusDelta.contains) }) { add(q, \.plusDelta) }
                    if !given.contains(q) && strict.allSatisfy({ $0.body.contains(where: tags.minusDelta.contains) }) { add(q, \.minusDelta) }
                }
                // The sets an attacker's body is read against: +∂/-∂, or under propagation +Σ/-Σ.
                let attackerFails = handling == .blocking ? tags.minusPartial : tags.minusSigma
                let attackerHolds = handling == .blocking ? tags.plusPartial : tags.plusSigma
                for q in literals {
                    let applicable = supporting(q).filter { $0.body.allSatisfy(tags.plusPartial.contains) }
                    let plus = tags.plusDelta.contains(q) || (
                        !applicable.isEmpty
                        && rivals(q).allSatisfy(tags.minusDelta.contains)
                        && attackers(q).allSatisfy { s in
                            s.body.contains(where: attackerFails.contains) || applicable.contains { beats($0, s) }
                        })
                    if plus { add(q, \.plusPartial) }
                    let minus = tags.minusDelta.contains(q) && (
                        supporting(q).allSatisfy { $0.body.contains(where: tags.minusPartial.contains) }
                        || rivals(q).contains(where: tags.plusDelta.contains)
                        || attackers(q).contains { s in
                            s.body.allSatisfy(attackerHolds.contains)
                                && supporting(q).allSatisfy { t in t.body.contains(where: tags.minusPartial.contains) || !beats(t, s) }
                        })
                    if minus { add(q, \.minusPartial) }
                    guard handling == .propagating else { continue }
                    let supported = tags.plusDelta.contains(q) || supporting(q).contains { r in
                        r.body.allSatisfy(tags.plusSigma.contains)
                            && attackers(q).allSatisfy { s in s.body.contains(where: tags.minusPartial.contains) || !beats(s, r) }
                    }
                    if supported { add(q, \.plusSigma) }
                    let unsupported = tags.minusDelta.contains(q) && supporting(q).allSatisfy { r in
                        r.body.contains(where: tags.minusSigma.contains)
                            || attackers(q).contains { s in s.body.allSatisfy(tags.plusPartial.contains) && beats(s, r) }
                    }
                    if unsupported { add(q, \.minusSigma) }
                }
            }
            return tags
        }
    }
}
