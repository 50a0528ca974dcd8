import Foundation
/// Defeasible logic by translation into stratified Datalog, so that worlds,
/// flips, timelines and explanations work on defeasible programs unchanged.
///
/// The semantics is the standard one of Antoniou, Billington, Governatori and
/// Maher ("Representation results for defeasible logic", ACM TOCL 2001), with
/// ambiguity blocking by default and ambiguity propagation as an option
/// (Antoniou, Billington, Governatori, Maher and Rock, ECAI 2000). For a
/// literal q with the set C(q) of literals it conflicts with (its complement
/// -q, and the relations of its `.conflict` groups, on the same arguments):
///
/// - +Δq (definitely): q is a fact, or a strict rule for q has a body of +Δ literals.
/// - +∂q (defeasibly): +Δq; or (1) a strict or defeasible rule for q has a
///   body of +∂ literals, (2) -Δc for each c in C(q), and (3) every rule s for
///   some c in C(q) (of any strength) either has a body literal that is not
///   +∂, or is beaten: some strict or defeasible rule t for q has a +∂ body
///   and t > s (team defeat).
/// - Propagating: (3) reads "not +Σ" for s's body, and (1) needs +∂ bodies
///   still; +Σq (supported): +Δq, or a strict or defeasible rule r for q has a
///   body of +Σ literals and no rule s for some c in C(q) with a +∂ body has s > r.
///
/// The translation, per relation q (X̄ its arguments, `R`, `S`, `T` rule labels):
///
///     q@definitely(X̄)  :- strict rule bodies, reading a@definitely for each layered a
///     q@applies(r, X̄)  :- body of r        (each strict or defeasible rule r for q)
///     q@maybe(d, X̄)    :- body of d        (each defeater d for q)
///     q(X̄) :- q@definitely(X̄).
///     q(X̄) :- q@applies(_, X̄), not c@definitely(X̄) for each c, not q@defeated(X̄).
///     q@defeated(X̄)     :- c@applies(S, X̄), not q@overrides(S, X̄).    (and c@maybe)
///     q@overrides(S, X̄) :- q@applies(T, X̄), superior(T, S).
///
/// Proof sketch. In a theory whose translation is stratified (no literal's
/// attackers depend on the literal), each relation's strata come after those
/// of every relation its rules and attackers read, so the stratified model
/// decides q@definitely, q@applies and q@maybe exactly as +Δ and "body all
/// +∂" by induction over strata (+Δ reads only +Δ, as the renamed facts and
/// definite bodies do). Then q@overrides(S, X̄) holds iff a rule t for q
/// applies with t > S; q@defeated(X̄) iff some attacker applies and is not
/// overridden, which is the negation of (3); and the rule for q(X̄) is
/// (1) ∧ (2) ∧ (3), or +Δq. Under propagation, q@backs/q@doubts are the
/// bodies read at +Σ, q@outweighed(R, X̄) is "an attacker with a +∂ body beats
/// R", and q@defeated reads the attackers' +Σ bodies: the same case analysis.
/// `Tests/RedlineCoreTests/DefeasibleTests.swift` checks the translation
/// against a direct implementation of these conditions on random theories.
///
/// What is "layered" gets the two kinds: relations with defeasible rules,
/// defeaters, a strong negation or a `.conflict`, and every relation whose
/// rules read one of those. A program with none of them is left as it is.
/// `not` and aggregates read what holds defeasibly; a rule that reads a
/// layered relation through them concludes only defeasibly.
package enum DefeasibleLogic {
    /// Translates the defeasible part of `written`; returns it unchanged when there is none.
    package static func translate(_ written: Program) -> (program: Program, diagnostics: [Diagnostic]) {
        var translation = Translation(written: written)
        return translation.run()
    }

    /// Whether a program needs translating: any defeasible rule, defeater,
    /// strongly negated relation or `.conflict`.
    package static func isDefeasible(_ program: Program) -> Bool {
        !program.conflicts.isEmpty
            || program.clauses.contains { $0.strength != .strict || $0.head.predicate.hasPrefix("-") || $0.body.contains(where: readsStrongNegation) }
            || program.facts.contains { $0.tables.contains { $0.key.name.hasPrefix("-") } }
    }

    private static func readsStrongNegation(_ literal: Literal) -> Bool {
        Checker.atoms(in: literal).contains { $0.predicate.hasPrefix("-") }
    }

    /// `flies` and `-flies`.
    package static func complement(_ key: PredicateKey) -> PredicateKey {
        key.name.hasPrefix("-") ? PredicateKey(name: String(key.name.dropFirst()), arity: key.arity)
            : PredicateKey(name: "-" + key.name, arity: key.arity)
    }

    /// Interventions as the translated program takes them: forcing a layered
    /// atom true makes it a fact (so definitely so); forcing it false retracts
    /// it in both kinds.
    package static func interventions(_ interventions: [Intervention], in program: Program) -> [Intervention] {
        guard !program.layered.isEmpty else { return interventions }
        var result: [Intervention] = []
        for intervention in interventions {
            let atom = intervention.atom
            guard program.layered.contains(atom.key) else {
                result.append(intervention)
                continue
            }
            let definite = Atom(predicate: DefeasibleNames.definitely(atom.predicate), args: atom.args, span: atom.span, nameSpan: atom.nameSpan)
            let definiteIntervention = Intervention(atom: definite, isNegated: intervention.isNegated, span: intervention.span)
            result.append(contentsOf: intervention.isNegated ? [intervention, definiteIntervention] : [definiteIntervention])
        }
        return result
    }
}

