/// Everything loaded so far: clauses, declarations and the files they came
/// from. A value: a failed load simply does not replace the session's copy.
public struct Program: Sendable {
    public internal(set) var files: [SourceFile] = []
    public internal(set) var clauses: [Clause] = []
    public internal(set) var relations: [String: RelationDeclaration] = [:]
    public internal(set) var outcomes: [PredicateReference] = []
    public internal(set) var levers: [PredicateReference] = []
    public internal(set) var phrasings: [Phrasing] = []
    public internal(set) var inputs: [InputDeclaration] = []
    /// `.today DATE` of the last file that has one.
    public internal(set) var storyDate: Value?

    public init() {}

    public var factCount: Int { clauses.count { $0.isFact } }
    public var ruleCount: Int { clauses.count { !$0.isFact } }
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
        case .lever(let refs, _): levers += refs
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
