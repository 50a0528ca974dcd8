/// What a user works with: the loaded program, the evaluation date and the
/// model they imply, and the steps `:undo` can revert. Loading is
/// all-or-nothing; the model is evaluated lazily and kept until the program
/// or the date changes.
public final class Session {
    public private(set) var program = Program()
    public private(set) var analysis = ProgramAnalysis.empty
    public private(set) var today: Value
    public var limits = EvaluationLimits() { didSet { forgetModel() } }
    /// What the user loaded, in order, for `:reload` and `:save`.
    public private(set) var sources: [LoadedSource] = []
    private var cachedModel: Model?
    /// An evaluation error is reported once; later statements refer to it.
    private var cachedFailure: EvaluationError?
    /// Bumped by every change `:undo` can revert.
    private var version = 0
    private var undoSteps: [(label: String, state: State)] = []
    public static let undoDepth = 100
    /// Files being loaded through `:load` lines, innermost last, to report import cycles.
    private var importStack: [String] = []
    static let maxImportDepth = 32

    /// Figures from the most recent evaluation, for `--stats` and timing.
    public private(set) var lastEvaluation: EvaluationStatistics?
    /// How many evaluations ran, so a caller can tell whether a statement evaluated.
    public private(set) var evaluationCount = 0

    private func forgetModel() {
        cachedModel = nil
        cachedFailure = nil
    }

    public init(today: Value) {
        self.today = today
    }

    /// The model if it is already evaluated; never starts an evaluation.
    public var evaluatedModel: Model? { cachedModel }

    // MARK: - Undo

    private struct State {
        let program: Program
        let analysis: ProgramAnalysis
        let today: Value
        let sources: [LoadedSource]
        let model: Model?
        let failure: EvaluationError?
        let version: Int
    }

    private var state: State {
        get { State(program: program, analysis: analysis, today: today, sources: sources, model: cachedModel, failure: cachedFailure, version: version) }
        set {
            program = newValue.program
            analysis = newValue.analysis
            today = newValue.today
            sources = newValue.sources
            cachedModel = newValue.model
            cachedFailure = newValue.failure
            version = newValue.version
        }
    }

    /// Runs `change`; when it changed the session, `undo()` reverts it as one step.
    public func undoable<T>(_ label: String, _ change: () -> T) -> T {
        let before = state
        let result = change()
        if version != before.version {
            undoSteps.append((label, before))
            if undoSteps.count > Session.undoDepth { undoSteps.removeFirst() }
        }
        return result
    }

    /// Reverts the last undoable step and returns its label, or nil when there is none.
    public func undo() -> String? {
        guard let step = undoSteps.popLast() else { return nil }
        state = step.state
        return step.label
    }

    public var undoLabels: [String] { undoSteps.map(\.label) }

    /// Forgets every loaded file and statement; the date stays.
    public func reset() {
        program = Program()
        analysis = .empty
        sources = []
        forgetModel()
        version += 1
    }

    public func setToday(_ date: Value) {
        guard date != today else { return }
        today = date
        forgetModel()
        version += 1
    }

    // MARK: - Loading

    /// The outcome of loading: diagnostics and, when accepted, the
    /// statements (other than clauses and declarations) to run.
    public struct LoadResult {
        public let diagnostics: [Diagnostic]
        public let statements: [Statement]
        public var accepted: Bool { !diagnostics.hasErrors }

        static func failure(_ message: String, at span: SourceSpan?) -> LoadResult {
            LoadResult(diagnostics: [.error(message, at: span)], statements: [])
        }
    }

    /// Loads files as one set: when any has an error, none stays loaded.
    /// Every file is still read, so all errors are reported at once.
    public func load(paths: [String]) -> LoadResult {
        let before = state
        var diagnostics: [Diagnostic] = []
        var statements: [Statement] = []
        for path in paths {
            let result = load(path: path)
            diagnostics += result.diagnostics
            statements += result.statements
        }
        guard !diagnostics.hasErrors else {
            state = before
            return LoadResult(diagnostics: diagnostics, statements: [])
        }
        return LoadResult(diagnostics: diagnostics, statements: statements)
    }

    /// Loads one file (or `bundled:NAME`) and records it for `:reload` and `:save`.
    public func load(path: String) -> LoadResult {
        let result = loadFile(path, requestedAt: nil)
        if result.accepted { sources.append(LoadedSource(origin: .file(path: path))) }
        return result
    }

    /// Loads typed or piped text; recorded when it added clauses or declarations.
    public func load(_ file: SourceFile) -> LoadResult {
        let clausesBefore = program.clauses.count
        let declarationsBefore = program.declarationCount
        let result = integrate(file)
        if result.accepted, program.clauses.count != clausesBefore || program.declarationCount != declarationsBefore {
            sources.append(LoadedSource(origin: .text(file)))
        }
        return result
    }

