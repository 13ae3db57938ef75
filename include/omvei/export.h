/*
 * omvei/export.h — OMV_API marks the declarations that make up the public interface of libomvei.
 *
 * The library is built with hidden symbol visibility; only what carries OMV_API is exported from
 * the shared library, so internal helpers (omv__*) stay private to it. OMV_BUILDING is not needed:
 * on ELF the same attribute serves the library and its users.
 */
#ifndef OMVEI_EXPORT_H
#define OMVEI_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define OMV_API __attribute__((visibility("default")))
#else
#define OMV_API
#endif

#endif /* OMVEI_EXPORT_H */