/// The names of the relations the translation adds. Each has an '@', which
/// no relation written in the language can have.
package enum DefeasibleNames {
    /// `superior(r2, r1)`, or `r2 > r1.`: the rule labelled r2 beats the one labelled r1.
    package static let superior = "superior"
    static let superiorKey = PredicateKey(name: superior, arity: 2)

    package static func definitely(_ name: String) -> String { name + "@definitely" }
    static func applies(_ name: String) -> String { name + "@applies" }
    static func maybe(_ name: String) -> String { name + "@maybe" }
    static func defeated(_ name: String) -> String { name + "@defeated" }
    static func overrides(_ name: String) -> String { name + "@overrides" }
    static func supported(_ name: String) -> String { name + "@supported" }
    static func backs(_ name: String) -> String { name + "@backs" }
    static func doubts(_ name: String) -> String { name + "@doubts" }
    static func outweighed(_ name: String) -> String { name + "@outweighed" }

    /// A fact of an added relation, in words; nil for any other relation.
    package static func phrase(_ predicate: String, _ args: [String], negated: Bool = false) -> String? {
        if negated {
            guard let at = predicate.lastIndex(of: "@") else { return nil }
            let name = String(predicate[..<at]), kind = String(predicate[predicate.index(after: at)...])
            let labelled = !["definitely", "defeated", "supported"].contains(kind)
            guard !labelled || !args.isEmpty else { return nil }
            let values = labelled ? args.dropFirst() : args[...]
            let atom = values.isEmpty ? name : "\(name)(\(values.joined(separator: ", ")))"
            switch kind {
            case "definitely": return "not definitely \(atom)"
            case "defeated": return "\(atom) is not defeated"
            case "supported": return "\(atom) is not supported"
            case "overrides": return "no rule for \(atom) beats \(args[0])"
            case "outweighed": return "rule \(args[0]) for \(atom) is not outweighed"
            default: return nil
            }
        }
        guard let at = predicate.lastIndex(of: "@") else { return nil }
        let name = String(predicate[..<at]), kind = predicate[predicate.index(after: at)...]
        func atom(_ values: ArraySlice<String>) -> String { values.isEmpty ? name : "\(name)(\(values.joined(separator: ", ")))" }
        let labelled = !args.isEmpty
        // A label not yet bound (a variable, `_`): any rule.
        if labelled, let first = args[0].unicodeScalars.first, first == "_" || CharacterSet.uppercaseLetters.contains(first) {
            switch kind {
            case "applies": return "a rule for \(atom(args.dropFirst())) applies"
            case "maybe": return "a defeater for \(atom(args.dropFirst())) applies"
            case "backs": return "a rule for \(atom(args.dropFirst())) is supported"
            case "doubts": return "a defeater for \(atom(args.dropFirst())) is supported"
            default: break
            }
        }
        switch kind {
        case "definitely": return "definitely \(atom(args[...]))"
        case "defeated": return "\(atom(args[...])) is defeated"
        case "supported": return "\(atom(args[...])) is supported"
        case "applies" where labelled: return "rule \(args[0]) for \(atom(args.dropFirst())) applies"
        case "maybe" where labelled: return "defeater \(args[0]) for \(atom(args.dropFirst())) applies"
        case "overrides" where labelled: return "a rule for \(atom(args.dropFirst())) beats \(args[0])"
        case "backs" where labelled: return "rule \(args[0]) for \(atom(args.dropFirst())) is supported"
        case "doubts" where labelled: return "defeater \(args[0]) for \(atom(args.dropFirst())) is supported"
        case "outweighed" where labelled: return "rule \(args[0]) for \(atom(args.dropFirst())) is outweighed"
        default: return nil
        }
    }

    /// The relation a user wrote, for an added one: `flies` for `flies@defeated`.
    package static func written(_ name: String) -> String {
        guard let at = name.firstIndex(of: "@") else { return name }
        return String(name[..<at])
    }

    package static func isAdded(_ name: String) -> Bool { name.contains("@") }
}

