import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// The console behind every front end: entries, `:commands`, undo,
/// all-or-nothing loading, saving and replaying, rendering options.
@Suite struct ConsoleTests {
    /// An entry is parsed once (the console's look at it is the parse the
    /// session loads) and each statement checked once; a statement after a
    /// change of the program in the same entry is checked again.
    @Test func anEntryIsParsedOnceAndEachStatementCheckedOnce() {
        let harness = ConsoleHarness()
        let session = harness.session
        var (parses, checks) = (session.parseCount, session.statementCheckCount)
        harness.enter("p(1). p(2).\nq(X) :- p(X).\n?- q(X).\nexpect q(2).\n?- p(1).")
        #expect(harness.output.contains("2 answers") && harness.errors.isEmpty, "\(harness.output)\(harness.errors)")
        #expect(session.parseCount - parses == 1)
        #expect(session.statementCheckCount - checks == 3)
        (parses, checks) = (session.parseCount, session.statementCheckCount)
        harness.enter(":preds")
        #expect(session.parseCount - parses == 1)
        // A `:load` in an entry loads first, as an import: one check against it all.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("once-\(UInt64.random(in: 0...UInt64.max)).rl").path
        FileManager.default.createFile(atPath: path, contents: Data("r(7).\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        checks = session.statementCheckCount
        let after = harness.enter("?- q(X).\n:load \(path)\n?- r(X).")
        #expect(after.output.contains("7\n1 answer"), "\(after)")
        #expect(session.statementCheckCount - checks == 2)
        // A statement checked against an earlier program is checked again.
        let loaded = session.load(SourceFile(path: "<q>", text: "?- s(X)."))
        #expect(loaded.accepted && loaded.checkedAt != nil)
        _ = session.load(SourceFile(path: "<s>", text: "s(1)."))
        checks = session.statementCheckCount
        _ = session.execute(loaded.statements[0], checkedAt: loaded.checkedAt)
        #expect(session.statementCheckCount - checks == 1)
        // A file's statements, loaded with `:load`, are checked once too (they
        // were checked at load and again when they ran).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("once-\(UInt64.random(in: 0...UInt64.max)).rl").path
        FileManager.default.createFile(atPath: file, contents: Data("t(1).\nscenario u: not t(1).\nexpect t(1).\n?- t(X).\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        checks = session.statementCheckCount
        #expect(harness.enter(":load \(file)").errors.isEmpty)
        #expect(session.statementCheckCount - checks == 3)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-console-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func entriesAreCompleteAtTheirFinalDot() {
        let complete = ["p(a).", "p(a).\n", "?- p(X), X > 3.5.", ":load a.rl", ".decl p(x: symbol)", "", "% only a comment\n",
                        "p(\"a.\").", "q(X) :-\n  p(X). % done", "p(a). /* c */", "p(a))", ":at 2026-03-01 % the deadline"]
        let incomplete = ["p(a)", "p(X) :-\n  q(X)", "p(\"a.", "p(a, (b.", "x = sum V : { p(V).", "/* open. ", "?- p(X), X > 3.5",
                          "p(a). q(b)"]
        for text in complete { #expect(InputCompleteness.isComplete(text), "\(text)") }
        for text in incomplete { #expect(!InputCompleteness.isComplete(text), "\(text)") }
    }

    @Test func multiLineEntriesBecomeOneHistoryLine() {
        #expect(InputCompleteness.historyLine("p(X) :-   % first\n  q(X), // second\n  r(\"50%\").\n") == "p(X) :- q(X), r(\"50%\").")
        #expect(InputCompleteness.historyLine("?- p(X).\n") == "?- p(X).")
        #expect(InputCompleteness.isBlank("  % nothing\n"))
        #expect(!InputCompleteness.isBlank(":quit"))
    }

    @Test func commandsAreLexedOnlyAtTheStartOfALine() {
        let parsed = Parser.parse(SourceFile(path: "c.rl", text: "p(a).\n  :load \"my file.rl\" b.rl   % two files\nscenario s: p(b).\n"))
        let statements = parsed.statements
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.facts.count == 1)
        guard case .command(let call) = statements[0] else {
            Issue.record("expected a command, got \(statements[0])")
            return
        }
        #expect(call.name == "load")
        #expect(call.arguments == ["my file.rl", "b.rl"])
        #expect(call.span.line == 2)
        if case .scenario = statements[1] {} else { Issue.record("the ':' of a scenario is not a command") }
    }

    @Test func aFailedLoadChangesNothing() throws {
        let directory = try Self.temporaryDirectory()
        try FileSystem.write(directory + "/good.rl", "q(b).\n")
        try FileSystem.write(directory + "/bad.rl", "r(X) :- s(Y).\n")
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        let before = (harness.session.program.factCount, harness.session.sources.count, harness.session.undoLabels)
        let (output, errors) = harness.enter(":load \(directory)/good.rl \(directory)/bad.rl")
        #expect(errors.contains("bad.rl:1:3: error: variable 'X' in the head is not bound"))
        #expect(output.contains("nothing loaded: the session is as it was"))
        #expect(harness.session.program.factCount == before.0)
        #expect(harness.session.sources.count == before.1)
        #expect(harness.session.undoLabels == before.2)
        #expect(harness.console.status == .inputErrors)
        #expect(harness.enter("?- q(X).").output == "?- q(X).\nno answers\n")
    }

    @Test func undoRevertsOneChangeAtATime() {
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        harness.enter("p(b).")
        harness.enter("?- p(X).")  // a query changes nothing
        harness.enter(":at 2026-04-01")
        #expect(harness.session.undoLabels == ["p(a).", "p(b).", ":at 2026-04-01"])
        #expect(harness.enter(":undo").output == "undid: :at 2026-04-01\n")
        #expect(harness.session.today == Value.parse("2026-03-02"))
        #expect(harness.enter(":undo").output == "undid: p(b).\n")
        #expect(harness.enter("?- p(X).").output == "?- p(X).\nX\n-\na\n1 answer\n")
        harness.enter(":reset")
        #expect(harness.session.program.factCount == 0)
        harness.enter(":undo")
        #expect(harness.session.program.factCount == 1)
        harness.enter(":undo")
        #expect(harness.enter(":undo").output == "nothing to undo\n")
    }

    @Test func reloadRereadsChangedFilesAllOrNothing() throws {
        let directory = try Self.temporaryDirectory()
        let path = directory + "/facts.rl"
        try FileSystem.write(path, "p(a).\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(path)")
        #expect(harness.enter(":reload").output == "no file changed\n")
        try FileSystem.write(path, "p(a).\np(b).\n")
        #expect(harness.enter(":reload").output.hasPrefix("reloaded; changed: "))
        #expect(harness.enter("?- p(b).").output.hasSuffix("yes\n"))
        try FileSystem.write(path, "p(a).\np(X) :- q(Y).\n")
        let failed = harness.enter(":reload")
        #expect(failed.errors.contains("error: variable 'X' in the head is not bound"))
        #expect(failed.output == "not reloaded: the session is as it was\n")
        #expect(harness.enter("?- p(b).").output.hasSuffix("yes\n"))
        harness.enter(":undo")
        #expect(harness.enter("?- p(b).").output.hasSuffix("no\n"))
    }

    @Test func aSavedSessionReplaysToTheSameAnswers() throws {
        let directory = try Self.temporaryDirectory()
        try FileSystem.write(directory + "/base.rl", "edge(a, b). edge(b, c).\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/base.rl")
        harness.enter("path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n?- path(a, X).")
        harness.enter("late(D) :- today(D), D > 2026-03-15.")
        harness.enter(":at 2026-04-01")
        let question = "?- path(X, Y), late(D)."
        let expected = harness.enter(question).output
        let saved = directory + "/session.rl"
        #expect(harness.enter(":save \(saved)").errors.isEmpty)
        let script = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(script.contains(":load \(directory)/base.rl\n"))
        #expect(!script.contains("?- path(a, X)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["base.rl", "session.rl"])

        let replay = ConsoleHarness(today: "2020-01-01")
        replay.enter(":load \(saved)")
        #expect(replay.errors.isEmpty)
        #expect(replay.enter(question).output == expected)
        #expect(expected.contains("3 answers"))
    }

    @Test func aFailedSaveKeepsTheOldFile() throws {
        let directory = try Self.temporaryDirectory()
        let harness = ConsoleHarness()
        let result = harness.enter(":save \(directory)/missing/dir/session.rl")
        #expect(result.errors.contains("error: not saved: cannot create"))
        #expect(result.errors.contains("No such file or directory"))
        let fileInTheWay = directory + "/session.rl"
        try FileSystem.write(fileInTheWay, "old\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: directory)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory) }
        if getuid() != 0 {  // root writes anywhere
            #expect(harness.enter(":save \(fileInTheWay)").errors.contains("not saved"))
        }
        #expect(try String(contentsOfFile: fileInTheWay, encoding: .utf8) == "old\n")
    }

    @Test func importsLoadFirstAndCyclesAreErrors() throws {
        let directory = try Self.temporaryDirectory()
        try FileSystem.write(directory + "/base.rl", "company(acme).\n")
        try FileSystem.write(directory + "/use.rl", "big(C) :- company(C).\n:load base.rl\n?- big(C).\n")
        let harness = ConsoleHarness()
        let loaded = harness.enter(":load \(directory)/use.rl")
        #expect(loaded.errors.isEmpty)  // no "undefined company/1" warning: the import came first
        #expect(loaded.output.hasSuffix("C\n----\nacme\n1 answer\n"))

        try FileSystem.write(directory + "/a.rl", ":load b.rl\np(a).\n")
        try FileSystem.write(directory + "/b.rl", ":load a.rl\nq(b).\n")
        let cycle = ConsoleHarness()
        let result = cycle.enter(":load \(directory)/a.rl")
        #expect(result.errors.contains("error: ':load' cycle: "))
        #expect(cycle.session.program.clauses.isEmpty && cycle.session.program.facts.isEmpty)
    }

    @Test func commandsThatWriteOrDiscardAreRefusedInFiles() throws {
        let directory = try Self.temporaryDirectory()
        try FileSystem.write(directory + "/sneaky.rl", "p(a).\n:save \(directory)/written.rl\n:at 2026-05-01\n")
        let harness = ConsoleHarness()
        let result = harness.enter(":load \(directory)/sneaky.rl")
        #expect(result.errors.contains("sneaky.rl:2:1: error: ':save' works only at the prompt, not in a file"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/written.rl"))
        // Refused whole, as a file with any other error is: its date and facts do not land.
        #expect(result.output.contains("nothing loaded: the session is as it was"), "\(result)")
        #expect(harness.session.today != Value.parse("2026-05-01"))
        #expect(harness.session.program.factCount == 0)
        // `redline check` says so too.
        let check = ConsoleHarness()
        check.console.check(paths: [directory + "/sneaky.rl"])
        #expect(check.errors.contains("':save' works only at the prompt, not in a file"), "\(check.errors)")
    }

    @Test func unknownCommandsSuggestTheClosest() {
        let harness = ConsoleHarness()
        let result = harness.enter(":relaod")
        #expect(result.errors.contains("error: unknown command ':relaod'"))
        #expect(result.errors.contains("did you mean ':reload'?"))
        #expect(harness.enter(":help whyy").errors.contains("did you mean 'why'?"))
        #expect(harness.enter(":help :load").output.hasPrefix(":load FILE...\n"))
        #expect(harness.enter(":set colour on").errors.contains("unknown setting 'colour'"))
        harness.enter(":quit")
        #expect(harness.console.quitRequested)
    }

    @Test func listAndPredsShowWhereThingsComeFrom() {
        let harness = ConsoleHarness()
        harness.enter("p(a).\np(b).\nq(X) :-\n    p(X).")
        #expect(harness.enter(":list q").output == "where        clause\n-----------  -------------\n<input 1>:3  q(X) :- p(X).\n")
        #expect(harness.enter(":list p/2").errors.contains("no facts or rules for 'p/2'"))
        #expect(harness.enter(":preds").output == """
            predicate  facts  rules  tuples
            ---------  -----  -----  ------
            p/1        2      0      2
            q/1        0      1      2

            """)
    }

    @Test func settingsChangeFormatAndRowLimit() {
        let harness = ConsoleHarness()
        harness.enter("n(1). n(2). n(3). n(4). n(5).")
        harness.enter(":set rows 2")
        #expect(harness.enter("?- n(X).").output == "?- n(X).\nX\n-\n1\n2\n… 3 more rows not shown (:set rows all shows every row)\n5 answers\n")
        harness.enter(":set format json")
        #expect(harness.enter("?- n(5).").output == #"{"kind":"query","query":"n(5)","answer":true}"# + "\n")
        #expect(harness.enter(":set format yaml").output.contains(#""message":"unknown format 'yaml'; use text, json, markdown or dot""#))
        harness.enter(":set format markdown")
        harness.enter(":set rows all")
        #expect(harness.enter("?- n(X), X > 3.").output == "`?- n(X), X > 3.`\n\n| X |\n|---|\n| 4 |\n| 5 |\n\n_2 answers_\n\n")
        harness.enter(":timing on")
        #expect(harness.enter("?- n(1).").errors.hasPrefix("time: "))
    }

    /// After `:at` (or `use`, `assume`) the next question borrows from the
    /// model before what the change cannot reach, and answers as evaluation
    /// from scratch does (the verifying mode compares); after a change of
    /// the program nothing is borrowed.
    @Test func aNewDateReusesWhatTheDateCannotChange() {
        let harness = ConsoleHarness()
        let session = harness.session
        session.verifyWorlds = true
        harness.enter((0..<400).map { "e(\($0), \(($0 * 7) % 400))." }.joined(separator: " ")
            + "\nbig(X, Z) :- e(X, Y), e(Y, Z).\ndue(X) :- e(X, _), today(D), D > 2026-06-01.")
        harness.enter(":at 2026-05-01")
        #expect(harness.enter("?- X = count : { due(A) }.").output.contains("\n0\n"))
        harness.enter(":at 2026-07-01")
        var before = session.evaluationTuples
        let later = harness.enter("?- X = count : { due(A) }.")
        #expect(later.output.contains("\n400\n") && later.errors.isEmpty, "\(later)")
        #expect(session.evaluationTuples - before <= 401, "\(session.evaluationTuples - before) tuples evaluated")
        // The whole model, then another date: the same.
        harness.enter("?- X = count : { big(A, B) }.")
        harness.enter("assume not e(0, 0).")
        before = session.evaluationTuples
        #expect(harness.enter("?- X = count : { big(A, B) }.").errors.isEmpty)
        harness.enter("e(1000, 1001).")
        before = session.evaluationTuples
        // 400 sources, less 0 (its one edge retracted by the assumption), plus 1000.
        #expect(harness.enter("?- X = count : { due(A) }.").output.contains("\n400\n"))
        #expect(session.evaluationTuples - before > 401, "a changed program borrows nothing")
    }

    /// `:timing` shows the program's evaluation apart from the statement's
    /// own work, on the statement that evaluated, and not again after.
    @Test func timingShowsTheEvaluationApartAndOnce() throws {
        let harness = ConsoleHarness()
        harness.enter((0..<300).map { "e(\($0), \($0 + 1))." }.joined(separator: " ") + "\npath(X, Y) :- e(X, Y).\npath(X, Z) :- path(X, Y), e(Y, Z).")
        harness.enter(":timing on")
        // No constant in the atom: the dependency cone is evaluated, and kept.
        let first = harness.enter("?- path(X, Y), Y = 300.").errors
        let parts = try #require(first.wholeMatch(of: /time: ([0-9.]+) ms: evaluating the program ([0-9.]+) ms \((\d+) tuples\), the statement ([0-9.]+) ms\n/), "\(first)")
        let (total, evaluation, own) = (Double(parts.1)!, Double(parts.2)!, Double(parts.4)!)
        #expect(Swift.abs(total - evaluation - own) < 0.02, "\(first)")
        #expect(Int(parts.3)! > 45_000, "the closure of 300 edges: \(first)")
        let second = harness.enter("?- path(7, 8).").errors
        #expect(second.wholeMatch(of: /time: [0-9.]+ ms\n/) != nil, "the cone is kept: \(second)")
    }

    @Test func tablesFitTheWidth() {
        let options = RenderOptions(width: 30)
        let harness = ConsoleHarness(options: options)
        harness.enter("note(short, \"a rather long sentence that cannot fit in thirty columns\").")
        let output = harness.enter("?- note(K, Text).").output
        for line in output.split(separator: "\n") { #expect(line.count <= 30, "\(line)") }
        #expect(output.contains("…"))
    }

    @Test func theBundledScenarioLoadsByName() {
        let harness = ConsoleHarness()
        let result = harness.enter(":load bundled:ultimatum.rl")
        #expect(result.errors.isEmpty)
        #expect(harness.session.program.factCount > 0)
        #expect(harness.enter(":load bundled:nothing.rl").errors.contains("cannot read 'bundled:nothing.rl'"))
    }

    @Test func anInterruptedEvaluationLeavesTheSessionAsItWas() {
        let harness = ConsoleHarness()
        harness.enter("n(0).\nn(M) :- n(K), K < 100, M = K + 1.")
        let labels = harness.session.undoLabels
        harness.session.limits.isCancelled = { true }
        let stopped = harness.enter("?- n(100).")
        #expect(stopped.errors.contains("error: evaluation interrupted; the session is as it was"))
        #expect(harness.session.undoLabels == labels)
        harness.session.limits.isCancelled = { false }
        #expect(harness.enter("?- n(100).").output.hasSuffix("yes\n"))
    }
}

/// Tab completion from the text before the cursor.
@Suite struct CompletionTests {
    let session: Session = {
        let session = Session(today: Value.parse("2026-03-02")!)
        _ = session.load(SourceFile(path: "t.rl", text: """
            .decl contract(id: symbol, buyer: symbol)
            contract(defense_pilot, pentagon). contract(cloud_deal, navy).
            contract_lost(K) :- contract(K, pentagon).
            """))
        return session
    }()

    func complete(_ line: String, pending: String = "") -> [String] {
        Completer.complete(line: line, pending: pending, session: session).candidates
    }

    /// A lever that holds no fact yet completes with the constants a flip search may put in its columns.
    @Test func constantsInsideALeverAtom() {
        let session = Session(today: Value.parse("2026-03-02")!)
        _ = session.load(SourceFile(path: "t.rl", text: """
            .lever shares(city: symbol, data: symbol)
            city(harborview). data(plates).
            flagged(C) :- city(C), shares(C, plates).
            """))
        #expect(Completer.complete(line: "what if shares(har", session: session).candidates == ["harborview"])
        #expect(Completer.complete(line: "what if sha", session: session).candidates == ["shares"])
    }

    @Test func commandsAndTheirArguments() {
        #expect(complete(":lo") == [":load"])
        #expect(complete(":re") == [":reload", ":replay", ":reset"])
        #expect(complete(":set format m") == ["markdown"])
        #expect(complete(":timing o") == ["off", "on"])
        #expect(complete(":help what") == ["what if", "what matters for", "what moves", "what would flip"])
        #expect(complete(":list contract_") == ["contract_lost"])
    }

    @Test func predicatesStatementsConstantsAndVariables() {
        #expect(complete("?- contr") == ["contract", "contract_lost"])
        #expect(complete("wh") == ["what if", "what matters for", "what moves", "what would flip", "why", "why likely", "why not"])
        #expect(complete("p(X) :- contract(X, Y), no") == ["not"])
        #expect(complete("?- contract(d") == ["defense_pilot"])
        #expect(complete("?- contract(K, ") == ["navy", "pentagon"])
        #expect(complete("?- contract(Key, Buyer), X = K") == ["Key"])
        #expect(complete("  contract(", pending: "p(X) :-\n") == ["cloud_deal", "defense_pilot"])
        #expect(complete("use b") == ["baseline"])
    }

    @Test func fileNamesAfterLoad() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/workshop.rl", "")
        try FileSystem.write(directory + "/work/inner.rl", "")
        #expect(complete(":load \(directory)/wor") == ["\(directory)/work/", "\(directory)/workshop.rl"])
    }
}
