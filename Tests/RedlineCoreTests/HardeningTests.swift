import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Hostile or broken input: each class gets its own clear error, with a
/// location where there is one, and leaves the session as it was.
@Suite struct HardeningTests {
    /// What a failed entry must not change.
    struct Snapshot: Equatable {
        let clauses: Int
        let files: Int
        let sources: Int
        let undo: [String]
        init(_ session: Session) {
            clauses = session.program.clauses.count + session.program.factCount
            files = session.program.files.count
            sources = session.sources.count
            undo = session.undoLabels
        }
    }

    /// Loads `source` as a file into a session that already holds `p(a).`,
    /// and checks that it is refused with `message` and changes nothing.
    func expectRefused(_ source: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        let before = Snapshot(harness.session)
        let loaded = harness.session.load(SourceFile(path: "hostile.rl", text: source))
        #expect(!loaded.accepted, sourceLocation: sourceLocation)
        let rendered = DiagnosticRenderer.render(loaded.diagnostics)
        #expect(rendered.contains(message), "\(rendered.prefix(400))", sourceLocation: sourceLocation)
        #expect(Snapshot(harness.session) == before, sourceLocation: sourceLocation)
        #expect(harness.enter("?- p(X).").output.hasSuffix("a\n1 answer\n"), sourceLocation: sourceLocation)
    }

    // MARK: - Nesting in the parser

    @Test(arguments: [
        ("p(" + String(repeating: "f(", count: 100_000) + "a" + String(repeating: ")", count: 100_000) + ").", "1:513"),
        ("p(" + String(repeating: "(", count: 100_000) + "a.", "1:258"),
        ("p(X) :- " + String(repeating: "-", count: 100_000) + "X = 1.", "1:265"),
        ("p(" + String(repeating: "1+", count: 100_000) + "1).", "1:513"),
        ("p(" + String(repeating: "1*", count: 100_000) + "1).", "1:513"),
        ("p(N) :- N = " + String(repeating: "count : { q(X), M = ", count: 20_000) + "1" + String(repeating: " }", count: 20_000) + ".", "1:5105"),
    ])
    func deepNestingIsAnErrorNotAStackOverflow(source: String, location: String) {
        expectRefused(source, "hostile.rl:\(location): error: nesting is deeper than 256 levels")
    }

    @Test func aConjunctionHasAtMostAThousandLiterals() throws {
        expectRefused("?- " + String(repeating: "p(X), ", count: 100_000) + "p(X).",
                      "hostile.rl:1:6004: error: a conjunction has more than 1000 literals; split it with intermediate rules")
        #expect(try answers("p(a).\n?- " + String(repeating: "p(X), ", count: 999) + "p(X).") == [["a"]])
    }

    @Test func nestingWithinTheLimitParses() throws {
        let term = String(repeating: "f(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(try answers("p(\(term)).\n?- p(X).").count == 1)
    }

    // MARK: - Limits during evaluation

    @Test func termsDerivedWithoutEndStopAtTheDepthLimit() {
        let result = runScript("n(z).\nn(s(X)) :- n(X).\n?- n(z).\n")
        #expect(result.errors.contains("test.rl:2:1: error: a derived term nests deeper than 256 levels; does a rule build terms without end?"))
        #expect(result.status == .inputErrors)
    }

    @Test func tooManyTuplesStopsEvenInsideOneRound() {
        let harness = ConsoleHarness()
        harness.session.limits.maxTuples = 10_000
        harness.enter("n(0).\nn(X) :- n(Y), X = Y + 1, X < 500.")
        // A query's own answers count: 125,000,000 rows would not fit.
        let answers = harness.enter("?- n(X), n(Y), n(Z).")
        #expect(answers.errors.contains("error: more than 10000 tuples derived; stopped (raise the limit with --max-tuples or :set max-tuples)"))
        // 250,000 pairs in a single round of a non-recursive rule (asked
        // without constants in the atom: `pair(1, 2)` is goal-directed and
        // derives one pair).
        let cross = harness.enter("pair(X, Y) :- n(X), n(Y).\n?- pair(X, Y), X = 1, Y = 2.")
        #expect(cross.errors.contains("error: more than 10000 tuples derived"))
        #expect(harness.enter("?- pair(1, 2).").output.contains("yes"))
        #expect(harness.enter(":set max-tuples 1_000_000").output == "max-tuples is 1_000_000\n")
        #expect(harness.enter("?- pair(X, Y), X = 1, Y = 2.").output.contains("1 answer"))
    }

    @Test func aTimeoutStopsTheStatementAndTheSessionStaysUsable() {
        let harness = ConsoleHarness()
        harness.enter(":set timeout 0.2")
        harness.enter("n(0).\nn(X) :- n(Y), X = Y + 1, X < 100000000.")
        let clock = ContinuousClock()
        let started = clock.now
        let result = harness.enter("?- n(99999999).")
        #expect(result.errors.contains("error: stopped after the time limit of 0.2 s (--timeout); the session is as it was"))
        #expect(clock.now - started < .seconds(30))
        // The rule stays (loading it succeeded); undoing it makes the program cheap again.
        harness.enter(":undo")
        harness.enter("n(0).")
        #expect(harness.enter("?- n(0).").output.contains("yes"))
    }

    @Test func filesCannotLiftTheLimits() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        for setting in [":set max-tuples 999999999999", ":set timeout off"] {
            try FileSystem.write(directory + "/limits.rl", "p(a).\n\(setting)\n")
            let harness = ConsoleHarness()
            harness.enter(":set timeout 5")
            let result = harness.enter(":load \(directory)/limits.rl")
            #expect(result.errors.contains("works only at the prompt or on the command line, not in a file"))
            #expect(harness.session.limits.maxTuples == EvaluationLimits.defaultMaxTuples)
            #expect(harness.session.limits.timeout == .seconds(5))
        }
        // Typed, the same line works.
        let harness = ConsoleHarness()
        #expect(harness.enter(":set max-tuples 5").output == "max-tuples is 5\n")
    }

