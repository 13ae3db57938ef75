/*
 * sort.h — in-place sorting for the large arrays of the failure analysis, without the extra copy
 * that glibc's qsort (a merge sort) allocates and without a call through a function pointer per
 * comparison: a million items sort in tens of milliseconds.
 *
 * OMV__DEFINE_SORT(name, T, LESS) defines `static void name(T *a, size_t n)`, an introsort
 * (median-of-three quicksort, heapsort when the recursion runs deep, insertion sort for short runs)
 * ordering by the expression LESS(x, y) on two `const T *`, and `name_select(a, n, k)`, which moves
 * the k smallest to the front (quickselect). LESS must be a strict weak order; with a total order the
 * result does not depend on the algorithm, so it is deterministic.
 *
 * omv__sort_i32 sorts node indices (>= 0) ascending: a radix sort for long lists, an insertion sort for
 * short ones; tmp must hold n values.
 */
#ifndef OMV_ANALYZE_SORT_H
#define OMV_ANALYZE_SORT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A file may use only some of the functions a definition makes. */
#define OMV__SORT_FN static __attribute__((unused))

#define OMV__DEFINE_SORT(name, T, LESS)                                                                        \
    OMV__SORT_FN void name##_sift(T *a, size_t root, size_t n)                                                 \
    {                                                                                                          \
        T x = a[root];                                                                                         \
        for (;;) {                                                                                             \
            size_t c = 2 * root + 1;                                                                           \
            if (c >= n)                                                                                        \
                break;                                                                                         \
            if (c + 1 < n && LESS(&a[c], &a[c + 1]))                                                           \
                c++;                                                                                           \
            if (!LESS(&x, &a[c]))                                                                              \
                break;                                                                                         \
            a[root] = a[c];                                                                                    \
            root = c;                                                                                          \
        }                                                                                                      \
        a[root] = x;                                                                                           \
    }                                                                                                          \
    OMV__SORT_FN void name##_heap(T *a, size_t n)                                                              \
    {                                                                                                          \
        for (size_t i = n / 2; i-- > 0;)                                                                       \
            name##_sift(a, i, n);                                                                              \
        for (size_t end = n; end-- > 1;) {                                                                     \
            T t = a[0];                                                                                        \
            a[0] = a[end];                                                                                     \
            a[end] = t;                                                                                        \
            name##_sift(a, 0, end);                                                                            \
        }                                                                                                      \
    }                                                                                                          \
    OMV__SORT_FN void name##_insertion(T *a, size_t n)                                                         \
    {                                                                                                          \
        for (size_t i = 1; i < n; i++) {                                                                       \
            T x = a[i];                                                                                        \
            size_t j = i;                                                                                      \
            while (j > 0 && LESS(&x, &a[j - 1])) {                                                             \
                a[j] = a[j - 1];                                                                               \
                j--;                                                                                           \
            }                                                                                                  \
            a[j] = x;                                                                                          \
        }                                                                                                      \
    }                                                                                                          \
    OMV__SORT_FN size_t name##_med3(const T *a, size_t i, size_t j, size_t k)                                  \
    {                                                                                                          \
        if (LESS(&a[j], &a[i])) {                                                                              \
            size_t t = i;                                                                                      \
            i = j;                                                                                             \
            j = t;                                                                                             \
        }                                                                                                      \
        /* a[i] <= a[j] */                                                                                     \
        if (LESS(&a[k], &a[i]))                                                                                \
            return i;                                                                                          \
        return LESS(&a[k], &a[j]) ? k : j;                                                                     \
    }                                                                                                          \
    OMV__SORT_FN void name##_intro(T *a, size_t n, int budget)                                                 \
    {                                                                                                          \
        while (n > 24) {                                                                                       \
            if (budget-- == 0) {                                                                               \
                name##_heap(a, n);                                                                             \
                return;                                                                                        \
            }                                                                                                  \
            /* Pivot: median of three, or of three medians of three on long runs (ordered and                  \
             * patterned inputs stay balanced); moved to a[0], then Hoare partition around it. */              \
            size_t mid = n / 2, m;                                                                             \
            if (n > 128) {                                                                                     \
                size_t q = n / 8;                                                                              \
                size_t x = name##_med3(a, 0, q, 2 * q), y = name##_med3(a, mid - q, mid, mid + q);             \
                size_t z = name##_med3(a, n - 1 - 2 * q, n - 1 - q, n - 1);                                    \
                m = name##_med3(a, x, y, z);                                                                   \
            } else {                                                                                           \
                m = name##_med3(a, 0, mid, n - 1);                                                             \
            }                                                                                                  \
            T t = a[m];                                                                                        \
            a[m] = a[0];                                                                                       \
            a[0] = t;                                                                                          \
            const T pivot = a[0];                                                                              \
            size_t i = 0, j = n;                                                                               \
            for (;;) {                                                                                         \
                do                                                                                             \
                    i++;                                                                                       \
                while (i < n && LESS(&a[i], &pivot));                                                          \
                do                                                                                             \
                    j--;                                                                                       \
                while (LESS(&pivot, &a[j]));                                                                   \
                if (i >= j)                                                                                    \
                    break;                                                                                     \
                t = a[i];                                                                                      \
                a[i] = a[j];                                                                                   \
                a[j] = t;                                                                                      \
            }                                                                                                  \
            a[0] = a[j];                                                                                       \
            a[j] = pivot;                                                                                      \
            /* Recurse into the smaller side, loop on the larger: stack depth O(log n). */                     \
            if (j < n - j - 1) {                                                                               \
                name##_intro(a, j, budget);                                                                    \
                a += j + 1;                                                                                    \
                n -= j + 1;                                                                                    \
            } else {                                                                                           \
                name##_intro(a + j + 1, n - j - 1, budget);                                                    \
                n = j;                                                                                         \
            }                                                                                                  \
        }                                                                                                      \
        name##_insertion(a, n);                                                                                \
    }                                                                                                          \
    OMV__SORT_FN inline void name(T *a, size_t n)                                                              \
    {                                                                                                          \
        int budget = 2;                                                                                        \
        for (size_t m = n; m > 1; m >>= 1)                                                                     \
            budget += 2;                                                                                       \
        name##_intro(a, n, budget);                                                                            \
    }                                                                                                          \
    /* Moves the k smallest to a[0 .. k), in no particular order: O(n) expected. */                            \
    OMV__SORT_FN inline void name##_select(T *a, size_t n, size_t k)                                           \
    {                                                                                                          \
        size_t lo = 0, hi = n; /* the k-th smallest lies in [lo, hi) */                                        \
        while (hi - lo > 24 && k > lo && k < hi) {                                                             \
            T *b = a + lo;                                                                                     \
            size_t m = hi - lo, mid = m / 2;                                                                   \
            T t;                                                                                               \
            if (LESS(&b[mid], &b[0])) {                                                                        \
                t = b[mid];                                                                                    \
                b[mid] = b[0];                                                                                 \
                b[0] = t;                                                                                      \
            }                                                                                                  \
            if (LESS(&b[m - 1], &b[mid])) {                                                                    \
                t = b[m - 1];                                                                                  \
                b[m - 1] = b[mid];                                                                             \
                b[mid] = t;                                                                                    \
                if (LESS(&b[mid], &b[0])) {                                                                    \
                    t = b[mid];                                                                                \
                    b[mid] = b[0];                                                                             \
                    b[0] = t;                                                                                  \
                }                                                                                              \
            }                                                                                                  \
            t = b[mid];                                                                                        \
            b[mid] = b[0];                                                                                     \
            b[0] = t;                                                                                          \
            const T pivot = b[0];                                                                              \
            size_t i = 0, j = m;                                                                               \
            for (;;) {                                                                                         \
                do                                                                                             \
                    i++;                                                                                       \
                while (i < m && LESS(&b[i], &pivot));                                                          \
                do                                                                                             \
                    j--;                                                                                       \
                while (LESS(&pivot, &b[j]));                                                                   \
                if (i >= j)                                                                                    \
                    break;                                                                                     \
                t = b[i];                                                                                      \
                b[i] = b[j];                                                                                   \
                b[j] = t;                                                                                      \
            }                                                                                                  \
            b[0] = b[j];                                                                                       \
            b[j] = pivot;                                                                                      \
            /* b[0 .. j) <= pivot = b[j] <= b[j + 1 ..) */                                                     \
            if (lo + j + 1 <= k)                                                                               \
                lo += j + 1;                                                                                   \
            else                                                                                               \
                hi = lo + j;                                                                                   \
        }                                                                                                      \
        if (k > lo && k < hi)                                                                                  \
            name##_insertion(a + lo, hi - lo);                                                                 \
    }

static inline void omv__sort_i32(int32_t *a, size_t n, int32_t *tmp)
{
    if (n < 64) {
        for (size_t i = 1; i < n; i++) {
            int32_t x = a[i];
            size_t j = i;
            while (j > 0 && a[j - 1] > x) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return;
    }
    /* Three passes of 11 bits cover every non-negative int32; a pass whose digit is the same for
     * every value is skipped. */
    enum { BITS = 11, BUCKETS = 1 << BITS };
    uint32_t cnt[BUCKETS];
    int32_t *src = a, *dst = tmp;
    for (int shift = 0; shift < 33; shift += BITS) {
        memset(cnt, 0, sizeof(cnt));
        for (size_t i = 0; i < n; i++)
            cnt[((uint32_t)src[i] >> shift) & (BUCKETS - 1)]++;
        if (cnt[((uint32_t)src[0] >> shift) & (BUCKETS - 1)] == n)
            continue;
        uint32_t sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            uint32_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[((uint32_t)src[i] >> shift) & (BUCKETS - 1)]++] = src[i];
        int32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof(*a));
}

#endif /* OMV_ANALYZE_SORT_H */
