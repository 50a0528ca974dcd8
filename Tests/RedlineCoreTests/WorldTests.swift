import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Worlds on small programs written for them: exact diffs, interventions on
/// facts and derived atoms, scenarios and undo, explanations, flips, time.
@Suite struct WorldTests {
    static let program = """
        .outcome lost
        .lever drops/2
        safeguard(acme, pause). safeguard(acme, usage).
        demands(gov, usage). contract(k1, gov).
        drops(acme, pause).
        keeps(C, S) :- safeguard(C, S), not drops(C, S).
        lost(K) :- contract(K, B), demands(B, S), keeps(acme, S).
        chain(0). chain(N) :- chain(M), M < 20, N = M + 1.
        """

    func harness() -> ConsoleHarness {
        let harness = ConsoleHarness()
        harness.enter(Self.program)
        #expect(harness.errors.isEmpty, "\(harness.errors)")
        return harness
    }

    func result(_ harness: ConsoleHarness, _ text: String) throws -> StatementResult {
        let loaded = harness.session.load(SourceFile(path: "t.rl", text: text))
        try #require(loaded.accepted, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let outcome = harness.session.execute(loaded.statements[0])
        try #require(outcome.result != nil, "\(DiagnosticRenderer.render(outcome.diagnostics))")
        return outcome.result!
    }

    @Test func interventionsOnFactsAndDerivedAtoms() throws {
        let harness = harness()
        guard case .whatIf(let removed) = try result(harness, "what if drops(acme, usage).") else { throw TestFailure("no diff") }
        #expect(removed.removed.map(\.fact.description) == ["lost(k1)"])
        #expect(removed.added.isEmpty && removed.unchanged == 0)

        guard case .whatIf(let blocked) = try result(harness, "what if not keeps(acme, usage).") else { throw TestFailure("no diff") }
        #expect(blocked.removed.map(\.fact.description) == ["lost(k1)"])

        guard case .whatIf(let forced) = try result(harness, "what if lost(k9), not lost(k1).") else { throw TestFailure("no diff") }
        #expect(forced.added.map(\.fact.description) == ["lost(k9)"])
        #expect(forced.removed.map(\.fact.description) == ["lost(k1)"])

        // Later interventions override earlier ones; `not` with `_` retracts every match.
        guard case .whatIf(let overridden) = try result(harness, "what if not drops(acme, _), drops(acme, usage).") else { throw TestFailure("no diff") }
        #expect(overridden.removed.map(\.fact.description) == ["lost(k1)"])
        guard case .answer(let keeps) = try result(harness, "what if not drops(acme, _) ?- keeps(acme, S).") else { throw TestFailure("no answer") }
        #expect(keeps.rows.map { $0.map(\.description) } == [["pause"], ["usage"]])
        // The session is unchanged.
        #expect(harness.session.currentInterventions.isEmpty)
        #expect(harness.enter("?- lost(K).").output.hasSuffix("k1\n1 answer\n"))
    }

    @Test func interventionsAreChecked() {
        let harness = harness()
        #expect(harness.enter("what if drops(acme, S).").errors.contains("error: an intervention that makes an atom true needs every argument written out"))
        #expect(harness.enter("what if drops(acme).").errors.contains("error: 'drops' is used with 1 argument here but with 2 elsewhere"))
        #expect(harness.enter("use nowhere.").errors.contains("error: no scenario named 'nowhere'"))
        harness.enter("scenario comply: drops(acme, usage).")
        #expect(harness.enter("compare complyy.").errors.contains("did you mean 'comply'?"))
        #expect(harness.enter("scenario baseline: drops(acme, usage).").errors.contains("'baseline' is the world without interventions"))
        #expect(harness.enter("timeline lost(k1) from 2026-03-01 to 2026-01-01.").errors.contains("the first date before the second"))
        #expect(harness.enter("why not lost(K).").errors.contains("'why not' needs an atom without variables"))
        // A relation the program never names is a typo: an error, no answer.
        let typo = harness.enter("what if not drop(acme, usage).")
        #expect(typo.errors.contains("error: no fact, rule, declaration or lever defines 'drop/2'; the intervention would change nothing"))
        #expect(typo.errors.contains("did you mean 'drops'?"))
        #expect(!typo.output.contains("no outcome changes"))
    }

