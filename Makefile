# EdgePilot — the front door. `make demo` runs the main job, `make test` the tests; both install
# what they need first (`make deps`: Debian/Ubuntu packages, nothing when all are present).

SWIFT       ?= swift
PREFIX      ?= /usr/local
DEMO_BOARD  ?= jetson-orin-nano
APT_PACKAGES = pkg-config libcurl4-openssl-dev libsqlite3-dev libopenblas-dev libsnappy-dev prometheus \
               libonnx-testdata libsimde-dev qemu-user gcc-aarch64-linux-gnu python3 python3-venv openssl curl fakeroot

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test kernel-test rules-test demo install deb deb-test clean bench-sampler

KERNEL_SRCS := $(wildcard Sources/CEngineKernels/*/*.c) $(wildcard Tests/KernelTests/*.c)
KERNEL_CFLAGS := -O2 -std=c11 -I Sources/CEngineKernels/include -I Tests/KernelTests
KERNEL_OUT := .build/kernel-tests

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: '$(SWIFT)' not found: install Swift 6.2 or newer (swift.org/install) and put it on PATH" >&2; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

# XCTest and Swift Testing both run; no --parallel, so the summary lines stay in the output.
test: deps kernel-test rules-test
	scripts/fetch-ddddocr-det || echo "warning: could not fetch ddddocr's detector from PyPI; its test will skip" >&2
	$(SWIFT) build --build-tests
	$(SWIFT) test

# The fleet's Prometheus rules: syntax, then their unit tests (deploy/prometheus).
rules-test: deps
	cd deploy/prometheus && promtool check rules edgepilot.rules.yml && promtool test rules edgepilot.rules.test.yml

# C kernels against their scalar oracle: natively (each x86 level this CPU has), again with the
# x86 intrinsics from SIMDe (so AVX512-VNNI and AVX-VNNI kernels are checked on any CPU), then
# cross-compiled with clang for aarch64 and run under qemu: Cortex-A57 (baseline NEON) and
# `max` (v8.2+).
kernel-test: deps
	@mkdir -p $(KERNEL_OUT)/aarch64
	cc $(KERNEL_CFLAGS) $(KERNEL_SRCS) -lm -o $(KERNEL_OUT)/native
	$(KERNEL_OUT)/native
	cc $(KERNEL_CFLAGS) -DEP_SIMDE $(KERNEL_SRCS) -lm -o $(KERNEL_OUT)/simde
	$(KERNEL_OUT)/simde
	for f in $(KERNEL_SRCS); do \
	  clang --target=aarch64-linux-gnu --sysroot=/usr/aarch64-linux-gnu $(KERNEL_CFLAGS) -c $$f -o $(KERNEL_OUT)/aarch64/$$(basename $$f .c).o || exit 1; \
	done
	aarch64-linux-gnu-gcc $(KERNEL_OUT)/aarch64/*.o -lm -o $(KERNEL_OUT)/aarch64/test_kernels
	qemu-aarch64 -L /usr/aarch64-linux-gnu -cpu cortex-a57 $(KERNEL_OUT)/aarch64/test_kernels
	qemu-aarch64 -L /usr/aarch64-linux-gnu -cpu max $(KERNEL_OUT)/aarch64/test_kernels

demo: deps
	$(SWIFT) build -c release --product edgepilot
	$(SWIFT) build -c release --product edgepilotd
	@echo "== edgepilot hw — this machine"
	.build/release/edgepilot hw
	@echo
	@echo "== edgepilot hw — bundled board fixture $(DEMO_BOARD) (Tests/Fixtures/sys/$(DEMO_BOARD))"
	.build/release/edgepilot hw --root Tests/Fixtures/sys/$(DEMO_BOARD)
	@echo
	@echo "== edgepilot inspect — bundled PP-OCR text-direction classifier (what each pass changed, memory plan)"
	.build/release/edgepilot inspect examples/models/ppocr-cls-v2.0/fp32.onnx --shape x=1,3,48,192
	@echo
	@echo "== edgepilot run — bundled MNIST CNN on the first 16 real test digits (labels 7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5)"
	.build/release/edgepilot run examples/models/mnist-cntk/fp32.onnx --input examples/data/mnist-16x1x28x28.f32 --top 1
	@echo
	@echo "== edgepilot quantize — INT8 (Entropy calibration on the 16 digits) and FP16 variants of the MNIST CNN, built here, then run"
	@echo "   first with the measured cost rule (each conv timed in integer and float on this machine), then every conv in integer"
	.build/release/edgepilot quantize examples/models/mnist-cntk/fp32.onnx --precision int8 --method entropy --calib examples/data/mnist-16x1x28x28.f32 --out .build/mnist-int8-measured.onnx
	.build/release/edgepilot quantize examples/models/mnist-cntk/fp32.onnx --precision int8 --method entropy --no-measure --calib examples/data/mnist-16x1x28x28.f32 --out .build/mnist-int8.onnx
	.build/release/edgepilot run .build/mnist-int8.onnx --input examples/data/mnist-16x1x28x28.f32 --top 1
	.build/release/edgepilot quantize examples/models/mnist-cntk/fp32.onnx --precision fp16 --out .build/mnist-fp16.onnx
	.build/release/edgepilot run .build/mnist-fp16.onnx --input examples/data/mnist-16x1x28x28.f32 --top 1
	@echo
	@echo "== edgepilot run — SqueezeNet 1.1, 100 timed runs on random input, 1 thread"
	.build/release/edgepilot run examples/models/squeezenet1.1/fp32.onnx --random --repeat 100 --top 3
	@echo
	@echo "== edgepilot bench — MNIST CNN FP32/FP16/INT8 on this machine (no rails here: energy estimated from CPU time, and labelled so)"
	.build/release/edgepilot bench examples/models/mnist-cntk/fp32.onnx --precision fp32,fp16,int8 --calib examples/data/mnist-16x1x28x28.f32 \
	  --eval examples/eval/mnist-16 --duration 2 --db .build/demo-results.db
	@echo
	@echo "== edgepilot bench — the same on the $(DEMO_BOARD) tree whose VDD_IN rail is simulated at 3.5 W idle / 9 W while inferring"
	@echo "   (in a private copy of the tree, through the real INA3221 file-reading path: dynamic J/inference should be 5.5 W × mean latency)"
	.build/release/edgepilot bench examples/models/mnist-cntk/fp32.onnx --precision fp32,fp16,int8 --calib examples/data/mnist-16x1x28x28.f32 \
	  --eval examples/eval/mnist-16 --duration 2 --root Tests/Fixtures/sys/$(DEMO_BOARD) --simulate-power 3.5:9.0 --db .build/demo-results.db \
	  --chart .build/demo-pareto.svg
	@echo
	@echo "== edgepilot results — what the two benches stored"
	.build/release/edgepilot results --db .build/demo-results.db --limit 6
	@echo
	@echo "== edgepilot pull — the example registry (examples/registry) signed with a throw-away key, served on 127.0.0.1"
	@echo "   by python3's http.server, pulled into a store, then benched (scripts/demo-registry)"
	EDGEPILOT=.build/release/edgepilot scripts/demo-registry
	@echo
	@echo "== edgepilot simulate — the policy against an oracle that knows the future, on the Orin Nano's SqueezeNet table"
	@echo "   (examples/variants: 15W rows benched here on a simulated rail, other modes estimated — each row says which)"
	@echo "   under load bursts, then a thermal-throttling episode"
	.build/release/edgepilot simulate --variants examples/variants/orin-nano-squeezenet1.1.json \
	  --trace examples/traces/squeezenet1.1/load-bursts.csv --board jetson-orin-nano
	.build/release/edgepilot simulate --variants examples/variants/orin-nano-squeezenet1.1.json \
	  --trace examples/traces/squeezenet1.1/thermal-throttling.csv --board jetson-orin-nano
	@echo
	@echo "== edgepilot simulate — candidates from the runs the Orin Nano bench above stored (MNIST FP32/FP16/INT8 at 15W, simulated rail)"
	.build/release/edgepilot simulate --db .build/demo-results.db --model mnist-cntk/fp32.onnx --board jetson-orin-nano \
	  --trace examples/traces/mnist-cntk/load-bursts.csv
	@echo
	@echo "== edgepilotd — the agent on the $(DEMO_BOARD) tree with a simulated rail: pulls MNIST from the example registry on"
	@echo "   127.0.0.1, builds and measures its variants, chooses, serves on its socket; the CLI sends a load, lowers the budget,"
	@echo "   pins a candidate under load; the registry publishes v2, judged before it may serve; SIGTERM (scripts/demo-daemon)"
	EDGEPILOT=.build/release/edgepilot EDGEPILOTD=.build/release/edgepilotd scripts/demo-daemon

# Benchmarks outside CI: the power sampler's own CPU cost at 100 Hz (Benchmarks/, ordo-one/benchmark).
bench-sampler: deps
	cd Benchmarks && $(SWIFT) package benchmark --no-progress

install: deps
	$(SWIFT) build -c release --product edgepilot
	$(SWIFT) build -c release --product edgepilotd
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/edgepilot/profiles
	install -m 0755 .build/release/edgepilot .build/release/edgepilotd $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 profiles/*.yaml $(DESTDIR)$(PREFIX)/share/edgepilot/profiles/
	install -D -m 0644 systemd/edgepilotd.service $(DESTDIR)/etc/systemd/system/edgepilotd.service
	install -D -m 0644 systemd/edgepilotd.env $(DESTDIR)/etc/default/edgepilotd
	# The example config only where none is (an operator's config is never overwritten).
	[ -e $(DESTDIR)/etc/edgepilot/config.yaml ] || install -D -m 0640 systemd/config.yaml $(DESTDIR)/etc/edgepilot/config.yaml
	# Shell completions, generated by swift-argument-parser.
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	.build/release/edgepilot --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/edgepilot
	.build/release/edgepilot --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_edgepilot
	.build/release/edgepilot --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/edgepilot.fish

# A .deb (dpkg-deb; Swift runtime static) and, as root on a throw-away machine, its install test.
deb: deps
	SWIFT=$(SWIFT) scripts/make-deb

deb-test: deps
	SWIFT=$(SWIFT) scripts/test-deb

clean:
	rm -rf .build .build-deb
