// The abstract syntax: a small set of enums and structs, each with its span.

package indirect enum Term: Sendable {
    case variable(String, SourceSpan)
    /// `_`: a fresh variable at each occurrence.
    case anonymous(SourceSpan)
    case constant(Value, SourceSpan)
    /// `f(a, X)`; a bare name is a `constant(.symbol)`.
    case compound(String, [Term], SourceSpan)
    case arithmetic(ArithmeticOperator, Term, Term, SourceSpan)
    case negation(Term, SourceSpan)

    package var span: SourceSpan {
        switch self {
        case .variable(_, let s), .anonymous(let s), .constant(_, let s),
             .compound(_, _, let s), .arithmetic(_, _, _, let s), .negation(_, let s):
            return s
        }
    }

    /// Named variables in order of appearance (with repeats).
    package var variables: [(name: String, span: SourceSpan)] {
        switch self {
        case .variable(let name, let span): return [(name, span)]
        case .anonymous, .constant: return []
        case .compound(_, let args, _): return args.flatMap(\.variables)
        case .arithmetic(_, let a, let b, _): return a.variables + b.variables
        case .negation(let a, _): return a.variables
        }
    }

    /// Where `_` occurs in the term.
    package var anonymousSpans: [SourceSpan] {
        switch self {
        case .anonymous(let span): return [span]
        case .variable, .constant: return []
        case .compound(_, let args, _): return args.flatMap(\.anonymousSpans)
        case .arithmetic(_, let a, let b, _): return a.anonymousSpans + b.anonymousSpans
        case .negation(let a, _): return a.anonymousSpans
        }
    }

    /// The value of a term without variables or arithmetic.
    package var groundValue: Value? {
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

    package var containsArithmetic: Bool {
        switch self {
        case .arithmetic, .negation: return true
        case .compound(_, let args, _): return args.contains { $0.containsArithmetic }
        default: return false
        }
    }
}

package struct Atom: Sendable {
    package let predicate: String
    package let args: [Term]
    package let span: SourceSpan
    /// Just the predicate's name, for carets under it.
    package let nameSpan: SourceSpan

    package init(predicate: String, args: [Term], span: SourceSpan, nameSpan: SourceSpan) {
        self.predicate = predicate
        self.args = args
        self.span = span
        self.nameSpan = nameSpan
    }

    package var arity: Int { args.count }
    package var key: PredicateKey { PredicateKey(name: predicate, arity: args.count) }
    package var variables: [(name: String, span: SourceSpan)] { args.flatMap(\.variables) }
}

/// `name/arity`.
package struct PredicateKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let name: String
    package let arity: Int
    package init(name: String, arity: Int) {
        self.name = name
        self.arity = arity
    }
    package var description: String { "\(name)/\(arity)" }
    package static func < (a: PredicateKey, b: PredicateKey) -> Bool {
        a.name != b.name ? a.name < b.name : a.arity < b.arity
    }
}

package enum AggregateFunction: String, Sendable, CaseIterable {
    case count, sum, min, max
}

/// `Result = sum Value : { body }`.
package struct Aggregate: Sendable {
    package let result: Term
    package let function: AggregateFunction
    /// nil for `count`.
    package let value: Term?
    package let body: [Literal]
    package let span: SourceSpan

    package init(result: Term, function: AggregateFunction, value: Term?, body: [Literal], span: SourceSpan) {
        self.result = result
        self.function = function
        self.value = value
        self.body = body
        self.span = span
    }
}

package enum Literal: Sendable {
    case positive(Atom)
    case negative(Atom, SourceSpan)
    case comparison(ComparisonOperator, Term, Term, SourceSpan)
    case aggregate(Aggregate)

    package var span: SourceSpan {
        switch self {
        case .positive(let a): return a.span
        case .negative(_, let s), .comparison(_, _, _, let s): return s
        case .aggregate(let a): return a.span
        }
    }
}

/// How firmly a rule concludes its head (defeasible logic; Nute, and
/// Antoniou, Billington, Governatori and Maher, ACM TOCL 2001).
package enum RuleStrength: String, Sendable {
    /// `:-`: the head follows whenever the body holds.
    case strict
    /// `normally HEAD :- BODY.`: the head follows unless a rule against it wins.
    case defeasible
    /// `maybe HEAD :- BODY.`: concludes nothing; only blocks the heads it conflicts with.
    case defeater
}

