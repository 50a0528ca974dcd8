import RedlineLanguage
import RedlineEngine

/// `how likely`, `what moves`, `why likely`, `timeline how likely` and
/// `compare ... with likelihoods`: questions about the worlds the uncertain
/// facts make (the distribution semantics), in the current world or a
/// what-if. Each question becomes a rule the engine solves
/// (`Likelihoods.solve`): exactly from lineage where it can, else by
/// enumerating or sampling worlds, and the answer says which.
extension Session {
    static let questionName = "likely@question"
    static let evidenceName = "likely@evidence"
    /// The proofs `why likely` lists.
    static let proofsShown = 5

    /// The program with a rule for the question and one for the evidence.
    /// A question of one atom with constants, in a world without
    /// interventions and without evidence, is asked of the goal-directed
    /// rewriting (`MagicSets`), which is exact in every world since it is
    /// exact for any facts; `plain` is then the question unrewritten, the
    /// verifying mode's oracle.
    private func problem(_ body: [Literal], given: [Evidence], interventions: [Intervention], date: Value,
                         span: SourceSpan) -> (problem: LikelihoodProblem, columns: [String], plain: LikelihoodProblem?) {
        func plain() -> (problem: LikelihoodProblem, columns: [String]) {
            problem(body, given: given, interventions: interventions, date: date, span: span)
        }
        guard interventions.isEmpty, program.evidence.isEmpty, given.isEmpty, body.count == 1, case .positive(let atom) = body[0],
              let rewritten = MagicSets.rewrite(atom, in: program) else {
            let question = plain()
            return (question.problem, question.columns, nil)
        }
        let (checked, diagnostics) = Checker.check(rewritten.program)
        guard !diagnostics.hasErrors else {
            let question = plain()
            return (question.problem, question.columns, nil)
        }
        // The rewritten query keeps the atom's variables, so its columns are the question's.
        let directed = problem([.positive(rewritten.query)], given: [], interventions: [], date: date, span: span,
                               base: (rewritten.program, checked))
        return (directed.problem, directed.columns, verifyWorlds ? plain().problem : nil)
    }

    private func problem(_ body: [Literal], given: [Evidence], interventions: [Intervention], date: Value, span: SourceSpan,
                         base: (program: Program, analysis: ProgramAnalysis)? = nil) -> (problem: LikelihoodProblem, columns: [String]) {
        let program = base?.program ?? self.program
        let written = base?.analysis ?? self.analysis
        var columns: [String] = []
        for literal in body {
            for (name, _) in Checker.variables(of: literal) where !name.hasPrefix("_") && !columns.contains(name) {
                if case .aggregate = literal, !Session.isBoundOutside(name, of: literal, in: body) { continue }
                columns.append(name)
            }
        }
        var extended = program
        let head = Atom(predicate: Session.questionName, args: columns.map { .variable($0, span) }, span: span, nameSpan: span)
        extended.clauses.append(Clause(head: head, body: body, span: span))
        let evidence = program.evidence + given
        var evidenceKey: PredicateKey?
        if !evidence.isEmpty {
            let literals: [Literal] = evidence.map { $0.holds ? .positive($0.atom) : .negative($0.atom, $0.span) }
            let atom = Atom(predicate: Session.evidenceName, args: [], span: span, nameSpan: span)
            extended.clauses.append(Clause(head: atom, body: literals, span: span))
            evidenceKey = atom.key
        }
        let analysis = Checker.analysis(ofTranslation: extended, written: written).analysis
        return (LikelihoodProblem(program: extended, analysis: analysis, question: head.key, evidence: evidenceKey,
                                  interventions: interventions, today: date, limits: limits), columns)
    }

    /// A line under an ordinary answer whose question reads relations with
    /// uncertain facts: they are left out of it, which a room must not
    /// read as "certainly not".
    func uncertainFactsLeftOut(by body: [Literal]) -> String? {
        guard !program.uncertain.isEmpty else { return nil }
        let uncertain = program.uncertainKeys
        let reads = Session.keys(of: body).contains { dependencyCone(of: $0).contains(where: uncertain.contains) }
        return reads ? "uncertain facts are left out of this answer; 'how likely' weighs them" : nil
    }

