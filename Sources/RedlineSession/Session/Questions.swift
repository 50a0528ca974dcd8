import RedlineLanguage
import RedlineEngine
/// What a question evaluates: the dependency cone of what it asks, or, for
/// one atom with constants, only what those constants reach.
extension Session {
    /// A model of the current world that holds every relation `keys` depend
    /// on (a query's, `why`'s, `expect`'s predicates): the whole model when
    /// it is evaluated, else only that dependency cone, kept and grown as
    /// more questions come. A heavy relation elsewhere in the program then
    /// costs nothing until something asks for it, and after Ctrl-C stops
    /// one, an unrelated question is as fast as ever. Relations outside the
    /// cone are empty in it: only what `keys` depend on may be read.
    func model(answering keys: Set<PredicateKey>) throws(EvaluationError) -> Model {
        if let cachedModel { return cachedModel }
        var cone = keys.reduce(into: Set<PredicateKey>()) { $0.formUnion(dependencyCone(of: $1)) }
        // `why` cites sources and sentences, and marks assumptions.
        for name in ["source", "sentence", "assumption"] { cone.insert(PredicateKey(name: name, arity: 2)) }
        if let cachedCone {
            if cachedCone.keys.isSuperset(of: cone) { return cachedCone.model }
            cone.formUnion(cachedCone.keys)
        }
        let everything = Set(analysis.strata.joined()).union(program.factKeys)
        if cone.isSuperset(of: everything) { return try model() }
        // The model before a change of date or world lends what the change cannot reach.
        let model = try timedEvaluation(cone: cone, reusing: formerLender)
        try verifyCone(model, cone: cone)
        cachedCone = (cone, model)
        cachedModelGeneration = programGeneration
        return model
    }

    /// A query's answer: from the model when it is evaluated; goal-directed
    /// (`MagicSets`) for one atom with constants over positive rules in a
    /// world without interventions; else from the dependency cone. In the
    /// verifying mode a goal-directed answer is checked against the cone's.
    func answer(_ body: [Literal]) throws(EvaluationError) -> QueryAnswer {
        if cachedModel == nil, cachedCone == nil || !cachedCone!.keys.isSuperset(of: Session.keys(of: body)),
           currentInterventions.isEmpty, body.count == 1, case .positive(let atom) = body[0],
           let rewritten = MagicSets.rewrite(atom, in: program) {
            let (checked, diagnostics) = Checker.check(rewritten.program)
            if !diagnostics.hasErrors {
                let magic = try timedEvaluation(of: rewritten.program, analysis: checked, cone: rewritten.keys,
                                                borrowingFactsFrom: modelAtHand)
                let goalDirected = try magic.query([.positive(rewritten.query)])
                // The oracle may pass a limit the goal-directed answer keeps
                // within (the whole cone is bigger): then there is nothing to
                // compare, and the verifying mode must not change the answer.
                if verifyWorlds, let fromCone = try Session.unlessItFails({ () throws(EvaluationError) in
                    try model(answering: Session.keys(of: body)).query(body)
                }) {
                    guard fromCone == goalDirected else {
                        throw EvaluationError(Session.worldMismatch + " (REDLINE_VERIFY_WORLDS): the goal-directed answer to a query differs from its dependency cone's; please report it with the program", at: nil)
                    }
                }
                return goalDirected
            }
        }
        return try model(answering: Session.keys(of: body)).query(body)
    }

    /// The oracle's answer, or nil when it fails for a reason of its own (a
    /// limit, a runtime error in what the goal-directed path never reads);
    /// an interruption still stops the statement.
    static func unlessItFails<T>(_ oracle: () throws(EvaluationError) -> T) throws(EvaluationError) -> T? {
        do { return try oracle() } catch {
            if error.isInterruption { throw error }
            return nil
        }
    }

    /// A query of one atom of a relation with kinds says of each answer
    /// whether it holds definitely or defeasibly, in a last column `kind`.
    func withKinds(_ answer: QueryAnswer, of body: [Literal],
                   asking: ([Literal]) throws(EvaluationError) -> QueryAnswer) throws(EvaluationError) -> QueryAnswer {
        guard body.count == 1, case .positive(let atom) = body[0], program.layered.contains(atom.key), answer.isYes else { return answer }
        let definite = Atom(predicate: DefeasibleNames.definitely(atom.predicate), args: atom.args, span: atom.span, nameSpan: atom.nameSpan)
        let definitely = Set(try asking([.positive(definite)]).rows)
        var result = answer
        result.columns.append("kind")
        result.rows = answer.rows.map { $0 + [.symbol(definitely.contains($0) ? "definitely" : "defeasibly")] }
        return result
    }

    static func keys(of body: [Literal]) -> Set<PredicateKey> {
        Set(body.flatMap(Checker.atoms(in:)).map(\.key))
    }
}
