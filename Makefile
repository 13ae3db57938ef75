# Thin wrapper around CMake: installs what is missing, configures, builds, runs.
#   make run    set up, build, and run the main job on data/nordic (report in out/)
#   make test   set up, build, and run the whole suite through CTest
#   make bench  set up, build, and run the benchmarks against their peers
#   make test-asan  the whole suite again, built with AddressSanitizer and UBSan (in build-asan)
#   make fuzz   run each libFuzzer target for FUZZ_SECONDS (needs clang; in build-fuzz)
BUILD ?= build
OUT ?= out
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
CMAKE_FLAGS += -DOMV_WERROR=ON
endif

# Debian packages: build and run dependencies, then the peers used by the benchmarks.
DEPS = build-essential cmake pkg-config libigraph-dev libglpk-dev glpk-utils libproj-dev proj-bin \
       proj-data check libjansson-dev libyaml-dev libxml2-dev python3 python3-networkx python3-pyproj jq \
       chromium-headless-shell
DEPS += coinor-libclp-dev
# A one-node Slurm cluster for the test of data/slurm/ (label slurm).
DEPS += slurm-wlm munge
BENCH_DEPS = python3-igraph coinor-cbc time
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps bench-deps fuzz-deps build build-cli run test test-shared test-asan fuzz bench clean

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
	$(BUILD)/omvei run data/main-job.yaml -o $(OUT)
	@echo
	@echo "Report folder $(OUT)/: open $(OUT)/report.html in a browser, $(OUT)/map.geojson in QGIS."

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE long

test-shared: build
	cd $(BUILD) && ctest --output-on-failure -L shared-data

bench: bench-deps build
	./bench/run.sh $(BUILD)

# Sanitizer build: any report of AddressSanitizer, LeakSanitizer or UBSan fails the test that caused it.
# The slurm and browser tests are left to the plain run: they time Slurm's daemons and Chromium, and
# the omvei commands they drive run under the sanitizers in the cli tests.
ASAN_BUILD ?= build-asan
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
          UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="$(SAN_FLAGS) -O1" \
	  -DCMAKE_EXE_LINKER_FLAGS="$(SAN_FLAGS)" -DCMAKE_SHARED_LINKER_FLAGS="$(SAN_FLAGS)"

test-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory
	cd $(ASAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -LE '^(long|slurm|browser)$$'

# Fuzzing with libFuzzer (clang): each target runs FUZZ_SECONDS on its corpus in $(FUZZ_BUILD)/corpus,
# seeded from the test data; crashes land in $(FUZZ_BUILD)/findings. Commit a reproducer of each to
# tests/fuzz/regress/TARGET/, which make test replays.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv geojson graphml sndlib_native sndlib_xml region scenario
FUZZ_DEPS = clang-14 libclang-rt-14-dev libomp-14-dev
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

fuzz-deps: deps
	@missing=""; for p in $(FUZZ_DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang-14 -DOMV_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS="$(FUZZ_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(FUZZ_FLAGS)" \
	  -DCMAKE_SHARED_LINKER_FLAGS="$(FUZZ_FLAGS)"

fuzz: fuzz-deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers -- --no-print-directory
	@mkdir -p $(FUZZ_BUILD)/findings; status=0; \
	for t in $(FUZZ_TARGETS); do \
	  [ -x $(FUZZ_BUILD)/fuzz/fuzz_$$t ] || { echo "fuzz_$$t: not built, skipped"; continue; }; \
	  c=$(FUZZ_BUILD)/corpus/$$t; \
	  [ -d $$c ] || bash tests/fuzz/seeds.sh $$t . $$c; \
	  r=tests/fuzz/regress/$$t; [ -d $$r ] || r=; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -timeout=20 \
	    -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_BUILD)/findings/$$t- $$c $$r \
	    > $(FUZZ_BUILD)/fuzz_$$t.log 2>&1 || status=1; \
	  grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|ERROR|SUMMARY' $(FUZZ_BUILD)/fuzz_$$t.log; \
	done; exit $$status

clean:
	rm -rf $(BUILD) $(OUT) $(ASAN_BUILD) $(FUZZ_BUILD)
