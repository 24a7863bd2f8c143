/// A JSON object whose members keep the order they were added in.
///
/// Small objects (the usual case in JSON-LD) are searched linearly; larger
/// ones, such as context documents with hundreds of terms, keep a key index.
/// Setting an existing key replaces its value in place; setting `nil` removes it.
/// Two objects are equal when they have the same members in any order.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Element = (key: String, value: JSONValue)

    private var storage: [Element] = []
    private var index: [String: Int]? = nil
    private static let indexThreshold = 12

    public init() {}

    /// An object with these members; a later duplicate key replaces an earlier one.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        for (key, value) in members { self[key] = value }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    /// The keys in insertion order.
    public var keys: [String] { storage.map(\.key) }
    /// The members in insertion order.
    public var members: [Element] { storage }

    public func makeIterator() -> IndexingIterator<[Element]> { storage.makeIterator() }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in storage.indices where storage[i].key == key { return i }
        return nil
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    storage[i].value = newValue
                } else {
                    storage.append((key, newValue))
                    if index != nil {
                        index![key] = storage.count - 1
                    } else if storage.count > Self.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Appends `values` to the array stored under `key`, turning a single stored
    /// value into an array first and creating the member if needed (JSON-LD's
    /// "add value … as array").
    mutating func appendValues(_ values: [JSONValue], forKey key: String) {
        guard let i = position(of: key) else {
            self[key] = .array(values)
            return
        }
        // Move the array out so that appending does not copy it.
        var current = storage[i].value
        storage[i].value = .null
        var items: [JSONValue]
        if case .array(let existing) = current {
            current = .null
            items = existing
        } else {
            items = [current]
        }
        items.append(contentsOf: values)
        storage[i].value = .array(items)
    }

    /// Removes a member and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        let value = storage.remove(at: i).value
        if index != nil { rebuildIndex() }
        return value
    }

    private mutating func rebuildIndex() {
        if storage.count <= Self.indexThreshold {
            index = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(storage.count)
        for (i, member) in storage.enumerated() { built[member.key] = i }
        index = built
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.storage {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: a commutative sum of the members' own hashes.
        var sum = 0
        for (key, value) in storage {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            sum = sum &+ member.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
