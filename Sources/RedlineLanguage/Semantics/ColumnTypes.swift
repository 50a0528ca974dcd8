extension Program {
    /// The type of a column where the program settles it: declared, or
    /// money (or a duration) where every fact in that column holds one, or
    /// where every rule fills it from a column that does (through a head
    /// variable's first positive body atom). nil otherwise. `sum` of nothing
    /// is `$0` over money so read (`exposure(st_anne, $0)`, not `0`).
    package func columnType(of key: PredicateKey, column: Int) -> ColumnType? {
        var visiting = Set<[String]>()
        return columnType(of: key, column: column, visiting: &visiting)
    }

    private func columnType(of key: PredicateKey, column: Int, visiting: inout Set<[String]>) -> ColumnType? {
        if let declaration = relations[key.name], declaration.columns.count == key.arity {
            return declaration.columns[column].type
        }
        guard visiting.insert([key.description, String(column)]).inserted else { return nil }
        var found: ColumnType?
        func agree(_ type: ColumnType?) -> Bool {
            guard let type, found == nil || found == type else { return false }
            found = type
            return true
        }
        for (_, table) in factTables where table.key == key && table.count > 0 {
            for row in 0..<table.count {
                let type: ColumnType?
                switch table.values[row * key.arity + column] {
                case .money: type = .money
                case .duration: type = .duration
                default: type = nil
                }
                guard agree(type) else { return nil }
            }
        }
        for clause in clauses where clause.head.key == key {
            guard case .variable(let name, _) = clause.head.args[column],
                  agree(variableType(name, in: clause.body, visiting: &visiting)) else { return nil }
        }
        return found
    }

    /// A variable's type in a body: its first positive atom's column, or
    /// the type of the expression an `=` binds it to (`W = V / 2` over money
    /// is money).
    private func variableType(_ name: String, in body: [Literal], visiting: inout Set<[String]>) -> ColumnType? {
        if let (atom, position) = ColumnDomains.firstBinding(of: name, in: body) {
            return columnType(of: atom.key, column: position, visiting: &visiting)
        }
        for literal in body {
            guard case .comparison(.equal, let left, let right, _) = literal else { continue }
            if case .variable(name, _) = left { return expressionType(right, in: body, visiting: &visiting) }
            if case .variable(name, _) = right { return expressionType(left, in: body, visiting: &visiting) }
        }
        return nil
    }

    /// Money where the type rules make it money: money ± money, money × or ÷ a number.
    private func expressionType(_ term: Term, in body: [Literal], visiting: inout Set<[String]>) -> ColumnType? {
        switch term {
        case .constant(.money, _): return .money
        case .constant(.duration, _): return .duration
        case .constant: return .number
        case .variable(let name, _): return variableType(name, in: body, visiting: &visiting)
        case .negation(let inner, _): return expressionType(inner, in: body, visiting: &visiting)
        case .arithmetic(let op, let a, let b, _):
            let (x, y) = (expressionType(a, in: body, visiting: &visiting), expressionType(b, in: body, visiting: &visiting))
            switch op {
            case .add, .subtract: return x == y ? x : nil
            case .multiply: return x == .money && y != .money ? .money : y == .money && x != .money ? .money : nil
            case .divide: return x == .money && y != .money ? .money : nil
            case .modulo: return nil
            }
        default: return nil
        }
    }
}

extension Program {
    /// Relations that hold one value per key: every rule's last head
    /// argument is the result of an aggregate of its body (`exposure(C, T) :-
    /// company(C), T = sum ...`), and no fact states one. `compare` and
    /// `what if` show them as a value per key in each world (`$250K → $0`)
    /// rather than as a fact that stops holding and another that starts.
    package var valuedRelations: Set<PredicateKey> {
        var valued = Set<PredicateKey>(), refuted = factKeys
        for clause in clauses where !clause.isFact {
            let key = clause.head.key
            guard key.arity > 0, !refuted.contains(key), case .variable(let name, _)? = clause.head.args.last,
                  clause.body.contains(where: { literal in
                      if case .aggregate(let aggregate) = literal, case .variable(name, _) = aggregate.result { return true }
                      return false
                  }) else {
                refuted.insert(key)
                valued.remove(key)
                continue
            }
            valued.insert(key)
        }
        return valued
    }
}
