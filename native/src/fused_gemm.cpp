#include "fused_gemm.h"

#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "cpu_gemm.h"

namespace digitforge::fused {

namespace {

// C[m, n] (+)= sum_k A(m, k) B(k, n), A(m, k) = a[m * lda_m + k * lda_k] (either operand order without a copy),
// B row-major over k ([k, n], n contiguous). Compiled for AVX-512 only: callers check the CPU first.
void gemm_avx512(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda_m, int64_t lda_k, const float* b, int64_t ldb,
                 float* c, int64_t ldc, bool accumulate);

bool use_avx512() {
  static const bool on = [] {
    const char* v = std::getenv("DIGITFORGE_FUSED_GEMM");
    if (v != nullptr && std::strcmp(v, "blas") == 0) return false;
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") != 0;
  }();
  return on;
}

}  // namespace

const char* gemm_kernel() { return use_avx512() ? "avx512" : "blas"; }

bool one_channel_conv_supported(int64_t tap_count) { return use_avx512() && (tap_count == 9 || tap_count == 25); }

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (!use_avx512() || alpha != 1.0f || (beta != 0.0f && beta != 1.0f)) {
    cpu::gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (beta == 0.0f) {
      for (int64_t i = 0; i < m; ++i) std::memset(c + i * ldc, 0, static_cast<size_t>(n) * sizeof(float));
    }
    return;
  }
  const int64_t lda_m = trans_a ? 1 : lda;
  const int64_t lda_k = trans_a ? lda : 1;
  if (!trans_b) {
    gemm_avx512(m, n, k, a, lda_m, lda_k, b, ldb, c, ldc, beta != 0.0f);
    return;
  }
  // op(B) = B^T: the kernel wants [k, n] rows; B is a layer's weight here, small beside the product.
  thread_local std::vector<float> bt;
  bt.resize(static_cast<size_t>(k * n));
  for (int64_t j = 0; j < n; ++j) {
    const float* row = b + j * ldb;
    for (int64_t i = 0; i < k; ++i) bt[static_cast<size_t>(i * n + j)] = row[i];
  }
  gemm_avx512(m, n, k, a, lda_m, lda_k, bt.data(), n, c, ldc, beta != 0.0f);
}

}  // namespace digitforge::fused

// Everything below is compiled for AVX-512 and uses no library templates (an inline function instantiated here
// would be AVX-512 code that the linker could pick for other callers).
#pragma GCC push_options
#pragma GCC target("avx512f,fma")
#include <immintrin.h>

namespace digitforge::fused {

namespace {

// A tile of MR rows x NV vectors of 16 columns (the last one masked) over kc steps of the reduction, its
// accumulators in registers (MR * NV <= 24 of the 32 zmm registers).
// (The unroll pragmas keep GCC from spilling the accumulators to the stack on every step.)
template <int MR, int NV>
void tile(int64_t kc, const float* a, int64_t lda_m, int64_t lda_k, const float* b, int64_t ldb, float* c, int64_t ldc,
          __mmask16 last, bool load) {
  __m512 acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) {
      const __mmask16 mask = j == NV - 1 ? last : static_cast<__mmask16>(0xFFFF);
      acc[r][j] = load ? _mm512_maskz_loadu_ps(mask, c + r * ldc + 16 * j) : _mm512_setzero_ps();
    }
  }
  for (int64_t p = 0; p < kc; ++p) {
    __m512 bv[NV];
    const float* brow = b + p * ldb;
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) {
      bv[j] = j == NV - 1 ? _mm512_maskz_loadu_ps(last, brow + 16 * j) : _mm512_loadu_ps(brow + 16 * j);
    }
    const float* acol = a + p * lda_k;
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      const __m512 av = _mm512_set1_ps(acol[r * lda_m]);
#pragma GCC unroll 4
      for (int j = 0; j < NV; ++j) acc[r][j] = _mm512_fmadd_ps(av, bv[j], acc[r][j]);
    }
  }
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) {
      const __mmask16 mask = j == NV - 1 ? last : static_cast<__mmask16>(0xFFFF);
      _mm512_mask_storeu_ps(c + r * ldc + 16 * j, mask, acc[r][j]);
    }
  }
}

using TileFn = void (*)(int64_t, const float*, int64_t, int64_t, const float*, int64_t, float*, int64_t, __mmask16, bool);

// Rows per tile for NV vectors: as many accumulators as fit beside the B vectors and a broadcast.
constexpr int kRows[5] = {0, 24, 12, 8, 6};

template <int NV, int... R>
constexpr TileFn pick(int rows, std::integer_sequence<int, R...>) {
  TileFn table[] = {tile<R + 1, NV>...};
  return table[rows - 1];
}

TileFn tile_for(int rows, int nv) {
  switch (nv) {
    case 1: return pick<1>(rows, std::make_integer_sequence<int, kRows[1]>{});
    case 2: return pick<2>(rows, std::make_integer_sequence<int, kRows[2]>{});
    case 3: return pick<3>(rows, std::make_integer_sequence<int, kRows[3]>{});
    default: return pick<4>(rows, std::make_integer_sequence<int, kRows[4]>{});
  }
}

