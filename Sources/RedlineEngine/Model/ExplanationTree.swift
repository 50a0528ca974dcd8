import RedlineLanguage
/// A node of a `why` or `why not` tree: a fact with where it comes from, a
/// rule instance with its bindings and conditions, an established absence,
/// or a reference to a sub-proof shown earlier.
package struct ExplanationNode: Sendable {
    package enum Kind: String, Sendable {
        /// Given in a file.
        case fact
        /// Forced by an intervention of the world.
        case assumed
        /// `today(D)`.
        case builtin
        /// Derived by a rule instance; `children` are its conditions.
        case rule
        /// A negated condition: the atom was established not to hold.
        case absent
        /// A comparison or aggregate that holds under the bindings.
        case condition
        /// Already shown above as node `reference`.
        case repeated
        /// Deeper than the depth limit.
        case truncated
        // `why not`:
        /// The atom does not hold; `children` are the rules that could derive it.
        case missing
        /// A rule that could derive the atom, and where it fails.
        case failedRule = "failed_rule"
        /// The condition at which a rule fails.
        case failure
        /// Retracted by an intervention.
        case blocked
        /// It holds after all.
        case holds
    }

    package struct Binding: Sendable {
        package let name: String
        package let value: String
    }

    package let kind: Kind
    /// The fact or condition, in the language's syntax.
    package let text: String
    /// Its `.say` sentence, if a template matches.
    package var sentence: String? = nil
    /// `file:line` of the fact, rule or intervention.
    package var location: String? = nil
    /// The rule as written, on one line.
    package var rule: String? = nil
    package var bindings: [Binding] = []
    /// A note in words: why a condition fails, what blocks an atom.
    package var note: String? = nil
    /// This node's number, when later nodes may refer to it; or the number referred to.
    package var number: Int? = nil
    package var children: [ExplanationNode] = []
}

/// `why fact.`: a derivation tree (nil root when the fact does not hold).
package struct Explanation: Sendable {
    package let fact: String
    package let root: ExplanationNode?
    /// Whether any node has a `.say` sentence, so a version in words is worth printing.
    package var hasSentences: Bool {
        func any(_ node: ExplanationNode) -> Bool { node.sentence != nil || node.children.contains(where: any) }
        return root.map(any) ?? false
    }
}

/// `why not fact.`
package struct Absence: Sendable {
    package let fact: String
    package let root: ExplanationNode
}