    @Test func messagesNeverCarryControlCharacters() {
        let harness = ConsoleHarness()
        let result = harness.enter(":set rows \u{1B}[2J")
        #expect(result.errors.contains("not '�[2J'"))
        #expect(!result.errors.contains("\u{1B}"))
    }

    @Test func badLimitValuesAreRefused() {
        let harness = ConsoleHarness()
        #expect(harness.enter(":set max-tuples lots").errors.contains("':set max-tuples' needs a positive number, not 'lots'"))
        #expect(harness.enter(":set timeout -1").errors.contains("':set timeout' needs a number of seconds or 'off', not '-1'"))
        #expect(EvaluationLimits.parseTimeout("2.5s") == nil && EvaluationLimits.parseTimeout("2.5") == .milliseconds(2500))
        #expect(EvaluationLimits.parseTimeout("0") == nil)
    }

    // MARK: - Sizes

    @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        let path = directory + "/huge.rl"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(FileReading.maxFileSize + 1))  // sparse: no disk used
        try handle.close()
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        let before = Snapshot(harness.session)
        let result = harness.enter(":load \(path)")
        #expect(result.errors.contains("huge.rl': is larger than \(FileReading.maxFileSize >> 20) MiB, the limit for one file"))
        #expect(Snapshot(harness.session) == before)
    }

    @Test func aLineOverTheLengthLimitIsRefused() {
        expectRefused("p(a).\nq(\"" + String(repeating: "x", count: Parser.maxLineLength) + "\").\n",
                      "hostile.rl:2:1: error: line 2 is \(Parser.maxLineLength + 6) bytes long; the limit for one line is")
    }

    @Test func longLinesAndNamesWithinTheLimitsWork() throws {
        let name = "c" + String(repeating: "x", count: 200_000)
        #expect(try answers("p(\(name)).\n?- p(X).") == [[name]])
    }

    @Test func errorExcerptsOfLongLinesShowAWindowAroundTheSpan() {
        let source = "p(" + String(repeating: "a, ", count: 300) + "#)."
        let rendered = DiagnosticRenderer.render(diagnostics(source))
        let lines = rendered.split(separator: "\n")
        #expect(lines[0] == "bad.rl:1:903: error: unexpected character '#'")
        #expect(lines[1].hasPrefix(" 1 | …") && lines[1].contains("a, #)."))
        #expect(lines[1].count < 120)
        // The caret sits under the '#'.
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let hash = lines[1].firstIndex(of: "#").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caret != nil && caret == hash)
    }

    @Test func ctrlCWhileLoadingALargeFileLoadsNothing() {
        let harness = ConsoleHarness()
        harness.enter("p(a).")
        let before = Snapshot(harness.session)
        harness.session.limits.isCancelled = { true }  // as if Ctrl-C came at once
        let facts = (0..<20_000).map { "e(\($0), \($0 + 1)).\n" }.joined()
        let loaded = harness.session.load(SourceFile(path: "big.rl", text: facts))
        #expect(DiagnosticRenderer.render(loaded.diagnostics) == "redline: error: loading 'big.rl' was interrupted; nothing of it was loaded\n")
        #expect(Snapshot(harness.session) == before)
        // Small entries never poll, so the prompt keeps working.
        #expect(harness.session.load(SourceFile(path: "small.rl", text: "q(b).")).accepted)
    }

    // MARK: - Bad bytes

    static let badBytes: [(bytes: [UInt8], message: String)] = [
        (Array("p(a).".utf8) + [0xFF] + Array("\n".utf8), "bad.rl:1:6: error: invalid UTF-8 byte 0xFF"),
        (Array("p(\"a".utf8) + [0xC3, 0x28] + Array("\").\n".utf8), "bad.rl:1:5: error: invalid UTF-8 byte 0xC3 in a string"),
        (Array("p(b".utf8) + [0xE2, 0x82] + Array(").\n".utf8), "bad.rl:1:4: error: invalid UTF-8 byte 0xE2 in a name"),
        (Array("p(a).".utf8) + [0x00] + Array("\n".utf8), "bad.rl:1:6: error: unexpected NUL byte"),
        (Array("p(\"a\\u{0}\").\n".utf8), "bad.rl:1:3: error: NUL character in string"),
        (Array("p(a). \u{1B}[2J\n".utf8), "bad.rl:1:7: error: unexpected control character U+001B"),
    ]

    @Test(arguments: HardeningTests.badBytes)
    func badBytesAreErrorsWithTheirLocation(bytes: [UInt8], message: String) {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "bad.rl", bytes: bytes))
        let rendered = DiagnosticRenderer.render(loaded.diagnostics)
        #expect(rendered.hasPrefix(message), "\(rendered)")
        #expect(!rendered.contains("\u{1B}"), "an escape character reached the terminal")
        #expect(session.program.clauses.isEmpty && session.program.facts.isEmpty)
    }

    @Test func badBytesInACSVFileAreAnErrorAtTheirLine() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        let csv = Array("name\nok\nbad".utf8) + [0xFF] + Array("\n".utf8)
        #expect(FileManager.default.createFile(atPath: directory + "/rows.csv", contents: Data(csv)))
        let (session, errors) = load(".decl row(name: symbol)\n.input row \"rows.csv\"\n", at: directory + "/a.rl")
        #expect(errors.hasPrefix("\(directory)/rows.csv:3:4: error: invalid UTF-8 byte 0xFF in CSV file 'rows.csv'"), "\(errors)")
        #expect(errors.contains("a.rl:2:1: note: read by this .input"))
        #expect(session.program.clauses.isEmpty && session.program.facts.isEmpty)
    }

    /// Found by `Scripts/fuzz syntax`: the lexer skipped each bad character
    /// by calling itself, so a run of bad bytes overflowed the stack.
    static let fuzzCrashRunOfBadBytes = [
        "JXMgYSB3CmNvbnRyYWN0KGsxLCAyMDApLgpsb3N0KEtvcmtzaDVvb290cmNvdW5OTi1OTk5OTk5OTk5OTk5OTk5OTk5OTk5haSku",
        "Cgpjb21wYXJlIGFsbCBza2VwdGljLCAKZU5OTk5OTk5OTk5OTnJhY3QoSywgViksIG5vdCBrZXB0KEssIKMpLgpyaf//////////",
        "//////////////////////8tMP//////////////////////////////////////////////////////////////////////////",
        "////////////////////////////////AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/////////y0w////////////////",
        "//////////////////////////////////////////////////////////////////////////////////////////8AAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/////////////////////////////////////////////////////////////////////",
        "/////////////////////////////////////////////////////////////////////////wAAAAAAAAAA////////////////",
        "////////////////////////////////////////////////////////////////////////////////////////////////////",
        "/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/////////////////////",
        "////////////////////////////////////////////////////////////////////////////////////////////////////",
        "/////////////////////wAAAAAAAAAA/////////////////////////////////////////////////////////////wAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP//////",
        "////////////////////////////////////////////////////////////////////////////////////////////////////",
        "////////////////////////////////////AAAAAAAAAAD/////////////////////////////////////////////////////",
        "////////////////////////////////////////////////////////////////AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP//////////////////////////////////////////////////////////",
        "////////////////////////////////////////////////////////////////////////////////////AAAAAAAAAAD/////",
        "////////////////////////////////////////////////////////////////////////////////////////////////////",
        "/////////////////////////x3/////////////////////////////////////////////////////+P////////////9TdWL/",
        "//////////////////////89PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09",
        "PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PQAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAGxvc3QoWWVjdA==",
    ].joined()

    @Test func aRunOfBadBytesIsNotAStackOverflow() throws {
        let crash = try #require(Data(base64Encoded: HardeningTests.fuzzCrashRunOfBadBytes))
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "crash.rl", bytes: Array(crash)))
        #expect(!loaded.accepted)
        let million = Array("p(a).\n".utf8) + Array(repeating: UInt8(0xFF), count: 1_000_000)
        let diagnostics = session.load(SourceFile(path: "ff.rl", bytes: million)).diagnostics
        // A hundred errors, then one that says how many more there were.
        #expect(diagnostics.count == Parser.maxDiagnostics + 1)
        #expect(diagnostics.last?.message == "999900 more syntax errors from here on not shown; is this a text file of clauses?")
        #expect(session.program.clauses.isEmpty && session.program.facts.isEmpty)
    }

    /// Found by `Scripts/fuzz console` (crash-2014a517): `parent(b, _).`
    /// passed the checker, and the evaluator force-unwrapped the value of `_`.
    static let fuzzCrashAnonymousInAFact = [
        "JSBTYW1lIGdlbmVyYXRpb246IHR3byBub2RlcyBhdCB0aGUgc2FtZSBkZXB0aCBiZWxvdyBhIGNvbW1vbiBhbmNlc3Rvci4KcGFy",
        "ZW50KHJvb3QsIGEpLiBwYXJlbnQocm9vdCwgYikuCnBhcmVudChhLCBjKS4gcGFyZW50KGEsIGQpLiBwYXJlbnQoYiwgXykuCnBh",
        "cmVudChjLCBmKS4gcGFyZW50KGUsIGcpLgoKc2coWCwgVykgOi0gcGFyZW50KFAsAV8gWCksIHBhcmVudChQLCBZKSwgWCAhPSBZ",
        "LgpzZyAsKClYWSA6LSBwYXJlbnQoUCwgWCksIHNnKFAsIFEpLCBwYXJlbnQoUSwgWSkuCgo/LSBzZyhjLCBZKS4KPy0gcyxmZygg",
        "WSkuCj8tIHNnKFgsIFkpLCBYIDwgWS4K",
    ].joined()

    @Test func anonymousVariablesInHeadsAreErrors() throws {
        let crash = try #require(Data(base64Encoded: HardeningTests.fuzzCrashAnonymousInAFact))
        let harness = ConsoleHarness()
        for line in String(decoding: crash, as: UTF8.self).split(separator: "\n") { harness.enter(String(line)) }
        #expect(harness.errors.contains("error: a fact cannot contain '_'; facts are ground"))
        #expect(DiagnosticRenderer.render(diagnostics("p(a, _).")).hasPrefix("bad.rl:1:6: error: a fact cannot contain '_'"))
        #expect(DiagnosticRenderer.render(diagnostics("p(X, f(_)) :- q(X).\nq(1).")).hasPrefix(
            "bad.rl:1:8: error: '_' cannot be in the head of a rule: every argument of what it derives needs a value"))
    }

    @Test func crlfBomAndTabsWork() throws {
        #expect(try answers("p(a).\r\nq(X) :-\r\n\tp(X).\r\n?- q(X).\r\n") == [["a"]])
        #expect(try answers("\u{FEFF}p(a).\n?- p(X).\n") == [["a"]])
        #expect(try answers("p(a,\tb).\n?-\tp(X,\tY).\n") == [["a", "b"]])
        #expect(DiagnosticRenderer.render(diagnostics("p(a).\r\nq(X) :- r(Y).\r\n")).hasPrefix("bad.rl:2:3: error:"))
    }

    // MARK: - Safe loading

    /// dir/inner/ holds the file under test; dir/ holds what it must not reach.
    func sandbox() throws -> (inner: String, outer: String) {
        let outer = try ConsoleTests.temporaryDirectory()
        let inner = outer + "/inner"
        try FileManager.default.createDirectory(atPath: inner + "/data", withIntermediateDirectories: true)
        try FileSystem.write(outer + "/secret.csv", "name\nsecret\n")
        try FileSystem.write(outer + "/secret.rl", "secret(yes).\n")
        try FileSystem.write(inner + "/data/ok.csv", "name\nok\n")
        return (inner, outer)
    }

    func load(_ text: String, at path: String, anywhere: Bool = false) -> (Session, String) {
        let session = Session(today: .date(0))
        session.allowFilesAnywhere = anywhere
        try? FileSystem.write(path, text)
        let loaded = session.load(path: path)
        return (session, DiagnosticRenderer.render(loaded.diagnostics))
    }

    @Test func inputReadsOnlyAtOrBelowTheFilesDirectory() throws {
        let (inner, _) = try sandbox()
        let decl = ".decl row(name: symbol)\n"
        let (ok, okErrors) = load(decl + ".input row \"data/ok.csv\"\n", at: inner + "/a.rl")
        #expect(okErrors.isEmpty && ok.program.factCount == 1)
        let (_, climbing) = load(decl + ".input row \"../secret.csv\"\n", at: inner + "/b.rl")
        #expect(climbing.contains("error: will not read CSV file '../secret.csv': it is outside '\(inner)/'"))
        #expect(climbing.contains("--allow-input-anywhere lifts this"))
        let (_, absolute) = load(decl + ".input row \"\(inner)/../secret.csv\"\n", at: inner + "/c.rl")
        #expect(absolute.contains("it is outside"))
        let (allowed, allowedErrors) = load(decl + ".input row \"../secret.csv\"\n", at: inner + "/d.rl", anywhere: true)
        #expect(allowedErrors.isEmpty && allowed.program.factCount == 1)
    }

    @Test func symbolicLinksOutOfTheTreeAreRefused() throws {
        let (inner, outer) = try sandbox()
        try FileManager.default.createSymbolicLink(atPath: inner + "/data/link.csv", withDestinationPath: outer + "/secret.csv")
        try FileManager.default.createSymbolicLink(atPath: inner + "/up", withDestinationPath: outer)
        let decl = ".decl row(name: symbol)\n"
        let (_, viaFile) = load(decl + ".input row \"data/link.csv\"\n", at: inner + "/a.rl")
        #expect(viaFile.contains("it is a symbolic link (or goes through one) to '"))
        #expect(viaFile.contains("secret.csv', outside"))
        let (_, viaDirectory) = load(decl + ".input row \"up/secret.csv\"\n", at: inner + "/b.rl")
        #expect(viaDirectory.contains("symbolic link"))
        // A link that stays inside is fine.
        try FileManager.default.createSymbolicLink(atPath: inner + "/data/alias.csv", withDestinationPath: inner + "/data/ok.csv")
        let (inside, insideErrors) = load(decl + ".input row \"data/alias.csv\"\n", at: inner + "/c.rl")
        #expect(insideErrors.isEmpty && inside.program.factCount == 1)
    }

    @Test func importsAreConfinedLikeInputs() throws {
        let (inner, _) = try sandbox()
        let (session, errors) = load(":load ../secret.rl\np(a).\n", at: inner + "/a.rl")
        #expect(errors.contains("error: will not load '\(inner)/../secret.rl': it is outside '\(inner)/'"))
        #expect(session.program.clauses.isEmpty && session.program.facts.isEmpty)
        let (bundled, bundledErrors) = load(":load bundled:market.rl\n", at: inner + "/b.rl")
        #expect(bundledErrors.isEmpty && bundled.program.factCount > 0)
    }

    @Test func aBundledFileNamesOnlyBundledFiles() {
        let absolute = FileReading.confinementFailure(written: "/etc/passwd", resolved: "/etc/passwd", namedIn: "bundled:ultimatum.rl")
        #expect(absolute?.reason == "a bundled file may only name other bundled files")
        let relative = FileReading.resolve("market.rl", relativeTo: "bundled:ultimatum.rl")
        #expect(relative == "bundled:market.rl")
        #expect(FileReading.confinementFailure(written: "market.rl", resolved: relative, namedIn: "bundled:ultimatum.rl") == nil)
    }

    @Test func whatTheUserTypesIsNotConfined() throws {
        let (_, outer) = try sandbox()
        let harness = ConsoleHarness()
        let typed = harness.enter(".decl row(name: symbol)\n.input row \"\(outer)/secret.csv\"\n?- row(X).")
        #expect(typed.errors.isEmpty)
        #expect(typed.output.contains("secret"))
    }

    @Test func loadingAFileNeverWritesOrEndsTheSession() throws {
        let directory = try ConsoleTests.temporaryDirectory()
        let harness = ConsoleHarness()
        try FileSystem.write(directory + "/a.rl", "p(a).\n:save \(directory)/written.rl\n:quit\n")
        let result = harness.enter(":load \(directory)/a.rl")
        #expect(result.errors.contains("':save' works only at the prompt, not in a file"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/written.rl"))
        #expect(!harness.console.quitRequested)
    }
}
