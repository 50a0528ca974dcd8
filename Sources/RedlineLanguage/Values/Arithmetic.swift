package enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "mod"
}

package enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// The string tests, written as atoms in a body: `contains(N, "AI")`,
    /// `not starts_with(N, "X")`. Each reads two strings or symbols.
    case contains, startsWith = "starts_with", endsWith = "ends_with"
    case notContains = "not contains", notStartsWith = "not starts_with", notEndsWith = "not ends_with"

    /// The string test a body atom of this name and arity 2 is, if any.
    package static func stringTest(named name: String, negated: Bool) -> ComparisonOperator? {
        ComparisonOperator(rawValue: negated ? "not " + name : name).flatMap { $0.isStringTest ? $0 : nil }
    }

    package static let stringTestNames = ["contains", "starts_with", "ends_with"]

    package var isStringTest: Bool {
        switch self {
        case .contains, .startsWith, .endsWith, .notContains, .notStartsWith, .notEndsWith: return true
        default: return false
        }
    }

    /// The literal as written: `A <= B`, `contains(A, B)`, `not contains(A, B)`.
    package func written(_ a: String, _ b: String) -> String {
        isStringTest ? "\(rawValue)(\(a), \(b))" : "\(a) \(rawValue) \(b)"
    }
}

/// A message without a location; the evaluator adds the rule's span.
package struct ArithmeticFailure: Error {
    package let message: String
}

