import RedlineLanguage
/// Interns values: each distinct value gets a dense 32-bit id, so tuples are
/// flat arrays of ids and equality is id equality.
final class ValueStore {
    private(set) var values: [Value] = []
    /// Open addressing: each slot holds an id + 1 (0 is empty) and the low
    /// bits of its hash. Swift's Dictionary hashed every value with seeded
    /// SipHash, a quarter of the time of loading 300k facts.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt32] = []
    /// For compound values: the functor and the ids of the arguments, so
    /// patterns can match them without decoding whole terms.
    private var parts: [UInt32: (functor: String, args: [UInt32], depth: Int)] = [:]
    /// Rules can build ever deeper terms (`n(s(X)) :- n(X).`); past this
    /// depth evaluation stops with an error instead of recursing without end.
    static let maxTermDepth = 256

    init() {}

    /// An independent copy with the same ids, so a world extending a model
    /// can intern new values without changing the model's store.
    func copy() -> ValueStore {
        let copy = ValueStore()
        copy.values = values
        copy.slots = slots
        copy.hashes = hashes
        copy.smallIntegerIds = smallIntegerIds
        copy.parts = parts
        return copy
    }

    var count: Int { values.count }

    /// Ids of the integers 0 ..< `smallIntegerLimit` (id + 1; 0 for none),
    /// in front of the hash table: bulk facts number their things, and a
    /// direct look-up costs no probe of a table that misses the cache.
    private var smallIntegerIds: [UInt32] = []
    static let smallIntegerLimit: Int64 = 1 << 18

    @discardableResult
    func intern(_ value: Value) -> UInt32 {
        if case .number(let n) = value, n.scale == 0, n.units >= 0, n.units < ValueStore.smallIntegerLimit {
            let index = Int(n.units)
            if index < smallIntegerIds.count, smallIntegerIds[index] != 0 { return smallIntegerIds[index] - 1 }
            let id = internInTable(value)
            if index >= smallIntegerIds.count {
                smallIntegerIds += repeatElement(0, count: max(index + 1, 2 * smallIntegerIds.count, 1024) - smallIntegerIds.count)
            }
            smallIntegerIds[index] = id + 1
            return id
        }
        return internInTable(value)
    }

    private func internInTable(_ value: Value) -> UInt32 {
        let hash = ValueStore.hash(value)
        var (found, slot) = lookUp(value, hash: hash)
        if let found { return found }
        var compound: (functor: String, args: [UInt32], depth: Int)? = nil
        if case .compound(let functor, let args) = value {
            let argIds = args.map { intern($0) }
            compound = (functor, argIds, 1 + (argIds.map(depth).max() ?? 0))
            slot = lookUp(value, hash: hash).slot  // the arguments may have grown the table
        }
        let id = UInt32(values.count)
        values.append(value)
        hashes.append(hash)
        if values.count * 2 > slots.count {
            rehash(capacity: slots.count * 2)
        } else {
            slots[slot] = UInt64(id + 1) << 32 | UInt64(hash)
        }
        if let compound { parts[id] = compound }
        return id
    }

    func id(of value: Value) -> UInt32? { lookUp(value, hash: ValueStore.hash(value)).id }

    /// The id of `value`, or the empty slot where it would go.
    @inline(__always)
    private func lookUp(_ value: Value, hash: UInt32) -> (id: UInt32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if UInt32(truncatingIfNeeded: entry) == hash {
                let id = UInt32(truncatingIfNeeded: entry >> 32) - 1
                if ValueStore.identical(values[Int(id)], value) { return (id, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    private func rehash(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        let mask = capacity - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt64(index + 1) << 32 | UInt64(hash)
        }
    }

    /// Two values are one when their bytes are: strings are not compared up
    /// to Unicode canonical equivalence (as Swift's `==` does), so ids and
    /// hashes agree. Text in fact files is taken as written.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.symbol(let x), .symbol(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.compound(let f, let xs), .compound(let g, let ys)):
            return f.utf8.elementsEqual(g.utf8) && xs.count == ys.count && zip(xs, ys).allSatisfy { identical($0, $1) }
        default: return a == b
        }
    }

    /// Seeded per process, so a fact file cannot be made of colliding values.
    private static let seed = UInt64.random(in: 1 ... .max)

    static func hash(_ value: Value) -> UInt32 {
        func mix(_ x: UInt64) -> UInt64 {
            var h = (x ^ seed) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            h = h &* 0xD6E8_FEB8_6659_FD93
            return h ^ (h >> 29)
        }
        func text(_ s: String, _ tag: UInt64) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ tag
            for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return mix(h)
        }
        func full(_ value: Value) -> UInt64 {
            switch value {
            case .number(let n): return mix(UInt64(bitPattern: n.units) &+ UInt64(n.scale) << 58)
            case .money(let m): return mix(UInt64(bitPattern: m.units) &+ UInt64(m.scale) << 58 ^ 0x1111)
            case .string(let s): return text(s, 2)
            case .symbol(let s): return text(s, 3)
            case .date(let d): return mix(UInt64(bitPattern: d) ^ 0x4444_0000_0000_0004)
            case .datetime(let m): return mix(UInt64(bitPattern: m) ^ 0x5555_0000_0000_0005)
            case .duration(let m): return mix(UInt64(bitPattern: m) ^ 0x6666_0000_0000_0006)
            case .compound(let f, let args):
                var h = text(f, 7)
                for arg in args { h = mix(h ^ full(arg)) }
                return h
            }
        }
        let h = full(value)
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    subscript(id: UInt32) -> Value { values[Int(id)] }

    func compoundParts(_ id: UInt32) -> (functor: String, args: [UInt32])? {
        parts[id].map { ($0.functor, $0.args) }
    }

    /// 0 for atomic values, 1 for `f(a)`, 2 for `f(g(a))`.
    func depth(_ id: UInt32) -> Int { parts[id]?.depth ?? 0 }

    /// Builds a compound from interned arguments.
    func internCompound(_ functor: String, _ args: [UInt32]) -> UInt32 {
        intern(.compound(functor, args.map { values[Int($0)] }))
    }
}
