/// The type of a declared column. `any` accepts every value.
package enum ColumnType: String, Sendable, CaseIterable {
    case symbol, string, integer, decimal, number, money, date, datetime, duration, term, any

    /// Accepted spellings in `.decl`.
    static func named(_ name: String) -> ColumnType? {
        switch name {
        case "int", "integer": return .integer
        case "text": return .string
        default: return ColumnType(rawValue: name)
        }
    }

    static var spellings: [String] { allCases.map(\.rawValue) + ["int", "text"] }

    package func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): return true
        case (.symbol, .symbol), (.string, .string), (.money, .money), (.date, .date),
             (.datetime, .datetime), (.duration, .duration), (.term, .compound), (.term, .symbol):
            return true
        case (.integer, .number(let n)): return n.isInteger
        case (.decimal, .number), (.number, .number): return true
        default: return false
        }
    }

    /// Two columns can hold the same variable only when some value fits both.
    func overlaps(_ other: ColumnType) -> Bool {
        if self == other || self == .any || other == .any { return true }
        let numeric: Set<ColumnType> = [.integer, .decimal, .number]
        if numeric.contains(self) && numeric.contains(other) { return true }
        let terms: Set<ColumnType> = [.term, .symbol]
        return terms.contains(self) && terms.contains(other)
    }
}
