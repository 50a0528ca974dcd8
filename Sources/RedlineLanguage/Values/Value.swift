/// A ground value of the language. Numbers are one exact decimal type
/// (integers are decimals with no fraction), so `1 = 1.0` and both intern alike.
package enum Value: Sendable, Hashable {
    case number(Exact)
    /// Dollars, exact (`$12.50` is 12.5).
    case money(Exact)
    case string(String)
    case symbol(String)
    /// Days since 1970-01-01.
    case date(Int64)
    /// Minutes since 1970-01-01T00:00.
    case datetime(Int64)
    /// Minutes.
    case duration(Int64)
    case compound(String, [Value])

    package static func integer(_ n: Int64) -> Value { .number(Exact(n)) }

    /// 0 for atomic values, 1 for `f(a)`, 2 for `f(g(a))`.
    package var depth: Int {
        guard case .compound(_, let args) = self else { return 0 }
        return 1 + (args.map(\.depth).max() ?? 0)
    }

    package var kind: ValueKind {
        switch self {
        case .number(let n): return n.isInteger ? .integer : .decimal
        case .money: return .money
        case .string: return .string
        case .symbol: return .symbol
        case .date: return .date
        case .datetime: return .datetime
        case .duration: return .duration
        case .compound: return .compound
        }
    }
}

/// Strings and symbols are equal when their Unicode scalars are, without
/// normalization, as the value store interns them (ValueStore.identical):
/// an "é" written as one scalar and as e + U+0301 are two strings in `=`, in
/// joins and in answers alike. (Swift's own String equality is canonical
/// equivalence, which made `=` say yes where a join said no.)
extension Value {
    package static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)), let (.money(x), .money(y)): return x == y
        case let (.string(x), .string(y)), let (.symbol(x), .symbol(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.date(x), .date(y)), let (.datetime(x), .datetime(y)), let (.duration(x), .duration(y)): return x == y
        case let (.compound(f, xs), .compound(g, ys)): return f.utf8.elementsEqual(g.utf8) && xs == ys
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        func text(_ s: String) {
            hasher.combine(s.utf8.count)
            // The bytes at once where the string holds them contiguously (native strings do).
            if s.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                for byte in s.utf8 { hasher.combine(byte) }
            }
        }
        switch self {
        case .number(let x): hasher.combine(0); hasher.combine(x)
        case .money(let x): hasher.combine(1); hasher.combine(x)
        case .string(let s): hasher.combine(2); text(s)
        case .symbol(let s): hasher.combine(3); text(s)
        case .date(let d): hasher.combine(4); hasher.combine(d)
        case .datetime(let m): hasher.combine(5); hasher.combine(m)
        case .duration(let m): hasher.combine(6); hasher.combine(m)
        case .compound(let f, let args): hasher.combine(7); text(f); hasher.combine(args)
        }
    }
}

/// What the type rules and error messages talk about.
package enum ValueKind: String, Sendable {
    case integer, decimal, money, string, symbol, date, datetime, duration
    case compound = "compound term"
}

// MARK: - Literal syntax

extension Value: CustomStringConvertible {
    /// The value in the language's own literal syntax, so that it can be read back.
    package var description: String {
        switch self {
        case .number(let n): return n.decimalString
        case .money(let m): return Value.formatMoney(m)
        case .string(let s): return Value.quote(s)
        case .symbol(let s): return Value.isPlainSymbol(s) ? s : Value.quote(s, with: "'")
        case .date(let d): return CivilDate.format(days: d)
        case .datetime(let m): return CivilDate.format(minutes: m)
        case .duration(let m): return Value.formatDuration(m)
        case .compound(let f, let args):
            return f + "(" + args.map(\.description).joined(separator: ", ") + ")"
        }
    }

