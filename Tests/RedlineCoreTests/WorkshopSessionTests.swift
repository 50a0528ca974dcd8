import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// A workshop session you can trust: a typo in a what-if is an error or a
/// warning, never a silent "no outcome changes". Each case printed "no
/// outcome changes" (or defined a scenario) without a word before.
@Suite struct WorkshopSessionTests {
    static let hospital = """
        .decl adopts(hospital: symbol, policy: symbol)
        .lever adopts/2
        hospital(mercy_health). hospital(st_anne).
        policy(human_override).
        exposed(H) :- hospital(H), not covered(H).
        covered(H) :- adopts(H, P), policy(P).
        """

    func harness() -> ConsoleHarness {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.hospital)
        #expect(harness.errors.isEmpty, "\(harness.errors)")
        return harness
    }

    @Test(arguments: ["what if adopt(mercy_health, human_override).", "scenario typo: adopt(mercy_health, human_override).",
                      "assume adopt(mercy_health, human_override).", "what if not adopt(mercy_health, human_override)."])
    func anUnknownRelationInAnInterventionIsAnError(entry: String) {
        let harness = harness()
        let scenarios = harness.session.scenarios.count
        let result = harness.enter(entry)
        #expect(result.errors.contains("error: no fact, rule, declaration or lever defines 'adopt/2'; the intervention would change nothing"), "\(result)")
        #expect(result.errors.contains("did you mean 'adopts'?"))
        #expect(!result.output.contains("no outcome changes"))
        #expect(harness.session.scenarios.count == scenarios && harness.session.assumptions.isEmpty)
    }

    @Test(arguments: ["what if adopts(mercy_helth, human_override).", "scenario typo: adopts(mercy_helth, human_override).",
                      "assume adopts(mercy_helth, human_override)."])
    func aConstantNeverSeenInItsColumnIsAWarning(entry: String) {
        let result = harness().enter(entry)
        #expect(result.errors.contains("warning: 'mercy_helth' is not a value adopts/2 holds or is read with in column 1: a new one, or a typo?"),
                "\(result)")
        #expect(result.errors.contains("did you mean 'mercy_health'?"))
    }

    @Test func aWellSpelledInterventionHasNoWarning() {
        let harness = harness()
        for entry in ["what if adopts(mercy_health, human_override).", "what if not exposed(st_anne).",
                      "scenario ok: adopts(st_anne, human_override).", "assume not hospital(st_anne)."] {
            let result = harness.enter(entry)
            #expect(result.errors.isEmpty, "\(entry): \(result.errors)")
        }
    }

    @Test func aTypoInADerivedRelationsConstantIsAWarning() {
        let result = harness().enter("what if not exposed(st_ane).")
        #expect(result.errors.contains("'st_ane' is not a value exposed/1 holds or is read with in column 1"), "\(result)")
        #expect(result.errors.contains("did you mean 'st_anne'?"))
    }

    @Test func aFileWithATypoInAScenarioSaysSoWhenItLoads() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", WorkshopSessionTests.hospital + "\nscenario s: adopts(mercy_helth, human_override).\n")
        try FileSystem.write(directory + "/bad.rl", WorkshopSessionTests.hospital + "\nscenario s: adopt(mercy_health, human_override).\n")
        let harness = ConsoleHarness()
        #expect(harness.enter(":load \(directory)/kb.rl").errors.contains("kb.rl:7:20: warning: 'mercy_helth' is not a value"))
        let refused = ConsoleHarness()
        #expect(refused.enter(":load \(directory)/bad.rl").errors.contains("bad.rl:7:13: error: no fact, rule, declaration or lever defines 'adopt/2'"))
        #expect(refused.session.program.clauses.isEmpty)
    }

    /// The bundled knowledge and the examples: their scenarios draw no warning.
    @Test func theShippedFilesDrawNoInterventionWarnings() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: CommandLinePaths.examples)
            .filter { $0.hasSuffix(".rl") }.map { CommandLinePaths.examples + "/" + $0 }
        for path in ["bundled:ultimatum.rl"] + examples {
            let session = Session(today: .date(20_509))
            let loaded = session.load(path: path)
            let warnings = loaded.diagnostics.filter { $0.message.contains("is not a value") || $0.message.contains("would change nothing") }
            #expect(warnings.isEmpty, "\(path): \(warnings.map(\.message))")
        }
    }
}

