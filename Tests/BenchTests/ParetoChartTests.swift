import Bench
import Foundation
import Testing

@Suite struct ParetoChartTests {
    let points = [
        ParetoChart.Point(label: "fp32", latencyMs: 10, joules: 0.05, estimated: false),
        ParetoChart.Point(label: "int8", latencyMs: 6, joules: 0.03, estimated: false),
        ParetoChart.Point(label: "fp16", latencyMs: 5, joules: 0.04, estimated: false),
        ParetoChart.Point(label: "a<b&c", latencyMs: 12, joules: 0.06, estimated: true),
    ]

    @Test func theFrontIsTheUndominatedPoints() {
        #expect(ParetoChart.front(points).sorted() == [1, 2])
    }

    @Test func svgHasOnePointPerVariantAndEscapesLabels() {
        let svg = ParetoChart.svg(points, title: "t")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        #expect(svg.contains("a&lt;b&amp;c (estimated)") && !svg.contains("a<b"))
        #expect(svg.contains("<polyline"))
    }
}
