/// A request for one page of a list.
public struct PageRequest: Hashable, Sendable {
    public static let maximumSize = 200
    public static let defaultSize = 50
    /// Far beyond any list Erkend holds (two billion items at the largest page size), and low enough
    /// that `offset` can never overflow.
    public static let maximumPage = 10_000_000

    /// 1-based page number.
    public var page: Int
    public var size: Int

    /// Clamps nothing silently: out-of-range values are refused so clients learn the limits.
    public init(page: Int = 1, size: Int = PageRequest.defaultSize) throws {
        guard (1...PageRequest.maximumPage).contains(page) else {
            throw ErkendError.invalid("page", "must be between 1 and \(PageRequest.maximumPage), got \(page)")
        }
        guard (1...PageRequest.maximumSize).contains(size) else {
            throw ErkendError.invalid("pageSize", "must be between 1 and \(PageRequest.maximumSize), got \(size)")
        }
        self.page = page
        self.size = size
    }

    public static let first = try! PageRequest()

    public var offset: Int { (page - 1) * size }
}

/// One page of a list, with the total so clients can page on.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public init(items: [Item], request: PageRequest, total: Int) {
        self.items = items
        self.page = request.page
        self.pageSize = request.size
        self.total = total
    }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), page: page, pageSize: pageSize, total: total)
    }

    private init(items: [Item], page: Int, pageSize: Int, total: Int) {
        self.items = items
        self.page = page
        self.pageSize = pageSize
        self.total = total
    }
}

extension Page: Encodable where Item: Encodable {}
extension Page: Equatable where Item: Equatable {}