/// The type rules of arithmetic and comparison, in one place:
/// number ± × ÷ number; money ± money; money × number, number × money,
/// money ÷ number → money; money ÷ money → number; date ± duration → date
/// (a date-time when the duration is not whole days); date-time ± duration;
/// date − date and date-time − date-time → duration; duration ± duration;
/// duration × number, duration ÷ number → duration; `mod` on integers.
package enum Arithmetic {
    package static func apply(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(ArithmeticFailure) -> Value {
        switch (op, a, b) {
        case let (_, .number(x), .number(y)):
            return .number(try exact(op, x, y))
        case let (.add, .money(x), .money(y)), let (.subtract, .money(x), .money(y)):
            return .money(try exact(op, x, y))
        case let (.multiply, .money(x), .number(y)), let (.multiply, .number(y), .money(x)),
             let (.divide, .money(x), .number(y)):
            return .money(try exact(op, x, y))
        case let (.divide, .money(x), .money(y)):
            return .number(try exact(op, x, y))
        case let (.add, .date(d), .duration(m)), let (.add, .duration(m), .date(d)):
            return try shiftDate(d, by: m)
        case let (.subtract, .date(d), .duration(m)):
            return try shiftDate(d, by: try negate(m))
        case let (.add, .datetime(t), .duration(m)), let (.add, .duration(m), .datetime(t)):
            return .datetime(try inCalendar(minutes: try checked(t.addingReportingOverflow(m))))
        case let (.subtract, .datetime(t), .duration(m)):
            return .datetime(try inCalendar(minutes: try checked(t.subtractingReportingOverflow(m))))
        case (.subtract, .date, .date), (.subtract, .datetime, .datetime),
             (.subtract, .date, .datetime), (.subtract, .datetime, .date):
            return .duration(try checked(a.timeMinutes!.subtractingReportingOverflow(b.timeMinutes!)))
        case let (.add, .duration(x), .duration(y)):
            return .duration(try checked(x.addingReportingOverflow(y)))
        case let (.subtract, .duration(x), .duration(y)):
            return .duration(try checked(x.subtractingReportingOverflow(y)))
        case let (.multiply, .duration(m), .number(n)), let (.multiply, .number(n), .duration(m)),
             let (.divide, .duration(m), .number(n)):
            let result = try exact(op, Exact(m), n)
            let (minutes, wasExact) = result.truncated
            guard wasExact else {
                throw ArithmeticFailure(message: "\(Value.duration(m)) \(op.rawValue) \(n.decimalString) is not a whole number of minutes")
            }
            return .duration(minutes)
        case let (.divide, .duration(x), .duration(y)):
            return .number(try exact(.divide, Exact(x), Exact(y)))
        default:
            throw ArithmeticFailure(message: "cannot apply '\(op.rawValue)' to \(a.kind.rawValue) \(a) and \(b.kind.rawValue) \(b)")
        }
    }

    package static func negate(_ a: Value) throws(ArithmeticFailure) -> Value {
        switch a {
        case .number(let x): return .number(try negated(x))
        case .money(let x): return .money(try negated(x))
        case .duration(let m): return .duration(try negate(m))
        default: throw ArithmeticFailure(message: "cannot negate \(a.kind.rawValue) \(a)")
        }
    }

    /// Ordering comparisons need comparable types; `=` and `!=` compare any two values.
    package static func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws(ArithmeticFailure) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .contains, .startsWith, .endsWith, .notContains, .notStartsWith, .notEndsWith:
            return try stringTest(op, a, b)
        default: break
        }
        let comparable: Bool
        switch (a, b) {
        case (.number, .number), (.money, .money), (.duration, .duration),
             (.string, .string), (.symbol, .symbol):
            comparable = true
        case (.date, .date), (.datetime, .datetime), (.date, .datetime), (.datetime, .date):
            comparable = true
        default:
            comparable = false
        }
        guard comparable else {
            throw ArithmeticFailure(message: "cannot compare \(a.kind.rawValue) \(a) with \(b.kind.rawValue) \(b) using '\(op.rawValue)'")
        }
        let c: Int
        if let x = a.timeMinutes, let y = b.timeMinutes { c = x < y ? -1 : (x > y ? 1 : 0) } else { c = Value.order(a, b) }
        switch op {
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        case .equal, .notEqual, .contains, .startsWith, .endsWith, .notContains, .notStartsWith, .notEndsWith: return false
        }
    }

    /// Case-sensitive, on Unicode scalars without normalization, as `=`
    /// compares strings (UTF-8 bytes: a whole scalar's bytes match only at a
    /// scalar's start).
    private static func stringTest(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws(ArithmeticFailure) -> Bool {
        func text(_ value: Value) -> String? {
            switch value {
            case .string(let s), .symbol(let s): return s
            default: return nil
            }
        }
        guard let whole = text(a), let part = text(b) else {
            let name = op.rawValue.hasPrefix("not ") ? String(op.rawValue.dropFirst(4)) : op.rawValue
            throw ArithmeticFailure(message: "\(name) takes two strings or symbols; it was given \(a.kind.rawValue) \(a) and \(b.kind.rawValue) \(b)")
        }
        // On the UTF-8 views, without copying: this runs once per row a rule reads.
        let (w, p) = (whole.utf8, part.utf8)
        let holds: Bool
        switch op {
        case .contains, .notContains:
            var rest = w[...]
            var found = p.isEmpty
            while !found, rest.count >= p.count {
                found = rest.starts(with: p)
                rest = rest.dropFirst()
            }
            holds = found
        case .startsWith, .notStartsWith: holds = w.starts(with: p)
        default: holds = w.count >= p.count && w.dropFirst(w.count - p.count).elementsEqual(p)
        }
        return [.contains, .startsWith, .endsWith].contains(op) ? holds : !holds
    }

    private static func exact(_ op: ArithmeticOperator, _ x: Exact, _ y: Exact) throws(ArithmeticFailure) -> Exact {
        let result: Exact?
        switch op {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide:
            guard y.units != 0 else { throw ArithmeticFailure(message: "division by zero") }
            result = x / y
        case .modulo:
            guard x.isInteger, y.isInteger else {
                throw ArithmeticFailure(message: "'mod' needs integers, not \(x.decimalString) and \(y.decimalString)")
            }
            guard y.units != 0 else { throw ArithmeticFailure(message: "division by zero in 'mod'") }
            result = Exact.mod(x, y)
        }
        guard let value = result else {
            throw ArithmeticFailure(message: "overflow in \(x.decimalString) \(op.rawValue) \(y.decimalString)")
        }
        return value
    }

    private static func negated(_ x: Exact) throws(ArithmeticFailure) -> Exact {
        guard let value = -x else { throw ArithmeticFailure(message: "overflow negating \(x.decimalString)") }
        return value
    }

    private static func negate(_ m: Int64) throws(ArithmeticFailure) -> Int64 {
        try checked(Int64(0).subtractingReportingOverflow(m))
    }

    private static func checked(_ r: (partialValue: Int64, overflow: Bool)) throws(ArithmeticFailure) -> Int64 {
        guard !r.overflow else { throw ArithmeticFailure(message: "overflow in date or duration arithmetic") }
        return r.partialValue
    }

    private static func shiftDate(_ days: Int64, by minutes: Int64) throws(ArithmeticFailure) -> Value {
        if minutes % 1440 == 0 {
            return .date(try inCalendar(try checked(days.addingReportingOverflow(minutes / 1440))))
        }
        let start = try checked(days.multipliedReportingOverflow(by: 1440))
        return .datetime(try inCalendar(minutes: try checked(start.addingReportingOverflow(minutes))))
    }

    private static func inCalendar(minutes: Int64) throws(ArithmeticFailure) -> Int64 {
        _ = try inCalendar(minutes / 1440 - (minutes % 1440 < 0 ? 1 : 0))
        return minutes
    }

    /// Dates are written with four-digit years: one outside 0001 to 9999
    /// would print as something that reads back as another value.
    static let firstDay = CivilDate.days(year: 1, month: 1, day: 1), lastDay = CivilDate.days(year: 9999, month: 12, day: 31)

    private static func inCalendar(_ days: Int64) throws(ArithmeticFailure) -> Int64 {
        guard days >= firstDay, days <= lastDay else {
            throw ArithmeticFailure(message: "overflow in date arithmetic: dates run from 0001-01-01 to 9999-12-31")
        }
        return days
    }
}
