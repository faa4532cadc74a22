import Basics
import Engine

/// What to measure of one model file: the file as given and the variants to build from it —
/// with the reason for each precision that cannot be had. With no precisions asked for, the
/// file is measured as it is, whatever its precision.
public struct VariantPlan: Sendable {
    public enum Item: Sendable, Equatable {
        case asGiven
        case build(VariantBuilder.Recipe)

        public var precision: Precision? {
            if case .build(let recipe) = self { return recipe.precision }
            return nil
        }
    }

    public var file: ModelFile
    public var items: [Item]
    /// `name precision: why`, for each precision asked for that will not be measured.
    public var skipped: [String]

    /// `calibration`: samples for INT8 (a `run --input` file or an eval-set directory).
    public init(_ file: ModelFile, precisions: [Precision]?, calibration: String?) {
        self.file = file
        guard let precisions else {
            items = [.asGiven]
            skipped = []
            return
        }
        var items: [Item] = [], skipped: [String] = []
        for wanted in precisions {
            if wanted == file.precision {
                items.append(.asGiven)
            } else if file.precision != .fp32 {
                skipped.append("\(file.name) \(wanted.rawValue): the file is already \(file.precision.rawValue); variants are built from FP32 files")
            } else {
                switch wanted {
                case .fp16: items.append(.build(.fp16))
                case .int8:
                    if let calibration {
                        items.append(.build(.int8(calibration: calibration)))
                    } else {
                        skipped.append("\(file.name) int8: needs calibration samples (--calib FILE|DIR: the `run --input` format, or an eval-set directory)")
                    }
                case .fp32: break  // the file is fp32: handled above
                }
            }
        }
        self.items = items
        self.skipped = skipped
    }

    /// The item's variant: the file itself, or built now.
    public func variant(_ item: Item, options: Compiler.Options, producer: String, log: (String) -> Void = { _ in }) throws(VariantsError) -> Variant {
        switch item {
        case .asGiven:
            return Variant(file: file)
        case .build(let recipe):
            let built = try VariantBuilder.build(recipe, from: file, options: options.restricted(to: file.graph), producer: producer, log: log)
            log(built.summary)
            return Variant(built: built, from: file)
        }
    }
}