enum CommandLinePaths {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/examples").path
}

/// Sessions that come back: `:reload` runs the files' `expect` lines again,
/// and `check` notices a citation of a fact that is no longer there.
extension WorkshopSessionTests {
    @Test func reloadRunsTheFilesExpectationsAgain() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        let path = directory + "/kb.rl"
        try FileSystem.write(path, "p(a). p(b).\nscenario s: not p(a).\nexpect p(a).\nuse s.\nexpect not p(a).\nexpect count p(_) = 2.\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(path)")
        harness.enter("use s.")
        // The edit breaks an expectation; before, :reload said only "reloaded".
        // The count passes only in the file's world s, as the file now defines it.
        try FileSystem.write(path, "p(b). p(c). p(d).\nscenario s: not p(c).\nexpect p(a).\nuse s.\nexpect not p(a).\nexpect count p(_) = 2.\n")
        let reloaded = harness.enter(":reload")
        #expect(reloaded.output.contains("FAILED: expect p(a). (no answer)"), "\(reloaded)")
        #expect(!reloaded.output.contains("passed: "))
        #expect(reloaded.output.hasSuffix("expect: 2 passed, 1 failed\n"), "\(reloaded.output)")
        #expect(!reloaded.errors.contains("error"), "\(reloaded.errors)")
        // The user's world is kept, with the scenario as the file now defines it.
        #expect(harness.session.worldName == "s")
        #expect(harness.enter("?- p(X).").output.contains("b\nd\n2 answers"))
    }

    @Test func checkWarnsAboutProvenanceThatCitesNothing() {
        let found = diagnostics("""
            sentence(s1, "The deal is worth $200M.").
            contract(k1, $200M).
            source(contract(k1, $200M), s1).
            source(contract(k2, $200M), s1).
            source(contract(k1, $200M), s9).
            assumption(lost, "a contract is lost at the deadline").
            assumption(contract, "contracts are as reported").
            """).filter { !$0.isError }.map(\.message)
        #expect(found.contains("source/2 cites contract(k2, $200M), which no fact of the program states"), "\(found)")
        #expect(found.contains("source/2 cites sentence s9, which no sentence/2 line holds"))
        #expect(found.contains("assumption/2 marks 'lost', which no rule or fact defines"))
        #expect(found.count == 3, "\(found)")
    }
}

/// A question evaluates what it depends on: a heavy relation elsewhere in
/// the program cost every query its whole evaluation, and after Ctrl-C
/// stopped it, every later query waited for it again.
extension WorkshopSessionTests {
    static let heavy = """
        small(a). small(b).
        num(0).
        num(N) :- num(M), M < 20000, N = M + 1.
        big(X) :- num(X), X > 10.
        """

    @Test func aQueryEvaluatesItsDependencyConeOnly() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.heavy)
        #expect(harness.enter("?- small(X).").output.contains("2 answers"))
        #expect((harness.session.lastEvaluation?.tuples ?? .max) < 10, "\(String(describing: harness.session.lastEvaluation))")
        // why, why not and expect too.
        for entry in ["why small(a).", "why not small(c).", "expect small(b)."] {
            let before = harness.session.evaluationCount
            #expect(harness.enter(entry).errors.isEmpty)
            #expect(harness.session.evaluationCount == before, "\(entry) evaluated again")
        }
        // A question about the heavy relation grows the cone; the answer is the whole program's.
        #expect(harness.enter("?- big(X), X < 13.").output.contains("11\n12\n2 answers"))
        #expect((harness.session.lastEvaluation?.tuples ?? 0) > 20_000)
    }

    @Test func afterCtrlCAnUnrelatedQueryIsAsCheapAsEver() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.heavy)
        harness.session.limits.isCancelled = { true }
        #expect(harness.enter("?- big(X).").errors.contains("evaluation interrupted"))
        harness.session.limits.isCancelled = { false }
        #expect(harness.enter("?- small(X).").output.contains("2 answers"))
        #expect((harness.session.lastEvaluation?.tuples ?? .max) < 10)
    }
}

