import Probe

extension HardwareInfo {
    /// The board as status and reports name it: the module the probe found, else the model string, else the family.
    var boardName: String? { board.moduleName ?? model ?? board.family }
}
