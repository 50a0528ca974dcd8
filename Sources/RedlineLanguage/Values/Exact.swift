/// An exact decimal number: `units / 10^scale`, with 64-bit units and every
/// operation checked for overflow. Normalized (no trailing zeros in the
/// fraction), so equal numbers have equal representations and intern alike.
package struct Exact: Sendable, Hashable {
    package private(set) var units: Int64
    package private(set) var scale: Int

    /// The most fractional digits a quotient keeps (rounded half to even).
    package static let divisionScale = 12
    static let maxScale = 18

    package init(_ integer: Int64) {
        units = integer
        scale = 0
    }

    /// nil when it does not fit in 64-bit units. The most negative Int64 is
    /// out of range too, so that every value can be negated and printed
    /// (`$--9223372036854775808` before).
    package init?(units: Int64, scale: Int) {
        guard scale >= 0, scale <= Exact.maxScale, units != .min else { return nil }
        self.units = units
        self.scale = scale
        normalize()
    }

    private mutating func normalize() {
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
    }

    package var isInteger: Bool { scale == 0 }
    package var integerValue: Int64? { scale == 0 ? units : nil }

    static func pow10(_ n: Int) -> Int64? {
        var result: Int64 = 1
        for _ in 0..<n {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// Units of `self` expressed at a larger scale.
    func units(atScale target: Int) -> Int64? {
        guard target >= scale, let factor = Exact.pow10(target - scale) else { return nil }
        let (value, overflow) = units.multipliedReportingOverflow(by: factor)
        return overflow ? nil : value
    }

    package static func + (a: Exact, b: Exact) -> Exact? {
        let s = max(a.scale, b.scale)
        guard let x = a.units(atScale: s), let y = b.units(atScale: s) else { return nil }
        let (sum, overflow) = x.addingReportingOverflow(y)
        return overflow ? nil : Exact(units: sum, scale: s)
    }

    package static prefix func - (a: Exact) -> Exact? {
        let (value, overflow) = Int64(0).subtractingReportingOverflow(a.units)
        return overflow ? nil : Exact(units: value, scale: a.scale)
    }

    package static func - (a: Exact, b: Exact) -> Exact? {
        guard let negated = -b else { return nil }
        return a + negated
    }

    package static func * (a: Exact, b: Exact) -> Exact? {
        let (product, overflow) = a.units.multipliedReportingOverflow(by: b.units)
        if overflow { return nil }
        var scale = a.scale + b.scale
        var units = product
        // Too many digits: only exact trailing zeros may be dropped.
        while scale > maxScale {
            guard units % 10 == 0 else { return nil }
            units /= 10
            scale -= 1
        }
        return Exact(units: units, scale: scale)
    }

    /// Exact where the quotient has at most `divisionScale` fractional
    /// digits (`7 / 2` is 3.5), else rounded half to even there. nil on
    /// division by zero or overflow: callers tell the two apart.
    package static func / (a: Exact, b: Exact) -> Exact? {
        guard b.units != 0 else { return nil }
        return quotient(a, b, scale: divisionScale)
    }

    /// a / b rounded half-to-even at `scale` fractional digits, or at
    /// fewer when the quotient is too large for that many.
    static func quotient(_ a: Exact, _ b: Exact, scale: Int) -> Exact? {
        var digits = scale
        while digits >= 0 {
            if let q = quotient(a, b, exactScale: digits) { return q }
            digits -= 1
        }
        return nil
    }

    private static func quotient(_ a: Exact, _ b: Exact, exactScale scale: Int) -> Exact? {
        // a/b = ua * 10^(sb - sa + scale) / ub / 10^scale, in 128-bit arithmetic.
        let shift = b.scale - a.scale + scale
        var denominator = b.units.magnitude
        var numerator: (high: UInt64, low: UInt64) = (0, a.units.magnitude)
        if shift >= 0 {
            // Ten at a time in 128 bits: 10^shift itself may not fit in 64
            // (2 / 3.0000000001 shifts by 22), and giving up there cost digits.
            for _ in 0..<shift {
                let low = numerator.low.multipliedFullWidth(by: 10)
                let (high, overflow) = numerator.high.multipliedReportingOverflow(by: 10)
                let (sum, carry) = high.addingReportingOverflow(low.high)
                if overflow || carry { return nil }
                numerator = (sum, low.low)
            }
        } else {
            guard let factor = pow10(-shift) else { return nil }
            let (d, overflow) = denominator.multipliedReportingOverflow(by: UInt64(factor))
            if overflow { return nil }
            denominator = d
        }
        guard numerator.high < denominator else { return nil }
        var (q, r) = denominator.dividingFullWidth(numerator)
        if r > denominator - r || (r == denominator - r && q % 2 == 1) { q += 1 }
        guard q <= UInt64(Int64.max) else { return nil }
        let negative = (a.units < 0) != (b.units < 0)
        return Exact(units: negative ? -Int64(q) : Int64(q), scale: scale)
    }

    /// Remainder of integer division; nil unless both are integers and b != 0.
    package static func mod(_ a: Exact, _ b: Exact) -> Exact? {
        guard a.isInteger, b.isInteger, b.units != 0 else { return nil }
        let (r, overflow) = a.units.remainderReportingOverflow(dividingBy: b.units)
        return overflow ? nil : Exact(r)
    }

    package static func compare(_ a: Exact, _ b: Exact) -> Int {
        if a.scale == b.scale { return a.units < b.units ? -1 : (a.units > b.units ? 1 : 0) }
        // Compare with 128-bit precision so large values never overflow.
        let s = max(a.scale, b.scale)
        let x = wide(a, scale: s), y = wide(b, scale: s)
        return less(x, y) ? -1 : (less(y, x) ? 1 : 0)
    }

    private static func wide(_ a: Exact, scale: Int) -> (high: Int64, low: UInt64) {
        var value = (high: a.units < 0 ? Int64(-1) : 0, low: UInt64(bitPattern: a.units))
        for _ in a.scale..<scale {
            // value *= 10 in two's complement 128-bit arithmetic
            let low = value.low.multipliedFullWidth(by: 10)
            value = (value.high &* 10 &+ Int64(bitPattern: low.high), low.low)
        }
        return value
    }

    private static func less(_ a: (high: Int64, low: UInt64), _ b: (high: Int64, low: UInt64)) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// The integer part, truncated toward zero, and whether anything was dropped.
    package var truncated: (value: Int64, exact: Bool) {
        guard let factor = Exact.pow10(scale) else { return (0, units == 0) }
        return (units / factor, units % factor == 0)
    }

    /// Plain decimal notation: `12`, `-0.5`, `3.14`.
    package var decimalString: String {
        if scale == 0 { return String(units) }
        let negative = units < 0
        var digits = String(units.magnitude)
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }

    /// Parses `123`, `-4.50`; nil when malformed or too large.
    package init?(parsing text: Substring) {
        var negative = false
        var body = text
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count > 1 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        guard fraction.count <= Exact.maxScale else { return nil }
        var units: Int64 = 0
        for ch in whole + fraction {
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(ch.asciiValue! - 48))
            if o1 || o2 { return nil }
            units = next
        }
        self.init(units: negative ? -units : units, scale: fraction.count)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
