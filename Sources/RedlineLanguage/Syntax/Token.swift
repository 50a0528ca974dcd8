package struct Token: Sendable {
    package enum Kind: Sendable, Equatable {
        /// A lower-case identifier: a constant, a predicate or a keyword.
        case name(String)
        /// An upper-case or `_`-prefixed identifier; `_` alone is `anonymous`.
        case variable(String)
        case anonymous
        case string(String)
        case value(Value)
        /// `.decl`, `.outcome`, ...: a dot glued to a name.
        case directive(String)
        /// `:load a.rl`: a session command, from a ':' that starts a line to the line's end.
        case command(name: String, arguments: String)
        case leftParen, rightParen, leftBrace, rightBrace
        case comma, dot, colon, implies, query
        /// `;` between the alternatives of an annotated disjunction; `?` ending a question.
        case semicolon, questionMark
        case compare(ComparisonOperator)
        case plus, minus, star, slash
        case end
    }

    package let kind: Kind
    package let span: SourceSpan
}

extension Token.Kind: CustomStringConvertible {
    package var description: String {
        switch self {
        case .name(let n): return "'\(n)'"
        case .variable(let v): return "variable '\(v)'"
        case .anonymous: return "'_'"
        case .string: return "a string"
        case .value(let v): return "\(v.kind.rawValue) \(v)"
        case .directive(let d): return "'.\(d)'"
        case .command(let name, _): return "':\(name)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .colon: return "':'"
        case .implies: return "':-'"
        case .query: return "'?-'"
        case .semicolon: return "';'"
        case .questionMark: return "'?'"
        case .compare(let op): return "'\(op.rawValue)'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .end: return "end of input"
        }
    }
}
