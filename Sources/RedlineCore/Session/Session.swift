/// What a user works with: the loaded program, the evaluation date and the
/// model they imply. Loading is all-or-nothing; the model is evaluated
/// lazily and kept until the program or the date changes.
public final class Session {
    public private(set) var program = Program()
    public private(set) var analysis = ProgramAnalysis.empty
    public var today: Value { didSet { forgetModel() } }
    public var limits = EvaluationLimits() { didSet { forgetModel() } }
    private var cachedModel: Model?
    /// An evaluation error is reported once; later statements refer to it.
    private var cachedFailure: EvaluationError?

    /// Figures from the most recent evaluation, for `--stats` and timing.
    public private(set) var lastEvaluation: EvaluationStatistics?

    private func forgetModel() {
        cachedModel = nil
        cachedFailure = nil
    }

    public init(today: Value) {
        self.today = today
    }

    /// The outcome of loading one source: its diagnostics and, when it was
    /// accepted, the statements (other than clauses and declarations) to run.
    public struct LoadResult {
        public let diagnostics: [Diagnostic]
        public let statements: [Statement]
        public var accepted: Bool { !diagnostics.hasErrors }
    }

    public func load(path: String) -> LoadResult {
        guard !FileReading.isDirectory(path), let bytes = FileReading.read(path) else {
            let reason = FileReading.isDirectory(path) ? "is a directory" : "no such file or not readable"
            return LoadResult(diagnostics: [.error("cannot read '\(path)': \(reason)", at: nil)], statements: [])
        }
        return load(SourceFile(path: FileReading.displayPath(path), bytes: bytes))
    }

    /// Parses, reads `.input` files and checks the program with this source
    /// added; commits only when no error was found.
    public func load(_ file: SourceFile) -> LoadResult {
        let (statements, syntaxDiagnostics) = Parser.parse(file)
        var candidate = program
        candidate.files.append(file)
        var newFiles: Set<ObjectIdentifier> = [ObjectIdentifier(file)]
        var runnable: [Statement] = []
        var diagnostics = syntaxDiagnostics
        for statement in statements {
            switch statement {
            case .clause(let clause): candidate.clauses.append(clause)
            case .declaration(let declaration): candidate.add(declaration)
            default: runnable.append(statement)
            }
        }
        for statement in statements {
            guard case .declaration(.input(let name, _, let span)) = statement else { continue }
            guard let input = candidate.inputs.first(where: { $0.span == span }),
                  let declaration = candidate.relations[name] else { continue }
            let (facts, csvDiagnostics) = CSVInput.load(input, declaration: declaration,
                                                        baseDirectory: FileReading.directory(of: file.path))
            diagnostics += csvDiagnostics
            if let csv = facts.first?.span.file ?? csvDiagnostics.first?.span?.file {
                newFiles.insert(ObjectIdentifier(csv))
                candidate.files.append(csv)
            }
            candidate.clauses += facts
        }
        let (newAnalysis, checkDiagnostics) = Checker.check(candidate)
        // Warnings about files loaded earlier were shown when they loaded.
        diagnostics += checkDiagnostics.filter { $0.isError || $0.span.map { newFiles.contains(ObjectIdentifier($0.file)) } ?? true }
        if !diagnostics.hasErrors {
            for statement in runnable {
                diagnostics += check(statement, in: candidate, analysis: newAnalysis)
            }
        }
        let sorted = diagnostics.sortedBySource()
        guard !sorted.hasErrors else { return LoadResult(diagnostics: sorted, statements: []) }
        program = candidate
        analysis = newAnalysis
        forgetModel()
        return LoadResult(diagnostics: sorted, statements: runnable)
    }

    /// The model of the current program at the current date.
    public func model() throws(EvaluationError) -> Model {
        if let cachedModel { return cachedModel }
        if cachedFailure != nil {
            throw EvaluationError("not answered: the program could not be evaluated (see the error above)", at: nil)
        }
        do {
            let clock = ContinuousClock()
            let start = clock.now
            let model = try Evaluator.evaluate(program, analysis: analysis, today: today, limits: limits)
            let elapsed = clock.now - start
            lastEvaluation = EvaluationStatistics(
                tuples: model.tupleCount, memoryBytes: model.memoryFootprint,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            cachedModel = model
            return model
        } catch {
            // Interruptions are not remembered: asking again may succeed.
            if error.message != "evaluation interrupted" { cachedFailure = error }
            throw error
        }
    }

    func check(_ statement: Statement, in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        switch statement {
        case .query(let body, _):
            return Checker.checkBody(body, in: program, analysis: analysis)
        case .expect(.holds(let body), _), .expect(.count(let body, _, _), _):
            return Checker.checkBody(body, in: program, analysis: analysis)
        case .expect(.fails(let atom), _), .why(let atom, _), .whyNot(let atom, _), .flip(let atom, _):
            return Checker.checkAtom(atom, in: program, analysis: analysis)
        default:
            return []
        }
    }

    /// Runs one statement that is not a clause or declaration. Its warnings
    /// were reported when its source loaded; only errors are repeated here.
    public func execute(_ statement: Statement) -> StatementOutcome {
        let diagnostics = check(statement, in: program, analysis: analysis).filter(\.isError)
        guard !diagnostics.hasErrors else { return StatementOutcome(statement: statement, diagnostics: diagnostics, result: nil) }
        do {
            switch statement {
            case .query(let body, _):
                let answer = try model().query(body)
                return StatementOutcome(statement: statement, diagnostics: diagnostics, result: .answer(answer))
            default:
                let message = "'\(statement.keyword)' is not yet supported; it is parsed, and a later version gives it meaning"
                return StatementOutcome(statement: statement, diagnostics: diagnostics + [.error(message, at: statement.span)], result: nil)
            }
        } catch {
            return StatementOutcome(statement: statement, diagnostics: diagnostics + [error.diagnostic], result: nil)
        }
    }
}

public enum StatementResult: Sendable {
    case answer(QueryAnswer)
}

public struct StatementOutcome: Sendable {
    public let statement: Statement
    public let diagnostics: [Diagnostic]
    public let result: StatementResult?

    /// The statement's source text without its keyword and final '.'.
    public var bodyText: String {
        switch statement {
        case .query(let body, _):
            guard let first = body.first, let last = body.last else { return "" }
            return first.span.to(last.span).text
        default:
            return statement.span.text
        }
    }
}

public struct EvaluationStatistics: Sendable {
    public let tuples: Int
    public let memoryBytes: Int
    public let seconds: Double

    public var summary: String {
        let milliseconds = (seconds * 10000).rounded() / 10
        return "evaluated \(tuples) tuples in \(milliseconds) ms; relations hold \(memoryBytes / 1024) KiB"
    }
}