    /// Whether a variable of an aggregate is one the rest of the body binds (a group), not its own.
    private static func isBoundOutside(_ name: String, of aggregate: Literal, in body: [Literal]) -> Bool {
        if case .aggregate(let inner) = aggregate, inner.result.variables.contains(where: { $0.name == name }) { return true }
        return body.contains { literal in
            if case .aggregate = literal { return false }
            return Checker.variables(of: literal).contains { $0.name == name }
        }
    }

    /// Solves a problem; in the verifying mode, an exact answer over few
    /// worlds is checked against the enumeration of all of them, each world
    /// evaluated on its own: the simple path that is the lineage's oracle.
    private func solve(_ problem: LikelihoodProblem, span: SourceSpan, plain: LikelihoodProblem? = nil) throws(EvaluationError) -> LikelihoodSolution {
        let solution = try Likelihoods.solve(problem)
        guard verifyWorlds else { return solution }
        if let plain, case .exact = solution.method {
            let unrewritten = try Likelihoods.solve(plain)
            if case .exact = unrewritten.method { try Session.agree(solution, unrewritten, "the goal-directed", "the whole relation's", span: span) }
        }
        guard case .exact = solution.method, Likelihoods.worldCount(solution.choices) <= Session.verifiedWorlds else { return solution }
        let oracle = try Likelihoods.solve(problem, preferring: .enumerate)
        try Session.agree(solution, oracle, "the exact", "the enumeration of its worlds", span: span)
        return solution
    }

    /// Throws the verifying mode's internal error unless two solutions give every answer the same probability.
    private static func agree(_ solution: LikelihoodSolution, _ oracle: LikelihoodSolution, _ first: String, _ second: String,
                              span: SourceSpan) throws(EvaluationError) {
        var exact: [Fact: Double] = [:], enumerated: [Fact: Double] = [:]
        for (index, fact) in solution.answers.enumerated() { exact[fact] = solution.estimate([.answer(index)], given: [.evidence])?.value }
        for (index, fact) in oracle.answers.enumerated() { enumerated[fact] = oracle.estimate([.answer(index)], given: [.evidence])?.value }
        for fact in Set(exact.keys).union(enumerated.keys) {
            let a = exact[fact] ?? 0, b = enumerated[fact] ?? 0
            guard abs(a - b) <= 1e-9 else {
                throw EvaluationError(Session.worldMismatch + " (REDLINE_VERIFY_WORLDS): \(first) likelihood of \(fact) is \(a), \(second) gives \(b); please report it with the program", at: span)
            }
        }
    }

    /// Exact answers over at most this many worlds are checked in the verifying mode.
    static let verifiedWorlds = 256

    func likelihood(_ question: LikelihoodQuestion) throws(EvaluationError) -> StatementResult {
        let interventions = currentInterventions + (question.interventions ?? [])
        let date = question.date ?? currentDate
        switch question.kind {
        case .answers:
            let (problem, columns, plain) = problem(question.body, given: question.given, interventions: interventions, date: date, span: question.span)
            let solution = try solve(problem, span: question.span, plain: plain)
            try requirePossibleEvidence(solution, question)
            var ranked: [(row: [Value], estimate: LikelihoodEstimate)] = []
            for (index, fact) in solution.answers.enumerated() {
                guard let estimate = solution.estimate([.answer(index)], given: [.evidence]), estimate.value > 0 else { continue }
                ranked.append((fact.values, estimate))
            }
            // A question without variables is answered even where it holds in no world.
            if columns.isEmpty, ranked.isEmpty { ranked = [([], LikelihoodEstimate(value: 0, interval: nil))] }
            ranked.sort { a, b in
                a.estimate.value != b.estimate.value ? a.estimate.value > b.estimate.value : Fact.order(Fact("", a.row), Fact("", b.row))
            }
            let sampled = { if case .sampled = solution.method { return true } else { return false } }()
            var answer = QueryAnswer(columns: columns + ["likelihood"] + (sampled ? ["low", "high"] : []),
                                     rows: ranked.map { $0.row + [probability($0.estimate.value)] + (sampled ? interval($0.estimate) : []) })
            for column in columns.count..<answer.columns.count { answer.styles[column] = .likelihood }
            answer.note = methodNote(solution, given: question.given)
            answer.method = reported(solution)
            return .answer(answer)
        case .movers:
            return .answer(try movers(question, interventions: interventions, date: date))
        case .proofs:
            return .answer(try proofs(question, interventions: interventions, date: date))
        case .timeline(let from, let to):
            return .answer(try likelihoodTimeline(question, from: from.groundValue!, to: to.groundValue!, interventions: interventions))
        }
    }

