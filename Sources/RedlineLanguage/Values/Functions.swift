/// The built-in functions of expressions (`Y = year(D)`, `R = round(X, 2)`),
/// with the type rules of each in one place. In an expression a built-in
/// name with its arity is always the function; elsewhere (in an atom) the
/// same name builds a term as ever.
package enum BuiltinFunction: String, Sendable, CaseIterable {
    case year, month, day, weekday, date, addMonths = "add_months", abs, round, floor, ceil, min, max, lower, upper, length, concat

    package var arity: Int {
        switch self {
        case .date: return 3
        case .round, .min, .max, .concat, .addMonths: return 2
        default: return 1
        }
    }

    /// `year(date) -> integer`: for help and error messages.
    package var signature: String {
        switch self {
        case .year, .month, .day: return "\(rawValue)(date) -> integer"
        case .weekday: return "weekday(date) -> integer (1 Monday ... 7 Sunday)"
        case .date: return "date(year, month, day) -> date"
        case .addMonths: return "add_months(date, integer) -> date (on a day the month lacks, its last day)"
        case .abs: return "abs(number|money|duration) -> the same"
        case .round: return "round(number|money, digits) -> the same, half to even"
        case .floor, .ceil: return "\(rawValue)(number|money) -> the same, whole"
        case .min, .max: return "\(rawValue)(a, b) -> the \(self == .min ? "smaller" : "larger"), of one type"
        case .lower, .upper: return "\(rawValue)(string|symbol) -> the same"
        case .length: return "length(string|symbol) -> integer"
        case .concat: return "concat(string, string) -> string"
        }
    }

    package static func named(_ name: String, arity: Int) -> BuiltinFunction? {
        guard let function = BuiltinFunction(rawValue: name), function.arity == arity else { return nil }
        return function
    }

    package func apply(_ args: [Value]) throws(ArithmeticFailure) -> Value {
        func wrong() -> ArithmeticFailure {
            ArithmeticFailure(message: "\(rawValue) is \(signature); it was given \(args.map { "\($0.kind.rawValue) \($0)" }.joined(separator: ", "))")
        }
        switch self {
        case .year, .month, .day, .weekday:
            guard case .date(let days) = args[0] else { throw wrong() }
            let civil = CivilDate.civil(days: days)
            switch self {
            case .year: return .integer(civil.year)
            case .month: return .integer(civil.month)
            case .day: return .integer(civil.day)
            default: return .integer(((days + 3) % 7 + 7) % 7 + 1)  // 1970-01-01 was a Thursday
            }
        case .date:
            guard case .number(let y) = args[0], case .number(let m) = args[1], case .number(let d) = args[2],
                  let year = y.integerValue, let month = m.integerValue, let day = d.integerValue else { throw wrong() }
            guard CivilDate.isValid(year: year, month: month, day: day) else {
                throw ArithmeticFailure(message: "date(\(year), \(month), \(day)) is not a date of the calendar")
            }
            return .date(CivilDate.days(year: year, month: month, day: day))
        case .addMonths:
            // The same day N months on; where that month is shorter, its last
            // day: add_months(2026-01-31, 1) is 2026-02-28.
            guard case .date(let days) = args[0], case .number(let n) = args[1], let months = n.integerValue else { throw wrong() }
            let civil = CivilDate.civil(days: days)
            let (index, overflow) = (civil.year * 12 + civil.month - 1).addingReportingOverflow(months)
            let year = index >= 0 ? index / 12 : (index - 11) / 12
            guard !overflow, (1...9999).contains(year) else {
                throw ArithmeticFailure(message: "add_months(\(args[0]), \(months)) is past the dates (0001-01-01 to 9999-12-31)")
            }
            let month = index - year * 12 + 1
            return .date(CivilDate.days(year: year, month: month, day: Swift.min(civil.day, CivilDate.length(year: year, month: month))))
        case .abs:
            switch args[0] {
            case .number(let x): return Exact.compare(x, Exact(0)) < 0 ? try Arithmetic.negate(args[0]) : args[0]
            case .money(let x): return Exact.compare(x, Exact(0)) < 0 ? try Arithmetic.negate(args[0]) : args[0]
            case .duration(let m): return m < 0 ? try Arithmetic.negate(args[0]) : args[0]
            default: throw wrong()
            }
        case .round:
            guard case .number(let d) = args[1], let digits = d.integerValue, (0...12).contains(digits) else {
                throw ArithmeticFailure(message: "round takes a whole number of digits from 0 to 12 after the point")
            }
            switch args[0] {
            case .number(let x): return .number(try BuiltinFunction.rounded(x, Int(digits)))
            case .money(let x): return .money(try BuiltinFunction.rounded(x, Int(digits)))
            default: throw wrong()
            }
        case .floor, .ceil:
            switch args[0] {
            case .number(let x): return .number(try BuiltinFunction.whole(x, up: self == .ceil))
            case .money(let x): return .money(try BuiltinFunction.whole(x, up: self == .ceil))
            default: throw wrong()
            }
        case .min, .max:
            guard args[0].kind == args[1].kind || (args[0].isNumber && args[1].isNumber) else { throw wrong() }
            let order = Value.order(args[0], args[1])
            return (self == .min) == (order <= 0) ? args[0] : args[1]
        case .lower, .upper:
            switch args[0] {
            case .string(let s): return .string(self == .lower ? s.lowercased() : s.uppercased())
            case .symbol(let s): return .symbol(self == .lower ? s.lowercased() : s.uppercased())
            default: throw wrong()
            }
        case .length:
            switch args[0] {
            case .string(let s), .symbol(let s): return .integer(Int64(s.count))
            default: throw wrong()
            }
        case .concat:
            guard case .string(let a) = args[0], case .string(let b) = args[1] else { throw wrong() }
            return .string(a + b)
        }
    }

    /// Half to even at `digits` places (the rounding of division).
    private static func rounded(_ x: Exact, _ digits: Int) throws(ArithmeticFailure) -> Exact {
        guard let value = Exact.quotient(x, Exact(1), scale: digits) else { throw ArithmeticFailure(message: "round: \(x.decimalString) is out of range") }
        return value
    }

    private static func whole(_ x: Exact, up: Bool) throws(ArithmeticFailure) -> Exact {
        guard !x.isInteger, let unit = Exact.pow10(x.scale) else { return x }
        var q = x.units / unit
        let remainder = x.units % unit
        if up, remainder > 0 { q += 1 }
        if !up, remainder < 0 { q -= 1 }
        return Exact(q)
    }
}

extension Value {
    package var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
