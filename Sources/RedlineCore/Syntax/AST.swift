// The abstract syntax: a small set of enums and structs, each with its span.

public indirect enum Term: Sendable {
    case variable(String, SourceSpan)
    /// `_`: a fresh variable at each occurrence.
    case anonymous(SourceSpan)
    case constant(Value, SourceSpan)
    /// `f(a, X)`; a bare name is a `constant(.symbol)`.
    case compound(String, [Term], SourceSpan)
    case arithmetic(ArithmeticOperator, Term, Term, SourceSpan)
    case negation(Term, SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .variable(_, let s), .anonymous(let s), .constant(_, let s),
             .compound(_, _, let s), .arithmetic(_, _, _, let s), .negation(_, let s):
            return s
        }
    }

    /// Named variables in order of appearance (with repeats).
    public var variables: [(name: String, span: SourceSpan)] {
        switch self {
        case .variable(let name, let span): return [(name, span)]
        case .anonymous, .constant: return []
        case .compound(_, let args, _): return args.flatMap(\.variables)
        case .arithmetic(_, let a, let b, _): return a.variables + b.variables
        case .negation(let a, _): return a.variables
        }
    }

    /// Where `_` occurs in the term.
    public var anonymousSpans: [SourceSpan] {
        switch self {
        case .anonymous(let span): return [span]
        case .variable, .constant: return []
        case .compound(_, let args, _): return args.flatMap(\.anonymousSpans)
        case .arithmetic(_, let a, let b, _): return a.anonymousSpans + b.anonymousSpans
        case .negation(let a, _): return a.anonymousSpans
        }
    }

    /// The value of a term without variables or arithmetic.
    public var groundValue: Value? {
        switch self {
        case .constant(let v, _): return v
        case .compound(let f, let args, _):
            var values: [Value] = []
            for arg in args {
                guard let v = arg.groundValue else { return nil }
                values.append(v)
            }
            return .compound(f, values)
        default: return nil
        }
    }

    var containsArithmetic: Bool {
        switch self {
        case .arithmetic, .negation: return true
        case .compound(_, let args, _): return args.contains { $0.containsArithmetic }
        default: return false
        }
    }
}

public struct Atom: Sendable {
    public let predicate: String
    public let args: [Term]
    public let span: SourceSpan
    /// Just the predicate's name, for carets under it.
    public let nameSpan: SourceSpan

    public var arity: Int { args.count }
    public var key: PredicateKey { PredicateKey(name: predicate, arity: args.count) }
    public var variables: [(name: String, span: SourceSpan)] { args.flatMap(\.variables) }
}

/// `name/arity`.
public struct PredicateKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let name: String
    public let arity: Int
    public init(name: String, arity: Int) {
        self.name = name
        self.arity = arity
    }
    public var description: String { "\(name)/\(arity)" }
    public static func < (a: PredicateKey, b: PredicateKey) -> Bool {
        a.name != b.name ? a.name < b.name : a.arity < b.arity
    }
}

public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, sum, min, max
}

/// `Result = sum Value : { body }`.
public struct Aggregate: Sendable {
    public let result: Term
    public let function: AggregateFunction
    /// nil for `count`.
    public let value: Term?
    public let body: [Literal]
    public let span: SourceSpan
}

public enum Literal: Sendable {
    case positive(Atom)
    case negative(Atom, SourceSpan)
    case comparison(ComparisonOperator, Term, Term, SourceSpan)
    case aggregate(Aggregate)

    public var span: SourceSpan {
        switch self {
        case .positive(let a): return a.span
        case .negative(_, let s), .comparison(_, _, _, let s): return s
        case .aggregate(let a): return a.span
        }
    }
}

public struct Clause: Sendable {
    public let head: Atom
    public let body: [Literal]
    public let span: SourceSpan
    public var isFact: Bool { body.isEmpty }
    /// A fact with a value in every argument: what `GroundFacts` stores.
    public var isGroundFact: Bool { body.isEmpty && head.args.allSatisfy { $0.groundValue != nil } }
}

/// What the parser makes of a source.
public struct ParsedSource: Sendable {
    /// Everything but ground facts, in source order.
    public let statements: [Statement]
    public let facts: GroundFacts
    public let diagnostics: [Diagnostic]
}

/// A change to a world: an atom forced true, or (`not`) forced false.
public struct Intervention: Sendable {
    public let atom: Atom
    public let isNegated: Bool
    public let span: SourceSpan
}

