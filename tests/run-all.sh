#!/usr/bin/env bash
# npm run test:all — the whole test suite: system packages if missing, build, tslab kernel,
# then vitest over everything (unit, conformance, end-to-end, notebooks) with the default
# reporter on the console and a JSON report in tests/output/vitest.json, and finally one plain
# line "N passed, N failed" (", N skipped" when any) counted from the JSON. Exit 0 only when
# nothing failed. Extra arguments go to vitest (e.g. a path to run one folder).
set -uo pipefail
cd "$(dirname "$0")/.."

mkdir -p tests/output
rm -f tests/output/vitest.json tests/output/summary.txt

bash tests/setup-system.sh || { echo "test:all: could not install the system packages" >&2; }

echo "test:all: building (npm run build)"
if ! node node_modules/typescript/bin/tsc -p tsconfig.build.json; then
  echo "test:all: the build reported TypeScript errors (listed above); tests run on what was emitted" >&2
fi

node notebooks/tools/setup.mjs --quiet || echo "test:all: tslab kernel setup failed; the notebook tests will fail" >&2

node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json=tests/output/vitest.json "$@"
status=$?

node tests/summarise.mjs tests/output/vitest.json "$status"
