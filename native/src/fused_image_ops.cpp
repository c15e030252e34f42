// The hand-written CPU path's image layers (fused_op.h): conv2d as im2col over the whole batch plus one GEMM (and its
// backward: the weight gradient and the input gradient as GEMMs, then col2im), batch norm with batch statistics in
// training and running statistics (folded into the layer before) in evaluation, and dropout. Values are channels-last
// ([h, w, channels] per row), so a conv's im2col copies whole runs of channels and a batch norm reduces columns.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/DistributionsHelper.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <mutex>
#include <vector>

#include "fused_gemm.h"
#include "errors.h"
#include "fused_op.h"

namespace digitforge::fused {

namespace {

// im2col floats of one sub-block of rows (512 KB, half a Zen 4/5 core's L2): a conv runs its rows in sub-blocks of
// this size in both passes.
constexpr int64_t kBlockColumnFloats = int64_t{128} << 10;
// A training batch's im2col floats up to which a conv keeps them from the forward pass for the backward one (4 MB)
// instead of rebuilding them.
constexpr int64_t kKeepColumnFloats = int64_t{1} << 20;

class Conv2dOp final : public FusedOp, public FoldTarget {
 public:
  Conv2dOp(torch::Tensor weight, torch::Tensor bias, const Conv2dShape& s)
      : FusedOp(s.in_channels * s.in_h * s.in_w, s.out_channels * s.out_h * s.out_w),
        weight_(std::move(weight)),
        bias_(std::move(bias)),
        s_(s),
        taps_(s.kernel_h * s.kernel_w * s.in_channels),
        positions_(s.out_h * s.out_w),
        packed_(static_cast<size_t>(s.out_channels * taps_)),
        one_channel_(s.in_channels == 1 && one_channel_conv_supported(s.kernel_h * s.kernel_w)),
        packed_t_(packed_.size()),
        packed_grad_(packed_.size()),
        bias_eff_(static_cast<size_t>(s.out_channels)) {
    const int64_t wp = s.in_w + 2 * s.pad_w;
    for (int64_t ki = 0; ki < s.kernel_h; ++ki) {
      for (int64_t kj = 0; kj < s.kernel_w; ++kj) tap_offsets_.push_back(ki * s.dil_h * wp + kj * s.dil_w);
    }
    for (int64_t oh = 0; oh < s.out_h; ++oh) {
      for (int64_t ow = 0; ow < s.out_w; ++ow) corners_.push_back(oh * s.stride_h * wp + ow * s.stride_w);
    }
    direct_ = OneChannelConv{positions_, corners_.data(), tap_offsets_.data(), static_cast<int64_t>(tap_offsets_.size()),
                             s.out_channels};
  }

  // [out, in, kh, kw] -> [out, kh, kw, in], the order of an im2col row.
  void prepare() override {
    const float* w = weight_.data_ptr<float>();
    const int64_t c_in = s_.in_channels, kk = s_.kernel_h * s_.kernel_w;
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      for (int64_t c = 0; c < c_in; ++c) {
        const float* from = w + (o * c_in + c) * kk;
        float* to = packed_.data() + o * taps_ + c;
        for (int64_t k = 0; k < kk; ++k) to[k * c_in] = from[k];
      }
    }
    has_bias_ = bias_.defined();
    if (has_bias_) std::copy_n(bias_.data_ptr<float>(), s_.out_channels, bias_eff_.data());
    relu_ = false;
    transpose_packed();
  }

  // packed_t_ = packed_^T ([taps, out]): the forward GEMM's right operand as the AVX-512 kernel reads it.
  void transpose_packed() {
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      const float* row = packed_.data() + o * taps_;
      for (int64_t t = 0; t < taps_; ++t) packed_t_[static_cast<size_t>(t * s_.out_channels + o)] = row[t];
    }
  }

  int64_t fold_channels() const override { return s_.out_channels; }

