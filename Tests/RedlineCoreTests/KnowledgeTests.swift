import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// The bundled knowledge: it loads without a warning, every reported fact
/// cites a sentence of the source, every modeling rule is marked as an
/// assumption, and every outcome and lever is in use.
@Suite struct KnowledgeTests {
    static let files = BundledKnowledge.files.map(\.name).filter { $0.hasSuffix(".rl") }
    static let provenance: Set<String> = ["sentence", "source", "assumption"]

    static func load(_ name: String) throws -> Session {
        let session = Session(today: Value.parse("2026-02-25")!)
        let loaded = session.load(path: "bundled:" + name)
        try #require(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        return session
    }

    @Test(arguments: files)
    func everyReportedFactCitesTheSource(_ name: String) throws {
        let session = try Self.load(name)
        let model = try session.model()
        // As written: defeasible rules are checked by the relations they conclude.
        let program = session.written
        let assumed = Set(model.facts(of: PredicateKey(name: "assumption", arity: 2)).map(\.values[0].description))
        let sentences = Set(model.facts(of: PredicateKey(name: "sentence", arity: 2)).map(\.values[0]))
        let cited = model.facts(of: PredicateKey(name: "source", arity: 2))
        var reported = 0
        #expect(!program.clauses.contains { $0.isFact }, "ground facts are stored in tables")
        for (source, table) in program.factTables where source.file.path.hasSuffix(".rl") {
            let predicate = table.key.name
            guard !Self.provenance.contains(predicate), !assumed.contains(predicate) else { continue }
            for row in table.rows {
                reported += 1
                let fact = Fact(predicate, Array(row))
                #expect(model.citation(for: fact) != nil, "\(name): \(fact) has no source/2")
            }
        }
        #expect(reported > 0 || name.hasPrefix("workshop"))
        let texts = Dictionary(model.facts(of: PredicateKey(name: "sentence", arity: 2)).map { ($0.values[0], $0.values[1].description) },
                               uniquingKeysWith: { a, _ in a })
        var checked = 0
        for citation in cited {
            #expect(sentences.contains(citation.values[1]), "\(name): \(citation) cites a missing sentence")
            guard let text = texts[citation.values[1]] else { continue }
            let said = Self.words(text)
            for constant in Self.keyWords(ofCited: citation.values[0]) where !constant.contains(where: { Self.found($0, in: said) }) {
                Issue.record("\(name): \(citation.values[0]) cites \(citation.values[1]), which has none of the words of '\(constant.joined(separator: "_"))'")
            }
            checked += 1
        }
        #expect(checked == cited.count)
        for clause in program.clauses where !clause.isFact {
            // The assumption of a relation covers its strong negation.
            let relation = clause.head.predicate.hasPrefix("-") ? String(clause.head.predicate.dropFirst()) : clause.head.predicate
            #expect(assumed.contains(relation), "\(name): the rule for \(clause.head.predicate) is not marked as an assumption")
        }
    }

    /// The words of a text, lower-cased: `'race to the top'` gives race, to, the, top.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    static let stopWords: Set<String> = ["the", "and", "for", "its", "with", "from", "that", "not", "are", "was"]

    /// The key words of each constant a cited fact names (symbols, strings,
    /// functors): each constant must share one with its sentence. The first
    /// argument of `claims/2` is who speaks, which a speaker's own sentence
    /// need not name.
    static func keyWords(ofCited fact: Value) -> [[String]] {
        func constants(_ value: Value) -> [[String]] {
            switch value {
            case .symbol(let name), .string(let name):
                let key = words(name).filter { $0.count >= 3 && !stopWords.contains($0) }
                return key.isEmpty ? [] : [key]
            case .compound(let functor, let arguments):
                return constants(.symbol(functor)) + arguments.flatMap(constants)
            default:
                return []
            }
        }
        guard case .compound(let predicate, let arguments) = fact else { return constants(fact) }
        return predicate == "claims" ? arguments.dropFirst().flatMap(constants) : arguments.flatMap(constants)
    }

    /// A key word is found where a word of the sentence shares its first
    /// five letters (its whole self if shorter): outstrip, outstripped.
    static func found(_ word: String, in said: [String]) -> Bool {
        let stem = String(word.prefix(5))
        return said.contains { $0.hasPrefix(stem) || ($0.count >= 4 && word.hasPrefix($0)) }
    }

    @Test func theKeyWordCheckCanFail() {
        let said = Self.words("The Pentagon threatened to put Anthropic on what is effectively a government blacklist.")
        #expect(Self.keyWords(ofCited: .compound("threat", [.symbol("blacklist_threat"), .symbol("pentagon")])).allSatisfy { $0.contains { Self.found($0, in: said) } })
        #expect(!Self.keyWords(ofCited: .compound("binding", [.symbol("responsible_scaling_policy")])).allSatisfy { $0.contains { Self.found($0, in: said) } })
        #expect(Self.keyWords(ofCited: .compound("claims", [.symbol("commenter"), .compound("both_exist", [])])) == [["both", "exist"]])
    }

