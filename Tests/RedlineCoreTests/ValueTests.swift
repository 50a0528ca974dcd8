import Testing
@testable import RedlineLanguage
@testable import RedlineEngine
@testable import RedlineSession
@testable import RedlineConsole

@Suite struct ValueTests {
    @Test func exactArithmeticIsExactAndChecked() {
        let a = Exact(parsing: "0.1")!, b = Exact(parsing: "0.2")!
        #expect((a + b)! == Exact(parsing: "0.3")!)
        #expect((Exact(7) / Exact(2))!.decimalString == "3.5")
        #expect((Exact(1) / Exact(3))!.decimalString == "0.333333333333")
        #expect(Exact(Int64.max) + Exact(1) == nil)
        #expect(Exact(Int64.max) * Exact(2) == nil)
        #expect(Exact(1) / Exact(0) == nil)
        #expect(Exact.compare(Exact(parsing: "2.50")!, Exact(parsing: "2.5")!) == 0)
        #expect(Exact.compare(Exact(parsing: "-1.5")!, Exact(-1)) < 0)
        #expect(Exact(parsing: "99999999999999999999") == nil)
    }

    @Test func datesRoundTripThroughDays() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = CivilDate.civil(days: days)
            #expect(CivilDate.days(year: y, month: m, day: d) == days)
        }
        #expect(CivilDate.format(days: 0) == "1970-01-01")
        #expect(!CivilDate.isValid(year: 2026, month: 2, day: 29))
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
    }

    @Test(arguments: [
        ("$200M", "$200M"), ("$1.5B", "$1.5B"), ("$250K", "$250K"), ("$12.50", "$12.50"),
        ("$200,000,000", "$200M"), ("$1234", "$1.234K"), ("$7", "$7"), ("$0.5", "$0.50"),
        ("2026-02-27", "2026-02-27"), ("2026-02-27T17:01", "2026-02-27T17:01"),
        ("90min", "90min"), ("72h", "3d"), ("3d", "3d"), ("2w", "14d"), ("1.5h", "90min"),
        ("-3", "-3"), ("4.50", "4.5"), ("roll_back", "roll_back"), ("\"a \\\"q\\\"\"", "\"a \\\"q\\\"\""),
    ])
    func literalsReadAndPrintInTheLanguageSyntax(input: String, printed: String) throws {
        let value = try #require(Value.parse(input))
        #expect(value.description == printed)
        #expect(Value.parse(value.description) == value)
    }

    @Test func totalOrderAcrossTypes() {
        let values: [Value] = [
            .compound("f", [.integer(1)]), .symbol("b"), .symbol("a"), .string("z"),
            .datetime(1440 * 3 + 1), .date(3), .date(2), .duration(5), .money(Exact(1)),
            .number(Exact(parsing: "1.5")!), .integer(1),
        ]
        let sorted = values.sorted { Value.order($0, $1) < 0 }
        #expect(sorted.map(\.description) == [
            "1", "1.5", "$1", "5min", "1970-01-03", "1970-01-04", "1970-01-04T00:01", "\"z\"", "a", "b", "f(1)",
        ])
    }

    @Test func arithmeticTypeRules() throws {
        func apply(_ op: ArithmeticOperator, _ a: String, _ b: String) -> String {
            do { return try Arithmetic.apply(op, Value.parse(a)!, Value.parse(b)!).description } catch { return "error: \(error.message)" }
        }
        #expect(apply(.add, "$200M", "$1.5B") == "$1.7B")
        #expect(apply(.multiply, "$200M", "3") == "$600M")
        #expect(apply(.divide, "$200M", "$100M") == "2")
        #expect(apply(.add, "2026-02-27", "3d") == "2026-03-02")
        #expect(apply(.add, "2026-02-27", "72h") == "2026-03-02")
        #expect(apply(.add, "2026-02-27", "90min") == "2026-02-27T01:30")
        #expect(apply(.subtract, "2026-03-02", "2026-02-27") == "3d")
        #expect(apply(.multiply, "2d", "3") == "6d")
        #expect(apply(.modulo, "7", "3") == "1")
        #expect(apply(.add, "$1", "1").hasPrefix("error: cannot apply '+' to money $1 and integer 1"))
        #expect(apply(.add, "2026-02-27", "2026-02-27").hasPrefix("error: cannot apply"))
        #expect(apply(.divide, "1", "0") == "error: division by zero")
        #expect(apply(.add, "9223372036854775807", "1").hasPrefix("error: overflow"))
        #expect(apply(.modulo, "7.5", "2").hasPrefix("error: 'mod' needs integers"))
    }

    /// The store's own hash table and its direct table for small integers:
    /// one id per value, dense, found again, and a copy that grows alone.
    @Test func internedValuesHaveOneIdEach() {
        var random = PropertyTests.Random(state: 5)
        func value() -> Value {
            switch random.below(9) {
            case 0: return .integer(Int64(random.below(1000)))
            case 1: return .integer(Int64(random.below(1 << 20)))  // past the direct table too
            case 2: return .integer(-Int64(random.below(50)))
            case 3: return .number(Exact(units: Int64(random.below(100)), scale: 1 + random.below(3))!)
            case 4: return .money(Exact(Int64(random.below(100))))
            case 5: return .symbol("s\(random.below(300))")
            case 6: return .string("s\(random.below(300))")
            case 7: return .date(Int64(random.below(100)))
            default: return .compound("f", [.integer(Int64(random.below(20))), .symbol("s\(random.below(5))")])
            }
        }
        let store = ValueStore()
        var expected: [Value: UInt32] = [:]
        for _ in 0..<20_000 {
            let v = value()
            let id = store.intern(v)
            if let known = expected[v] { #expect(id == known, "\(v)") } else { expected[v] = id }
            #expect(store[id] == v)
        }
        #expect(store.count >= expected.count)  // compound arguments are interned too
        for (v, id) in expected { #expect(store.id(of: v) == id, "\(v)") }
        #expect(store.id(of: .integer(1 << 40)) == nil && store.id(of: .symbol("never")) == nil)
        let copy = store.copy()
        let fresh = copy.intern(.symbol("only in the copy"))
        #expect(store.id(of: .symbol("only in the copy")) == nil && copy.id(of: .symbol("only in the copy")) == fresh)
        #expect(copy.id(of: .integer(7)) == store.id(of: .integer(7)))
        // 1 and 1.0 are one number; "a" the symbol and "a" the string are not one value.
        #expect(store.intern(.integer(1)) == store.intern(.number(Exact(units: 10, scale: 1)!)))
        #expect(store.intern(.symbol("a")) != store.intern(.string("a")))
    }
}
