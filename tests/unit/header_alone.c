/* Compiles the public header alone under strict flags and links against the shared library: it must
 * need nothing else, and what it declares must be exported. */
#include "omvei.h"

#include <string.h>

int main(void)
{
    omv_ctx *ctx = omv_ctx_new();
    if (!ctx)
        return 1;
    omv_ctx_free(ctx);
    omv_aftermath_free(NULL);
    if (strcmp(omv_strerror(OMV_ENOMEM), "out of memory") != 0 || strcmp(omv_strerror(12345), "unknown error") != 0)
        return 1;
    return 0;
}
