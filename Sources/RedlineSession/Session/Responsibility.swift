import RedlineLanguage
import RedlineEngine
/// `what matters for fact.`: the lever changes ranked by their causal
/// responsibility for whether the fact holds, after Meliou, Gatterbauer,
/// Moore and Suciu ("The Complexity of Causality and Responsibility for
/// Query Answers and Non-Answers", PVLDB 4(1), 2010): a change is a cause
/// when, together with a set Γ of other changes that does not flip the
/// answer alone, it does; its responsibility is 1 / (1 + the smallest |Γ|).
///
/// The flip search lists the minimal flipping sets of up to three of the
/// candidate changes (no subset of one flips). Proof sketch that the
/// smallest such set S holding a change c gives c's responsibility 1 / |S|:
/// Γ = S minus c does not flip alone (S is minimal), so c is a cause with
/// |Γ| = |S| - 1. Conversely, if Γ does not flip and Γ + c does, then Γ + c
/// holds a minimal flipping set, which must hold c (else Γ would flip), of
/// at most |Γ| + 1 changes; so no Γ is smaller than |S| - 1. Both are
/// bounded by the search: three changes, among the candidates.
package struct ResponsibilityReport: Sendable {
    package struct Cause: Sendable {
        /// The change, in the language's syntax.
        package let change: String
        /// 1, 1/2 or 1/3: `1 / size`.
        package let size: Int
        /// The other changes of the smallest flipping set with it.
        package let with: [String]
        package var responsibility: Double { 1 / Double(size) }
    }
    package let fact: String
    package let holdsNow: Bool
    /// Most responsible first; ties by change.
    package let causes: [Cause]
    /// Candidate changes that are in no flipping set of up to `maxChanges`.
    package let notCauses: Int
    package let candidates: Int
    package let worldsTried: Int
    package let maxChanges: Int
    package let stoppedEarly: String?
    package let levers: [String]
}

extension Session {
    func responsibility(of fact: Fact, span: SourceSpan) throws(EvaluationError) -> ResponsibilityReport {
        let search = try searchFlips(of: fact, span: span, candidates: .rules, maxChanges: Session.maxFlipChanges)
        var causes: [ResponsibilityReport.Cause] = []
        for (index, candidate) in search.candidates.enumerated() {
            // `found` is smallest first: the first set with the change is a smallest one.
            guard let set = search.found.first(where: { $0.contains(index) }) else { continue }
            let others = set.filter { $0 != index }.map { search.candidates[$0].written }.sorted()
            causes.append(.init(change: candidate.written, size: set.count, with: others))
        }
        causes.sort { $0.size != $1.size ? $0.size < $1.size : $0.change < $1.change }
        return ResponsibilityReport(fact: fact.description, holdsNow: search.holdsNow, causes: causes,
                                    notCauses: search.candidates.count - causes.count, candidates: search.candidates.count,
                                    worldsTried: search.worlds, maxChanges: Session.maxFlipChanges,
                                    stoppedEarly: search.stoppedEarly, levers: search.levers)
    }
}
