import RedlineLanguage
/// Turns checked rules and queries into `PlanStep` sequences: orders the
/// body (a semi-naive variant reads its delta atom first; then the atom with
/// the most bound columns; filters as soon as their inputs are bound) and
/// picks the index of every lookup from its bound columns.
package struct Planner {
    let store: ValueStore
    let relationIds: [PredicateKey: Int]
    /// Declared column types, so `sum` of nothing is `$0` over money.
    var declarations: [String: RelationDeclaration] = [:]
    /// Column types the program settles without a declaration (see
    /// `Program.columnType`), for the same purpose; nil asks declarations only.
    var columnType: ((PredicateKey, Int) -> ColumnType?)? = nil
    /// Returns (building if needed) the index of a relation on some columns.
    let indexFor: (Int, [Int]) -> HashIndex
    /// Rows per relation, when known: among atoms with as many bound columns,
    /// the smaller relation goes first. Evaluation plans leave it nil (their
    /// relations are still growing); incremental maintenance sets it.
    var rowCount: ((Int) -> Int)? = nil
    /// For a lookup that binds all columns but one, whether to try every id
    /// of the store in that column instead of building an index (see
    /// `ScanStep.enumeratedColumn`); nil never does. Asked only for the scan
    /// right after the first, which runs once per row of the first: deeper
    /// down, the rows of the scans between would multiply the tries.
    var enumeratesInsteadOfIndexing: ((Int, [Int]) -> Bool)? = nil

    struct Failure: Error {
        let message: String
        let span: SourceSpan
    }

    /// The plans of a rule: one full plan when no body atom is recursive,
    /// else one variant per recursive atom (the first round treats every
    /// existing tuple as delta, so no separate full plan is needed).
    func plans(for clause: Clause, recursive: Set<Int>) throws(Failure) -> [RulePlan] {
        let recursivePositions = clause.body.indices.filter { i in
            if case .positive(let atom) = clause.body[i], let id = relationIds[atom.key] { return recursive.contains(id) }
            return false
        }
        if recursivePositions.isEmpty {
            return [try plan(clause, deltaAt: nil, recursive: recursive)]
        }
        var plans: [RulePlan] = []
        for position in recursivePositions {
            plans.append(try plan(clause, deltaAt: position, recursive: recursive))
        }
        return plans
    }

    func plan(_ clause: Clause, deltaAt: Int?, recursive: Set<Int>) throws(Failure) -> RulePlan {
        var builder = Builder(planner: self, clause: clause.body, head: clause.head)
        var steps = try builder.order(clause.body, deltaAt: deltaAt, recursive: recursive)
        let head = relationIds[clause.head.key]!
        steps.append(.emit(EmitStep(relation: head, patterns: clause.head.args.map { builder.headPattern($0) })))
        return RulePlan(head: head, compiled: CompiledPlan(steps, slotCount: builder.slots.count), clause: clause,
                        isDeltaVariant: deltaAt != nil)
    }

    /// A query: emits the named variables (in order of first appearance) to `output`.
    func planQuery(_ body: [Literal], output: Int) throws(Failure) -> (plan: CompiledPlan, columns: [String]) {
        var columns: [String] = []
        for literal in body {
            for v in Checker.variables(of: literal) where !v.name.hasPrefix("_") && !columns.contains(v.name) {
                if case .aggregate(let g) = literal, !g.result.variables.contains(where: { $0.name == v.name }) { continue }
                columns.append(v.name)
            }
        }
        // Query variables are outputs, so none of them is negation-local.
        var builder = Builder(planner: self, clause: body, head: nil, outputs: Set(columns))
        var steps = try builder.order(body, deltaAt: nil, recursive: [])
        steps.append(.emit(EmitStep(relation: output, patterns: columns.map { .slot(builder.slots[$0]!) })))
        return (CompiledPlan(steps, slotCount: builder.slots.count), columns)
    }

    fileprivate struct Builder {
        let planner: Planner
        var slots: [String: Int] = [:]
        var bound = Set<String>()
        var scansPlaced = 0
        /// How often each variable occurs in the whole clause.
        let occurrences: [String: Int]

        init(planner: Planner, clause body: [Literal], head: Atom?, outputs: Set<String> = []) {
            self.planner = planner
            var counts: [String: Int] = [:]
            for v in (head?.variables ?? []) + body.flatMap(Checker.variables(of:)) { counts[v.name, default: 0] += 1 }
            for name in outputs { counts[name, default: 0] += 1 }
            occurrences = counts
        }

        mutating func slot(_ name: String) -> Int {
            if let s = slots[name] { return s }
            let s = slots.count
            slots[name] = s
            return s
        }

        mutating func order(_ body: [Literal], deltaAt: Int?, recursive: Set<Int>) throws(Failure) -> [PlanStep] {
            var pending = Array(body.enumerated())
            var steps: [PlanStep] = []
            func range(of position: Int, _ atom: Atom) -> RowRange {
                guard let deltaAt, let id = planner.relationIds[atom.key], recursive.contains(id) else { return .all }
                return position < deltaAt ? .old : (position == deltaAt ? .delta : .all)
            }
            if let deltaAt, case .positive(let atom) = body[deltaAt] {
                steps.append(.scan(scan(atom, range: .delta, negated: false)))
                pending.removeAll { $0.offset == deltaAt }
            }
            while !pending.isEmpty {
                var placed = true
                while placed {
                    placed = false
                    for (i, item) in pending.enumerated() {
                        if let step = try filter(item.element) {
                            steps.append(step)
                            pending.remove(at: i)
                            placed = true
                            break
                        }
                    }
                }
                var best: (i: Int, score: Int, rows: Int)? = nil
                for (i, item) in pending.enumerated() {
                    guard case .positive(let atom) = item.element else { continue }
                    let score = atom.args.reduce(0) { $0 + (boundColumn($1) ? 1 : 0) }
                    let rows = planner.rowCount.flatMap { count in planner.relationIds[atom.key].map(count) } ?? 0
                    if best == nil || score > best!.score || (score == best!.score && rows < best!.rows) { best = (i, score, rows) }
                }
                if let best {
                    let item = pending.remove(at: best.i)
                    guard case .positive(let atom) = item.element else { continue }
                    steps.append(.scan(scan(atom, range: range(of: item.offset, atom), negated: false)))
                } else if let stuck = pending.first {
                    throw Failure(message: "cannot order this literal: some of its variables are never bound", span: stuck.element.span)
                }
            }
            return steps
        }

        func boundColumn(_ term: Term) -> Bool {
            switch term {
            case .constant: return true
            case .variable(let name, _): return bound.contains(name)
            case .compound: return term.groundValue != nil
            default: return false
            }
        }

        func isBound(_ term: Term) -> Bool { term.variables.allSatisfy { bound.contains($0.name) } }

        /// A non-scan step for this literal if its inputs are bound now.
        mutating func filter(_ literal: Literal) throws(Failure) -> PlanStep? {
            switch literal {
            case .positive:
                return nil
            case .comparison(let op, let left, let right, let span):
                if isBound(left) && isBound(right) {
                    return .compare(op, expression(left), expression(right), span)
                }
                if op == .equal, case .variable(let name, _) = left, !bound.contains(name), isBound(right) {
                    let value = expression(right)
                    bound.insert(name)
                    return .assign(slot(name), value, span)
                }
                if op == .equal, case .variable(let name, _) = right, !bound.contains(name), isBound(left) {
                    let value = expression(left)
                    bound.insert(name)
                    return .assign(slot(name), value, span)
                }
                return nil
            case .negative(let atom, _):
                let local = Dictionary(grouping: atom.variables, by: \.name).filter { occurrences[$0.key] == $0.value.count }
                guard atom.variables.allSatisfy({ bound.contains($0.name) || local[$0.name] != nil }) else { return nil }
                let saved = bound
                let step = scan(atom, range: .all, negated: true)
                bound = saved
                return .scan(step)
            case .aggregate(let original):
                let g = Planner.namingAnonymous(original)
                let bodyVariables = g.body.flatMap(Checker.variables(of:)) + (g.value?.variables ?? [])
                let inside = Dictionary(grouping: bodyVariables, by: \.name)
                let resultNames = Set(g.result.variables.map(\.name))
                let outer = inside.keys.filter { occurrences[$0, default: 0] > inside[$0]!.count && !resultNames.contains($0) }
                guard outer.allSatisfy({ bound.contains($0) }) else { return nil }
                let saved = bound
                var inner = self
                let body = try inner.order(g.body, deltaAt: nil, recursive: [])
                slots = inner.slots
                let distinct = Set(g.body.flatMap(Checker.variables(of:)).map(\.name)).sorted().map { slots[$0]! }
                let value = g.value.map { inner.expression($0) }
                bound = saved
                let result: ColumnPattern
                if case .variable(let name, _) = g.result {
                    result = bound.contains(name) ? .check(slot(name)) : .bind(slot(name))
                    bound.insert(name)
                } else {
                    result = pattern(g.result)
                }
                let step = AggregateStep(
                    function: g.function, result: result, value: value, zero: planner.zero(of: g),
                    body: body + [.collect(value: value, distinct: distinct)],
                    groupSlots: outer.sorted().map { slots[$0]! }, span: g.span)
                if g.function == .count, outer.isEmpty, g.body.count == 1, case .positive(let atom) = g.body[0] {
                    let names = atom.args.compactMap { arg -> String? in
                        if case .variable(let name, _) = arg { return name }
                        return nil
                    }
                    if names.count == atom.args.count, Set(names).count == names.count,
                       names.allSatisfy({ !saved.contains($0) && !resultNames.contains($0) }) {
                        step.countsWholeRelation = planner.relationIds[atom.key]
                    }
                }
                return .aggregate(step)
            }
        }

        mutating func scan(_ atom: Atom, range: RowRange, negated: Bool) -> ScanStep {
            let relation = planner.relationIds[atom.key]!
            var keyColumns: [Int] = []
            var keySources: [KeySource] = []
            var patterns: [(Int, ColumnPattern)] = []
            // Keys are what is bound before the atom; a variable repeated
            // inside it is bound by its first column and checked by the rest.
            let boundBefore = bound
            for (column, arg) in atom.args.enumerated() {
                switch arg {
                case .variable(let name, _) where boundBefore.contains(name):
                    keyColumns.append(column)
                    keySources.append(.slot(slot(name)))
                case .constant(let value, _):
                    keyColumns.append(column)
                    keySources.append(.constant(planner.store.intern(value)))
                case .compound where arg.groundValue != nil:
                    keyColumns.append(column)
                    keySources.append(.constant(planner.store.intern(arg.groundValue!)))
                default:
                    patterns.append((column, pattern(arg)))
                }
            }
            let step = ScanStep(relation: relation, range: range, keyColumns: keyColumns, keySources: keySources,
                                patterns: patterns, negated: negated, span: atom.span)
            scansPlaced += 1
            if !keyColumns.isEmpty, keyColumns.count == atom.arity {
                step.isMembership = true
            } else if !keyColumns.isEmpty, !negated, scansPlaced == 2, keyColumns.count == atom.arity - 1, patterns.count == 1,
                      patterns[0].1.isBindOrIgnore, planner.enumeratesInsteadOfIndexing?(relation, keyColumns) == true {
                step.enumeratedColumn = patterns[0].0
            } else if !keyColumns.isEmpty {
                step.index = planner.indexFor(relation, keyColumns)
            }
            return step
        }

        /// Binds unbound variables; checks bound ones.
        mutating func pattern(_ term: Term) -> ColumnPattern {
            switch term {
            case .variable(let name, _):
                if bound.contains(name) { return .check(slot(name)) }
                bound.insert(name)
                return .bind(slot(name))
            case .anonymous:
                return .ignore
            case .constant(let value, _):
                return .constant(planner.store.intern(value))
            case .compound(let functor, let args, _):
                if let value = term.groundValue { return .constant(planner.store.intern(value)) }
                return .compound(functor, args.map { pattern($0) })
            case .arithmetic, .negation:
                return .ignore  // rejected by the checker
            }
        }

        mutating func expression(_ term: Term) -> PlanExpression {
            switch term {
            case .variable(let name, _): return .slot(slot(name))
            case .anonymous: return .constant(.integer(0))  // rejected by the checker
            case .constant(let value, _): return .constant(value)
            case .compound(let functor, let args, _):
                if let function = BuiltinFunction.named(functor, arity: args.count) { return .call(function, args.map { expression($0) }) }
                return .compound(functor, args.map { expression($0) })
            case .arithmetic(let op, let a, let b, _): return .arithmetic(op, expression(a), expression(b))
            case .negation(let a, _): return .negation(expression(a))
            }
        }

        mutating func headPattern(_ term: Term) -> HeadPattern {
            switch term {
            case .variable(let name, _): return .slot(slot(name))
            case .compound(let functor, let args, _):
                if let value = term.groundValue { return .constant(planner.store.intern(value)) }
                return .compound(functor, args.map { headPattern($0) })
            default:
                return .constant(planner.store.intern(term.groundValue ?? .integer(0)))
            }
        }
    }
}

