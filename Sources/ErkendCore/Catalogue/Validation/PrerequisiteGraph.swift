/// A directed graph of unit codes (unit → its prerequisites), to find cycles.
struct PrerequisiteGraph {
    let edges: [String: Set<String>]

    /// One cycle per strongly connected component that has one, each as the
    /// list of codes along a shortest loop, starting at the component's
    /// smallest code; components in order of that code.
    func cycles() -> [[String]] {
        stronglyConnectedComponents()
            .filter { $0.count > 1 || edges[$0[0]]?.contains($0[0]) == true }
            .map { shortestLoop(through: $0.min()!, within: Set($0)) }
            .sorted { $0[0] < $1[0] }
    }

    /// Tarjan's algorithm, iterating nodes and neighbours in sorted order so the result is stable.
    private func stronglyConnectedComponents() -> [[String]] {
        var indexOf: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var components: [[String]] = []
        var counter = 0

        func connect(_ node: String) {
            indexOf[node] = counter
            lowLink[node] = counter
            counter += 1
            stack.append(node)
            onStack.insert(node)
            for next in (edges[node] ?? []).sorted() {
                if indexOf[next] == nil {
                    connect(next)
                    lowLink[node] = min(lowLink[node]!, lowLink[next]!)
                } else if onStack.contains(next) {
                    lowLink[node] = min(lowLink[node]!, indexOf[next]!)
                }
            }
            guard lowLink[node] == indexOf[node] else { return }
            var component: [String] = []
            while let top = stack.popLast() {
                onStack.remove(top)
                component.append(top)
                if top == node { break }
            }
            components.append(component)
        }

        for node in edges.keys.sorted() where indexOf[node] == nil { connect(node) }
        return components
    }

    /// Breadth-first from `start` back to itself, staying inside the component.
    private func shortestLoop(through start: String, within component: Set<String>) -> [String] {
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in (edges[node] ?? []).sorted() where component.contains(next) {
                if next == start {
                    var path = [node]
                    while let before = previous[path[0]] { path.insert(before, at: 0) }
                    return path
                }
                if previous[next] == nil, next != start {
                    previous[next] = node
                    queue.append(next)
                }
            }
        }
        return [start]
    }
}
