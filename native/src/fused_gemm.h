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

// A conv2d over ONE input channel straight from a zero-padded image (no im2col), where the CPU has AVX-512 and the
// kernel has 9 or 25 taps: `taps[t]` is tap t's offset in the padded image from a position's top-left corner,
// `corners[p]` output position p's corner ((oh * stride_h) * padded_w + ow * stride_w).
struct OneChannelConv {
  int64_t positions;
  const int64_t* corners;
  const int64_t* taps;
  int64_t tap_count;
  int64_t out;  // output channels
};
bool one_channel_conv_supported(int64_t tap_count);
// y[p, o] += sum_t image[p + taps[t]] * wt[t, o] (y holds the bias, or zeros).
void one_channel_conv_forward(const OneChannelConv& c, const float* image, const float* wt, float* y);
// dwt[t, o] (+)= sum_p image[p + taps[t]] * dy[p, o].
void one_channel_conv_weight_grad(const OneChannelConv& c, const float* image, const float* dy, float* dwt, bool accumulate);

}  // namespace digitforge::fused
