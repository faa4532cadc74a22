import CEngineKernels

/// The kernels of each family, per ISA level: the only place a C kernel is registered.
/// Dispatch, tests and benches read these tables; the chosen functions live in the compiled
/// plan, so no call tests CPU features.
public struct KernelTable: Sendable {
    public typealias DWConv = @convention(c) (UnsafePointer<Float>?, UnsafePointer<Float>?, Float, UnsafeMutablePointer<Float>?,
                                              UnsafePointer<ep_dwconv_params>?, UnsafePointer<ep_activation>?, UnsafeMutablePointer<Float>?) -> Void
    public typealias Epilogue = @convention(c) (UnsafeMutablePointer<Float>?, Int, Int, UnsafePointer<Float>?,
                                                UnsafePointer<Float>?, UnsafePointer<ep_activation>?) -> Void
    public typealias VBinary = @convention(c) (Int32, Int, UnsafePointer<Float>?, UnsafePointer<Float>?,
                                               UnsafeMutablePointer<Float>?, UnsafePointer<ep_activation>?) -> Void
    public typealias VBinaryC = @convention(c) (Int32, Int, UnsafePointer<Float>?, Float, UnsafeMutablePointer<Float>?,
                                                UnsafePointer<ep_activation>?) -> Void
    public typealias GlobalAverage = @convention(c) (UnsafePointer<Float>?, Int) -> Float
    public typealias QGemm = @convention(c) (Int, Int, Int, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafeMutablePointer<UInt8>?,
                                             UnsafePointer<ep_qgemm_params>?) -> Void
    public typealias QuantizeU8 = @convention(c) (Int, UnsafePointer<Float>?, Float, Int32, UnsafeMutablePointer<UInt8>?) -> Void
    public typealias DequantizeU8 = @convention(c) (Int, UnsafePointer<UInt8>?, Float, Int32, UnsafeMutablePointer<Float>?) -> Void
    public typealias LookupU8 = @convention(c) (Int, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafeMutablePointer<UInt8>?) -> Void
    public typealias QDWConv = @convention(c) (UnsafePointer<UInt8>?, UnsafePointer<Int8>?, UnsafeMutablePointer<UInt8>?,
                                               UnsafePointer<ep_dwconv_params>?, UnsafePointer<ep_qdwconv_channel>?,
                                               UnsafeMutablePointer<UInt8>?) -> Void
    public typealias FGemm = @convention(c) (Int, Int, Int, Int, UnsafePointer<Float>?, UnsafePointer<Float>?, Int,
                                             UnsafeMutablePointer<Float>?, Int, UnsafePointer<ep_f32_gemm_params>?,
                                             UnsafeMutablePointer<Float>?) -> Void
    public typealias MaxPool = @convention(c) (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, UnsafePointer<ep_pool_params>?) -> Void
    public typealias U8MaxPool = @convention(c) (UnsafePointer<UInt8>?, UnsafeMutablePointer<UInt8>?, UnsafePointer<ep_pool_params>?) -> Void

    public var isa: ISALevel
    public let dwconv: DWConv
    public let epilogue: Epilogue
    public let vbinary: VBinary
    public let vbinaryc: VBinaryC
    public let globalAverage: GlobalAverage
    public let maxPool: MaxPool
    public let u8MaxPool: U8MaxPool
    /// The float GEMM of convolutions (ep_f32_gemm.h) and its tile: weights are packed in
    /// panels of `mr` rows; threads split the columns in multiples of `nr`.
    public var fgemm: FGemm
    public var fgemmTile: GemmTile
    public var qgemm: QGemm
    /// How `qgemm` wants its operands packed (ep_qu8_qc8w_gemm.h / ep_qu8_qc8w_gemm_c4.h).
    public var qgemmLayout: QGemmLayout = .pairs
    public let quantizeU8: QuantizeU8
    public let dequantizeU8: DequantizeU8
    public let lookupU8: LookupU8
    public let qdwconv: QDWConv

    public enum QGemmLayout: Sendable { case pairs, quads }

    public struct GemmTile: Sendable, Equatable {
        public var mr: Int, nr: Int
    }

    public static let scalar = KernelTable(
        isa: .scalar, dwconv: ep_f32_dwconv_minmax_ukernel__scalar, epilogue: ep_f32_epilogue_ukernel__scalar,
        vbinary: ep_f32_vbinary_ukernel__scalar, vbinaryc: ep_f32_vbinaryc_ukernel__scalar,
        globalAverage: ep_f32_gavgpool_ukernel__scalar, maxPool: ep_f32_maxpool_ukernel__scalar,
        u8MaxPool: ep_u8_maxpool_ukernel__scalar,
        fgemm: ep_f32_gemm_minmax_ukernel_4x8__scalar, fgemmTile: GemmTile(mr: 4, nr: 8),
        qgemm: ep_qu8_qc8w_gemm_minmax_fp32_ukernel__scalar, quantizeU8: ep_f32_qu8_vcvt__scalar,
            dequantizeU8: ep_qu8_f32_vcvt__scalar, lookupU8: ep_u8_lut_ukernel__scalar,
            qdwconv: ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__scalar)

