import Hummingbird
import NIOCore

/// The request context of the control API: Hummingbird's core context plus the connection's
/// channel, from which the peer's credentials are read.
public struct ControlContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Inference inputs are raw tensors: allow up to 64 MiB.
    public static let uploadLimit = 64 << 20
    public var maxUploadSize: Int { Self.uploadLimit }
}
