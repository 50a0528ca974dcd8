import RedlineLanguage

/// A likelihood question as the engine takes it: the program with a rule
/// for the question (`question`, one fact per answer) and, when something is
/// given, a rule for the evidence (`evidence`, a fact of no arguments).
package struct LikelihoodProblem {
    package let program: Program
    package let analysis: ProgramAnalysis
    package let question: PredicateKey
    package let evidence: PredicateKey?
    /// The world's interventions: what they force is certain.
    package let interventions: [Intervention]
    package let today: Value
    package let limits: EvaluationLimits

    package init(program: Program, analysis: ProgramAnalysis, question: PredicateKey, evidence: PredicateKey?,
                 interventions: [Intervention], today: Value, limits: EvaluationLimits) {
        self.program = program
        self.analysis = analysis
        self.question = question
        self.evidence = evidence
        self.interventions = interventions
        self.today = today
        self.limits = limits
    }
}

/// How a likelihood was computed.
package enum LikelihoodMethod: Sendable, Equatable {
    /// From the lineage of each answer over this many uncertain choices.
    case exact(choices: Int)
    /// By evaluating every world of the choices that matter.
    case enumerated(worlds: Int)
    /// From this many worlds drawn at random with this seed.
    case sampled(worlds: Int, seed: UInt64)
}

/// Something that holds or not in each world.
package enum LikelihoodEvent: Sendable, Hashable {
    case answer(Int)
    case evidence
    /// An uncertain fact holds (some choice that can pick it does), or (`holds: false`) does not.
    case fact(UncertainFactRef, holds: Bool)
}

package struct LikelihoodEstimate: Sendable {
    package let value: Double
    /// For sampled worlds: the 95% (Wilson score) interval.
    package let interval: ClosedRange<Double>?

    package init(value: Double, interval: ClosedRange<Double>?) {
        self.value = value
        self.interval = interval
    }
}

/// An uncertain fact, as the alternatives of the solution's choices that state it.
package struct UncertainFactRef: Sendable, Hashable {
    package struct Alternative: Sendable, Hashable {
        package let choice: Int
        package let alternative: Int
    }
    package let alternatives: [Alternative]
}

/// An uncertain choice that can bear on the question.
package struct RelevantChoice: Sendable {
    /// Its place in `Program.uncertain`.
    package let index: Int
    package let choice: UncertainChoice
}