package struct Clause: Sendable {
    package let head: Atom
    package let body: [Literal]
    package let span: SourceSpan
    package let strength: RuleStrength
    /// `r1:` before the rule: the name superiority (`r2 > r1.`) refers to.
    package let label: String?

    package init(head: Atom, body: [Literal], span: SourceSpan, strength: RuleStrength = .strict, label: String? = nil) {
        self.head = head
        self.body = body
        self.span = span
        self.strength = strength
        self.label = label
    }

    package var isFact: Bool { body.isEmpty && strength == .strict }
    /// A fact with a value in every argument: what `GroundFacts` stores.
    /// A label on a fact names nothing superiority can use: facts are never beaten.
    package var isGroundFact: Bool { isFact && head.args.allSatisfy { $0.groundValue != nil } }
}

/// What the parser makes of a source.
package struct ParsedSource: Sendable {
    /// Everything but ground facts, in source order.
    package let statements: [Statement]
    package let facts: GroundFacts
    package let diagnostics: [Diagnostic]

    package init(statements: [Statement], facts: GroundFacts, diagnostics: [Diagnostic]) {
        self.statements = statements
        self.facts = facts
        self.diagnostics = diagnostics
    }
}

/// A change to a world: an atom forced true, or (`not`) forced false.
package struct Intervention: Sendable {
    package let atom: Atom
    package let isNegated: Bool
    package let span: SourceSpan

    package init(atom: Atom, isNegated: Bool, span: SourceSpan) {
        self.atom = atom
        self.isNegated = isNegated
        self.span = span
    }
}

/// `0.6 :: complies(anthropic, u1).`, or an annotated disjunction
/// `0.5 :: complies(a, u1); 0.3 :: negotiates(a, u1).`: at most one of the
/// alternatives holds, each with its probability, none with the rest;
/// independently of every other choice (the distribution semantics).
package struct UncertainChoice: Sendable {
    package struct Alternative: Sendable {
        package let probability: Double
        /// Ground.
        package let atom: Atom

        package init(probability: Double, atom: Atom) {
            self.probability = probability
            self.atom = atom
        }
    }
    package let alternatives: [Alternative]
    package let span: SourceSpan

    package init(alternatives: [Alternative], span: SourceSpan) {
        self.alternatives = alternatives
        self.span = span
    }
}

/// `given q(a).` or `given not q(b).`: what is known to hold or not, which
/// every likelihood is conditioned on.
package struct Evidence: Sendable {
    package let atom: Atom
    package let holds: Bool
    package let span: SourceSpan

    package init(atom: Atom, holds: Bool, span: SourceSpan) {
        self.atom = atom
        self.holds = holds
        self.span = span
    }
}

/// `how likely q(X) given e(a)?` and its relatives.
package struct LikelihoodQuestion: Sendable {
    package enum Kind: Sendable {
        /// `how likely BODY?`: each answer with its probability.
        case answers
        /// `what moves ATOM?`: the uncertain facts ranked by how much making each certain changes it.
        case movers
        /// `why likely ATOM?`: the proofs that carry most of its probability.
        case proofs
        /// `timeline how likely ATOM from D1 to D2.`: the probability by date.
        case timeline(from: Term, to: Term)
    }
    package let kind: Kind
    package let body: [Literal]
    package let given: [Evidence]
    /// `what if L ?- how likely ...`: the world's interventions (nil: the current world).
    package let interventions: [Intervention]?
    package let date: Value?
    package let span: SourceSpan

    package init(kind: Kind, body: [Literal], given: [Evidence], interventions: [Intervention]?, date: Value?, span: SourceSpan) {
        self.kind = kind
        self.body = body
        self.given = given
        self.interventions = interventions
        self.date = date
        self.span = span
    }
}

package struct ColumnDeclaration: Sendable {
    package let name: String
    package let type: ColumnType
    package let span: SourceSpan
}

package struct PredicateReference: Sendable {
    package let name: String
    /// nil when written without `/arity`.
    package let arity: Int?
    package let span: SourceSpan
}

package enum Declaration: Sendable {
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
    /// `.input rel "file.csv"`, and `skip_bad_rows` after it to load the good rows of a file with bad ones.
    case input(name: String, path: String, skipBadRows: Bool, span: SourceSpan)
    /// `.today 2026-02-25`: the date the knowledge is told on, unless `--today` or `:at` says otherwise.
    case today(Value, span: SourceSpan)
    /// `.conflict complies/2, defies/2`: no two of these hold of the same arguments (defeasible logic).
    case conflict([PredicateReference], span: SourceSpan)
    /// `.defeasible propagating` (or `blocking`, the default): how an ambiguity among defeasible rules spreads.
    case defeasible(AmbiguityHandling, span: SourceSpan)
    /// `given q(a), not q(b).`: evidence every likelihood is conditioned on.
    case given([Evidence], span: SourceSpan)
}

