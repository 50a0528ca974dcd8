/// Recursive descent, one method per grammar rule. A syntax error is
/// recorded and the parser skips to the end of the statement, so every error
/// of a file is reported in one pass.
///
///     statement   := directive | command | '?-' conjunction '.' | keyword-statement | superiority | choice | clause
///     superiority := NAME '>' NAME '.'
///     choice      := NUMBER '::' head (';' NUMBER '::' head)* '.'
///     likelihood  := 'how' 'likely' conjunction ['given' evidence] ['at' DATE] ('?' | '.')
///     clause      := [NAME ':'] ['normally' | 'maybe'] head [':-' conjunction] '.'
///     head        := ['-'] atom
///     conjunction := literal (',' literal)*
///     literal     := 'not' head | ('definitely' | 'defeasibly') head | expression [comparison (aggregate | expression)]
///     aggregate   := ('count' | 'sum' | 'min' | 'max') [expression] ':' '{' conjunction '}'
///     expression  := product (('+' | '-') product)*
///     product     := unary (('*' | '/' | 'mod') unary)*
///     unary       := '-' unary | primary
///     primary     := VARIABLE | '_' | VALUE | STRING | NAME ['(' expression (',' expression)* ')'] | '(' expression ')'
package struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var log = DiagnosticLog(limit: Parser.maxDiagnostics + 1)
    package var diagnostics: [Diagnostic] { log.kept }
    /// Deep nesting is an error, not a stack overflow.
    static let maxNesting = 256
    /// Planning orders a body's literals greedily (quadratic in their number).
    static let maxLiterals = 1000
    private var nesting = 0

    struct Failure: Error {}

    /// Longer lines are refused whole: no one writes them, and a generated
    /// file with one is better split than shown in error excerpts.
    package static let maxLineLength = 1 << 20

    /// More syntax errors than this in one file are summarized: past a
    /// hundred, the file is not what it was meant to be (or not text at all).
    static let maxDiagnostics = 100

    /// The first hundred errors of both passes, in source order, then how
    /// many more there are. Each log keeps its first `maxDiagnostics + 1`, so
    /// the first `maxDiagnostics + 1` of the two together are among them.
    static func capped(_ lexical: DiagnosticLog, _ syntactic: DiagnosticLog) -> [Diagnostic] {
        let total = lexical.count + syntactic.count
        let sorted = (lexical.kept + syntactic.kept).sortedBySource()
        guard total > maxDiagnostics else { return sorted }
        let rest = total - maxDiagnostics
        return Array(sorted.prefix(maxDiagnostics))
            + [.error("\(rest) more syntax error\(rest == 1 ? "" : "s") from here on not shown; is this a text file of clauses?",
                      at: sorted[maxDiagnostics].span)]
    }

    /// Statements in source order; ground facts, however they were read, go
    /// to `facts` instead (in source order per relation).
    /// `readsFactsFast: false` leaves every fact to the general path: the
    /// tests and the syntax fuzzer compare the two.
    package static func parse(_ file: SourceFile, readsFactsFast: Bool = true, isCancelled: () -> Bool = { false }) -> ParsedSource {
        var facts = GroundFacts(file: file)
        if let (line, length) = file.firstLine(longerThan: maxLineLength) {
            let start = file.lineStarts[line - 1]
            return ParsedSource(statements: [], facts: facts, diagnostics: [
                .error("line \(line) is \(length) bytes long; the limit for one line is \(maxLineLength) bytes (1 MiB)",
                       at: SourceSpan(file: file, start: start, end: start))])
        }
        let interrupted = ParsedSource(statements: [], facts: GroundFacts(file: file), diagnostics: [
            .error("loading '\(file.path)' was interrupted; nothing of it was loaded", at: nil)])
        var scanned: GroundFacts? = readsFactsFast ? facts : nil
        guard let (tokens, lexical) = Lexer.tokenize(file, facts: &scanned, isCancelled: isCancelled) else { return interrupted }
        facts = scanned ?? facts
        var parser = Parser(tokens: tokens)
        guard let parsed = parser.program(isCancelled: isCancelled) else { return interrupted }
        var statements: [Statement] = []
        statements.reserveCapacity(parsed.count)
        for statement in parsed {
            if case .clause(let clause) = statement, clause.isGroundFact {
                facts.append(clause)
            } else {
                statements.append(statement)
            }
        }
        facts.finish()
        return ParsedSource(statements: statements, facts: facts, diagnostics: Parser.capped(lexical, parser.log))
    }

    /// The ground fact whose text starts at `offset` of `file`, with every
    /// span; nil when no ground fact starts there.
    static func groundFact(in file: SourceFile, at offset: Int) -> Clause? {
        var lexer = Lexer(file: file, at: offset)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .dot || token.kind == .end || tokens.count > Parser.maxLiterals { break }
        }
        if tokens.last?.kind != .end { tokens.append(Token(kind: .end, span: tokens.last!.span)) }
        var parser = Parser(tokens: tokens)
        guard case .clause(let clause)? = try? parser.statement(), clause.isGroundFact else { return nil }
        return clause
    }

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: - Token helpers

    private var current: Token { tokens[index] }
    private func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func check(_ kind: Token.Kind) -> Bool { current.kind == kind }

    private func isName(_ word: String, _ token: Token? = nil) -> Bool {
        if case .name(let n) = (token ?? current).kind { return n == word }
        return false
    }

    private mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(Failure) -> Token {
        guard check(kind) else { throw fail("expected \(what), found \(current.kind)") }
        return advance()
    }

    private mutating func fail(_ message: String, at span: SourceSpan? = nil) -> Failure {
        log.append(.error(message, at: span ?? current.span))
        return Failure()
    }

    private mutating func expectEnd(_ what: String) throws(Failure) -> Token {
        guard check(.dot) else {
            throw fail("expected '.' at the end of the \(what), found \(current.kind)")
        }
        return advance()
    }

    /// Skips to just after the next '.', or to the next directive.
    private mutating func synchronize() {
        while !check(.end) {
            if case .directive = current.kind { return }
            if case .command = current.kind { return }
            let kind = advance().kind
            if kind == .dot || kind == .questionMark { return }
        }
    }

    // MARK: - Statements

    mutating func program(isCancelled: () -> Bool) -> [Statement]? {
        var statements: [Statement] = []
        while !check(.end) {
            if statements.count & 0xFFF == 0xFFF, isCancelled() { return nil }
            let start = index
            nesting = 0
            do {
                statements.append(try statement())
            } catch {
                // A stray '.' (or '?') ends its own (empty) statement: what
                // follows is a new one, as the lexer's fast path for facts also assumes.
                if index == start, [.dot, .questionMark].contains(advance().kind) { continue }
                synchronize()
            }
        }
        return statements
    }

    /// A word starts a keyword statement unless it is used as a predicate.
    /// `order by X [asc|desc], ... limit N` after a query's body: the words
    /// are read only there, where a bare name could mean nothing else.
    private mutating func answerShape() throws(Failure) -> AnswerShape {
        var shape = AnswerShape()
        if isName("order") {
            advance()
            guard isName("by") else { throw fail("expected 'by' after 'order', found \(current.kind)") }
            advance()
            repeat {
                guard case .variable(let name) = current.kind else {
                    throw fail("expected a variable of the query after 'order by', found \(current.kind)")
                }
                let span = advance().span
                var descending = false
                if isName("desc") || isName("asc") {
                    descending = isName("desc")
                    advance()
                }
                shape.order.append(.init(column: name, descending: descending, span: span))
            } while match(.comma)
        }
        if isName("limit") {
            advance()
            guard case .value(.number(let n)) = current.kind, n.isInteger, let count = Int(n.decimalString) else {
                throw fail("expected a whole number of answers after 'limit', found \(current.kind)")
            }
            guard count > 0 else { throw fail("'limit' needs at least 1 answer; found \(count)") }
            advance()
            shape.limit = count
        }
        return shape
    }

    private func startsKeywordStatement(_ word: String) -> Bool {
        guard isName(word) else { return false }
        switch peek().kind {
        case .leftParen, .implies, .dot, .comma: return false
        default: return true
        }
    }

    private mutating func statement() throws(Failure) -> Statement {
        let start = current.span
        if case .directive(let name) = current.kind {
            let declaration = try directive(name)
            _ = match(.dot)
            return .declaration(declaration)
        }
        if case .command(let name, let arguments) = current.kind {
            return .command(CommandCall(name: name, argumentText: arguments, span: advance().span))
        }
        if match(.query) {
            let body = try conjunction()
            let shape = try answerShape()
            let end = try expectEnd("query")
            return .query(body, shape: shape, span: start.to(end.span))
        }
        if let fact = groundFact() { return .clause(fact) }
        if case .value(.number) = current.kind, peek().kind == .colon, peek(2).kind == .colon { return try uncertainChoice() }
        if check(.minus), case .value(.number(let number)) = peek().kind, peek(2).kind == .colon, peek(3).kind == .colon {
            throw fail("a probability is between 0 and 1; found -\(number.decimalString)")
        }
        if startsKeywordStatement("how") { return try likelihoodQuestion(from: advance().span, in: nil, at: nil) }
        if startsKeywordStatement("given") {
            let start = advance().span
            let evidence = try evidenceList()
            let end = try expectEnd("given statement")
            return .declaration(.given(evidence, span: start.to(end.span)))
        }
        if let preference = try superiority() { return .clause(preference) }
        if startsKeywordStatement("what") { return try whatStatement() }
        if startsKeywordStatement("why") { return try whyStatement() }
        if startsKeywordStatement("scenario") { return try scenarioStatement() }
        if startsKeywordStatement("compare") { return try compareStatement() }
        if startsKeywordStatement("assume") {
            advance()
            let interventions = try interventionList()
            let end = try expectEnd("assume statement")
            return .assume(interventions, span: start.to(end.span))
        }
        if startsKeywordStatement("use") {
            advance()
            let name = try symbolName("a scenario name after 'use'")
            let end = try expectEnd("use statement")
            return .use(name, span: start.to(end.span))
        }
        if startsKeywordStatement("expect") { return try expectStatement() }
        if startsKeywordStatement("timeline") { return try timelineStatement() }
        // `compare.` was a fact named compare: a statement word alone is a statement cut short.
        if case .name(let word) = current.kind, peek().kind == .dot, let missing = Parser.statementWords[word] {
            throw fail("'\(word)' needs \(missing)")
        }
        return .clause(try clause())
    }

    /// The words that start a statement, and what each needs after it.
    static let statementWords = [
        "what": "'if', 'would flip' or 'matters for' after it, as in: what if drops(anthropic, pause_clause).",
        "why": "a fact, as in: why contract_at_risk(pentagon_contract).",
        "compare": "scenario names, as in: compare comply, defy.  (or: compare all.)",
        "use": "a scenario name, as in: use comply.  (or: use baseline.)",
        "assume": "interventions, as in: assume not drops(anthropic, pause_clause).",
        "scenario": "a name and interventions, as in: scenario restore: not drops(anthropic, pause_clause).",
        "expect": "a condition, as in: expect contract_lost(pentagon_contract).",
        "timeline": "a fact and two dates, as in: timeline contract_lost(k1) from 2026-01-01 to 2026-12-31.",
        "how": "'likely' and a question, as in: how likely contract_lost(K)?",
        "given": "what is known, as in: given complies(anthropic, u1).",
    ]

    /// `0.6 :: p(a).` or `0.5 :: p(a); 0.3 :: q(a).`
    private mutating func uncertainChoice() throws(Failure) -> Statement {
        let start = current.span
        var alternatives: [UncertainChoice.Alternative] = []
        var total = 0.0
        repeat {
            let token = advance()
            guard case .value(.number(let number)) = token.kind, let probability = Double(number.decimalString) else {
                throw fail("expected a probability between 0 and 1 before '::', found \(token.kind)", at: token.span)
            }
            guard probability >= 0, probability <= 1 else {
                throw fail("a probability is between 0 and 1; found \(number.decimalString)", at: token.span)
            }
            _ = try expect(.colon, "'::' after the probability")
            _ = try expect(.colon, "'::' after the probability")
            let atom = try atom("an uncertain fact")
            if check(.implies) {
                throw fail("a probability applies to a fact, not a rule; to make a rule uncertain, put an uncertain fact in its body, as in: 0.7 :: applies(r1).  p(X) :- q(X), applies(r1).")
            }
            if let variable = atom.args.lazy.compactMap({ term -> SourceSpan? in
                if term.groundValue != nil { return nil }
                if case .variable(_, let span) = term { return span }
                if case .anonymous(let span) = term { return span }
                return term.span
            }).first {
                throw fail("an uncertain fact is ground: its arguments are constants, not variables or expressions", at: variable)
            }
            total += probability
            alternatives.append(.init(probability: probability, atom: atom))
        } while match(.semicolon)
        guard total <= 1 + 1e-9 else {
            throw fail("the probabilities of one choice add up to \((total * 1e6).rounded() / 1e6); at most one alternative holds, so they add up to at most 1", at: start)
        }
        let end = try expectEnd("uncertain fact")
        return .uncertain(UncertainChoice(alternatives: alternatives, span: start.to(end.span)))
    }

    /// After `how` (or `what if ... ?- how`): `likely BODY [given EVIDENCE] [at DATE] ?`
    private mutating func likelihoodQuestion(from start: SourceSpan, in interventions: [Intervention]?, at date: Value?) throws(Failure) -> Statement {
        guard isName("likely") else { throw fail("expected 'likely' after 'how', as in: how likely contract_lost(K)?") }
        advance()
        let body = try conjunction()
        var given = try optionalEvidence()
        let at = try optionalDate()
        if given.isEmpty { given = try optionalEvidence() }
        if at != nil, interventions != nil { throw fail("a what-if's date goes before '?-', as in: what if p at 2026-03-01 ?- how likely q?") }
        let end = try expectQuestionEnd("likelihood question")
        return .likelihood(LikelihoodQuestion(kind: .answers, body: body, given: given, interventions: interventions,
                                              date: at ?? date, span: start.to(end.span)))
    }

    /// `given q(a), not q(b)` after a likelihood question.
    private mutating func optionalEvidence() throws(Failure) -> [Evidence] {
        guard isName("given") else { return [] }
        advance()
        return try evidenceList()
    }

    private mutating func evidenceList() throws(Failure) -> [Evidence] {
        var list: [Evidence] = []
        repeat {
            let start = current.span
            let negated = isName("not") && peekIsAtomStart()
            if negated { advance() }
            let atom = try atom("what is known, as in: given complies(anthropic, u1)")
            list.append(Evidence(atom: atom, holds: !negated, span: start.to(atom.span)))
        } while match(.comma)
        return list
    }

    /// A question ends with '?' or '.'.
    private mutating func expectQuestionEnd(_ what: String) throws(Failure) -> Token {
        guard check(.dot) || check(.questionMark) else {
            throw fail("expected '?' at the end of the \(what), found \(current.kind)")
        }
        return advance()
    }

    /// Bulk fact files are nearly all `name(constant, ..., constant).`: read
    /// those straight off the tokens, without the descent through expression,
    /// product, unary and primary for every argument. Anything else (a
    /// variable, an operator, a nested term, an error) is left to `clause()`,
    /// which builds the same Clause for these.
    private mutating func groundFact() -> Clause? {
        guard case .name(let name) = current.kind, peek().kind == .leftParen else { return nil }
        var offset = 2
        var args: [Term] = []
        while true {
            let token = peek(offset)
            switch token.kind {
            case .value(let value): args.append(.constant(value, token.span))
            case .string(let text): args.append(.constant(.string(text), token.span))
            case .name(let symbol):
                if peek(offset + 1).kind == .leftParen { return nil }
                args.append(.constant(.symbol(symbol), token.span))
            default: return nil
            }
            switch peek(offset + 1).kind {
            case .comma: offset += 2
            case .rightParen:
                guard peek(offset + 2).kind == .dot else { return nil }
                let start = current.span
                let close = peek(offset + 1).span
                let end = peek(offset + 2).span
                let span = start.to(close)
                index += offset + 3
                let head = Atom(predicate: name, args: args, span: span, nameSpan: start)
                return Clause(head: head, body: [], span: span.to(end))
            default: return nil
            }
        }
    }

    private mutating func clause() throws(Failure) -> Clause {
        let start = current.span
        var label: String? = nil
        if case .name(let name) = current.kind, peek().kind == .colon {
            label = name
            advance()
            advance()
        }
        if case .name(let name) = current.kind, peek().kind == .name("normally") || peek().kind == .name("maybe") {
            throw fail("a rule's label ends with ':', as in \(name): normally ...")
        }
        var strength = RuleStrength.strict
        if startsKeywordStatement("normally") || startsKeywordStatement("maybe") {
            strength = isName("normally") ? .defeasible : .defeater
            advance()
        }
        let head = try atom(label == nil && strength == .strict ? "a fact, a rule or a statement" : "the rule's conclusion")
        var body: [Literal] = []
        if match(.implies) {
            body = try conjunction()
        } else if case .compare(.equal) = current.kind {
            throw fail("a comparison cannot be a fact; put it in a rule body or a query (?- ...)")
        }
        let end = try expectEnd(body.isEmpty && strength == .strict ? "fact" : "rule")
        return Clause(head: head, body: body, span: start.to(end.span), strength: strength, label: label)
    }

    /// `r2 > r1.`: the rule labelled r2 beats the rule labelled r1; the fact `superior(r2, r1)`.
    private mutating func superiority() throws(Failure) -> Clause? {
        guard case .name(let winner) = current.kind, peek().kind == .compare(.greater) else { return nil }
        guard case .name(let loser) = peek(2).kind, peek(3).kind == .dot else {
            throw fail("superiority is written with two rule labels, as in r2 > r1.", at: peek().span)
        }
        let start = current.span, loserSpan = peek(2).span, end = peek(3).span
        index += 4
        let head = Atom(predicate: DefeasibleNames.superior, args: [.constant(.symbol(winner), start), .constant(.symbol(loser), loserSpan)],
                        span: start.to(loserSpan), nameSpan: start)
        return Clause(head: head, body: [], span: start.to(end))
    }

    private mutating func whatStatement() throws(Failure) -> Statement {
        let start = advance().span
        if isName("if") {
            advance()
            var interventions: [Intervention] = []
            if !isName("at") { interventions = try interventionList() }
            let date = try optionalDate()
            var query: [Literal]? = nil
            if match(.query) {
                if isName("how"), peek().kind == .name("likely") {
                    advance()
                    return try likelihoodQuestion(from: start, in: interventions, at: date)
                }
                query = try conjunction()
            }
            let end = try expectEnd("what-if statement")
            return .whatIf(interventions, at: date, query: query, span: start.to(end.span))
        }
        if isName("would") {
            advance()
            guard isName("flip") else { throw fail("expected 'flip' after 'what would'") }
            advance()
            let target = try atom("the fact to flip")
            let end = try expectEnd("what-would-flip statement")
            return .flip(target, span: start.to(end.span))
        }
        if isName("matters") {
            advance()
            guard isName("for") else { throw fail("expected 'for' after 'what matters', as in what matters for contract_lost(k1).") }
            advance()
            let target = try atom("the fact to weigh the causes of")
            let end = try expectEnd("what-matters statement")
            return .matters(target, span: start.to(end.span))
        }
        if isName("moves") {
            advance()
            let target = try atom("the fact whose likelihood to weigh, as in what moves contract_lost(k1)?")
            var given = try optionalEvidence()
            let date = try optionalDate()
            if given.isEmpty { given = try optionalEvidence() }
            let end = try expectQuestionEnd("what-moves question")
            return .likelihood(LikelihoodQuestion(kind: .movers, body: [.positive(target)], given: given, interventions: nil,
                                                  date: date, span: start.to(end.span)))
        }
        throw fail("expected 'if', 'would flip', 'matters for' or 'moves' after 'what'")
    }

    private mutating func whyStatement() throws(Failure) -> Statement {
        let start = advance().span
        // `why not.` asked nothing; no relation is named `not`.
        if isName("not") && !peekIsAtomStart() {
            throw fail("'why not' needs a fact, as in: why not pause_possible(anthropic).")
        }
        let negated = isName("not") && peekIsAtomStart()
        if negated { advance() }
        if !negated, isName("likely"), peekIsAtomStart() {
            advance()
            let target = try atom("the fact whose likelihood to explain")
            var given = try optionalEvidence()
            let date = try optionalDate()
            if given.isEmpty { given = try optionalEvidence() }
            let end = try expectQuestionEnd("why-likely question")
            return .likelihood(LikelihoodQuestion(kind: .proofs, body: [.positive(target)], given: given, interventions: nil,
                                                  date: date, span: start.to(end.span)))
        }
        // `why definitely p(a).`: the definite kind of a defeasible conclusion.
        let kind = (isName("definitely") || isName("defeasibly")) && peekIsAtomStart() ? advance() : nil
        var target = try atom("a fact to explain")
        if let kind, kind.kind == .name("definitely") {
            target = Atom(predicate: DefeasibleNames.definitely(target.predicate), args: target.args,
                          span: kind.span.to(target.span), nameSpan: target.nameSpan)
        }
        let end = try expectEnd("why statement")
        return negated ? .whyNot(target, span: start.to(end.span)) : .why(target, span: start.to(end.span))
    }

    private func peekIsAtomStart() -> Bool {
        if case .name = peek().kind { return true }
        if peek().kind == .minus, case .name = peek(2).kind { return true }
        return false
    }

    private mutating func scenarioStatement() throws(Failure) -> Statement {
        let start = advance().span
        let name = try symbolName("a scenario name")
        _ = try expect(.colon, "':' after the scenario name")
        var interventions: [Intervention] = []
        if !isName("at") { interventions = try interventionList() }
        let date = try optionalDate()
        let end = try expectEnd("scenario")
        return .scenario(name: name, interventions, at: date, span: start.to(end.span))
    }

    /// `at 2026-03-02` after a scenario's or a what-if's interventions.
    private mutating func optionalDate() throws(Failure) -> Value? {
        guard isName("at") else { return nil }
        advance()
        let token = advance()
        guard case .value(let v) = token.kind, v.isDate || v.timeMinutes != nil else {
            throw fail("expected a date after 'at', as in 2026-03-02", at: token.span)
        }
        return v
    }

    private mutating func compareStatement() throws(Failure) -> Statement {
        let start = advance().span
        // `compare all.` compares every scenario: no names; `compare all all.`
        // lists every outcome of every scenario.
        if isName("all") && (peek().kind == .dot || peek().kind == .name("by") || peek().kind == .name("with") || (peek().kind == .name("all") && peek(2).kind == .dot)) {
            advance()
            let every = isName("all")
            if every { advance() }
            let by = try rankedBy()
            let likelihoods = try withLikelihoods()
            let end = try expectEnd("compare statement")
            return .compare([], all: every, by: by, likelihoods: likelihoods, span: start.to(end.span))
        }
        let all = isName("all") && peek().kind != .comma && peek().kind != .dot
        if all { advance() }
        var names = [try symbolName("a scenario name after 'compare'")]
        while match(.comma) { names.append(try symbolName("a scenario name")) }
        let by = try rankedBy()
        let likelihoods = try withLikelihoods()
        let end = try expectEnd("compare statement")
        return .compare(names, all: all, by: by, likelihoods: likelihoods, span: start.to(end.span))
    }

    /// `with likelihoods` at the end of a compare statement.
    private mutating func withLikelihoods() throws(Failure) -> Bool {
        guard isName("with") else { return false }
        advance()
        guard isName("likelihoods") else { throw fail("expected 'likelihoods' after 'with', as in: compare comply, defy with likelihoods.") }
        advance()
        return true
    }

    /// `by exposure` at the end of a compare statement.
    private mutating func rankedBy() throws(Failure) -> String? {
        guard isName("by") else { return nil }
        advance()
        return try symbolName("a relation name after 'by', as in: compare comply, defy by exposure.")
    }

    private mutating func expectStatement() throws(Failure) -> Statement {
        let start = advance().span
        let expectation: Expectation
        if isName("not") && peekIsAtomStart() {
            advance()
            expectation = .fails(try atom("an atom after 'expect not'"))
        } else if isName("count") && !(peek().kind == .leftParen) {
            advance()
            let body: [Literal]
            if match(.leftBrace) {
                body = try conjunction()
                _ = try expect(.rightBrace, "'}'")
            } else {
                body = [.positive(try atom("an atom to count"))]
            }
            guard case .compare(let op) = current.kind else {
                throw fail("expected a comparison after 'expect count ...', as in 'expect count q(_) = 3.'")
            }
            advance()
            expectation = .count(body, op, try expression())
        } else {
            let body = try conjunction()
            if isName("within") {
                guard body.count == 1, case .positive(let atom) = body[0], !atom.args.isEmpty else {
                    throw fail("'within' follows one atom whose last argument is the expected amount, as in 'expect total(dod, $6.86B) within $1M.'")
                }
                advance()
                expectation = .near(atom, tolerance: try expression())
            } else {
                expectation = .holds(body)
            }
        }
        let end = try expectEnd("expect statement")
        return .expect(expectation, span: start.to(end.span))
    }

    private mutating func timelineStatement() throws(Failure) -> Statement {
        let start = advance().span
        let likely = isName("how") && peek().kind == .name("likely")
        if likely {
            advance()
            advance()
        }
        let target = try atom("the fact whose timeline to show")
        guard isName("from") else { throw fail("expected 'from DATE to DATE' after the fact") }
        advance()
        let from = try expression()
        guard isName("to") else { throw fail("expected 'to DATE'") }
        advance()
        let to = try expression()
        if likely {
            let given = try optionalEvidence()
            let end = try expectQuestionEnd("timeline statement")
            return .likelihood(LikelihoodQuestion(kind: .timeline(from: from, to: to), body: [.positive(target)], given: given,
                                                  interventions: nil, date: nil, span: start.to(end.span)))
        }
        let end = try expectEnd("timeline statement")
        return .timeline(target, from: from, to: to, span: start.to(end.span))
    }

    private mutating func interventionList() throws(Failure) -> [Intervention] {
        var list = [try intervention()]
        while match(.comma) { list.append(try intervention()) }
        return list
    }

    private mutating func intervention() throws(Failure) -> Intervention {
        let start = current.span
        let negated = isName("not") && peekIsAtomStart()
        if negated { advance() }
        let target = try atom("a fact to assume, or 'not' and a fact to retract")
        return Intervention(atom: target, isNegated: negated, span: start.to(target.span))
    }

    private mutating func symbolName(_ what: String) throws(Failure) -> String {
        guard case .name(let name) = current.kind else { throw fail("expected \(what), found \(current.kind)") }
        advance()
        return name
    }

    // MARK: - Directives

    private mutating func directive(_ name: String) throws(Failure) -> Declaration {
        let token = advance()
        switch name {
        case "decl":
            let relation = try symbolName("a relation name after '.decl'")
            _ = try expect(.leftParen, "'(' and the columns, as in .decl contract(id: symbol, value: money)")
            let (columns, end) = try columnDeclarations()
            return .relation(name: relation, columns: columns, span: token.span.to(end.span))
        case "outcome":
            let refs = try predicateReferences()
            return .outcome(refs, span: token.span.to(refs.last!.span))
        case "lever":
            // `.lever shares(city: symbol, data: symbol)` declares the relation too.
            if case .name(let relation) = current.kind, peek(1).kind == .leftParen {
                let start = advance().span
                advance()
                let (columns, end) = try columnDeclarations()
                let ref = PredicateReference(name: relation, arity: columns.count, span: start.to(end.span))
                return .lever([ref], columns: columns, span: token.span.to(end.span))
            }
            let refs = try predicateReferences()
            return .lever(refs, columns: nil, span: token.span.to(refs.last!.span))
        case "say":
            let pattern = try atom("the fact to phrase, as in .say contract_lost(K) \"contract {K} is cancelled\"")
            guard case .string(let template) = current.kind else {
                throw fail("expected a quoted sentence after the fact")
            }
            let end = advance()
            return .say(pattern, template: template, span: token.span.to(end.span))
        case "input":
            let relation = try symbolName("a relation name after '.input'")
            guard case .string(let path) = current.kind else {
                throw fail("expected the CSV file name in quotes, as in .input contract \"contracts.csv\"")
            }
            var end = advance()
            var skipBadRows = false
            // A directive ends with its line: a name on the next is a statement.
            if current.span.line == end.span.line {
                if isName("skip_bad_rows") {
                    end = advance()
                    skipBadRows = true
                } else if case .name(let word) = current.kind {
                    throw fail("unknown option '\(word)' after the file of '.input'; the one option is skip_bad_rows")
                }
            }
            return .input(name: relation, path: path, skipBadRows: skipBadRows, span: token.span.to(end.span))
        case "conflict":
            let refs = try predicateReferences()
            guard refs.count >= 2 else {
                throw fail("'.conflict' needs at least two relations, as in .conflict complies/2, defies/2", at: token.span)
            }
            return .conflict(refs, span: token.span.to(refs.last!.span))
        case "defeasible":
            guard case .name(let word) = current.kind, let handling = AmbiguityHandling(rawValue: word) else {
                throw fail("expected 'blocking' or 'propagating' after '.defeasible', found \(current.kind)")
            }
            let end = advance()
            return .defeasible(handling, span: token.span.to(end.span))
        case "today":
            let dateToken = current
            guard case .value(let value) = dateToken.kind, case .date = value else {
                throw fail("expected a date after '.today', as in .today 2026-02-25")
            }
            advance()
            return .today(value, span: token.span.to(dateToken.span))
        default:
            var notes: [Diagnostic.Note] = []
            if let guess = Suggestions.closest(to: name, in: ["decl", "outcome", "say", "lever", "input", "today", "conflict", "defeasible"]) {
                notes.append(.init("did you mean '.\(guess)'?"))
            }
            log.append(.error("unknown directive '.\(name)'", at: token.span, notes: notes))
            throw Failure()
        }
    }

    /// `name: type, ...)` after the '(' of `.decl` or `.lever`; the columns and the ')'.
    private mutating func columnDeclarations() throws(Failure) -> ([ColumnDeclaration], Token) {
        var columns: [ColumnDeclaration] = []
        if !check(.rightParen) {
            repeat {
                let columnStart = current.span
                let column: String
                switch current.kind {
                case .name(let n), .variable(let n): column = n; advance()
                default: throw fail("expected a column name, found \(current.kind)")
                }
                _ = try expect(.colon, "':' and a type after the column name")
                let typeToken = current
                let typeName = try symbolName("a column type")
                guard let type = ColumnType.named(typeName) else {
                    var notes: [Diagnostic.Note] = []
                    if let guess = Suggestions.closest(to: typeName, in: ColumnType.spellings) {
                        notes.append(.init("did you mean '\(guess)'?"))
                    }
                    notes.append(.init("types are: " + ColumnType.allCases.map(\.rawValue).joined(separator: ", ")))
                    log.append(.error("unknown column type '\(typeName)'", at: typeToken.span, notes: notes))
                    throw Failure()
                }
                columns.append(ColumnDeclaration(name: column, type: type, span: columnStart.to(typeToken.span)))
            } while match(.comma)
        }
        let end = try expect(.rightParen, "')' after the columns")
        return (columns, end)
    }

    private mutating func predicateReferences() throws(Failure) -> [PredicateReference] {
        var refs: [PredicateReference] = []
        repeat {
            let start = current.span
            // `-retains`: a strong negation is a relation of its own.
            var negated = false
            if check(.minus), case .name = peek().kind {
                negated = true
                advance()
            }
            let name = (negated ? "-" : "") + (try symbolName("a predicate name"))
            var arity: Int? = nil
            var end = start
            if match(.slash) {
                guard case .value(.number(let n)) = current.kind, let a = n.integerValue, a >= 0, a < 1000 else {
                    throw fail("expected an arity after '/', as in drops/2")
                }
                arity = Int(a)
                end = advance().span
            }
            refs.append(PredicateReference(name: name, arity: arity, span: start.to(end)))
        } while match(.comma)
        return refs
    }

    // MARK: - Literals and terms

    private mutating func conjunction() throws(Failure) -> [Literal] {
        var literals = [try literal()]
        while match(.comma) {
            guard literals.count < Parser.maxLiterals else {
                throw fail("a conjunction has more than \(Parser.maxLiterals) literals; split it with intermediate rules")
            }
            literals.append(try literal())
        }
        return literals
    }

    private mutating func literal() throws(Failure) -> Literal {
        let start = current.span
        if (isName("definitely") || isName("defeasibly")) && peekIsAtomStart() {
            let definitely = isName("definitely")
            advance()
            let asked = try atom("an atom after '\(definitely ? "definitely" : "defeasibly")'")
            guard definitely else { return .positive(asked) }
            return .positive(Atom(predicate: DefeasibleNames.definitely(asked.predicate), args: asked.args,
                                  span: start.to(asked.span), nameSpan: asked.nameSpan))
        }
        if isName("not") && peekIsAtomStart() {
            advance()
            let negated = try atom("an atom after 'not'")
            if negated.arity == 2, let test = ComparisonOperator.stringTest(named: negated.predicate, negated: true) {
                return .comparison(test, negated.args[0], negated.args[1], start.to(negated.span))
            }
            return .negative(negated, start.to(negated.span))
        }
        let left = try expression()
        if case .compare(let op) = current.kind {
            advance()
            if let function = aggregateFunctionAhead() {
                return .aggregate(try aggregate(result: left, function: function))
            }
            let right = try expression()
            return .comparison(op, left, right, left.span.to(right.span))
        }
        let atom = try asAtom(left, "an atom or a comparison")
        if atom.arity == 2, let test = ComparisonOperator.stringTest(named: atom.predicate, negated: false) {
            return .comparison(test, atom.args[0], atom.args[1], atom.span)
        }
        return .positive(atom)
    }

    /// `sum V : {`, `count : {`, `count {`.
    private func aggregateFunctionAhead() -> AggregateFunction? {
        guard case .name(let word) = current.kind, let function = AggregateFunction(rawValue: word) else { return nil }
        switch peek().kind {
        case .colon, .leftBrace: return function
        case .leftParen: return nil
        default:
            // A value term follows; look for ': {' after it on the same nesting level.
            var depth = 0
            var i = index + 1
            while i < tokens.count {
                switch tokens[i].kind {
                case .leftParen: depth += 1
                case .rightParen: depth -= 1
                case .colon where depth == 0: return function
                case .comma where depth == 0: return nil
                case .dot, .end: return nil
                default: break
                }
                i += 1
            }
            return nil
        }
    }

    private mutating func aggregate(result: Term, function: AggregateFunction) throws(Failure) -> Aggregate {
        try enterLevel()
        defer { nesting -= 1 }
        let functionToken = advance()
        var value: Term? = nil
        if !check(.colon) && !check(.leftBrace) {
            value = try expression()
        }
        if function != .count && value == nil {
            throw fail("'\(function.rawValue)' needs the value to aggregate, as in T = \(function.rawValue) V : { ... }", at: functionToken.span)
        }
        _ = match(.colon)
        _ = try expect(.leftBrace, "'{' and the conjunction to aggregate over")
        let body = try conjunction()
        let end = try expect(.rightBrace, "'}' to close the aggregate")
        return Aggregate(result: result, function: function, value: value, body: body, span: result.span.to(end.span))
    }

    /// An atom, or with '-' before it its strong negation: `-flies(X)` is a
    /// relation of its own, `-flies`, that conflicts with `flies`.
    private mutating func atom(_ what: String) throws(Failure) -> Atom {
        if check(.minus), case .name = peek().kind {
            let start = advance().span
            let positive = try asAtom(try primary(), what)
            return Atom(predicate: "-" + positive.predicate, args: positive.args, span: start.to(positive.span),
                        nameSpan: start.to(positive.nameSpan))
        }
        let term = try primary()
        return try asAtom(term, what)
    }

    private mutating func asAtom(_ term: Term, _ what: String) throws(Failure) -> Atom {
        switch term {
        case .constant(.symbol(let name), let span):
            return Atom(predicate: name, args: [], span: span, nameSpan: span)
        case .compound(let name, let args, let span):
            let nameSpan = SourceSpan(file: span.file, start: span.start, end: span.start + name.utf8.count)
            return Atom(predicate: name, args: args, span: span, nameSpan: nameSpan)
        case .negation(let inner, let span):
            // `-flies(X)` in a body parses as arithmetic first.
            switch inner {
            case .constant(.symbol, _), .compound:
                let positive = try asAtom(inner, what)
                let nameSpan = SourceSpan(file: span.file, start: span.start, end: positive.nameSpan.end)
                return Atom(predicate: "-" + positive.predicate, args: positive.args, span: span, nameSpan: nameSpan)
            default:
                throw fail("expected \(what), found '\(term.span.text)'", at: term.span)
            }
        case .variable(let name, let span):
            throw fail("expected \(what), found variable '\(name)' (predicates start with a lower-case letter)", at: span)
        default:
            throw fail("expected \(what), found '\(term.span.text)'", at: term.span)
        }
    }

    /// One level deeper in the term being built: brackets, arguments, a
    /// unary minus, or one more operator of a chain (`1+1+1` nests leftwards).
    private mutating func enterLevel() throws(Failure) {
        nesting += 1
        guard nesting <= Parser.maxNesting else {
            throw fail("nesting is deeper than \(Parser.maxNesting) levels")
        }
    }

    private mutating func expression() throws(Failure) -> Term {
        let outer = nesting
        defer { nesting = outer }
        var left = try product()
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            try enterLevel()
            advance()
            let right = try product()
            left = .arithmetic(op, left, right, left.span.to(right.span))
        }
    }

    private mutating func product() throws(Failure) -> Term {
        let outer = nesting
        defer { nesting = outer }
        var left = try unary()
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .name("mod"): op = .modulo
            default: return left
            }
            try enterLevel()
            advance()
            let right = try unary()
            left = .arithmetic(op, left, right, left.span.to(right.span))
        }
    }

    private mutating func unary() throws(Failure) -> Term {
        if check(.minus) {
            try enterLevel()
            defer { nesting -= 1 }
            let start = advance().span
            let operand = try unary()
            // Fold negative literals so `p(-5)` is a plain constant.
            if case .constant(let v, let span) = operand, let negated = try? Arithmetic.negate(v) {
                return .constant(negated, start.to(span))
            }
            return .negation(operand, start.to(operand.span))
        }
        return try primary()
    }

    private mutating func primary() throws(Failure) -> Term {
        try enterLevel()
        defer { nesting -= 1 }
        let token = current
        switch token.kind {
        case .variable(let name):
            advance()
            return .variable(name, token.span)
        case .anonymous:
            advance()
            return .anonymous(token.span)
        case .value(let value):
            advance()
            return .constant(value, token.span)
        case .string(let text):
            advance()
            return .constant(.string(text), token.span)
        case .name(let name):
            advance()
            guard check(.leftParen) else { return .constant(.symbol(name), token.span) }
            advance()
            var args: [Term] = []
            if !check(.rightParen) {
                repeat { args.append(try expression()) } while match(.comma)
            }
            let end = try expect(.rightParen, "',' or ')' in the arguments of '\(name)'")
            return .compound(name, args, token.span.to(end.span))
        case .leftParen:
            advance()
            let inner = try expression()
            _ = try expect(.rightParen, "')'")
            return inner
        case .end:
            throw fail("unexpected end of input; is a '.' missing?")
        default:
            throw fail("expected a term, found \(token.kind)")
        }
    }
}
