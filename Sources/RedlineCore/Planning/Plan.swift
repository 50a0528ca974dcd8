/// A compiled rule or query: a sequence of steps over a register file of
/// variable slots, ending in a terminal step. Indexes are chosen here, while
/// planning, from the columns each lookup has bound.

/// How one column of a stored tuple meets the registers.
indirect enum ColumnPattern {
    case bind(Int)
    case check(Int)
    case constant(UInt32)
    case ignore
    case compound(String, [ColumnPattern])
}

/// Where a key column's value comes from.
enum KeySource {
    case slot(Int)
    case constant(UInt32)
}

/// Which rows of a relation a scan sees (see `Relation`).
enum RowRange {
    case all, old, delta
}

indirect enum PlanExpression {
    case slot(Int)
    case constant(Value)
    case arithmetic(ArithmeticOperator, PlanExpression, PlanExpression)
    case negation(PlanExpression)
    case compound(String, [PlanExpression])
}

/// Reads matching tuples: through the index on `keyColumns` when there are
/// any, else by scanning the range.
final class ScanStep {
    let relation: Int
    let range: RowRange
    let keyColumns: [Int]
    let keySources: [KeySource]
    /// Patterns for the columns that are not keys (keys already match).
    let patterns: [(column: Int, pattern: ColumnPattern)]
    /// Negated scans succeed when nothing matches.
    let negated: Bool
    let span: SourceSpan
    var index: HashIndex?

    init(relation: Int, range: RowRange, keyColumns: [Int], keySources: [KeySource],
         patterns: [(column: Int, pattern: ColumnPattern)], negated: Bool, span: SourceSpan) {
        self.relation = relation
        self.range = range
        self.keyColumns = keyColumns
        self.keySources = keySources
        self.patterns = patterns
        self.negated = negated
        self.span = span
    }
}

final class AggregateStep {
    let function: AggregateFunction
    let result: ColumnPattern
    let value: PlanExpression?
    /// What `sum` of no values gives.
    let zero: Value
    /// Ends in `.collect`.
    let body: [PlanStep]
    /// Outer variables the body reads: results are cached per their values.
    let groupSlots: [Int]
    let span: SourceSpan
    var cache: [[UInt32]: UInt32?] = [:]
    /// `count : { r(A, B, ...) }` with distinct fresh variables counts the
    /// rows of relation `r`: no need to enumerate and deduplicate them again.
    var countsWholeRelation: Int?

    init(function: AggregateFunction, result: ColumnPattern, value: PlanExpression?, zero: Value, body: [PlanStep],
         groupSlots: [Int], span: SourceSpan) {
        self.function = function
        self.zero = zero
        self.result = result
        self.value = value
        self.body = body
        self.groupSlots = groupSlots
        self.span = span
    }
}

enum HeadPattern {
    case slot(Int)
    case constant(UInt32)
    case compound(String, [HeadPattern])
}

enum PlanStep {
    case scan(ScanStep)
    case compare(ComparisonOperator, PlanExpression, PlanExpression, SourceSpan)
    /// `X = expression` with X unbound.
    case assign(Int, PlanExpression, SourceSpan)
    case aggregate(AggregateStep)
    /// Terminal: stage a head tuple for `relation`.
    case emit(relation: Int, [HeadPattern])
    /// Terminal of an aggregate body: records one distinct binding of the
    /// body's named variables (`distinct`) and the value it contributes.
    case collect(value: PlanExpression?, distinct: [Int])
}

/// One evaluable form of a rule: the whole rule, or one semi-naive variant
/// in which a given recursive body atom reads only the last round's delta.
struct RulePlan {
    let head: Int
    let steps: [PlanStep]
    let slotCount: Int
    let clause: Clause
    /// True for variants that read a delta (re-run every round).
    let isDeltaVariant: Bool
}