  void fold(const float* scale, const float* shift, bool relu) override {
    relu_ = relu;
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      float* row = packed_.data() + o * taps_;
      for (int64_t t = 0; t < taps_; ++t) row[t] *= scale[o];
      bias_eff_[static_cast<size_t>(o)] = (has_bias_ ? bias_eff_[static_cast<size_t>(o)] : 0.0f) * scale[o] + shift[o];
    }
    has_bias_ = true;
    transpose_packed();
  }

  // Both passes run over sub-blocks of rows whose columns fit in the core's L2 cache, so that im2col's output is
  // read back by the GEMM from cache instead of memory; the backward pass rebuilds a sub-block's columns from the
  // layer's input rather than keeping the whole batch's (a few MB per layer).
  void forward(const float* x, float* y, int64_t rows) override {
    if (one_channel_) {
      // One input channel: straight from each zero-padded image, no columns (none kept for the backward pass).
      keep_ = false;
      for (int64_t r = 0; r < rows; ++r) {
        const float* image = pad(x + r * in_size);
        float* out = y + r * out_size;
        if (has_bias_) {
          fill_rows(out, positions_, bias_eff_.data(), s_.out_channels);
        } else {
          std::fill(out, out + out_size, 0.0f);
        }
        one_channel_conv_forward(direct_, image, packed_t_.data(), out);
        if (relu_) relu_in_place(out, out_size);
      }
      return;
    }
    const int64_t block = block_rows();
    // A training batch whose columns are small (kKeepColumnFloats) keeps them all for the backward pass.
    keep_ = training_ && rows * positions_ * taps_ <= kKeepColumnFloats;
    for (int64_t start = 0; start < rows; start += block) {
      const int64_t n = std::min(block, rows - start);
      const int64_t p = n * positions_;
      float* cols = im2col(x + start * in_size, n, keep_ ? start : 0);
      float* out = y + start * out_size;
      float beta = 0;
      if (has_bias_) {
        fill_rows(out, p, bias_eff_.data(), s_.out_channels);
        beta = 1;
      }
      fused::gemm(false, false, p, s_.out_channels, taps_, 1, cols, taps_, packed_t_.data(), s_.out_channels, beta, out,
                  s_.out_channels);
      if (relu_) relu_in_place(out, p * s_.out_channels);  // while the sub-block's output is in cache
    }
  }

  void backward(const float* x, const float*, const float* dy, float* dx, int64_t rows) override {
    if (one_channel_ && dx == nullptr) {
      for (int64_t r = 0; r < rows; ++r) {
        one_channel_conv_weight_grad(direct_, pad(x + r * in_size), dy + r * out_size, packed_grad_.data(), r > 0);
      }
      unpack_weight_grad();
      if (bias_.defined()) column_sums(dy, rows * positions_, s_.out_channels, grad_of(bias_), sums_);
      return;
    }
    const int64_t block = block_rows();
    for (int64_t start = 0; start < rows; start += block) {
      const int64_t n = std::min(block, rows - start);
      const int64_t p = n * positions_;
      const float* g = dy + start * out_size;
      const float* cols = keep_ ? cols_.data() + start * positions_ * taps_ : im2col(x + start * in_size, n, 0);
      // The weight gradient transposed, [taps, out] += cols^T dy: the long output dimension (taps) in the kernel's
      // rows and the channels in its vector columns, which suits the AVX-512 tiles better than [out, taps].
      fused::gemm(true, false, taps_, s_.out_channels, p, 1, cols, taps_, g, s_.out_channels, start == 0 ? 0.0f : 1.0f,
                  packed_grad_.data(), s_.out_channels);
      if (dx == nullptr) continue;
      dcols_.resize(static_cast<size_t>(p * taps_));
      fused::gemm(false, false, p, taps_, s_.out_channels, 1, g, s_.out_channels, packed_.data(), taps_, 0, dcols_.data(),
                  taps_);
      col2im(dx + start * in_size, n);
    }
    unpack_weight_grad();
    if (bias_.defined()) column_sums(dy, rows * positions_, s_.out_channels, grad_of(bias_), sums_);
  }

  int64_t parameter_count() const override { return weight_.numel() + (bias_.defined() ? bias_.numel() : 0); }
  int64_t multiply_adds() const override { return positions_ * s_.out_channels * taps_; }
  int64_t multiply_adds_fused_gemm() const override { return multiply_adds(); }

 private:
  void unpack_weight_grad() {
    float* g = grad_of(weight_);
    const int64_t c_in = s_.in_channels, kk = s_.kernel_h * s_.kernel_w;
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      for (int64_t c = 0; c < c_in; ++c) {
        float* to = g + (o * c_in + c) * kk;
        const float* from = packed_grad_.data() + c * s_.out_channels + o;
        for (int64_t k = 0; k < kk; ++k) to[k] = from[k * c_in * s_.out_channels];
      }
    }
  }

  // Calls run(column offset, input offset or -1 for padding, floats) for output position (oh, ow): per kernel row,
  // one run of kernel_w * channels floats when the row lies inside the image undilated (channels-last makes it
  // contiguous), else one run of `channels` floats per tap.
  template <typename F>
  void runs(int64_t oh, int64_t ow, F&& run) const {
    const int64_t c = s_.in_channels;
    const int64_t iw0 = ow * s_.stride_w - s_.pad_w;
    const bool row_inside = s_.dil_w == 1 && iw0 >= 0 && iw0 + s_.kernel_w <= s_.in_w;
    for (int64_t ki = 0; ki < s_.kernel_h; ++ki) {
      const int64_t ih = oh * s_.stride_h - s_.pad_h + ki * s_.dil_h;
      const int64_t col = ki * s_.kernel_w * c;
      if (ih < 0 || ih >= s_.in_h) {
        run(col, int64_t{-1}, s_.kernel_w * c);
      } else if (row_inside) {
        run(col, (ih * s_.in_w + iw0) * c, s_.kernel_w * c);
      } else {
        for (int64_t kj = 0; kj < s_.kernel_w; ++kj) {
          const int64_t iw = iw0 + kj * s_.dil_w;
          run(col + kj * c, iw >= 0 && iw < s_.in_w ? (ih * s_.in_w + iw) * c : int64_t{-1}, c);
        }
      }
    }
  }

  int64_t block_rows() const { return std::max<int64_t>(1, kBlockColumnFloats / (positions_ * taps_)); }

  // The columns of `rows` rows from x, written from row `at` of cols_ on; returns where they start. Each image is
  // first copied into a zero-bordered one (padded_, borders written once), so every kernel row is one contiguous run
  // of kernel_w * channels floats (undilated) without bounds checks.
  float* im2col(const float* x, int64_t rows, int64_t at) {
    cols_.resize(std::max(cols_.size(), static_cast<size_t>((at + rows) * positions_ * taps_)));
    float* base = cols_.data() + at * positions_ * taps_;
    const int64_t c = s_.in_channels;
    const int64_t wp = s_.in_w + 2 * s_.pad_w;
    const int64_t run = s_.dil_w == 1 ? s_.kernel_w * c : c;
    const int64_t runs_per_row = s_.dil_w == 1 ? 1 : s_.kernel_w;
    for (int64_t r = 0; r < rows; ++r) {
      pad(x + r * in_size);
      float* col = base + r * positions_ * taps_;
      // Runs of 3 or 5 floats (a one-channel image's 3x3 or 5x5 kernel rows) as fixed-size copies: a loop over so
      // few floats costs more than the copy.
      switch (run) {
        case 3: col = gather<3>(col, wp, c, runs_per_row); break;
        case 5: col = gather<5>(col, wp, c, runs_per_row); break;
        default: col = gather<0>(col, wp, c, runs_per_row, run); break;
      }
    }
    return base;
  }

  // Copies one image into padded_ (its zero borders written once) and returns padded_.
  const float* pad(const float* image) {
    const int64_t c = s_.in_channels;
    const int64_t hp = s_.in_h + 2 * s_.pad_h, wp = s_.in_w + 2 * s_.pad_w;
    if (padded_.empty()) padded_.assign(static_cast<size_t>(hp * wp * c), 0.0f);
    const int64_t line = s_.in_w * c;
    for (int64_t h = 0; h < s_.in_h; ++h) {
      std::memcpy(padded_.data() + ((h + s_.pad_h) * wp + s_.pad_w) * c, image + h * line, static_cast<size_t>(line) * sizeof(float));
    }
    return padded_.data();
  }

  // Copies every output position's kernel rows out of padded_ into col (runs of N floats; N = 0: `run` floats).
  template <int N>
  float* gather(float* col, int64_t wp, int64_t c, int64_t runs_per_row, int64_t run = N) const {
    for (int64_t oh = 0; oh < s_.out_h; ++oh) {
      for (int64_t ow = 0; ow < s_.out_w; ++ow) {
        for (int64_t ki = 0; ki < s_.kernel_h; ++ki) {
          const float* row = padded_.data() + ((oh * s_.stride_h + ki * s_.dil_h) * wp + ow * s_.stride_w) * c;
          for (int64_t kj = 0; kj < runs_per_row; ++kj) {
            const float* src = row + kj * s_.dil_w * c;
            if constexpr (N > 0) {
              std::memcpy(col, src, N * sizeof(float));
              col += N;
            } else {
              float* __restrict to = col;
              const float* __restrict from = src;
              for (int64_t j = 0; j < run; ++j) to[j] = from[j];
              col += run;
            }
          }
        }
      }
    }
    return col;
  }

  void col2im(float* dx, int64_t rows) {
    std::fill(dx, dx + rows * in_size, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
      float* image = dx + r * in_size;
      for (int64_t oh = 0; oh < s_.out_h; ++oh) {
        for (int64_t ow = 0; ow < s_.out_w; ++ow) {
          const float* col = dcols_.data() + ((r * s_.out_h + oh) * s_.out_w + ow) * taps_;
          runs(oh, ow, [&](int64_t at, int64_t to, int64_t n) {
            if (to < 0) return;
            float* __restrict target = image + to;
            const float* __restrict from = col + at;
            for (int64_t j = 0; j < n; ++j) target[j] += from[j];
          });
        }
      }
    }
  }

  torch::Tensor weight_;  // [out, in, kh, kw]
  torch::Tensor bias_;
  Conv2dShape s_;
  int64_t taps_;
  int64_t positions_;
  std::vector<float> packed_;       // [out, kh, kw, in], scaled by a folded batch norm in evaluation
  bool one_channel_;                // one input channel, AVX-512: convolved straight from the padded image
  std::vector<int64_t> tap_offsets_;
  std::vector<int64_t> corners_;
  OneChannelConv direct_{};
  std::vector<float> packed_t_;     // [kh, kw, in, out]
  std::vector<float> packed_grad_;  // the weight gradient as [kh, kw, in, out]
  bool keep_ = false;               // cols_ holds the whole batch's columns (training, small layers)
  bool relu_ = false;               // a folded batch norm's fused ReLU (evaluation)
  std::vector<float> bias_eff_;     // the bias, or the folded batch norm's shift
  bool has_bias_ = false;
  std::vector<float> cols_;  // [sub-block rows * out_h * out_w, taps]
  std::vector<float> padded_;  // one image with its zero padding, channels-last
  std::vector<float> dcols_;
  std::vector<float> sums_;
};