/// Amounts a room can read: `$0` for a sum of money over nothing, one row
/// per key with its value in each world, and the tuples behind a sum.
extension WorkshopSessionTests {
    static let exposures = """
        hospital(mercy_health). hospital(st_anne). hospital(city).
        contract(c1, mercy_health, $250K). contract(c2, city, $2M). contract(c3, city, $250K).
        .lever adopts/2
        at_risk(K) :- contract(K, H, _), not adopts(H, human_override).
        exposure(H, T) :- hospital(H), T = sum V : { contract(K, H, V), at_risk(K) }.
        .outcome exposure, at_risk
        scenario safe: adopts(mercy_health, human_override).
        scenario worse: not contract(c3, city, $250K), adopts(city, human_override).
        """

    @Test func aSumOfMoneyOverNothingIsZeroDollars() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        // The contract column is money by its facts, not by a declaration.
        #expect(harness.enter("expect exposure(st_anne, $0).").output == "passed: expect exposure(st_anne, $0).\n")
        // A column of plain numbers still sums to 0.
        harness.enter("n(a, 1). total(T) :- T = sum N : { n(b, N) }.")
        #expect(harness.enter("?- total(T).").output.contains("0\n1 answer"))
    }

    @Test func compareAndWhatIfShowAValuePerKey() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        let compared = harness.enter("compare safe, worse.").output
        #expect(compared.contains("exposure(city)          $2.25M    $2.25M  $0"), "\(compared)")
        #expect(compared.contains("exposure(mercy_health)  $250K     $0      $250K"))
        #expect(!compared.contains("exposure(city, "))
        let whatIf = harness.enter("what if adopts(mercy_health, human_override).").output
        #expect(whatIf.contains("~ exposure(mercy_health)  $250K → $0"), "\(whatIf)")
        #expect(!whatIf.contains("+ exposure") && !whatIf.contains("- exposure"))
    }

    @Test func whyOfASumListsWhatAddsUpToIt() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        harness.enter((4...20).map { "contract(k\($0), city, $1K)." }.joined(separator: " "))
        let tree = harness.enter("why exposure(city, $2.267M).").output
        #expect(tree.contains("contract(c2, city, $2M), at_risk(c2)"), "\(tree)")
        #expect(tree.contains("... and 7 more"), "\(tree)")
    }
}

/// Dates in questions: `what if ... at DATE` was a syntax error, and
/// `timeline` refused a variable, so "when does each contract enter its
/// window?" could not be asked.
extension WorkshopSessionTests {
    static let renewals = """
        .today 2026-03-01
        renews(k1, 2026-03-10). renews(k2, 2026-04-01).
        window(K) :- renews(K, D), today(T), T >= D - 7d, T <= D.
        lapsed(K) :- renews(K, D), today(T), T > D, not renewed(K).
        .lever renewed/1
        .outcome window, lapsed
        """

    @Test func aWhatIfCanBeAskedAtAnotherDate() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.renewals)
        #expect(harness.errors.isEmpty, "\(harness.errors)")
        let later = harness.enter("what if at 2026-03-12.").output
        #expect(later.contains("+ lapsed(k1)"), "\(later)")
        let renewed = harness.enter("what if renewed(k1) at 2026-03-12.").output
        #expect(!renewed.contains("lapsed(k1)"), "\(renewed)")
        #expect(harness.enter("what if at 2026-03-05 ?- window(K).").output.contains("k1\n1 answer"))
        // The session's date is as it was.
        #expect(harness.enter("?- window(K).").output.contains("no answers"))
    }

    @Test func aTimelineWithVariablesListsEachRunOfDays() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.renewals)
        let table = harness.enter("timeline window(K) from 2026-03-01 to 2026-04-30.").output
        #expect(table.contains("k1  2026-03-03  2026-03-10"), "\(table)")
        #expect(table.contains("k2  2026-03-25  2026-04-01"), "\(table)")
        // A ground atom keeps the list of changes.
        #expect(harness.enter("timeline window(k1) from 2026-03-01 to 2026-03-31.").output.contains("2026-03-03  starts holding"))
    }
}

