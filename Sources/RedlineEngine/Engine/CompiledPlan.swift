import RedlineLanguage
/// A plan's steps laid out as plain structs in one buffer: what the join
/// loop reads. Scans, comparisons of two registers and emits of registers
/// and constants are plain data; assignments, aggregates, other comparisons
/// and compound heads keep their `PlanStep` and take the executor's general
/// path.
///
/// Plain data is what lets two threads run one plan: reading a class's
/// fields in the join loop retains and releases it, and when both cores
/// retain the same objects the reference counts bounce between them (an
/// earlier split of the joins across cores was slower than one core for
/// that reason alone).
final class CompiledPlan {
    let steps: [PlanStep]
    let slotCount: Int
    let flat: UnsafeMutablePointer<FlatStep>
    /// No step takes the general path: the plan reads only plain memory
    /// and writes only its executor's registers and staging.
    let isFlat: Bool
    /// The objects the flat steps point into, kept alive with the plan.
    private let boxes: [GeneralStep]

    init(_ steps: [PlanStep], slotCount: Int) {
        self.steps = steps
        self.slotCount = slotCount
        flat = .allocate(capacity: max(steps.count, 1))
        var boxes: [GeneralStep] = []
        var isFlat = true
        for (i, step) in steps.enumerated() {
            var compiled = FlatStep()
            switch step {
            case .scan(let scan):
                compiled.kind = .scan
                compiled.scan = Unmanaged.passUnretained(scan)
                compiled.relation = scan.relation
                compiled.negated = scan.negated
                compiled.isMembership = scan.isMembership
                compiled.enumeratedColumn = scan.enumeratedColumn ?? -1
                compiled.keyCount = scan.keyCount
                compiled.keyColumns = scan.flatKeyColumns
                compiled.keySlots = scan.flatKeySlots
                compiled.keyConstants = scan.flatKeyConstants
                compiled.patternCount = scan.patternCount
                compiled.patterns = scan.flatPatterns
                if scan.patterns.contains(where: { if case .compound = $0.pattern { true } else { false } }) { isFlat = false }
            case .compare(let op, .slot(let left), .slot(let right), _) where op == .equal || op == .notEqual:
                compiled.kind = op == .equal ? .equal : .notEqual
                compiled.left = left
                compiled.right = right
            case .emit(let emit) where emit.flatSlots != nil:
                compiled.kind = .emit
                compiled.relation = emit.relation
                compiled.arity = emit.patterns.count
                compiled.emitSlots = emit.flatSlots
                compiled.emitConstants = emit.flatConstants
            default:
                let box = GeneralStep(step)
                boxes.append(box)
                compiled.general = Unmanaged.passUnretained(box)
                isFlat = false
            }
            (flat + i).initialize(to: compiled)
        }
        self.boxes = boxes
        self.isFlat = isFlat
        let n = steps.count
        probesLast = n >= 3 && flat[n - 1].kind == .emit && flat[n - 2].kind == .scan && flat[n - 2].isMembership
            && !flat[n - 2].negated && flat[n - 2].patternCount == 0
    }

    /// The step before the emit looks one tuple up, and not as the first
    /// step: the executor may collect those lookups and make them in
    /// batches (see `PlanExecutor.deferLookup`).
    let probesLast: Bool

    deinit { flat.deallocate() }

    /// Points the scans at the relations' memory and row ranges as they are
    /// now; run before every execution, since insertions move memory.
    func bind(to relations: [Relation]) {
        for i in 0..<steps.count where flat[i].kind == .scan {
            let relation = relations[flat[i].relation]
            let scan = flat[i].scan!.takeUnretainedValue()
            flat[i].view = relation.view
            flat[i].index = scan.index?.view
            switch scan.range {
            case .all: (flat[i].low, flat[i].high) = (0, relation.deltaEnd)
            case .old: (flat[i].low, flat[i].high) = (0, relation.deltaStart)
            case .delta: (flat[i].low, flat[i].high) = (relation.deltaStart, relation.deltaEnd)
            }
        }
    }
}

/// One step of a `CompiledPlan`; which fields mean something depends on `kind`.
struct FlatStep {
    enum Kind: UInt8 { case scan, equal, notEqual, emit, general }
    var kind = Kind.general

    // Scans.
    var relation = 0
    var negated = false
    var isMembership = false
    /// -1 when none (see `ScanStep.enumeratedColumn`).
    var enumeratedColumn = -1
    var keyCount = 0
    var keyColumns: UnsafeMutablePointer<Int>?
    var keySlots: UnsafeMutablePointer<Int>?
    var keyConstants: UnsafeMutablePointer<UInt32>?
    var patternCount = 0
    var patterns: UnsafeMutablePointer<ScanStep.SimplePattern>?
    /// For compound patterns, which need the step's pattern trees.
    var scan: Unmanaged<ScanStep>?
    // Set by `bind(to:)`.
    var view: RelationView?
    var index: IndexView?
    var low = 0
    var high = 0

    // Comparisons of two registers.
    var left = 0
    var right = 0

    // Emits (`relation` too).
    var arity = 0
    var emitSlots: UnsafeMutablePointer<Int>?
    var emitConstants: UnsafeMutablePointer<UInt32>?

    var general: Unmanaged<GeneralStep>?
}

/// A step the flat path does not cover, boxed so a flat step can point to it.
final class GeneralStep {
    let step: PlanStep
    init(_ step: PlanStep) { self.step = step }
}