public struct ColumnDeclaration: Sendable {
    public let name: String
    public let type: ColumnType
    public let span: SourceSpan
}

public struct PredicateReference: Sendable {
    public let name: String
    /// nil when written without `/arity`.
    public let arity: Int?
    public let span: SourceSpan
}

public enum Declaration: Sendable {
    /// `.decl contract(id: symbol, value: money)`
    case relation(name: String, columns: [ColumnDeclaration], span: SourceSpan)
    /// `.outcome contract_lost, blacklisted`
    case outcome([PredicateReference], span: SourceSpan)
    /// `.say contract_lost(K) "contract {K} is cancelled"`
    case say(Atom, template: String, span: SourceSpan)
    /// `.lever drops/2`, or `.lever shares(city: symbol, data: symbol)`,
    /// which declares the relation's columns too.
    case lever([PredicateReference], columns: [ColumnDeclaration]?, span: SourceSpan)
    /// `.input contract "contracts.csv"`
    case input(name: String, path: String, span: SourceSpan)
    /// `.today 2026-02-25`: the date the knowledge is told on, unless `--today` or `:at` says otherwise.
    case today(Value, span: SourceSpan)
}

public enum Expectation: Sendable {
    /// `expect q(a), r(X).`: the conjunction has an answer.
    case holds([Literal])
    /// `expect not q(b).`
    case fails(Atom)
    /// `expect count q(_) = 3.`
    case count([Literal], ComparisonOperator, Term)
}

public enum Statement: Sendable {
    case clause(Clause)
    case query([Literal], span: SourceSpan)
    case declaration(Declaration)
    /// `what if L at DATE ?- q.`: the date is the world's `today`, as a scenario's.
    case whatIf([Intervention], at: Value?, query: [Literal]?, span: SourceSpan)
    case why(Atom, span: SourceSpan)
    case whyNot(Atom, span: SourceSpan)
    case scenario(name: String, [Intervention], at: Value?, span: SourceSpan)
    /// `compare a, b.`; `by exposure` ranks the worlds by a valued relation.
    case compare([String], all: Bool, by: String?, span: SourceSpan)
    case assume([Intervention], span: SourceSpan)
    case use(String, span: SourceSpan)
    case expect(Expectation, span: SourceSpan)
    case flip(Atom, span: SourceSpan)
    /// `what matters for p(a).`
    case matters(Atom, span: SourceSpan)
    case timeline(Atom, from: Term, to: Term, span: SourceSpan)
    /// `:load a.rl` in a file or at the prompt; the console runs it.
    case command(CommandCall)

    public var span: SourceSpan {
        switch self {
        case .clause(let c): return c.span
        case .declaration(let d):
            switch d {
            case .relation(_, _, let s), .outcome(_, let s), .say(_, _, let s), .lever(_, _, let s), .input(_, _, let s), .today(_, let s):
                return s
            }
        case .query(_, let s), .whatIf(_, _, _, let s), .why(_, let s), .whyNot(_, let s), .scenario(_, _, _, let s),
             .compare(_, _, _, let s), .assume(_, let s), .use(_, let s), .expect(_, let s), .flip(_, let s),
             .matters(_, let s), .timeline(_, _, _, let s):
            return s
        case .command(let call): return call.span
        }
    }

    /// The words users know the statement by, for messages.
    public var keyword: String {
        switch self {
        case .clause: return "clause"
        case .query: return "?-"
        case .declaration: return "declaration"
        case .whatIf: return "what if"
        case .why: return "why"
        case .whyNot: return "why not"
        case .scenario: return "scenario"
        case .compare: return "compare"
        case .assume: return "assume"
        case .use: return "use"
        case .expect: return "expect"
        case .flip: return "what would flip"
        case .matters: return "what matters for"
        case .timeline: return "timeline"
        case .command(let call): return ":" + call.name
        }
    }
}

/// A session command as written: `:name` and the rest of its line.
public struct CommandCall: Sendable {
    public let name: String
    public let argumentText: String
    public let span: SourceSpan

    public init(name: String, argumentText: String, span: SourceSpan) {
        self.name = name
        self.argumentText = argumentText
        self.span = span
    }

    /// Blank-separated words; "double quotes" keep blanks inside one word.
    public var arguments: [String] {
        var words: [String] = []
        var word = ""
        var quoted = false, started = false
        for ch in argumentText {
            if ch == "\"" {
                quoted.toggle()
                started = true
            } else if (ch == " " || ch == "\t") && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(ch)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }
}
