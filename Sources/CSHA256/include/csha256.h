// SHA-256 compression with the x86 SHA extensions (SHA-NI), used by Basics.SHA256 when the
// processor has them; Basics keeps its portable Swift rounds for every other machine.
#ifndef ARDOC_CSHA256_H
#define ARDOC_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants (FIPS 180-4, 4.2.2), shared with the portable Swift rounds.
extern const uint32_t ardoc_sha256_k[64];

/// 1 when this processor has the SHA extensions (and SSSE3, SSE4.1) that
/// `ardoc_sha256_blocks` needs, otherwise 0 (always 0 off x86-64).
int ardoc_sha256_accelerated(void);

/// Runs the compression function over `blocks` whole 64-byte blocks of `data`, updating
/// `state` (the eight words H0..H7). Call only when `ardoc_sha256_accelerated()` is 1.
void ardoc_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
