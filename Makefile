# Shortcuts for the scripts the README names; the scripts work without make.
.PHONY: run test bench lint format vendor

run:
	scripts/serve.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

vendor:
	scripts/vendor_frontend.sh