private struct Translation {
    let written: Program
    var diagnostics: [Diagnostic] = []
    /// Relations with defeasible rules, defeaters, strong negation or conflicts.
    var contested = Set<PredicateKey>()
    /// Those and every relation whose rules read one: they have two kinds.
    var layered = Set<PredicateKey>()
    var conflicts: [PredicateKey: Set<PredicateKey>] = [:]
    var rulesByHead: [PredicateKey: [Clause]] = [:]
    var superiorDefined = false
    var pending: [(text: String, make: (SourceSpan) -> Clause)] = []

    init(written: Program) {
        self.written = written
    }

    var shapes: Shapes { Shapes(layered: layered) }
    func renamed(_ atom: Atom, _ name: (String) -> String) -> Atom { shapes.renamed(atom, name) }
    func labelled(_ atom: Atom, _ name: (String) -> String, _ label: Term) -> Atom { shapes.labelled(atom, name, label) }
    func supportedBody(_ body: [Literal]) -> [Literal] { shapes.supportedBody(body) }

    mutating func run() -> (program: Program, diagnostics: [Diagnostic]) {
        guard DefeasibleLogic.isDefeasible(written) else { return (written, []) }
        collect()
        checkLabels()
        let this = shapes
        var program = written
        program.layered = layered
        var kept: [Clause] = []
        var generated: [Clause] = []
        for clause in written.clauses {
            guard layered.contains(clause.head.key) else {
                kept.append(clause)
                continue
            }
            // Definite layer: strict rules (and labelled facts) whose bodies can hold definitely.
            if clause.strength == .strict, let body = definiteBody(clause.body) {
                generated.append(Clause(head: renamed(clause.head, DefeasibleNames.definitely), body: body, span: clause.span))
            }
        }
        for key in layered.sorted() where !contested.contains(key) {
            // Relations that only read contested ones: their rules as written read what holds defeasibly.
            kept.append(contentsOf: rulesByHead[key] ?? [])
            principle("\(key.name) holds when it holds definitely") { this.definitelyRule(key, $0) }
            if written.ambiguity == .propagating { supportedLayer(of: key) }
        }
        for key in contested.sorted() { decide(key, into: &generated) }
        let file = SourceFile(path: "(defeasible logic)", text: pending.map(\.text).joined(separator: "\n") + "\n")
        for (line, item) in pending.enumerated() {
            let start = file.lineStarts[line]
            generated.append(item.make(SourceSpan(file: file, start: start, end: start + item.text.utf8.count)))
        }
        // A rule without a body (`normally p(a).`, `d: maybe -p(a).`) holds as a fact of its relation.
        var bodiless: [ObjectIdentifier: GroundFacts] = [:]
        var rules: [Clause] = []
        for clause in generated {
            guard clause.body.isEmpty, clause.head.args.allSatisfy({ $0.groundValue != nil }) else {
                rules.append(clause)
                continue
            }
            let file = ObjectIdentifier(clause.span.file)
            if bodiless[file] == nil { bodiless[file] = GroundFacts(file: clause.span.file) }
            bodiless[file]!.append(clause)
        }
        program.clauses = kept + rules
        program.facts = written.facts.map { $0.renaming(layered, DefeasibleNames.definitely) }
        for var facts in bodiless.values.sorted(by: { $0.file.path < $1.file.path }) {
            facts.finish()
            program.facts.append(facts)
        }
        return (program, diagnostics)
    }

    // MARK: - What is defeasible