    package static func isPlainSymbol(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isLowercase else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// `"text"` for a string, `'DoD'` for a symbol that is not a plain name.
    static func quote(_ s: String, with mark: Unicode.Scalar = "\"") -> String {
        var out = String(mark)
        for scalar in s.unicodeScalars {
            switch scalar {
            case mark: out += "\\" + String(mark)
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + String(mark)
    }

    /// `$200M`, `$1.5B`, `$250K`, `$171.83M`: a unit (K, M, B) when the
    /// amount is exact in at most three decimals of it and under a thousand
    /// of it; else dollars with thousands separators and cents when there
    /// are any (`$1,070,249,055`, `$170,631,624.32`, `$12.50`). Both forms
    /// read back as the same literal; `$1070249.055K` is never written.
    static func formatMoney(_ m: Exact) -> String {
        let magnitude = Exact.compare(m, Exact(0)) < 0 ? (-m ?? m) : m
        let sign = Exact.compare(m, Exact(0)) < 0 ? "-" : ""
        for (suffix, power) in [("B", 9), ("M", 6), ("K", 3)] {
            let unit = Exact(Exact.pow10(power)!)
            guard Exact.compare(magnitude, unit) >= 0,
                  let thousand = Exact(1000) * unit, Exact.compare(magnitude, thousand) < 0,
                  let scaled = Exact.quotient(magnitude, unit, scale: 3),
                  let back = scaled * unit, back == magnitude else { continue }
            return sign + "$" + scaled.decimalString + suffix
        }
        var digits = magnitude.decimalString
        var fraction = ""
        if let point = digits.firstIndex(of: ".") {
            fraction = String(digits[point...])
            digits = String(digits[..<point])
            if fraction.count == 2 { fraction += "0" }
        }
        var grouped = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + "$" + String(grouped.reversed()) + fraction
    }

    /// In days, hours or minutes, the largest that is whole; never weeks:
    /// `2w` and `14d` are one value, and a deadline reads in days.
    static func formatDuration(_ minutes: Int64) -> String {
        if minutes != 0 {
            for (suffix, size) in [("d", Int64(1440)), ("h", 60)] where minutes % size == 0 {
                return "\(minutes / size)\(suffix)"
            }
        }
        return "\(minutes)min"
    }
}

// MARK: - Total order

extension Value {
    /// The documented total order used for every sorted output: numbers
    /// (integers and decimals together, by value) < money < durations <
    /// dates and date-times (together, on one time line; a date counts as its
    /// midnight and sorts before a date-time at that instant) < strings <
    /// symbols < compound terms (by functor, arity, then arguments).
    package static func order(_ a: Value, _ b: Value) -> Int {
        let (ra, rb) = (a.rank, b.rank)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.number(x), .number(y)), let (.money(x), .money(y)):
            return Exact.compare(x, y)
        case let (.duration(x), .duration(y)):
            return compare(x, y)
        case (.date, _), (.datetime, _):
            let (ma, mb) = (a.timeMinutes!, b.timeMinutes!)
            if ma != mb { return compare(ma, mb) }
            return compare(a.isDate ? 0 : 1, b.isDate ? 0 : 1)
        case let (.string(x), .string(y)), let (.symbol(x), .symbol(y)):
            return x.utf8.elementsEqual(y.utf8) ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        case let (.compound(f, xs), .compound(g, ys)):
            if !f.utf8.elementsEqual(g.utf8) { return f.unicodeScalars.lexicographicallyPrecedes(g.unicodeScalars) ? -1 : 1 }
            if xs.count != ys.count { return compare(xs.count, ys.count) }
            for (x, y) in zip(xs, ys) {
                let c = order(x, y)
                if c != 0 { return c }
            }
            return 0
        default:
            return 0
        }
    }

    private static func compare<T: Comparable>(_ x: T, _ y: T) -> Int {
        x < y ? -1 : (x > y ? 1 : 0)
    }

    private var rank: Int {
        switch self {
        case .number: return 0
        case .money: return 1
        case .duration: return 2
        case .date, .datetime: return 3
        case .string: return 4
        case .symbol: return 5
        case .compound: return 6
        }
    }

    var isDate: Bool { if case .date = self { return true } else { return false } }
    package var isSymbolOrString: Bool {
        switch self {
        case .symbol, .string: return true
        default: return false
        }
    }

    /// Dates and date-times on one minute time line.
    var timeMinutes: Int64? {
        switch self {
        case .date(let d): return d.multipliedReportingOverflow(by: 1440).overflow ? nil : d * 1440
        case .datetime(let m): return m
        default: return nil
        }
    }
}

// MARK: - Reading single values

extension Value {
    /// One literal as the language writes it (`2026-02-27`, `$200M`, `-3`,
    /// `anthropic`, `"text"`), or nil.
    package static func parse(_ text: String) -> Value? {
        Value.literal(text)
    }
}