/// Whether a conclusion left ambiguous (two rules of equal strength clash)
/// may still attack other conclusions.
package enum AmbiguityHandling: String, Sendable {
    /// The ambiguous conclusions are simply not drawn, and cannot attack.
    case blocking
    /// Each ambiguous side still blocks what it attacks.
    case propagating
}

package enum Expectation: Sendable {
    /// `expect q(a), r(X).`: the conjunction has an answer.
    case holds([Literal])
    /// `expect not q(b).`
    case fails(Atom)
    /// `expect count q(_) = 3.`
    case count([Literal], ComparisonOperator, Term)
    /// `expect total(dod, $6.86B) within $1M.`: a fact of the other
    /// arguments whose last is within the tolerance of the one written.
    case near(Atom, tolerance: Term)
}

/// How a query's answers are shaped: `order by T desc, C limit 10`.
package struct AnswerShape: Sendable {
    package struct Key: Sendable {
        package let column: String
        package let descending: Bool
        package let span: SourceSpan
    }
    package var order: [Key] = []
    package var limit: Int?
    package var isPlain: Bool { order.isEmpty && limit == nil }
    package init(order: [Key] = [], limit: Int? = nil) {
        self.order = order
        self.limit = limit
    }
}

package enum Statement: Sendable {
    case clause(Clause)
    /// `0.6 :: p(a).`
    case uncertain(UncertainChoice)
    case query([Literal], shape: AnswerShape, span: SourceSpan)
    case declaration(Declaration)
    /// `what if L at DATE ?- q.`: the date is the world's `today`, as a scenario's.
    case whatIf([Intervention], at: Value?, query: [Literal]?, span: SourceSpan)
    case why(Atom, span: SourceSpan)
    case whyNot(Atom, span: SourceSpan)
    case scenario(name: String, [Intervention], at: Value?, span: SourceSpan)
    /// `compare a, b.`; `by exposure` ranks the worlds by a valued relation;
    /// `with likelihoods` gives each outcome's probability in each world.
    case compare([String], all: Bool, by: String?, likelihoods: Bool, span: SourceSpan)
    case likelihood(LikelihoodQuestion)
    case assume([Intervention], span: SourceSpan)
    case use(String, span: SourceSpan)
    case expect(Expectation, span: SourceSpan)
    case flip(Atom, span: SourceSpan)
    /// `what matters for p(a).`
    case matters(Atom, span: SourceSpan)
    case timeline(Atom, from: Term, to: Term, span: SourceSpan)
    /// `:load a.rl` in a file or at the prompt; the console runs it.
    case command(CommandCall)

    package var span: SourceSpan {
        switch self {
        case .clause(let c): return c.span
        case .uncertain(let choice): return choice.span
        case .likelihood(let question): return question.span
        case .declaration(let d):
            switch d {
            case .relation(_, _, let s), .outcome(_, let s), .say(_, _, let s), .lever(_, _, let s), .input(_, _, _, let s), .today(_, let s),
                 .conflict(_, let s), .defeasible(_, let s), .given(_, let s):
                return s
            }
        case .query(_, _, let s), .whatIf(_, _, _, let s), .why(_, let s), .whyNot(_, let s), .scenario(_, _, _, let s),
             .compare(_, _, _, _, let s), .assume(_, let s), .use(_, let s), .expect(_, let s), .flip(_, let s),
             .matters(_, let s), .timeline(_, _, _, let s):
            return s
        case .command(let call): return call.span
        }
    }

    /// The words users know the statement by, for messages.
    package var keyword: String {
        switch self {
        case .clause: return "clause"
        case .uncertain: return "uncertain fact"
        case .likelihood(let question):
            switch question.kind {
            case .answers: return "how likely"
            case .movers: return "what moves"
            case .proofs: return "why likely"
            case .timeline: return "timeline how likely"
            }
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
package struct CommandCall: Sendable {
    package let name: String
    package let argumentText: String
    package let span: SourceSpan

    package init(name: String, argumentText: String, span: SourceSpan) {
        self.name = name
        self.argumentText = argumentText
        self.span = span
    }

    /// Blank-separated words; "double quotes" keep blanks inside one word.
    package var arguments: [String] {
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
