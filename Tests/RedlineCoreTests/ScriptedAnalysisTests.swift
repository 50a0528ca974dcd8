import Foundation
import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

/// Mistakes an analyst makes in batch, made loud: each is a program that
/// gave a quiet wrong total (or ran without end) and now draws a message.
@Suite struct ScriptedAnalysisTests {
    static func diagnostics(_ text: String) -> [Diagnostic] {
        Session(today: .date(0)).load(SourceFile(path: "a.rl", text: text)).diagnostics
    }

    /// A sum through a relation that dropped the contract id adds two
    /// contracts of one amount once; the warning says so, at the sum, and
    /// the total written over the source is the true one.
    @Test func aSumOverAProjectionIsFlaggedAndTheSourceSumIsRight() throws {
        let source = """
            c(k1, a, $5). c(k2, a, $5). c(k3, b, $7).
            ag(A, M) :- c(_, A, M).
            collapsed(T) :- T = sum M : { ag(A, M) }.
            total(T) :- T = sum M : { c(K, A, M) }.
            ?- collapsed(X), total(Y).
            """
        let warnings = Self.diagnostics(source)
        #expect(warnings.map(\.message) == ["sum over ag/2, which drops columns of what it reads: rows equal in what it keeps count once"])
        #expect(warnings.first?.span?.line == 3)
        #expect(try answers(source) == [["$12", "$17"]])
        // Over the relation with its key, or a base relation: no warning, and no singleton warning for K.
        #expect(Self.diagnostics("c(k1, a, $5).\ntotal(T) :- T = sum M : { c(K, A, M) }.\n").isEmpty)
        // A count of distinct things over such a relation is what counts are for: no warning.
        #expect(Self.diagnostics("c(k1, a, $5).\nactive(K) :- c(K, _, _).\nn(N) :- N = count : { active(_) }.\n").isEmpty)
    }

