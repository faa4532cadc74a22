import Probe
import Testing

@Suite struct ClassDMITests {
    @Test func productNameIsTheX86Model() throws {
        let tree = try TempTree(copying: Fixtures.board("x86-rapl"))
        try tree.write("sys/class/dmi/id/product_name", "NUC13ANHi5")
        try tree.write("sys/class/dmi/id/sys_vendor", "Intel(R) Client Systems")
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.model == "NUC13ANHi5")
        #expect(info.board.dmiVendor == "Intel(R) Client Systems")
        #expect(!info.unreadable.contains { $0.path.contains("dmi") })
    }
}
