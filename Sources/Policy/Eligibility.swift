import Basics

/// Which candidates may be chosen at all, and why the others may not: a power mode that needs a
/// reboot or that the operator does not let the policy switch to, more memory than allowed, or
/// an accuracy below the floor (the best FP32 candidate's accuracy minus the allowed drop).
enum Eligibility {
    struct Refused {
        var candidate: Candidate
        var why: String
    }

    static func split(_ candidates: [Candidate], _ constraints: Constraints) -> (allowed: [Candidate], refused: [Refused]) {
        let reference = candidates.filter { $0.precision == .fp32 }.compactMap(\.accuracy).max()
        var allowed: [Candidate] = [], refused: [Refused] = []
        for candidate in candidates {
            if let why = refusal(candidate, constraints, reference: reference) {
                refused.append(Refused(candidate: candidate, why: why))
            } else {
                allowed.append(candidate)
            }
        }
        return (allowed, refused)
    }

    private static func refusal(_ c: Candidate, _ constraints: Constraints, reference: Double?) -> String? {
        if let mode = c.powerMode, mode != constraints.currentPowerMode {
            if constraints.powerModes.first(where: { $0.name == mode })?.needsReboot == true { return "power mode \(mode) needs a reboot" }
            if !constraints.allowPowerModeSwitching && constraints.currentPowerMode != nil {
                return "power mode \(mode): switching modes is not allowed (the board is in \(constraints.currentPowerMode!))"
            }
        }
        if let limit = constraints.memoryLimitBytes, let memory = c.memoryBytes, memory > limit {
            return "needs \(memory) bytes of memory, over the \(limit) allowed"
        }
        if let drop = constraints.maxAccuracyDropPoints, let reference {
            guard let accuracy = c.accuracy else { return "accuracy not measured (the floor is \(Format.fixed(reference - drop, 2)) %)" }
            if accuracy < reference - drop - 1e-9 {
                return "accuracy \(Format.fixed(accuracy, 2)) % is below the floor \(Format.fixed(reference - drop, 2)) % (FP32 \(Format.fixed(reference, 2)) % − \(Format.fixed(drop, 2)))"
            }
        }
        return nil
    }
}
