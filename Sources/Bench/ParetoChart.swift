import Foundation

/// A latency-vs-energy chart as SVG: one point per variant (x = p50 latency, y = joules per
/// inference, labelled with its name and accuracy), the Pareto front — variants no other beats
/// on both axes — joined and drawn solid.
public enum ParetoChart {
    public struct Point: Sendable, Equatable {
        public var label: String
        public var latencyMs: Double
        public var joules: Double
        public var estimated: Bool

        public init(label: String, latencyMs: Double, joules: Double, estimated: Bool) {
            self.label = label
            self.latencyMs = latencyMs
            self.joules = joules
            self.estimated = estimated
        }
    }

    /// Indices of the points on the front (lower latency and lower energy are better).
    public static func front(_ points: [Point]) -> [Int] {
        points.indices.filter { i in
            !points.indices.contains { j in
                j != i && points[j].latencyMs <= points[i].latencyMs && points[j].joules <= points[i].joules
                    && (points[j].latencyMs < points[i].latencyMs || points[j].joules < points[i].joules)
            }
        }
    }

    public static func svg(_ points: [Point], title: String) -> String {
        let width = 640.0, height = 420.0, left = 70.0, right = 20.0, top = 40.0, bottom = 50.0
        let maxX = (points.map(\.latencyMs).max() ?? 1) * 1.15, maxY = (points.map(\.joules).max() ?? 1) * 1.15
        func x(_ v: Double) -> Double { left + v / max(maxX, 1e-12) * (width - left - right) }
        func y(_ v: Double) -> Double { height - bottom - v / max(maxY, 1e-12) * (height - top - bottom) }
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(left)\" y=\"24\" font-size=\"15\">\(esc(title))</text>",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"black\"/>",
            "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"black\"/>",
            "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">p50 latency (ms)</text>",
            "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\">joules per inference</text>",
        ]
        for k in 0...4 {
            let vx = maxX * Double(k) / 4, vy = maxY * Double(k) / 4
            out.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.3g</text>", x(vx), height - bottom + 16, vx))
            out.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>", left - 6, y(vy) + 4, vy))
        }
        let front = front(points).sorted { points[$0].latencyMs < points[$1].latencyMs }
        if front.count > 1 {
            let path = front.map { String(format: "%.1f,%.1f", x(points[$0].latencyMs), y(points[$0].joules)) }.joined(separator: " ")
            out.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>")
        }
        for (i, p) in points.enumerated() {
            let onFront = front.contains(i)
            out.append(String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%@\" stroke=\"#1f77b4\"/>", x(p.latencyMs), y(p.joules),
                              onFront ? "#1f77b4" : "white"))
            out.append(String(format: "<text x=\"%.1f\" y=\"%.1f\">%@</text>", x(p.latencyMs) + 8, y(p.joules) - 6,
                              esc(p.label + (p.estimated ? " (estimated)" : ""))))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
