/// Did-you-mean: the closest known name by edit distance, when close enough.
package enum Suggestions {
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, word.count / 3)
        var best: (name: String, distance: Int)? = nil
        let length = word.count
        // The distance is at least the difference in length: most names are ruled out without it.
        for candidate in candidates where candidate != word && abs(candidate.count - length) <= limit {
            let d = distance(word, candidate)
            if d <= limit, best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
                best = (candidate, d)
            }
        }
        if let best { return best.name }
        // A name cut short (`cancel` for `cancelled`) is far in edits but plain to a reader.
        guard length >= 4 else { return nil }
        return candidates.filter { $0 != word && $0.hasPrefix(word) }.min { ($0.count, $0) < ($1.count, $1) }
    }

    /// Damerau-Levenshtein (optimal string alignment) distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
