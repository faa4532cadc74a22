/// /sys/class/dmi/id (x86): the product name stands in for the device-tree model. Often
/// absent in VMs and containers; recorded when an x86 board has none.
enum ClassDMI {
    static let base = "sys/class/dmi/id"

    static func read(_ session: ProbeSession, into info: inout HardwareInfo) {
        guard info.architecture == "x86_64" else { return }
        let product = joinPath(base, "product_name")
        if session.exists(product) {
            info.board.dmiProductName = session.text(product)
        } else {
            session.record(product, "no such file (no DMI tables: a VM or container)")
        }
        info.board.dmiVendor = session.text(joinPath(base, "sys_vendor"), optional: true)
        if info.model == nil { info.model = info.board.dmiProductName }
    }
}
