/// Reduced ordered binary decision diagrams (Bryant, IEEE Trans. Computers
/// 1986): the lineage of a fact as a canonical graph over the uncertain
/// choices, whose probability is one pass over its nodes (ProbLog compiles
/// to the same end; De Raedt, Kimmig and Toivonen, IJCAI 2007).
///
/// A node tests one variable; its `low` branch is the function with the
/// variable false, `high` with it true; variables are tested in increasing
/// order along every path. `make` never builds a node whose branches are
/// equal and never builds a node twice, so two functions are equal exactly
/// when their nodes are: a fixpoint of lineage stops when no node changes.
/// The probability of a node, with independent variables, is
/// `(1 - p) * P(low) + p * P(high)`, since the two branches are disjoint.
package final class DecisionDiagram {
    package typealias Node = Int32
    package static let falseNode: Node = 0
    package static let trueNode: Node = 1

    private struct Entry: Hashable {
        let variable: Int32
        let low: Node
        let high: Node
    }

    private struct Pair: Hashable {
        let a: Node
        let b: Node
    }

    private var entries: [Entry] = [Entry(variable: .max, low: 0, high: 0), Entry(variable: .max, low: 1, high: 1)]
    private var unique: [Entry: Node] = [:]
    private var andCache: [Pair: Node] = [:]
    private var orCache: [Pair: Node] = [:]
    private var notCache: [Node: Node] = [:]
    /// Past this many nodes a lineage is too large to compile here.
    package let nodeLimit: Int

    package struct TooLarge: Error {}

    package init(nodeLimit: Int = 2_000_000) {
        self.nodeLimit = nodeLimit
    }

    package var nodeCount: Int { entries.count }

    package func variable(_ index: Int) throws(TooLarge) -> Node {
        try make(Int32(index), low: Self.falseNode, high: Self.trueNode)
    }

    private func make(_ variable: Int32, low: Node, high: Node) throws(TooLarge) -> Node {
        if low == high { return low }
        let entry = Entry(variable: variable, low: low, high: high)
        if let node = unique[entry] { return node }
        guard entries.count < nodeLimit else { throw TooLarge() }
        let node = Node(entries.count)
        entries.append(entry)
        unique[entry] = node
        return node
    }

    package func not(_ a: Node) throws(TooLarge) -> Node {
        if a == Self.falseNode { return Self.trueNode }
        if a == Self.trueNode { return Self.falseNode }
        if let cached = notCache[a] { return cached }
        let entry = entries[Int(a)]
        let result = try make(entry.variable, low: try not(entry.low), high: try not(entry.high))
        notCache[a] = result
        return result
    }

    package func and(_ a: Node, _ b: Node) throws(TooLarge) -> Node {
        if a == Self.falseNode || b == Self.falseNode { return Self.falseNode }
        if a == Self.trueNode || a == b { return b }
        if b == Self.trueNode { return a }
        let key = Pair(a: min(a, b), b: max(a, b))
        if let cached = andCache[key] { return cached }
        let (variable, a0, a1, b0, b1) = cofactors(a, b)
        let result = try make(variable, low: try and(a0, b0), high: try and(a1, b1))
        andCache[key] = result
        return result
    }

    package func or(_ a: Node, _ b: Node) throws(TooLarge) -> Node {
        if a == Self.trueNode || b == Self.trueNode { return Self.trueNode }
        if a == Self.falseNode || a == b { return b }
        if b == Self.falseNode { return a }
        let key = Pair(a: min(a, b), b: max(a, b))
        if let cached = orCache[key] { return cached }
        let (variable, a0, a1, b0, b1) = cofactors(a, b)
        let result = try make(variable, low: try or(a0, b0), high: try or(a1, b1))
        orCache[key] = result
        return result
    }

    /// The top variable of `a` and `b`, and each one's branches on it.
    private func cofactors(_ a: Node, _ b: Node) -> (Int32, Node, Node, Node, Node) {
        let ea = entries[Int(a)], eb = entries[Int(b)]
        let variable = min(ea.variable, eb.variable)
        let (a0, a1) = ea.variable == variable ? (ea.low, ea.high) : (a, a)
        let (b0, b1) = eb.variable == variable ? (eb.low, eb.high) : (b, b)
        return (variable, a0, a1, b0, b1)
    }

    /// The probability that `node` holds when variable `i` holds with `probabilities[i]`, independently.
    package func probability(_ node: Node, _ probabilities: [Double]) -> Double {
        var memo: [Node: Double] = [Self.falseNode: 0, Self.trueNode: 1]
        func visit(_ node: Node) -> Double {
            if let known = memo[node] { return known }
            let entry = entries[Int(node)]
            let p = probabilities[Int(entry.variable)]
            let value = (1 - p) * visit(entry.low) + p * visit(entry.high)
            memo[node] = value
            return value
        }
        return visit(node)
    }

    /// Paths from `node` to true, each the variables it sets and their
    /// values, the high branch first; at most `limit`.
    package func paths(to node: Node, limit: Int) -> [[(variable: Int, value: Bool)]] {
        var paths: [[(variable: Int, value: Bool)]] = []
        var current: [(variable: Int, value: Bool)] = []
        func walk(_ node: Node) {
            guard paths.count < limit, node != Self.falseNode else { return }
            if node == Self.trueNode {
                paths.append(current)
                return
            }
            let entry = entries[Int(node)]
            for (branch, value) in [(entry.high, true), (entry.low, false)] {
                current.append((Int(entry.variable), value))
                walk(branch)
                current.removeLast()
            }
        }
        walk(node)
        return paths
    }

    /// The variables `node` tests.
    package func support(_ node: Node) -> Set<Int> {
        var seen: Set<Node> = [], variables: Set<Int> = []
        var work = [node]
        while let next = work.popLast() {
            guard next > Self.trueNode, seen.insert(next).inserted else { continue }
            let entry = entries[Int(next)]
            variables.insert(Int(entry.variable))
            work += [entry.low, entry.high]
        }
        return variables
    }
}
