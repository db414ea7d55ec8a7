#!/usr/bin/env bash
# `npm run fuzz`: runs every cargo-fuzz target for FUZZ_SECONDS (default 60) each and prints a
# table of executions and crashes. Installs the nightly toolchain and cargo-fuzz when missing.
# Crashes land in fuzz/artifacts/<target>/; turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "[fuzz] installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz --locked
fi

targets=$(cargo +nightly fuzz list)
results=()
status=0
for target in $targets; do
  mkdir -p "fuzz/corpus/$target"
  log="fuzz/target/$target.log"
  mkdir -p fuzz/target
  echo "[fuzz] $target for ${seconds}s"
  if cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    crashes=0
  else
    crashes=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
    [ "$crashes" -eq 0 ] && crashes="error (see $log)"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  results+=("$(printf '%-20s %12s %10s %8s  %s' "$target" "${execs:-?}" "${rate:-?}" "$corpus" "$crashes")")
done

printf '\n%-20s %12s %10s %8s  %s\n' target executions "exec/s" corpus crashes
printf '%s\n' "${results[@]}"
exit "$status"