// Batch norm over channels-last values: a [rows * spatial, channels] matrix whose columns are the channels.
// Training: batch mean and biased variance (summed in double), y = (x - mean) / sqrt(var + eps) * gamma + beta; the
// running statistics move by `momentum` towards the batch mean and the unbiased variance, num_batches_tracked counts
// up, as torch::nn::BatchNorm does. Evaluation: the running statistics, folded into the layer before when there is one.
class BatchNormOp final : public FusedOp, public ReluFusable {
 public:
  BatchNormOp(torch::Tensor weight, torch::Tensor bias, torch::Tensor mean, torch::Tensor var, torch::Tensor batches,
              double eps, double momentum, int64_t spatial, FoldTarget* target)
      : FusedOp(weight.numel() * spatial, weight.numel() * spatial),
        weight_(std::move(weight)),
        bias_(std::move(bias)),
        running_mean_(std::move(mean)),
        running_var_(std::move(var)),
        batches_(std::move(batches)),
        eps_(eps),
        momentum_(momentum),
        channels_(weight_.numel()),
        spatial_(spatial),
        target_(target),
        a_(static_cast<size_t>(channels_)),
        b_(static_cast<size_t>(channels_)),
        mean_(static_cast<size_t>(channels_)),
        invstd_(static_cast<size_t>(channels_)) {}

