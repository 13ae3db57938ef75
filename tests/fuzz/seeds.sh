#!/usr/bin/env bash
# seeds.sh TARGET SOURCE_DIR OUT — writes the seed corpus of a fuzz target into OUT, from the test
# data under SOURCE_DIR/tests/data (good inputs and the bad-input cases alike).
set -euo pipefail
target=$1
data=$2/tests/data
out=$3
mkdir -p "$out"
# put NAME < content: the next numbered seed (counted from the folder: put may run in a pipeline).
put() {
    local n
    n=$(find "$out" -type f | wc -l)
    cat > "$out/$(printf '%03d' $((n + 1)))-$1"
}
copy_ext() {
    while IFS= read -r f; do
        put "$(basename "$f")" < "$f"
    done < <(find "$data" -type f -name "*.$1" -size -256k | LC_ALL=C sort)
}
case $target in
csv)
    while IFS= read -r d; do
        {
            [ -f "$d/nodes.csv" ] && cat "$d/nodes.csv"
            for f in links candidates demands; do
                if [ -f "$d/$f.csv" ]; then
                    printf -- '--%s.csv--\n' "$f"
                    cat "$d/$f.csv"
                fi
            done
        } | put "$(basename "$d").csv"
    done < <(find "$data" -type f \( -name nodes.csv -o -name links.csv \) -printf '%h\n' | LC_ALL=C sort -u)
    ;;
geojson) copy_ext geojson ;;
graphml) copy_ext graphml ;;
sndlib_native) copy_ext txt ;;
sndlib_xml) copy_ext xml ;;
region)
    for spec in all islands north-of-trondheim country:NO country:se 'lat>63.43' 'lat<60' 'lat>1e3' \
                'bbox:10.5,65,18.5,69.4' 'bbox:20,70,10,60' 'bbox:1,2,3' nowhere ''; do
        printf '%s\n' "$spec" | put spec
    done
    while IFS= read -r f; do
        { echo polygon:; cat "$f"; } | put "$(basename "$f")"
    done < <(find "$data" -type f -name '*.geojson' -path '*region*' | LC_ALL=C sort)
    ;;
scenario)
    printf 'failures=links,nodes,srlg,pairs\n' | put failures
    printf 'against=power:north-of-trondheim:4,24,72\nregion=country:NO\n' | put power
    printf 'power-outage=bbox:10.5,65,18.5,69.4:4,24\nfailures=links\n' | put outage
    printf 'core=OSL,STO\nborder=transit:SE,FI\nthreads=2\nseed=7\n' | put core
    printf 'core=none\nborder=deny\nregion=islands\n' | put none
    printf 'core=OSL,,STO\n' | put emptyid
    printf 'threads=0\n' | put threads
    printf 'seed=-1\nseed=2\n' | put twice
    printf 'border=transit:XX\n' | put transit
    printf 'against=power:all:inf\n' | put inf
    printf 'unknown=1\n' | put unknown
    ;;
*)
    echo "seeds.sh: unknown target '$target'" >&2
    exit 2
    ;;
esac
[ "$(find "$out" -type f | wc -l)" -gt 0 ] || { echo "seeds.sh: no seed for $target" >&2; exit 1; }
