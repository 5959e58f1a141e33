#!/usr/bin/env bash
# Adds up the test counts in the logs `make test` wrote and prints them; the last line is
# `total: N passed, M failed`, the line CI reads.
set -euo pipefail
logs=${1:-target/test-logs}

# cargo test (native and wasm-bindgen-test): "test result: ok. 35 passed; 0 failed; ..."
cargo_counts() {
  grep -hoE 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$1" \
    | awk '{p += $4; f += $6} END {printf "%d %d\n", p, f}'
}
# node --test: "ℹ pass 7" / "ℹ fail 0"
node_counts() {
  awk '/^ℹ pass /{p = $3} /^ℹ fail /{f = $3} END {printf "%d %d\n", p, f}' "$1"
}

read -r native_pass native_fail < <(cargo_counts "$logs/native.log")
read -r browser_pass browser_fail < <(cargo_counts "$logs/browser.log")
read -r e2e_pass e2e_fail < <(node_counts "$logs/e2e.log")
total_line=$(grep -E '^total ' "$logs/size.log" || echo 'total (no size report)')
first_load=$(grep -E '^first load ' "$logs/budgets.log" || echo 'first load (no budget report)')
wasm_js=$(grep -E '^wasm \+ js ' "$logs/budgets.log" || echo 'wasm + js (no budget report)')

echo
echo "native tests (cargo test):            ${native_pass} passed, ${native_fail} failed"
echo "browser tests (wasm-bindgen-test):    ${browser_pass} passed, ${browser_fail} failed"
echo "end-to-end tests (Chromium, dist/):   ${e2e_pass} passed, ${e2e_fail} failed"
echo "checks: cargo fmt, clippy (native, wasm32), snapshot up to date, trunk build --release"
echo "dist/ ${total_line#total }  (raw, gzip, brotli)"
echo "budget: ${first_load}"
echo "budget: ${wasm_js}"
echo "total: $((native_pass + browser_pass + e2e_pass)) passed, $((native_fail + browser_fail + e2e_fail)) failed"
