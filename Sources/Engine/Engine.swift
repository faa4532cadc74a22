/// Engine — stage 3 (ARCHITECTURE §3): compiles a graph into a plan and runs it.
///
/// Owns operator semantics (one operator per file in `Operators/`: attributes, shape
/// inference, reference evaluation, and the kernel it compiles to), the compiler (support
/// check, shape inference with constant folding, passes, memory plan) and the executor.
///
/// Must not: parse files (EngineONNX does), choose variants (Policy), or allocate per inference.
public enum Engine {}
