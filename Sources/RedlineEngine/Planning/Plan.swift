import RedlineLanguage
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

    var isBindOrIgnore: Bool {
        switch self {
        case .bind, .ignore: true
        default: false
        }
    }
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
    case call(BuiltinFunction, [PlanExpression])
}

/// Reads matching tuples: through the index on `keyColumns` when there are
/// any, else by scanning the range.
///
/// The executor reads keys and simple patterns from flat buffers made once
/// here: reading the arrays of a class inside the join loop cost a retain
/// and a release per row (a fifth of the same-generation workload).
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
    /// Every column is a key: the relation's own table answers, no index needed.
    var isMembership = false
    /// Every column but this one is a key, and there is no index: each id of
    /// the store is tried in it, one lookup in the relation's table each.
    /// Cheaper than building an index of millions of rows for a lookup made
    /// once or twice when the store holds a few thousand values.
    var enumeratedColumn: Int?

    init(relation: Int, range: RowRange, keyColumns: [Int], keySources: [KeySource],
         patterns: [(column: Int, pattern: ColumnPattern)], negated: Bool, span: SourceSpan) {
        self.relation = relation
        self.range = range
        self.keyColumns = keyColumns
        self.keySources = keySources
        self.patterns = patterns
        self.negated = negated
        self.span = span
        keyCount = keyColumns.count
        flatKeyColumns = .allocate(capacity: max(keyCount, 1))
        flatKeySlots = .allocate(capacity: max(keyCount, 1))
        flatKeyConstants = .allocate(capacity: max(keyCount, 1))
        for (i, source) in keySources.enumerated() {
            flatKeyColumns[i] = keyColumns[i]
            switch source {
            case .slot(let s): (flatKeySlots[i], flatKeyConstants[i]) = (s, 0)
            case .constant(let c): (flatKeySlots[i], flatKeyConstants[i]) = (-1, c)
            }
        }
        patternCount = patterns.count
        flatPatterns = .allocate(capacity: max(patternCount, 1))
        for (i, entry) in patterns.enumerated() {
            let simple: SimplePattern
            switch entry.pattern {
            case .bind(let s): simple = SimplePattern(column: entry.column, kind: .bind, argument: s)
            case .check(let s): simple = SimplePattern(column: entry.column, kind: .check, argument: s)
            case .constant(let c): simple = SimplePattern(column: entry.column, kind: .constant, argument: Int(c))
            case .ignore: simple = SimplePattern(column: entry.column, kind: .ignore, argument: 0)
            case .compound: simple = SimplePattern(column: entry.column, kind: .compound, argument: i)
            }
            flatPatterns[i] = simple
        }
    }

    deinit {
        flatKeyColumns.deallocate()
        flatKeySlots.deallocate()
        flatKeyConstants.deallocate()
        flatPatterns.deallocate()
    }

    /// A column pattern without payload to retain; `.compound` sends the
    /// executor to `patterns[argument]`.
    struct SimplePattern {
        enum Kind: UInt8 { case bind, check, constant, ignore, compound }
        let column: Int
        let kind: Kind
        /// The register, the constant's id, or the index into `patterns`.
        let argument: Int
    }

    let keyCount: Int
    let flatKeyColumns: UnsafeMutablePointer<Int>
    /// The register a key comes from, or -1 for `flatKeyConstants[i]`.
    let flatKeySlots: UnsafeMutablePointer<Int>
    let flatKeyConstants: UnsafeMutablePointer<UInt32>
    let patternCount: Int
    let flatPatterns: UnsafeMutablePointer<SimplePattern>
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
    let compiledBody: CompiledPlan
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
        compiledBody = CompiledPlan(body, slotCount: 0)
        self.groupSlots = groupSlots
        self.span = span
    }
}

enum HeadPattern {
    case slot(Int)
    case constant(UInt32)
    case compound(String, [HeadPattern])
}

/// Terminal: stage a head tuple for `relation`. Heads of registers and
/// constants (nearly all) are also kept flat, to copy without a retain.
final class EmitStep {
    let relation: Int
    let patterns: [HeadPattern]
    /// nil when a pattern builds a compound term.
    let flatSlots: UnsafeMutablePointer<Int>?
    /// For a slot of -1: the constant.
    let flatConstants: UnsafeMutablePointer<UInt32>?

    init(relation: Int, patterns: [HeadPattern]) {
        self.relation = relation
        self.patterns = patterns
        let simple = patterns.allSatisfy { if case .compound = $0 { false } else { true } }
        guard simple else {
            (flatSlots, flatConstants) = (nil, nil)
            return
        }
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: max(patterns.count, 1))
        let constants = UnsafeMutablePointer<UInt32>.allocate(capacity: max(patterns.count, 1))
        for (i, pattern) in patterns.enumerated() {
            switch pattern {
            case .slot(let s): (slots[i], constants[i]) = (s, 0)
            case .constant(let c): (slots[i], constants[i]) = (-1, c)
            case .compound: break
            }
        }
        (flatSlots, flatConstants) = (slots, constants)
    }

    deinit {
        flatSlots?.deallocate()
        flatConstants?.deallocate()
    }
}

enum PlanStep {
    case scan(ScanStep)
    case compare(ComparisonOperator, PlanExpression, PlanExpression, SourceSpan)
    /// `X = expression` with X unbound.
    case assign(Int, PlanExpression, SourceSpan)
    case aggregate(AggregateStep)
    case emit(EmitStep)
    /// Terminal of an aggregate body: records one distinct binding of the
    /// body's named variables (`distinct`) and the value it contributes.
    case collect(value: PlanExpression?, distinct: [Int])
}

/// One evaluable form of a rule: the whole rule, or one semi-naive variant
/// in which a given recursive body atom reads only the last round's delta.
struct RulePlan {
    let head: Int
    let compiled: CompiledPlan
    var steps: [PlanStep] { compiled.steps }
    let clause: Clause
    /// True for variants that read a delta (re-run every round).
    let isDeltaVariant: Bool
}
