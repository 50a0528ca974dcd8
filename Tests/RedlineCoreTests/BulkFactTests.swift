import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Ground facts are read by a fast path in the lexer and stored flat in
/// tables: they must come out exactly as the general path reads them, and
/// every diagnostic about them must point where it pointed before.
@Suite struct BulkFactTests {
    /// Pieces of source, some for the fast path and many that must leave it.
    static let pieces = [
        "p(1).", "p(a).", "p(a, 2).", "p(\"s t\").", "q(x, y, z).", "p( a ,\tb ).", "p (a).",
        "p(007).", "p(123456789012345678).", "p(1234567890123456789).", "p(12345678901234567890123).",
        "p(-1).", "p(1.5).", "p($200M).", "p(2026-02-27).", "p(72h).", "p(f(a)).", "p(\"e\\n\").", "p(\"é\").",
        "p(é).", "é(a).", "P(a).", "p(X).", "p(_).", "p(a) :- q(a).", "?- p(X).", "p().", "p(a,).", "p(a b).",
        "p(a)", "p(a).decl", "p(a).5", ".decl p(x: int).", ".decl p(x: int)", "p(a /* c */).", "p(a) % c\n.",
        "p(\"unterminated).", "p(1a).", "p(a_B9).", "p(\u{7F}).", "p(\"\u{1}\").", "why(a).", "not(a).", "count(b).",
        "p(a). q(b).", "p(a).q(b).", ":load x.rl", "% comment", "/* block */", "p(a1, \"x,y\", 3).", "r.",
        // A '?' ends a question, and a stray one its own statement (fuzz syntax, crash-fa1eadb9).
        "?", "how likely p(X)?", "how likely p(a)", "0.5 :: p(a).", "0.5 :: p(a); 0.3 :: q(b).", "given p(a).", "p(a) ? q(b).",
    ]
    static let separators = [" ", "\n", "\r\n", "\t", "", "\n\n"]

    static func source(seed: UInt64) -> String {
        var random = PropertyTests.Random(state: seed)
        var text = random.chance(10) ? "\u{FEFF}" : ""
        for _ in 0..<(1 + random.below(12)) {
            text += pieces[random.below(pieces.count)] + separators[random.below(separators.count)]
        }
        return text
    }

    @Test func theFastPathReadsWhatTheGeneralPathReads() {
        for seed in UInt64(1)...2000 {
            let file = SourceFile(path: "t.rl", text: Self.source(seed: seed))
            let fast = Parser.parse(file)
            let general = Parser.parse(file, readsFactsFast: false)
            let shown = "seed \(seed): \(String(decoding: file.bytes, as: UTF8.self).debugDescription)"
            #expect(fast.facts.tables == general.facts.tables, "\(shown)")
            #expect(fast.statements.map(\.span) == general.statements.map(\.span), "\(shown)")
            #expect(fast.diagnostics.map(\.message) == general.diagnostics.map(\.message), "\(shown)")
            #expect(fast.diagnostics.map(\.span) == general.diagnostics.map(\.span), "\(shown)")
        }
    }

    @Test func theFastPathTakesPlainFacts() throws {
        // Not a test of speed: that the fast path is taken at all, which the
        // comparison above cannot tell. A table filled without the general
        // path has no clause statements and no tokens left over.
        var scanned: GroundFacts? = GroundFacts(file: SourceFile(path: "t.rl", text: "e(1, 2).\ne(2, 3).\nn(a, \"b c\").\n"))
        let lexed = Lexer.tokenize(scanned!.file, facts: &scanned, isCancelled: { false })
        let facts = try #require(scanned)
        #expect(lexed?.tokens.map(\.kind) == [.end])
        #expect(facts.tables.map(\.key.description) == ["e/2", "n/2"])
        #expect(facts.tables[0].rows.map { $0.map(\.description) } == [["1", "2"], ["2", "3"]])
        #expect(facts.tables[1].starts == [18] && facts.tables[1].ends == [30])
    }

    @Test func factsKeepSourceOrderAcrossBothPaths() throws {
        // 2.5 is read by the general path, after the fast path read 1 and 3.
        let parsed = Parser.parse(SourceFile(path: "t.rl", text: "p(1). p(2.5). p(3).\n"))
        #expect(parsed.facts.tables.count == 1)
        #expect(parsed.facts.tables[0].rows.map { $0.map(\.description) } == [["1"], ["2.5"], ["3"]])
        #expect(parsed.facts.tables[0].starts == [0, 6, 14])
        let harness = ConsoleHarness()
        harness.enter("p(1). q(X) :- p(X). p(2.5).\np(3).")
        #expect(harness.enter(":list").output == """
            where      clause
            ---------  -------------
            <input 1>:1  p(1).
            <input 1>:1  q(X) :- p(X).
            <input 1>:1  p(2.5).
            <input 1>:2  p(3).

            """.replacingOccurrences(of: "---------  -------------", with: "-----------  -------------")
              .replacingOccurrences(of: "where      clause", with: "where        clause"))
    }

    @Test func aBadFactAmongManyIsReportedAtItsArgument() {
        let rows = (0..<1000).map { "e(\($0), \($0 + 1)).\n" }.joined()
        let source = ".decl e(a: integer, b: integer)\n" + rows + "e(7, x).\n"
        let rendered = DiagnosticRenderer.render(diagnostics(source))
        #expect(rendered.hasPrefix("bad.rl:1002:6: error: column 'b' of e holds integer, but this is symbol x"), "\(rendered)")
    }

    @Test func manyBadFactsAreCountedPastAHundred() {
        let source = ".decl e(a: integer)\n" + (0..<250).map { "e(x\($0)).\n" }.joined()
        let found = diagnostics(source)
        #expect(found.count == Checker.maxFactErrors + 1)
        #expect(found.last?.message == "150 more facts of e/1 do not fit its declaration either")
    }

    @Test func anArityConflictIsReportedOncePerTable() {
        let source = "p(a, b).\n" + (0..<50).map { "p(c\($0)).\n" }.joined()
        let found = diagnostics(source)
        #expect(found.count == 1)
        #expect(DiagnosticRenderer.render(found).hasPrefix("bad.rl:2:1: error: 'p' is used with 1 argument here but with 2 elsewhere"))
    }

    @Test func bulkFactsExplainAndListWithTheirLines() throws {
        let harness = ConsoleHarness()
        let facts = (0..<500).map { "edge(\($0), \($0 + 1)).\n" }.joined()
        harness.enter(facts + "path(X, Y) :- edge(X, Y).")
        let why = harness.enter("why path(250, 251).").output
        #expect(why.contains("edge(250, 251)") && why.contains("<input 1>:251"), "\(why)")
        #expect(harness.enter(":list edge").output.split(separator: "\n").count == 502)
        #expect(harness.enter(":preds").output.contains("edge/2     500    0      500"))
    }
}
