#!/bin/sh
# Runs one cargo-fuzz target, or all of them, for SECONDS each.
#
#   fuzz/run.sh <target|all> <seconds> [libFuzzer options...]
#
# Builds with the stable toolchain: RUSTC_BOOTSTRAP=1 lets it take the nightly
# flags cargo-fuzz passes. New inputs go to $FUZZ_WORK/<target> (default
# fuzz/work, not committed); the committed seeds in fuzz/corpus/<target> are
# read, never written. Crashes land in fuzz/artifacts/<target>/. FUZZ_SANITIZER
# picks the sanitizer: none by default, the build `cargo xtask test` uses (our
# crates forbid unsafe code, and it runs about twice as fast); address also
# watches the unsafe code of dependencies, at the cost of a second build.
set -eu

TARGETS="api_response webhook_payload sandbox_hashfile sandbox_multipart pdf_upload"

if [ $# -lt 2 ]; then
    echo "usage: $0 <target|all> <seconds> [libFuzzer options...]" >&2
    echo "targets: $TARGETS" >&2
    exit 2
fi
which=$1
seconds=$2
shift 2

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-$fuzz_dir/work}
sanitizer=${FUZZ_SANITIZER:-none}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 1
fi

case $which in
    all) selected=$TARGETS build= ;;
    *)
        case " $TARGETS " in
            *" $which "*) selected=$which build=$which ;;
            *)
                echo "unknown target $which; targets: $TARGETS" >&2
                exit 2
                ;;
        esac
        ;;
esac

cd "$fuzz_dir/.."
# Without a target, cargo fuzz builds them all.
cargo fuzz build --sanitizer "$sanitizer" $build
# The sandbox targets keep a data directory and a local PKI for the whole run in
# TMPDIR: give them one that goes away with the run.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/oneshot-fuzz-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export TMPDIR="$scratch"
for target in $selected; do
    mkdir -p "$work/$target"
    echo "== $target for ${seconds}s"
    cargo fuzz run --sanitizer "$sanitizer" "$target" "$work/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=20 -print_final_stats=1 "$@"
done
