import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

@Suite struct EvaluatorTests {
    @Test func transitiveClosureBothRecursionShapes() throws {
        let facts = "edge(1, 2). edge(2, 3). edge(3, 1). edge(3, 4).\n"
        let left = try answers(facts + "path(X, Y) :- edge(X, Y). path(X, Y) :- path(X, Z), edge(Z, Y).\n?- path(4, X).")
        #expect(left.isEmpty)
        let right = try answers(facts + "path(X, Y) :- edge(X, Y). path(X, Y) :- edge(X, Z), path(Z, Y).\n?- path(1, X).")
        #expect(right == [["1"], ["2"], ["3"], ["4"]])
        let doubly = try answers(facts + "path(X, Y) :- edge(X, Y). path(X, Y) :- path(X, Z), path(Z, Y).\n?- N = count : { path(_, _) }.")
        #expect(doubly == [["12"]])
    }

    @Test func mutualRecursionAndSameGeneration() throws {
        let source = """
            parent(a, b). parent(a, c). parent(b, d). parent(c, e). parent(e, f).
            sg(X, Y) :- parent(P, X), parent(P, Y), X != Y.
            sg(X, Y) :- parent(P, X), sg(P, Q), parent(Q, Y).
            even(0). odd(N) :- even(M), N = M + 1, N < 6. even(N) :- odd(M), N = M + 1, N < 6.
            ?- sg(d, Y).
            """
        #expect(try answers(source) == [["e"]])
        #expect(try answers("even(0). odd(N) :- even(M), N = M + 1, N < 6. even(N) :- odd(M), N = M + 1, N < 6.\n?- odd(N).") == [["1"], ["3"], ["5"]])
    }

    @Test func negationAcrossStrata() throws {
        let source = """
            edge(a, b). edge(b, c). edge(d, e).
            node(X) :- edge(X, _). node(X) :- edge(_, X).
            reach(a). reach(Y) :- reach(X), edge(X, Y).
            unreachable(X) :- node(X), not reach(X).
            isolated_from_a(X) :- node(X), not edge(a, X), not reach(X).
            ?- unreachable(X).
            """
        #expect(try answers(source) == [["d"], ["e"]])
    }

    @Test func aggregatesGroupByTheirSharedVariables() throws {
        let source = """
            contract(k1, pentagon, anthropic, $200M).
            contract(k2, nasa, anthropic, $200M).
            contract(k3, pentagon, other, $5M).
            company(anthropic). company(other). company(idle).
            exposure(C, T) :- company(C), T = sum V : { contract(_, _, C, V) }.
            deals(C, N) :- company(C), N = count : { contract(_, _, C, _) }.
            biggest(C, M) :- company(C), M = max V : { contract(_, _, C, V) }.
            ?- exposure(C, T), deals(C, N).
            """
        // The sum of nothing is $0: the summed column holds money in every fact.
        #expect(try answers(source) == [["anthropic", "$400M", "2"], ["idle", "$0", "0"], ["other", "$5M", "1"]])
        #expect(try answers(source + "\n?- biggest(C, M).") == [["anthropic", "$200M"], ["other", "$5M"]])
    }

    @Test func compoundTermsMatchAndBuild() throws {
        // f/2 is a term constructor of the program because a fact uses it;
        // without that, `W = f(S, 1)` reads as a function Redline lacks.
        let source = """
            ultimatum(u1, pentagon, anthropic, roll_back(usage_safeguards)).
            shape(f(example, 0)).
            demanded(C, S) :- ultimatum(_, _, C, roll_back(S)).
            wrapped(W) :- demanded(_, S), W = f(S, 1).
            boxed(box(S)) :- demanded(_, S).
            ?- demanded(C, S), wrapped(W), boxed(B).
            """
        #expect(try answers(source) == [["anthropic", "usage_safeguards", "f(usage_safeguards, 1)", "box(usage_safeguards)"]])
        let session = Session(today: .date(0))
        let unknown = session.load(SourceFile(path: "y.rl", text: "c(2026-03-01).\ny(Y) :- c(S), Y = yearof(S).\n"))
        #expect(unknown.diagnostics.map(\.message) == ["'yearof' is not a function Redline knows, and no fact or atom of the program builds yearof/1 terms"])
    }

    @Test func datesDeadlinesAndToday() throws {
        let source = """
            ultimatum(u1, 2026-02-27). ultimatum(u2, 2026-03-10).
            overdue(U) :- ultimatum(U, D), today(T), T > D.
            remaining(U, R) :- ultimatum(U, D), today(T), T <= D, R = D - T.
            reminder(U, W) :- ultimatum(U, D), W = D - 2d.
            ?- overdue(U).
            """
        #expect(try answers(source, today: "2026-03-02") == [["u1"]])
        #expect(try answers(source, today: "2026-02-01") == [])
        #expect(try answers(source + "\n?- remaining(U, R).", today: "2026-03-02") == [["u2", "8d"]])
        #expect(try answers(source + "\n?- reminder(U, W).") == [["u1", "2026-02-25"], ["u2", "2026-03-08"]])
    }

