/// Static checks on a whole program: arity, declared types, safety,
/// definitions and stratification. Collects every diagnostic; never stops
/// at the first.
package struct Checker {
    package static let builtins: Set<PredicateKey> = [PredicateKey(name: "today", arity: 1)]

    let program: Program
    var diagnostics: [Diagnostic] = []
    /// The term constructors the program uses in facts and atoms: only
    /// these may build a term in a comparison (`X = roll_back(S)`), where an
    /// unknown name is more likely a function Redline lacks (`year(S)`).
    var constructors = Set<PredicateKey>()
    /// The first arity seen for each name, and where.
    var arities: [String: (arity: Int, span: SourceSpan)] = [:]
    var defined: Set<PredicateKey> = Checker.builtins
    private var knownNames: [String]?
    private var suggestions: [String: String?] = [:]
    private var suggestionBudget = Checker.namesComparedForSuggestions
    /// About a tenth of a second of did-you-mean, debug build.
    static let namesComparedForSuggestions = 200_000

    /// `isCancelled` is polled every 1,024 clauses; once true, the check ends
    /// early and its result is incomplete (the caller discards it).
    package static func check(_ program: Program, isCancelled: () -> Bool = { false }) -> (analysis: ProgramAnalysis, diagnostics: [Diagnostic]) {
        var checker = Checker(program: program)
        let analysis = checker.run(isCancelled: isCancelled)
        return (analysis, checker.diagnostics)
    }

    /// The analysis of a translation (defeasible logic) of a program checked
    /// as written: the written analysis with the added relations, and the
    /// strata of the translation, whose cycles through negation are the only
    /// errors a translation of a checked program can have.
    package static func analysis(ofTranslation program: Program, written: ProgramAnalysis) -> (analysis: ProgramAnalysis, diagnostics: [Diagnostic]) {
        var arities = written.arities
        var defined = written.defined
        for clause in program.clauses {
            defined.insert(clause.head.key)
            for atom in [clause.head] + clause.body.flatMap(Checker.atoms(in:)) where arities[atom.predicate] == nil {
                arities[atom.predicate] = (atom.arity, atom.span)
            }
        }
        for (source, table) in program.factTables where table.count > 0 {
            defined.insert(table.key)
            if arities[table.key.name] == nil { arities[table.key.name] = (table.key.arity, source.span(table, row: 0)) }
        }
        var diagnostics: [Diagnostic] = []
        let strata = DependencyGraph(clauses: program.clauses, factKeys: program.factKeys).strata(reporting: &diagnostics)
        return (ProgramAnalysis(arities: arities, defined: defined, strata: strata, constructors: written.constructors), diagnostics)
    }

    /// Checks a query, `expect` or `what if` body against a checked program.
    package static func checkBody(_ body: [Literal], in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        var checker = Checker(program: program)
        checker.arities = analysis.arities
        checker.defined = analysis.defined
        checker.constructors = analysis.constructors
        for literal in body { Checker.atoms(in: literal).forEach { checker.collectConstructors(in: $0.args) } }
        for literal in body { checker.checkLiteralShape(literal) }
        checker.checkSafety(head: nil, body: body, isQuery: true)
        checker.checkTypes(atoms: body.flatMap(Checker.atoms(in:)))
        checker.warnUndefined(body: body)
        return checker.diagnostics
    }

    /// Warnings for atoms of predicates that nothing defines (they are always empty).
    package static func undefinedWarnings(_ atoms: [Atom], in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        var checker = Checker(program: program)
        checker.arities = analysis.arities
        checker.defined = analysis.defined
        checker.warnUndefined(body: atoms.map { .positive($0) })
        return checker.diagnostics
    }

    /// Checks the arity and types of a single atom (`why`, interventions).
    package static func checkAtom(_ atom: Atom, in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        var checker = Checker(program: program)
        checker.arities = analysis.arities
        checker.defined = analysis.defined
        checker.checkAtomShape(atom)
        checker.checkTypes(atoms: [atom])
        return checker.diagnostics
    }

    init(program: Program) {
        self.program = program
    }

    mutating func run(isCancelled: () -> Bool) -> ProgramAnalysis {
        checkDeclarations()
        collectConstructors()
        for (index, clause) in program.clauses.enumerated() {
            if index & 0x3FF == 0x3FF, isCancelled() { return .empty }
            checkStatementWord(clause.head.predicate, at: clause.head.nameSpan)
            checkAtomShape(clause.head, isHead: true)
            defined.insert(clause.head.key)
        }
        for (source, table) in program.factTables {
            if table.count > 0 { checkStatementWord(table.key.name, at: source.nameSpan(table, row: 0)) }
            checkFacts(table, of: source)
        }
        // An uncertain fact is a fact of its relation in the worlds that pick it.
        for choice in program.uncertain {
            for alternative in choice.alternatives {
                checkStatementWord(alternative.atom.predicate, at: alternative.atom.nameSpan)
                checkAtomShape(alternative.atom, isHead: true)
                defined.insert(alternative.atom.key)
            }
        }
        for input in program.inputs {
            if let declaration = program.relations[input.relation] {
                defined.insert(PredicateKey(name: input.relation, arity: declaration.columns.count))
            }
        }
        for (name, declaration) in program.relations {
            note(arity: declaration.columns.count, of: name, at: declaration.span)
        }
        // A lever is a relation even while nothing holds in it: the common
        // case is a change nobody has made yet.
        for ref in program.levers {
            if Checker.isStringTest(ref) {
                diagnostics.append(.error("'\(ref.name)/2' is a built-in string test, not a relation a lever can change", at: ref.span))
                continue
            }
            guard let arity = ref.arity, !Checker.builtins.contains(where: { $0.name == ref.name }) else { continue }
            note(arity: arity, of: ref.name, at: ref.span)
            defined.insert(PredicateKey(name: ref.name, arity: arity))
        }
        for (index, clause) in program.clauses.enumerated() {
            if index & 0x3FF == 0x3FF, isCancelled() { return .empty }
            for literal in clause.body { checkLiteralShape(literal) }
            checkSafety(head: clause.head, body: clause.body, isQuery: false)
            checkTypes(atoms: clause.isFact ? [clause.head] : [clause.head] + clause.body.flatMap(Checker.atoms(in:)))
            if !clause.body.isEmpty { warnUndefined(body: clause.body) }
        }
        for choice in program.uncertain { checkTypes(atoms: choice.alternatives.map(\.atom)) }
        checkUncertainRepeats()
        for evidence in program.evidence {
            checkAtomShape(evidence.atom)
            checkTypes(atoms: [evidence.atom])
            if !evidence.atom.args.allSatisfy({ $0.groundValue != nil }) {
                diagnostics.append(.error("'given' needs a fact without variables, such as \(evidence.atom.predicate)(a)", at: evidence.atom.span))
            }
        }
        warnUndefined(body: program.evidence.map { .positive($0.atom) })
        checkAnnotations()
        checkProvenance()
        let graph = DependencyGraph(clauses: program.clauses, factKeys: program.factKeys)
        let strata = graph.strata(reporting: &diagnostics)
        checkAggregatesOverProjections()
        checkRecursiveArithmetic(strata)
        return ProgramAnalysis(arities: arities, defined: defined, strata: strata, constructors: constructors)
    }

    /// A `sum` whose body reads only relations that rules make by dropping
    /// columns of what they read adds rows equal in what is kept once:
    /// `ag(A, M) :- c(_, A, M).` then `sum M : { ag(A, M) }` adds two
    /// contracts of the same amount as one. Said where the aggregate is.
    /// (A `count` over such a relation counts distinct things, which is
    /// what counts are mostly for: `count : { active(_) }`.)
    mutating func checkAggregatesOverProjections() {
        var projecting: [PredicateKey: Clause] = [:]
        for clause in program.clauses where !clause.isFact && projecting[clause.head.key] == nil {
            let kept = Set(clause.head.variables.map(\.name))
            let drops = clause.body.contains { literal in
                guard case .positive(let atom) = literal else { return false }
                return atom.args.contains { term in
                    if case .anonymous = term { return true }
                    return term.variables.contains { !kept.contains($0.name) }
                }
            }
            if drops { projecting[clause.head.key] = clause }
        }
        guard !projecting.isEmpty else { return }
        for clause in program.clauses {
            for case .aggregate(let aggregate) in clause.body where aggregate.function == .sum {
                let atoms = aggregate.body.compactMap { literal -> Atom? in
                    if case .positive(let atom) = literal { return atom }
                    return nil
                }
                guard !atoms.isEmpty, atoms.allSatisfy({ projecting[$0.key] != nil }) else { continue }
                let atom = atoms[0], rule = projecting[atom.key]!
                diagnostics.append(.warning(
                    "\(aggregate.function.rawValue) over \(atom.key), which drops columns of what it reads: rows equal in what it keeps count once",
                    at: aggregate.span,
                    notes: [.init("\(atom.key) is made here; to count every row, put the relation it reads, with its key, into the aggregate's body",
                                  at: rule.span)]))
            }
        }
    }

    /// A recursive rule that makes a new value with arithmetic (`day(D2) :-
    /// day(D), D2 = D + 1d.`) may not end: each round can make another.
    /// Left alone when the body bounds it with an order comparison
    /// (`M < 3000`), the usual way such a rule ends.
    mutating func checkRecursiveArithmetic(_ strata: [[PredicateKey]]) {
        var component: [PredicateKey: Int] = [:]
        for (index, stratum) in strata.enumerated() { for key in stratum { component[key] = index } }
        for clause in program.clauses where !clause.isFact {
            let home = component[clause.head.key]
            // A body atom of the same relation that differs from the head in
            // a constant (`event(adoption, D) :- event(blog_post, B), ...`)
            // never reads what the rule makes.
            func feeds(_ atom: Atom) -> Bool {
                guard component[atom.key] == home else { return false }
                guard atom.key == clause.head.key else { return true }
                return !zip(atom.args, clause.head.args).contains { pair in
                    if case .constant(let a, _) = pair.0, case .constant(let b, _) = pair.1 { return a != b }
                    return false
                }
            }
            let recursive = clause.body.contains { literal in
                if case .positive(let atom) = literal { return feeds(atom) }
                return false
            }
            guard recursive else { continue }
            let headVariables = Set(clause.head.variables.map(\.name))
            var makesValue = clause.head.args.contains(where: \.containsArithmetic)
            var bounded = false
            for case .comparison(let op, let left, let right, _) in clause.body {
                switch op {
                case .equal:
                    for (target, expression) in [(left, right), (right, left)] {
                        if case .variable(let name, _) = target, headVariables.contains(name), expression.containsArithmetic { makesValue = true }
                    }
                case .less, .lessOrEqual, .greater, .greaterOrEqual: bounded = true
                default: break
                }
            }
            guard makesValue, !bounded else { continue }
            diagnostics.append(.warning("recursive rule for \(clause.head.key) makes new values with arithmetic; it may not end",
                                        at: clause.span,
                                        notes: [.init("bound it in the body (for example D2 <= 2026-12-31), or keep the values in a relation of their own")]))
        }
    }

    /// `source(Fact, Id)` must cite a fact the program states and a sentence
    /// it holds, and `assumption(Name, Text)` a relation with rules or facts:
    /// an edit that removes the fact leaves `why` without its citation, silently.
    mutating func checkProvenance() {
        let sourceKey = PredicateKey(name: "source", arity: 2), sentenceKey = PredicateKey(name: "sentence", arity: 2)
        let assumptionKey = PredicateKey(name: "assumption", arity: 2)
        let tables = program.factTables
        let citations = tables.filter { $0.table.key == sourceKey }
        let assumptions = tables.filter { $0.table.key == assumptionKey }
        guard !citations.isEmpty || !assumptions.isEmpty else { return }
        var cited: [PredicateKey: Set<ArraySlice<Value>>] = [:]
        for (_, table) in citations {
            for row in 0..<table.count {
                switch table.row(row).first! {
                case .compound(let name, let values): cited[PredicateKey(name: name, arity: values.count), default: []].insert(values[...])
                case .symbol(let name): cited[PredicateKey(name: name, arity: 0), default: []].insert([])
                default: continue
                }
            }
        }
        var stated: [PredicateKey: Set<ArraySlice<Value>>] = [:]
        var sentences = Set<Value>()
        for (_, table) in tables {
            if table.key == sentenceKey { for row in 0..<table.count { sentences.insert(table.row(row).first!) } }
            guard cited[table.key] != nil else { continue }
            for row in 0..<table.count { stated[table.key, default: []].insert(ArraySlice(Array(table.row(row)))) }
        }
        for (source, table) in citations {
            for row in 0..<table.count {
                let values = table.row(row)
                let fact = values.first!, sentence = values.last!
                var key: PredicateKey?, arguments: ArraySlice<Value> = []
                switch fact {
                case .compound(let name, let args): key = PredicateKey(name: name, arity: args.count); arguments = args[...]
                case .symbol(let name): key = PredicateKey(name: name, arity: 0)
                default: break
                }
                if let key, stated[key]?.contains(arguments) != true {
                    diagnostics.append(.warning("source/2 cites \(fact), which no fact of the program states", at: source.span(table, row: row)))
                }
                if !sentences.contains(sentence) {
                    diagnostics.append(.warning("source/2 cites sentence \(sentence), which no sentence/2 line holds", at: source.span(table, row: row)))
                }
            }
        }
        let named = Set(program.clauses.map(\.head.predicate)).union(tables.map(\.table.key.name)).union(Checker.builtins.map(\.name))
        for (source, table) in assumptions {
            for row in 0..<table.count {
                guard case .symbol(let name) = table.row(row).first!, !named.contains(name) else { continue }
                diagnostics.append(.warning("assumption/2 marks '\(name)', which no rule or fact defines", at: source.span(table, row: row)))
            }
        }
    }

    /// `use(a).` would define a relation no statement can ask about plainly,
    /// and `use.` was stored as a fact; a statement word names no relation.
    mutating func checkStatementWord(_ name: String, at span: SourceSpan) {
        guard Parser.statementWords[name] != nil else { return }
        diagnostics.append(.error("'\(name)' starts a statement and cannot name a relation; call it something else",
                                  at: span, notes: [.init("as a statement, '\(name)' needs \(Parser.statementWords[name]!)")]))
    }

    /// Past this many facts with errors in one table, the rest are counted.
    static let maxFactErrors = 100

    /// A table of ground facts is checked as a whole: its name and arity once,
    /// its values against the declared column types one by one. A fact with
    /// an error is checked again as a clause, for the message and its spans.
    mutating func checkFacts(_ table: FactTable, of source: GroundFacts) {
        guard table.count > 0 else { return }
        let key = table.key
        if Checker.builtins.contains(where: { $0.name == key.name })
            || (key.arity == 2 && ComparisonOperator.stringTestNames.contains(key.name)) {
            for row in 0..<min(table.count, Checker.maxFactErrors) { checkAtomShape(source.clause(table, row: row).head, isHead: true) }
            return
        }
        note(arity: key.arity, of: key.name, at: source.nameSpan(table, row: 0))
        defined.insert(key)
        guard let declaration = program.relations[key.name] else { return }
        let types = declaration.columns.map(\.type)
        guard types.count == key.arity else {
            checkTypes(atoms: [source.clause(table, row: 0).head])
            return
        }
        var failing = 0
        for row in 0..<table.count where !zip(types, table.row(row)).allSatisfy({ $0.accepts($1) }) {
            failing += 1
            if failing <= Checker.maxFactErrors { checkTypes(atoms: [source.clause(table, row: row).head]) }
        }
        if failing > Checker.maxFactErrors {
            let rest = failing - Checker.maxFactErrors
            diagnostics.append(.error("\(rest) more fact\(rest == 1 ? "" : "s") of \(key) do not fit its declaration either",
                                      at: source.span(table, row: table.count - 1), notes: [.init("declared here", at: declaration.span)]))
        }
    }

    // MARK: - Declarations

    mutating func checkDeclarations() {
        for again in program.redeclarations {
            let first = program.relations[again.name]!
            let same = first.columns.map(\.type) == again.columns.map(\.type)
            if !same {
                diagnostics.append(.error("relation '\(again.name)' is declared again with different columns",
                                          at: again.span, notes: [.init("first declared here", at: first.span)]))
            }
        }
        for declaration in program.relations.values {
            if Checker.builtins.contains(where: { $0.name == declaration.name })
                || (declaration.columns.count == 2 && ComparisonOperator.stringTestNames.contains(declaration.name)) {
                diagnostics.append(.error("'\(declaration.name)' is built in and cannot be declared", at: declaration.span))
            }
            var seen: [String: SourceSpan] = [:]
            for column in declaration.columns {
                if let first = seen[column.name] {
                    diagnostics.append(.error("column '\(column.name)' appears twice in '\(declaration.name)'",
                                              at: column.span, notes: [.init("first here", at: first)]))
                }
                seen[column.name] = column.span
            }
        }
        for input in program.inputs where program.relations[input.relation] == nil {
            diagnostics.append(.error("'.input \(input.relation)' needs a '.decl \(input.relation)(...)' giving its columns and types",
                                      at: input.span))
        }
    }

    /// `.outcome`, `.lever` and `.say` must name predicates that exist (a
    /// lever with an arity declares its relation, but one that no rule
    /// reads and no fact holds is most likely a typo).
    mutating func checkAnnotations() {
        var used = Set(program.relations.keys).union(program.factKeys.map(\.name))
        // Rules clash through superior/2 wherever a program has defeasible ones.
        if DefeasibleLogic.isDefeasible(program) { used.insert(DefeasibleNames.superior) }
        for clause in program.clauses {
            used.insert(clause.head.predicate)
            for literal in clause.body { used.formUnion(Checker.atoms(in: literal).map(\.predicate)) }
        }
        for ref in program.levers where ref.arity != nil && !used.contains(ref.name) && !Checker.isStringTest(ref) {
            var notes: [Diagnostic.Note] = []
            if let guess = Suggestions.closest(to: ref.name, in: used.sorted()) { notes.append(.init("did you mean '\(guess)'?")) }
            diagnostics.append(.warning("no rule reads the lever '\(ref.name)/\(ref.arity!)' and no fact of it holds, so changing it changes nothing",
                                        at: ref.span, notes: notes))
        }
        let known = Set(defined.map(\.name)).union(program.relations.keys)
        for ref in program.outcomes where Checker.isStringTest(ref) {
            diagnostics.append(.error("'\(ref.name)/2' is a built-in string test, not an outcome", at: ref.span))
        }
        for ref in program.outcomes + program.levers where !Checker.isStringTest(ref) {
            guard known.contains(ref.name) else {
                diagnostics.append(unknownPredicate(ref.name, at: ref.span, severity: .error, known: known))
                continue
            }
            if let arity = ref.arity, let seen = arities[ref.name], seen.arity != arity {
                diagnostics.append(.error("'\(ref.name)' has \(seen.arity) arguments, not \(arity)", at: ref.span,
                                          notes: [.init("used with \(seen.arity) here", at: seen.span)]))
            }
        }
        for phrasing in program.phrasings {
            let pattern = phrasing.pattern
            if pattern.arity == 2, ComparisonOperator.stringTestNames.contains(pattern.predicate) {
                diagnostics.append(.error("'\(pattern.predicate)/2' is a built-in string test; it holds no facts to phrase", at: pattern.nameSpan))
                continue
            }
            if let declaration = program.relations[pattern.predicate], declaration.columns.count != pattern.arity {
                diagnostics.append(.error("'\(pattern.predicate)' is declared with \(count(declaration.columns.count, "column")) but used with \(count(pattern.arity, "argument"))",
                                          at: pattern.span, notes: [.init("declared here", at: declaration.span)]))
                continue
            }
            checkAtomShape(phrasing.pattern)
            let variables = Set(phrasing.pattern.variables.map(\.name))
            for placeholder in Phrasing.placeholders(in: phrasing.template) where !variables.contains(placeholder) {
                diagnostics.append(.error("'{\(placeholder)}' in the sentence is not a variable of \(phrasing.pattern.span.text)",
                                          at: phrasing.span))
            }
        }
    }

    func unknownPredicate(_ name: String, at span: SourceSpan, severity: Diagnostic.Severity, known: Set<String>) -> Diagnostic {
        var notes: [Diagnostic.Note] = []
        if let guess = Suggestions.closest(to: name, in: known.sorted()) { notes.append(.init("did you mean '\(guess)'?")) }
        return Diagnostic(severity, "unknown predicate '\(name)'", at: span, notes: notes)
    }

    // MARK: - Shape: arity, arithmetic placement

    /// `contains/2` and the other string tests, named in a declaration (reported once, where it names them).
    static func isStringTest(_ ref: PredicateReference) -> Bool {
        ComparisonOperator.stringTestNames.contains(ref.name) && (ref.arity ?? 2) == 2
    }

    mutating func note(arity: Int, of name: String, at span: SourceSpan) {
        // A declared relation used with another arity: the type check says so, with the declaration.
        if let declaration = program.relations[name], declaration.columns.count != arity { return }
        if let seen = arities[name] {
            if seen.arity != arity {
                diagnostics.append(.error(
                    "'\(name)' is used with \(arity) argument\(arity == 1 ? "" : "s") here but with \(seen.arity) elsewhere",
                    at: span, notes: [.init("used with \(seen.arity) here", at: seen.span)]))
            }
        } else {
            arities[name] = (arity, span)
        }
    }

    mutating func checkAtomShape(_ atom: Atom, isHead: Bool = false) {
        if isHead, Checker.builtins.contains(where: { $0.name == atom.predicate }) {
            diagnostics.append(.error("'\(atom.predicate)' is built in (the evaluation date) and cannot be defined", at: atom.nameSpan,
                                      notes: [.init("set it with --today DATE, ':at DATE' or a scenario's 'at DATE'")]))
            return
        }
        if isHead, atom.arity == 2, ComparisonOperator.stringTestNames.contains(atom.predicate) {
            diagnostics.append(.error("'\(atom.predicate)/2' is a built-in string test and cannot be defined; name the relation otherwise",
                                      at: atom.nameSpan))
            return
        }
        note(arity: atom.arity, of: atom.predicate, at: atom.nameSpan)
        for arg in atom.args where arg.containsArithmetic {
            diagnostics.append(.error("arithmetic is not allowed inside an atom; bind it first, as in 'Y = X + 1, p(Y)'", at: arg.span))
        }
    }

    mutating func checkLiteralShape(_ literal: Literal) {
        switch literal {
        case .positive(let atom), .negative(let atom, _):
            checkAtomShape(atom)
        case .comparison(_, let left, let right, _):
            for side in [left, right] { checkExpression(side) }
        case .aggregate(let aggregate):
            if case .variable = aggregate.result {} else if case .anonymous = aggregate.result {
                diagnostics.append(.error("the result of an aggregate needs a variable", at: aggregate.result.span))
            }
            if let value = aggregate.value { checkExpression(value) }
            for inner in aggregate.body {
                if case .aggregate(let nested) = inner {
                    diagnostics.append(.error("aggregates cannot be nested; define a helper relation for the inner one", at: nested.span))
                } else {
                    checkLiteralShape(inner)
                }
            }
        }
    }

    mutating func collectConstructors() {
        func visit(_ value: Value) {
            guard case .compound(let name, let args) = value else { return }
            constructors.insert(PredicateKey(name: name, arity: args.count))
            args.forEach(visit)
        }
        for clause in program.clauses {
            collectConstructors(in: clause.head.args)
            for literal in clause.body { Checker.atoms(in: literal).forEach { collectConstructors(in: $0.args) } }
        }
        for (_, table) in program.factTables { table.values.forEach(visit) }
    }

    mutating func collectConstructors(in terms: [Term]) {
        for term in terms {
            guard case .compound(let name, let args, _) = term else { continue }
            constructors.insert(PredicateKey(name: name, arity: args.count))
            collectConstructors(in: args)
        }
    }

    mutating func checkExpression(_ term: Term) {
        switch term {
        case .compound(let name, let args, let span):
            let key = PredicateKey(name: name, arity: args.count)
            args.forEach { checkExpression($0) }
            // A built-in function takes expressions: round(T * 1.1, 2).
            if BuiltinFunction.named(name, arity: args.count) != nil { break }
            for arg in args where arg.containsArithmetic {
                diagnostics.append(.error("arithmetic is not allowed inside a compound term; bind it first", at: arg.span))
            }
            if let function = BuiltinFunction(rawValue: name) {
                diagnostics.append(.error("'\(name)' takes \(count(function.arity, "argument")): \(function.signature)", at: span))
            } else if !constructors.contains(key) {
                diagnostics.append(.error("'\(name)' is not a function Redline knows, and no fact or atom of the program builds \(key) terms",
                                          at: span,
                                          notes: [.init("the built-in functions are " + BuiltinFunction.allCases.map { "\($0.rawValue)/\($0.arity)" }.joined(separator: ", ") + "; to build \(name)(...) terms on purpose, use one in a fact or an atom too")]))
            }
        case .arithmetic(_, let a, let b, _):
            checkExpression(a)
            checkExpression(b)
        case .negation(let a, _):
            checkExpression(a)
        case .anonymous(let span):
            diagnostics.append(.error("'_' cannot stand in arithmetic or a comparison; it has no value", at: span))
        default:
            break
        }
    }

    // MARK: - Safety

    package static func atoms(in literal: Literal) -> [Atom] {
        switch literal {
        case .positive(let a), .negative(let a, _): return [a]
        case .comparison: return []
        case .aggregate(let g): return g.body.flatMap(atoms(in:))
        }
    }

    /// An uncertain fact also stated as certain holds in every world; one
    /// stated twice in a choice holds with the two probabilities added.
    /// Both are allowed (ProbLog reads them so) but rarely meant.
    mutating func checkUncertainRepeats() {
        guard !program.uncertain.isEmpty else { return }
        var certain: [PredicateKey: Set<[Value]>] = [:]
        let keys = program.uncertainKeys
        for (_, table) in program.factTables where keys.contains(table.key) {
            for row in table.rows { certain[table.key, default: []].insert(Array(row)) }
        }
        for choice in program.uncertain {
            var seen = Set<[Value]>()
            for alternative in choice.alternatives {
                guard let values = alternative.atom.args.map(\.groundValue) as? [Value] else { continue }
                if certain[alternative.atom.key]?.contains(values) == true {
                    diagnostics.append(.warning("'\(alternative.atom.span.text)' is also a certain fact, so it holds in every world; its probability changes nothing", at: alternative.atom.span))
                }
                if !seen.insert([.symbol(alternative.atom.predicate)] + values).inserted {
                    diagnostics.append(.warning("'\(alternative.atom.span.text)' is twice in one choice: it holds with both probabilities added", at: alternative.atom.span))
                }
            }
        }
    }

    /// Every variable of a head, a comparison or an arithmetic input must be
    /// bound by a positive literal (or by `X = expression` over bound ones).
    mutating func checkSafety(head: Atom?, body: [Literal], isQuery: Bool) {
        var occurrences: [String: [SourceSpan]] = [:]
        func count(_ vars: [(name: String, span: SourceSpan)]) {
            for v in vars { occurrences[v.name, default: []].append(v.span) }
        }
        if let head { count(head.variables) }
        for literal in body { count(Checker.variables(of: literal)) }

        var bound = Set<String>()
        let unbound = bindings(of: body, into: &bound, occurrences: occurrences)
        var reported = Set<String>()
        if let head {
            // '_' is never bound, so a head with one has no value to store there.
            for span in head.args.flatMap(\.anonymousSpans) {
                diagnostics.append(.error(body.isEmpty
                    ? "a fact cannot contain '_'; facts are ground (use a constant, or write a rule)"
                    : "'_' cannot be in the head of a rule: every argument of what it derives needs a value", at: span))
            }
            for v in head.variables where !bound.contains(v.name) && reported.insert(v.name).inserted {
                if body.isEmpty {
                    diagnostics.append(.error("a fact cannot contain variable '\(v.name)'; facts are ground (use a constant, or write a rule)", at: v.span))
                } else {
                    diagnostics.append(.error("variable '\(v.name)' in the head is not bound by a positive literal in the body", at: v.span))
                }
            }
        }
        for (name, span, role) in unbound where reported.insert(name).inserted {
            diagnostics.append(.error("variable '\(name)' \(role) is not bound by a positive literal", at: span))
        }
        // Negation-only variables mean "any"; singletons are likely typos.
        var negationOnly = Set<String>()
        for literal in body {
            guard case .negative(let atom, _) = literal else { continue }
            let local = Dictionary(grouping: atom.variables, by: \.name)
            for (name, spans) in local where !name.hasPrefix("_") && occurrences[name]?.count == spans.count && !bound.contains(name) {
                negationOnly.insert(name)
                diagnostics.append(.warning("variable '\(name)' occurs only in this negation, so it means 'any'; write '_' if that is intended",
                                            at: spans[0].span))
            }
        }
        guard !isQuery else { return }
        // Inside an aggregate's body a variable named once still counts: it
        // tells rows apart (`sum M : { c(K, A, M) }` sums each contract).
        var inAggregates = Set<String>()
        for literal in body {
            guard case .aggregate(let aggregate) = literal else { continue }
            for inner in aggregate.body { Checker.variables(of: inner).forEach { inAggregates.insert($0.name) } }
        }
        for (name, spans) in occurrences.sorted(by: { $0.value[0].start < $1.value[0].start })
        where spans.count == 1 && !name.hasPrefix("_") && !negationOnly.contains(name) && !reported.contains(name)
            && !inAggregates.contains(name) {
            diagnostics.append(.warning("singleton variable '\(name)'; write '_' or '_\(name)' if that is intended", at: spans[0]))
        }
    }

    package static func variables(of literal: Literal) -> [(name: String, span: SourceSpan)] {
        switch literal {
        case .positive(let a), .negative(let a, _): return a.variables
        case .comparison(_, let l, let r, _): return l.variables + r.variables
        case .aggregate(let g): return g.result.variables + (g.value?.variables ?? []) + g.body.flatMap(variables(of:))
        }
    }

    /// Binds what the body can bind (in any order), and returns the variables
    /// that stay unbound where they need a value.
    mutating func bindings(of body: [Literal], into bound: inout Set<String>,
                           occurrences: [String: [SourceSpan]]) -> [(String, SourceSpan, String)] {
        for literal in body {
            if case .positive(let atom) = literal { bound.formUnion(atom.variables.map(\.name)) }
        }
        var pending = body.filter { if case .positive = $0 { return false } else { return true } }
        var progress = true
        while progress {
            progress = false
            pending.removeAll { literal in
                switch literal {
                case .comparison(.equal, let left, let right, _):
                    let (l, r) = (Set(left.variables.map(\.name)), Set(right.variables.map(\.name)))
                    if l.isSubset(of: bound) && r.isSubset(of: bound) { return true }
                    if case .variable(let v, _) = left, !bound.contains(v), r.isSubset(of: bound) {
                        bound.insert(v); progress = true; return true
                    }
                    if case .variable(let v, _) = right, !bound.contains(v), l.isSubset(of: bound) {
                        bound.insert(v); progress = true; return true
                    }
                    return false
                case .aggregate(let g):
                    // Grouping variables (shared with the rest of the rule) must be bound first.
                    let inner = Set(g.body.flatMap(Checker.variables(of:)).map(\.name))
                    let outer = inner.filter { name in
                        (occurrences[name]?.count ?? 0) > g.body.flatMap(Checker.variables(of:)).filter { $0.name == name }.count
                            + (g.value?.variables.filter { $0.name == name }.count ?? 0)
                    }
                    guard outer.subtracting(g.result.variables.map(\.name)).isSubset(of: bound) else { return false }
                    for v in g.result.variables where !bound.contains(v.name) {
                        bound.insert(v.name)
                        progress = true
                    }
                    return true
                default:
                    return false
                }
            }
        }
        var unbound: [(String, SourceSpan, String)] = []
        for literal in body {
            switch literal {
            case .comparison(let op, let left, let right, _):
                for v in left.variables + right.variables where !bound.contains(v.name) {
                    unbound.append((v.name, v.span, op.isStringTest ? "in this string test" : "in this comparison"))
                }
            case .negative(let atom, _):
                for v in atom.variables where !bound.contains(v.name) {
                    let all = occurrences[v.name]?.count ?? 0
                    let here = atom.variables.filter { $0.name == v.name }.count
                    if all > here { unbound.append((v.name, v.span, "in a negation")) }
                }
            case .aggregate(let g):
                var inner = bound
                let innerUnbound = bindings(of: g.body, into: &inner, occurrences: [:])
                unbound += innerUnbound
                for v in g.value?.variables ?? [] where !inner.contains(v.name) {
                    unbound.append((v.name, v.span, "aggregated by '\(g.function.rawValue)'"))
                }
            case .positive:
                break
            }
        }
        return unbound
    }

    // MARK: - Types

    /// Constants must fit their declared columns, and one variable may not
    /// stand in two columns whose types share no value.
    mutating func checkTypes(atoms: [Atom]) {
        var variableTypes: [String: (ColumnType, String, SourceSpan)] = [:]
        for atom in atoms {
            guard let declaration = program.relations[atom.predicate] else { continue }
            guard declaration.columns.count == atom.arity else {
                diagnostics.append(.error("'\(atom.predicate)' is declared with \(count(declaration.columns.count, "column")) but used with \(count(atom.arity, "argument"))",
                                          at: atom.span, notes: [.init("declared here", at: declaration.span)]))
                continue
            }
            for (column, arg) in zip(declaration.columns, atom.args) {
                switch arg {
                case .variable(let name, let span):
                    if let (type, where_, firstSpan) = variableTypes[name], !type.overlaps(column.type) {
                        diagnostics.append(.error(
                            "variable '\(name)' is used as \(column.type.rawValue) (column '\(column.name)' of \(atom.predicate)) and as \(type.rawValue) (\(where_))",
                            at: span, notes: [.init("used as \(type.rawValue) here", at: firstSpan)]))
                    } else if variableTypes[name] == nil || variableTypes[name]!.0 == .any {
                        variableTypes[name] = (column.type, "column '\(column.name)' of \(atom.predicate)", span)
                    }
                case .anonymous:
                    break
                default:
                    if let value = arg.groundValue, !column.type.accepts(value) {
                        diagnostics.append(.error(
                            "column '\(column.name)' of \(atom.predicate) holds \(column.type.rawValue), but this is \(value.kind.rawValue) \(value)",
                            at: arg.span, notes: [.init("declared here", at: column.span)]))
                    } else if arg.groundValue == nil, column.type != .term, column.type != .any {
                        diagnostics.append(.error(
                            "column '\(column.name)' of \(atom.predicate) holds \(column.type.rawValue), not compound terms",
                            at: arg.span, notes: [.init("declared here", at: column.span)]))
                    }
                }
            }
        }
    }

    // MARK: - Definitions

    /// Every rule's body is checked after every definition is known, so the
    /// names and each name's suggestion are worked out once: a file of
    /// 10,000 rules reading one undefined relation asked 10,000 times.
    mutating func warnUndefined(body: [Literal]) {
        for atom in body.flatMap(Checker.atoms(in:)) where !defined.contains(atom.key) {
            if program.relations[atom.predicate] != nil { continue }
            // `definitely p(X)` of a relation that never holds definitely is simply empty.
            if DefeasibleNames.isAdded(atom.predicate) { continue }
            if let arity = arities[atom.predicate]?.arity, arity != atom.arity { continue }
            if knownNames == nil { knownNames = Set(defined.map(\.name)).union(program.relations.keys).sorted() }
            if suggestions[atom.predicate] == nil {
                // A budget of names compared, so that thousands of distinct
                // undefined names among thousands of known ones stay linear.
                let affordable = suggestionBudget >= knownNames!.count
                suggestionBudget -= knownNames!.count
                suggestions[atom.predicate] = .some(affordable ? Suggestions.closest(to: atom.predicate, in: knownNames!) : nil)
            }
            var notes: [Diagnostic.Note] = []
            if let guess = suggestions[atom.predicate]! {
                notes.append(.init("did you mean '\(guess)'?"))
            }
            diagnostics.append(.warning("no fact or rule defines '\(atom.key)'; it is always empty", at: atom.nameSpan, notes: notes))
        }
    }
}

/// What later stages need from the checker.
package struct ProgramAnalysis: Sendable {
    package let arities: [String: (arity: Int, span: SourceSpan)]
    package let defined: Set<PredicateKey>
    /// Groups of mutually recursive predicates, dependencies first.
    package let strata: [[PredicateKey]]
    /// The term constructors facts and atoms use (`Checker.constructors`).
    package var constructors: Set<PredicateKey> = []

    package init(arities: [String: (arity: Int, span: SourceSpan)], defined: Set<PredicateKey>, strata: [[PredicateKey]],
                 constructors: Set<PredicateKey> = []) {
        self.arities = arities
        self.defined = defined
        self.strata = strata
        self.constructors = constructors
    }

    package static let empty = ProgramAnalysis(arities: [:], defined: Checker.builtins, strata: [])
}

extension Phrasing {
    /// The `{Name}` placeholders of a template.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }
}