extension Planner {
    /// Gives each `_` of an aggregate body a hidden name, so the aggregate
    /// ranges over distinct matching tuples: `count : { p(_, _) }` counts
    /// the tuples of p, and `sum V : { c(_, V) }` adds equal values of
    /// different tuples.
    static func namingAnonymous(_ aggregate: Aggregate) -> Aggregate {
        Aggregate(result: aggregate.result, function: aggregate.function, value: aggregate.value,
                  body: namingAnonymous(aggregate.body, prefix: "_#"), span: aggregate.span)
    }

    /// Each `_` in the positive atoms of `body` becomes a variable of its own,
    /// `prefix` and a number: a name no source can write.
    package static func namingAnonymous(_ body: [Literal], prefix: String) -> [Literal] {
        var counter = 0
        func rename(_ term: Term) -> Term {
            switch term {
            case .anonymous(let span):
                counter += 1
                return .variable("\(prefix)\(counter)", span)
            case .compound(let f, let args, let span):
                return .compound(f, args.map(rename), span)
            default:
                return term
            }
        }
        return body.map { literal -> Literal in
            guard case .positive(let atom) = literal else { return literal }
            return .positive(Atom(predicate: atom.predicate, args: atom.args.map(rename), span: atom.span, nameSpan: atom.nameSpan))
        }
    }
}

extension Planner {
    /// The sum of nothing, in the type of the summed column when declared
    /// or settled by the program's facts and rules.
    func zero(of aggregate: Aggregate) -> Value {
        guard case .variable(let name, _)? = aggregate.value else { return .integer(0) }
        for case .positive(let atom) in aggregate.body {
            for (column, arg) in atom.args.enumerated() {
                guard case .variable(name, _) = arg else { continue }
                var type: ColumnType?
                if let declaration = declarations[atom.predicate], declaration.columns.count == atom.arity {
                    type = declaration.columns[column].type
                } else {
                    type = columnType?(atom.key, column)
                }
                switch type {
                case .money?: return .money(Exact(0))
                case .duration?: return .duration(0)
                default: return .integer(0)
                }
            }
        }
        return .integer(0)
    }
}
