/// Rules about the broader/narrower hierarchy: it must stay a DAG.
public enum BroaderGraph {
    /// Finds one cycle in the given edges, if any, as the list of concepts on it
    /// (the first repeated at the end). Self-loops count as cycles of length one.
    /// Iterative, so deep hierarchies cannot overflow the stack.
    public static func findCycle(in edges: some Sequence<BroaderRelation>) -> [ConceptURI]? {
        var children: [ConceptURI: [ConceptURI]] = [:]
        for edge in edges { children[edge.narrower, default: []].append(edge.broader) }
        // 0 = unvisited, 1 = on the current path, 2 = done.
        var state: [ConceptURI: UInt8] = [:]
        for start in children.keys.sorted() where state[start] == nil {
            var stack: [(node: ConceptURI, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let targets = children[top.node] ?? []
                if top.next < targets.count {
                    stack[stack.count - 1].next += 1
                    let target = targets[top.next]
                    switch state[target] {
                    case 1:
                        let path = stack.map(\.node)
                        let from = path.firstIndex(of: target) ?? 0
                        return Array(path[from...]) + [target]
                    case 2:
                        continue
                    default:
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return nil
    }
}
