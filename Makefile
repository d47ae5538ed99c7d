# wanzheng — the two commands of the README:
#   make demo   runs the main job: the CLI on the bundled example projects
#   make test   runs every test (Rust, C, Java, Python), installing what it needs
# Other targets: make check (quick Rust loop), make install PREFIX=/usr/local, make bench,
# make soak (random commands from the transition tables, replay = state; make soak-full: the
# 1,000,000-command run with peak memory), make fuzz (FUZZING.md), make miri, make msrv.

CARGO ?= cargo
PREFIX ?= /usr/local

.PHONY: demo test check rust-test examples-test report-test python-test c-test java-test calendar-test install bench schema header soak soak-full fuzz miri msrv

demo:
	@scripts/demo.sh

test:
	@scripts/test-all.sh

check:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) test --workspace --locked

rust-test:
	@scripts/test-rust.sh

examples-test:
	@scripts/check-examples.sh

report-test:
	@scripts/test-report.sh

python-test:
	@scripts/test-python.sh

c-test:
	@scripts/test-c.sh

java-test:
	@scripts/test-java.sh

install:
	@scripts/install.sh "$(PREFIX)"

bench:
	$(CARGO) bench -p wanzheng-bench

schema:
	UPDATE_SCHEMA=1 $(CARGO) test -p wanzheng --lib schema

soak:
	$(CARGO) run --release -p wanzheng-bench --bin soak -- 20000 200

# 1,000,000 commands over 10,000 projects (release); peak RSS from /usr/bin/time -v.
soak-full:
	$(CARGO) build --release --locked -p wanzheng-bench --bin soak
	/usr/bin/time -v target/release/soak 1000000 10000

fuzz:
	@scripts/fuzz.sh

miri:
	@scripts/miri.sh

msrv:
	@scripts/msrv.sh
