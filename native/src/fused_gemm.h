// The fused CPU path's matrix product: cpu::gemm's contract (row-major C = alpha op(A) op(B) + beta C), computed by
// an AVX-512 kernel written for the path's shapes where the CPU has AVX-512 (one output dimension small: a conv's
// channels), else by the BLAS. Why: the bundled OpenBLAS 0.3.21 does not recognise AMD Zen 4/5 and runs its AVX2
// kernels there (and the development VM pins OPENBLAS_CORETYPE=Haswell for every process), while libtorch's oneDNN
// convolutions JIT AVX-512 code; bench/README.md (compositional section) has the figures.
// DIGITFORGE_FUSED_GEMM=blas forces the BLAS (for comparisons).
#pragma once

#include <cstdint>

namespace digitforge::fused {

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

// "avx512" or "blas": what gemm uses on this machine.
const char* gemm_kernel();

}  // namespace digitforge::fused