  bool skipped_in_eval() const override { return target_ != nullptr; }

  // y = max(0, batch norm): the backward pass masks dy by y > 0 first.
  void fuse_relu() override { relu_ = true; }

  void prepare() override {
    if (training_) return;
    const float* gamma = weight_.data_ptr<float>();
    const float* beta = bias_.data_ptr<float>();
    const float* rm = running_mean_.data_ptr<float>();
    const float* rv = running_var_.data_ptr<float>();
    for (int64_t c = 0; c < channels_; ++c) {
      const float scale = gamma[c] / std::sqrt(rv[c] + static_cast<float>(eps_));
      a_[static_cast<size_t>(c)] = scale;
      b_[static_cast<size_t>(c)] = beta[c] - rm[c] * scale;
    }
    if (target_ != nullptr) target_->fold(a_.data(), b_.data(), relu_);
  }

  void forward(const float* x, float* y, int64_t rows) override {
    const int64_t p = rows * spatial_;
    if (training_) statistics(x, p);
    const float* __restrict a = a_.data();
    const float* __restrict b = b_.data();
    for (int64_t i = 0; i < p; ++i) {
      const float* __restrict in = x + i * channels_;
      float* __restrict out = y + i * channels_;
      if (relu_) {
        for (int64_t c = 0; c < channels_; ++c) {
          const float v = in[c] * a[c] + b[c];
          out[c] = v < 0.0f ? 0.0f : v;
        }
      } else {
        for (int64_t c = 0; c < channels_; ++c) out[c] = in[c] * a[c] + b[c];
      }
    }
  }