    @Test(arguments: files.filter { !$0.hasPrefix("workshop") })
    func outcomesLeversAndScenariosAreInUse(_ name: String) throws {
        // Scenarios are statements of the file: load it as a console would.
        let session = Session(today: Value.parse("2026-02-25")!)
        let console = Console(session: session) { _, _ in }
        #expect(console.load(paths: ["bundled:" + name]))
        #expect(!session.program.outcomes.isEmpty && !session.program.levers.isEmpty, "\(name)")
        let derived = Set(session.program.clauses.filter { !$0.isFact }.map(\.head.predicate))
        for outcome in session.program.outcomes { #expect(derived.contains(outcome.name), "\(name): outcome \(outcome.name) has no rule") }
        #expect(session.scenarios.count >= 3, "\(name)")
        // Every lever changes at least one outcome in some world: the
        // baseline or a prepared scenario's, by taking out a lever fact that
        // holds or putting in one built from the constants the file uses.
        let worlds: [(interventions: [Intervention], date: Value?)] = [([], nil)] + session.scenarios.map { ($0.interventions, $0.date) }
        let span = session.program.clauses[0].span
        for lever in session.program.levers {
            let key = PredicateKey(name: lever.name, arity: lever.arity ?? session.analysis.arities[lever.name]!.arity)
            var additions: [Intervention] = []
            for values in session.combinations(of: (0..<key.arity).map { session.constants(for: key, column: $0) }) {
                additions.append(Session.intervention(Fact(key.name, values), negated: false, span: span))
            }
            var changesSomething = false, tried = 0
            search: for world in worlds {
                let before = try session.model(with: world.interventions, date: world.date)
                // Taking out a lever fact that holds in this world, or putting one in.
                let removals = before.facts(of: key).map { Session.intervention($0, negated: true, span: span) }
                for change in removals + additions {
                    tried += 1
                    let after = try session.model(with: world.interventions + [change], date: world.date)
                    let diff = session.diff(from: before, to: after, interventions: [change])
                    if !diff.added.isEmpty || !diff.removed.isEmpty {
                        changesSomething = true
                        break search
                    }
                }
            }
            #expect(changesSomething, "\(name): no change of lever \(key) changes an outcome in any prepared world (\(tried) changes tried)")
        }
        // `why` on every outcome that holds reaches facts quoted from the source.
        let current = try session.model()
        for key in session.program.outcomeKeys(session.analysis) {
            for fact in current.facts(of: key) {
                func cites(_ node: ExplanationNode) -> Bool {
                    node.note?.hasPrefix("source ") == true || node.children.contains(where: cites)
                }
                let root = try #require(current.explain(fact).root)
                #expect(cites(root), "\(name): why \(fact) reaches no cited fact")
            }
        }
        // Every prepared scenario differs from the baseline and from every other.
        var seen: [(name: String, outcomes: Set<Fact>)] = []
        let named: [(name: String, interventions: [Intervention], date: Value?)] = [("baseline", [], nil)]
            + session.scenarios.map { ($0.name, $0.interventions, $0.date) }
        for (name, interventions, date) in named {
            let model = try session.model(with: interventions, date: date)
            let outcomes = Set(session.program.outcomeKeys(session.analysis).flatMap { model.facts(of: $0) })
            for other in seen { #expect(other.outcomes != outcomes, "\(name) has the outcomes of \(other.name)") }
            seen.append((name, outcomes))
        }
    }

    /// No outcome holds before the events it depends on: on a date before
    /// every dated event nothing holds but zero totals, and each outcome
    /// that holds on the story's date stops holding the day before the
    /// latest event its proof uses.
    @Test(arguments: files.filter { !$0.hasPrefix("workshop") })
    func noOutcomeHoldsBeforeItsEvents(_ name: String) throws {
        let session = Session(today: Value.parse("2026-02-25")!, explicit: false)
        let console = Console(session: session) { _, _ in }
        #expect(console.load(paths: ["bundled:" + name]))
        let now = try session.model()
        let dates = now.facts(of: PredicateKey(name: "event", arity: 2)).compactMap { fact -> Int64? in
            if case .date(let day) = fact.values[1] { return day }
            return nil
        }
        guard let first = dates.min() else { return }  // a file without dated events
        let keys = session.program.outcomeKeys(session.analysis)
        let before = try session.model(with: [], date: .date(first - 1))
        for key in keys {
            for fact in before.facts(of: key) where !fact.values.last.map({ [Value.parse("$0")!, .integer(0)].contains($0) })! {
                Issue.record("\(name): \(fact) holds on the day before the first event")
            }
        }
        for key in keys {
            for fact in now.facts(of: key) where !session.program.valuedRelations.contains(key) {
                var used: [Int64] = []
                func visit(_ node: ExplanationNode) {
                    if node.text.hasPrefix("event("), let date = node.text.split(separator: " ").last.flatMap({ Value.parse(String($0.dropLast())) }),
                       case .date(let day) = date { used.append(day) }
                    node.children.forEach(visit)
                }
                if let root = now.explain(fact).root { visit(root) }
                guard let latest = used.max() else {
                    Issue.record("\(name): \(fact) depends on no dated event")
                    continue
                }
                #expect(!(try session.model(with: [], date: .date(latest - 1))).holds(fact), "\(name): \(fact) holds before its events")
            }
        }
    }
}
