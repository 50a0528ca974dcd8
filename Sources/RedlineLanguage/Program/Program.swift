/// Everything loaded so far: clauses, declarations and the files they came
/// from. A value: a failed load simply does not replace the session's copy.
package struct Program: Sendable {
    package var files: [SourceFile] = []
    /// Rules (and facts that are not ground, which the checker refuses).
    package var clauses: [Clause] = []
    /// Ground facts, one set per source that has any, in load order.
    package var facts: [GroundFacts] = []
    package internal(set) var relations: [String: RelationDeclaration] = [:]
    package internal(set) var outcomes: [PredicateReference] = []
    package internal(set) var levers: [PredicateReference] = []
    package internal(set) var phrasings: [Phrasing] = []
    package internal(set) var inputs: [InputDeclaration] = []
    /// `.today DATE` of the last file that has one.
    package internal(set) var storyDate: Value?
    /// `.conflict` groups: relations no two of which hold of the same arguments.
    package internal(set) var conflicts: [[PredicateReference]] = []
    package internal(set) var ambiguity: AmbiguityHandling = .blocking
    /// Set by `DefeasibleLogic.translate`: the relations whose conclusions
    /// come in two kinds (definitely, defeasibly); empty for a written program.
    package internal(set) var layered: Set<PredicateKey> = []
    /// `0.6 :: p(a).` and annotated disjunctions, in load order. They hold
    /// in no model of their own: a likelihood weighs the worlds they make.
    package var uncertain: [UncertainChoice] = []
    /// `given ...` statements: what every likelihood is conditioned on.
    package internal(set) var evidence: [Evidence] = []

    package init() {}

    package var factCount: Int { facts.reduce(0) { $0 + $1.count } + clauses.count { $0.isFact } }
    package var ruleCount: Int { clauses.count { !$0.isFact } }

    /// Every table of ground facts, with the set that holds it.
    package var factTables: [(source: GroundFacts, table: FactTable)] {
        facts.flatMap { source in source.tables.map { (source, $0) } }
    }

    /// Every relation that has ground facts, certain or uncertain.
    package var factKeys: Set<PredicateKey> { Set(facts.flatMap { $0.tables.map(\.key) }).union(uncertainKeys) }

    /// The relations that have uncertain facts.
    package var uncertainKeys: Set<PredicateKey> { Set(uncertain.flatMap { $0.alternatives.map(\.atom.key) }) }

    /// Facts and rules in load order, as clauses: for listings and other
    /// paths that want syntax trees (a bulk fact file costs one each here).
    package func clausesInLoadOrder(where wanted: (PredicateKey) -> Bool) -> [Clause] {
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
    package var declarationCount: Int {
        relations.count + redeclarations.count + outcomes.count + levers.count + phrasings.count + inputs.count + conflicts.count
            + (storyDate == nil ? 0 : 1) + evidence.count
    }

    /// Adds a declaration; conflicting redeclarations are diagnosed by the checker.
    package mutating func add(_ declaration: Declaration) {
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
        case .input(let name, let path, let skipBadRows, let span): inputs.append(InputDeclaration(relation: name, path: path, skipBadRows: skipBadRows, span: span))
        case .today(let date, _): storyDate = date
        case .conflict(let refs, _): conflicts.append(refs)
        case .defeasible(let handling, _): ambiguity = handling
        case .given(let list, _): evidence += list
        }
    }

    /// Second `.decl`s of one name, kept for the checker to compare.
    var redeclarations: [RelationDeclaration] = []
}

package struct RelationDeclaration: Sendable {
    package let name: String
    package let columns: [ColumnDeclaration]
    package let span: SourceSpan
}

/// `.say pattern "template"`.
package struct Phrasing: Sendable {
    package let pattern: Atom
    package let template: String
    package let span: SourceSpan
}

package struct InputDeclaration: Sendable {
    package let relation: String
    package let path: String
    /// Load the good rows and count the bad ones, instead of refusing the file.
    package var skipBadRows = false
    package let span: SourceSpan
}

/// One thing the user loaded, as `:reload` and `:save` replay it.
package struct LoadedSource: Sendable {
    package enum Origin: Sendable {
        /// A path as the user gave it (or `bundled:NAME`).
        case file(path: String)
        /// Text typed at the prompt or piped in.
        case text(SourceFile)
    }
    package let origin: Origin

    package init(origin: Origin) {
        self.origin = origin
    }
}