/// What one evaluation of a likelihood question found, from which the
/// probability of any combination of answers, evidence and choices follows.
package final class LikelihoodSolution {
    package let method: LikelihoodMethod
    /// Every answer that holds in some world, in answer order.
    package let answers: [Fact]
    package let choices: [RelevantChoice]

    fileprivate enum Store {
        case lineage(Lineage)
        case worlds([WorldOutcome])
    }
    fileprivate let store: Store

    fileprivate init(method: LikelihoodMethod, answers: [Fact], choices: [RelevantChoice], store: Store) {
        self.method = method
        self.answers = answers
        self.choices = choices
        self.store = store
    }

    /// The probability of every event of `events` given every one of
    /// `given`; nil when what is given cannot hold.
    package func estimate(_ events: [LikelihoodEvent], given: [LikelihoodEvent] = []) -> LikelihoodEstimate? {
        switch store {
        case .lineage(let lineage):
            guard let both = try? lineage.node(of: events + given), let condition = try? lineage.node(of: given) else { return nil }
            let denominator = lineage.diagram.probability(condition, lineage.probabilities)
            guard denominator > 0 else { return nil }
            let value = lineage.diagram.probability(both, lineage.probabilities) / denominator
            return LikelihoodEstimate(value: min(1, max(0, value)), interval: nil)
        case .worlds(let worlds):
            var numerator = 0.0, denominator = 0.0, count = 0
            for world in worlds where given.allSatisfy(world.has) {
                denominator += world.weight
                count += 1
                if events.allSatisfy(world.has) { numerator += world.weight }
            }
            guard denominator > 0 else { return nil }
            let value = min(1, max(0, numerator / denominator))
            guard case .sampled = method else { return LikelihoodEstimate(value: value, interval: nil) }
            return LikelihoodEstimate(value: value, interval: Likelihoods.wilson(value, count: count))
        }
    }

    /// The proofs of answer `answer`: each a smallest set of uncertain
    /// facts that hold and that do not under which the answer holds (a
    /// prime implicant of its lineage), most likely first, with the
    /// probability that each holds given `given`. Empty unless the
    /// solution comes from lineage.
    package func proofs(of answer: Int, given: [LikelihoodEvent], limit: Int) -> [(proof: [String], probability: Double)] {
        guard case .lineage(let lineage) = store, let condition = try? lineage.node(of: given),
              let target = try? lineage.node(of: [.answer(answer)]) else { return [] }
        let denominator = lineage.diagram.probability(condition, lineage.probabilities)
        guard denominator > 0 else { return [] }
        var ranked: [(proof: [String], probability: Double)] = []
        var seen = Set<[String]>()
        let facts = uncertainFacts
        var factOf: [UncertainFactRef.Alternative: Int] = [:]
        for (index, fact) in facts.enumerated() {
            for alternative in fact.ref.alternatives { factOf[alternative] = index }
        }
        for term in lineage.implicants(of: target) {
            // Read at the level of facts: a fact stated in several choices holds when any picks it.
            var holds: [Int: Bool] = [:]
            for leaf in term {
                guard let index = factOf[.init(choice: leaf.choice, alternative: leaf.alternative)] else { continue }
                holds[index] = (holds[index] ?? false) || leaf.picked
            }
            let events = holds.map { LikelihoodEvent.fact(facts[$0.key].ref, holds: $0.value) }
            guard let node = try? lineage.node(of: events), let negated = try? lineage.diagram.not(target),
                  let counter = try? lineage.diagram.and(node, negated), counter == DecisionDiagram.falseNode,
                  let both = try? lineage.diagram.and(node, condition) else { continue }
            let probability = lineage.diagram.probability(both, lineage.probabilities) / denominator
            let proof = holds.map { ($0.value ? "" : "not ") + facts[$0.key].fact.description }.sorted()
            guard probability > 0, seen.insert(proof).inserted else { continue }
            ranked.append((proof, probability))
        }
        ranked.sort { $0.probability != $1.probability ? $0.probability > $1.probability : $0.proof.lexicographicallyPrecedes($1.proof) }
        return Array(ranked.prefix(limit))
    }

    /// The uncertain facts of the relevant choices, each once (a fact
    /// stated in several choices holds when any picks it), in order of
    /// first statement.
    package var uncertainFacts: [(fact: Fact, ref: UncertainFactRef)] {
        var order: [Fact] = []
        var refs: [Fact: [UncertainFactRef.Alternative]] = [:]
        for (choice, relevant) in choices.enumerated() {
            for (index, alternative) in relevant.choice.alternatives.enumerated() {
                guard let fact = alternative.atom.groundFact else { continue }
                if refs[fact] == nil { order.append(fact) }
                refs[fact, default: []].append(.init(choice: choice, alternative: index))
            }
        }
        return order.map { ($0, UncertainFactRef(alternatives: refs[$0]!)) }
    }

    /// Whether the evidence holds in some world, whatever its probability
    /// (which may be too small for a double).
    package var evidenceMayHold: Bool {
        switch store {
        case .lineage(let lineage):
            guard let key = lineage.evidenceKey else { return true }
            return lineage.node(of: Fact(key.name, [])) != DecisionDiagram.falseNode
        case .worlds(let worlds):
            return worlds.contains { $0.evidence }
        }
    }

    /// For an exact solution, how many of the choices the answers and the
    /// evidence depend on; nil otherwise.
    package var choicesThatMatter: Int? {
        guard case .lineage(let lineage) = store else { return nil }
        var variables = Set<Int>()
        for index in answers.indices { variables.formUnion(lineage.diagram.support(lineage.node(of: answers[index]))) }
        if let key = lineage.evidenceKey { variables.formUnion(lineage.diagram.support(lineage.node(of: Fact(key.name, [])))) }
        return Set(variables.map { lineage.owners[$0].choice }).count
    }
}

