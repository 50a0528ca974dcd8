/// Everything loaded so far: clauses, declarations and the files they came
/// from. A value: a failed load simply does not replace the session's copy.
public struct Program: Sendable {
    public internal(set) var files: [SourceFile] = []
    /// Rules (and facts that are not ground, which the checker refuses).
    public internal(set) var clauses: [Clause] = []
    /// Ground facts, one set per source that has any, in load order.
    public internal(set) var facts: [GroundFacts] = []
    public internal(set) var relations: [String: RelationDeclaration] = [:]
    public internal(set) var outcomes: [PredicateReference] = []
    public internal(set) var levers: [PredicateReference] = []
    public internal(set) var phrasings: [Phrasing] = []
    public internal(set) var inputs: [InputDeclaration] = []
    /// `.today DATE` of the last file that has one.
    public internal(set) var storyDate: Value?

    public init() {}

    public var factCount: Int { facts.reduce(0) { $0 + $1.count } + clauses.count { $0.isFact } }
    public var ruleCount: Int { clauses.count { !$0.isFact } }

    /// Every table of ground facts, with the set that holds it.
    var factTables: [(source: GroundFacts, table: FactTable)] {
        facts.flatMap { source in source.tables.map { (source, $0) } }
    }

    /// Every relation that has ground facts.
    var factKeys: Set<PredicateKey> { Set(facts.flatMap { $0.tables.map(\.key) }) }

    /// Facts and rules in load order, as clauses: for listings and other
    /// paths that want syntax trees (a bulk fact file costs one each here).
    func clausesInLoadOrder(where wanted: (PredicateKey) -> Bool) -> [Clause] {
        var fileOrder: [ObjectIdentifier: Int] = [:]
        for (index, file) in files.enumerated() { fileOrder[ObjectIdentifier(file)] = index }
        var all = clauses.filter { wanted($0.head.key) }
        for (source, table) in factTables where wanted(table.key) {
            for row in 0..<table.count { all.append(source.clause(table, row: row)) }
        }
        func position(_ clause: Clause) -> (Int, Int) {
            (fileOrder[ObjectIdentifier(clause.span.file)] ?? Int.max, clause.span.start)
        }
        return all.sorted { position($0) < position($1) }
    }
    var declarationCount: Int {
        relations.count + redeclarations.count + outcomes.count + levers.count + phrasings.count + inputs.count + (storyDate == nil ? 0 : 1)
    }

    /// Adds a declaration; conflicting redeclarations are diagnosed by the checker.
    mutating func add(_ declaration: Declaration) {
        switch declaration {
        case .relation(let name, let columns, let span):
            if relations[name] == nil {
                relations[name] = RelationDeclaration(name: name, columns: columns, span: span)
            } else {
                redeclarations.append(RelationDeclaration(name: name, columns: columns, span: span))
            }
        case .outcome(let refs, _): outcomes += refs
        case .lever(let refs, let columns, let span):
            levers += refs
            if let columns, let ref = refs.first { add(.relation(name: ref.name, columns: columns, span: span)) }
        case .say(let atom, let template, let span): phrasings.append(Phrasing(pattern: atom, template: template, span: span))
        case .input(let name, let path, let span): inputs.append(InputDeclaration(relation: name, path: path, span: span))
        case .today(let date, _): storyDate = date
        }
    }

    /// Second `.decl`s of one name, kept for the checker to compare.
    var redeclarations: [RelationDeclaration] = []
}

public struct RelationDeclaration: Sendable {
    public let name: String
    public let columns: [ColumnDeclaration]
    public let span: SourceSpan
}

/// `.say pattern "template"`.
public struct Phrasing: Sendable {
    public let pattern: Atom
    public let template: String
    public let span: SourceSpan
}

public struct InputDeclaration: Sendable {
    public let relation: String
    public let path: String
    public let span: SourceSpan
}

/// One thing the user loaded, as `:reload` and `:save` replay it.
public struct LoadedSource: Sendable {
    public enum Origin: Sendable {
        /// A path as the user gave it (or `bundled:NAME`).
        case file(path: String)
        /// Text typed at the prompt or piped in.
        case text(SourceFile)
    }
    public let origin: Origin
}