    /// Found by the property test: a variable repeated inside one atom was
    /// taken as an index key before the atom had bound it.
    @Test func repeatedVariableInOneAtomMustMatchItself() throws {
        #expect(try answers("e(1, 2). e(3, 3).\nloop(X) :- e(X, X).\n?- loop(X).") == [["3"]])
        #expect(try answers("e(1, 2). e(3, 3).\n?- e(X, X).") == [["3"]])
    }

    @Test func groundQueriesAnswerYesOrNo() {
        let result = runScript("p(a).\n?- p(a).\n?- p(b).\n")
        #expect(result.output == "?- p(a).\nyes\n?- p(b).\nno\n")
    }

    @Test func zeroArityPredicatesAreDerived() throws {
        #expect(try answers("danger :- risk(_). risk(a).\n?- danger.") == [[]])
        #expect(try answers("danger :- risk(_). risk(a). safe :- not danger.\n?- safe.") == [])
    }

    @Test func answersAreSortedAndDeduplicated() throws {
        let rows = try answers("p(b). p(a). p(10). p(9). p($1). p(\"s\"). p(2026-01-01). p(f(a)). q(X) :- p(X). q(X) :- p(X).\n?- q(X).")
        #expect(rows.map { $0[0] } == ["9", "10", "$1", "2026-01-01", "\"s\"", "a", "b", "f(a)"])
    }

    /// Incremental maintenance tells the planner how big each relation is:
    /// of two lookups with one bound column each, the smaller relation goes
    /// first (the proof of path(x, z) reads the two edges into z, not the
    /// 1,300 paths from x).
    @Test func plannerBreaksTiesByRelationSizeWhenItKnowsThem() throws {
        let session = Session(today: .date(0))
        let loaded = session.load(SourceFile(path: "t.rl", text: """
            start(1, 2). edge(1, 2).
            path(X, Y) :- edge(X, Y).
            h(X, Z) :- start(X, Z), path(X, Y), edge(Y, Z).
            """))
        try #require(loaded.accepted)
        let ids = [PredicateKey(name: "edge", arity: 2): 0, PredicateKey(name: "path", arity: 2): 1,
                   PredicateKey(name: "start", arity: 2): 2, PredicateKey(name: "h", arity: 2): 3]
        let relations = (0..<4).map { _ in Relation(arity: 2) }
        let rule = try #require(session.program.clauses.first { $0.head.predicate == "h" })
        func secondScan(_ sizes: [Int]?) throws -> Int? {
            var planner = Planner(store: ValueStore(), relationIds: ids, indexFor: { relations[$0].index(on: $1) })
            planner.rowCount = sizes.map { sizes in { sizes[$0] } }
            let plan = try planner.plan(rule, deltaAt: 0, recursive: [2])
            guard case .scan(let scan) = plan.steps[1] else { return nil }
            return scan.relation
        }
        #expect(try secondScan([4_000, 2_600_000, 1, 0]) == 0)
        #expect(try secondScan([4_000_000, 2_600_000, 1, 0]) == 1)
        // Without sizes, body order decides, as in evaluation.
        #expect(try secondScan(nil) == 1)
    }

    @Test func runtimeErrorsCarryTheRuleLocation() {
        let overflow = runScript("n(9223372036854775807).\nm(Y) :- n(X), Y = X + 1.\n?- m(Y).")
        #expect(overflow.status == .inputErrors)
        #expect(overflow.errors.contains("test.rl:2:15: error: overflow in 9223372036854775807 + 1 (in the rule at test.rl:2:1)"))
        let zero = runScript("n(0).\nm(Y) :- n(X), Y = 10 / X.\n?- m(Y).")
        #expect(zero.errors.contains("test.rl:2:15: error: division by zero"))
        let mismatch = runScript("n($5).\nm(Y) :- n(X), Y = X + 1.\n?- m(Y).")
        #expect(mismatch.errors.contains("cannot apply '+' to money $5 and integer 1"))
        let compare = runScript("n($5).\nm(X) :- n(X), X > 2026-01-01.\n?- m(Y).")
        #expect(compare.errors.contains("cannot compare money $5 with date 2026-01-01 using '>'"))
    }

    @Test func roundsRecordWhenEachTupleFirstAppeared() throws {
        let session = Session(today: .date(0))
        _ = session.load(SourceFile(path: "t", text: "e(1,2). e(2,3). e(3,4). p(X,Y) :- e(X,Y). p(X,Y) :- p(X,Z), e(Z,Y)."))
        let model = try session.model()
        let relation = try #require(model.relation(PredicateKey(name: "p", arity: 2)))
        var rounds: [String: Int] = [:]
        for r in 0..<relation.count {
            let t = relation.tuple(r).map { model.store[$0].description }
            rounds[t.joined(separator: "-")] = relation.round(of: r)
        }
        #expect(rounds["1-2"]! < rounds["1-3"]!)
        #expect(rounds["1-3"]! < rounds["1-4"]!)
        #expect(rounds["2-3"] == rounds["1-2"])
    }

