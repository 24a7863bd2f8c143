extension QRCode {
    /// The width of light margin renderers put around the symbol, in modules;
    /// the standard asks for at least four.
    public static let quietZone = 4

    /// The symbol as a standalone SVG document.
    ///
    /// One `<rect>` paints the light background (symbol and quiet zone), so
    /// the code stays readable on dark pages; one `<path>` paints every dark
    /// module, merged into horizontal runs. The `viewBox` counts one unit per
    /// module, quiet zone included, so the image scales to any size; `width`
    /// and `height` give its natural size of `moduleSize` pixels a module.
    /// Only numbers derived from the geometry go into the document, never the
    /// encoded data, so it is safe to embed in HTML as it is.
    ///
    /// - Parameter moduleSize: pixels per module for the `width` and `height`
    ///   attributes; must be at least 1.
    public func svg(moduleSize: Int = 8) -> String {
        precondition(moduleSize >= 1, "module size must be at least 1")
        let side = size + 2 * Self.quietZone
        let pixels = side * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var end = x
                while end < size && isDark(x: end, y: y) { end += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" \
            width="\(pixels)" height="\(pixels)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }
}
