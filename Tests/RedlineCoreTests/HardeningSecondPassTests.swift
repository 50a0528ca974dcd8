import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Hardening, second pass: a participant's file cannot reach the
/// facilitator's terminal with a control character, a fan-out of `:load`
/// lines loads each file once, and did-you-mean stays linear. Each case
/// failed (or ran for minutes) before its fix.
@Suite struct HardeningSecondPassTests {
    let hardening = HardeningTests()

    @Test(arguments: [
        (".say q(X) \"x\\u{1b}]0;PWNED\\u{7} {X}\"\nq(a).", "error: control character U+001B in a string"),
        ("sentence(s1, \"\\u{1b}[2J\").", "error: control character U+001B in a string"),
        ("assumption(a, \"bell\\u{7}\").", "error: control character U+0007 in a string"),
        ("q(\"a\u{1B}[2Jb\").", "error: control character U+001B in a string"),
        ("q(\"csi \u{9B}2J\").", "error: control character U+009B in a string"),
        ("q(\"del \\u{7f}\").", "error: control character U+007F in a string"),
        ("q(a). % a comment \u{1B}[2J", "error: control character U+001B in a comment"),
        ("p(X) :- q(X), /* \u{1B}]0;title\u{7} */ q(X).", "error: control character U+001B in a comment"),
    ])
    func aControlCharacterFromAFileIsAnError(source: String, message: String) {
        hardening.expectRefused(source, message)
    }

    @Test func newlinesTabsAndReturnsInStringsStillWork() throws {
        #expect(try answers("q(\"a\\tb\\nc\\rd\").\n?- q(X).\n") == [["\"a\\tb\\nc\\rd\""]])
    }

    @Test func aControlCharacterInACSVCellIsAnError() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/rows.csv", "name\nok\n\"x\u{1B}[2J\"\n")
        let (session, errors) = hardening.load(".decl row(name: string)\n.input row \"rows.csv\"\n", at: directory + "/a.rl")
        #expect(errors.contains("rows.csv:3:3: error: control character U+001B in CSV file 'rows.csv'"), "\(errors)")
        #expect(!errors.contains("\u{1B}"))
        #expect(session.program.facts.isEmpty)
    }

    @Test func tabCompletionOffersNoFileNameWithAControlCharacter() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/clean.rl", "p(a).\n")
        try FileSystem.write(directory + "/c\u{1B}[2J.rl", "p(a).\n")
        let candidates = Completer.complete(line: ":load \(directory)/c", session: Session(today: .date(0))).candidates
        #expect(candidates == ["\(directory)/clean.rl"])
    }

    /// Fifteen files, each naming the next twice: 2^15 loads before.
    @Test func aFanOutOfLoadLinesLoadsEachFileOnce() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        for i in 0..<15 { try FileSystem.write(directory + "/c\(i).rl", ":load c\(i + 1).rl c\(i + 1).rl\nf\(i)(1).\n") }
        try FileSystem.write(directory + "/c15.rl", "f15(1).\n")
        // A diamond: both sides name the same file, loaded once.
        try FileSystem.write(directory + "/top.rl", ":load left.rl right.rl\n")
        try FileSystem.write(directory + "/left.rl", ":load shared.rl\nl(1).\n")
        try FileSystem.write(directory + "/right.rl", ":load shared.rl\nr(1).\n")
        try FileSystem.write(directory + "/shared.rl", "s(1).\n")
        let session = Session(today: .date(0))
        let loaded = session.load(path: directory + "/c0.rl")
        #expect(loaded.accepted && session.program.factCount == 16 && session.program.files.count == 16, "\(session.program.factCount)")
        let diamond = Session(today: .date(0))
        #expect(diamond.load(path: directory + "/top.rl").accepted)
        #expect(diamond.program.factCount == 3 && diamond.program.files.count == 4)
        // A cycle is still an error.
        try FileSystem.write(directory + "/a.rl", ":load b.rl\n")
        try FileSystem.write(directory + "/b.rl", ":load a.rl\n")
        let cycle = Session(today: .date(0)).load(path: directory + "/a.rl")
        #expect(DiagnosticRenderer.render(cycle.diagnostics).contains("':load' cycle"))
    }

    /// 10,000 rules, each reading a relation nothing defines, among 10,000
    /// defined names: every pair was compared (about 7 minutes in a debug
    /// build). Suggestions now share a budget of names compared.
    @Test func didYouMeanOnThousandsOfUndefinedNamesStaysLinear() {
        let text = (0..<10_000).map { "r\($0)(X) :- q\($0)(X)." }.joined(separator: "\n")
        let found = diagnostics(text)
        #expect(found.count { $0.message.hasPrefix("no fact or rule defines") } == 10_000)
        // Within the budget, a typo still gets its suggestion.
        let typo = DiagnosticRenderer.render(diagnostics("keeps(a, b).\nr(X) :- keep(X, _).\n"))
        #expect(typo.contains("did you mean 'keeps'?"))
    }
}