    /// Exact repeats in a CSV are dropped, as a relation holds a row once,
    /// and the load says how many and where; the total of what remains is
    /// what Python's sum of the distinct rows gives.
    @Test func repeatedCSVRowsAreCountedAloud() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-dup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = ["a,$5.10", "b,$5.10", "a,$5.10", "c,$7", "a,$5.10", "d,$0.01"]
        try (["id,amount"] + rows).joined(separator: "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        try ".decl c(id: symbol, amount: money)\n.input c \"c.csv\"\ntotal(T) :- T = sum M : { c(K, M) }.\n"
            .write(toFile: directory + "/main.rl", atomically: true, encoding: .utf8)
        let session = Session(today: .date(0))
        let loaded = session.load(path: directory + "/main.rl")
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages == ["2 rows of 'c.csv' repeat an earlier row exactly and were dropped (a relation holds each row once); the first is line 4, the same as line 2"])
        #expect(loaded.diagnostics.first?.severity == .warning && loaded.accepted)
        let distinct = Set(rows)
        let cents = distinct.map { Int(Double($0.split(separator: "$")[1])! * 100 + 0.5) }.reduce(0, +)
        let total = try session.model().facts(of: PredicateKey(name: "total", arity: 1)).first?.values.first
        #expect(total == Value.parse(String(format: "$%d.%02d", cents / 100, cents % 100)), "\(String(describing: total))")
    }

    @Test func aRecursiveRuleThatMakesValuesWithoutABoundIsFlagged() {
        let endless = Self.diagnostics("day(2026-01-01).\nday(D2) :- day(D), D2 = D + 1d.\n")
        #expect(endless.map(\.message) == ["recursive rule for day/1 makes new values with arithmetic; it may not end"])
        #expect(endless.first?.span?.line == 2)
        // Bounded, or reading another row of the relation than it makes: quiet.
        #expect(Self.diagnostics("num(0).\nnum(N) :- num(M), M < 30, N = M + 1.\n").isEmpty)
        #expect(Self.diagnostics("e(post, 2026-02-24).\ne(adoption, D) :- e(post, B), D = B - 730d.\n").isEmpty)
    }

    @Test func aFunctionRedlineLacksIsAnErrorNotATerm() {
        let errors = Self.diagnostics("c(1.23456).\nr(X) :- c(Y), X = rnd(Y, 2).\n")
        #expect(errors.map(\.message) == ["'rnd' is not a function Redline knows, and no fact or atom of the program builds rnd/2 terms"])
        #expect(errors.first?.isError == true)
        // In arithmetic too; and a built-in with the wrong number of arguments.
        #expect(Self.diagnostics("c(1).\nr(X) :- c(Y), X = Y + absolute(Y).\n").first?.message.hasPrefix("'absolute' is not a function") == true)
        #expect(Self.diagnostics("c(1).\nr(X) :- c(Y), X = round(Y).\n").map(\.message) == ["'round' takes 2 arguments: round(number|money, digits) -> the same, half to even"])
        // A constructor the program builds elsewhere is fine.
        #expect(Self.diagnostics("w(box(1)).\nr(X) :- w(box(Y)), X = box(Y).\n").isEmpty)
    }

    /// Money prints with a unit when it is exact in three decimals of it and
    /// under a thousand of it, else as dollars with thousands separators;
    /// both read back as the same value, and a unit never follows four
    /// digits (`$1070249.055K` was printed before).
    @Test func moneyPrintsReadablyAndReadsBack() throws {
        for (written, printed) in [("$1,070,249,055", "$1,070,249,055"), ("$171,830,000", "$171.83M"), ("$170,631,624.32", "$170,631,624.32"),
                                   ("$12.5", "$12.50"), ("$250,000", "$250K"), ("$1,500,000,000", "$1.5B"), ("$0.005", "$0.005"),
                                   ("-$100", "-$100"), ("-$2,500,000", "-$2.5M")] {
            let value = try #require(Value.parse(written))
            #expect(value.description == printed)
            #expect(Value.parse(printed) == value)
        }
        var generator = SystemRandomNumberGenerator()
        let unitAfterFourDigits = try Regex(#"[0-9]{4}(\.[0-9]+)?[KMB]"#)
        for _ in 0..<500 {
            let cents = Int64.random(in: 0...9_999_999_999_99, using: &generator) / [1, 10, 1000, 100_000][Int.random(in: 0...3, using: &generator)]
            // Negative amounts too: they printed as `$-100`, which does not read.
            let sign = Bool.random(using: &generator) ? "-" : ""
            let value = try #require(Value.parse(String(format: "%@$%lld.%02lld", sign, cents / 100, cents % 100)))
            #expect(Value.parse(value.description) == value, "\(value.description)")
            #expect(try answers("p(\(value.description)).\n?- p(X).") == [[value.description]], "\(value.description)")
            #expect(value.description.firstMatch(of: unitAfterFourDigits) == nil, "\(value.description)")
        }
    }

    /// `order by ... limit N`: the top of a ranking without a quadratic
    /// count trick, checked against sorting the amounts as integers apart.
    @Test func answersOrderedAndCutAgreeWithASortDoneApart() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let amounts = (0..<40).map { _ in Int.random(in: 0...2_000, using: &generator) * 250 }
            let facts = amounts.enumerated().map { "x(k\($0.offset), $\($0.element))." }.joined(separator: " ")
            let limit = Int.random(in: 1...12, using: &generator)
            let rows = try answers(facts + "\n?- x(K, T) order by T desc, K limit \(limit).")
            let expected = amounts.enumerated().sorted { a, b in
                a.element != b.element ? a.element > b.element : "k\(a.offset)" < "k\(b.offset)"
            }.prefix(limit).map { ["k\($0.offset)", Value.parse("$\($0.element)")!.description] }
            #expect(rows == Array(expected))
        }
        let harness = ConsoleHarness()
        harness.enter("x(a, $5). x(b, $300). x(c, $20). order(1).")
        #expect(harness.enter("?- x(K, T) order by T desc limit 2.").output == "?- x(K, T) order by T desc limit 2.\nK  T\n-  ----\nb  $300\nc  $20\nfirst 2 of 3 answers\n")
        #expect(harness.enter("?- order(X).").output.contains("1 answer"), "a relation may still be called order")
        #expect(harness.enter("?- x(K, T) order by Z.").errors.contains("'order by Z': Z is not a variable of the query"))
        #expect(harness.enter("?- x(K, T) limit 0.").errors.contains("'limit' needs at least 1 answer; found 0"))
        #expect(harness.enter("?- x(K, T) limit 2.5.").errors.contains("expected a whole number of answers after 'limit'"))
    }

    /// A what-if of thousands of changes printed them all; `rows` holds it
    /// to its first N and the summary counts every kind.
    @Test func aLongDiffIsCutAtTheRowLimitWithASummary() {
        let harness = ConsoleHarness(options: RenderOptions(rowLimit: 3))
        harness.enter("e(1, 2). e(2, 3). e(3, 4). e(4, 5). c(1, $1). c(2, $2).\np(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\nt(T) :- T = sum M : { c(K, M) }.")
        let output = harness.enter("what if not e(1, 2), not c(2, $2).").output
        #expect(output.hasSuffix("5 changes: 4 removed, 1 changed value; first 3 shown (:set rows all shows every one)\n6 outcomes unchanged\n"), "\(output)")
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("- ") || $0.hasPrefix("~ ") || $0.hasPrefix("+ ") }.count == 3)
        let all = ConsoleHarness()
        all.enter("e(1, 2). e(2, 3).\np(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).")
        #expect(!all.enter("what if not e(1, 2).").output.contains("shown"))
        // A flip's set prints its diff under the same limit.
        let flip = ConsoleHarness(options: RenderOptions(rowLimit: 2))
        flip.enter(".lever cut/1\nlink(1, 2). link(2, 3). link(3, 4). link(4, 5).\ne(X, Y) :- link(X, Y), not cut(X).\nreach(X, Y) :- e(X, Y).\nreach(X, Z) :- reach(X, Y), e(Y, Z).\n.outcome reach")
        let flipped = flip.enter("what would flip reach(1, 5).").output
        #expect(flipped.contains("1. cut(1)\n") && flipped.contains("4 changes: 4 removed; first 2 shown (:set rows all shows every one)"), "\(flipped)")
    }

    /// A CSV symbol such as DoD could not be named in a query ("DoD" is a
    /// string, 'DoD' was a syntax error) and printed as a string. Quoted
    /// symbols read, print and read back as the same symbol.
    @Test func aSymbolAsItComesIsWrittenQuoted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-sym-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "agency,amount\nDoD,$5\nDept of State,$7\ndod,$1\n".write(toFile: directory + "/a.csv", atomically: true, encoding: .utf8)
        try ".decl award(agency: symbol, amount: money)\n.input award \"a.csv\"\n".write(toFile: directory + "/a.rl", atomically: true, encoding: .utf8)
        let harness = ConsoleHarness()
        harness.enter(":load \(directory)/a.rl")
        #expect(harness.enter("?- award('DoD', X).").output.contains("$5\n1 answer"))
        #expect(harness.enter("?- award('Dept of State', X).").output.contains("$7\n1 answer"))
        #expect(harness.enter("?- award(\"DoD\", X).").errors.contains("column 'agency' of award holds symbol, but this is string \"DoD\""))
        let all = harness.enter("?- award(A, X).").output
        #expect(all.contains("'Dept of State'  $7") && all.contains("'DoD'            $5") && all.contains("dod              $1"), "\(all)")
        for symbol in ["DoD", "Dept of State", "it's", "a\\b", "x"] {
            #expect(Value.parse(Value.symbol(symbol).description) == .symbol(symbol), "\(Value.symbol(symbol).description)")
        }
        #expect(harness.enter("?- award('', X).").errors.contains("empty quoted symbol"))
    }

    /// `--format csv` writes answers that `.input` reads back unchanged:
    /// random rows with commas, quotes, blanks, capitals, money and dates
    /// go out as a table and come back as the same facts.
    @Test func csvAnswersReadBackUnchanged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b, c", "say \"hi\"", " lead", "trail ", "DoD", "x y", "z"]
        var facts: [String] = []
        for i in 0..<60 {
            let text = pieces.randomElement(using: &generator)! + String(i % 7)
            let symbol = ["dod", "DoD", "Dept of State", "x_1"].randomElement(using: &generator)!
            let cents = Int.random(in: 0...10_000_000_000, using: &generator)
            let day = Int.random(in: 1...28, using: &generator)
            facts.append("r(\(Value.string(text)), \(Value.symbol(symbol)), \(String(format: "$%d.%02d", cents / 100, cents % 100)), 2026-02-\(String(format: "%02d", day)), \(i)).")
        }
        let harness = ConsoleHarness(format: .csv)
        harness.enter(".decl r(s: string, y: symbol, m: money, d: date, n: integer)\n" + facts.joined(separator: "\n"))
        let csv = harness.enter("?- r(S, Y, M, D, N).").output
        #expect(csv.hasPrefix("S,Y,M,D,N\n"))
        try csv.write(toFile: directory + "/back.csv", atomically: true, encoding: .utf8)
        try ".decl b(s: string, y: symbol, m: money, d: date, n: integer)\n.input b \"back.csv\"\n"
            .write(toFile: directory + "/back.rl", atomically: true, encoding: .utf8)
        let session = Session(today: .date(0))
        let loaded = session.load(path: directory + "/back.rl")
        #expect(loaded.accepted, "\(loaded.diagnostics.map(\.message))")
        let original = try harness.session.model().facts(of: PredicateKey(name: "r", arity: 5)).map(\.values)
        let back = try session.model().facts(of: PredicateKey(name: "b", arity: 5)).map(\.values)
        #expect(back == original)
        #expect(original.count == 60)
    }

    /// One bad cell blocked a whole load; `skip_bad_rows` loads the good
    /// rows and counts the bad ones by line. The default stays all-or-nothing.
    @Test func skipBadRowsLoadsTheGoodRowsAndCountsTheRest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-skip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var generator = SystemRandomNumberGenerator()
        var lines = ["id,end"], bad: [Int] = []
        for i in 0..<400 {
            if Int.random(in: 0..<10, using: &generator) == 0 {
                lines.append("k\(i),N/A")
                bad.append(i + 2)
            } else {
                lines.append("k\(i),2026-03-\(String(format: "%02d", i % 28 + 1))")
            }
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/e.csv", atomically: true, encoding: .utf8)
        try ".decl e(id: symbol, end: date)\n.input e \"e.csv\" skip_bad_rows\n".write(toFile: directory + "/lenient.rl", atomically: true, encoding: .utf8)
        try ".decl e(id: symbol, end: date)\n.input e \"e.csv\"\n".write(toFile: directory + "/strict.rl", atomically: true, encoding: .utf8)
        let lenient = Session(today: .date(0))
        let loaded = lenient.load(path: directory + "/lenient.rl")
        try #require(!bad.isEmpty)
        #expect(loaded.accepted)
        #expect(loaded.diagnostics.first?.message.hasPrefix("skipped \(count(bad.count, "bad row")) of 'e.csv' (skip_bad_rows): line\(bad.count == 1 ? "" : "s") \(bad[0])") == true,
                "\(loaded.diagnostics.map(\.message))")
        #expect(try lenient.model().facts(of: PredicateKey(name: "e", arity: 2)).count == 400 - bad.count)
        let strict = Session(today: .date(0))
        let refused = strict.load(path: directory + "/strict.rl")
        #expect(!refused.accepted && refused.diagnostics.filter(\.isError).count == min(bad.count, 100))
        #expect(strict.program.factCount == 0)
    }

    /// A failed `expect` of an amount says what was found; `within` accepts
    /// an amount near the one written.
    @Test func expectShowsWhatItFoundAndTakesATolerance() {
        let harness = ConsoleHarness()
        harness.enter("c(k1, dod, $5,000,000). c(k2, dod, $1,860,000,000). c(k3, doe, $7).\ntotal(G, T) :- c(_, G, _), T = sum M : { c(K, G, M) }.")
        #expect(harness.enter("expect total(dod, $1.86B).").output == "FAILED: expect total(dod, $1.86B). (no answer; found total(dod, $1.865B))\n")
        #expect(harness.enter("expect total(dod, $1.86B) within $5M.").output == "passed: expect total(dod, $1.86B) within $5M.\n")
        #expect(harness.enter("expect total(dod, $1.86B) within $1M.").output == "FAILED: expect total(dod, $1.86B) within $1M. (found total(dod, $1.865B), $5M away)\n")
        #expect(harness.enter("expect total(epa, $1) within $1.").output == "FAILED: expect total(epa, $1) within $1. (no answer)\n")
        // A tolerance or a value of another type is a mistake, not a pass or "no answer".
        #expect(harness.enter("expect total(dod, 5) within $1M.").errors.contains("total holds money there ($1.865B), but 5 is a number"))
        harness.enter("n(a, 10.5).")
        #expect(harness.enter("expect n(a, 10) within $1.").errors.contains("the distance is a number (0.5), the tolerance $1 is money"))
        #expect(harness.enter("expect total(dod, T), c(_, dod, T) within $1.").errors.contains("'within' follows one atom"))
    }

    /// `why p(X, T).` refused variables; it explains each match, the first
    /// three, and counts the rest.
    @Test func whyWithVariablesExplainsEachMatch() {
        let harness = ConsoleHarness()
        harness.enter("c(k1, $1). c(k2, $2). c(k3, $3). c(k4, $4). c(k5, $5).\nbig(K, M) :- c(K, M), M > $1.")
        let output = harness.enter("why big(K, M).").output
        for fact in ["big(k2, $2)", "big(k3, $3)", "big(k4, $4)"] { #expect(output.contains(fact + "  [1] rule at"), "\(output)") }
        #expect(!output.contains("big(k5, $5)  [1]"))
        #expect(output.hasSuffix("... and 1 more match; a query of the same atom lists them all, and 'why' of one explains it\n"), "\(output)")
        #expect(harness.enter("why big(k9, _).").output.contains("no fact matches"))
        #expect(harness.enter("why big(k3, $3).").output.contains("big(k3, $3)  [1] rule at"))
    }

    /// Built-in functions against independent computations: date parts
    /// against Foundation's Gregorian calendar on 300 random dates, and
    /// rounding, floor and ceil on values worked out by hand.
    @Test func builtInFunctionsAgreeWithIndependentComputations() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SystemRandomNumberGenerator()
        let days = (0..<300).map { _ in Int64.random(in: -40_000...60_000, using: &generator) }
        let facts = days.map { "d(\(Value.date($0)))." }.joined(separator: " ")
        let rows = try answers(facts + "\n?- d(D), Y = year(D), M = month(D), N = day(D), W = weekday(D).")
        #expect(rows.count == Set(days).count)
        for row in rows {
            guard case .date(let day)? = Value.parse(row[0]) else { Issue.record("not a date: \(row[0])"); continue }
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            // Foundation counts weekdays from Sunday = 1; Redline from Monday = 1.
            let weekday = (parts.weekday! + 5) % 7 + 1
            #expect(row[1...] == ["\(parts.year!)", "\(parts.month!)", "\(parts.day!)", "\(weekday)"], "\(row)")
        }
        #expect(try answers("?- A = round(2.345, 2), B = round(2.355, 2), C = round($1,234.565, 2), D = floor(-2.5), E = ceil(-2.5), F = round(7, 0).")
                == [["2.34", "2.36", "$1,234.56", "-3", "-2", "7"]])
        #expect(try answers("?- A = abs(-$5), B = min(3, 2.5), C = max(2026-01-01, 2025-12-31), D = upper('DoD'), E = length(\"héllo\"), F = date(2024, 2, 29).")
                == [["$5", "2.5", "2026-01-01", "'DOD'", "5", "2024-02-29"]])
    }

    /// An arity mistake on a declared relation drew two errors at one place
    /// (the arity and the declaration); each mistake is one error now.
    @Test func eachArityMistakeIsReportedOnce() {
        let found = Self.diagnostics(".decl c(id: symbol, v: money)\nc(a, $1).\nc(b).\nt(X) :- c(X), c(X, 1, 2).\nu(X) :- d(X). v(X) :- d(X, X).\nd(1).")
            .filter(\.isError)
        #expect(found.map(\.message) == [
            "'c' is declared with 2 columns but used with 1 argument",
            "'c' is declared with 2 columns but used with 1 argument",
            "'c' is declared with 2 columns but used with 3 arguments",
            "'d' is used with 2 arguments here but with 1 elsewhere",
        ], "\(found.map(\.message))")
        #expect(Set(found.map { "\($0.span!.line):\($0.span!.column)" }).count == found.count)
    }

    /// An attacker's findings on the string tests and functions: the names
    /// could be levers, outcomes, phrasings and interventions; a built-in
    /// function refused arithmetic in its arguments (the README's example).
    @Test func builtInNamesAreNotRelationsAndFunctionsTakeExpressions() throws {
        for text in [".lever contains/2\np(a).", ".outcome ends_with\np(a).", ".say starts_with(A, B) \"x\"\np(a).",
                     "p(a).\nscenario s: contains(\"a\", \"b\")."] {
            let errors = Self.diagnostics(text).filter(\.isError)
            #expect(errors.count == 1 && errors[0].message.contains("built-in string test"), "\(text): \(errors.map(\.message))")
        }
        let say = Self.diagnostics(".decl c(id: symbol, amt: money)\n.say c(K) \"{K} x\"").filter(\.isError)
        #expect(say.map(\.message) == ["'c' is declared with 2 columns but used with 1 argument"])
        #expect(try answers("?- T = 3, X = round(T * 1.1, 2), D = add_months(2026-01-31 + 1d, T - 1).") == [["3", "3.3", "2026-04-01"]])
        #expect(runScript("p(f(1)).\n?- X = 2, Y = f(X + 1).").errors.contains("arithmetic is not allowed inside a compound term"))
    }

    /// The verifying mode compared a question's cone with the whole program,
    /// so a runtime error in a rule the question does not read failed it.
    @Test func theVerifyingModeDoesNotChangeWhatAQuestionAnswers() {
        let session = Session(today: .date(0))
        session.verifyWorlds = true
        let result = runScript("org(a, \"OpenAI\"). org(n, 42).\nends(O) :- org(O, N), ends_with(N, \"AI\").\n?- org(X, Y).", in: session)
        #expect(result.output.contains("2 answers") && result.errors.isEmpty, "\(result)")
    }

    /// `add_months` against a count of months done apart: step the month
    /// N times, keep the day, and fall back to the month's last day as
    /// Foundation's calendar counts the month's days. (Foundation's own
    /// `date(byAdding: .month)` here rolls some month ends into the next month.)
    @Test func addMonthsAgreesWithACountDoneApart() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SystemRandomNumberGenerator()
        // Month ends and leap days are the cases that matter: many of them.
        let days = (0..<200).map { _ -> Int64 in
            let base = Int64.random(in: -20_000...40_000, using: &generator)
            let civil = CivilDate.civil(days: base)
            return Bool.random(using: &generator)
                ? CivilDate.days(year: civil.year, month: civil.month, day: CivilDate.length(year: civil.year, month: civil.month))
                : base
        }
        let facts = days.map { "d(\(Value.date($0)), \(Int.random(in: -30...30, using: &generator)))." }
        let rows = try answers(facts.joined(separator: " ") + "\n?- d(D, N), L = add_months(D, N).")
        #expect(rows.count == Set(facts).count)
        for row in rows {
            let parts = row[0].split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let months = Int(row[1]) else { Issue.record("\(row)"); continue }
            var (year, month) = (parts[0], parts[1])
            for _ in 0..<abs(months) {
                month += months > 0 ? 1 : -1
                if month == 13 { (year, month) = (year + 1, 1) }
                if month == 0 { (year, month) = (year - 1, 12) }
            }
            let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
            let length = calendar.range(of: .day, in: .month, for: first)!.count
            func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
            #expect(row[2] == "\(pad(year, 4))-\(pad(month, 2))-\(pad(min(parts[2], length), 2))", "\(row)")
        }
    }

    /// The string tests against a search written apart, on Unicode scalars
    /// (strings compare without normalization, as `=` does).
    @Test func stringTestsAgreeWithASearchWrittenApart() throws {
        let words = ["AI", "OpenAI", "xAI", "Anthropic PBC", "ai", "", "DoD", "Department of War", "h\u{e9}llo", "lo", "PBC",
                     "he\u{301}llo", "e", "\u{e9}"]
        let facts = words.map { "w(\"\($0)\")." }.joined(separator: " ")
        // Precomposed and decomposed "é" are two strings in =, in a join and in the answers.
        #expect(try answers(facts + "\n?- w(A), w(B), A = B.").count == words.count)
        #expect(try answers(facts + "\n?- A = \"e\u{301}\", B = \"\u{e9}\", A = B.").isEmpty)
        func naive(_ whole: String, _ part: String, at positions: (Int, Int) -> [Int]) -> Bool {
            let w = Array(whole.unicodeScalars), p = Array(part.unicodeScalars)
            guard p.count <= w.count else { return false }
            return positions(w.count, p.count).contains { start in Array(w[start..<start + p.count]) == p }
        }
        for (test, positions) in [("contains", { (w: Int, p: Int) in Array(0...(w - p)) }),
                                  ("starts_with", { (_: Int, _: Int) in [0] }),
                                  ("ends_with", { (w: Int, p: Int) in [w - p] })] {
            for negated in [false, true] {
                let rows = try answers(facts + "\n?- w(A), w(B), \(negated ? "not " : "")\(test)(A, B).")
                let expected = words.flatMap { a in words.map { b in (a, b) } }
                    .filter { naive($0.0, $0.1, at: positions) != negated }
                    .map { ["\"\($0.0)\"", "\"\($0.1)\""] }
                #expect(Set(rows) == Set(expected), "\(negated ? "not " : "")\(test)")
            }
        }
        #expect(Self.diagnostics("contains(a, b).").contains { $0.message.contains("'contains/2' is a built-in string test") })
        let result = runScript("w(1).\n?- w(X), starts_with(X, \"1\").")
        #expect(result.errors.contains("starts_with takes two strings or symbols; it was given integer 1 and string \"1\""), "\(result.errors)")
    }
}

