import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Help for the statements of the language, shown by `:help`.
enum HelpTopics {
    struct Entry {
        /// The words `:help` accepts for it.
        let names: [String]
        let synopsis: String
        let summary: String
        let example: String
    }

    static let statements: [Entry] = [
        Entry(names: ["?-", "query"], synopsis: "?- q(X), X > 3.",
              summary: "Answers a query: a table of bindings, or yes / no.",
              example: "?- contract(K, Buyer, _, V), V >= $100M."),
        Entry(names: ["functions", "built-ins"], synopsis: "Y = year(D). / contains(N, \"AI\"), not starts_with(N, \"X\").",
              summary: "In expressions: " + BuiltinFunction.allCases.map { "\($0.rawValue)/\($0.arity)" }.joined(separator: ", ")
                + ". In a body, the string tests contains/2, starts_with/2, ends_with/2, with 'not' too.",
              example: "?- contract(K, _, _, V), R = round(V * 1.1, 2), S = add_months(2026-01-31, 1)."),
        Entry(names: ["clause", "fact", "rule"], synopsis: "p(a). / p(X) :- q(X), not r(X).",
              summary: "Adds a fact or a rule to the program (all-or-nothing per entry).",
              example: "keeps(C, S) :- safeguard(C, S), not drops(C, S)."),
        Entry(names: ["normally", "maybe", "defeasible", "superior"],
              synopsis: "r1: normally p(X) :- q(X). / d1: maybe -p(X) :- r(X). / r2 > r1.",
              summary: "Defeasible rules: 'normally' holds unless a rule against it wins; 'maybe' (a defeater) only blocks; -p conflicts with p (and .conflict a/2, b/2 declares more); r2 > r1 is the fact superior(r2, r1). Queries add a column kind; ?- definitely p(X). asks only what facts and strict rules prove. .defeasible propagating switches ambiguity blocking to propagation.",
              example: "r2: normally -flies(X) :- penguin(X)."),
        Entry(names: ["what if"], synopsis: "what if L1, L2 [at DATE]. / what if L [at DATE] ?- q(X).",
              summary: "The outcome diff of a world with these interventions (at another date, if given), or a query in it. A value per key shows as ~ key  old → new.",
              example: "what if not drops(anthropic, pause_clause)."),
        Entry(names: ["why"], synopsis: "why p(a).",
              summary: "A derivation tree: each fact and rule with its file:line.",
              example: "why contract_lost(defense_pilot)."),
        Entry(names: ["why not"], synopsis: "why not p(a).",
              summary: "For each rule that could derive it, the first condition that fails.",
              example: "why not pause_possible(anthropic)."),
        Entry(names: ["scenario"], synopsis: "scenario name: L1, L2 [at DATE].",
              summary: "Defines a named world: interventions and an optional date.",
              example: "scenario comply: drops(anthropic, usage_safeguards)."),
        Entry(names: ["compare"], synopsis: "compare s1, s2. / compare all s1, s2. / compare all. / compare s1, s2 by rel.",
              summary: "A matrix of outcome facts by world, the baseline first (a value per key in each world for relations like exposure); 'compare all.' takes every scenario; 'by rel' ranks the worlds by a valued relation's total.",
              example: "compare comply, defy."),
        Entry(names: ["assume"], synopsis: "assume L1, L2.",
              summary: "Adds interventions to the current world (undoable).",
              example: "assume drops(anthropic, usage_safeguards)."),
        Entry(names: ["use"], synopsis: "use name.",
              summary: "Makes a scenario the current world; 'use baseline.' goes back.",
              example: "use comply."),
        Entry(names: ["expect"], synopsis: "expect q(a). / expect not q(b). / expect count q(_) = 3.",
              summary: "An assertion; a failed one makes 'redline run' exit with status 2.",
              example: "expect contract_lost(defense_pilot)."),
        Entry(names: ["what would flip", "flip"], synopsis: "what would flip p(a).",
              summary: "The smallest sets of lever changes (.lever) that change whether p(a) holds.",
              example: "what would flip contract_lost(pentagon_contract)."),
        Entry(names: ["what matters for", "matters"], synopsis: "what matters for p(a).",
              summary: "The lever changes ranked by their responsibility for whether p(a) holds: 1 for a change that flips it alone, 1/2 for one that needs one other change, 1/3 for two.",
              example: "what matters for contract_at_risk(pentagon_contract)."),
        Entry(names: ["timeline"], synopsis: "timeline p(a) from D1 to D2. / timeline p(X) from D1 to D2.",
              summary: "The dates at which p(a) starts or stops holding; with variables, each binding's runs of days (from, through).",
              example: "timeline overdue(u1) from 2026-02-01 to 2026-04-01."),
        Entry(names: ["how likely", "likely", "::", "probability", "given"],
              synopsis: "0.6 :: p(a). / 0.5 :: p(a); 0.3 :: q(a). / how likely q(X) [given e(a), not f(b)] [at DATE]?",
              summary: "Uncertain facts hold with a probability, independently (';' makes one choice of exclusive alternatives); they hold in no ordinary answer. 'how likely' gives each answer's probability: exact from lineage, or from every world (or 10,000 sampled ones, seed 1, with a 95% interval) where an aggregate reads uncertain facts. 'given' conditions on evidence ('given e(a).' in a file, for every question). Also: what if L ?- how likely q?  /  compare s1, s2 with likelihoods.  /  timeline how likely q(a) from D1 to D2.  /  :set likelihood exact.",
              example: "how likely contract_lost(K) at 2026-03-02?"),
        Entry(names: ["what moves", "moves"], synopsis: "what moves q(a) [given ...] [at DATE]?",
              summary: "The uncertain facts that bear on q(a), each made certain true and then certain false, ranked by how much q(a)'s probability swings.",
              example: "what moves contract_lost(pentagon_contract) at 2026-03-02?"),
        Entry(names: ["why likely"], synopsis: "why likely q(a) [given ...] [at DATE]?",
              summary: "The proofs of q(a) down to uncertain facts (and facts that must not hold), the most likely first, each with its probability; they overlap, so they need not add up.",
              example: "why likely contract_lost(pentagon_contract) at 2026-03-02?"),
        Entry(names: [".decl", "decl"], synopsis: ".decl p(name: type, ...)",
              summary: "Declares column names and types: symbol, string, number, money, date, datetime, duration, term.",
              example: ".decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)"),
        Entry(names: [".outcome", "outcome"], synopsis: ".outcome p, q/2",
              summary: "The relations that diffs and matrices report.",
              example: ".outcome contract_lost, blacklist_threatened"),
        Entry(names: [".lever", "lever"], synopsis: ".lever p/2 or .lever p(name: type, ...)",
              summary: "Facts a workshop may change in a flip search; declares the relation when nothing else does.",
              example: ".lever drops/2"),
        Entry(names: [".say", "say"], synopsis: ".say p(X) \"sentence with {X}\"",
              summary: "How reports and explanations phrase a fact.",
              example: ".say contract_lost(K) \"contract {K} is at risk\""),
        Entry(names: [".input", "input"], synopsis: ".input p \"file.csv\"",
              summary: "Reads facts from a CSV file with a header row, relative to this file.",
              example: ".input contract \"contracts.csv\""),
    ]

    static func statement(named name: String) -> Entry? {
        let wanted = name.lowercased()
        return statements.first { $0.names.contains(wanted) }
    }

    /// Every word `:help` understands, for completion and did-you-mean.
    static var names: [String] {
        statements.flatMap(\.names) + CommandTable.all.map { ":" + $0.name }
    }
}
