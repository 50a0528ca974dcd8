import RedlineLanguage
import RedlineEngine

/// The days on which a timeline's answer can change, when the program lets
/// them be known in advance; a timeline evaluates only those days and
/// carries the answer across the others.
///
/// Proof sketch. Suppose every rule of the cone that reads `today(D)` reads
/// it as a positive atom with a variable D that occurs elsewhere only in
/// comparisons `D op X` (or `X op D`, any of = != < <= > >=), where X is a
/// constant or a variable bound by a positive atom (outside aggregates) of a
/// relation that does not depend on `today`. Then the only thing that
/// varies with the day is the truth of those comparisons, and the values X
/// can take are the same on every day: they are among the answers of the
/// rule's positive atoms of relations that do not read the date (the same
/// relations on every day), asked of the first day's model. For a
/// goal-directed timeline those atoms include the magic relation of the
/// asked constants, so only the dates of what the answer depends on count. A comparison of the day d with a date x changes its truth only
/// between d = x - 1 and x (for <, >= and =) or between x and x + 1 (for
/// <=, > and =); with a date-time x, within a day of it. So if neither x nor
/// x + 1 (nor, for date-times, the days around x) is d, the day d + 1 has
/// the same comparisons, the same derivations and the same model as d.
/// Anything else (D in arithmetic or a head, `today` under `not` or in an
/// aggregate, an intervention on `today`) and the answer is nil: every day
/// is evaluated. The verifying mode evaluates the skipped days too and
/// compares them (Session.eachDay).
extension Session {
    func changeDays(in program: Program, cone: Set<PredicateKey>, model: Model) -> Set<Int64>? {
        let today = PredicateKey(name: "today", arity: 1)
        guard !currentInterventions.contains(where: { $0.atom.key == today }) else { return nil }
        let rules = program.clauses.filter { !$0.isFact && cone.contains($0.head.key) }
        // Relations that read the date, directly or through others.
        var dated: Set<PredicateKey> = [today]
        var grew = true
        while grew {
            grew = false
            for rule in rules where !dated.contains(rule.head.key) {
                if rule.body.contains(where: { Checker.atoms(in: $0).contains { dated.contains($0.key) } }) {
                    dated.insert(rule.head.key)
                    grew = true
                }
            }
        }
        // Per rule: the positive atoms of undated relations, and the variables compared with the day.
        var sources: [(body: [Literal], variables: Set<String>)] = []
        var days = Set<Int64>()
        func note(_ value: Value) {
            switch value {
            case .date(let day): days.formUnion([day, day + 1])
            case .datetime(let minutes):
                let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
                days.formUnion([day - 1, day, day + 1, day + 2])
            default: break
            }
        }
        for rule in rules {
            var dateVariables: Set<String> = []
            for literal in rule.body {
                switch literal {
                case .positive(let atom) where atom.key == today:
                    guard case .variable(let name, _) = atom.args[0] else { return nil }
                    dateVariables.insert(name)
                case .negative(let atom, _) where atom.key == today: return nil
                case .aggregate(let aggregate) where aggregate.body.contains(where: { Checker.atoms(in: $0).contains { $0.key == today } }):
                    return nil
                default: continue
                }
            }
            guard !dateVariables.isEmpty else { continue }
            var compared = Set<String>()
            if rule.head.variables.contains(where: { dateVariables.contains($0.name) }) { return nil }
            for literal in rule.body {
                switch literal {
                case .positive(let atom):
                    if atom.key == today { continue }
                    if atom.variables.contains(where: { dateVariables.contains($0.name) }) { return nil }
                case .negative(let atom, _):
                    if atom.variables.contains(where: { dateVariables.contains($0.name) }) { return nil }
                case .aggregate:
                    if Checker.variables(of: literal).contains(where: { dateVariables.contains($0.name) }) { return nil }
                case .comparison(_, let left, let right, _):
                    let sides = [left, right]
                    guard sides.contains(where: { side in
                        if case .variable(let name, _) = side { return dateVariables.contains(name) }
                        return false
                    }) else {
                        // A comparison without D must not reach it through arithmetic.
                        if sides.contains(where: { $0.variables.contains { dateVariables.contains($0.name) } }) { return nil }
                        continue
                    }
                    for other in sides {
                        if case .variable(let name, _) = other, dateVariables.contains(name) { continue }
                        switch other {
                        case .constant(let value, _): note(value)
                        case .variable(let name, _):
                            // Bound by a positive atom of a relation that does not read the date.
                            let bound = rule.body.contains { literal in
                                guard case .positive(let atom) = literal, !dated.contains(atom.key) else { return false }
                                return atom.args.contains { if case .variable(name, _) = $0 { return true } else { return false } }
                            }
                            guard bound else { return nil }
                            compared.insert(name)
                        default: return nil
                        }
                    }
                }
            }
            if !compared.isEmpty {
                let undated = rule.body.filter { literal in
                    if case .positive(let atom) = literal { return !dated.contains(atom.key) }
                    return false
                }
                sources.append((undated, compared))
            }
        }
        for (body, variables) in sources {
            guard let answer = try? model.query(body) else { return nil }
            let columns = answer.columns.indices.filter { variables.contains(answer.columns[$0]) }
            for row in answer.rows {
                for column in columns { note(row[column]) }
            }
        }
        return days
    }
}