/// The smaller items of the workshop afternoon.
extension WorkshopSessionTests {
    @Test func compareAllComparesEveryScenario() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        let every = harness.enter("compare all.").output
        #expect(every.contains("outcome                 baseline  safe    worse\n"), "\(every)")
    }

    @Test func inWordsANegatedAtomReadsAsItsSentence() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures + "\n.say at_risk(K) \"{K} is at risk\"\n.say adopts(H, P) \"{H} adopts {P}\"")
        let tree = harness.enter("why at_risk(c1).").output
        #expect(tree.contains("└─ it is not so that mercy_health adopts human_override"), "\(tree)")
    }

    @Test func aFailedReloadShowsItsErrorsOnly() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/rows.csv", "k,v\nk1,$5M\n")
        try FileSystem.write(directory + "/kb.rl", ".decl contract(k: symbol, v: money)\n.input contract \"rows.csv\"\nbig(K) :- contract(K, V), V > $1M.\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/kb.rl")
        try FileSystem.write(directory + "/rows.csv", "k,v\nk1,$5X\n")
        let failed = harness.enter(":reload")
        #expect(failed.errors.contains("'$5X' is not a money; write it as $1.2M, $250K, $1,200,000.50 or 1200000"), "\(failed)")
        #expect(!failed.errors.contains("warning"), "\(failed.errors)")
    }

    @Test func durationsPrintInDaysAndUndoNamesTheWholeEntry() {
        let harness = ConsoleHarness()
        #expect(harness.enter("?- X = 2w.").output.contains("14d"))
        let long = "p(" + (0..<12).map { "a_rather_long_constant_\($0)" }.joined(separator: ", ") + ")."
        harness.enter(long)
        let undone = harness.enter(":undo").output
        #expect(undone.contains("a_rather_long_constant_3"), "\(undone)")
    }
}

extension WorkshopSessionTests {
    /// `compare ... by exposure` ranks the worlds by a valued relation's total.
    @Test func compareByRanksTheWorldsByAValue() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        let ranked = harness.enter("compare safe, worse by exposure.").output
        let lines = ranked.split(separator: "\n").map(String.init)
        #expect(lines.contains("worse     $250K   $0              $250K                   $0"), "\(ranked)")
        #expect(lines.firstIndex { $0.hasPrefix("worse") }! < lines.firstIndex { $0.hasPrefix("safe") }!)
        #expect(lines.firstIndex { $0.hasPrefix("safe") }! < lines.firstIndex { $0.hasPrefix("baseline") }!)
        #expect(harness.enter("compare safe by exposur.").errors.contains("did you mean 'exposure'?"))
        #expect(harness.enter("compare safe by at_risk.").errors.contains("'by' needs a relation that holds one value per key"))
    }
}

