// Sorting doubles for the language's sort(): a radix sort of the numbers' bit patterns, made to order
// as unsigned integers (a negative number's bits inverted, a positive one's sign bit set).
//
// Most significant digit first. For 65536 numbers or more, one pass on the top 16 bits (sign,
// exponent, 4 bits of mantissa) scatters the keys from the input straight into the output; each of
// those buckets (for data spread over a few exponents, about 1% of the numbers: it fits in the L2
// cache) is then sorted and turned back into numbers while it is in the cache. A bucket is sorted
// by a digit of about log2(size) + 1 bits that starts at the highest bit in which its keys differ
// (shared leading bits cost nothing, repeats stop the descent), which leaves a key or two a
// bucket: one insertion sort then finishes them all. The input is read twice and the output written
// once; the other passes stay in the cache, and the only other memory is one bucket's scratch.
// Measured at 10^6 normal numbers: 1.1× NumPy's AVX2 quicksort (bench/arrays.sh), where the eight
// whole-array passes of an LSD radix sort took 3-4×.
//
// The key maps -0 to the key of 0 and every nan to one key (the largest, after every number), so
// the keys' order is the numbers' order; the sort then finds the zeros' and the nans' runs (in the
// two first-digit buckets that can hold them) and refills them with the input's own zeros and nans
// in their input order, which makes the whole sort stable (two numbers with the same bits are
// indistinguishable). Scalar code: no instruction set helps a scatter (an AVX2 build measured the
// same), so it is compiled once, not per instruction set.
#include "_AEKernels.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    TOP_BITS = 16,        // the first pass's digit
    SMALL = 32,           // at most this many keys: insertion sort
    MAX_DIGIT_BITS = 12,  // the widest digit after the first: 4096 counters and write streams
};

static const uint64_t SIGN = (uint64_t)1 << 63;

/// The key of x: unsigned order of keys is the order of numbers (descending when flip is all ones).
static inline uint64_t key_of(double x, uint64_t flip) {
    if (x != x) return UINT64_MAX ^ flip;
    uint64_t bits;
    double y = x == 0 ? 0.0 : x;
    memcpy(&bits, &y, sizeof bits);
    return ((bits & SIGN) ? ~bits : (bits | SIGN)) ^ flip;
}

