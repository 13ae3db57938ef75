/*
 * omvei/common.h — what every public header of omvei needs: the standard types, the export macro
 * and the two handles every call takes (the context and the network). Included by each of them, so
 * that any one of them can be included alone.
 */
#ifndef OMVEI_COMMON_H
#define OMVEI_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "omvei/export.h"

typedef struct omv_ctx omv_ctx;
typedef struct omv_net omv_net;

#endif /* OMVEI_COMMON_H */