  void backward(const float* x, const float* y, const float* dy, float* dx, int64_t rows) override {
    const int64_t p = rows * spatial_;
    if (relu_) {
      // The ReLU's backward: dy where the output is positive.
      masked_.resize(static_cast<size_t>(p * channels_));
      const float* __restrict out = y;
      const float* __restrict g = dy;
      float* __restrict m = masked_.data();
      for (int64_t i = 0; i < p * channels_; ++i) {
        const float v = g[i];
        m[i] = out[i] > 0.0f ? v : 0.0f;
      }
      dy = masked_.data();
    }
    std::vector<double>& sum_dy = acc_;
    std::vector<double>& sum_dy_xhat = acc2_;
    sum_dy.assign(static_cast<size_t>(channels_), 0.0);
    sum_dy_xhat.assign(static_cast<size_t>(channels_), 0.0);
    const float* mean = mean_.data();
    const float* invstd = invstd_.data();
    // Per column: sum(dy) and sum(dy * (x - mean)), accumulated in float per block of rows, then in double.
    row_block_sums(p, [&](int64_t i, float* s1, float* s2) {
      const float* __restrict g = dy + i * channels_;
      const float* __restrict in = x + i * channels_;
      for (int64_t c = 0; c < channels_; ++c) {
        s1[c] += g[c];
        s2[c] += g[c] * (in[c] - mean[c]);
      }
    }, sum_dy, sum_dy_xhat);
    float* dgamma = grad_of(weight_);
    float* dbeta = grad_of(bias_);
    const float* gamma = weight_.data_ptr<float>();
    std::vector<float>& k1 = scratch1_;  // dx = k1 * dy + k2 * (x - mean) + k3
    std::vector<float>& k2 = scratch2_;
    std::vector<float>& k3 = scratch3_;
    k1.resize(static_cast<size_t>(channels_));
    k2.resize(static_cast<size_t>(channels_));
    k3.resize(static_cast<size_t>(channels_));
    const double n = static_cast<double>(p);
    for (int64_t c = 0; c < channels_; ++c) {
      const auto i = static_cast<size_t>(c);
      const double is = invstd[c];
      dbeta[c] = static_cast<float>(sum_dy[i]);
      dgamma[c] = static_cast<float>(sum_dy_xhat[i] * is);
      // dx = gamma * invstd * (dy - mean(dy) - xhat * mean(dy * xhat)), xhat = (x - mean) * invstd.
      const double g = gamma[c] * is;
      k1[i] = static_cast<float>(g);
      k2[i] = static_cast<float>(-g * is * is * sum_dy_xhat[i] / n);
      k3[i] = static_cast<float>(-g * sum_dy[i] / n);
    }
    if (dx == nullptr) return;
    const float* __restrict c1 = k1.data();
    const float* __restrict c2 = k2.data();
    const float* __restrict c3 = k3.data();
    for (int64_t i = 0; i < p; ++i) {
      const float* __restrict g = dy + i * channels_;
      const float* __restrict in = x + i * channels_;
      float* __restrict d = dx + i * channels_;
      for (int64_t c = 0; c < channels_; ++c) d[c] = c1[c] * g[c] + c2[c] * (in[c] - mean[c]) + c3[c];
    }
  }

  int64_t parameter_count() const override { return weight_.numel() + bias_.numel(); }

