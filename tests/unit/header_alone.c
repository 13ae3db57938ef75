/* Compiles the public header alone under strict flags: it must need nothing else. */
#include "omvei.h"

int main(void)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_ctx_free(ctx);
    return 0;
}