    private func loadFile(_ path: String, requestedAt span: SourceSpan?) -> LoadResult {
        guard !FileReading.isDirectory(path), let bytes = FileReading.read(path) else {
            let reason = FileReading.isDirectory(path) ? "is a directory" : "no such file or not readable"
            return .failure("cannot read '\(FileReading.displayPath(path))': \(reason)", at: span)
        }
        return integrate(SourceFile(path: FileReading.displayPath(path), bytes: bytes))
    }

    /// `:load` lines of a file are imports: they load before the file's own
    /// clauses, with paths relative to the file.
    private func loadImports(of file: SourceFile, _ statements: [Statement]) -> LoadResult {
        var diagnostics: [Diagnostic] = []
        var runnable: [Statement] = []
        for case .command(let call) in statements where call.name == "load" {
            if call.arguments.isEmpty {
                diagnostics.append(.error("':load' needs at least one file name", at: call.span))
            }
            for argument in call.arguments {
                let path = FileReading.resolve(argument, relativeTo: file.path)
                if let index = importStack.firstIndex(of: FileReading.displayPath(path)) {
                    let cycle = importStack[index...] + [FileReading.displayPath(path)]
                    diagnostics.append(.error("':load' cycle: \(cycle.joined(separator: " loads "))", at: call.span))
                    continue
                }
                guard importStack.count < Session.maxImportDepth else {
                    diagnostics.append(.error("':load' lines nest more than \(Session.maxImportDepth) files deep", at: call.span))
                    continue
                }
                let result = loadFile(path, requestedAt: call.span)
                diagnostics += result.diagnostics
                runnable += result.statements
            }
        }
        return LoadResult(diagnostics: diagnostics, statements: runnable)
    }

    /// Parses, loads imports, reads `.input` files and checks the program
    /// with this source added; commits only when no error was found.
    private func integrate(_ file: SourceFile) -> LoadResult {
        let before = state
        importStack.append(file.path)
        defer { importStack.removeLast() }
        let (statements, syntaxDiagnostics) = Parser.parse(file)
        let imports = loadImports(of: file, statements)
        var candidate = program
        candidate.files.append(file)
        var newFiles: Set<ObjectIdentifier> = [ObjectIdentifier(file)]
        var runnable: [Statement] = imports.statements
        var diagnostics = syntaxDiagnostics + imports.diagnostics
        for statement in statements {
            switch statement {
            case .clause(let clause): candidate.clauses.append(clause)
            case .declaration(let declaration): candidate.add(declaration)
            case .command(let call) where call.name == "load": break
            default: runnable.append(statement)
            }
        }
        for statement in statements {
            guard case .declaration(.input(let name, _, let span)) = statement else { continue }
            guard let input = candidate.inputs.first(where: { $0.span == span }),
                  let declaration = candidate.relations[name] else { continue }
            let (facts, csvDiagnostics) = CSVInput.load(input, declaration: declaration, relativeTo: file.path)
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
        guard !sorted.hasErrors else {
            state = before
            return LoadResult(diagnostics: sorted, statements: [])
        }
        // Statements alone (a query, a command) leave the program and the model as they were.
        let addsToProgram = statements.contains {
            switch $0 {
            case .clause, .declaration: return true
            default: return false
            }
        }
        guard addsToProgram || program.files.count != before.program.files.count else {
            return LoadResult(diagnostics: sorted, statements: runnable)
        }
        program = candidate
        analysis = newAnalysis
        forgetModel()
        version += 1
        return LoadResult(diagnostics: sorted, statements: runnable)
    }

    /// Reads every loaded file again and rebuilds the program in the same
    /// order; all-or-nothing. Returns the files whose text changed.
    public func reload() -> (result: LoadResult, changed: [String]) {
        let fresh = Session(today: today)
        fresh.limits = limits
        var diagnostics: [Diagnostic] = []
        for source in sources {
            switch source.origin {
            case .file(let path): diagnostics += fresh.load(path: path).diagnostics
            case .text(let file): diagnostics += fresh.load(file).diagnostics
            }
        }
        guard !diagnostics.hasErrors else { return (LoadResult(diagnostics: diagnostics, statements: []), []) }
        var old: [String: [UInt8]] = [:]
        for file in program.files { old[file.path] = file.bytes }
        let changed = fresh.program.files.filter { old[$0.path] != $0.bytes }.map(\.path)
        program = fresh.program
        analysis = fresh.analysis
        sources = fresh.sources
        forgetModel()
        if !changed.isEmpty { version += 1 }
        return (LoadResult(diagnostics: diagnostics, statements: []), changed)
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
            evaluationCount += 1
            return model
        } catch {
            // Interruptions are not remembered: asking again may succeed.
            if !error.isInterruption { cachedFailure = error }
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