    mutating func collect() {
        var arities: [String: Int] = [:]
        func note(_ key: PredicateKey) {
            if arities[key.name] == nil { arities[key.name] = key.arity }
            if key.name.hasPrefix("-") {
                contested.insert(key)
                contested.insert(DefeasibleLogic.complement(key))
            }
        }
        for clause in written.clauses {
            note(clause.head.key)
            rulesByHead[clause.head.key, default: []].append(clause)
            if clause.strength != .strict { contested.insert(clause.head.key) }
            for literal in clause.body { Checker.atoms(in: literal).forEach { note($0.key) } }
        }
        for source in written.facts { for table in source.tables { note(table.key) } }
        for group in written.conflicts {
            var keys: [PredicateKey] = []
            for ref in group {
                guard let arity = ref.arity ?? arities[ref.name] else {
                    diagnostics.append(.warning("'\(ref.name)' in .conflict is not a relation of the program; the conflict says nothing about it", at: ref.span))
                    continue
                }
                keys.append(PredicateKey(name: ref.name, arity: arity))
            }
            if Set(keys.map(\.arity)).count > 1 {
                diagnostics.append(.error("the relations of a .conflict must have the same number of arguments: "
                                          + keys.map(\.description).joined(separator: ", "), at: group.first!.span))
                continue
            }
            for key in keys {
                contested.insert(key)
                conflicts[key, default: []].formUnion(keys.filter { $0 != key })
            }
        }
        // A strong negation is a relation of its own even with no rule for it:
        // it can be asked, and an intervention can force it.
        for key in contested { contested.insert(DefeasibleLogic.complement(key)) }
        for key in contested { conflicts[key, default: []].insert(DefeasibleLogic.complement(key)) }
        // Every relation whose rules read a layered one is layered too: a
        // worklist over the rules that read each relation.
        var readers: [PredicateKey: [Clause]] = [:]
        for clause in written.clauses {
            for key in Set(clause.body.flatMap { Checker.atoms(in: $0).map(\.key) }) { readers[key, default: []].append(clause) }
        }
        layered = contested
        var work = Array(contested)
        while let key = work.popLast() {
            for clause in readers[key] ?? [] where layered.insert(clause.head.key).inserted { work.append(clause.head.key) }
        }
        let superiorKey = DefeasibleNames.superiorKey
        superiorDefined = written.factKeys.contains(superiorKey) || rulesByHead[superiorKey] != nil
            || written.levers.contains { $0.name == superiorKey.name && ($0.arity ?? 2) == 2 }
            || written.relations[superiorKey.name]?.columns.count == 2
    }

    mutating func checkLabels() {
        var seen: [String: SourceSpan] = [:]
        for clause in written.clauses {
            guard let label = clause.label else { continue }
            if let first = seen[label] {
                diagnostics.append(.error("two rules are labelled '\(label)'; superiority needs each label to name one rule",
                                          at: clause.span, notes: [.init("the first is here", at: first)]))
            } else {
                seen[label] = clause.span
            }
        }
        for (source, table) in written.factTables where table.key.name == DefeasibleNames.superior && table.key.arity != 2 {
            diagnostics.append(.error("superior has two arguments, the label of the winning rule and of the losing one, as in superior(r2, r1) or r2 > r1.",
                                      at: source.span(table, row: 0)))
        }
        var stated: [[Value]: SourceSpan] = [:]
        for (source, table) in written.factTables where table.key == DefeasibleNames.superiorKey {
            for row in 0..<table.count {
                let pair = Array(table.row(row)), span = source.span(table, row: row)
                if pair[0] == pair[1] {
                    diagnostics.append(.warning("a rule superior to itself decides nothing", at: span))
                } else if let other = stated[[pair[1], pair[0]]] {
                    diagnostics.append(.warning("\(pair[0]) > \(pair[1]) and \(pair[1]) > \(pair[0]) cancel each other: neither rule beats the other",
                                                at: span, notes: [.init("the other is here", at: other)]))
                }
                stated[pair] = span
            }
        }
        for (source, table) in written.factTables where table.key == DefeasibleNames.superiorKey {
            for row in 0..<table.count {
                for value in table.row(row) {
                    guard case .symbol(let name) = value, seen[name] == nil else { continue }
                    var notes: [Diagnostic.Note] = []
                    if let guess = Suggestions.closest(to: name, in: Array(seen.keys)) { notes.append(.init("did you mean '\(guess)'?")) }
                    diagnostics.append(.warning("no rule is labelled '\(name)', so this superiority decides nothing",
                                                at: source.span(table, row: row), notes: notes))
                }
            }
        }
    }

