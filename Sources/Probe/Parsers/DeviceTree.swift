/// /proc/device-tree (a symlink to /sys/firmware/devicetree/base): `model` is one
/// NUL-terminated string, `compatible` a list of NUL-terminated strings (BOARDS.md §1.10).
/// Both are optional: x86 boards have no device tree.
enum DeviceTree {
    static let base = "proc/device-tree"

    static func read(_ session: ProbeSession, into info: inout HardwareInfo) {
        if let raw = session.raw(joinPath(base, "model"), optional: true) {
            info.model = SysfsValue.deviceTreeStrings(raw).first
        }
        if let raw = session.raw(joinPath(base, "compatible"), optional: true) {
            info.compatible = SysfsValue.deviceTreeStrings(raw)
        }
        if let raw = session.raw(joinPath(base, "nvidia,boardids"), optional: true) {
            info.board.nvidiaBoardIds = SysfsValue.deviceTreeStrings(raw).first
        }
    }
}