/// A timeline evaluates only the days where its answer can change
/// (TimelineChangeDays.swift). On random programs that compare `today` with
/// dates in facts, in constants and through a relation of their own, and
/// on programs the analysis must refuse (the date in arithmetic), the
/// verifying mode evaluates every skipped day as well and throws on any
/// difference; the answers also match a session that evaluates every day.
@Suite struct TimelineChangeDayTests {
    @Test func skippedDaysEqualEvaluatingEachDay() throws {
        var generator = SystemRandomNumberGenerator()
        let rules = [
            "active(K) :- c(K, S, E), today(D), S <= D, D <= E.",
            "late(K) :- c(K, _, E), today(D), D > E.",
            "due(K) :- c(K, _, E), today(D), E = D.",
            "soon(K) :- c(K, S, _), today(D), D < S, D >= 2026-01-10.",
            "open(K) :- c(K, _, _), not late(K).",
            "total(T) :- T = sum V : { v(K, V), active(K) }.",
            "shifted(K) :- c(K, S, _), today(D), S2 = S + 3d, D >= S2.",
            "near(K) :- c(K, S, _), today(D), S != D.",
        ]
        for _ in 0..<40 {
            var facts: [String] = []
            for k in 0..<Int.random(in: 1...6, using: &generator) {
                let start = Int64.random(in: 20_450...20_500, using: &generator)
                let end = start + Int64.random(in: 0...20, using: &generator)
                facts.append("c(k\(k), \(Value.date(start)), \(Value.date(end))). v(k\(k), $\(Int.random(in: 1...9, using: &generator))).")
            }
            let program = facts.joined(separator: " ") + "\n" + rules.shuffled(using: &generator).prefix(Int.random(in: 2...rules.count, using: &generator)).joined(separator: "\n")
            // With a constant, a timeline is goal-directed (MagicSets) and
            // counts only the dates of what its constant reaches.
            let heads = ["active(K)", "late(K)", "due(K)", "soon(K)", "open(K)", "total(T)", "shifted(K)", "near(K)",
                         "active(k0)", "late(k1)", "open(k0)", "shifted(k2)", "due(K)"].filter { head in
                program.contains(head.prefix(while: { $0 != "(" }) + "(")
            }
            for head in heads where program.contains("\n" + head.prefix(while: { $0 != "(" })) {
                let statement = "timeline \(head) from 2025-12-25 to 2026-02-20."
                let fast = Session(today: .date(20_460))
                fast.verifyWorlds = true
                let slow = Session(today: .date(20_460))
                slow.incrementalWorlds = false
                var outputs: [String] = []
                for session in [fast, slow] {
                    let loaded = session.load(SourceFile(path: "t.rl", text: program + "\n" + statement))
                    try #require(loaded.accepted, "\(program)\n\(loaded.diagnostics.map(\.message))")
                    let outcome = session.execute(loaded.statements.last!)
                    #expect(outcome.diagnostics.isEmpty, "\(program)\n\(statement)\n\(outcome.diagnostics.map(\.message))")
                    outputs.append(TextRenderer(options: RenderOptions()).render(outcome))
                }
                #expect(outputs[0] == outputs[1], "\(program)\n\(statement)")
            }
        }
    }