    // MARK: - Bodies of the three layers

    /// The body read definitely (every layered relation may hold definitely:
    /// by its facts, or by an intervention that forces an atom); nil when
    /// the body reads a layered relation through `not` or an aggregate: what
    /// rests on the absence or the count of defeasible conclusions is itself
    /// only defeasible.
    func definiteBody(_ body: [Literal]) -> [Literal]? {
        var result: [Literal] = []
        for literal in body {
            switch literal {
            case .positive(let atom) where layered.contains(atom.key):
                result.append(.positive(renamed(atom, DefeasibleNames.definitely)))
            case .negative, .aggregate:
                guard !Checker.atoms(in: literal).contains(where: { layered.contains($0.key) }) else { return nil }
                result.append(literal)
            default:
                result.append(literal)
            }
        }
        return result
    }

    func label(of clause: Clause) -> Term {
        let name = clause.label ?? "\(clause.span.file.path.split(separator: "/").last.map(String.init) ?? ""):\(clause.span.line)"
        return .constant(.symbol(name), clause.span)
    }

    // MARK: - Generated rules

    /// A generated rule, with a line of the "(defeasible logic)" source saying what it means.
    mutating func principle(_ text: String, _ make: @escaping (SourceSpan) -> Clause) {
        pending.append((text, make))
    }

    func rules(for key: PredicateKey) -> (supporting: [Clause], defeaters: [Clause]) {
        let all = rulesByHead[key] ?? []
        return (all.filter { $0.strength != .defeater }, all.filter { $0.strength == .defeater })
    }

    /// The rules deciding a contested relation `key`.
    mutating func decide(_ key: PredicateKey, into generated: inout [Clause]) {
        let this = shapes
        let (supporting, defeaters) = rules(for: key)
        let propagating = written.ambiguity == .propagating
        for rule in supporting {
            generated.append(Clause(head: labelled(rule.head, DefeasibleNames.applies, label(of: rule)), body: rule.body, span: rule.span))
            if propagating {
                generated.append(Clause(head: labelled(rule.head, DefeasibleNames.backs, label(of: rule)), body: supportedBody(rule.body), span: rule.span))
            }
        }
        for rule in defeaters {
            generated.append(Clause(head: labelled(rule.head, DefeasibleNames.maybe, label(of: rule)), body: rule.body, span: rule.span))
            if propagating {
                generated.append(Clause(head: labelled(rule.head, DefeasibleNames.doubts, label(of: rule)), body: supportedBody(rule.body), span: rule.span))
            }
        }
        let name = key.name
        let rivals = (conflicts[key] ?? []).sorted()
        let attackers = rivals.flatMap { rival -> [(name: String, relation: String)] in
            let (s, d) = rules(for: rival)
            let atSupport = propagating
            return (s.isEmpty ? [] : [(rival.name, atSupport ? DefeasibleNames.backs(rival.name) : DefeasibleNames.applies(rival.name))])
                + (d.isEmpty ? [] : [(rival.name, atSupport ? DefeasibleNames.doubts(rival.name) : DefeasibleNames.maybe(rival.name))])
        }
        let rivalNames = rivals.map { "\($0.name)" }.joined(separator: " or ")
        principle("\(name) holds defeasibly when it holds definitely") { this.definitelyRule(key, $0) }
        if !supporting.isEmpty {
            let hasAttackers = !attackers.isEmpty
            principle("\(name) holds defeasibly when a rule for it applies, \(rivalNames) does not hold definitely, and it is not defeated") { span in
                let args = this.arguments(key, span)
                var body: [Literal] = [.positive(this.atom(DefeasibleNames.applies(name), [.anonymous(span)] + args, span))]
                for rival in rivals { body.append(.negative(this.atom(DefeasibleNames.definitely(rival.name), args, span), span)) }
                if hasAttackers { body.append(.negative(this.atom(DefeasibleNames.defeated(name), args, span), span)) }
                return Clause(head: this.atom(name, args, span), body: body, span: span)
            }
            let superior = superiorDefined
            for attacker in attackers {
                principle("\(name) is defeated when a rule for \(attacker.name) applies\(propagating ? " with a supported body" : "") and no rule for \(name) beats it") { span in
                    let args = this.arguments(key, span)
                    let s = Term.variable("S", span)
                    var body: [Literal] = [.positive(this.atom(attacker.relation, [s] + args, span))]
                    if superior { body.append(.negative(this.atom(DefeasibleNames.overrides(name), [s] + args, span), span)) }
                    return Clause(head: this.atom(DefeasibleNames.defeated(name), args, span), body: body, span: span)
                }
            }
            if superior && hasAttackers {
                principle("a rule for \(name) beats S when it applies and is superior to S (and S not to it)") { span in
                    let args = this.arguments(key, span)
                    let s = Term.variable("S", span), t = Term.variable("T", span)
                    return Clause(head: this.atom(DefeasibleNames.overrides(name), [s] + args, span),
                                   body: [.positive(this.atom(DefeasibleNames.applies(name), [t] + args, span)),
                                          .positive(this.atom(DefeasibleNames.superior, [t, s], span)),
                                          .negative(this.atom(DefeasibleNames.superior, [s, t], span), span)], span: span)
                }
            }
        }
        if propagating { supportedLayer(of: key) }
    }

