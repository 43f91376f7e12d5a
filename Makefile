# The two commands of the README (run, test), plus bench. Each installs what it needs first.
BUILD_JOBS ?= 2
DB ?= data/book.sqlite
PORT ?= 8080
BIN_RELEASE := build/release/microfactor

.PHONY: deps run test bench build-release build-test web format clean reliability fuzz

deps:
	@scripts/install-deps

build-release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(BUILD_JOBS)

build-test: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(BUILD_JOBS)

# The dashboard's bundle (web/dist), served by `microfactor serve`; npm ci only when web/node_modules is
# missing or older than web/package-lock.json.
web: deps
	@scripts/build-web

run: build-release web
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then $(BIN_RELEASE) --db sqlite:$(DB) demo; fi
	@$(BIN_RELEASE) --db sqlite:$(DB) report portfolio
	@exec $(BIN_RELEASE) --db sqlite:$(DB) serve --port $(PORT)

test: build-test web
	@cd build/asan && LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 ctest --output-on-failure -j $(BUILD_JOBS)
	@scripts/fuzz $(FUZZ_TEST_SECONDS)

bench: build-release
	@scripts/run-benchmarks build/release

# The long rounds of docs/reliability.md on the Release build, each printing its seed and counts: the kill test
# (SIGKILL under concurrent API writes and CLI file commands, 200 kills by default), the deterministic simulation
# of the book (SIM_SECONDS of seeded operation streams, invariants after every step) and PostgreSQL stopped and
# restarted under load (OUTAGES times). KILLS=N and SEED=N choose another round.
KILLS ?= 200
SIM_SECONDS ?= 300
OUTAGES ?= 10
reliability: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(BUILD_JOBS) --target microfactor mf_simulate
	@python3 tests/reliability/kill_test.py --bin $(BIN_RELEASE) --kills $(KILLS) $(if $(SEED),--seed $(SEED))
	@build/release/mf_simulate --seconds $(SIM_SECONDS) --steps 400 $(if $(SEED),--seed $(SEED))
	@python3 tests/reliability/pg_faults_test.py --bin $(BIN_RELEASE) --outages $(OUTAGES) $(if $(SEED),--seed $(SEED))

# The libFuzzer targets of fuzz/ (clang, build/fuzz): FUZZ_SECONDS each, printing the executions and any crash
# file (docs/fuzzing.md). `make test` runs the same targets for FUZZ_TEST_SECONDS each and fails on a crash.
FUZZ_SECONDS ?= 300
FUZZ_TEST_SECONDS ?= 6
fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

format:
	@clang-format -i $$(git ls-files 'src/*.hpp' 'src/*.cpp' 'tests/*.hpp' 'tests/*.cpp' 'bench/*.cpp')

clean:
	rm -rf build
