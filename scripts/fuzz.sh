#!/usr/bin/env bash
# Runs marginalia's fuzz targets (the cargo-fuzz project in fuzz/) one after another.
#
# Usage: scripts/fuzz.sh [-t SECONDS] [TARGET...]
#
#   -t SECONDS   how long to fuzz each target (default: $FUZZ_SECONDS or 60)
#   TARGET       split | annotations_file | anchor | wrap | session (default: all five)
#
# Extra libFuzzer flags can be passed in $FUZZ_FLAGS (e.g. FUZZ_FLAGS="-max_len=8192").
#
# What each target feeds and checks is documented in fuzz/src/lib.rs (session: in
# fuzz/src/machine.rs); the same checks run on stable in `cargo test` through
# tests/fuzz_regressions.rs and tests/state_machine.rs.
#
# Needs: cargo-fuzz (installed here with `cargo install cargo-fuzz --locked` if missing),
# a C++ compiler for libFuzzer (clang or g++; `apt-get install -y clang` on Debian), and a
# nightly compiler, or a stable one with RUSTC_BOOTSTRAP=1, which this script sets when
# rustc is not nightly (cargo-fuzz uses -Z flags for sanitizer coverage).
#
# The corpus grows in fuzz/corpus/<target>/ (seeded from tests/fixtures on first run) and
# crashes land in fuzz/artifacts/<target>/; both are git-ignored. Reproduce a crash with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/crash-<hash>
# then add its bytes as a regression test in tests/fuzz_regressions.rs.
#
# Exit status: 0 if no target crashed, 1 if any did, 2 on a usage or setup error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${FUZZ_SECONDS:-60}"
all_targets=(split annotations_file anchor wrap session)

while getopts "t:h" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    h) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

case "$seconds" in
  '' | *[!0-9]*) echo "fuzz: -t needs a whole number of seconds, not '$seconds'" >&2; exit 2 ;;
esac
for t in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$t.rs" ]; then
    echo "fuzz: no target '$t' (have: ${all_targets[*]})" >&2
    exit 2
  fi
done

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
if ! command -v clang++ >/dev/null 2>&1 && ! command -v c++ >/dev/null 2>&1; then
  echo "fuzz: no C++ compiler for libFuzzer; install one (apt-get install -y clang)" >&2
  exit 2
fi
if ! rustc --version | grep -q nightly; then
  # cargo-fuzz needs nightly-only flags; this lets the stable compiler accept them.
  export RUSTC_BOOTSTRAP=1
fi

# Seeds a target's corpus the first time, from the test fixtures.
seed() {
  local t="$1" dir="fuzz/corpus/$1" f i=0
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return 0
  mkdir -p "$dir"
  for f in tests/fixtures/*.txt; do
    i=$((i + 1))
    case "$t" in
      split) cp "$f" "$dir/seed-$i" ;;
      # width byte, then the text
      wrap) { printf '\050'; cat "$f"; } >"$dir/seed-$i" ;;
      # essay now, 0xFF, (empty: same essay), 0xFF, anchor spec: mode 5 (made by
      # anchor_for, fingerprint of now), start 10, end 40
      anchor) { cat "$f"; printf '\377\377\005\012\000\050\000'; } >"$dir/seed-$i" ;;
    esac
  done
  if [ "$t" = session ]; then
    # Ops of 6 bytes (see fuzz/src/machine.rs): every key script in turn, each followed
    # by an edit of the annotations file by another program, then a reopen.
    for i in $(seq 0 17); do
      printf "\\$(printf %o 105)\\$(printf %o "$i")\\0\\0\\0\\0"
      printf '\334\000\007\011\003\000'
    done >"$dir/seed-1"
    printf '\377\000\000\000\000\000' >>"$dir/seed-1"
  fi
  if [ "$t" = annotations_file ]; then
    cat >"$dir/seed-1" <<'JSON'
{"version":1,"source":"essays.txt","essays":[{"id":"on-margins","title":"On margins","fingerprint":"sha256:00"}],
 "annotations":[{"id":"a1","essay":"on-margins","anchor":{"quote":"margin","prefix":"the ","suffix":" holds",
 "start":27,"end":33,"fingerprint":"sha256:00"},"colour":"yellow","note":"n","tags":["t"],
 "created":"2024-05-24T10:00:00Z","modified":"2024-05-24T10:00:00Z"}],
 "links":[{"from":"a1","to":"a1","relation":"supports","created":"2024-05-24T10:00:00Z"}]}
JSON
  fi
}

failed=()
for t in "${targets[@]}"; do
  seed "$t"
  echo "==> fuzzing $t for ${seconds}s"
  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  if ! cargo fuzz run "$t" -- -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -print_final_stats=1 ${FUZZ_FLAGS:-}; then
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: no crashes in ${targets[*]}"