extension HardeningSecondPassTests {
    @Test func aFileMayNotReloadAndSaysWhenItRedefinesAScenario() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/reload.rl", ":reload\n")
        try FileSystem.write(directory + "/scenarios.rl", "scenario s: not c(k1).\n")
        let harness = ConsoleHarness()
        harness.enter("c(k1). c(k2).")
        harness.enter("scenario s: c(k9).")
        #expect(harness.enter(":load \(directory)/reload.rl").errors.contains("':reload' works only at the prompt, not in a file"))
        #expect(harness.enter(":load \(directory)/scenarios.rl").output.contains("scenario s redefined: 1 intervention"))
    }
}

extension HardeningSecondPassTests {
    /// A FIFO named by `.input` blocked the load for good, `--timeout` included.
    @Test func inputRefusesWhatIsNotARegularFile() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        #expect(mkfifo(directory + "/rows.csv", 0o600) == 0)
        let (session, errors) = hardening.load(".decl row(name: symbol)\n.input row \"rows.csv\"\n", at: directory + "/a.rl")
        #expect(errors.contains("is not a regular file (a pipe, a device or a socket)"), "\(errors)")
        #expect(session.program.facts.isEmpty)
    }
}

extension HardeningSecondPassTests {
    /// Division is exact, or rounded half to even at 12 digits, as
    /// documented: 400 random divisions against Python's `decimal`. Before,
    /// a divisor with many digits cost the quotient digits (2 / 3.0000000001
    /// gave 0.66666667).
    @Test func divisionAgreesWithPythonsDecimal() throws {
        var random = PropertyTests.Random(state: 20_261_203)
        func operand() -> String {
            let whole = random.below(2_000_000) - 1_000_000
            let digits = random.below(11)
            var text = String(whole)
            if digits > 0 { text += "." + (0..<digits).map { _ in String(random.below(10)) }.joined() }
            return text
        }
        var pairs: [(String, String)] = []
        while pairs.count < 400 {
            let a = operand(), b = operand()
            guard let x = Double(a), let y = Double(b), y != 0, abs(x / y) < 9e6 else { continue }
            pairs.append((a, b))
        }
        let script = """
            import decimal, sys
            decimal.getcontext().prec = 80
            for line in sys.stdin:
                a, b = line.split()
                q = (decimal.Decimal(a) / decimal.Decimal(b)).quantize(decimal.Decimal("1e-12"), rounding=decimal.ROUND_HALF_EVEN)
                print(format(q.normalize(), "f") if q != 0 else "0")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(pairs.map { "\($0.0) \($0.1)\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let expected = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
        process.waitUntilExit()
        try #require(expected.count == pairs.count, "python3 answered \(expected.count) of \(pairs.count)")
        var differing: [String] = []
        for ((a, b), python) in zip(pairs, expected) {
            guard let x = Exact(parsing: Substring(a)), let y = Exact(parsing: Substring(b)), let q = x / y else {
                differing.append("\(a) / \(b): no quotient")
                continue
            }
            if q.decimalString != python { differing.append("\(a) / \(b) = \(q), Python \(python)") }
        }
        #expect(differing.isEmpty, "\(differing.count) of 400 differ: \(differing.prefix(5))")
    }
}

extension HardeningSecondPassTests {
    /// Values that printed as something else: a date past 9999, and money
    /// at the most negative 64-bit value. Options took `0x10` as 16.
    @Test func valuesPrintAsTheyReadBackAndOptionsArePlainNumbers() throws {
        let session = Session(today: .date(0))
        for (query, message) in [("?- X = 9999-12-31 + 1d.", "dates run from 0001-01-01 to 9999-12-31"),
                                 ("?- X = 0001-01-01 - 1d.", "dates run from 0001-01-01 to 9999-12-31"),
                                 ("?- X = 9999-12-31T12:00 + 12h.", "dates run from 0001-01-01 to 9999-12-31"),
                                 ("?- X = -$9223372036854775807 - $1.", "overflow")] {
            let loaded = session.load(SourceFile(path: "q.rl", text: query))
            let outcome = session.execute(loaded.statements[0])
            #expect(outcome.result == nil, "\(query)")
            #expect(DiagnosticRenderer.render(outcome.diagnostics).contains(message), "\(query): \(DiagnosticRenderer.render(outcome.diagnostics))")
        }
        #expect(try answers("?- X = 9999-12-30 + 1d.\n") == [["9999-12-31"]])
        for bad in ["0x10", "1e3", "inf", "1.5s", "", ".5", "2."] { #expect(EvaluationLimits.parseTimeout(bad) == nil, "\(bad)") }
        #expect(EvaluationLimits.parseTimeout("1.5") == .milliseconds(1500))
        #expect(EvaluationLimits.parseTimeout("2") == .seconds(2))
    }
}

extension HardeningSecondPassTests {
    /// `:save` replaced whatever was at the path: a symbolic link, a device,
    /// a read-only file (whose mode became 0644).
    @Test func saveReplacesOnlyAWritableRegularFileAndKeepsItsMode() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/target.rl", "kept.\n")
        #expect(symlink(directory + "/target.rl", directory + "/link.rl") == 0)
        try FileSystem.write(directory + "/readonly.rl", "kept.\n")
        #expect(chmod(directory + "/readonly.rl", 0o444) == 0)
        try FileSystem.write(directory + "/private.rl", "old.\n")
        #expect(chmod(directory + "/private.rl", 0o600) == 0)
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        #expect(harness.enter(":save \(directory)/link.rl").errors.contains("it is not a regular file"))
        #expect(harness.enter(":save /dev/null").errors.contains("it is not a regular file"))
        #expect(harness.enter(":save \(directory)/readonly.rl").errors.contains("it is read-only"))
        #expect(try String(contentsOfFile: directory + "/target.rl", encoding: .utf8) == "kept.\n")
        #expect(try String(contentsOfFile: directory + "/readonly.rl", encoding: .utf8) == "kept.\n")
        #expect(harness.enter(":save \(directory)/private.rl").errors.isEmpty)
        var info = stat()
        #expect(stat(directory + "/private.rl", &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: directory + "/private.rl", encoding: .utf8).contains("p(a)."))
    }
}

/// Loading has the budgets of evaluation: Ctrl-C, `--timeout` and
/// `--max-memory` stop it with nothing loaded; errors are held to a hundred
/// whatever the input; thirty `.input` lines naming one CSV read it once.
extension HardeningSecondPassTests {
    /// A load flag that turns true after `polls` polls (Ctrl-C mid-load).
    final class Interrupter: @unchecked Sendable {
        private var left: Int
        init(after polls: Int) { left = polls }
        func poll() -> Bool { left -= 1; return left < 0 }
    }

    static let manyFacts = (0..<200_000).map { "c(k\($0), 2026-03-\(String(format: "%02d", $0 % 28 + 1)), $\($0).50)." }
        .joined(separator: "\n") + "\n"

    @Test func ctrlCDuringALoadLoadsNothing() {
        let session = Session(today: .date(0))
        #expect(session.load(SourceFile(path: "first.rl", text: "p(1).\n")).accepted)
        let interrupter = Interrupter(after: 3)
        session.limits = EvaluationLimits(isCancelled: { interrupter.poll() })
        let result = session.load(SourceFile(path: "big.rl", text: HardeningSecondPassTests.manyFacts))
        #expect(DiagnosticRenderer.render(result.diagnostics) == "redline: error: loading 'big.rl' was interrupted; nothing of it was loaded\n")
        #expect(session.program.factCount == 1 && session.sources.count == 1)
    }

    @Test func aLoadCountsTowardTheTimeout() {
        let session = Session(today: .date(0))
        session.limits = EvaluationLimits(timeout: .milliseconds(1))
        let result = session.load(SourceFile(path: "big.rl", text: HardeningSecondPassTests.manyFacts))
        #expect(DiagnosticRenderer.render(result.diagnostics)
                == "redline: error: loading 'big.rl' stopped after the time limit of 0.001 s (--timeout); nothing of it was loaded\n")
        #expect(session.program.factCount == 0)
        // The limit is the statement's: the next load has a budget of its own.
        session.limits.timeout = .seconds(60)
        #expect(session.load(SourceFile(path: "small.rl", text: "p(1).\n")).accepted)
    }

    @Test func aLoadStopsAtTheMemoryLimit() {
        // A limit below what any process holds (the options take 64M at least).
        let session = Session(today: .date(0))
        session.limits = EvaluationLimits(maxMemory: 1 << 20)
        let result = session.load(SourceFile(path: "big.rl", text: HardeningSecondPassTests.manyFacts))
        #expect(DiagnosticRenderer.render(result.diagnostics)
                == "redline: error: loading 'big.rl' stopped: more than 1 MiB of memory in use (--max-memory); nothing of it was loaded\n")
        #expect(session.program.factCount == 0)
        // Evaluation stops there too, with the session as it was.
        session.limits.maxMemory = nil
        #expect(session.load(SourceFile(path: "e.rl", text: "e(1, 2). e(2, 3).\np(X, Y) :- e(X, Y).\n")).accepted)
        session.limits.maxMemory = 1 << 20
        let query = Parser.parse(SourceFile(path: "q.rl", text: "?- p(X, Y).")).statements[0]
        let outcome = session.execute(query)
        #expect(outcome.diagnostics.first?.message
                == "more than 1 MiB of memory in use; stopped (raise the limit with --max-memory or :set max-memory); the session is as it was")
    }

    @Test func memorySizesAreParsedAsWritten() {
        #expect(EvaluationLimits.parseMemory("512M") == 512 << 20)
        #expect(EvaluationLimits.parseMemory("4G") == 4 << 30)
        #expect(EvaluationLimits.parseMemory("4GiB") == 4 << 30)
        #expect(EvaluationLimits.parseMemory("\(1 << 30)") == 1 << 30)
        for bad in ["", "G", "1M", "4.5G", "0x10G", "-4G", "4 G", "99999999999999999999G", "4X"] {
            #expect(EvaluationLimits.parseMemory(bad) == nil, "\(bad)")
        }
        #expect(EvaluationLimits.bytes(12 << 30) == "12 GiB" && EvaluationLimits.bytes(1536 << 20) == "1.5 GiB")
    }

    /// 16 MB of `[` took 4 GB: every bad byte kept a message until the end.
    @Test func aFileOfMillionsOfBadBytesHoldsAHundredMessages() {
        let text = String(repeating: "[", count: 200_000)
        let (_, lexical) = Lexer.tokenize(SourceFile(path: "b.rl", text: text))
        #expect(lexical.count == Parser.maxDiagnostics + 1)
        let parsed = Parser.parse(SourceFile(path: "b.rl", text: text))
        #expect(parsed.diagnostics.count == Parser.maxDiagnostics + 1)
        #expect(parsed.diagnostics.last?.message == "199900 more syntax errors from here on not shown; is this a text file of clauses?")
        // A CSV file of bad rows likewise.
    }

    @Test func aCSVFileOfBadRowsHoldsAHundredMessages() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/rows.csv", "n\n" + String(repeating: "x\n", count: 5_000))
        let (_, errors) = hardening.load(".decl row(n: number)\n.input row \"rows.csv\"\n", at: directory + "/a.rl")
        #expect(errors.components(separatedBy: "error: column 'n'").count - 1 == CSVInput.maxErrors)
        #expect(errors.contains("4900 more errors in 'rows.csv' after this one not shown"), "\(errors.suffix(300))")
    }

    /// Thirty `.input` lines naming one 15 MB CSV took 2.7 GB and 42 s.
    @Test func aCSVFileNamedByManyInputLinesIsReadOnce() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/rows.csv", "n\n1\n2\n")
        let text = ".decl row(n: number)\n" + String(repeating: ".input row \"rows.csv\"\n", count: 30)
        let (session, errors) = hardening.load(text, at: directory + "/a.rl")
        #expect(errors.isEmpty, "\(errors)")
        #expect(session.program.files.count == 2 && session.program.factCount == 2)
    }

    /// A ten-year timeline of a heavy relation ran past a minute whatever the
    /// limits. (The date goes through arithmetic, so every day is evaluated:
    /// with `today(D)` alone the answer could not change and one day would do.
    /// The counted tuples are each day's own: `path`, which does not read the
    /// date, is evaluated once and lent to the later days.)
    @Test func aTimelineSharesTheTupleLimitOverItsDays() {
        let session = Session(today: .date(0))
        let edges = (0..<40).map { "e(\($0), \($0 + 1))." }.joined(separator: " ")
        #expect(session.load(SourceFile(path: "t.rl", text: edges + "\npath(X, Y) :- e(X, Y).\npath(X, Z) :- path(X, Y), e(Y, Z).\nfar(X, Y) :- path(X, Y), today(D), D2 = D + 1d, D2 > 2020-01-01.\n")).accepted)
        session.limits.maxTuples = 10_000
        let result = runScript("timeline far(X, Y) from 2026-01-01 to 2026-12-31.", in: session)
        #expect(result.errors.contains("'timeline' derived more than 10000 tuples over its days; stopped at 2026-01-"), "\(result.errors)")
    }
}

/// A loaded file's `use` and `assume` act on a world of the file's own: a
/// participant's `assume not contract(...)` emptied the facilitator's
/// outcomes after loading, and its `use` took effect.
extension HardeningSecondPassTests {
    @Test func aFilesUseAndAssumeStayInsideTheFile() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", "c(k1). c(k2).\nscenario s: not c(k1).\n")
        try FileSystem.write(directory + "/participant.rl", "use s.\nassume not c(k2).\n?- c(X).\n")
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/kb.rl")
        harness.enter("assume c(k3).")
        let loaded = harness.enter(":load \(directory)/participant.rl")
        // The file's own query ran in the file's world...
        #expect(loaded.output.contains("no answers"), "\(loaded)")
        // ...and the session's world is as before.
        #expect(harness.session.worldName == "baseline")
        #expect(harness.enter("?- c(X).").output.contains("k1\nk2\nk3\n3 answers"))
        // `:undo` takes back the load as one step, world included.
        harness.enter(":undo")
        #expect(harness.enter("?- c(X).").output.contains("3 answers"))
    }

    @Test func aFileMayNotRedefineTheScenarioInUse() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/redefine.rl", "scenario s: not c(k2).\nscenario t: not c(k1).\n")
        let harness = ConsoleHarness()
        harness.enter("c(k1). c(k2).")
        harness.enter("scenario s: not c(k1).")
        harness.enter("use s.")
        let loaded = harness.enter(":load \(directory)/redefine.rl")
        #expect(loaded.errors.contains("error: scenario s is the session's current world; a file may not redefine it"), "\(loaded)")
        #expect(harness.enter("?- c(X).").output.contains("k2\n1 answer"))
        // Another scenario is defined as ever.
        #expect(harness.session.scenario(named: "t") != nil)
    }

    @Test func eachScriptOfARunHasAWorldOfItsOwn() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        try FileSystem.write(directory + "/kb.rl", "c(k1). c(k2).\nscenario s: not c(k1).\n")
        try FileSystem.write(directory + "/a.rl", "use s.\n?- c(X).\n")
        try FileSystem.write(directory + "/b.rl", "?- c(X).\n")
        let harness = ConsoleHarness()
        #expect(harness.console.load(paths: [directory + "/kb.rl"]))
        harness.console.runScripts(paths: [directory + "/a.rl", directory + "/b.rl"])
        #expect(harness.output.contains("k2\n1 answer") && harness.output.contains("k1\nk2\n2 answers"), "\(harness.output)")
    }
}
