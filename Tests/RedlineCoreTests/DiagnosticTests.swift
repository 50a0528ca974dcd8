import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Malformed and ill-typed inputs: each gets its own clear diagnostic, at
/// its own location, and leaves the session unchanged.
@Suite struct DiagnosticTests {
    /// Did-you-mean: the nearest name within a third of the word's length in
    /// edits, else a name the word begins (a name cut short), the shortest.
    @Test func suggestionsFindTyposAndNamesCutShort() {
        #expect(Suggestions.closest(to: "drop", in: ["drops", "dropped"]) == "drops")
        #expect(Suggestions.closest(to: "cancel", in: ["cancelled", "cancelled_by", "other"]) == "cancelled")
        #expect(Suggestions.closest(to: "can", in: ["cancelled"]) == nil, "too short to guess from")
        #expect(Suggestions.closest(to: "vendor", in: ["award", "agency"]) == nil)
    }

    static let cases: [(source: String, expected: String)] = [
        // Lexical
        ("p(\"open).", "bad.rl:1:3: error: unterminated string: add a closing '\"'"),
        ("p(a). /* never closed", "bad.rl:1:7: error: unterminated comment: '/*' has no closing '*/'"),
        ("p(a) # q.", "bad.rl:1:6: error: unexpected character '#'"),
        ("p(2026-02-30).", "bad.rl:1:3: error: invalid date 2026-02-30"),
        ("p(2026-02-27T25:00).", "bad.rl:1:3: error: invalid time of day 25:00"),
        ("p(3y).", "bad.rl:1:4: error: unknown duration unit 'y'; use min, h, d or w"),
        ("p($).", "bad.rl:1:3: error: malformed money"),
        ("p($5X).", "bad.rl:1:5: error: unknown money suffix; use K, M or B"),
        ("p(99999999999999999999).", "bad.rl:1:3: error: number 99999999999999999999 is too large"),
        ("p(\"a\\q\").", "bad.rl:1:5: error: unknown escape sequence"),
        ("p(\u{0}).", "bad.rl:1:3: error: unexpected NUL byte"),
        // Syntax
        ("p(a)", "bad.rl:1:5: error: expected '.' at the end of the fact, found end of input"),
        ("p(a, ).", "bad.rl:1:6: error: expected a term, found ')'"),
        ("p(a) :- .", "bad.rl:1:9: error: expected a term, found '.'"),
        ("X :- p(X).", "bad.rl:1:1: error: expected a fact, a rule or a statement, found variable 'X'"),
        ("?- p(X)", "bad.rl:1:8: error: expected '.' at the end of the query, found end of input"),
        (".decl c(id: symbl)", "bad.rl:1:13: error: unknown column type 'symbl'"),
        (".dcl c(id: symbol)", "bad.rl:1:1: error: unknown directive '.dcl'"),
        ("what p(a).", "bad.rl:1:6: error: expected 'if', 'would flip', 'matters for' or 'moves' after 'what'"),
        ("scenario s drops(a).", "bad.rl:1:12: error: expected ':' after the scenario name"),
        ("scenario s: drops(a) at tomorrow.", "bad.rl:1:25: error: expected a date after 'at'"),
        ("x = 1.", "bad.rl:1:3: error: a comparison cannot be a fact"),
        ("p(a) :- q(a), r(X) = .", "bad.rl:1:22: error: expected a term, found '.'"),
        ("s(T) :- T = sum : { p(_) }.", "bad.rl:1:13: error: 'sum' needs the value to aggregate"),
        // Checker: arity, definitions, safety
        ("p(a). p(a, b).", "bad.rl:1:7: error: 'p' is used with 2 arguments here but with 1 elsewhere"),
        ("p(X).", "bad.rl:1:3: error: a fact cannot contain variable 'X'"),
        ("q(a). p(X, Y) :- q(X).", "bad.rl:1:12: error: variable 'Y' in the head is not bound by a positive literal in the body"),
        ("q(a). p(X) :- q(X), Y > 3.", "bad.rl:1:21: error: variable 'Y' in this comparison is not bound by a positive literal"),
        ("q(a). r(a). p(X) :- q(X), not r(Y), Y != a.", "bad.rl:1:33: error: variable 'Y' in a negation is not bound by a positive literal"),
        ("q(1). p(Y) :- q(X), Y = Z + X.", "bad.rl:1:25: error: variable 'Z' in this comparison is not bound by a positive literal"),
        ("q(a). p(X) :- q(X + 1).", "bad.rl:1:17: error: arithmetic is not allowed inside an atom"),
        ("q(1). p(X + 1) :- q(X).", "bad.rl:1:9: error: arithmetic is not allowed inside an atom"),
        ("today(2026-01-01).", "bad.rl:1:1: error: 'today' is built in (the evaluation date) and cannot be defined"),
        ("q(a). p(X) :- q(X), _ > 1.", "bad.rl:1:21: error: '_' cannot stand in arithmetic or a comparison"),
        ("q(1). n(N) :- N = count : { q(X), M = count : { q(X) } }.", "bad.rl:1:35: error: aggregates cannot be nested"),
        // Checker: stratification
        ("p(a) :- not q(a). q(a) :- not p(a).",
         "bad.rl:1:9: error: cycle through negation or aggregate: p/1 -> q/1 -> p/1"),
        ("b(1). s(N) :- N = count : { s(_) }.", "bad.rl:1:15: error: cycle through negation or aggregate: s/1 -> s/1"),
        // Checker: declared types
        (".decl c(id: symbol, value: money)\nc(k1, 200).", "bad.rl:2:7: error: column 'value' of c holds money, but this is integer 200"),
        (".decl c(id: symbol, due: date)\nc(k1, \"soon\").", "bad.rl:2:7: error: column 'due' of c holds date, but this is string \"soon\""),
        (".decl c(id: symbol, value: money)\nc(k1, $1).\n.decl d(when: date)\nd(2026-01-01).\nx(V) :- c(_, V), d(V).",
         "bad.rl:5:20: error: variable 'V' is used as date (column 'when' of d) and as money"),
        (".decl c(id: symbol, value: money)\nc(k1, $1, 2).", "bad.rl:2:1: error: 'c' is declared with 2 columns but used with 3 arguments"),
        (".decl c(id: symbol)\n.decl c(id: integer)", "bad.rl:2:1: error: relation 'c' is declared again with different columns"),
        (".decl c(id: symbol, id: symbol)", "bad.rl:1:21: error: column 'id' appears twice in 'c'"),
        (".input c \"c.csv\"", "bad.rl:1:1: error: '.input c' needs a '.decl c(...)'"),
        // Annotations
        ("p(a).\n.outcome q", "bad.rl:2:10: error: unknown predicate 'q'"),
        ("drops(a, b).\n.lever drop", "bad.rl:2:8: error: unknown predicate 'drop'"),
        ("p(a).\n.lever p/2", "bad.rl:2:8: error: 'p' has 1 arguments, not 2"),
        ("p(a).\n.say p(X) \"{Y} holds\"", "bad.rl:2:1: error: '{Y}' in the sentence is not a variable of p(X)"),
    ]

