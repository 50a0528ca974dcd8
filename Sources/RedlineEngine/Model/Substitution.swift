import RedlineLanguage
/// Binding variables to values in rules and atoms, and writing the result
/// back in the language's syntax: what explanations show.
package typealias Bindings = [String: Value]

extension Term {
    package func substituting(_ bindings: Bindings) -> Term {
        switch self {
        case .variable(let name, let span): return bindings[name].map { .constant($0, span) } ?? self
        case .anonymous, .constant: return self
        case .compound(let f, let args, let span): return .compound(f, args.map { $0.substituting(bindings) }, span)
        case .arithmetic(let op, let a, let b, let span): return .arithmetic(op, a.substituting(bindings), b.substituting(bindings), span)
        case .negation(let a, let span): return .negation(a.substituting(bindings), span)
        }
    }

    /// Matches a value, extending `bindings`; false when it cannot match.
    package func unify(with value: Value, _ bindings: inout Bindings) -> Bool {
        switch self {
        case .variable(let name, _):
            if let bound = bindings[name] { return bound == value }
            bindings[name] = value
            return true
        case .anonymous: return true
        case .constant(let constant, _): return constant == value
        case .compound(let f, let args, _):
            guard case .compound(let g, let values) = value, f == g, args.count == values.count else { return false }
            return zip(args, values).allSatisfy { $0.0.unify(with: $0.1, &bindings) }
        case .arithmetic, .negation: return false
        }
    }

    var written: String {
        switch self {
        case .variable(let name, _): return name
        case .anonymous: return "_"
        case .constant(let value, _): return value.description
        case .compound(let f, let args, _): return f + "(" + args.map(\.written).joined(separator: ", ") + ")"
        case .arithmetic(let op, let a, let b, _): return "\(a.written) \(op.rawValue) \(b.written)"
        case .negation(let a, _): return "-\(a.written)"
        }
    }
}

extension Atom {
    package func substituting(_ bindings: Bindings) -> Atom {
        Atom(predicate: predicate, args: args.map { $0.substituting(bindings) }, span: span, nameSpan: nameSpan)
    }

    /// Bindings that make this atom (a rule head) equal to the fact, if any.
    func unify(with fact: Fact) -> Bindings? {
        guard key == fact.key else { return nil }
        var bindings: Bindings = [:]
        for (term, value) in zip(args, fact.values) where !term.unify(with: value, &bindings) { return nil }
        return bindings
    }

    package var written: String {
        if DefeasibleNames.isAdded(predicate), let words = DefeasibleNames.phrase(predicate, args.map(\.written)) { return words }
        return args.isEmpty ? predicate : predicate + "(" + args.map(\.written).joined(separator: ", ") + ")"
    }
}

extension Literal {
    package func substituting(_ bindings: Bindings) -> Literal {
        switch self {
        case .positive(let atom): return .positive(atom.substituting(bindings))
        case .negative(let atom, let span): return .negative(atom.substituting(bindings), span)
        case .comparison(let op, let a, let b, let span): return .comparison(op, a.substituting(bindings), b.substituting(bindings), span)
        case .aggregate(let aggregate):
            return .aggregate(Aggregate(result: aggregate.result.substituting(bindings), function: aggregate.function,
                                        value: aggregate.value?.substituting(bindings),
                                        body: aggregate.body.map { $0.substituting(bindings) }, span: aggregate.span))
        }
    }

    var written: String {
        switch self {
        case .positive(let atom): return atom.written
        case .negative(let atom, _):
            if DefeasibleNames.isAdded(atom.predicate), let words = DefeasibleNames.phrase(atom.predicate, atom.args.map(\.written), negated: true) {
                return words
            }
            return "not " + atom.written
        case .comparison(let op, let a, let b, _): return op.written(a.written, b.written)
        case .aggregate(let a):
            let value = a.value.map { " " + $0.written } ?? ""
            return "\(a.result.written) = \(a.function.rawValue)\(value) : { \(a.body.map(\.written).joined(separator: ", ")) }"
        }
    }
}

extension Clause {
    /// `file:line` of the clause.
    var location: String { "\(span.file.path):\(span.line)" }
}

extension Intervention {
    package var written: String { (isNegated ? "not " : "") + atom.written }
    var location: String { "\(span.file.path):\(span.line)" }
}
