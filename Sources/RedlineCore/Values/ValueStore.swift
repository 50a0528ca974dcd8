/// Interns values: each distinct value gets a dense 32-bit id, so tuples are
/// flat arrays of ids and equality is id equality.
public final class ValueStore {
    public private(set) var values: [Value] = []
    private var ids: [Value: UInt32] = [:]
    /// For compound values: the functor and the ids of the arguments, so
    /// patterns can match them without decoding whole terms.
    private var parts: [UInt32: (functor: String, args: [UInt32], depth: Int)] = [:]
    /// Rules can build ever deeper terms (`n(s(X)) :- n(X).`); past this
    /// depth evaluation stops with an error instead of recursing without end.
    public static let maxTermDepth = 256

    public init() {}

    /// An independent copy with the same ids, so a world extending a model
    /// can intern new values without changing the model's store.
    func copy() -> ValueStore {
        let copy = ValueStore()
        copy.values = values
        copy.ids = ids
        copy.parts = parts
        return copy
    }

    public var count: Int { values.count }

    @discardableResult
    public func intern(_ value: Value) -> UInt32 {
        if let id = ids[value] { return id }
        if case .compound(let functor, let args) = value {
            let argIds = args.map { intern($0) }
            let id = UInt32(values.count)
            values.append(value)
            ids[value] = id
            parts[id] = (functor, argIds, 1 + (argIds.map(depth).max() ?? 0))
            return id
        }
        let id = UInt32(values.count)
        values.append(value)
        ids[value] = id
        return id
    }

    public func id(of value: Value) -> UInt32? { ids[value] }

    @inline(__always)
    public subscript(id: UInt32) -> Value { values[Int(id)] }

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