    @Test(arguments: cases)
    func eachBadInputHasItsOwnDiagnostic(source: String, expected: String) {
        let found = diagnostics(source)
        let rendered = DiagnosticRenderer.render(found)
        #expect(found.hasErrors, "no error for: \(source)")
        #expect(rendered.contains(expected), "\(source)\n--- got:\n\(rendered)")
    }

    @Test func atLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test func warningsNameTheVariableOrPredicate() {
        let rendered = DiagnosticRenderer.render(diagnostics("""
            keeps(a, s).
            r(C) :- keeps(C, S).
            u(C) :- keeps(C, _), not drops(C, T).
            v(C) :- keeps(C, _), keep(C, b).
            """))
        #expect(rendered.contains("bad.rl:2:18: warning: singleton variable 'S'; write '_' or '_S' if that is intended"))
        #expect(rendered.contains("bad.rl:3:35: warning: variable 'T' occurs only in this negation, so it means 'any'"))
        #expect(rendered.contains("bad.rl:4:22: warning: no fact or rule defines 'keep/2'; it is always empty"))
        #expect(rendered.contains("note: did you mean 'keeps'?"))
        // A lever with an arity declares its relation; one nothing reads is most likely a typo.
        let lever = DiagnosticRenderer.render(diagnostics("drops(a, b).\n.lever drop/2\n"))
        #expect(lever.contains("bad.rl:2:8: warning: no rule reads the lever 'drop/2' and no fact of it holds"), "\(lever)")
        #expect(lever.contains("note: did you mean 'drops'?"))
    }