    private func requirePossibleEvidence(_ solution: LikelihoodSolution, _ question: LikelihoodQuestion) throws(EvaluationError) {
        guard solution.estimate([.evidence]) == nil || solution.estimate([.evidence])?.value == 0 else { return }
        throw EvaluationError("what is given (\(evidenceText(question.given))) \(impossibility(solution)); nothing can be conditioned on it", at: question.span)
    }

    private func evidenceText(_ given: [Evidence] = []) -> String {
        (program.evidence + given).map { ($0.holds ? "" : "not ") + $0.atom.span.text }.joined(separator: ", ")
    }

    /// Why evidence whose probability is 0 cannot be conditioned on.
    private func impossibility(_ solution: LikelihoodSolution) -> String {
        if case .sampled(let worlds, _) = solution.method {
            return "held in none of the \(worlds) sampled worlds: it is too unlikely to condition on by sampling"
        }
        if solution.evidenceMayHold { return "is too unlikely to compute with (its probability is below 1e-308)" }
        return "cannot hold in any world"
    }

    /// `what moves q(a)?`: each uncertain fact that bears on `q(a)`, with
    /// q(a)'s probability when the fact is made certain true and certain
    /// false (conditioned on it, or on its absence), the largest swing first.
    private func movers(_ question: LikelihoodQuestion, interventions: [Intervention], date: Value) throws(EvaluationError) -> QueryAnswer {
        let (problem, _, plain) = problem(question.body, given: question.given, interventions: interventions, date: date, span: question.span)
        let solution = try solve(problem, span: question.span, plain: plain)
        try requirePossibleEvidence(solution, question)
        let holds: [LikelihoodEvent] = solution.answers.isEmpty ? [] : [.answer(0)]
        func estimate(_ given: [LikelihoodEvent]) -> Double? {
            holds.isEmpty ? (solution.estimate([], given: given) == nil ? nil : 0) : solution.estimate(holds, given: given)?.value
        }
        var rows: [(fact: String, now: Double, ifTrue: Double?, ifFalse: Double?, swing: Double)] = []
        for (fact, ref) in solution.uncertainFacts {
            let holdsNow = LikelihoodEvent.fact(ref, holds: true), not = LikelihoodEvent.fact(ref, holds: false)
            let now = solution.estimate([holdsNow], given: [.evidence])?.value ?? 0
            let ifTrue = estimate([.evidence, holdsNow]), ifFalse = estimate([.evidence, not])
            let swing = abs((ifTrue ?? 0) - (ifFalse ?? 0))
            guard ifTrue != nil && ifFalse != nil && swing > 1e-12 else { continue }
            rows.append((fact.description, now, ifTrue, ifFalse, swing))
        }
        rows.sort { $0.swing != $1.swing ? $0.swing > $1.swing : $0.fact < $1.fact }
        var answer = QueryAnswer(columns: ["uncertain_fact", "likelihood", "if_true", "if_false", "swing"],
                                 rows: rows.map { [.string($0.fact), probability($0.now), probability($0.ifTrue ?? 0),
                                                   probability($0.ifFalse ?? 0), probability($0.swing)] },
                                 noun: "uncertain fact")
        answer.styles = [0: .text, 1: .likelihood, 2: .likelihood, 3: .likelihood, 4: .likelihood]
        let target = question.body.first.map { $0.span.text } ?? ""
        let now = estimate([.evidence]) ?? 0
        answer.note = "\(target) is \(text(of: now)) likely; " + methodNote(solution, given: question.given)
        answer.method = reported(solution)
        if rows.isEmpty { answer.note! += "; no uncertain fact changes it" }
        if case .sampled = solution.method { answer.note! += "; each swing is estimated from the sampled worlds where the fact holds, or does not" }
        return answer
    }