    /// +Σ of a layered relation (propagating only).
    mutating func supportedLayer(of key: PredicateKey) {
        let this = shapes
        let name = key.name
        principle("\(name) is supported when it holds definitely") { span in
            let args = this.arguments(key, span)
            return Clause(head: this.atom(DefeasibleNames.supported(name), args, span),
                          body: [.positive(this.atom(DefeasibleNames.definitely(name), args, span))], span: span)
        }
        guard contested.contains(key) else {
            // Read by strict rules only: supported when a rule's body is.
            for rule in rulesByHead[key] ?? [] where rule.strength == .strict {
                pending.append(("\(name) is supported when a rule for it has a supported body", { span in
                    Clause(head: this.renamed(rule.head, DefeasibleNames.supported), body: this.supportedBody(rule.body), span: rule.span)
                }))
            }
            return
        }
        let (supporting, _) = rules(for: key)
        guard !supporting.isEmpty else { return }
        let rivals = (conflicts[key] ?? []).sorted()
        let attackers = rivals.flatMap { rival -> [String] in
            let (s, d) = rules(for: rival)
            return (s.isEmpty ? [] : [DefeasibleNames.applies(rival.name)]) + (d.isEmpty ? [] : [DefeasibleNames.maybe(rival.name)])
        }
        let outweighable = superiorDefined && !attackers.isEmpty
        principle("\(name) is supported when a rule for it has a supported body and is not outweighed") { span in
            let args = this.arguments(key, span)
            let r = Term.variable("R", span)
            var body: [Literal] = [.positive(this.atom(DefeasibleNames.backs(name), [r] + args, span))]
            if outweighable { body.append(.negative(this.atom(DefeasibleNames.outweighed(name), [r] + args, span), span)) }
            return Clause(head: this.atom(DefeasibleNames.supported(name), args, span), body: body, span: span)
        }
        guard outweighable else { return }
        for attacker in attackers {
            principle("a rule R for \(name) is outweighed when a superior rule against it applies") { span in
                let args = this.arguments(key, span)
                let r = Term.variable("R", span), s = Term.variable("S", span)
                return Clause(head: this.atom(DefeasibleNames.outweighed(name), [r] + args, span),
                               body: [.positive(this.atom(attacker, [s] + args, span)),
                                      .positive(this.atom(DefeasibleNames.superior, [s, r], span)),
                                      .negative(this.atom(DefeasibleNames.superior, [r, s], span), span)], span: span)
            }
        }
    }
}

/// The shapes of generated atoms and bodies. The generated rules' closures
/// hold this, not the translation, whose growing arrays they would copy.
private struct Shapes {
    let layered: Set<PredicateKey>

    /// The body read at +Σ (propagating): positive layered atoms read as supported.
    func supportedBody(_ body: [Literal]) -> [Literal] {
        body.map { literal in
            if case .positive(let atom) = literal, layered.contains(atom.key) { return .positive(renamed(atom, DefeasibleNames.supported)) }
            return literal
        }
    }

    func renamed(_ atom: Atom, _ name: (String) -> String) -> Atom {
        Atom(predicate: name(atom.predicate), args: atom.args, span: atom.span, nameSpan: atom.nameSpan)
    }