void gemm_avx512(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda_m, int64_t lda_k, const float* b, int64_t ldb,
                 float* c, int64_t ldc, bool accumulate) {
  // The reduction in chunks, so that a chunk of B (kc x 64 floats) and of A stay in cache while the tiles sweep.
  constexpr int64_t kChunk = 256;
  constexpr int64_t kCols = 64;
  // Sweep the larger output dimension in the outer loop, so the operand along the smaller one is reused from cache.
  const bool rows_outer = m >= n;
  for (int64_t p0 = 0; p0 < k; p0 += kChunk) {
    const int64_t kc = k - p0 < kChunk ? k - p0 : kChunk;
    const bool load = accumulate || p0 > 0;
    // One tile at (i0, j0) of at most max_rows rows; returns the rows it did.
    auto run = [&](int64_t i0, int64_t j0, int64_t max_rows) {
      const int64_t cols = n - j0 < kCols ? n - j0 : kCols;
      const int nv = static_cast<int>((cols + 15) / 16);
      const int64_t tail = cols - 16 * (nv - 1);
      const auto last = static_cast<__mmask16>(tail == 16 ? 0xFFFF : (1u << tail) - 1);
      int64_t rows = m - i0 < kRows[nv] ? m - i0 : kRows[nv];
      rows = rows < max_rows ? rows : max_rows;
      tile_for(static_cast<int>(rows), nv)(kc, a + i0 * lda_m + p0 * lda_k, lda_m, lda_k, b + p0 * ldb + j0, ldb,
                                           c + i0 * ldc + j0, ldc, last, load);
      return rows;
    };
    if (rows_outer) {
      // All column blocks of a row block take the same rows: the first (widest) block's count, the smallest.
      for (int64_t i0 = 0; i0 < m;) {
        const int64_t rows = run(i0, 0, kRows[4] + kRows[1]);
        for (int64_t j0 = kCols; j0 < n; j0 += kCols) run(i0, j0, rows);
        i0 += rows;
      }
    } else {
      for (int64_t j0 = 0; j0 < n; j0 += kCols) {
        for (int64_t i0 = 0; i0 < m;) i0 += run(i0, j0, m);
      }
    }
  }
}

// Positions in groups of Q with Q accumulators each per 16 output channels; the tap's weight vector is loaded once
// per group.
template <int T>
void conv1_forward_taps(const OneChannelConv& c, const float* image, const float* wt, float* y) {
  constexpr int Q = 8;
  const int64_t positions = c.positions;
  int64_t corner[Q];
  for (int64_t o0 = 0; o0 < c.out; o0 += 16) {
    const int64_t lanes = c.out - o0 < 16 ? c.out - o0 : 16;
    const auto mask = static_cast<__mmask16>(lanes == 16 ? 0xFFFF : (1u << lanes) - 1);
    for (int64_t p0 = 0; p0 < positions; p0 += Q) {
      const int q_count = static_cast<int>(positions - p0 < Q ? positions - p0 : Q);
      __m512 acc[Q];
#pragma GCC unroll 8
      for (int q = 0; q < Q; ++q) {
        const int64_t p = p0 + (q < q_count ? q : 0);
        corner[q] = c.corners[p];
        acc[q] = _mm512_maskz_loadu_ps(mask, y + p * c.out + o0);
      }
#pragma GCC unroll 25
      for (int t = 0; t < T; ++t) {
        const __m512 w = _mm512_maskz_loadu_ps(mask, wt + t * c.out + o0);
        const int64_t off = c.taps[t];
#pragma GCC unroll 8
        for (int q = 0; q < Q; ++q) acc[q] = _mm512_fmadd_ps(_mm512_set1_ps(image[corner[q] + off]), w, acc[q]);
      }
      for (int q = 0; q < q_count; ++q) _mm512_mask_storeu_ps(y + (p0 + q) * c.out + o0, mask, acc[q]);
    }
  }
}

// One accumulator per tap per 16 output channels, over every position.
template <int T>
void conv1_weight_grad_taps(const OneChannelConv& c, const float* image, const float* dy, float* dwt, bool accumulate) {
  const int64_t positions = c.positions;
  for (int64_t o0 = 0; o0 < c.out; o0 += 16) {
    const int64_t lanes = c.out - o0 < 16 ? c.out - o0 : 16;
    const auto mask = static_cast<__mmask16>(lanes == 16 ? 0xFFFF : (1u << lanes) - 1);
    __m512 acc[T];
#pragma GCC unroll 25
    for (int t = 0; t < T; ++t) acc[t] = accumulate ? _mm512_maskz_loadu_ps(mask, dwt + t * c.out + o0) : _mm512_setzero_ps();
    for (int64_t p = 0; p < positions; ++p) {
      const float* at = image + c.corners[p];
      const __m512 g = _mm512_maskz_loadu_ps(mask, dy + p * c.out + o0);
#pragma GCC unroll 25
      for (int t = 0; t < T; ++t) acc[t] = _mm512_fmadd_ps(_mm512_set1_ps(at[c.taps[t]]), g, acc[t]);
    }
#pragma GCC unroll 25
    for (int t = 0; t < T; ++t) _mm512_mask_storeu_ps(dwt + t * c.out + o0, mask, acc[t]);
  }
}

}  // namespace

void one_channel_conv_forward(const OneChannelConv& c, const float* image, const float* wt, float* y) {
  if (c.tap_count == 25) {
    conv1_forward_taps<25>(c, image, wt, y);
  } else {
    conv1_forward_taps<9>(c, image, wt, y);
  }
}

void one_channel_conv_weight_grad(const OneChannelConv& c, const float* image, const float* dy, float* dwt, bool accumulate) {
  if (c.tap_count == 25) {
    conv1_weight_grad_taps<25>(c, image, dy, dwt, accumulate);
  } else {
    conv1_weight_grad_taps<9>(c, image, dy, dwt, accumulate);
  }
}

}  // namespace digitforge::fused

#pragma GCC pop_options
