import RedlineLanguage
/// The result of evaluating a program: every relation's tuples, with the
/// round in which each first appeared. Answers queries.
package final class Model {
    let store: ValueStore
    private(set) var relations: [Relation]
    private(set) var relationIds: [PredicateKey: Int]
    package let today: Value
    let limits: EvaluationLimits
    /// The program and interventions this model is of, for explanations.
    let program: Program
    let interventions: InterventionSet
    /// The relations evaluated, when only a dependency cone was; the others are empty.
    let cone: Set<PredicateKey>?
    var declarations: [String: RelationDeclaration] { program.relations }

    /// The model this one was extended from (`Evaluator.withChanges`):
    /// its rows are this model's first rows (some dead), with the same value ids.
    let base: Model?
    /// How many rows each relation had in `base`.
    let baseCounts: [Int]
    /// The model whose store this model's store copies and extends: an id
    /// of that model means the same value here, so rows compare by id.
    let idsAgreeWith: Model?

    init(store: ValueStore, relations: [Relation], relationIds: [PredicateKey: Int], today: Value, limits: EvaluationLimits,
         program: Program, interventions: InterventionSet, cone: Set<PredicateKey>? = nil, extending base: Model? = nil,
         baseCounts: [Int] = [], idsAgreeWith: Model? = nil, evaluatedTuples: Int? = nil) {
        self.cone = cone
        self.evaluatedTuples = evaluatedTuples
        self.base = base
        self.baseCounts = baseCounts
        self.idsAgreeWith = idsAgreeWith ?? base
        self.program = program
        self.interventions = interventions
        self.store = store
        self.relations = relations
        self.relationIds = relationIds
        self.today = today
        self.limits = limits
    }

    package var tupleCount: Int { relations.reduce(0) { $0 + $1.liveCount } }

    /// The tuples the evaluation of this model loaded or derived, without
    /// those a lender lent it (`Evaluator.evaluate(reusing:)`).
    package var evaluatedTupleCount: Int { evaluatedTuples ?? tupleCount }
    private let evaluatedTuples: Int?

    /// Bytes held by all relations.
    package var memoryFootprint: Int { relations.reduce(0) { $0 + $1.memoryFootprint } }

    func relation(_ key: PredicateKey) -> Relation? { relationIds[key].map { relations[$0] } }

    /// The tuples of a relation, sorted in the documented value order.
    package func tuples(of key: PredicateKey) -> [[Value]] {
        guard let relation = relation(key) else { return [] }
        return (0..<relation.count).filter { !relation.isDead($0) }.map { relation.tuple($0).map { store[$0] } }
            .sorted(by: Model.rowOrder)
    }

    package func contains(_ key: PredicateKey, _ values: [Value]) -> Bool {
        guard let relation = relation(key) else { return false }
        var ids: [UInt32] = []
        for value in values {
            guard let id = store.id(of: value) else { return false }
            ids.append(id)
        }
        return relation.contains(ids)
    }

    static func rowOrder(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) {
            let c = Value.order(x, y)
            if c != 0 { return c < 0 }
        }
        return a.count < b.count
    }

    /// Answers a checked conjunction: the distinct bindings of its named
    /// variables, sorted in the documented value order.
    package func query(_ body: [Literal]) throws(EvaluationError) -> QueryAnswer {
        for literal in body {
            for atom in Checker.atoms(in: literal) where relationIds[atom.key] == nil {
                // Never mentioned by the program: an empty relation.
                relationIds[atom.key] = relations.count
                let relation = Relation(arity: atom.arity)
                relations.append(relation)
            }
        }
        let outputId = relations.count
        var planner = Planner(store: store, relationIds: relationIds, declarations: declarations, indexFor: { [relations, store] in relations[$0].index(on: $1, idsBelow: store.count) })
        planner.columnType = { [program] in program.columnType(of: $0, column: $1) }
        let plan: (plan: CompiledPlan, columns: [String])
        do { plan = try planner.planQuery(body, output: outputId) } catch { throw EvaluationError(error.message, at: error.span) }
        let output = Relation(arity: plan.columns.count)
        let executor = PlanExecutor(store: store, relations: relations, limits: limits)
        executor.output = output
        executor.outputId = outputId
        try executor.execute(plan.plan, rule: nil)
        let rows = (0..<output.count).map { output.tuple($0).map { store[$0] } }.sorted(by: Model.rowOrder)
        return QueryAnswer(columns: plan.columns, rows: rows)
    }
}

package struct QueryAnswer: Sendable, Equatable {
    /// Named variables in order of first appearance; empty for a yes/no query.
    package var columns: [String]
    package var rows: [[Value]]
    /// How many answers there were before `limit` cut them, when it did.
    package var total: Int?
    /// What a row is, for the count under the table: an answer, or a world
    /// (`compare ... by exposure`).
    package var noun = "answer"
    /// A line under the table: how a likelihood was computed.
    package var note: String?
    /// For a likelihood: how it was computed, for JSON.
    package var method: LikelihoodMethod?
    /// How renderers write some columns' values (the others as values).
    package var styles: [Int: CellStyle] = [:]

    package enum CellStyle: Sendable, Equatable {
        /// A probability, a number from 0 to 1: a percentage unless the reader asks for the number.
        case likelihood
        /// A string shown as it is, without quotes: prose, such as a proof.
        case text
    }

    package var isYes: Bool { !rows.isEmpty }

    package init(columns: [String], rows: [[Value]], total: Int? = nil, noun: String = "answer") {
        self.columns = columns
        self.rows = rows
        self.total = total
        self.noun = noun
    }

    /// The answers ordered by `shape`'s keys (in the language's order of
    /// values, stable for ties) and cut at its limit.
    package func shaped(_ shape: AnswerShape) -> QueryAnswer {
        guard !shape.isPlain else { return self }
        var result = self
        let keys = shape.order.compactMap { key in columns.firstIndex(of: key.column).map { ($0, key.descending) } }
        if !keys.isEmpty {
            result.rows = rows.indices.sorted { a, b in
                for (column, descending) in keys {
                    let c = Value.order(rows[a][column], rows[b][column])
                    if c != 0 { return descending ? c > 0 : c < 0 }
                }
                return a < b
            }.map { rows[$0] }
        }
        if let limit = shape.limit, result.rows.count > limit {
            result.total = result.rows.count
            result.rows = Array(result.rows.prefix(limit))
        }
        return result
    }
}