 private:
  // Adds f's per-row contributions to two per-column double sums, through float partial sums over blocks of 64 rows
  // (vectorisable, and accurate enough: a block's float error is that of 64 additions).
  template <typename F>
  void row_block_sums(int64_t p, F&& f, std::vector<double>& out1, std::vector<double>& out2) {
    block1_.resize(static_cast<size_t>(channels_));
    block2_.resize(static_cast<size_t>(channels_));
    for (int64_t start = 0; start < p; start += 64) {
      std::fill(block1_.begin(), block1_.end(), 0.0f);
      std::fill(block2_.begin(), block2_.end(), 0.0f);
      const int64_t end = std::min(p, start + 64);
      for (int64_t i = start; i < end; ++i) f(i, block1_.data(), block2_.data());
      for (int64_t c = 0; c < channels_; ++c) {
        out1[static_cast<size_t>(c)] += block1_[static_cast<size_t>(c)];
        out2[static_cast<size_t>(c)] += block2_[static_cast<size_t>(c)];
      }
    }
  }

  void statistics(const float* x, int64_t p) {
    if (p <= 1) {
      throw EngineError(DF_ERR_TORCH, "batch norm: expected more than 1 value per channel when training, got " +
                                          std::to_string(p));
    }
    std::vector<double>& sum = acc_;
    std::vector<double>& squares = acc2_;
    sum.assign(static_cast<size_t>(channels_), 0.0);
    squares.assign(static_cast<size_t>(channels_), 0.0);
    row_block_sums(p, [&](int64_t i, float* s1, float*) {
      const float* __restrict in = x + i * channels_;
      for (int64_t c = 0; c < channels_; ++c) s1[c] += in[c];
    }, sum, squares);
    const double n = static_cast<double>(p);
    for (int64_t c = 0; c < channels_; ++c) mean_[static_cast<size_t>(c)] = static_cast<float>(sum[static_cast<size_t>(c)] / n);
    // Second pass about the mean (as libtorch), not E[x^2] - E[x]^2, which cancels badly.
    squares.assign(static_cast<size_t>(channels_), 0.0);
    const float* mean = mean_.data();
    row_block_sums(p, [&](int64_t i, float* s1, float*) {
      const float* __restrict in = x + i * channels_;
      for (int64_t c = 0; c < channels_; ++c) {
        const float d = in[c] - mean[c];
        s1[c] += d * d;
      }
    }, squares, sum);
    const float* gamma = weight_.data_ptr<float>();
    const float* beta = bias_.data_ptr<float>();
    float* rm = running_mean_.data_ptr<float>();
    float* rv = running_var_.data_ptr<float>();
    double momentum = momentum_;
    if (batches_.defined()) {
      int64_t* count = batches_.data_ptr<int64_t>();
      *count += 1;
      if (momentum < 0) momentum = 1.0 / static_cast<double>(*count);
    } else if (momentum < 0) {
      momentum = 0.0;
    }
    const auto m = static_cast<float>(momentum);
    for (int64_t c = 0; c < channels_; ++c) {
      const auto i = static_cast<size_t>(c);
      const double var = squares[i] / n;
      const float is = static_cast<float>(1.0 / std::sqrt(var + eps_));
      invstd_[i] = is;
      a_[i] = gamma[c] * is;
      b_[i] = beta[c] - mean_[i] * a_[i];
      rm[c] = m * mean_[i] + (1 - m) * rm[c];
      rv[c] = m * static_cast<float>(var * n / (n - 1)) + (1 - m) * rv[c];
    }
  }

  torch::Tensor weight_, bias_, running_mean_, running_var_, batches_;
  double eps_;
  double momentum_;
  int64_t channels_;
  int64_t spatial_;
  FoldTarget* target_;
  std::vector<float> a_, b_;  // y = x * a + b per channel (the batch's or the running statistics')
  std::vector<float> mean_, invstd_;
  std::vector<double> acc_, acc2_;
  std::vector<float> block1_, block2_, scratch1_, scratch2_, scratch3_;
  bool relu_ = false;
  std::vector<float> masked_;  // dy masked by the fused ReLU
};

// Element-wise dropout: in training y = x * mask, mask = 1 / (1 - p) with probability 1 - p and 0 otherwise, as
// torch::dropout. The mask's bits are not libtorch's: each training forward draws one 64-bit seed from the layer's
// generator (the one dropout uses on the autograd path: the task's own, seeded from the recipe's seed and saved in
// checkpoints; libtorch's default CPU generator when none is set) and hashes (seed, element index) with two rounds of lowbias32, so runs are reproducible and resumable but do
// not drop the same elements as the autograd path.
// Chris Wellons' lowbias32 integer hash: 32-bit multiplies and shifts, which vectorise.
inline uint32_t lowbias32(uint32_t z) {
  z ^= z >> 16;
  z *= 0x7feb352dU;
  z ^= z >> 15;
  z *= 0x846ca68bU;
  z ^= z >> 16;
  return z;
}

