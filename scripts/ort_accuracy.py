#!/usr/bin/env python3
"""ONNX Runtime's top-1 on the eval subsets EdgePilot's tests use (Tests/EngineTests/Support/SharedModels.swift):
Iris 150, MNIST 10,000, PP-OCR 200, SqueezeNet 50. The expected numbers in QuantizedModelTests come from here.

    .build/bench-venv/bin/python scripts/ort_accuracy.py [--variants "int8_qdq int8_qop int8_dyn"]
"""
import argparse
import os

import numpy as np
import onnxruntime as ort

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "models")


def load(name):
    def raw(file, dtype):
        return np.fromfile(os.path.join(SHARED, name, "eval", file), dtype=dtype)

    labels = raw("labels.bin", np.int32)
    if name == "iris-mlp":
        return raw("features.bin", np.float32).reshape(-1, 1, 4)[:150], labels[:150]
    if name == "mnist-cntk":
        return raw("images.bin", np.uint8).astype(np.float32).reshape(-1, 1, 1, 28, 28)[:10000], labels[:10000]
    if name == "squeezenet1.1":
        images = raw("images_bgr.bin", np.uint8).astype(np.float32).reshape(-1, 1, 3, 224, 224)[:50]
        return images - np.array([104, 117, 123], np.float32).reshape(1, 1, 3, 1, 1), labels[:50]
    crops = raw("crops_bgr.bin", np.uint8).astype(np.float32).reshape(-1, 1, 3, 48, 192)[:200]
    widths = raw("valid_width.bin", np.int32)[:200]
    x = (crops / 255 - 0.5) / 0.5
    for i, w in enumerate(widths):
        x[i, :, :, :, w:] = 0
    return x, labels[:200]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", default="int8_qdq int8_qop int8_dyn")
    parser.add_argument("--reference-qdq", action="store_true",
                        help="no graph optimisation: QDQ runs as DequantizeLinear → float op → QuantizeLinear")
    args = parser.parse_args()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    if args.reference_qdq:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    for name in ["iris-mlp", "mnist-cntk", "ppocr-cls-v2.0", "squeezenet1.1"]:
        inputs, labels = load(name)
        for variant in args.variants.split():
            session = ort.InferenceSession(os.path.join(SHARED, name, variant + ".onnx"), options, providers=["CPUExecutionProvider"])
            feed = session.get_inputs()[0].name
            correct = sum(int(np.argmax(session.run(None, {feed: x})[0]) == y) for x, y in zip(inputs, labels))
            print(f"{name} {variant}: {correct}/{len(labels)} = {100 * correct / len(labels):.2f}%")


if __name__ == "__main__":
    main()
