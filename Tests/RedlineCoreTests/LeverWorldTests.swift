import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Exhaustively, for every file in `Knowledge/` and `Scripts/examples/`:
/// every set of up to three lever changes (removals of lever facts that
/// hold, additions built from the constants of the lever's columns) gives,
/// through `what if`, the diff of the file edited (the facts taken out of
/// and put into its fact tables, no interventions) and evaluated from
/// scratch. A file without `.lever` lines has each of its facts, and each
/// pair of them, removed instead.
@Suite struct LeverWorldTests {
    static let root = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/"))
    static let files = ["bundled:ultimatum.rl", "bundled:market.rl", "bundled:workshop-template.rl"]
        + ["contracts", "deadlines", "market-tour", "same-generation", "transitive-closure", "ultimatum-tour", "worlds"]
        .map { "\(root)/Scripts/examples/\($0).rl" }

    @Test(arguments: files) func everySetOfUpToThreeLeverChangesEqualsTheFileEdited(_ path: String) throws {
        let session = Session(today: Value.parse("2026-03-02")!, explicit: false)
        let loaded = session.load(paths: [path])
        try #require(loaded.accepted, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        // The file's scenarios, so that their constants are candidates too.
        for statement in loaded.statements {
            if case .scenario = statement { #expect(session.execute(statement).diagnostics.isEmpty) }
        }
        let base = try session.model()
        let program = session.program
        let outcomes = program.outcomeKeys(session.analysis)
        var candidates: [(fact: Fact, remove: Bool)] = []
        var sizes = 1...3
        if program.levers.isEmpty {
            sizes = 1...2
            for (_, table) in program.factTables {
                for row in 0..<table.count { candidates.append((Fact(table.key.name, Array(table.row(row))), true)) }
            }
        } else {
            let keys = program.levers.map { PredicateKey(name: $0.name, arity: $0.arity ?? session.analysis.arities[$0.name]!.arity) }
            for key in Set(keys).sorted() {
                for fact in base.facts(of: key) where base.isGiven(fact) { candidates.append((fact, true)) }
                for values in session.combinations(of: (0..<key.arity).map { session.constants(for: key, column: $0) }) {
                    let fact = Fact(key.name, values)
                    if !base.holds(fact) { candidates.append((fact, false)) }
                }
            }
        }
        var worlds = 0, changing = 0
        for size in sizes {
            for set in Session.combinations(of: candidates.count, size: size) {
                let changes = set.map { candidates[$0] }
                let text = changes.map { ($0.remove ? "not " : "") + $0.fact.description }.joined(separator: ", ")
                let edited = try Evaluator.evaluate(
                    program.editing(removing: Set(changes.filter(\.remove).map(\.fact)), adding: changes.filter { !$0.remove }.map(\.fact)),
                    analysis: session.analysis, today: session.currentDate, limits: session.limits)
                var added = Set<String>(), removed = Set<String>()
                for key in outcomes {
                    let before = Set(base.facts(of: key)), after = Set(edited.facts(of: key))
                    added.formUnion(after.subtracting(before).map(\.description))
                    removed.formUnion(before.subtracting(after).map(\.description))
                }
                let statement = session.load(SourceFile(path: "<input>", text: "what if \(text)."))
                try #require(statement.accepted, "what if \(text).\n\(DiagnosticRenderer.render(statement.diagnostics))")
                let outcome = session.execute(statement.statements[0])
                guard case .whatIf(let diff)? = outcome.result else {
                    Issue.record("\(path): what if \(text).\n\(DiagnosticRenderer.render(outcome.diagnostics))")
                    continue
                }
                #expect(Set(diff.added.map(\.fact.description)) == added, "\(path): what if \(text). added")
                #expect(Set(diff.removed.map(\.fact.description)) == removed, "\(path): what if \(text). removed")
                worlds += 1
                if !added.isEmpty || !removed.isEmpty { changing += 1 }
            }
        }
        #expect(worlds > 0 && changing > 0, "\(path): \(worlds) worlds, \(changing) changing")
        print("lever worlds: \(path.split(separator: "/").last!): \(candidates.count) candidate changes, \(worlds) worlds, \(changing) change an outcome")
    }
}

extension Program {
    /// The program with these facts taken out of its fact tables (every
    /// statement of them) and these put in: the file edited by hand.
    func editing(removing: Set<Fact>, adding: [Fact]) -> Program {
        var edited = self
        edited.facts = facts.map { source in
            var copy = GroundFacts(file: source.file, origin: source.origin)
            for table in source.tables {
                let index = copy.tableNumber(for: table.key)
                for row in 0..<table.count where !removing.contains(Fact(table.key.name, Array(table.row(row)))) {
                    copy.append(table.row(row), toTable: index, start: Int(table.starts[row]), end: Int(table.ends[row]))
                }
            }
            return copy
        }
        if !adding.isEmpty {
            var extra = GroundFacts(file: SourceFile(path: "edited.rl", text: ""))
            for fact in adding { extra.append(fact.values, toTable: extra.tableNumber(for: fact.key), start: 0, end: 0) }
            edited.facts.append(extra)
        }
        return edited
    }
}
