/// /sys/class/dmi/id (x86): the product name stands in for the device-tree model. Often
/// absent in VMs and containers; recorded when an x86 board has none.
enum ClassDMI {
    static let base = "sys/class/dmi/id"

    static func read(_ session: ProbeSession, into info: inout HardwareInfo) {
        guard info.architecture == "x86_64" else { return }
        let product = joinPath(base, "product_name")
        info.board.dmiProductName = session.text(product, optional: true)
        info.board.dmiVendor = session.text(joinPath(base, "sys_vendor"), optional: true)
        if info.board.dmiProductName == nil, !session.unreadable.contains(where: { $0.path == SysfsRoot.display(product) }) {
            session.record(product, "no such file (no DMI tables: a VM or container)")
        }
        if info.model == nil { info.model = info.board.dmiProductName }
    }
}
