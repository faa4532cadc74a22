# EdgePilot — the front door. `make demo` runs the main job, `make test` the tests; both install
# what they need first (`make deps`: Debian/Ubuntu packages, nothing when all are present).

SWIFT       ?= swift
PREFIX      ?= /usr/local
DEMO_BOARD  ?= jetson-orin-nano
APT_PACKAGES = pkg-config libcurl4-openssl-dev libsqlite3-dev libopenblas-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test demo install clean

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
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

demo: deps
	$(SWIFT) build -c release --product edgepilot
	@echo "== edgepilot hw — this machine"
	.build/release/edgepilot hw
	@echo
	@echo "== edgepilot hw — bundled board fixture $(DEMO_BOARD) (Tests/Fixtures/sys/$(DEMO_BOARD))"
	.build/release/edgepilot hw --root Tests/Fixtures/sys/$(DEMO_BOARD)

install: deps
	$(SWIFT) build -c release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/edgepilot/profiles
	install -m 0755 .build/release/edgepilot .build/release/edgepilotd $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 profiles/*.yaml $(DESTDIR)$(PREFIX)/share/edgepilot/profiles/
	install -D -m 0644 systemd/edgepilotd.service $(DESTDIR)/etc/systemd/system/edgepilotd.service
	install -D -m 0644 systemd/edgepilotd.env $(DESTDIR)/etc/default/edgepilotd

clean:
	rm -rf .build
