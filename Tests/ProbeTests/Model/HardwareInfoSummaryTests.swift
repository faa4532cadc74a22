import Probe
import Testing

@Suite struct HardwareInfoSummaryTests {
    @Test func summaryNamesTheTotalAndWhatWasUnreadable() throws {
        let text = try Fixtures.probe(root: Fixtures.board("jetson-orin-nano")).summary()
        #expect(text.contains("VDD_IN [total]: 3582.8 mW — ina3221-hwmon 1-0040 ch1  ← total"))
        #expect(text.contains("cluster 0: 6× Cortex-A78AE, cpus 0-5, 115.2–1728 MHz, big"))
        #expect(text.contains("15W (id 0, nominal 15 W, from nvpmodel -q)"))
        #expect(text.contains("/sys/class/thermal/thermal_zone2/temp: no such file"))
    }

    @Test func summaryOfABoardWithoutTotalShowsTheSumAndItsCaveat() throws {
        let text = try Fixtures.probe(root: Fixtures.board("jetson-agx-orin")).summary()
        #expect(text.contains("sum of VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0 + VDDQ_VDD2_1V8AO: 8748.5 mW now"))
        #expect(text.contains("below wall power"))
        #expect(!text.contains("← total"))
    }

    @Test func countersAndOfflineCores() throws {
        let text = try Fixtures.probe(root: Fixtures.board("x86-rapl")).summary()
        #expect(text.contains("psys [total]: counter 41273 J, wraps at 262143.3 J — rapl intel-rapl:1  ← total"))
        #expect(text.contains("cluster 1: 8× 13th Gen Intel(R) Core(TM) i5-1340P, cpus 8-15, 400–3400 MHz"))
    }
}
