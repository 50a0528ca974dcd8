/// Which predicate depends on which, and how: positively, or through a
/// negation or an aggregate. Strata are its strongly connected components;
/// a component with a negative edge inside it has no perfect model.
struct DependencyGraph {
    struct Edge {
        let target: PredicateKey
        let negative: Bool
        /// The body literal that makes the dependency.
        let span: SourceSpan
    }

    private(set) var edges: [PredicateKey: [Edge]] = [:]
    private(set) var nodes: [PredicateKey] = []

    init(clauses: [Clause], factKeys: Set<PredicateKey> = []) {
        var seen = Set<PredicateKey>()
        func add(_ key: PredicateKey) {
            if seen.insert(key).inserted { nodes.append(key) }
        }
        for key in factKeys { add(key) }
        for clause in clauses {
            add(clause.head.key)
            for literal in clause.body {
                for (atom, negative) in DependencyGraph.dependencies(of: literal) {
                    add(atom.key)
                    edges[clause.head.key, default: []].append(Edge(target: atom.key, negative: negative, span: negative ? literal.span : atom.span))
                }
            }
        }
        nodes.sort()
    }

    static func dependencies(of literal: Literal) -> [(Atom, Bool)] {
        switch literal {
        case .positive(let a): return [(a, false)]
        case .negative(let a, _): return [(a, true)]
        case .comparison: return []
        case .aggregate(let g): return g.body.flatMap(Checker.atoms(in:)).map { ($0, true) }
        }
    }

    /// Components in dependency order (Tarjan emits callees first). Reports
    /// each cycle through negation or an aggregate, step by step.
    func strata(reporting diagnostics: inout [Diagnostic]) -> [[PredicateKey]] {
        var index: [PredicateKey: Int] = [:]
        var low: [PredicateKey: Int] = [:]
        var onStack = Set<PredicateKey>()
        var stack: [PredicateKey] = []
        var components: [[PredicateKey]] = []
        var counter = 0

        // Iterative Tarjan, so deep rule chains cannot overflow the stack.
        for root in nodes where index[root] == nil {
            var work: [(node: PredicateKey, edge: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let (node, edgeIndex) = work.last {
                let out = edges[node] ?? []
                if edgeIndex < out.count {
                    work[work.count - 1].edge += 1
                    let next = out[edgeIndex].target
                    if index[next] == nil {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(next); onStack.insert(next)
                        work.append((next, 0))
                    } else if onStack.contains(next) {
                        low[node] = min(low[node]!, index[next]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent]!, low[node]!) }
                if low[node] == index[node] {
                    var component: [PredicateKey] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        for component in components { reportNegativeCycle(in: Set(component), into: &diagnostics) }
        return components
    }

    private func reportNegativeCycle(in component: Set<PredicateKey>, into diagnostics: inout [Diagnostic]) {
        for head in component.sorted() {
            for edge in edges[head] ?? [] where edge.negative && component.contains(edge.target) {
                let path = self.path(from: edge.target, to: head, within: component)
                var notes: [Diagnostic.Note] = [.init("\(head) depends on \(edge.target) through this negation or aggregate", at: edge.span)]
                var from = edge.target
                for step in path {
                    notes.append(.init("\(from) depends on \(step.target)\(step.negative ? " (negatively)" : "")", at: step.span))
                    from = step.target
                }
                let cycle = ([head, edge.target] + path.map(\.target)).map(\.description).joined(separator: " -> ")
                diagnostics.append(.error(
                    "cycle through negation or aggregate: \(cycle); such a program has no stratified meaning",
                    at: edge.span, notes: notes + [.init("break the cycle, or define the negated relation without depending on \(head)")]))
                return
            }
        }
    }

    /// Shortest path of edges from `start` to `goal` inside the component.
    private func path(from start: PredicateKey, to goal: PredicateKey, within component: Set<PredicateKey>) -> [Edge] {
        if start == goal { return [] }
        var previous: [PredicateKey: (PredicateKey, Edge)] = [:]
        var queue = [start]
        var visited: Set<PredicateKey> = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for edge in edges[node] ?? [] where component.contains(edge.target) && visited.insert(edge.target).inserted {
                previous[edge.target] = (node, edge)
                if edge.target == goal {
                    var steps: [Edge] = []
                    var at = goal
                    while let (from, step) = previous[at] {
                        steps.append(step)
                        at = from
                        if at == start { break }
                    }
                    return steps.reversed()
                }
                queue.append(edge.target)
            }
        }
        return []
    }
}
