// Row-major single-precision GEMM on the CPU: C = alpha * op(A) * op(B) + beta * C, with op(A) m x k, op(B) k x n
// and leading dimensions in elements. It calls the Fortran sgemm_ of the BLAS that libtorch itself uses (its
// libblas.so.3, or the engine's OpenBLAS loaded in front of it), the routine at::mm reaches after a few
// microseconds of dispatch that are most of a small model's step. Where no sgemm_ is exported (a PyTorch with MKL
// linked in statically) it goes through at::mm instead.
#pragma once

#include <cstdint>

namespace digitforge::cpu {

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

// "blas" (sgemm_) or "torch" (at::mm).
const char* gemm_backend();

}  // namespace digitforge::cpu
