# Thin wrapper around CMake: installs what is missing, configures, builds, runs.
#   make run    set up, build, and run the main job on data/nordic (report in out/)
#   make test   set up, build, and run the whole suite through CTest
#   make bench  set up, build, and run the benchmarks against their peers
BUILD ?= build
OUT ?= out
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
CMAKE_FLAGS += -DOMV_WERROR=ON
endif

# Debian packages: build and run dependencies, then the peers used by the benchmarks.
DEPS = build-essential cmake pkg-config libigraph-dev libglpk-dev glpk-utils libproj-dev proj-bin \
       proj-data check libjansson-dev libyaml-dev libxml2-dev python3 python3-networkx jq python3-pyproj
BENCH_DEPS = python3-igraph coinor-cbc time
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps bench-deps build build-cli run test test-shared bench clean

all: build

deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

bench-deps: deps
	@missing=""; for p in $(BENCH_DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# The main job needs only the command, not the test programs.
build-cli: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target omvei_cli -- --no-print-directory

run: build-cli
	./data/main-job.sh $(BUILD)/omvei $(OUT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE long

test-shared: build
	cd $(BUILD) && ctest --output-on-failure -L shared-data

bench: bench-deps build
	./bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(OUT)
