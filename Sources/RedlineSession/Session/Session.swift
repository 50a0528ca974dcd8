import RedlineLanguage
import RedlineEngine
/// What a user works with: the loaded program, the evaluation date and the
/// model they imply, and the steps `:undo` can revert. Loading is
/// all-or-nothing; the model is evaluated lazily and kept until the program
/// or the date changes.
package final class Session {
    /// What the engine evaluates: `written` with its defeasible rules
    /// translated into stratified Datalog (`DefeasibleLogic`); the same
    /// program when it has none.
    package private(set) var program = Program() { didSet { programGeneration += 1 } }
    /// The program as the user wrote it: for listings, counts and completion.
    package private(set) var written = Program()
    /// Counts every change of the program, undo and restore included, and
    /// never goes back: statements checked at one generation need no check
    /// while it lasts (`LoadResult.checkedAt`).
    private(set) var programGeneration = 0
    package private(set) var analysis = ProgramAnalysis.empty
    /// The clock's date, or the one given with `--today` or `:at`.
    package private(set) var today: Value
    /// Whether `today` was given (`--today`, `:at`); otherwise a `.today` of the knowledge wins over the clock.
    package private(set) var todayIsExplicit: Bool
    package var limits = EvaluationLimits() { didSet { forgetModel() } }
    /// `what if` extends the current model when it only adds facts; off, it
    /// always evaluates from scratch (to compare the two, in tests and benchmarks).
    package var incrementalWorlds = true
    /// Every world a statement builds is checked against its evaluation
    /// from scratch (`WorldVerification.swift`); on with `REDLINE_VERIFY_WORLDS=1`.
    package var verifyWorlds = Session.verifyWorldsFromEnvironment
    /// `--allow-input-anywhere`: files may name (`.input`, `:load`) files outside their own directory.
    package var allowFilesAnywhere = false
    /// What the user loaded, in order, for `:reload` and `:save`.
    package private(set) var sources: [LoadedSource] = []
    /// Named worlds, in the order they were first defined.
    package internal(set) var scenarios: [Scenario] = []
    /// The current world: a scenario (or "baseline") plus assumptions.
    package internal(set) var worldName = "baseline"
    package internal(set) var assumptions: [Intervention] = []
    private(set) var cachedModel: Model?
    /// An evaluation error is reported once; later statements refer to it.
    private var cachedFailure: EvaluationError?
    /// Bumped by every change `:undo` can revert.
    private var version = 0
    private var undoSteps: [(label: String, state: State)] = []
    package static let undoDepth = 100
    /// Files being loaded through `:load` lines, innermost last, to report import cycles.
    private var importStack: [String] = []
    /// Files read by the load in progress: a file named by several `:load`
    /// lines is loaded once (the imports are a set, not a tree, so a fan-out
    /// of `:load` lines cannot load one file 2^depth times).
    private var loadedThisLoad: Set<String> = []
    /// The CSV files read for each relation in the load under way: thirty
    /// `.input` lines naming one file read it once (its rows are a set anyway).
    private var inputsThisLoad: Set<[String]> = []
    static let maxImportDepth = 32

    /// Figures from the most recent evaluation, for `--stats` and timing.
    package private(set) var lastEvaluation: EvaluationStatistics?
    /// How many evaluations ran, so a caller can tell whether a statement evaluated.
    package private(set) var evaluationCount = 0
    /// Every evaluation's time and tuples (those it loaded or derived, not
    /// those a model at hand lent it) added up, so a caller can tell what a
    /// statement spent evaluating the program apart from its own work.
    package private(set) var evaluationSeconds = 0.0, evaluationTuples = 0
    /// Sources parsed and statements checked: an entry is parsed once and
    /// its statements checked once, which the tests hold it to.
    package private(set) var parseCount = 0, statementCheckCount = 0
    /// Why a `:command` may not stand in a loaded file (`:save`, `:export`
    /// outside a script of `redline run`, ...), as the console that runs
    /// commands says; such a file is refused whole, as for any error.
    package var commandRefusalInFiles: ((CommandCall) -> String?)?
    /// The constants each column holds, shared by the checks of one load's
    /// statements, and by the checks at run time while the program stays.
    private var checkDomains: ColumnDomains?
    private var runDomains: (generation: Int, domains: ColumnDomains)?
    /// The days the last timeline evaluated (the others carried the day before's answer).
    package internal(set) var lastTimelineDaysEvaluated = 0

    /// The model of the current world before its date or world changed,
    /// with the program version it is of: while the program stands, it lends
    /// the next model what the change cannot reach (`:at` on a program
    /// where little reads the date evaluates only that little).
    private var formerModel: (generation: Int, model: Model)?
    var cachedModelGeneration = -1

    /// The former model, when it is of the program as it stands.
    var formerLender: Model? {
        incrementalWorlds ? formerModel.flatMap { $0.generation == programGeneration ? $0.model : nil } : nil
    }

    private func forgetModel() {
        if let cachedModel {
            formerModel = (cachedModelGeneration, cachedModel)
        } else if let cachedCone {
            formerModel = (cachedModelGeneration, cachedCone.model)
        }
        cachedModel = nil
        cachedFailure = nil
        cachedCone = nil
    }

    /// The current world evaluated for part of the program only: what the
    /// questions asked so far depend on (see `model(answering:)`).
    var cachedCone: (keys: Set<PredicateKey>, model: Model)?
    /// A model of the current program and world already at hand, whose
    /// loaded facts a goal-directed evaluation may borrow.
    var modelAtHand: Model? { incrementalWorlds ? cachedModel ?? cachedCone?.model : nil }

    package init(today: Value, explicit: Bool = true) {
        self.today = today
        self.todayIsExplicit = explicit
    }

    /// The date the baseline is evaluated at.
    package var baselineDate: Value {
        todayIsExplicit ? today : program.storyDate ?? today
    }

    /// The model if it is already evaluated; never starts an evaluation.
    package var evaluatedModel: Model? { cachedModel }

    // MARK: - Undo

    private struct State {
        let written: Program
        let program: Program
        let analysis: ProgramAnalysis
        let today: Value
        let todayIsExplicit: Bool
        let sources: [LoadedSource]
        let scenarios: [Scenario]
        let worldName: String
        let assumptions: [Intervention]
        let model: Model?
        let failure: EvaluationError?
        let version: Int
    }

    private var state: State {
        get {
            State(written: written, program: program, analysis: analysis, today: today, todayIsExplicit: todayIsExplicit, sources: sources, scenarios: scenarios,
                  worldName: worldName, assumptions: assumptions, model: cachedModel, failure: cachedFailure, version: version)
        }
        set {
            written = newValue.written
            program = newValue.program
            analysis = newValue.analysis
            today = newValue.today
            todayIsExplicit = newValue.todayIsExplicit
            sources = newValue.sources
            scenarios = newValue.scenarios
            worldName = newValue.worldName
            assumptions = newValue.assumptions
            cachedModel = newValue.model
            cachedCone = nil
            cachedFailure = newValue.failure
            version = newValue.version
        }
    }

    /// Runs `change`; when it changed the session, `undo()` reverts it as one step.
    package func undoable<T>(_ label: String, _ change: () -> T) -> T {
        let before = state
        let result = change()
        if version != before.version {
            undoSteps.append((label, before))
            if undoSteps.count > Session.undoDepth { undoSteps.removeFirst() }
        }
        return result
    }

    /// Runs `body` and then puts the session back as it was before: program,
    /// scenarios, date and world. `redline run` runs each script so, so that
    /// no script sees another's clauses, scenarios, date or world.
    package func isolated<T>(_ body: () -> T) -> T {
        let before = state
        defer { state = before }
        return body()
    }

    /// Reverts the last undoable step and returns its label, or nil when there is none.
    package func undo() -> String? {
        guard let step = undoSteps.popLast() else { return nil }
        state = step.state
        return step.label
    }

    package var undoLabels: [String] { undoSteps.map(\.label) }

    /// Forgets every loaded file, statement and scenario; the date stays.
    package func reset() {
        written = Program()
        program = Program()
        analysis = .empty
        sources = []
        scenarios = []
        worldName = "baseline"
        assumptions = []
        forgetModel()
        version += 1
    }

    package func setToday(_ date: Value) {
        guard date != today || !todayIsExplicit else { return }
        today = date
        todayIsExplicit = true
        forgetModel()
        version += 1
    }

    // MARK: - Loading

    /// The outcome of loading: diagnostics and, when accepted, the
    /// statements (other than clauses and declarations) to run.
    package struct LoadResult {
        package let diagnostics: [Diagnostic]
        package let statements: [Statement]
        /// The program generation the statements were checked against;
        /// `execute` checks them again only if the program changed since.
        package var checkedAt: Int? = nil
        package var accepted: Bool { !diagnostics.hasErrors }

        static func failure(_ message: String, at span: SourceSpan?) -> LoadResult {
            LoadResult(diagnostics: [.error(message, at: span)], statements: [])
        }
    }

    /// Why the load under way must stop, once it must: Ctrl-C, `--timeout`
    /// or `--max-memory`. Each stage of loading polls the limits every few
    /// thousand items (so a small entry never polls) and ends when this is set.
    private var loadStop: EvaluationLimits.Stop?
    private var loadBudgetArmed = false

    private func loadMustStop() -> Bool {
        if loadStop == nil { loadStop = limits.stop() }
        return loadStop != nil
    }

    /// A load runs under the limits of a statement: one budget for all the
    /// files it reads, and when it is spent nothing of the load stays.
    private func withinLoadBudget(_ load: () -> LoadResult) -> LoadResult {
        guard !loadBudgetArmed else { return load() }
        let before = state
        loadBudgetArmed = true
        loadStop = nil
        limits.deadline.arm(limits.timeout)
        defer {
            loadBudgetArmed = false
            limits.deadline.disarm()
        }
        let result = load()
        guard let stop = loadStop else { return result }
        state = before
        let named = loadStopNamed ?? "the input"
        return .failure("loading \(named) \(stop.reason); nothing of it was loaded", at: nil)
    }
    /// The file being read when the load stopped, for the message.
    private var loadStopNamed: String?

    private func noteReading(_ path: String) {
        if loadStop == nil { loadStopNamed = "'\(path)'" }
    }

    /// Loads files as one set: when any has an error, none stays loaded.
    /// Every file is still read, so all errors are reported at once.
    package func load(paths: [String]) -> LoadResult {
        withinLoadBudget { loadAll(paths) }
    }

    private func loadAll(_ paths: [String]) -> LoadResult {
        let before = state
        var diagnostics: [Diagnostic] = []
        var statements: [Statement] = []
        var checkedAt: Int?
        for path in paths where loadStop == nil {
            let result = load(path: path)
            diagnostics += result.diagnostics
            statements += result.statements
            checkedAt = result.checkedAt
        }
        guard !diagnostics.hasErrors else {
            state = before
            return LoadResult(diagnostics: diagnostics, statements: [])
        }
        // Statements of earlier files were checked before later files loaded.
        return LoadResult(diagnostics: diagnostics, statements: statements, checkedAt: paths.count == 1 ? checkedAt : nil)
    }

    /// Loads one file (or `bundled:NAME`) and records it for `:reload` and `:save`.
    package func load(path: String) -> LoadResult {
        withinLoadBudget {
            let again = isLoaded(path)
            let result = loadFile(path, requestedAt: nil)
            if result.accepted && !again { sources.append(LoadedSource(origin: .file(path: path))) }
            return result
        }
    }

    /// Whether a file of this path is in the program already.
    private func isLoaded(_ path: String) -> Bool {
        let wanted = Session.absolute(FileReading.displayPath(path))
        return program.files.contains { $0.path == wanted || Session.absolute($0.path) == wanted }
    }

    /// Loads typed or piped text; recorded when it added clauses or declarations.
    /// Parses an entry under the budget of a load, so that the console can
    /// see what it holds and hand the same parse to `load(_:parsed:)`. A
    /// parse that had to stop holds that error and nothing else.
    package func parse(_ file: SourceFile) -> ParsedSource {
        var parsed: ParsedSource?
        let stopped = withinLoadBudget {
            noteReading(file.path)
            parseCount += 1
            parsed = Parser.parse(file, isCancelled: loadMustStop)
            return LoadResult(diagnostics: [], statements: [])
        }
        guard let parsed, stopped.diagnostics.isEmpty else {
            return ParsedSource(statements: [], facts: GroundFacts(file: file), diagnostics: stopped.diagnostics)
        }
        return parsed
    }

    package func load(_ file: SourceFile, parsed: ParsedSource? = nil) -> LoadResult {
        withinLoadBudget {
            let clausesBefore = written.clauses.count, factSetsBefore = written.facts.count
            let declarationsBefore = written.declarationCount, uncertainBefore = written.uncertain.count
            let result = integrate(file, parsed: parsed)
            if result.accepted, written.clauses.count != clausesBefore || written.facts.count != factSetsBefore
                || written.declarationCount != declarationsBefore || written.uncertain.count != uncertainBefore {
                sources.append(LoadedSource(origin: .text(file)))
            }
            return result
        }
    }

    private func loadFile(_ path: String, requestedAt span: SourceSpan?) -> LoadResult {
        // Loading a file twice doubled its rules in listings and ran its
        // expect lines twice; an edited file is read again by :reload.
        if isLoaded(path) {
            return LoadResult(diagnostics: [.warning("'\(FileReading.displayPath(path))' is loaded already; not loaded again (:reload reads every loaded file again)", at: span)],
                              statements: [])
        }
        switch FileReading.read(path) {
        case .success(let bytes): return integrate(SourceFile(path: FileReading.displayPath(path), bytes: bytes))
        case .failure(let failure): return .failure("cannot read '\(FileReading.displayPath(path))': \(failure.reason)", at: span)
        }
    }

    /// `:load` lines of a file are imports: they load before the file's own
    /// clauses, with paths relative to the file.
    private func loadImports(of file: SourceFile, _ statements: [Statement]) -> LoadResult {
        var diagnostics: [Diagnostic] = []
        var runnable: [Statement] = []
        for case .command(let call) in statements where call.name == "load" && loadStop == nil {
            if call.arguments.isEmpty {
                diagnostics.append(.error("':load' needs at least one file name", at: call.span))
            }
            for argument in call.arguments {
                let path = FileReading.resolve(argument, relativeTo: file.path)
                if !allowFilesAnywhere,
                   let refusal = FileReading.confinementFailure(written: argument, resolved: path, namedIn: file.path) {
                    diagnostics.append(.error("will not load '\(FileReading.displayPath(path))': \(refusal.reason)", at: call.span))
                    continue
                }
                if let index = importStack.firstIndex(of: FileReading.displayPath(path)) {
                    let cycle = importStack[index...] + [FileReading.displayPath(path)]
                    diagnostics.append(.error("':load' cycle: \(cycle.joined(separator: " loads "))", at: call.span))
                    continue
                }
                guard importStack.count < Session.maxImportDepth else {
                    diagnostics.append(.error("':load' lines nest more than \(Session.maxImportDepth) files deep", at: call.span))
                    continue
                }
                guard loadedThisLoad.insert(FileReading.displayPath(path)).inserted else { continue }
                let result = loadFile(path, requestedAt: call.span)
                diagnostics += result.diagnostics
                runnable += result.statements
            }
        }
        return LoadResult(diagnostics: diagnostics, statements: runnable)
    }

    /// Parses, loads imports, reads `.input` files and checks the program
    /// with this source added; commits only when no error was found.
    private func integrate(_ file: SourceFile, parsed preparsed: ParsedSource? = nil) -> LoadResult {
        let before = state
        if importStack.isEmpty { loadedThisLoad = [file.path]; inputsThisLoad = [] }
        importStack.append(file.path)
        defer { importStack.removeLast() }
        noteReading(file.path)
        if preparsed == nil { parseCount += 1 }
        let parsed = preparsed ?? Parser.parse(file, isCancelled: loadMustStop)
        guard loadStop == nil else { return LoadResult(diagnostics: [], statements: []) }
        let statements = parsed.statements
        let imports = loadImports(of: file, statements)
        var candidate = written
        candidate.files.append(file)
        if !parsed.facts.isEmpty { candidate.facts.append(parsed.facts) }
        var newFiles: Set<ObjectIdentifier> = [ObjectIdentifier(file)]
        var runnable: [Statement] = imports.statements
        var diagnostics = parsed.diagnostics + imports.diagnostics
        for statement in statements {
            switch statement {
            case .clause(let clause): candidate.clauses.append(clause)
            case .uncertain(let choice): candidate.uncertain.append(choice)
            case .declaration(let declaration): candidate.add(declaration)
            case .command(let call) where call.name == "load": break
            case .command(let call):
                if !FileReading.isTyped(file.path), let refusal = commandRefusalInFiles?(call) {
                    diagnostics.append(.error(refusal, at: call.span))
                }
                runnable.append(statement)
            default: runnable.append(statement)
            }
        }
        for statement in statements {
            guard case .declaration(.input(let name, _, _, let span)) = statement else { continue }
            guard let input = candidate.inputs.first(where: { $0.span == span }),
                  let declaration = candidate.relations[name] else { continue }
            let resolved = FileReading.resolve(input.path, relativeTo: file.path)
            guard inputsThisLoad.insert([name, FileReading.displayPath(resolved)]).inserted, loadStop == nil else { continue }
            noteReading(FileReading.displayPath(resolved))
            let (facts, csvDiagnostics) = CSVInput.load(input, declaration: declaration, relativeTo: file.path,
                                                       confined: !allowFilesAnywhere, isCancelled: loadMustStop)
            diagnostics += csvDiagnostics
            if let csv = facts?.file ?? csvDiagnostics.first?.span?.file {
                newFiles.insert(ObjectIdentifier(csv))
                candidate.files.append(csv)
            }
            if let facts, !facts.isEmpty { candidate.facts.append(facts) }
        }
        noteReading(file.path)
        guard loadStop == nil else { return LoadResult(diagnostics: [], statements: []) }
        let addsToProgram = !parsed.facts.isEmpty || statements.contains {
            switch $0 {
            case .clause, .declaration, .uncertain: return true
            default: return false
            }
        }
        // Statements alone are checked against the program as it stands.
        let programStands = !addsToProgram && written.files.count == before.written.files.count
        var (newAnalysis, checkDiagnostics) = programStands ? (analysis, []) : Checker.check(candidate, isCancelled: loadMustStop)
        guard loadStop == nil else { return LoadResult(diagnostics: [], statements: []) }
        // Defeasible rules are checked as written, then evaluated as translated.
        let (evaluable, translationDiagnostics) = programStands ? (program, []) : DefeasibleLogic.translate(candidate)
        checkDiagnostics += translationDiagnostics
        if !programStands, !evaluable.layered.isEmpty, !checkDiagnostics.hasErrors {
            let (translatedAnalysis, translatedDiagnostics) = Checker.analysis(ofTranslation: evaluable, written: newAnalysis)
            newAnalysis = translatedAnalysis
            checkDiagnostics += DefeasibleLogic.explainingLoops(translatedDiagnostics.filter(\.isError), in: candidate)
        }
        runnable = runnable.map { DefeasibleLogic.resolvingKinds($0, layered: evaluable.layered) }
        // Warnings about files loaded earlier were shown when they loaded.
        diagnostics += checkDiagnostics.filter { $0.isError || $0.span.map { newFiles.contains(ObjectIdentifier($0.file)) } ?? true }
        if !diagnostics.hasErrors {
            // One account of the columns for all the statements of the load.
            checkDomains = ColumnDomains(program: candidate)
            defer { checkDomains = nil }
            for (index, statement) in runnable.enumerated() {
                if index & 0x3FF == 0x3FF, loadMustStop() { return LoadResult(diagnostics: [], statements: []) }
                diagnostics += check(statement, in: candidate, analysis: newAnalysis)
            }
        }
        let sorted = diagnostics.sortedBySource()
        guard !sorted.hasErrors else {
            state = before
            return LoadResult(diagnostics: sorted, statements: [])
        }
        // Statements alone (a query, a command) leave the program and the model as they were.
        guard addsToProgram || written.files.count != before.written.files.count else {
            return LoadResult(diagnostics: sorted, statements: runnable, checkedAt: programGeneration)
        }
        written = candidate
        program = evaluable
        analysis = newAnalysis
        forgetModel()
        version += 1
        return LoadResult(diagnostics: sorted, statements: runnable, checkedAt: programGeneration)
    }

    /// Reads every loaded file again and rebuilds the program in the same
    /// order; all-or-nothing. Returns the files whose text changed, and as
    /// the result's statements, the files' `expect` lines to run again.
    package func reload() -> (result: LoadResult, changed: [String]) {
        let fresh = Session(today: today, explicit: todayIsExplicit)
        fresh.limits = limits
        fresh.allowFilesAnywhere = allowFilesAnywhere
        var diagnostics: [Diagnostic] = []
        var expectations: [Statement] = []
        for source in sources {
            let result: LoadResult
            switch source.origin {
            case .file(let path): result = fresh.load(path: path)
            case .text(let file): result = fresh.load(file)
            }
            diagnostics += result.diagnostics
            // The files' `expect` lines run again on the rebuilt session (an
            // edit that breaks one must say so), with the scenario, `use` and
            // `assume` lines they may depend on.
            expectations += result.statements.filter {
                switch $0 {
                case .expect, .scenario, .use, .assume: return true
                default: return false
                }
            }
        }
        guard !diagnostics.hasErrors else { return (LoadResult(diagnostics: diagnostics, statements: []), []) }
        var old: [String: [UInt8]] = [:]
        for file in program.files { old[file.path] = file.bytes }
        let changed = fresh.program.files.filter { old[$0.path] != $0.bytes }.map(\.path)
        written = fresh.written
        program = fresh.program
        analysis = fresh.analysis
        sources = fresh.sources
        scenarios = scenarios.filter { scenario in
            scenario.interventions.allSatisfy { checkIntervention($0, in: fresh.program, analysis: fresh.analysis).isEmpty }
        }
        forgetModel()
        if !changed.isEmpty { version += 1 }
        return (LoadResult(diagnostics: diagnostics, statements: expectations), changed)
    }

    /// The session's current world while a file's statements run in a world
    /// of the file's own; nil when no file's statements are running.
    private var worldOutsideFiles: (name: String, assumptions: [Intervention])?
    /// `:reload` runs the files' scenarios again: the user's own edit may
    /// redefine the scenario in use.
    private var reloadingFiles = false

    /// Runs a loaded file's statements in a world of the file's own: it
    /// starts as the baseline (a file's `expect` lines mean the same
    /// whichever world the session is in), the file's `use` and `assume`
    /// change it for the file's later statements, and when they end the
    /// session's current world is as before. Scenario definitions persist.
    package func inAWorldOfTheFilesOwn<T>(reloading: Bool = false, _ statements: () -> T) -> T {
        guard worldOutsideFiles == nil else { return statements() }
        worldOutsideFiles = (worldName, assumptions)
        reloadingFiles = reloading
        defer { reloadingFiles = false }
        let versionBefore = version
        let leftTheWorld = worldName != "baseline" || !assumptions.isEmpty
        if leftTheWorld {
            worldName = "baseline"
            assumptions = []
            forgetModel()
        }
        defer {
            if let outside = worldOutsideFiles {
                worldName = outside.name
                assumptions = outside.assumptions
            }
            worldOutsideFiles = nil
            if leftTheWorld || version != versionBefore { forgetModel() }
        }
        return statements()
    }

    /// Marks a change to the worlds: `:undo` can revert it, the model is stale.
    func worldsChanged() {
        forgetModel()
        version += 1
    }

    /// The interventions of the current world: its scenario's, then the assumptions.
    package var currentInterventions: [Intervention] {
        (scenario(named: worldName)?.interventions ?? []) + assumptions
    }

    /// The date of the current world: its scenario's, else the session's.
    package var currentDate: Value { scenario(named: worldName)?.date ?? baselineDate }

    /// The model of the current world.
    package func model() throws(EvaluationError) -> Model {
        if let cachedModel { return cachedModel }
        if cachedFailure != nil {
            throw EvaluationError("not answered: the program could not be evaluated (see the error above)", at: nil)
        }
        do {
            let model = try timedEvaluation(cone: nil, reusing: formerLender)
            if let lender = formerLender { try verify(model, interventions: currentInterventions, date: currentDate, base: lender, span: nil) }
            formerModel = nil
            cachedModel = model
            cachedModelGeneration = programGeneration
            cachedCone = nil
            return model
        } catch {
            // Interruptions are not remembered: asking again may succeed.
            if !error.isInterruption { cachedFailure = error }
            throw error
        }
    }

    func timedEvaluation(of program: Program? = nil, analysis: ProgramAnalysis? = nil,
                         cone: Set<PredicateKey>?, reusing lender: Model? = nil,
                         borrowingFactsFrom factLender: Model? = nil) throws(EvaluationError) -> Model {
        let clock = ContinuousClock()
        let start = clock.now
        let model = try Evaluator.evaluate(program ?? self.program, analysis: analysis ?? self.analysis, today: currentDate, limits: limits,
                                           interventions: InterventionSet(currentInterventions, in: program ?? self.program), cone: cone,
                                           reusing: lender, borrowingFactsFrom: factLender)
        let elapsed = clock.now - start
        lastEvaluation = EvaluationStatistics(
            tuples: model.tupleCount, memoryBytes: model.memoryFootprint,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        evaluationCount += 1
        evaluationSeconds += lastEvaluation!.seconds
        evaluationTuples += model.evaluatedTupleCount
        return model
    }

    /// An intervention names a known relation; one that forces an atom true has no variables.
    func checkIntervention(_ intervention: Intervention, in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        if intervention.atom.arity == 2, ComparisonOperator.stringTestNames.contains(intervention.atom.predicate) {
            return [.error("'\(intervention.atom.predicate)/2' is a built-in string test; an intervention cannot change it", at: intervention.span)]
        }
        var diagnostics = Checker.checkAtom(intervention.atom, in: program, analysis: analysis).filter(\.isError)
        if intervention.atom.args.contains(where: \.containsArithmetic) {
            diagnostics.append(.error("an intervention cannot contain arithmetic; write the value", at: intervention.span))
        } else if !intervention.isNegated, intervention.atom.groundFact == nil {
            diagnostics.append(.error("an intervention that makes an atom true needs every argument written out; '\(intervention.atom.span.text)' has a variable",
                                      at: intervention.span, notes: [.init("'not' with variables or '_' retracts every matching atom")]))
        }
        guard diagnostics.isEmpty else { return diagnostics }
        let undefined = Checker.undefinedWarnings([intervention.atom], in: program, analysis: analysis)
        if let first = undefined.first {
            // A relation the program never names: a typo, and the world would
            // silently be the current one. (Forcing a fact into a relation
            // that rules read but nothing fills yet is a fair question.)
            if analysis.arities[intervention.atom.predicate] == nil {
                return [.error("no fact, rule, declaration or lever defines '\(intervention.atom.key)'; the intervention would change nothing",
                               at: first.span, notes: first.notes)]
            }
            // Retracting from a relation that is always empty changes nothing.
            if intervention.isNegated { return undefined }
        }
        return unknownConstantWarnings(intervention.atom, in: program)
    }

    /// A warning for each constant of an intervention that never appears in
    /// its column (see `ColumnDomains`), with the closest one that does.
    func unknownConstantWarnings(_ atom: Atom, in program: Program) -> [Diagnostic] {
        var domains = checkDomains ?? ColumnDomains(program: program)
        defer { if checkDomains != nil { checkDomains = domains } }
        var warnings: [Diagnostic] = []
        for (column, term) in atom.args.enumerated() {
            // Names are what people mistype; a new amount or date is a fair what-if.
            guard case .constant(let value, let span) = term, value.isSymbolOrString,
                  let held = domains.values(of: atom.key, column: column),
                  let read = domains.valuesRead(of: atom.key, column: column),
                  !held.contains(value), !read.contains(value) else { continue }
            // Only now the union, for the suggestion: columns can hold 200,000 values.
            var known = held.union(read)
            // A rule's label is a value of superior/2 before any priority names it.
            if atom.key == PredicateKey(name: DefeasibleNames.superior, arity: 2) {
                known.formUnion(written.clauses.compactMap { $0.label.map(Value.symbol) })
            }
            // A lever nobody has pulled yet: the constants its column may take.
            if known.isEmpty { known.formUnion(constants(for: atom.key, column: column, in: program)) }
            guard !known.isEmpty, !known.contains(value) else { continue }
            var notes: [Diagnostic.Note] = []
            if known.count <= 20_000, let near = Suggestions.closest(to: value.description, in: known.map(\.description)) {
                notes.append(.init("did you mean '\(near)'?"))
            }
            warnings.append(.warning("'\(value)' is not a value \(atom.key) holds or is read with in column \(column + 1): a new one, or a typo?",
                                     at: span, notes: notes))
        }
        return warnings
    }

    func check(_ statement: Statement, in program: Program, analysis: ProgramAnalysis) -> [Diagnostic] {
        statementCheckCount += 1
        func interventions(_ list: [Intervention]) -> [Diagnostic] {
            list.flatMap { checkIntervention($0, in: program, analysis: analysis) }
        }
        switch statement {
        case .query(let body, let shape, _):
            let named = Set(body.flatMap(Checker.variables(of:)).map(\.name))
            let unknown = shape.order.filter { !named.contains($0.column) }.map { key in
                Diagnostic.error("'order by \(key.column)': \(key.column) is not a variable of the query", at: key.span)
            }
            return Checker.checkBody(body, in: program, analysis: analysis) + unknown
        case .expect(.holds(let body), _), .expect(.count(let body, _, _), _):
            return Checker.checkBody(body, in: program, analysis: analysis)
        case .expect(.near(let atom, _), _):
            return Checker.checkBody([.positive(atom)], in: program, analysis: analysis)
        case .expect(.fails(let atom), _), .why(let atom, _), .whyNot(let atom, _), .flip(let atom, _),
             .matters(let atom, _):
            var diagnostics = Checker.checkAtom(atom, in: program, analysis: analysis)
            // `expect not p(X)` may have variables; the explanations and flips need one fact.
            var needsFact = true
            if case .expect = statement { needsFact = false }
            if case .why = statement { needsFact = false }
            if needsFact && atom.groundFact == nil {
                diagnostics.append(.error("'\(statement.keyword)' needs an atom without variables, such as \(atom.predicate)(a)", at: atom.span))
            }
            if case .flip = statement { diagnostics += Checker.undefinedWarnings([atom], in: program, analysis: analysis) }
            if case .matters = statement { diagnostics += Checker.undefinedWarnings([atom], in: program, analysis: analysis) }
            return diagnostics
        case .timeline(let atom, let from, let to, _):
            var diagnostics = Checker.checkAtom(atom, in: program, analysis: analysis)
            if atom.args.contains(where: \.containsArithmetic) {
                diagnostics.append(.error("'timeline' needs an atom of constants and variables, without arithmetic", at: atom.span))
            }
            for bound in [from, to] {
                if case .date? = bound.groundValue {} else {
                    diagnostics.append(.error("'timeline' needs dates written YYYY-MM-DD after 'from' and 'to'", at: bound.span))
                }
            }
            return diagnostics
        case .whatIf(let list, _, let query, _):
            return interventions(list) + (query.map { Checker.checkBody($0, in: program, analysis: analysis) } ?? [])
        case .scenario(let name, let list, _, let span):
            var diagnostics = interventions(list)
            if name == "baseline" { diagnostics.append(.error("'baseline' is the world without interventions; pick another name", at: span)) }
            if name == "all" || name == "by" {
                diagnostics.append(.error("'\(name)' has a meaning in 'compare' (compare all. / compare a, b by exposure.); pick another name", at: span))
            }
            return diagnostics
        case .assume(let list, _):
            return interventions(list)
        case .likelihood(let question):
            var diagnostics = Checker.checkBody(question.body, in: program, analysis: analysis) + interventions(question.interventions ?? [])
            for case .positive(let atom) in question.body { diagnostics += unknownConstantWarnings(atom, in: program) }
            for evidence in question.given { diagnostics += unknownConstantWarnings(evidence.atom, in: program) }
            for evidence in question.given {
                diagnostics += Checker.checkAtom(evidence.atom, in: program, analysis: analysis)
                if evidence.atom.groundFact == nil {
                    diagnostics.append(.error("'given' needs a fact without variables, such as \(evidence.atom.predicate)(a)", at: evidence.atom.span))
                }
            }
            diagnostics += Checker.undefinedWarnings(question.given.map(\.atom), in: program, analysis: analysis)
            switch question.kind {
            case .answers: break
            case .movers, .proofs, .timeline:
                if case .positive(let atom) = question.body.first, atom.groundFact == nil {
                    diagnostics.append(.error("'\(statement.keyword)' needs an atom without variables, such as \(atom.predicate)(a)", at: atom.span))
                }
            }
            if case .timeline(let from, let to) = question.kind {
                for bound in [from, to] {
                    if case .date? = bound.groundValue {} else {
                        diagnostics.append(.error("'timeline' needs dates written YYYY-MM-DD after 'from' and 'to'", at: bound.span))
                    }
                }
            }
            return diagnostics
        default:
            return []
        }
    }

    /// Runs one statement that is not a clause or declaration. Its warnings
    /// were reported when its source loaded; only errors are repeated here.
    package func execute(_ statement: Statement, checkedAt: Int? = nil) -> StatementOutcome {
        limits.deadline.arm(limits.timeout)
        defer { limits.deadline.disarm() }
        var diagnostics: [Diagnostic] = []
        if checkedAt != programGeneration {
            if runDomains?.generation != programGeneration { runDomains = (programGeneration, ColumnDomains(program: written)) }
            checkDomains = runDomains!.domains
            diagnostics = check(statement, in: program, analysis: analysis).filter(\.isError)
            runDomains!.domains = checkDomains!
            checkDomains = nil
        }
        guard !diagnostics.hasErrors else { return StatementOutcome(statement: statement, diagnostics: diagnostics, result: nil) }
        do {
            return StatementOutcome(statement: statement, diagnostics: [], result: try run(statement))
        } catch {
            // An error without a place (a time limit, Ctrl-C) is reported at
            // the statement it stopped: among several, which one.
            let diagnostic = error.span == nil ? Diagnostic.error(error.message, at: statement.span) : error.diagnostic
            return StatementOutcome(statement: statement, diagnostics: [diagnostic], result: nil)
        }
    }

    private func run(_ statement: Statement) throws(EvaluationError) -> StatementResult {
        switch statement {
        case .query(let body, let shape, _):
            let answer = try answer(body)
            var shaped = try withKinds(answer, of: body) { (body) throws(EvaluationError) in try self.answer(body) }.shaped(shape)
            shaped.note = uncertainFactsLeftOut(by: body)
            return .answer(shaped)
        case .whatIf(let interventions, let date, let query, _):
            return try whatIf(interventions, at: date, query: query)
        case .scenario(let name, let interventions, let date, let span):
            let scenario = Scenario(name: name, interventions: interventions, date: date, span: span)
            let redefined = self.scenario(named: name) != nil
            // The world the user is in does not change under them.
            if let outside = worldOutsideFiles, outside.name == name, !reloadingFiles {
                throw EvaluationError("scenario \(name) is the session's current world; a file may not redefine it (name it otherwise, or 'use baseline.' at the prompt first)", at: span)
            }
            if let index = scenarios.firstIndex(where: { $0.name == name }) {
                scenarios[index] = scenario
            } else {
                scenarios.append(scenario)
            }
            worldsChanged()
            let dated = date.map { " at \($0)" } ?? ""
            return .note("scenario \(name)\(redefined ? " redefined" : ""): \(count(interventions.count, "intervention"))\(dated)")
        case .use(let name, let span):
            guard name == "baseline" || scenario(named: name) != nil else {
                throw EvaluationError(unknownScenarioMessage(name), at: span)
            }
            worldName = name
            assumptions = []
            worldsChanged()
            return .note("the current world is \(name)")
        case .assume(let interventions, _):
            assumptions += interventions
            worldsChanged()
            return .note("the current world is \(worldDescription)")
        case .compare(let names, let all, let by, let likelihoods, let span):
            // `compare all.`: every scenario.
            let worlds = names.isEmpty ? scenarios.map(\.name) : names
            if let by { return .answer(try rank(worlds, by: by, span: span)) }
            if likelihoods { return .answer(try compareLikelihoods(worlds, all: all, span: span)) }
            return try compare(worlds, all: all, span: span)
        case .expect(let expectation, _):
            return .expectation(try check(expectation, text: statement.span.text))
        case .why(let atom, _):
            let model = try model(answering: [atom.key])
            if let fact = atom.groundFact { return .explanation(model.explain(fact)) }
            // With variables: each match, the first few of them.
            let named = Planner.namingAnonymous([.positive(atom)], prefix: "Any#")
            guard case .positive(let namedAtom) = named[0] else { return .explanations([], matches: 0) }
            let matches = try model.query(named)
            var facts: [Fact] = []
            for row in matches.rows {
                var bindings = Bindings()
                for (column, value) in zip(matches.columns, row) { bindings[column] = value }
                if let fact = namedAtom.substituting(bindings).groundFact { facts.append(fact) }
            }
            return .explanations(facts.prefix(Session.whyMatchesShown).map(model.explain), matches: facts.count)
        case .whyNot(let atom, _):
            return .absence(try model(answering: [atom.key]).explainAbsence(atom.groundFact!))
        case .flip(let atom, let span):
            return .flips(try flips(of: atom.groundFact!, span: span))
        case .matters(let atom, let span):
            return .responsibility(try responsibility(of: atom.groundFact!, span: span))
        case .timeline(let atom, let from, let to, let span):
            guard let fact = atom.groundFact else {
                return .answer(try timeline(of: atom, from: from.groundValue!, to: to.groundValue!, span: span))
            }
            return .timeline(try timeline(of: fact, from: from.groundValue!, to: to.groundValue!, span: span))
        case .likelihood(let question):
            return try likelihood(question)
        case .clause, .uncertain, .declaration, .command:
            return .note("")
        }
    }

    /// How many matches `why p(X).` explains before it counts the rest.
    static let whyMatchesShown = 3

    /// `baseline`, `comply`, `comply + 2 assumptions`.
    package var worldDescription: String {
        assumptions.isEmpty ? worldName : "\(worldName) + \(count(assumptions.count, "assumption"))"
    }
}

package enum StatementResult: Sendable {
    case answer(QueryAnswer)
    /// A change to the session's worlds, in one line.
    case note(String)
    case whatIf(WorldDiff)
    case comparison(Comparison)
    case explanation(Explanation)
    /// `why p(X, T).`: the first matches explained, and how many matched.
    case explanations([Explanation], matches: Int)
    case absence(Absence)
    case flips(FlipReport)
    case responsibility(ResponsibilityReport)
    case timeline(Timeline)
    case expectation(ExpectationResult)
}

package struct StatementOutcome: Sendable {
    package let statement: Statement
    package let diagnostics: [Diagnostic]
    package let result: StatementResult?

    /// How the statement is repeated above its answer: `?- q(X).`, `what if p ?- q(X).`
    package var echoText: String {
        if case .query = statement { return "?- \(bodyText)." }
        return SourceText.oneLine(statement.span.text)
    }

    /// The statement's source text without its keyword and final '.'.
    package var bodyText: String {
        switch statement {
        case .query(let body, let shape, let span):
            guard let first = body.first, let last = body.last else { return "" }
            // With `order by` or `limit`, they are part of what is echoed.
            guard !shape.isPlain else { return first.span.to(last.span).text }
            var text = SourceText.oneLine(SourceSpan(file: span.file, start: first.span.start, end: span.end).text)
            if text.hasSuffix(".") { text.removeLast() }
            return text
        default:
            var text = statement.span.text
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
    }
}

package struct EvaluationStatistics: Sendable {
    package let tuples: Int
    package let memoryBytes: Int
    package let seconds: Double

    package var summary: String {
        let milliseconds = (seconds * 10000).rounded() / 10
        return "evaluated \(tuples) tuples in \(milliseconds) ms; relations hold \(memoryBytes / 1024) KiB"
    }
}