/// One enumerated or sampled world: which alternative each choice picked
/// (-1: none), which answers held, whether the evidence did.
fileprivate struct WorldOutcome {
    let weight: Double
    let picks: [Int]
    let answers: Set<Int>
    let evidence: Bool

    func has(_ event: LikelihoodEvent) -> Bool {
        switch event {
        case .answer(let index): return answers.contains(index)
        case .evidence: return evidence
        case .fact(let fact, let holds): return fact.alternatives.contains { picks[$0.choice] == $0.alternative } == holds
        }
    }
}

package enum Likelihoods {
    /// Enumerating more worlds than this costs more than sampling them.
    package static let enumerationLimit = 4096
    package static let samples = 10_000
    package static let seed: UInt64 = 1

    package enum Preference: Sendable {
        /// Exact when lineage allows; else every world when they are few; else samples.
        case best
        case enumerate
        case sample(worlds: Int, seed: UInt64)
    }

    /// Solves `problem` by the preferred method, falling back as `best` says.
    package static func solve(_ problem: LikelihoodProblem, preferring preference: Preference = .best) throws(EvaluationError) -> LikelihoodSolution {
        let targets = Set([problem.question] + (problem.evidence.map { [$0] } ?? []))
        let cone = LineageRewriting.dependencyCone(of: targets, in: problem.program)
        let user = InterventionSet(problem.interventions, in: problem.program)
        var relevant: [RelevantChoice] = []
        for (index, choice) in problem.program.uncertain.enumerated() {
            let keys = choice.alternatives.flatMap { expanded($0.atom, in: problem.program).map(\.key) }
            if keys.contains(where: cone.contains) { relevant.append(RelevantChoice(index: index, choice: decided(choice, by: user))) }
        }
        switch preference {
        case .best:
            if let solution = try exact(problem, choices: relevant, user: user, targets: targets) { return solution }
            if worldCount(relevant) <= enumerationLimit { return try worlds(problem, choices: relevant, cone: cone, sampling: nil) }
            return try worlds(problem, choices: relevant, cone: cone, sampling: (samples, seed))
        case .enumerate:
            return try worlds(problem, choices: relevant, cone: cone, sampling: nil)
        case .sample(let count, let seed):
            return try worlds(problem, choices: relevant, cone: cone, sampling: (count, seed))
        }
    }

    /// A choice as the world's interventions leave it. An alternative
    /// forced true is what the choice picked, so the others cannot hold; an
    /// alternative retracted is one it did not pick, so the others keep
    /// their odds among themselves and none (conditioning on the choice,
    /// as `given` and `what moves` do).
    static func decided(_ choice: UncertainChoice, by interventions: InterventionSet) -> UncertainChoice {
        func forced(_ atom: Atom) -> Bool { atom.groundFact.map { interventions.isForced($0.key, $0.values) != nil } ?? false }
        func blocked(_ atom: Atom) -> Bool { atom.groundFact.map { interventions.blocker(of: $0.key, $0.values) != nil } ?? false }
        if let picked = choice.alternatives.firstIndex(where: { forced($0.atom) }) {
            return UncertainChoice(alternatives: choice.alternatives.enumerated().map { index, alternative in
                .init(probability: index == picked ? 1 : 0, atom: alternative.atom)
            }, span: choice.span)
        }
        let excluded = choice.alternatives.filter { blocked($0.atom) }.reduce(0) { $0 + $1.probability }
        guard excluded > 0 else { return choice }
        let rest = 1 - excluded
        return UncertainChoice(alternatives: choice.alternatives.map { alternative in
            .init(probability: blocked(alternative.atom) || rest <= 1e-12 ? 0 : alternative.probability / rest, atom: alternative.atom)
        }, span: choice.span)
    }

    /// How many worlds the choices make.
    package static func worldCount(_ choices: [RelevantChoice]) -> Int {
        var count = 1
        for choice in choices {
            count = count.multipliedReportingOverflow(by: options(of: choice.choice).count).partialValue
            if count > Int(Int32.max) || count <= 0 { return Int(Int32.max) }
        }
        return count
    }

    /// The alternatives a choice can pick (-1: none), each with its probability.
    static func options(of choice: UncertainChoice) -> [(pick: Int, probability: Double)] {
        var options: [(Int, Double)] = []
        for (index, alternative) in choice.alternatives.enumerated() where alternative.probability > 0 {
            options.append((index, alternative.probability))
        }
        let rest = 1 - choice.alternatives.reduce(0) { $0 + $1.probability }
        if rest > 1e-12 { options.append((-1, rest)) }
        return options
    }

    /// An uncertain atom as the program's translation takes it.
    static func expanded(_ atom: Atom, in program: Program) -> [Atom] {
        DefeasibleLogic.interventions([Intervention(atom: atom, isNegated: false, span: atom.span)], in: program)
            .filter { !$0.isNegated }.map(\.atom)
    }

    // MARK: - Enumerated and sampled worlds

    private static func worlds(_ problem: LikelihoodProblem, choices: [RelevantChoice], cone: Set<PredicateKey>,
                               sampling: (count: Int, seed: UInt64)?) throws(EvaluationError) -> LikelihoodSolution {
        let cone = cone.union(Checker.builtins)
        let base = try Evaluator.evaluate(problem.program, analysis: problem.analysis, today: problem.today, limits: problem.limits,
                                          interventions: InterventionSet(problem.interventions, in: problem.program), cone: cone)
        let user = InterventionSet(problem.interventions, in: problem.program)
        let options = choices.map { Likelihoods.options(of: $0.choice) }
        var answers: [Fact] = []
        var answerIndex: [Fact: Int] = [:]
        var outcomes: [WorldOutcome] = []
        func visit(_ picks: [Int], weight: Double) throws(EvaluationError) {
            var chosen: [Intervention] = []
            for (choice, pick) in zip(choices, picks) where pick >= 0 {
                let atom = choice.choice.alternatives[pick].atom
                guard let fact = atom.groundFact, !user.decides(fact) else { continue }
                chosen.append(Intervention(atom: atom, isNegated: false, span: atom.span))
            }
            let world = try base.world(applying: chosen, interventions: problem.interventions + chosen, at: problem.today,
                                       analysis: problem.analysis, limits: problem.limits)
            var held = Set<Int>()
            for fact in world.facts(of: problem.question) {
                if let index = answerIndex[fact] {
                    held.insert(index)
                } else {
                    answerIndex[fact] = answers.count
                    held.insert(answers.count)
                    answers.append(fact)
                }
            }
            let evidence = problem.evidence.map { !world.facts(of: $0).isEmpty } ?? true
            outcomes.append(WorldOutcome(weight: weight, picks: picks, answers: held, evidence: evidence))
        }
        let method: LikelihoodMethod
        if let sampling {
            var generator = SplitMix64(seed: sampling.seed)
            for _ in 0..<sampling.count {
                var picks: [Int] = []
                picks.reserveCapacity(options.count)
                for list in options {
                    let draw = Double(generator.next() >> 11) / Double(1 << 53)
                    var cumulative = 0.0
                    var pick = list.last?.pick ?? -1
                    for option in list {
                        cumulative += option.probability
                        if draw < cumulative {
                            pick = option.pick
                            break
                        }
                    }
                    picks.append(pick)
                }
                try visit(picks, weight: 1)
            }
            method = .sampled(worlds: sampling.count, seed: sampling.seed)
        } else {
            var counter = [Int](repeating: 0, count: options.count)
            while true {
                var weight = 1.0
                var picks: [Int] = []
                for (list, at) in zip(options, counter) {
                    weight *= list[at].probability
                    picks.append(list[at].pick)
                }
                try visit(picks, weight: weight)
                var position = 0
                while position < counter.count {
                    counter[position] += 1
                    if counter[position] < options[position].count { break }
                    counter[position] = 0
                    position += 1
                }
                if position == counter.count { break }
            }
            method = .enumerated(worlds: outcomes.count)
        }
        let order = answers.indices.sorted { Model.rowOrder(answers[$0].values, answers[$1].values) }
        var renumber = [Int](repeating: 0, count: answers.count)
        for (new, old) in order.enumerated() { renumber[old] = new }
        let renumbered = outcomes.map {
            WorldOutcome(weight: $0.weight, picks: $0.picks, answers: Set($0.answers.map { renumber[$0] }), evidence: $0.evidence)
        }
        return LikelihoodSolution(method: method, answers: order.map { answers[$0] }, choices: choices, store: .worlds(renumbered))
    }

    /// The 95% Wilson score interval of a proportion from `count` draws.
    static func wilson(_ p: Double, count: Int) -> ClosedRange<Double> {
        let n = Double(count), z = 1.959963984540054
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return max(0, centre - half)...min(1, centre + half)
    }

    // MARK: - Lineage

    /// The exact solution, or nil when lineage cannot express the question
    /// (an aggregate over uncertain facts) or grows too large.
    private static func exact(_ problem: LikelihoodProblem, choices: [RelevantChoice], user: InterventionSet,
                              targets: Set<PredicateKey>) throws(EvaluationError) -> LikelihoodSolution? {
        let diagram = DecisionDiagram()
        var probabilities: [Double] = []
        var alternativeNodes: [[DecisionDiagram.Node]] = []
        var baseNodes: [Fact: DecisionDiagram.Node] = [:]
        var uncertainKeys = Set<PredicateKey>()
        var forcedAtoms: [Intervention] = []
        var owners: [(choice: Int, alternative: Int)] = []
        do {
            for relevant in choices {
                // Alternative i is picked when variables 1..i-1 are false and i is true:
                // P(i) = p_i / (1 - p_1 - ... - p_{i-1}) makes the picks exclusive with the written probabilities.
                var nodes: [DecisionDiagram.Node] = []
                var noneBefore = DecisionDiagram.trueNode
                var rest = 1.0
                for (index, alternative) in relevant.choice.alternatives.enumerated() {
                    owners.append((alternativeNodes.count, index))
                    let variable = try diagram.variable(probabilities.count)
                    probabilities.append(rest > 1e-12 ? min(1, alternative.probability / rest) : 0)
                    rest -= alternative.probability
                    let picked = try diagram.and(noneBefore, variable)
                    noneBefore = try diagram.and(noneBefore, try diagram.not(variable))
                    nodes.append(picked)
                    for atom in expanded(alternative.atom, in: problem.program) {
                        guard let fact = atom.groundFact, !user.decides(fact) else { continue }
                        uncertainKeys.insert(fact.key)
                        baseNodes[fact] = try diagram.or(baseNodes[fact] ?? DecisionDiagram.falseNode, picked)
                    }
                    forcedAtoms.append(Intervention(atom: alternative.atom, isNegated: false, span: alternative.atom.span))
                }
                alternativeNodes.append(nodes)
            }
        } catch { return nil }
        let rewriting = LineageRewriting.rewrite(problem.program, targets: targets, uncertainKeys: uncertainKeys)
        guard rewriting.unsupported == nil else { return nil }
        let analysis = Checker.analysis(ofTranslation: rewriting.program, written: problem.analysis).analysis
        // The cone as written: what a dropped `not` reads is still needed for its lineage.
        let cone = LineageRewriting.dependencyCone(of: targets, in: problem.program)
            .union(rewriting.instances.map(\.relation)).union(Checker.builtins)
        let possible = try Evaluator.evaluate(rewriting.program, analysis: analysis, today: problem.today, limits: problem.limits,
                                              interventions: InterventionSet(forcedAtoms.filter { !user.decides($0.atom.groundFact!) } + problem.interventions,
                                                                             in: rewriting.program),
                                              cone: cone)
        var certain = Set<Fact>()
        for (_, table) in problem.program.factTables where rewriting.uncertainRelations.contains(table.key) {
            for row in table.rows { certain.insert(Fact(table.key.name, Array(row))) }
        }
        let lineage = Lineage(diagram: diagram, probabilities: probabilities, model: possible, rewriting: rewriting,
                              user: user, certain: certain, base: baseNodes, alternatives: alternativeNodes, choices: choices)
        do {
            // The strata as written: the rewriting dropped the `not`s that order them.
            try lineage.compute(strata: problem.analysis.strata, limits: problem.limits)
        } catch let stop as EvaluationError {
            throw stop
        } catch {
            return nil
        }
        var answers: [Fact] = []
        for fact in possible.facts(of: problem.question).sorted(by: Fact.order) where lineage.node(of: fact) != DecisionDiagram.falseNode {
            answers.append(fact)
        }
        lineage.answers = answers
        lineage.evidenceKey = problem.evidence
        lineage.owners = owners
        return LikelihoodSolution(method: .exact(choices: choices.count), answers: answers, choices: choices, store: .lineage(lineage))
    }
}