/// What a helper found trying the above as a user; each failed before.
extension WorkshopSessionTests {
    @Test func aFilesExpectationsMeanTheSameInEveryWorld() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", "p(a). p(b).\nscenario s: not p(a).\nexpect count p(_) = 2.\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/kb.rl")
        harness.enter("use s.")
        let reloaded = harness.enter(":reload")
        #expect(reloaded.output.hasSuffix("expect: 1 passed\n"), "\(reloaded)")
        #expect(harness.session.worldName == "s")
    }

    @Test func aSecondValueForcedOnAKeyIsListedAsFacts() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        let forced = harness.enter("what if exposure(st_anne, $7M).").output
        #expect(forced.contains("+ exposure(st_anne, $7M)") && !forced.contains("~ exposure(st_anne)"), "\(forced)")
        harness.enter("assume exposure(st_anne, $7M).")
        let retracted = harness.enter("what if not exposure(st_anne, $7M).").output
        #expect(retracted.contains("- exposure(st_anne, $7M)") && !retracted.contains("~"), "\(retracted)")
    }

    @Test func aRankingShowsAMissingValueAsNone() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures + "\nscenario gone: not hospital(st_anne).")
        let ranked = harness.enter("compare gone by exposure.").output
        #expect(ranked.contains("none") && !ranked.contains("\"-\""), "\(ranked)")
    }

    @Test func statementWordsAndScenarioNamesThatWouldMislead() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.exposures)
        #expect(harness.enter("why not.").errors.contains("'why not' needs a fact"))
        #expect(harness.enter("scenario all: adopts(city, human_override).").errors.contains("'all' has a meaning in 'compare'"))
        let every = harness.enter("compare all all.").output
        #expect(every.contains("at_risk(c2)             yes       yes     -"), "\(every)")
        #expect(!every.contains("'compare all ...' lists every outcome"))
    }

    @Test func aReplayDoesNotRedefineTheScenariosOfItsFiles() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", WorkshopSessionTests.exposures)
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/kb.rl")
        harness.enter("scenario mine: not hospital(city).")
        harness.enter(":save \(directory)/s.rl")
        let script = try String(contentsOfFile: directory + "/s.rl", encoding: .utf8)
        #expect(script.contains("scenario mine:") && !script.contains("scenario safe:"), "\(script)")
        let replayed = ConsoleHarness().enter(":replay \(directory)/s.rl")
        #expect(!replayed.output.contains("redefined"), "\(replayed)")
    }
}

extension WorkshopSessionTests {
    /// A sum of `W = V / 2` over money was 0 rather than $0 over nothing.
    @Test func aSumThroughArithmeticOnMoneyIsZeroDollars() {
        let harness = ConsoleHarness()
        harness.enter("""
            hospital(a). val(k1, a, $5M). flag(k9).
            half(K, H, W) :- val(K, H, V), W = V / 2.
            ratio(K, H, R) :- val(K, H, V), R = V / $1M.
            e2(H, T) :- hospital(H), T = sum W : { half(K, H, W), flag(K) }.
            r2(H, T) :- hospital(H), T = sum R : { ratio(K, H, R), flag(K) }.
            """)
        #expect(harness.enter("?- e2(H, T).").output.contains("a  $0\n"))
        // Money divided by money is a number.
        #expect(harness.enter("?- r2(H, T).").output.contains("a  0\n"))
        #expect(harness.enter("compare all by nosuch.").errors.contains("no relation named 'nosuch'"))
    }
}

extension WorkshopSessionTests {
    /// `:load f.rl` twice (or `--kb f --kb f`, or a replay into a session
    /// holding its files) listed every rule twice and ran its expects twice.
    @Test func aFileAlreadyLoadedIsNotLoadedAgain() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", "p(a).\nq(X) :- p(X).\nexpect q(a).\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/kb.rl")
        let again = harness.enter(":load \(directory)/kb.rl")
        #expect(again.errors.contains("is loaded already; not loaded again"), "\(again)")
        #expect(!again.output.contains("passed"))
        #expect(harness.session.program.ruleCount == 1 && harness.session.sources.count == 1)
        #expect(harness.enter(":list q").output.components(separatedBy: "q(X) :- p(X).").count == 2)
    }
}

extension WorkshopSessionTests {
    /// Among several statements, a time limit or Ctrl-C did not say which
    /// one it stopped; `:at` under a dated scenario showed the session's date.
    @Test func aStoppedStatementIsNamedAndAtShowsTheWorldsDate() {
        let harness = ConsoleHarness()
        harness.enter(WorkshopSessionTests.renewals + "\nscenario later: renewed(k2) at 2026-05-01.")
        harness.session.limits.isCancelled = { true }
        let stopped = harness.enter("?- lapsed(K).")
        #expect(stopped.errors.contains(":1:1: error: evaluation interrupted"), "\(stopped)")
        harness.session.limits.isCancelled = { false }
        harness.enter("use later.")
        #expect(harness.enter(":at").output.contains("today is 2026-05-01 in later (the scenario's date); the session's date is 2026-03-02"))
    }
}