    /// A timeline of one contract among many evaluates the days where that
    /// contract's comparisons change, not every contract's.
    @Test func aTimelineWithAConstantCountsOnlyTheDatesItReaches() throws {
        let contracts = (0..<300).map { k in
            "c(k\(k), \(Value.date(20_450 + Int64(k % 90))), \(Value.date(20_470 + Int64(k % 90)))). v(k\(k), $\(k))."
        }.joined(separator: "\n")
        let rules = "active(K) :- c(K, S, E), today(D), S <= D, D <= E.\nbig(K) :- active(K), v(K, A), A > $5."
        let session = Session(today: .date(20_460))
        session.verifyWorlds = true
        let loaded = session.load(SourceFile(path: "t.rl", text: contracts + "\n" + rules + "\ntimeline big(k7) from 2025-12-01 to 2026-04-30."))
        try #require(loaded.accepted)
        let outcome = session.execute(loaded.statements.last!)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        #expect(TextRenderer(options: RenderOptions()).render(outcome).contains("2026-01-04  starts holding\n2026-01-25  stops holding"))
        // k7 runs from 2026-01-04 through 2026-01-24: the first day and its four change days.
        #expect(session.lastTimelineDaysEvaluated <= 5, "\(session.lastTimelineDaysEvaluated) days evaluated")
        let everyContract = session.execute(Parser.parse(SourceFile(path: "q", text: "timeline big(K) from 2025-12-01 to 2026-04-30.")).statements[0])
        #expect(everyContract.diagnostics.isEmpty)
        #expect(session.lastTimelineDaysEvaluated > 100, "\(session.lastTimelineDaysEvaluated) days evaluated")
    }
}
