#!/usr/bin/env bash
# exported_symbols.sh LIBOMVEI.so INCLUDE_DIR (the sources are in INCLUDE_DIR/../src) — the shared library exports exactly the public API:
# every symbol it defines for its users starts with omv_ (never omv__), and every function the
# headers declare with OMV_API is among them.
set -uo pipefail
lib=$1
inc=$2
src=$(dirname "$inc")/src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Defined dynamic symbols, without the ELF bookkeeping names the linker adds to every library.
nm -D --defined-only "$lib" | awk '{print $NF}' | grep -Ev '^(_init|_fini|_edata|_end|__bss_start)$' |
    sort -u > "$tmp/exported"
grep -rhoE 'OMV_API[^(]*\bomv_[a-z0-9_]+\(' "$inc" | grep -oE 'omv_[a-z0-9_]+\($' | tr -d '(' |
    sort -u > "$tmp/declared"
failed=0
bad=$(grep -E '^omv__|^[^o]|^o[^m]|^om[^v]|^omv[^_]' "$tmp/exported")
if [ -n "$bad" ]; then
    echo "FAIL exported but not public API ($(echo "$bad" | wc -l)):"; echo "$bad" | head -n 40 | sed 's/^/  /'
    failed=1
fi
# A declaration without a definition anywhere is not an export problem (an interface whose code has
# not landed yet); one whose definition exists but is not exported is.
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
for f in $missing; do
    if grep -rqE "^[a-z].*[ *]$f\(" "$src"; then
        echo "FAIL $f is defined under src/ and declared OMV_API, but not exported"; failed=1
    else
        echo "note: $f is declared but defined nowhere yet"
    fi
done
undeclared=$(comm -23 "$tmp/exported" "$tmp/declared")
if [ -n "$undeclared" ]; then
    echo "FAIL exported without an OMV_API declaration:"; echo "$undeclared" | sed 's/^/  /'
    failed=1
fi
echo "$(wc -l < "$tmp/exported") symbols exported, $(wc -l < "$tmp/declared") declared OMV_API"
exit $failed
