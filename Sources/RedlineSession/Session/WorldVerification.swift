import RedlineLanguage
import RedlineEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The verifying mode (`REDLINE_VERIFY_WORLDS=1`, `:set verify-worlds on`):
/// every world a statement builds (in place, by lending, on a cone) is
/// evaluated a second time from scratch, the simple path that is its
/// oracle, and a difference stops the statement with an internal error
/// that shows both. The test suite, the golden runs and the evaluator
/// fuzzer run with it on.
extension Session {
    /// The first words of the error a difference raises, for tools that look for it (the fuzzer).
    package static let worldMismatch = "internal error: a world differs from its evaluation from scratch"
    static let shownPerList = 12

    /// Whether the environment asks for the verifying mode.
    static var verifyWorldsFromEnvironment: Bool {
        guard let value = getenv("REDLINE_VERIFY_WORLDS") else { return false }
        return ["1", "on", "yes", "true"].contains(String(cString: value).lowercased())
    }

    /// Throws the internal error when `world`, the world of `interventions`
    /// at `date` (on `cone` alone when given), does not hold exactly the
    /// facts its evaluation from scratch holds. `base` is the model the
    /// statement compares with, for the two diffs the error shows.
    func verify(_ world: Model, interventions: [Intervention], date: Value, cone: Set<PredicateKey>? = nil,
                base: Model?, span: SourceSpan?) throws(EvaluationError) {
        guard verifyWorlds else { return }
        let scratch = try Evaluator.evaluate(program, analysis: analysis, today: date, limits: limits,
                                             interventions: InterventionSet(interventions, in: program), cone: cone)
        var onlyBuilt: [Fact] = [], onlyScratch: [Fact] = []
        var builtDiff: [String] = [], scratchDiff: [String] = []
        for key in Set(world.relationKeys).union(scratch.relationKeys).sorted() where !key.name.hasPrefix("$") {
            let built = Set(world.facts(of: key)), fresh = Set(scratch.facts(of: key))
            guard built != fresh else { continue }
            onlyBuilt += built.subtracting(fresh).sorted(by: Fact.order)
            onlyScratch += fresh.subtracting(built).sorted(by: Fact.order)
        }
        guard !onlyBuilt.isEmpty || !onlyScratch.isEmpty else { return }
        if let base {
            for (model, lines) in [(world, 0), (scratch, 1)] {
                var diff: [String] = []
                for key in Set(model.relationKeys).union(base.relationKeys).sorted() where !key.name.hasPrefix("$") {
                    let after = Set(model.facts(of: key)), before = Set(base.facts(of: key))
                    diff += after.subtracting(before).sorted(by: Fact.order).map { "+ \($0)" }
                    diff += before.subtracting(after).sorted(by: Fact.order).map { "- \($0)" }
                }
                if lines == 0 { builtDiff = diff } else { scratchDiff = diff }
            }
        }
        func block(_ title: String, _ lines: [String]) -> String {
            let shown = lines.prefix(Session.shownPerList).map { "  \($0)" }
            let more = lines.count > Session.shownPerList ? ["  ... and \(lines.count - Session.shownPerList) more"] : []
            return ([title + " (\(lines.count)):"] + (lines.isEmpty ? ["  (none)"] : shown + more)).joined(separator: "\n")
        }
        let world = interventions.isEmpty ? "the baseline" : Session.text(of: interventions).joined(separator: ", ")
        var parts = [Session.worldMismatch + " (REDLINE_VERIFY_WORLDS); please report it with the program",
                     "world: \(world), at \(date)",
                     block("only in the world as built", onlyBuilt.map(\.description)),
                     block("only in the world evaluated from scratch", onlyScratch.map(\.description))]
        if base != nil {
            parts.append(block("diff of the world as built against the current world", builtDiff))
            parts.append(block("diff of the world evaluated from scratch against the current world", scratchDiff))
        }
        throw EvaluationError(parts.joined(separator: "\n"), at: span)
    }

    /// In the verifying mode, a model evaluated on a dependency cone must
    /// hold, in every relation of the cone, what the whole program's model
    /// holds there: the cone is the fast path, the whole program its oracle.
    func verifyCone(_ model: Model, cone: Set<PredicateKey>) throws(EvaluationError) {
        guard verifyWorlds else { return }
        // A rule the question does not read fails, or the whole program
        // passes a limit the cone keeps: nothing to compare with, and the
        // verifying mode must not change what the question answers.
        guard let whole = try Session.unlessItFails({ () throws(EvaluationError) in
            try Evaluator.evaluate(program, analysis: analysis, today: currentDate, limits: limits,
                                   interventions: InterventionSet(currentInterventions, in: program))
        }) else { return }
        for key in cone.sorted() where !key.name.hasPrefix("$") {
            let partial = Set(model.facts(of: key)), full = Set(whole.facts(of: key))
            guard partial != full else { continue }
            let missing = full.subtracting(partial).sorted(by: Fact.order).prefix(Session.shownPerList).map(\.description)
            let extra = partial.subtracting(full).sorted(by: Fact.order).prefix(Session.shownPerList).map(\.description)
            throw EvaluationError(Session.worldMismatch + " (REDLINE_VERIFY_WORLDS): the dependency cone of a question differs in \(key) from the whole program; please report it with the program\nmissing: \(missing.joined(separator: ", "))\nextra: \(extra.joined(separator: ", "))", at: nil)
        }
    }
}