    /// `why likely q(a)?`: the proofs of q(a) down to uncertain facts, the
    /// most likely first, each with the probability that it holds.
    private func proofs(_ question: LikelihoodQuestion, interventions: [Intervention], date: Value) throws(EvaluationError) -> QueryAnswer {
        let (problem, _, plain) = problem(question.body, given: question.given, interventions: interventions, date: date, span: question.span)
        let solution = try solve(problem, span: question.span, plain: plain)
        try requirePossibleEvidence(solution, question)
        guard case .exact = solution.method else {
            throw EvaluationError("'why likely' shows proofs where the likelihood comes from lineage; this one is computed from whole worlds (\(methodOnly(solution))), since an aggregate or a computed argument reads uncertain facts", at: question.span)
        }
        let target = question.body.first.map { $0.span.text } ?? ""
        guard !solution.answers.isEmpty, let total = solution.estimate([.answer(0)], given: [.evidence])?.value, total > 0 else {
            var answer = QueryAnswer(columns: ["proof", "likelihood"], rows: [], noun: "proof")
            answer.note = "\(target) holds in no world"
            return answer
        }
        let proofs = solution.proofs(of: 0, given: [.evidence], limit: Session.proofsShown)
        var answer = QueryAnswer(columns: ["proof", "likelihood"],
                                 rows: proofs.map { [.string($0.proof.isEmpty ? "(certain)" : $0.proof.joined(separator: ", ")), probability($0.probability)] },
                                 noun: "proof")
        answer.styles = [0: .text, 1: .likelihood]
        answer.note = "\(target) is \(text(of: total)) likely (\(methodNote(solution, given: question.given))); proofs can hold together, so their likelihoods need not add up to it"
        answer.method = reported(solution)
        return answer
    }

    /// `timeline how likely q(a) from D1 to D2.`: the probability on the
    /// first day, and on each day it changes.
    private func likelihoodTimeline(_ question: LikelihoodQuestion, from: Value, to: Value,
                                    interventions: [Intervention]) throws(EvaluationError) -> QueryAnswer {
        guard case .date(let first) = from, case .date(let last) = to, first <= last else {
            throw EvaluationError("'timeline' needs the first date before the second", at: question.span)
        }
        guard last - first <= Session.maxTimelineDays else {
            throw EvaluationError("'timeline' covers at most \(Session.maxTimelineDays) days; narrow the range", at: question.span)
        }
        // The days on which anything can change, with every uncertain fact in (TimelineChangeDays.swift).
        let everything = program.uncertain.flatMap(\.alternatives).map { Intervention(atom: $0.atom, isNegated: false, span: $0.atom.span) }
        let keys = Set(question.body.flatMap(Checker.atoms(in:)).map(\.key))
        let cone = keys.reduce(into: Set<PredicateKey>()) { $0.formUnion(dependencyCone(of: $1)) }
        let possible = try Evaluator.evaluate(program, analysis: analysis, today: from, limits: limits,
                                              interventions: InterventionSet(everything + interventions, in: program), cone: cone)
        let changeDays = incrementalWorlds ? self.changeDays(in: program, cone: cone, model: possible) : nil
        var rows: [[Value]] = []
        var previous: Double?
        var note = ""
        for day in first...last {
            try limits.check()
            if previous != nil, let changeDays, !changeDays.contains(day) { continue }
            let (problem, _, plain) = problem(question.body, given: question.given, interventions: interventions, date: .date(day), span: question.span)
            let solution = try solve(problem, span: question.span, plain: plain)
            try requirePossibleEvidence(solution, question)
            let value = solution.answers.isEmpty ? 0 : solution.estimate([.answer(0)], given: [.evidence])?.value ?? 0
            // The note of a day where it can hold: the first day's may know of no uncertain fact yet.
            if note.isEmpty || value > 0 { note = methodNote(solution, given: question.given) }
            guard previous.map({ abs($0 - value) > 1e-12 }) ?? true else { continue }
            rows.append([.date(day), probability(value)])
            previous = value
        }
        var answer = QueryAnswer(columns: ["from", "likelihood"], rows: rows, noun: "date")
        answer.styles = [1: .likelihood]
        answer.note = note
        return answer
    }

