import Testing
@testable import RedlineCore

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
        let program = session.program
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
        for citation in cited {
            #expect(sentences.contains(citation.values[1]), "\(name): \(citation) cites a missing sentence")
        }
        for clause in program.clauses where !clause.isFact {
            #expect(assumed.contains(clause.head.predicate), "\(name): the rule for \(clause.head.predicate) is not marked as an assumption")
        }
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
        // Retracting any lever fact that holds changes at least one outcome.
        let current = try session.model()
        for lever in session.program.levers {
            let facts = session.program.factTables.filter { $0.table.key.name == lever.name }
                .flatMap { $0.table.rows.map { Fact(lever.name, Array($0)) } }
            #expect(!facts.isEmpty, "\(name): lever \(lever.name) has no facts")
            for fact in facts where current.holds(fact) {
                let change = Session.intervention(fact, negated: true, span: session.program.clauses[0].span)
                let world = try session.model(with: [change], date: nil)
                let diff = session.diff(from: current, to: world, interventions: [change])
                #expect(!diff.added.isEmpty || !diff.removed.isEmpty, "\(name): not \(fact) changes no outcome")
            }
        }
        // `why` on every outcome that holds reaches facts quoted from the source.
        for key in session.program.outcomeKeys(session.analysis) {
            for fact in current.facts(of: key) {
                func cites(_ node: ExplanationNode) -> Bool {
                    node.note?.hasPrefix("source ") == true || node.children.contains(where: cites)
                }
                let root = try #require(current.explain(fact).root)
                #expect(cites(root), "\(name): why \(fact) reaches no cited fact")
            }
        }
        // Every scenario changes at least one outcome against the baseline.
        let baseline = try session.model(with: [], date: nil)
        for scenario in session.scenarios {
            let world = try session.model(with: scenario.interventions, date: scenario.date)
            let diff = session.diff(from: baseline, to: world, interventions: scenario.interventions)
            #expect(!diff.added.isEmpty || !diff.removed.isEmpty, "\(name): scenario \(scenario.name) changes nothing")
        }
    }
}
