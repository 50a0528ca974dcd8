import RedlineLanguage

/// A what-if world: the base model's program with interventions, at a date.
/// The engine builds it on the base model in place when it can (the rows it
/// derives appended to the base's relations, the rows it loses marked dead;
/// see IncrementalEvaluator.swift) and otherwise evaluates it again,
/// borrowing from the base every relation the interventions cannot reach.
///
/// A world built in place holds the base's relations changed; it undoes the
/// change when it ends, so the base model is as it was. It is non-copyable
/// for that reason: one owner, one end. Ask it questions while it lives;
/// its model is lent to a closure (`reading`), never handed out, so no
/// reference outlives the rows it reads.
package struct World: ~Copyable {
    private let model: Model
    private let base: Model
    /// Each relation of the base with its row count before, for a world built in place.
    private let undo: [(relation: Relation, count: Int)]

    init(model: Model, base: Model, undo: [(relation: Relation, count: Int)] = []) {
        self.model = model
        self.base = base
        self.undo = undo
    }

    deinit {
        for (relation, count) in undo { relation.rollBack(to: count) }
    }

    /// Whether the world was built on the base model in place.
    package var isBuiltInPlace: Bool { !undo.isEmpty }

    package func query(_ body: [Literal]) throws(EvaluationError) -> QueryAnswer { try model.query(body) }

    package func facts(of key: PredicateKey) -> [Fact] { model.facts(of: key) }

    /// What the world changed against its base, relation by relation.
    package func changes(over keys: [PredicateKey]) -> [PredicateKey: WorldChanges] { model.changes(against: base, over: keys) }

    /// The world's model, for the length of `body` (a check against
    /// evaluation from scratch, a diff built by the caller).
    package func reading<Result, Failure: Error>(_ body: (Model) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(model)
    }
}

extension Model {
    /// The world of this model with `changes` applied; `interventions` are
    /// all of the world's (this model's own included, later overriding
    /// earlier), `date` its evaluation date. Built in place when `inPlace`
    /// allows it and the date is this model's; otherwise evaluated again,
    /// borrowing relations from this model when `inPlace` allows that.
    package func world(applying changes: [Intervention], interventions: [Intervention], at date: Value,
                       analysis: ProgramAnalysis, limits: EvaluationLimits, inPlace: Bool = true) throws(EvaluationError) -> World {
        let all = InterventionSet(interventions, in: program)
        let changes = DefeasibleLogic.interventions(changes, in: program)
        if inPlace, date == today,
           let world = try Evaluator.builtInPlace(on: self, applying: changes, interventions: all, analysis: analysis, limits: limits) {
            return world
        }
        let evaluated = try Evaluator.evaluate(program, analysis: analysis, today: date, limits: limits, interventions: all,
                                               reusing: inPlace ? self : nil)
        return World(model: evaluated, base: self)
    }
}