// mask[i] = scale or 0 from a hash of (seed, i); y = x * mask. Compiled for AVX2 too (the engine's default flags
// target the baseline x86-64), picked at load time.
__attribute__((target_clones("avx2", "default"))) void dropout_mask(uint32_t seed_lo, uint32_t seed_hi, int64_t n,
                                                                    uint32_t threshold, float scale, const float* x,
                                                                    float* mask, float* y) {
  const float* __restrict in = x;
  float* __restrict m = mask;
  float* __restrict out = y;
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t z = lowbias32(lowbias32(static_cast<uint32_t>(i) * 0x9e3779b9U + seed_lo) ^ seed_hi);
    const float keep = z >= threshold ? scale : 0.0f;
    m[i] = keep;
    out[i] = in[i] * keep;
  }
}

class DropoutOp final : public FusedOp {
 public:
  DropoutOp(double p, int64_t size, std::function<c10::optional<at::Generator>()> generator)
      : FusedOp(size, size), p_(p), generator_(std::move(generator)) {}

  bool skipped_in_eval() const override { return true; }

  void forward(const float* x, float* y, int64_t rows) override {
    const int64_t n = rows * in_size;
    if (!training_) {
      std::memcpy(y, x, static_cast<size_t>(n) * sizeof(float));
      return;
    }
    mask_.resize(static_cast<size_t>(n));
    float* mask = mask_.data();
    if (p_ <= 0) {
      std::fill(mask, mask + n, 1.0f);
      std::memcpy(y, x, static_cast<size_t>(n) * sizeof(float));
      return;
    }
    if (p_ >= 1) {
      std::fill(mask, mask + n, 0.0f);
      std::fill(y, y + n, 0.0f);
      return;
    }
    uint64_t seed;
    {
      c10::optional<at::Generator> own = generator_ ? generator_() : c10::nullopt;
      at::Generator gen = own.has_value() ? *own : at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(gen.mutex());
      seed = at::check_generator<at::CPUGeneratorImpl>(gen)->random64();
    }
    // Keep when the hash is at or above p * 2^32 (p < 1, so it fits 32 bits).
    const auto threshold = static_cast<uint32_t>(std::min(std::ldexp(p_, 32), 4294967295.0));
    dropout_mask(static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32), n, threshold,
                 static_cast<float>(1.0 / (1.0 - p_)), x, mask, y);
  }

  void backward(const float*, const float*, const float* dy, float* dx, int64_t rows) override {
    if (dx == nullptr) return;
    const int64_t n = rows * in_size;
    const float* __restrict g = dy;
    const float* __restrict mask = mask_.data();
    float* __restrict d = dx;
    for (int64_t i = 0; i < n; ++i) d[i] = g[i] * mask[i];
  }

 private:
  double p_;
  std::function<c10::optional<at::Generator>()> generator_;
  std::vector<float> mask_;
};

}  // namespace

void relu_in_place(float* v, int64_t n) {
  float* __restrict p = v;
  for (int64_t i = 0; i < n; ++i) {
    const float x = p[i];
    p[i] = x < 0.0f ? 0.0f : x;  // NaN stays NaN, as torch::relu
  }
}

std::unique_ptr<FusedOp> make_conv2d(torch::Tensor weight, torch::Tensor bias, const Conv2dShape& shape) {
  return std::make_unique<Conv2dOp>(std::move(weight), std::move(bias), shape);
}

std::unique_ptr<FusedOp> make_batch_norm(torch::Tensor weight, torch::Tensor bias, torch::Tensor running_mean,
                                         torch::Tensor running_var, torch::Tensor batches, double eps, double momentum,
                                         int64_t spatial, FoldTarget* fold_into) {
  return std::make_unique<BatchNormOp>(std::move(weight), std::move(bias), std::move(running_mean),
                                       std::move(running_var), std::move(batches), eps, momentum, spatial, fold_into);
}

std::unique_ptr<FusedOp> make_dropout(double p, int64_t size, std::function<c10::optional<at::Generator>()> generator) {
  return std::make_unique<DropoutOp>(p, size, std::move(generator));
}

}  // namespace digitforge::fused