    #if arch(x86_64)
        public static let avx2 = KernelTable(
            isa: .avx2, dwconv: ep_f32_dwconv_minmax_ukernel__avx2, epilogue: ep_f32_epilogue_ukernel__avx2,
            vbinary: ep_f32_vbinary_ukernel__avx2, vbinaryc: ep_f32_vbinaryc_ukernel__avx2,
            globalAverage: ep_f32_gavgpool_ukernel__avx2, maxPool: ep_f32_maxpool_ukernel__avx2,
            u8MaxPool: ep_u8_maxpool_ukernel__avx2,
            fgemm: ep_f32_gemm_minmax_ukernel_6x16__avx2, fgemmTile: GemmTile(mr: 6, nr: 16),
            qgemm: ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x8__avx2, quantizeU8: ep_f32_qu8_vcvt__avx2,
            dequantizeU8: ep_qu8_f32_vcvt__avx2, lookupU8: ep_u8_lut_ukernel__avx2,
            qdwconv: ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__avx2)

        public static let avxvnni = avx2.replacingGEMM(isa: .avxvnni, ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x16c4__avxvnni, layout: .quads)
        /// AVX512-VNNI implies AVX-512 F: the float GEMM is the 512-bit one too.
        public static let avx512vnni: KernelTable = {
            var table = avx2.replacingGEMM(isa: .avx512vnni, ep_qu8_qc8w_gemm_minmax_fp32_ukernel_8x32c4__avx512vnni, layout: .quads)
            table.fgemm = ep_f32_gemm_minmax_ukernel_8x32__avx512f
            table.fgemmTile = GemmTile(mr: 8, nr: 32)
            return table
        }()
    #endif
    #if arch(arm64)
        public static let neon = KernelTable(
            isa: .neon, dwconv: ep_f32_dwconv_minmax_ukernel__neon, epilogue: ep_f32_epilogue_ukernel__neon,
            vbinary: ep_f32_vbinary_ukernel__neon, vbinaryc: ep_f32_vbinaryc_ukernel__neon,
            globalAverage: ep_f32_gavgpool_ukernel__neon, maxPool: ep_f32_maxpool_ukernel__neon,
            u8MaxPool: ep_u8_maxpool_ukernel__scalar,
            fgemm: ep_f32_gemm_minmax_ukernel_8x12__neon, fgemmTile: GemmTile(mr: 8, nr: 12),
            qgemm: ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8__neon, quantizeU8: ep_f32_qu8_vcvt__neon,
            dequantizeU8: ep_qu8_f32_vcvt__neon, lookupU8: ep_u8_lut_ukernel__neon,
            qdwconv: ep_qu8_qc8w_dwconv_minmax_fp32_ukernel__neon)

        public static let neondot = neon.replacingGEMM(isa: .neondot, ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neondot, layout: .quads)
        public static let neoni8mm = neon.replacingGEMM(isa: .neoni8mm, ep_qu8_qc8w_gemm_minmax_fp32_ukernel_4x8c4__neoni8mm, layout: .quads)
    #endif

    /// This table with another integer GEMM (and its operand layout), under another level's name:
    /// the dot-product levels differ from NEON (and the VNNI levels from AVX2) only there.
    public func replacingGEMM(isa: ISALevel, _ qgemm: @escaping QGemm, layout: QGemmLayout) -> KernelTable {
        var table = self
        table.isa = isa
        table.qgemm = qgemm
        table.qgemmLayout = layout
        return table
    }

    /// The table for a level; a level this build lacks falls back to scalar.
    public static func forLevel(_ level: ISALevel) -> KernelTable {
        switch level {
        case .avx2:
            #if arch(x86_64)
                return avx2
            #else
                return scalar
            #endif
        case .avxvnni:
            #if arch(x86_64)
                return avxvnni
            #else
                return scalar
            #endif
        case .avx512vnni:
            #if arch(x86_64)
                return avx512vnni
            #else
                return scalar
            #endif
        case .neon:
            #if arch(arm64)
                return neon
            #else
                return scalar
            #endif
        case .neondot:
            #if arch(arm64)
                return neondot
            #else
                return scalar
            #endif
        case .neoni8mm:
            #if arch(arm64)
                return neoni8mm
            #else
                return scalar
            #endif
        case .scalar: return scalar
        }
    }
}