    /// `compare a, b with likelihoods.`: the probability of each outcome in
    /// each world (the baseline first); rows that are the same everywhere
    /// only with `compare all`.
    func compareLikelihoods(_ names: [String], all: Bool, span: SourceSpan) throws(EvaluationError) -> QueryAnswer {
        var worlds: [(name: String, interventions: [Intervention], date: Value)] = [("baseline", [], baselineDate)]
        for name in names where name != "baseline" {
            guard let scenario = scenario(named: name) else { throw EvaluationError(unknownScenarioMessage(name), at: span) }
            worlds.append((name, scenario.interventions, scenario.date ?? baselineDate))
        }
        var rows: [[Value]] = []
        var sampled: String?
        for key in program.outcomeKeys(analysis) {
            let atom = Atom(predicate: key.name, args: (0..<key.arity).map { .variable("X\($0)", span) }, span: span, nameSpan: span)
            var table: [Fact: [Double]] = [:]
            for (index, world) in worlds.enumerated() {
                let (problem, _, plain) = problem([.positive(atom)], given: [], interventions: world.interventions, date: world.date, span: span)
                let solution = try solve(problem, span: span, plain: plain)
                if case .sampled = solution.method { sampled = methodNote(solution) }
                if !program.evidence.isEmpty, (solution.estimate([.evidence])?.value ?? 0) == 0 {
                    throw EvaluationError("in world \(world.name), what is given (\(evidenceText())) \(impossibility(solution)); its likelihoods cannot be conditioned on it", at: span)
                }
                for (answer, fact) in solution.answers.enumerated() {
                    guard let value = solution.estimate([.answer(answer)], given: [.evidence])?.value, value > 0 else { continue }
                    table[Fact(key.name, fact.values), default: Array(repeating: 0, count: worlds.count)][index] = value
                }
            }
            for fact in table.keys.sorted(by: Fact.order) {
                let values = table[fact]!
                guard all || values.contains(where: { abs($0 - values[0]) > 1e-12 }) else { continue }
                rows.append([.string(fact.description)] + values.map(probability))
            }
        }
        // A world at another date than the baseline says so in its column.
        let headers = worlds.map { $0.date == baselineDate ? $0.name : "\($0.name) at \($0.date)" }
        var answer = QueryAnswer(columns: ["outcome"] + headers, rows: rows, noun: "outcome")
        answer.styles[0] = .text
        for column in 1...worlds.count { answer.styles[column] = .likelihood }
        answer.note = sampled.map { "some " + $0 } ?? "exact"
        return answer
    }

    // MARK: - Writing probabilities

    /// A probability as a value: a number to twelve decimals, what JSON
    /// and CSV carry (tables write it as a percentage, or to six decimals).
    func probability(_ value: Double) -> Value {
        .number(Exact(parsing: Substring(Session.decimal(min(1, max(0, value)), places: 12))) ?? Exact(0))
    }

    /// `value` rounded to `places` decimals, without trailing zeros.
    package static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let units = Int64((value * scale).rounded())
        let whole = units / Int64(scale)
        var digits = String(units % Int64(scale))
        digits = String(repeating: "0", count: places - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole)" + (digits.isEmpty ? "" : "." + digits)
    }

    /// The ends of a sampled estimate's 95% interval.
    private func interval(_ estimate: LikelihoodEstimate) -> [Value] {
        guard let interval = estimate.interval else { return [probability(estimate.value), probability(estimate.value)] }
        return [probability(interval.lowerBound), probability(interval.upperBound)]
    }

    /// `42.5%`, for prose.
    func text(of value: Double) -> String { Session.percent(value) }

    /// A probability as a percentage to one decimal: `42.5%`.
    package static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The method as the note counts it: for lineage, the choices it depends on.
    func reported(_ solution: LikelihoodSolution) -> LikelihoodMethod {
        guard case .exact(let relevant) = solution.method else { return solution.method }
        return .exact(choices: solution.choicesThatMatter ?? relevant)
    }

    /// How a solution was computed, and what it is conditioned on.
    func methodNote(_ solution: LikelihoodSolution, given: [Evidence] = []) -> String {
        let evidence = program.evidence + given
        let conditioned = evidence.isEmpty ? "" : "; given " + evidence.map { ($0.holds ? "" : "not ") + $0.atom.span.text }.joined(separator: ", ")
        return methodOnly(solution) + conditioned
    }

    private func methodOnly(_ solution: LikelihoodSolution) -> String {
        switch solution.method {
        case .exact(let relevant):
            let choices = solution.choicesThatMatter ?? relevant
            return choices == 0 ? "certain: no uncertain fact bears on it" : "exact, over \(count(choices, "uncertain choice")) that bear\(choices == 1 ? "s" : "") on it"
        case .enumerated(let worlds):
            return "exact, by evaluating all \(count(worlds, "world")) of the uncertain facts that bear on it"
        case .sampled(let worlds, let seed):
            return "estimated from \(count(worlds, "sampled world")) (seed \(seed)); 'low' to 'high' is the 95% interval"
        }
    }
}
