#!/usr/bin/env bash
# test_install.sh OMVEI SOURCE_DIR — installs the build into a temporary prefix and checks what a user
# of the library gets: the command, the library, the headers, the model and an omvei.pc with which a
# program compiles, links and loads the sample network.
set -uo pipefail
build=$(cd "$(dirname "$1")" && pwd)
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() {
    if eval "$2" > "$tmp/log" 2>&1; then
        echo "ok   $1"; passed=$((passed + 1))
    else
        echo "FAIL $1"; sed 's/^/  | /' "$tmp/log"; failed=$((failed + 1))
    fi
}
check "cmake --install" "cmake --install '$build' --prefix '$tmp/p'"
for f in bin/omvei include/omvei.h include/omvei/common.h include/omvei/export.h include/omvei/spof.h \
         include/omvei/plan.h share/omvei/models/protect.mod; do
    check "installs $f" "test -f '$tmp/p/$f'"
done
check "installs the shared library" "ls '$tmp/p'/lib*/libomvei.so >/dev/null"
pc=$(ls -d "$tmp/p"/lib*/pkgconfig 2>/dev/null | head -n 1)
libdir=$(dirname "$pc")
# The build's own C flags (the sanitizer build adds -fsanitize=...), so that the program is compiled
# and linked the way the library was.
cflags=$(sed -n 's/^CMAKE_C_FLAGS:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
cat > "$tmp/use.c" <<'C'
#include <omvei.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *paths[] = {argc > 1 ? argv[1] : "data/nordic"};
    int rc = omv_net_load(&net, ctx, paths, 1);
    printf("%d %zu\n", rc, net ? omv_net_node_count(net) : 0);
    omv_net_free(net);
    omv_ctx_free(ctx);
    return rc != 0;
}
C
check "a program builds with pkg-config omvei" \
    "cc $cflags '$tmp/use.c' -o '$tmp/use' \$(PKG_CONFIG_PATH='$pc' pkg-config --cflags --libs --static omvei)"
check "and loads the sample network" \
    "test \"\$(LD_LIBRARY_PATH='$libdir' '$tmp/use' '$src/data/nordic')\" = '0 179'"
check "the installed command runs" "'$tmp/p/bin/omvei' --version | grep -q '^omvei '"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