    @Test func scenariosUseAssumeAndUndo() throws {
        let harness = harness()
        harness.enter("scenario comply: drops(acme, usage).")
        harness.enter("scenario comply: drops(acme, usage), contract(k2, gov).")
        #expect(harness.session.scenarios.count == 1)
        #expect(harness.session.scenarios[0].interventions.count == 2)
        harness.enter("use comply.")
        #expect(harness.enter("?- contract(K, B).").output.contains("k2"))
        #expect(harness.enter("?- lost(K).").output.hasSuffix("no answers\n"))
        harness.enter("assume not drops(acme, usage).")
        #expect(harness.session.worldDescription == "comply + 1 assumption")
        #expect(harness.enter("?- lost(K).").output.hasSuffix("k1\nk2\n2 answers\n"))
        #expect(harness.enter(":undo").output == "undid: assume not drops(acme, usage).\n")
        #expect(harness.enter(":undo").output == "undid: use comply.\n")
        #expect(harness.session.worldName == "baseline")
        #expect(harness.enter("?- lost(K).").output.hasSuffix("k1\n1 answer\n"))
    }

    @Test func compareMarksWhereEachOutcomeHolds() throws {
        let harness = harness()
        harness.enter("scenario comply: drops(acme, usage).")
        harness.enter("scenario more: contract(k2, gov).")
        guard case .comparison(let matrix) = try result(harness, "compare comply, more.") else { throw TestFailure("no matrix") }
        #expect(matrix.worlds == ["baseline", "comply", "more"])
        #expect(matrix.rows.map(\.fact.description) == ["lost(k1)", "lost(k2)"])
        #expect(matrix.rows.map(\.holds) == [[true, false, true], [false, false, true]])
        guard case .comparison(let same) = try result(harness, "compare more.") else { throw TestFailure("no matrix") }
        #expect(same.rows.map(\.fact.description) == ["lost(k2)"])
        guard case .comparison(let all) = try result(harness, "compare all more.") else { throw TestFailure("no matrix") }
        #expect(all.rows.map(\.fact.description) == ["lost(k1)", "lost(k2)"])
    }

    @Test func whyShowsAssumedFactsRepeatsAndTheDepthLimit() throws {
        let harness = harness()
        harness.enter("assume safeguard(acme, audit), not drops(acme, pause).")
        guard case .explanation(let explanation) = try result(harness, "why keeps(acme, audit).") else { throw TestFailure("no tree") }
        let root = try #require(explanation.root)
        #expect(root.kind == .rule)
        #expect(root.children.map(\.kind) == [.assumed, .absent])
        #expect(root.children[0].note == "assumed: safeguard(acme, audit)")

        harness.enter("pair(X) :- keeps(acme, X), keeps(acme, X).")
        guard case .explanation(let pair) = try result(harness, "why pair(usage).") else { throw TestFailure("no tree") }
        #expect(pair.root?.children.map(\.kind) == [.rule, .repeated])
        #expect(pair.root?.children[1].number == pair.root?.children[0].number)

        guard case .explanation(let deep) = try result(harness, "why chain(20).") else { throw TestFailure("no tree") }
        var node = try #require(deep.root)
        var depth = 0
        while let next = node.children.first(where: { $0.kind == .rule || $0.kind == .truncated }) {
            node = next
            depth += 1
        }
        #expect(node.kind == .truncated)
        #expect(depth == 12)
        #expect(node.note == "deeper than 12 steps; ask: why chain(8).")
    }

    @Test func whyNotFindsTheFailingConditionOrTheBlocker() throws {
        let harness = harness()
        guard case .absence(let absence) = try result(harness, "why not keeps(acme, pause).") else { throw TestFailure("no tree") }
        #expect(absence.root.children.first?.children.first?.text == "not drops(acme, pause)")
        #expect(absence.root.children.first?.children.first?.note == "drops(acme, pause) holds: a fact")
        harness.enter("assume not lost(k1).")
        guard case .absence(let blocked) = try result(harness, "why not lost(k1).") else { throw TestFailure("no tree") }
        #expect(blocked.root.kind == .blocked)
        #expect(blocked.root.note == "blocked by the intervention not lost(k1)")
        // Forced true, then retracted: the later intervention wins, and why not names it.
        harness.enter("assume demands(gov, audit).")
        harness.enter("assume not demands(gov, audit).")
        guard case .absence(let retracted) = try result(harness, "why not demands(gov, audit).") else { throw TestFailure("no tree") }
        #expect(retracted.root.note == "blocked by the intervention not demands(gov, audit)")
        guard case .absence(let nothing) = try result(harness, "why not demands(gov, pause).") else { throw TestFailure("no tree") }
        #expect(nothing.root.note == "it is not among the facts of demands/2, and no rule derives demands/2")
    }

