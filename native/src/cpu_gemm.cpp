#include "cpu_gemm.h"

#include <dlfcn.h>
#include <torch/torch.h>

#include <limits>

namespace digitforge::cpu {

namespace {

using SgemmFn = void (*)(const char* trans_a, const char* trans_b, const int* m, const int* n, const int* k,
                         const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                         const float* beta, float* c, const int* ldc);

SgemmFn resolve_sgemm() {
  // The library libtorch linked (or the one preloaded under its soname) first, so both use the same BLAS.
  for (const char* name : {"libblas.so.3", "libopenblas.so.0"}) {
    if (void* handle = dlopen(name, RTLD_NOW | RTLD_NOLOAD)) {
      void* symbol = dlsym(handle, "sgemm_");
      dlclose(handle);
      if (symbol != nullptr) return reinterpret_cast<SgemmFn>(symbol);
    }
  }
  return reinterpret_cast<SgemmFn>(dlsym(RTLD_DEFAULT, "sgemm_"));
}

SgemmFn sgemm() {
  static const SgemmFn fn = resolve_sgemm();
  return fn;
}

bool fits_int(int64_t v) { return v <= std::numeric_limits<int>::max(); }

// op(X) as a tensor over the caller's memory: X is stored row-major with leading dimension ld.
at::Tensor operand(const float* x, int64_t rows, int64_t cols, int64_t ld, bool trans) {
  auto* p = const_cast<float*>(x);
  return trans ? at::from_blob(p, {cols, rows}, {ld, 1}, at::kFloat).t() : at::from_blob(p, {rows, cols}, {ld, 1}, at::kFloat);
}

void torch_gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  at::NoGradGuard no_grad;
  at::Tensor out = at::from_blob(c, {m, n}, {ldc, 1}, at::kFloat);
  at::Tensor left = operand(a, m, k, lda, trans_a);
  at::Tensor right = operand(b, k, n, ldb, trans_b);
  if (beta == 0) {
    at::mm_out(out, left, right);
    if (alpha != 1) out.mul_(alpha);
  } else {
    out.addmm_(left, right, beta, alpha);
  }
}

}  // namespace

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  SgemmFn fn = sgemm();
  if (fn == nullptr || !fits_int(m) || !fits_int(n) || !fits_int(k) || !fits_int(lda) || !fits_int(ldb) ||
      !fits_int(ldc) || k == 0) {
    torch_gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: swap the operands, keep the flags.
  const char ta = trans_a ? 'T' : 'N';
  const char tb = trans_b ? 'T' : 'N';
  const int im = static_cast<int>(m), in = static_cast<int>(n), ik = static_cast<int>(k);
  const int ilda = static_cast<int>(lda), ildb = static_cast<int>(ldb), ildc = static_cast<int>(ldc);
  fn(&tb, &ta, &in, &im, &ik, &alpha, b, &ildb, a, &ilda, &beta, c, &ildc);
}

const char* gemm_backend() { return sgemm() != nullptr ? "blas" : "torch"; }

}  // namespace digitforge::cpu
