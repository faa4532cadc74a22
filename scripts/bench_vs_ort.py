"""Interleaved EdgePilot vs ONNX Runtime latency (driven by scripts/bench-vs-ort).

Each round times, for every model and thread count, ORT then EdgePilot (in a fresh process,
`edgepilot run --repeat`), both on the same raw input file; the table reports the median over
rounds of each side's per-round median, and the median of the per-round ratios.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

import numpy as np
import onnxruntime as ort

SHAPES = {"squeezenet1.1": [1, 3, 224, 224], "ppocr-cls-v2.0": [1, 3, 48, 192], "mnist-cntk": [1, 1, 28, 28], "iris-mlp": [1, 4],
          "ppocr-det-v4": [1, 3, 640, 640], "ddddocr-det": [1, 3, 416, 416]}
# The detectors take 50-200 ms a run: fewer timed runs, so that a round stays under a minute.
RUNS = {"ppocr-det-v4": (20, 3), "ddddocr-det": (20, 3)}


def ort_median(path, feed, threads, runs, warmup):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    for _ in range(warmup):
        session.run(None, feed)
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        session.run(None, feed)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times) / 1e6


def ours_median(binary, path, name, input_name, input_file, threads, runs, warmup):
    # No ORT session is alive meanwhile: its idle thread pool would compete with ours for the cores.
    shape = ",".join(map(str, SHAPES[name]))
    out = subprocess.run([binary, "run", path, "--input", input_file, "--shape", f"{input_name}={shape}", "--threads", str(threads),
                          "--repeat", str(runs), "--warmup", str(warmup)], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"median ([0-9.]+)", out).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edgepilot", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--models", nargs="+", required=True)
    parser.add_argument("--variants", nargs="+", default=["fp32"],
                        help="fp32 (bundled) and/or fp16, int8_qdq, int8_qop (read from ../shared/models)")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    inputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.models:
            x = rng.uniform(-1, 1, SHAPES[name]).astype(np.float32)
            inputs[name] = (x, os.path.join(tmp, f"{name}.f32"))
            x.tofile(inputs[name][1])
        results = {}
        for round_index in range(args.rounds):
            for name, variant in [(n, v) for n in args.models for v in args.variants]:
                path = f"examples/models/{name}/fp32.onnx" if variant == "fp32" else f"../shared/models/{name}/{variant}.onnx"
                if not os.path.exists(path):
                    print(f"skipping {name} {variant}: {path} not found", file=sys.stderr)
                    continue
                for threads in (1, 2):
                    x, file = inputs[name]
                    input_name = ort.InferenceSession(path, providers=["CPUExecutionProvider"]).get_inputs()[0].name
                    runs, warmup = RUNS.get(name, (args.runs, args.warmup))
                    theirs = ort_median(path, {input_name: x}, threads, runs, warmup)
                    try:
                        ours = ours_median(args.edgepilot, path, name, input_name, file, threads, runs, warmup)
                    except subprocess.CalledProcessError as error:
                        print(f"edgepilot cannot run {path}: {error.stderr.strip()}", file=sys.stderr)
                        continue
                    results.setdefault((name, variant, threads), []).append((ours, theirs))
                    print(f"round {round_index + 1}: {name} {variant} {threads}T ours {ours:.4f} ms, ORT {theirs:.4f} ms", file=sys.stderr)
    print(f"onnxruntime {ort.__version__}; {args.rounds} interleaved rounds x {args.runs} timed runs (+{args.warmup} warm-up; "
          + ", ".join(f"{n} {r} (+{w})" for n, (r, w) in RUNS.items() if n in args.models) + "); batch 1")
    print("| model | variant | threads | EdgePilot median ms | ORT median ms | ratio (ours/ORT, median of rounds) |")
    print("|---|---|---:|---:|---:|---:|")
    for (name, variant, threads), pairs in results.items():
        ours = statistics.median(p[0] for p in pairs)
        theirs = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        print(f"| {name} | {variant} | {threads} | {ours:.4f} | {theirs:.4f} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