    @Test func diagnosticsShowTheLineAndACaret() {
        let rendered = DiagnosticRenderer.render(diagnostics("ok(a).\nq(a). p(X, Y) :- q(X).\n"))
        #expect(rendered == """
            bad.rl:2:12: error: variable 'Y' in the head is not bound by a positive literal in the body
             2 | q(a). p(X, Y) :- q(X).
               |            ^

            """)
    }

    @Test func cycleErrorNamesEachStepWithItsLocation() {
        let rendered = DiagnosticRenderer.render(diagnostics("a(X) :- base(X), not b(X).\nb(X) :- c(X).\nc(X) :- a(X).\nbase(1).\n"))
        #expect(rendered.contains("bad.rl:1:18: error: cycle through negation or aggregate: a/1 -> b/1 -> c/1 -> a/1"))
        #expect(rendered.contains("bad.rl:2:9: note: b/1 depends on c/1"))
        #expect(rendered.contains("bad.rl:3:9: note: c/1 depends on a/1"))
    }

    @Test func csvCellErrorsNameFileLineAndColumn() throws {
        let (session, loaded) = try loadCSV("id,value,due\nk1,$200M,2026-02-27\nk2,lots,2026-02-27\nk3,$5,someday\n",
                                            declaring: "c(id: symbol, value: money, due: date)")
        let rendered = DiagnosticRenderer.render(loaded.diagnostics)
        #expect(rendered.contains("c.csv:3:4: error: column 'value': 'lots' is not a money"))
        #expect(rendered.contains("c.csv:4:7: error: column 'due': 'someday' is not a date"))
        #expect(session.program.clauses.isEmpty && session.program.facts.isEmpty)
    }
}

/// The CSV reader behind `.input`: RFC 4180 quoting, line numbers of records
/// that span lines, and a message for each kind of malformed field.
@Suite struct CSVReaderTests {
    func read(_ text: String) -> (rows: [[String]], lines: [Int], failure: CSVReader.Failure?) {
        let (records, failure) = CSVReader.records(Array(text.utf8))
        return (records.map(\.fields), records.map(\.line), failure)
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let read = read("id,note\r\nk1,\"a, b\"\nk2,\"say \"\"hi\"\"\"\nk3,\"two\nlines\"\nk4,\"\"\n\n")
        #expect(read.rows == [["id", "note"], ["k1", "a, b"], ["k2", "say \"hi\""], ["k3", "two\nlines"], ["k4", ""], [""]])
        #expect(read.lines == [1, 2, 3, 4, 6, 7])
        #expect(read.failure == nil)
    }

    @Test func aLastRecordNeedsNoLineBreakAndEmptyFieldsCount() {
        let read = read("\u{FEFF}a,,c\n,\nx")
        #expect(read.rows == [["a", "", "c"], ["", ""], ["x"]])
        #expect(read.failure == nil)
    }

    @Test func malformedFieldsAreReportedAtTheirLine() {
        #expect(read("a\nb\"c\n").failure?.line == 2)
        #expect(read("a\nb\"c\n").rows == [["a"]])
        #expect(read("a\n\"open\nstill open\n").failure == CSVReader.Failure(message: "the quoted field opened on line 2 is not closed", line: 2))
        #expect(read("\"a\"b,c\n").failure?.message == "text after the closing quote of a field")
    }

    @Test func aMalformedCSVFileIsAnErrorOfTheLoad() throws {
        let (session, loaded) = try loadCSV("id,value\nk1,\"$5\nk2,$6\n", declaring: "c(id: symbol, value: money)")
        #expect(session.program.facts.isEmpty)
        #expect(!loaded.accepted)
        #expect(DiagnosticRenderer.render(loaded.diagnostics).contains("c.csv:2:1: error: malformed CSV near line 2: the quoted field opened on line 2 is not closed"))
    }
}

/// Loads `csv` as c.csv through `.input c` in a fresh session.
func loadCSV(_ csv: String, declaring declaration: String) throws -> (Session, Session.LoadResult) {
    let directory = "/tmp/redline-csv-\(UInt32.random(in: 0...UInt32.max))"
    try FileSystem.write(directory + "/c.csv", csv)
    try FileSystem.write(directory + "/m.rl", ".decl \(declaration)\n.input c \"c.csv\"\n")
    let session = Session(today: .date(0))
    return (session, session.load(path: directory + "/m.rl"))
}
