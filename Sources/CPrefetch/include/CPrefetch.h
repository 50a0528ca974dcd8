#ifndef REDLINE_CPREFETCH_H
#define REDLINE_CPREFETCH_H

// Swift has no prefetch intrinsic. Inserting a batch of tuples into a hash
// table far larger than the cache misses once per tuple; asking for the slot
// of a tuple a few places ahead overlaps those misses.
static inline void redline_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

// For lookups, which only read.
static inline void redline_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
