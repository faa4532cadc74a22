import Foundation
import Testing
@testable import Daemon

@Suite struct PeerCredentialsTests {
    @Test func rootTheDaemonsUserAndTheGroupAreLetIn() {
        #expect(PeerCredentials(pid: 1, uid: 0, gid: 0).allowed(group: nil))
        #expect(PeerCredentials(pid: 1, uid: getuid(), gid: getgid()).allowed(group: nil))
        #expect(!PeerCredentials(pid: 1, uid: 65534, gid: 65534).allowed(group: nil))
        #expect(PeerCredentials(pid: 1, uid: 65534, gid: 65534).allowed(group: 65534), "nobody's primary group")
        #expect(!PeerCredentials(pid: 1, uid: 65534, gid: 65534).allowed(group: 4242))
        #expect(PeerCredentials.groupID("root") == 0 && PeerCredentials.groupID("no-such-group-\(UUID().uuidString.prefix(6))") == nil)
    }
}
