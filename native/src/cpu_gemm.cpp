#include "cpu_gemm.h"

#include <dlfcn.h>
#include <torch/torch.h>

#include <algorithm>
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

// Products up to this many multiply-adds take reference_sgemm (the mixed-effects MLPs' training steps: at most
// 36 x 12 x 4 at batch 32, 64 x 12 x 4 at 64); everything larger (MNIST-1D's smallest is 100 x 40 x 10), the BLAS.
constexpr int64_t kReferenceMultiplyAdds = 4096;

// Column-major C = alpha op(A) op(B) + beta C in the reference BLAS's loop order (netlib's sgemm.f, LAPACK 3.11, the
// libblas.so.3 Debian installs by default): the same products summed in the same order, so where that BLAS is
// libtorch's the results are the same bits as the sgemm_ call. For the mixed-effects MLPs' products (32 rows of 2-12
// features into 4 units) the call itself (argument checks, and OpenBLAS's buffer set-up and packing) cost more than
// the arithmetic; with OpenBLAS loaded the sums run in another order than its kernels', i.e. agree to rounding.
template <bool TransA, bool TransB>
void reference_sgemm_t(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb, float beta,
                       float* c, int ldc) {
  // Loops reordered so that consecutive operations are on different elements of C (netlib's put one element's
  // whole sum, or one column's, in a chain of dependent additions: latency-bound at these sizes), while each
  // element still gets the same operations in the same order, hence the same bits.
  auto B = [&](int i, int j) { return TransB ? b[j + static_cast<int64_t>(i) * ldb] : b[i + static_cast<int64_t>(j) * ldb]; };
  auto column = [&](int j) { return c + static_cast<int64_t>(j) * ldc; };
  if (!TransA) {
    // C(:, j) = beta C(:, j), then for l in order: C(:, j) += (alpha B(l, j)) A(:, l).
    for (int j = 0; j < n; ++j) {
      float* __restrict cj = column(j);
      if (beta == 0) {
        for (int i = 0; i < m; ++i) cj[i] = 0;
      } else if (beta != 1) {
        for (int i = 0; i < m; ++i) cj[i] = beta * cj[i];
      }
    }
    for (int l = 0; l < k; ++l) {
      const float* __restrict al = a + static_cast<int64_t>(l) * lda;
      for (int j = 0; j < n; ++j) {
        const float temp = alpha * B(l, j);
        float* __restrict cj = column(j);
        for (int i = 0; i < m; ++i) cj[i] = cj[i] + temp * al[i];
      }
    }
    return;
  }
  // C(i, j) = alpha (sum over l of A(l, i) B(l, j), l in order) + beta C(i, j), the m x n sums side by side; A's
  // rows copied out as columns first so that the innermost loop runs over contiguous values.
  const int64_t cells = static_cast<int64_t>(m) * n;
  if (cells > kReferenceMultiplyAdds || static_cast<int64_t>(m) * k > kReferenceMultiplyAdds) {
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < m; ++i) {
        float temp = 0;
        for (int l = 0; l < k; ++l) temp = temp + a[l + static_cast<int64_t>(i) * lda] * B(l, j);
        column(j)[i] = beta == 0 ? alpha * temp : alpha * temp + beta * column(j)[i];
      }
    }
    return;
  }
  float sums[kReferenceMultiplyAdds];
  float at[kReferenceMultiplyAdds];  // at[l * m + i] = A(l, i)
  for (int i = 0; i < m; ++i) {
    const float* ai = a + static_cast<int64_t>(i) * lda;
    for (int l = 0; l < k; ++l) at[static_cast<int64_t>(l) * m + i] = ai[l];
  }
  std::fill_n(sums, cells, 0.0f);
  for (int l = 0; l < k; ++l) {
    const float* __restrict atl = at + static_cast<int64_t>(l) * m;
    for (int j = 0; j < n; ++j) {
      const float blj = B(l, j);
      float* __restrict sj = sums + static_cast<int64_t>(j) * m;
      for (int i = 0; i < m; ++i) sj[i] = sj[i] + atl[i] * blj;
    }
  }
  for (int j = 0; j < n; ++j) {
    float* __restrict cj = column(j);
    const float* sj = sums + static_cast<int64_t>(j) * m;
    for (int i = 0; i < m; ++i) cj[i] = beta == 0 ? alpha * sj[i] : alpha * sj[i] + beta * cj[i];
  }
}

void reference_sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
                     const float* b, int ldb, float beta, float* c, int ldc) {
  if (trans_a) {
    if (trans_b) return reference_sgemm_t<true, true>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return reference_sgemm_t<true, false>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  if (trans_b) return reference_sgemm_t<false, true>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  reference_sgemm_t<false, false>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
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
  if (m * n * k <= kReferenceMultiplyAdds) {
    reference_sgemm(trans_b, trans_a, static_cast<int>(n), static_cast<int>(m), static_cast<int>(k), alpha, b,
                    static_cast<int>(ldb), a, static_cast<int>(lda), beta, c, static_cast<int>(ldc));
    return;
  }
  const char ta = trans_a ? 'T' : 'N';
  const char tb = trans_b ? 'T' : 'N';
  const int im = static_cast<int>(m), in = static_cast<int>(n), ik = static_cast<int>(k);
  const int ilda = static_cast<int>(lda), ildb = static_cast<int>(ldb), ildc = static_cast<int>(ldc);
  fn(&tb, &ta, &in, &im, &ik, &alpha, b, &ildb, a, &ilda, &beta, c, &ildc);
}

const char* gemm_backend() { return sgemm() != nullptr ? "blas" : "torch"; }

}  // namespace digitforge::cpu