    @Test func tupleLimitStopsRunawayPrograms() {
        let session = Session(today: .date(0))
        session.limits = EvaluationLimits(maxTuples: 1000)
        let result = runScript("n(0). n(Y) :- n(X), Y = X + 1.\n?- n(5).", in: session)
        #expect(result.status == .inputErrors)
        #expect(result.errors.contains("more than 1000 tuples derived"))
    }

    @Test func jsonLinesFormat() {
        let result = runScript("p(a, 1, $2M, \"s\"). p(b, 2.5, $3, \"t\").\n?- p(X, N, M, S).\n?- p(a, _, _, _).", format: .json)
        #expect(result.output == """
            {"kind":"query","query":"p(X, N, M, S)","columns":["X","N","M","S"],"rows":[["a",1,2000000,"s"],["b",2.5,3,"t"]]}
            {"kind":"query","query":"p(a, _, _, _)","answer":true}

            """)
        let bad = runScript("p(X).", format: .json, path: "b.rl")
        #expect(bad.output.hasPrefix(#"{"kind":"error","file":"b.rl","line":1,"column":3,"message":"a fact cannot contain variable 'X'"#))
    }

    @Test func failedLoadLeavesTheSessionAsItWas() throws {
        let session = Session(today: .date(0))
        _ = session.load(SourceFile(path: "good.rl", text: "p(a). q(X) :- p(X)."))
        let before = (session.program.clauses.count + session.program.factCount, session.program.files.count)
        let bad = session.load(SourceFile(path: "bad.rl", text: "p(b). q(X) :- r(X, Y). r(a)."))
        #expect(!bad.accepted)
        #expect(session.program.clauses.count + session.program.factCount == before.0 && session.program.files.count == before.1)
        let answer = try session.model().query([.positive(Atom(predicate: "q", args: [.variable("X", session.program.clauses[0].span)],
                                                                 span: session.program.clauses[0].span, nameSpan: session.program.clauses[0].span))])
        #expect(answer.rows == [[.symbol("a")]])
    }
}

@Suite struct SessionReportingTests {
    /// An arithmetic error in a query's aggregate value has no rule to blame;
    /// it must be an error, not a crash.
    @Test func arithmeticErrorInAQueryAggregateIsAnError() {
        let result = runScript("p($1). p(2).\n?- T = sum W : { p(V), W = V * 2 }.\n?- S = sum V : { p(V) }.\n")
        #expect(result.status == .inputErrors)
        #expect(result.errors.contains("cannot apply '+'"))
    }

    @Test func aStatementWarningIsReportedOnce() {
        let result = runScript("p(a).\n?- q(X).\n")
        #expect(result.errors.components(separatedBy: "warning: no fact or rule defines 'q/1'").count == 2)
        #expect(result.output == "?- q(X).\nno answers\n")
    }
}

/// A hash index answers the same rows as a scan, whatever its bucket count:
/// one-column keys size buckets by their largest id, and rows with larger
/// ids (colliding in the buckets until the index grows) keep coming.
@Suite struct HashIndexTests {
    static func chain(_ index: HashIndex, _ relation: Relation, key: UInt32) -> [Int] {
        let view = index.view
        var rows: [Int] = []
        var entry = view.heads[HashIndex.hash(count: 1) { _ in key } & view.bucketMask]
        while entry != 0 {
            let r = Int(entry) - 1
            if relation.row(r)[index.columns[0]] == key { rows.append(r) }
            entry = view.next[r]
        }
        return rows.sorted()
    }

    /// Bounded by reading the column, or by the store's size (`idsBelow`).
    @Test(arguments: [nil, 40]) func oneColumnIndexFindsEveryRowAsIdsGrowPastItsBuckets(idsBelow: Int?) {
        let relation = Relation(arity: 2)
        var random = PropertyTests.Random(state: 7)
        for i in 0..<300 { relation.insert([UInt32(random.below(40)), UInt32(i)], round: 0) }
        let index = relation.index(on: [0], idsBelow: idsBelow)
        // Ids far past the buckets the first 40 values needed, and many rows per id.
        for i in 300..<5000 { relation.insert([UInt32(random.below(i < 2000 ? 90 : 70_000)), UInt32(i)], round: 1) }
        var checked = 0
        for key in Set((0..<relation.count).map { relation.row($0)[0] }) {
            let scanned = (0..<relation.count).filter { relation.row($0)[0] == key }
            #expect(Self.chain(index, relation, key: key) == scanned, "key \(key)")
            checked += 1
        }
        #expect(checked > 1000)
        #expect(index.view.bucketMask + 1 <= 8192, "buckets stay within the rows: \(index.view.bucketMask + 1)")
    }
}
