extension Value {
    /// One ground term, as the language writes it: `f(x, "y,z")`, `'DoD'`,
    /// `$5M`. nil for anything else, more than one term included.
    package static func groundTerm(_ text: String) -> Value? {
        let parsed = Parser.parse(SourceFile(path: "<cell>", text: "term(" + text + ")."))
        guard parsed.diagnostics.isEmpty, parsed.statements.isEmpty, parsed.facts.count == 1,
              let table = parsed.facts.tables.first, table.key == PredicateKey(name: "term", arity: 1) else { return nil }
        return table.row(0).first
    }

    /// One literal, as the language writes it (negative numbers included).
    package static func literal(_ text: String) -> Value? {
        let source = SourceFile(path: "<cell>", text: text)
        let (tokens, diagnostics) = Lexer.tokenize(source)
        guard diagnostics.isEmpty else { return nil }
        let kinds = tokens.map(\.kind)
        if kinds.count == 2 {
            switch kinds[0] {
            case .value(let v): return v
            case .name(let n): return .symbol(n)
            case .string(let s): return .string(s)
            default: return nil
            }
        }
        if kinds.count == 3, kinds[0] == .minus, case .value(let v) = kinds[1] { return try? Arithmetic.negate(v) }
        return nil
    }
}