/// The lineage of every possible fact of the uncertain relations in the
/// question's cone, computed stratum by stratum (see `LineageRewriting`).
fileprivate final class Lineage {
    let diagram: DecisionDiagram
    let probabilities: [Double]
    let model: Model
    let rewriting: LineageRewriting
    let user: InterventionSet
    let certain: Set<Fact>
    let base: [Fact: DecisionDiagram.Node]
    let alternatives: [[DecisionDiagram.Node]]
    let choices: [RelevantChoice]
    var nodes: [Fact: DecisionDiagram.Node] = [:]
    var byRelation: [PredicateKey: [Fact]] = [:]
    var answers: [Fact] = []
    var evidenceKey: PredicateKey?
    /// The choice and alternative of each variable.
    var owners: [(choice: Int, alternative: Int)] = []

    init(diagram: DecisionDiagram, probabilities: [Double], model: Model, rewriting: LineageRewriting, user: InterventionSet,
         certain: Set<Fact>, base: [Fact: DecisionDiagram.Node], alternatives: [[DecisionDiagram.Node]], choices: [RelevantChoice]) {
        self.diagram = diagram
        self.probabilities = probabilities
        self.model = model
        self.rewriting = rewriting
        self.user = user
        self.certain = certain
        self.base = base
        self.alternatives = alternatives
        self.choices = choices
    }

    /// What a fact holds on before any rule: certain, one of the uncertain alternatives, or nothing.
    func initial(_ fact: Fact) -> DecisionDiagram.Node {
        if certain.contains(fact) || user.isForced(fact.key, fact.values) != nil { return DecisionDiagram.trueNode }
        return base[fact] ?? DecisionDiagram.falseNode
    }

    /// Throws `DecisionDiagram.TooLarge`, or the limits' error when the
    /// question is interrupted or runs out of time.
    func compute(strata: [[PredicateKey]], limits: EvaluationLimits) throws {
        for key in rewriting.uncertainRelations {
            let facts = model.facts(of: key)
            byRelation[key] = facts
            for fact in facts { nodes[fact] = initial(fact) }
        }
        let byHead = Dictionary(grouping: rewriting.instances, by: \.clause.head.key)
        for stratum in strata {
            let keys = Set(stratum).intersection(rewriting.uncertainRelations)
            let rules = keys.sorted().flatMap { byHead[$0] ?? [] }
            guard !rules.isEmpty else { continue }
            try limits.check()
            let derivations = rules.flatMap(instances(of:))
            // Semi-naive: a derivation is computed again only when a fact of
            // this stratum that it reads has a new lineage. Lineage only
            // grows in a stratum (its rules read it positively), so each
            // head's lineage is the disjunction of its bodies so far, and
            // the iteration ends at the least fixpoint.
            var readers: [Fact: [Int]] = [:]
            for (index, derivation) in derivations.enumerated() {
                for group in derivation.positive {
                    for fact in group where keys.contains(fact.key) { readers[fact, default: []].append(index) }
                }
            }
            var pending = Array(derivations.indices)
            while !pending.isEmpty {
                try limits.check()
                var changed = Set<Fact>()
                for index in pending {
                    let derivation = derivations[index]
                    let body = try lineage(of: derivation)
                    let old = nodes[derivation.head] ?? initial(derivation.head)
                    let new = try diagram.or(old, body)
                    if new != old {
                        nodes[derivation.head] = new
                        changed.insert(derivation.head)
                    }
                }
                pending = Set(changed.flatMap { readers[$0] ?? [] }).sorted()
            }
        }
    }

    /// The lineage of a derivation's body: each positive group (the facts
    /// that may match one literal) and no negated fact.
    private func lineage(of derivation: (head: Fact, positive: [[Fact]], negative: [Fact])) throws(DecisionDiagram.TooLarge) -> DecisionDiagram.Node {
        var body = DecisionDiagram.trueNode
        for group in derivation.positive {
            var any = DecisionDiagram.falseNode
            for fact in group { any = try diagram.or(any, node(of: fact)) }
            body = try diagram.and(body, any)
            if body == DecisionDiagram.falseNode { return body }
        }
        for fact in derivation.negative {
            body = try diagram.and(body, try diagram.not(node(of: fact)))
            if body == DecisionDiagram.falseNode { return body }
        }
        return body
    }

    /// The instances of a rule as ground facts: the head, for each positive
    /// uncertain literal the facts that may match it (more than one where it
    /// has '_'), and the facts each negated one must not match.
    func instances(of rule: LineageRewriting.Instances) -> [(head: Fact, positive: [[Fact]], negative: [Fact])] {
        let arity = rule.clause.head.arity
        var result: [(Fact, [[Fact]], [Fact])] = []
        for row in model.tuples(of: rule.relation) {
            let head = Fact(rule.clause.head.predicate, Array(row.prefix(arity)))
            guard model.holds(head), user.isForced(head.key, head.values) == nil else { continue }
            var bindings: [String: Value] = [:]
            for (name, value) in zip(rule.variables, row.dropFirst(arity)) { bindings[name] = value }
            var positive: [[Fact]] = [], negative: [Fact] = []
            for (atom, negated) in rule.uncertainLiterals {
                let pattern: [Value?] = atom.args.map { term in
                    switch term {
                    case .variable(let name, _): return bindings[name]
                    case .constant(let value, _): return value
                    default: return nil
                    }
                }
                let matches: [Fact]
                if let values = pattern as? [Value] {
                    let fact = Fact(atom.predicate, values)
                    matches = nodes[fact] == nil ? [] : [fact]
                } else {
                    matches = (byRelation[atom.key] ?? []).filter { fact in
                        zip(pattern, fact.values).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
                    }
                }
                if negated { negative += matches } else { positive.append(matches) }
            }
            result.append((head, positive, negative))
        }
        return result
    }

    func node(of fact: Fact) -> DecisionDiagram.Node {
        if let node = nodes[fact] { return node }
        // A relation no uncertain fact reaches holds alike in every world.
        return rewriting.uncertainRelations.contains(fact.key) || !model.holds(fact) ? DecisionDiagram.falseNode : DecisionDiagram.trueNode
    }

    func node(of events: [LikelihoodEvent]) throws(DecisionDiagram.TooLarge) -> DecisionDiagram.Node {
        var result = DecisionDiagram.trueNode
        for event in events {
            let node: DecisionDiagram.Node
            switch event {
            case .answer(let index): node = self.node(of: answers[index])
            case .evidence:
                guard let evidenceKey else { continue }
                node = self.node(of: Fact(evidenceKey.name, []))
            case .fact(let fact, let holds):
                let picked = try self.node(of: fact)
                node = holds ? picked : try diagram.not(picked)
            }
            result = try diagram.and(result, node)
        }
        return result
    }

    /// Some choice picks one of the fact's alternatives.
    func node(of fact: UncertainFactRef) throws(DecisionDiagram.TooLarge) -> DecisionDiagram.Node {
        var any = DecisionDiagram.falseNode
        for alternative in fact.alternatives { any = try diagram.or(any, alternatives[alternative.choice][alternative.alternative]) }
        return any
    }

    /// A literal of a proof: a choice picks an alternative, or does not.
    struct Leaf: Hashable {
        let choice: Int
        let alternative: Int
        let picked: Bool
    }

    func node(of term: [Leaf]) throws(DecisionDiagram.TooLarge) -> DecisionDiagram.Node {
        var result = DecisionDiagram.trueNode
        for leaf in term {
            let picked = alternatives[leaf.choice][leaf.alternative]
            result = try diagram.and(result, leaf.picked ? picked : try diagram.not(picked))
        }
        return result
    }

    /// Paths of the diagram read, at most this many.
    static let pathsRead = 2000

    /// Prime implicants of `target` over the choices, from its diagram's
    /// paths to true: each path says, of each choice it tests, which
    /// alternatives it can still pick; a literal is then dropped while
    /// what is left still implies `target` (checked on the diagram).
    func implicants(of target: DecisionDiagram.Node) -> [[Leaf]] {
        var terms: [[Leaf]] = []
        var seen = Set<Set<Leaf>>()
        for path in diagram.paths(to: target, limit: Lineage.pathsRead) {
            var byChoice: [Int: [(alternative: Int, value: Bool)]] = [:]
            for (variable, value) in path {
                let owner = owners[variable]
                byChoice[owner.choice, default: []].append((owner.alternative, value))
            }
            var term: [Leaf] = []
            for (choice, assigned) in byChoice.sorted(by: { $0.key < $1.key }) {
                let count = choices[choice].choice.alternatives.count
                // Option i (or -1, none) is consistent when the path sets no
                // variable before i true and variable i, if set, true.
                func consistent(_ option: Int) -> Bool {
                    assigned.allSatisfy { a in
                        option < 0 ? !a.value : a.alternative < option ? !a.value : a.alternative == option ? a.value : true
                    }
                }
                let options = (-1..<count).filter(consistent)
                if options.count == 1, options[0] >= 0 {
                    term.append(Leaf(choice: choice, alternative: options[0], picked: true))
                } else {
                    for alternative in 0..<count where !options.contains(alternative) {
                        term.append(Leaf(choice: choice, alternative: alternative, picked: false))
                    }
                }
            }
            // Drop what the rest already implies the target without.
            var index = term.count - 1
            while index >= 0 {
                var shorter = term
                shorter.remove(at: index)
                if let node = try? node(of: shorter), let negated = try? diagram.not(target),
                   let counter = try? diagram.and(node, negated), counter == DecisionDiagram.falseNode {
                    term = shorter
                }
                index -= 1
            }
            if seen.insert(Set(term)).inserted { terms.append(term) }
        }
        return terms
    }
}

/// A small, fast generator whose sequence is fixed by its seed (Steele,
/// Lea and Flood, OOPSLA 2014): the same seed draws the same worlds on
/// every machine and run.
package struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension InterventionSet {
    /// Whether an intervention forces `fact` true or false: then no choice changes it.
    func decides(_ fact: Fact) -> Bool {
        isForced(fact.key, fact.values) != nil || blocker(of: fact.key, fact.values) != nil
    }
}
