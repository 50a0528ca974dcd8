/// The ground facts of one source, stored flat by relation: a bulk fact file
/// costs one array of values and one of offsets per relation, not a syntax
/// tree per fact. Facts are most of every fact base; rules stay `Clause`s.
package struct GroundFacts: Sendable {
    package enum Origin: Sendable {
        /// Written in the language: a fact's span is its text, from name to '.'.
        case source
        /// A row of a CSV file (`.input`): its span is the row's line.
        case csv
    }

    package let file: SourceFile
    package let origin: Origin
    /// In order of each relation's first fact.
    package private(set) var tables: [FactTable] = []
    private var tableIndex: [PredicateKey: Int] = [:]

    package init(file: SourceFile, origin: Origin = .source) {
        self.file = file
        self.origin = origin
    }

    package var count: Int { tables.reduce(0) { $0 + $1.count } }
    package var isEmpty: Bool { tables.isEmpty }

    /// The table of `key`, created empty when new.
    package mutating func tableNumber(for key: PredicateKey) -> Int {
        if let index = tableIndex[key] { return index }
        tableIndex[key] = tables.count
        tables.append(FactTable(key: key))
        return tables.count - 1
    }

    package mutating func append<Values: Sequence<Value>>(_ values: Values, toTable index: Int, start: Int, end: Int) {
        if let last = tables[index].starts.last, Int(last) > start { tables[index].unordered = true }
        tables[index].values.append(contentsOf: values)
        tables[index].starts.append(UInt32(start))
        tables[index].ends.append(UInt32(end))
    }

    /// Adds a ground fact clause (every argument has a value).
    mutating func append(_ clause: Clause) {
        let index = tableNumber(for: clause.head.key)
        append(clause.head.args.lazy.map { $0.groundValue! }, toTable: index, start: clause.span.start, end: clause.span.end)
    }

    /// The same facts with the tables of `keys` under new names (the
    /// definite layer of defeasible logic); spans stay the written ones.
    package func renaming(_ keys: Set<PredicateKey>, _ name: (String) -> String) -> GroundFacts {
        guard tables.contains(where: { keys.contains($0.key) }) else { return self }
        var copy = self
        for index in copy.tables.indices where keys.contains(copy.tables[index].key) {
            let table = copy.tables[index]
            var renamed = FactTable(key: PredicateKey(name: name(table.key.name), arity: table.key.arity))
            renamed.values = table.values
            renamed.starts = table.starts
            renamed.ends = table.ends
            copy.tableIndex[table.key] = nil
            copy.tableIndex[renamed.key] = index
            copy.tables[index] = renamed
        }
        return copy
    }

    /// Puts every table's rows, and the tables, back in source order.
    mutating func finish() {
        for index in tables.indices where tables[index].unordered { tables[index].sortBySource() }
        func first(_ table: FactTable) -> UInt32 { table.starts.first ?? 0 }
        guard zip(tables, tables.dropFirst()).contains(where: { first($0) > first($1) }) else { return }
        tables.sort { first($0) < first($1) }
        for (index, table) in tables.enumerated() { tableIndex[table.key] = index }
    }

    package func span(_ table: FactTable, row: Int) -> SourceSpan {
        SourceSpan(file: file, start: Int(table.starts[row]), end: Int(table.ends[row]))
    }

    /// The span of the relation's name in a fact, for carets under it.
    func nameSpan(_ table: FactTable, row: Int) -> SourceSpan {
        let start = Int(table.starts[row])
        switch origin {
        case .source: return SourceSpan(file: file, start: start, end: start + table.key.name.utf8.count)
        case .csv: return span(table, row: row)
        }
    }

    /// The fact as a clause with the spans the parser would give it: for the
    /// rare paths (diagnostics, listings) that want a syntax tree.
    package func clause(_ table: FactTable, row: Int) -> Clause {
        let span = span(table, row: row)
        if origin == .source, let parsed = Parser.groundFact(in: file, at: span.start), parsed.span == span {
            return parsed
        }
        let args = table.row(row).map { Term.constant($0, span) }
        let head = Atom(predicate: table.key.name, args: args, span: span, nameSpan: nameSpan(table, row: row))
        return Clause(head: head, body: [], span: span)
    }
}

/// The facts of one relation from one source: rows of `key.arity` values.
package struct FactTable: Sendable, Equatable {
    package let key: PredicateKey
    /// Row-major: row `i` is `values[i * arity ..< (i + 1) * arity]`.
    package internal(set) var values: [Value] = []
    /// Byte offsets of each fact's span (files are at most 64 MiB).
    package internal(set) var starts: [UInt32] = []
    package internal(set) var ends: [UInt32] = []

    package var count: Int { starts.count }
    /// Set when a fact arrived out of source order (the parser's general path
    /// after the lexer's fast one); `GroundFacts.finish()` restores the order.
    var unordered = false

    package func row(_ index: Int) -> ArraySlice<Value> {
        values[index * key.arity ..< (index + 1) * key.arity]
    }

    package var rows: [ArraySlice<Value>] { (0..<count).map(row) }

    package static func == (a: FactTable, b: FactTable) -> Bool {
        a.key == b.key && a.values == b.values && a.starts == b.starts && a.ends == b.ends
    }

    fileprivate mutating func sortBySource() {
        let order = starts.indices.sorted { starts[$0] < starts[$1] }
        values = order.flatMap { row($0) }
        starts = order.map { starts[$0] }
        ends = order.map { ends[$0] }
        unordered = false
    }
}