    @Test func flipsAreSmallestFirstAndSayWhenThereAreNone() throws {
        let harness = harness()
        harness.enter("scenario s: drops(acme, usage).")
        guard case .flips(let flips) = try result(harness, "what would flip lost(k1).") else { throw TestFailure("no flips") }
        #expect(flips.holdsNow)
        #expect(flips.sets.map(\.changes) == [["drops(acme, usage)"]])
        #expect(flips.sets[0].diff.removed.map(\.fact.description) == ["lost(k1)"])
        // Undropping pause changes nothing about usage; no set of up to three changes flips this.
        harness.enter("guarded(acme) :- safeguard(acme, pause).")
        guard case .flips(let none) = try result(harness, "what would flip guarded(acme).") else { throw TestFailure("no flips") }
        #expect(none.sets.isEmpty)
        #expect(none.candidates == 0)
        harness.enter("watch(acme) :- keeps(acme, usage).\nwatch(acme) :- keeps(acme, pause).")
        guard case .flips(let two) = try result(harness, "what would flip watch(acme).") else { throw TestFailure("no flips") }
        #expect(two.sets.map(\.changes) == [["drops(acme, usage)"]])
        harness.enter("assume not drops(acme, pause).")
        guard case .flips(let pair) = try result(harness, "what would flip watch(acme).") else { throw TestFailure("no flips") }
        #expect(pair.sets.map(\.changes) == [["drops(acme, pause)", "drops(acme, usage)"]])
    }

    @Test func timelinesFindTheDatesOfChange() throws {
        let harness = harness()
        harness.enter("due(d1, 2026-03-01).\nlate(X) :- due(X, D), today(T), T > D.\nfresh(X) :- due(X, D), today(T), T < D - 1d.")
        guard case .timeline(let late) = try result(harness, "timeline late(d1) from 2026-02-20 to 2026-03-10.") else { throw TestFailure("no timeline") }
        #expect(!late.initially)
        #expect(late.changes.map { "\($0.date) \($0.holds)" } == ["2026-03-02 true"])
        guard case .timeline(let fresh) = try result(harness, "timeline fresh(d1) from 2026-02-20 to 2026-03-10.") else { throw TestFailure("no timeline") }
        #expect(fresh.initially)
        #expect(fresh.changes.map { "\($0.date) \($0.holds)" } == ["2026-02-28 false"])
    }

    @Test func expectationsSetTheExitStatus() {
        let harness = harness()
        #expect(harness.enter("expect lost(k1).").output == "passed: expect lost(k1).\n")
        #expect(harness.console.status == .ok)
        #expect(harness.enter("expect count keeps(acme, _) = 2.").output == "FAILED: expect count keeps(acme, _) = 2. (found 1)\n")
        #expect(harness.console.status == .failedExpectation)
        harness.enter("?- nope(")
        #expect(harness.console.status == .inputErrors)
    }

    @Test func aSavedSessionKeepsItsWorlds() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        let harness = harness()
        harness.enter("scenario comply: drops(acme, usage) at 2026-05-01.")
        harness.enter("use comply.")
        harness.enter("assume contract(k2, gov), not drops(acme, usage).")
        let question = "?- lost(K), today(D)."
        let expected = harness.enter(question).output
        harness.enter(":save \(directory)/s.rl")
        // k2 is a contract the what-if adds: a new constant, so a warning.
        let newContract = "warning: 'k2' is not a value contract/2 holds or is read with in column 1"
        let replay = ConsoleHarness()
        replay.enter(":replay \(directory)/s.rl")
        #expect(!replay.errors.contains("error") && replay.errors.contains(newContract), "\(replay.errors)")
        #expect(replay.session.worldDescription == "comply + 2 assumptions")
        #expect(replay.enter(question).output == expected)
        #expect(expected.contains("2026-05-01"))
        // Loaded as anyone's file, its world stays inside it.
        let loaded = ConsoleHarness()
        loaded.enter(":load \(directory)/s.rl")
        #expect(!loaded.errors.contains("error"), "\(loaded.errors)")
        #expect(loaded.session.worldDescription == "baseline")
    }
}