/// The number a key came from (0 for the key of ±0, some nan for the nan key).
static inline double number_of(uint64_t key, uint64_t flip) {
    key ^= flip;
    uint64_t bits = (key & SIGN) ? (key & ~SIGN) : ~key;
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/// Insertion sort of the m keys at `from` into `to` (which may be `from`).
static void insertion_sort(uint64_t *to, const uint64_t *from, long m) {
    for (long i = 0; i < m; i++) {
        uint64_t k = from[i];
        long j = i;
        for (; j > 0 && to[j - 1] > k; j--) to[j] = to[j - 1];
        to[j] = k;
    }
}

/// The digit width for m keys whose highest differing bit is bit `bits` - 1: about log2(m) + 1 bits,
/// so that most buckets hold no key or one, up to MAX_DIGIT_BITS.
static inline int digit_bits(long m, int bits) {
    int w = 64 - __builtin_clzl((unsigned long)m);
    w = w > MAX_DIGIT_BITS ? MAX_DIGIT_BITS : w;
    return w < bits ? w : bits;
}

/// Sorts the m keys at a with the scratch s (m keys): an MSD pass on the digit that starts at the
/// highest bit in which they differ (shared digits cost nothing), then each bucket: one insertion
/// sort over all of them when every bucket is small (it moves each key a place or two within its
/// bucket), else a recursion into the large ones. `counts` holds `stride` counters for this level
/// and as many for each level below.
static void sort_keys(uint64_t *a, uint64_t *s, long m, long *counts, long stride) {
    if (m <= SMALL) {
        insertion_sort(a, a, m);
        return;
    }
    uint64_t differ = 0;
    for (long i = 1; i < m; i++) differ |= a[i] ^ a[0];
    if (differ == 0) return;
    const int bits = 64 - __builtin_clzll(differ), w = digit_bits(m, bits), shift = bits - w;
    const long buckets = 1L << w, mask = buckets - 1;
    memset(counts, 0, (size_t)(buckets + 1) * sizeof *counts);
    for (long i = 0; i < m; i++) counts[((a[i] >> shift) & mask) + 1]++;
    long largest = 0;
    for (long r = 1; r <= buckets; r++) {
        largest = counts[r] > largest ? counts[r] : largest;
        counts[r] += counts[r - 1];
    }
    // counts[r] is bucket r's start; the scatter advances it to the next one's.
    for (long i = 0; i < m; i++) {
        uint64_t k = a[i];
        s[counts[(k >> shift) & mask]++] = k;
    }
    if (largest <= SMALL) {
        insertion_sort(a, s, m);  // moves each key a place or two within its bucket
        return;
    }
    memcpy(a, s, (size_t)m * sizeof *a);
    long begin = 0;
    for (long r = 0; r < buckets; r++) {
        const long size = counts[r] - begin;
        if (size > SMALL) sort_keys(a + begin, s + begin, size, counts + stride, stride);
        else insertion_sort(a + begin, a + begin, size);
        begin = counts[r];
    }
}

/// The work space for sorting buckets of at most `largest` keys: the scratch, and the counters of
/// every level (a digit has 6 bits or more, as a bucket that is split holds more than SMALL keys).
typedef struct {
    uint64_t *scratch;
    long *counts, stride;
} workspace;

static int workspace_make(workspace *w, long largest) {
    const long levels = 64 / 6 + 1;
    const long most = 1L << MAX_DIGIT_BITS;
    w->stride = (2 * largest < most ? 2 * largest : most) + 1;
    w->scratch = malloc((size_t)largest * sizeof *w->scratch);
    w->counts = malloc((size_t)(levels * w->stride) * sizeof *w->counts);
    return w->scratch && w->counts;
}

static void workspace_free(workspace *w) {
    free(w->scratch);
    free(w->counts);
}

/// Where the sorted keys [begin, end) hold the key of 0 and the nan key: the first index of each
/// run, and its length, added to *zeros and *nans.
static void find_runs(const uint64_t *keys, long begin, long end, uint64_t flip, long *first_zero,
                      long *zeros, long *first_nan, long *nans) {
    const uint64_t zero_key = key_of(0.0, flip), nan_key = UINT64_MAX ^ flip;
    for (long i = begin; i < end; i++) {
        if (keys[i] == zero_key && (*zeros)++ == 0) *first_zero = i;
        if (keys[i] == nan_key && (*nans)++ == 0) *first_nan = i;
    }
}

int ae_sort_doubles(const double *xs, long n, int reverse, double *out) {
    const uint64_t flip = reverse ? UINT64_MAX : 0;
    uint64_t *keys = (uint64_t *)out;  // the output holds the keys until they turn back into numbers
    long first_zero = 0, zeros = 0, first_nan = 0, nans = 0;
    workspace work = {0};
    if (n < 1L << TOP_BITS) {
        for (long i = 0; i < n; i++) keys[i] = key_of(xs[i], flip);
        if (n > SMALL && !workspace_make(&work, n)) {
            workspace_free(&work);
            return -1;
        }
        sort_keys(keys, work.scratch, n, work.counts, work.stride);
        find_runs(keys, 0, n, flip, &first_zero, &zeros, &first_nan, &nans);
        for (long i = 0; i < n; i++) out[i] = number_of(keys[i], flip);
    } else {
        // The first digit, from the numbers straight into the output; each bucket is then sorted
        // and turned back into numbers while it is in the cache.
        const int low = 64 - TOP_BITS;
        long *bucket = calloc(((size_t)1 << TOP_BITS) + 1, sizeof *bucket);
        if (!bucket) return -1;
        for (long i = 0; i < n; i++) bucket[(key_of(xs[i], flip) >> low) + 1]++;
        long largest = 0;
        for (long b = 1; b <= 1L << TOP_BITS; b++) {
            largest = bucket[b] > largest ? bucket[b] : largest;
            bucket[b] += bucket[b - 1];
        }
        // bucket[b] is bucket b's start; the scatter advances it to the next one's.
        for (long i = 0; i < n; i++) {
            const uint64_t k = key_of(xs[i], flip);
            keys[bucket[k >> low]++] = k;
        }
        if (!workspace_make(&work, largest)) {
            workspace_free(&work);
            free(bucket);
            return -1;
        }
        const long zero_bucket = (long)(key_of(0.0, flip) >> low), nan_bucket = (long)((UINT64_MAX ^ flip) >> low);
        long begin = 0;
        for (long b = 0; b < 1L << TOP_BITS; b++) {
            const long end = bucket[b];
            sort_keys(keys + begin, work.scratch, end - begin, work.counts, work.stride);
            if (b == zero_bucket || b == nan_bucket)
                find_runs(keys, begin, end, flip, &first_zero, &zeros, &first_nan, &nans);
            for (long i = begin; i < end; i++) out[i] = number_of(keys[i], flip);
            begin = end;
        }
        free(bucket);
    }
    workspace_free(&work);
    // The zeros' and the nans' runs, refilled in input order.
    if (zeros > 0 || nans > 0) {
        for (long i = 0; i < n; i++) {
            if (xs[i] == 0) out[first_zero++] = xs[i];
            else if (xs[i] != xs[i]) out[first_nan++] = xs[i];
        }
    }
    return 0;
}
