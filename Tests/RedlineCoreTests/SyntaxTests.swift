import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

@Suite struct SyntaxTests {
    func kinds(_ text: String) -> [Token.Kind] {
        Lexer.tokenize(SourceFile(path: "t", text: text)).tokens.map(\.kind)
    }

    @Test func lexesValuesOperatorsAndComments() {
        #expect(kinds("p(X, _y, _) :- q. % c\n// d\n/* e */ ?- r.") == [
            .name("p"), .leftParen, .variable("X"), .comma, .variable("_y"), .comma, .anonymous, .rightParen,
            .implies, .name("q"), .dot, .query, .name("r"), .dot, .end,
        ])
        #expect(kinds("$200M 2026-02-27 72h 1.5 \"a\\n\"") == [
            .value(.money(Exact(200_000_000))), .value(.date(CivilDate.days(year: 2026, month: 2, day: 27))),
            .value(.duration(72 * 60)), .value(.number(Exact(parsing: "1.5")!)), .string("a\n"), .end,
        ])
        #expect(kinds("a != b <= c >= d < e > f = g") == [
            .name("a"), .compare(.notEqual), .name("b"), .compare(.lessOrEqual), .name("c"),
            .compare(.greaterOrEqual), .name("d"), .compare(.less), .name("e"), .compare(.greater), .name("f"),
            .compare(.equal), .name("g"), .end,
        ])
        #expect(kinds(".decl x") == [.directive("decl"), .name("x"), .end])
        #expect(kinds("p(1).") == [.name("p"), .leftParen, .value(.integer(1)), .rightParen, .dot, .end])
    }

    /// Ground facts take a shortcut past the expression grammar; they must
    /// come out exactly as the general path builds them (same spans, so
    /// diagnostics point at the same place).
    @Test func groundFactsParseLikeAnyClause() throws {
        func clauses(_ text: String) -> [Clause] {
            let parsed = Parser.parse(SourceFile(path: "t", text: text))
            let facts = parsed.facts.tables.flatMap { table in (0..<table.count).map { parsed.facts.clause(table, row: $0) } }
            let rest = parsed.statements.compactMap { statement -> Clause? in
                if case .clause(let clause) = statement { return clause }
                return nil
            }
            return (facts + rest).sorted { $0.span.start < $1.span.start }
        }
        func describe(_ clause: Clause) -> String {
            let args = clause.head.args.map { "\($0.groundValue.map(String.init(describing:)) ?? "?")@\($0.span.start)-\($0.span.end)" }
            return "\(clause.head.predicate)@\(clause.head.nameSpan.start)-\(clause.head.nameSpan.end) [\(args.joined(separator: " "))] head \(clause.head.span.start)-\(clause.head.span.end) clause \(clause.span.start)-\(clause.span.end)"
        }
        // The shortcut: constants only.
        let fast = try #require(clauses("contract(k1, \"Pentagon\", $200M, 2026-02-27).").first)
        #expect(describe(fast) == "contract@0-8 [k1@9-11 \"Pentagon\"@13-23 $200M@25-30 2026-02-27@32-42] head 0-43 clause 0-44")
        // The general path: the same fact with a bracketed argument has the same shape.
        let general = try #require(clauses("contract(k1, \"Pentagon\", $200M, (2026-02-27)).").first)
        #expect(describe(general).hasPrefix("contract@0-8 [k1@9-11 \"Pentagon\"@13-23 $200M@25-30 2026-02-27@33-43] head 0-45"))
        // Not for the shortcut: negative numbers, nested terms, variables, missing dots.
        #expect(clauses("p(-1). p(f(a)). p(b) :- q(b). p(a, b).").map { describe($0) } == [
            "p@0-1 [-1@2-4] head 0-5 clause 0-6",
            "p@7-8 [f(a)@9-13] head 7-14 clause 7-15",
            "p@16-17 [b@18-19] head 16-20 clause 16-29",
            "p@30-31 [a@32-33 b@35-36] head 30-37 clause 30-38",
        ])
        #expect(DiagnosticRenderer.render(diagnostics("p(a, b) q(c).")).hasPrefix("bad.rl:1:9: error: expected '.' at the end of the fact, found 'q'"))
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let rows = try answers("\u{FEFF}p(a).\r\nq(X) :- p(X).\r\n?- q(X).\r\n")
        #expect(rows == [["a"]])
    }

    @Test func spansPointAtLineAndColumn() {
        let file = SourceFile(path: "f.rl", text: "a.\n  bé(X).")
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.facts.tables.map(\.key) == [PredicateKey(name: "a", arity: 0)])
        guard case .clause(let clause) = parsed.statements[0] else { Issue.record("not a clause"); return }
        #expect(clause.head.span.description == "f.rl:2:3")
        guard case .variable(_, let span) = clause.head.args[0] else { Issue.record("not a variable"); return }
        #expect(span.description == "f.rl:2:6")
    }

    @Test func parsesEveryStatementForm() {
        let source = """
            .decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)
            .outcome contract_lost, blacklisted/1
            .say contract_lost(K) "contract {K} is cancelled"
            .lever drops/2
            ?- q(X), X > 3.
            what if drops(a, b), not keeps(a, b).
            what if drops(a, b) ?- q(X).
            why p(a).
            why not p(a).
            scenario comply: drops(anthropic, usage_safeguards).
            scenario defy: not drops(anthropic, usage_safeguards) at 2026-03-02.
            compare comply, defy.
            compare all comply.
            assume drops(a, b).
            use comply.
            expect q(a).
            expect not q(b).
            expect count q(_) = 3.
            what would flip p(a).
            timeline p(a) from 2026-01-01 to 2026-12-31.
            exposure(C, T) :- company(C), T = sum V : { contract(K, _, C, V), contract_lost(K) }.
            n(N) :- N = count : { p(_) }.
            """
        let parsed = Parser.parse(SourceFile(path: "t", text: source))
        let (statements, diagnostics) = (parsed.statements, parsed.diagnostics)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.render(diagnostics))")
        #expect(statements.map(\.keyword) == [
            "declaration", "declaration", "declaration", "declaration", "?-", "what if", "what if", "why", "why not",
            "scenario", "scenario", "compare", "compare", "assume", "use", "expect", "expect", "expect",
            "what would flip", "timeline", "clause", "clause",
        ])
        if case .scenario(_, _, let at, _) = statements[10] { #expect(at == Value.parse("2026-03-02")) }
        if case .compare(let names, let all, _, _, _) = statements[12] { #expect(names == ["comply"] && all) }
    }

    /// `compare.`, `why.` and `use.` were stored as facts, and `:save` wrote them.
    @Test func statementWordsStartStatementsAndNameNoRelation() throws {
        #expect(try answers("not_a_keyword(a). count(c).\n?- not_a_keyword(X), count(Z).") == [["a", "c"]])
        for (text, message) in [("compare.", "'compare' needs scenario names"), ("why.", "'why' needs a fact"),
                                ("use.", "'use' needs a scenario name"), ("what.", "'what' needs 'if'"),
                                ("use(a).", "'use' starts a statement and cannot name a relation"),
                                ("p(X) :- q(X).\nexpect(X) :- p(X).", "'expect' starts a statement and cannot name a relation")] {
            let found = diagnostics(text)
            #expect(found.contains { $0.isError && $0.message.hasPrefix(message) }, "\(text): \(found.map(\.message))")
        }
    }

    @Test func everySyntaxErrorOfAFileIsReported() {
        let found = diagnostics("p(a\nq(b).\nr(c) :- .\ns(d).\nt(e)")
        #expect(found.filter(\.isError).count == 3)
    }
}