    func labelled(_ atom: Atom, _ name: (String) -> String, _ label: Term) -> Atom {
        Atom(predicate: name(atom.predicate), args: [label] + atom.args, span: atom.span, nameSpan: atom.nameSpan)
    }

    func arguments(_ key: PredicateKey, _ span: SourceSpan) -> [Term] {
        (0..<key.arity).map { .variable("X\($0 + 1)", span) }
    }

    func atom(_ name: String, _ args: [Term], _ span: SourceSpan) -> Atom {
        Atom(predicate: name, args: args, span: span, nameSpan: span)
    }

    func definitelyRule(_ key: PredicateKey, _ span: SourceSpan) -> Clause {
        let args = arguments(key, span)
        return Clause(head: atom(key.name, args, span), body: [.positive(atom(DefeasibleNames.definitely(key.name), args, span))], span: span)
    }

}

extension DefeasibleLogic {
    /// `definitely q(X)` of a relation without kinds is `q(X)`: whatever
    /// holds of it holds definitely.
    package static func resolvingKinds(_ statement: Statement, layered: Set<PredicateKey>) -> Statement {
        func atom(_ atom: Atom) -> Atom {
            let name = atom.predicate
            guard name.hasSuffix("@definitely") else { return atom }
            let base = String(name.dropLast("@definitely".count))
            guard !layered.contains(PredicateKey(name: base, arity: atom.arity)) else { return atom }
            return Atom(predicate: base, args: atom.args, span: atom.span, nameSpan: atom.nameSpan)
        }
        func resolved(_ literal: Literal) -> Literal {
            switch literal {
            case .positive(let a): return .positive(atom(a))
            case .negative(let a, let span): return .negative(atom(a), span)
            case .comparison: return literal
            case .aggregate(let g):
                return .aggregate(Aggregate(result: g.result, function: g.function, value: g.value, body: g.body.map { resolved($0) }, span: g.span))
            }
        }
        switch statement {
        case .query(let body, let shape, let span): return .query(body.map(resolved), shape: shape, span: span)
        case .expect(.holds(let body), let span): return .expect(.holds(body.map(resolved)), span: span)
        case .expect(.fails(let a), let span): return .expect(.fails(atom(a)), span: span)
        case .expect(.count(let body, let op, let term), let span): return .expect(.count(body.map(resolved), op, term), span: span)
        case .expect(.near(let a, let tolerance), let span): return .expect(.near(atom(a), tolerance: tolerance), span: span)
        case .whatIf(let list, let date, let query, let span): return .whatIf(list, at: date, query: query?.map(resolved), span: span)
        case .why(let a, let span): return .why(atom(a), span: span)
        case .whyNot(let a, let span): return .whyNot(atom(a), span: span)
        default: return statement
        }
    }

    /// A cycle through negation in the translation is a set of defeasible
    /// rules that attack what they rest on: said in the relations the user wrote.
    package static func explainingLoops(_ errors: [Diagnostic], in written: Program) -> [Diagnostic] {
        errors.map { error in
            guard error.message.hasPrefix("cycle through negation"), let cycle = error.message.split(separator: ":").dropFirst().first else {
                return error
            }
            var relations: [String] = []
            for step in cycle.split(separator: ";")[0].components(separatedBy: " -> ") {
                let key = step.trimmingCharacters(in: .whitespaces)
                let name = DefeasibleNames.written(String(key.split(separator: "/").first ?? Substring(key)))
                if relations.last != name { relations.append(name) }
            }
            // The rule that attacks: one for the complement of a relation on the loop, which reads the loop.
            let attacker = written.clauses.first { clause in
                relations.contains(DefeasibleLogic.complement(clause.head.key).name)
                    && clause.body.contains { Checker.atoms(in: $0).contains { relations.contains($0.predicate) } }
            } ?? written.clauses.first { relations.contains($0.head.predicate) && $0.strength != .strict }
            var notes: [Diagnostic.Note] = [.init("a rule against a conclusion may not depend on that conclusion; break the loop with a relation of its own")]
            if relations.contains(DefeasibleNames.superior) {
                notes.append(.init("every priority is read wherever rules clash, so superior/2 may not depend on defeasible conclusions"))
            }
            return .error("these rules attack what they rest on: \(relations.joined(separator: " -> ")); the conclusion would stay undecided, "
                          + "and Redline evaluates only defeasible theories without such loops",
                          at: attacker?.span ?? error.span, notes: notes)
        }
    }
}
