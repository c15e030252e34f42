#include "fused_sequential.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <time.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <typeinfo>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "cpu_gemm.h"
#include "fused_op.h"
#include "layers/dropout.h"

namespace digitforge {

using fused::column_sums;
using fused::fill_rows;
using fused::grad_of;

namespace {

// A layer's per-row values: the logical (PyTorch) shape, rank 1 [features], rank 2 [channels, length] or rank 3
// [channels, height, width], and whether a rank-2 or -3 value is stored channels-last ([length, channels],
// [height, width, channels]), the layout conv1d and conv2d work in here.
struct Layout {
  std::vector<int64_t> shape;
  bool channels_last = false;

  int64_t size() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
  int64_t channels() const { return shape.empty() ? 1 : shape[0]; }
  // Positions per channel (length, or height x width).
  int64_t spatial() const { return shape.empty() ? 1 : size() / shape[0]; }
  // Both storage orders are the same memory when there is one channel or one position.
  bool order_matters() const { return shape.size() >= 2 && channels() > 1 && spatial() > 1; }
};

}  // namespace

namespace fused {

float* grad_of(torch::Tensor& parameter) {
  if (!parameter.grad().defined()) parameter.mutable_grad() = torch::zeros_like(parameter);
  return parameter.grad().data_ptr<float>();
}

// Column sums of a [rows, width] matrix into out[width] (the bias gradient), in the order of libtorch's cascade
// sum (ATen/native/cpu/SumKernel.cpp, multi_row_sum): rows in blocks of 2^max(4, ceil(log2 rows) / 4) added into
// four levels of partial sums, so the bias gradients come out as libtorch's to the bit.
void column_sums(const float* m, int64_t rows, int64_t width, float* out, std::vector<float>& scratch) {
  constexpr int64_t kLevels = 4;
  const int64_t ceil_log2 = rows <= 2 ? 1 : 64 - __builtin_clzll(static_cast<unsigned long long>(rows - 1));
  const int64_t power = std::max<int64_t>(4, ceil_log2 / kLevels);
  const int64_t step = int64_t{1} << power;
  const int64_t mask = step - 1;
  scratch.assign(static_cast<size_t>(kLevels * width), 0.0f);
  float* __restrict acc = scratch.data();
  auto add_row = [&](int64_t i) {
    const float* __restrict row = m + i * width;
    for (int64_t k = 0; k < width; ++k) acc[k] += row[k];
  };
  int64_t i = 0;
  while (i + step <= rows) {
    for (int64_t j = 0; j < step; ++j, ++i) add_row(i);
    for (int64_t level = 1; level < kLevels; ++level) {
      float* __restrict upper = acc + level * width;
      float* __restrict lower = acc + (level - 1) * width;
      for (int64_t k = 0; k < width; ++k) {
        upper[k] += lower[k];
        lower[k] = 0.0f;
      }
      if ((i & (mask << (level * power))) != 0) break;
    }
  }
  for (; i < rows; ++i) add_row(i);
  for (int64_t level = 1; level < kLevels; ++level) {
    const float* __restrict upper = acc + level * width;
    for (int64_t k = 0; k < width; ++k) acc[k] += upper[k];
  }
  std::copy_n(acc, width, out);
}

void fill_rows(float* y, int64_t rows, const float* row, int64_t width) {
  for (int64_t r = 0; r < rows; ++r) std::memcpy(y + r * width, row, static_cast<size_t>(width) * sizeof(float));
}

}  // namespace fused

void FusedProgram::add(std::unique_ptr<FusedOp> op) {
  out_size_ = op->out_size;
  ops_.push_back(std::move(op));
  values_.emplace_back();
  grads_.emplace_back();
  capacity_ = 0;
}

int64_t FusedProgram::parameter_count() const {
  int64_t n = 0;
  for (const auto& op : ops_) n += op->parameter_count();
  return n;
}

int64_t FusedProgram::multiply_adds() const {
  int64_t n = 0;
  for (const auto& op : ops_) n += op->multiply_adds();
  return n;
}

int64_t FusedProgram::multiply_adds_fused_gemm() const {
  int64_t n = 0;
  for (const auto& op : ops_) n += op->multiply_adds_fused_gemm();
  return n;
}

void FusedProgram::set_training(bool training) {
  // Weights only change in training steps: evaluation after training prepares again, evaluation after evaluation
  // (pipeline-eval's segments) does not.
  if (training != training_) prepared_ = false;
  training_ = training;
  for (auto& op : ops_) op->set_training(training);
}

void FusedProgram::prepare() {
  for (auto& op : ops_) op->prepare();
}

namespace {

// DIGITFORGE_FUSED_PROFILE=1: CPU seconds per op and pass, printed to stderr when the program goes (a profile of
// the hand-written path without a profiler).
bool profiling() {
  static const bool on = [] {
    const char* v = std::getenv("DIGITFORGE_FUSED_PROFILE");
    return v != nullptr && v[0] == '1';
  }();
  return on;
}

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

FusedProgram::~FusedProgram() {
  if (profile_.empty()) return;
  for (size_t i = 0; i < ops_.size(); ++i) {
    const auto& p = profile_[i];
    std::fprintf(stderr, "fused op %zu %s: forward %.4f s, backward %.4f s\n", i, typeid(*ops_[i]).name(), p[0], p[1]);
  }
}

const float* FusedProgram::forward(const float* x, int64_t rows) {
  reserve(rows);
  // Training packs the weights before every step (the optimiser changed them); evaluation once after training.
  if (training_ || !prepared_) prepare();
  prepared_ = true;
  const bool timed = profiling();
  if (timed) profile_.resize(ops_.size());
  const float* in = x;
  for (size_t i = 0; i < ops_.size(); ++i) {
    if (!training_ && ops_[i]->skipped_in_eval()) continue;
    const double t = timed ? cpu_now() : 0;
    ops_[i]->forward(in, values_[i].data(), rows);
    if (timed) profile_[i][0] += cpu_now() - t;
    in = values_[i].data();
  }
  return in;
}

void FusedProgram::backward(const float* x, const float* dy, float* dx, int64_t rows) {
  if (ops_.empty()) {
    if (dx != nullptr) std::memcpy(dx, dy, static_cast<size_t>(rows * in_size_) * sizeof(float));
    return;
  }
  for (size_t i = ops_.size(); i-- > 0;) {
    const float* in = i == 0 ? x : values_[i - 1].data();
    const float* dout = i + 1 == ops_.size() ? dy : grads_[i].data();
    float* din = i == 0 ? dx : grads_[i - 1].data();
    const double t = profiling() ? cpu_now() : 0;
    ops_[i]->backward(in, values_[i].data(), dout, din, rows);
    if (profiling()) profile_[i][1] += cpu_now() - t;
  }
}

// Gradients are only needed in training; evaluation chunks may be larger than training batches.
void FusedProgram::reserve(int64_t rows) {
  if (rows <= capacity_) return;
  for (size_t i = 0; i < ops_.size(); ++i) {
    const auto n = static_cast<size_t>(rows * ops_[i]->out_size);
    values_[i].grow(n);
    if (training_) grads_[i].grow(n);
  }
  if (training_) capacity_ = rows;
}

namespace {

class LinearOp final : public FusedOp, public FoldTarget {
 public:
  LinearOp(torch::Tensor weight, torch::Tensor bias)
      : FusedOp(weight.size(1), weight.size(0)), weight_(std::move(weight)), bias_(std::move(bias)) {}

  void prepare() override {
    folded_ = false;
    relu_ = false;
  }

  int64_t fold_channels() const override { return out_size; }

  // W' = diag(scale) W, b' = scale * b + shift: a following evaluation-mode batch norm in one GEMM.
  void fold(const float* scale, const float* shift, bool relu) override {
    relu_ = relu;
    const float* w = weight_.data_ptr<float>();
    folded_weight_.resize(static_cast<size_t>(weight_.numel()));
    folded_bias_.resize(static_cast<size_t>(out_size));
    for (int64_t o = 0; o < out_size; ++o) {
      for (int64_t i = 0; i < in_size; ++i) folded_weight_[static_cast<size_t>(o * in_size + i)] = w[o * in_size + i] * scale[o];
      const float b = bias_.defined() ? bias_.data_ptr<float>()[o] : 0.0f;
      folded_bias_[static_cast<size_t>(o)] = b * scale[o] + shift[o];
    }
    folded_ = true;
  }

  void forward(const float* x, float* y, int64_t rows) override {
    const float* w = folded_ ? folded_weight_.data() : weight_.data_ptr<float>();
    const float* b = folded_ ? folded_bias_.data() : bias_.defined() ? bias_.data_ptr<float>() : nullptr;
    float beta = 0;
    if (b != nullptr) {
      fill_rows(y, rows, b, out_size);
      beta = 1;
    }
    cpu::gemm(false, true, rows, out_size, in_size, 1, x, in_size, w, in_size, beta, y, out_size);
    if (relu_) fused::relu_in_place(y, rows * out_size);
  }

  void backward(const float* x, const float*, const float* dy, float* dx, int64_t rows) override {
    cpu::gemm(true, false, out_size, in_size, rows, 1, dy, out_size, x, in_size, 0, grad_of(weight_), in_size);
    if (bias_.defined()) column_sums(dy, rows, out_size, grad_of(bias_), sums_);
    if (dx != nullptr) {
      cpu::gemm(false, false, rows, in_size, out_size, 1, dy, out_size, weight_.data_ptr<float>(), in_size, 0, dx,
                in_size);
    }
  }

  int64_t parameter_count() const override { return weight_.numel() + (bias_.defined() ? bias_.numel() : 0); }
  int64_t multiply_adds() const override { return in_size * out_size; }

 private:
  torch::Tensor weight_;  // [out, in]
  torch::Tensor bias_;    // [out] or undefined
  std::vector<float> sums_;
  bool folded_ = false;
  bool relu_ = false;  // a folded batch norm's fused ReLU
  std::vector<float> folded_weight_;
  std::vector<float> folded_bias_;
};

struct ConvShape {
  int64_t in_channels, out_channels, kernel, stride, padding, dilation, in_length, out_length;
};

// Conv1d on channels-last values ([length, channels] per row): im2col rows of kernel * in_channels values (tap by
// tap, each tap a contiguous run of channels), one GEMM with the weight repacked to [out, kernel, in].
class Conv1dOp final : public FusedOp {
 public:
  Conv1dOp(torch::Tensor weight, torch::Tensor bias, const ConvShape& s)
      : FusedOp(s.in_channels * s.in_length, s.out_channels * s.out_length),
        weight_(std::move(weight)),
        bias_(std::move(bias)),
        s_(s),
        taps_(s.kernel * s.in_channels),
        packed_(static_cast<size_t>(s.out_channels * taps_)),
        packed_grad_(packed_.size()) {}

  void forward(const float* x, float* y, int64_t rows) override {
    pack_weight();
    const int64_t positions = rows * s_.out_length;
    cols_.resize(static_cast<size_t>(positions * taps_));
    im2col(x, rows);
    float beta = 0;
    if (bias_.defined()) {
      fill_rows(y, positions, bias_.data_ptr<float>(), s_.out_channels);
      beta = 1;
    }
    cpu::gemm(false, true, positions, s_.out_channels, taps_, 1, cols_.data(), taps_, packed_.data(), taps_, beta, y,
              s_.out_channels);
  }

  void backward(const float*, const float*, const float* dy, float* dx, int64_t rows) override {
    const int64_t positions = rows * s_.out_length;
    cpu::gemm(true, false, s_.out_channels, taps_, positions, 1, dy, s_.out_channels, cols_.data(), taps_, 0,
              packed_grad_.data(), taps_);
    unpack_weight_grad();
    if (bias_.defined()) column_sums(dy, positions, s_.out_channels, grad_of(bias_), sums_);
    if (dx == nullptr) return;
    dcols_.resize(cols_.size());
    cpu::gemm(false, false, positions, taps_, s_.out_channels, 1, dy, s_.out_channels, packed_.data(), taps_, 0,
              dcols_.data(), taps_);
    col2im(dx, rows);
  }

  int64_t parameter_count() const override { return weight_.numel() + (bias_.defined() ? bias_.numel() : 0); }
  int64_t multiply_adds() const override { return s_.out_length * s_.out_channels * taps_; }

 private:
  // Input position of output position t's tap k (may fall in the zero padding).
  int64_t source(int64_t t, int64_t k) const { return t * s_.stride - s_.padding + k * s_.dilation; }

  void pack_weight() {
    const float* w = weight_.data_ptr<float>();  // [out, in, kernel]
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      for (int64_t c = 0; c < s_.in_channels; ++c) {
        for (int64_t k = 0; k < s_.kernel; ++k) {
          packed_[static_cast<size_t>(o * taps_ + k * s_.in_channels + c)] = w[(o * s_.in_channels + c) * s_.kernel + k];
        }
      }
    }
  }

  void unpack_weight_grad() {
    float* g = grad_of(weight_);
    for (int64_t o = 0; o < s_.out_channels; ++o) {
      for (int64_t c = 0; c < s_.in_channels; ++c) {
        for (int64_t k = 0; k < s_.kernel; ++k) {
          g[(o * s_.in_channels + c) * s_.kernel + k] = packed_grad_[static_cast<size_t>(o * taps_ + k * s_.in_channels + c)];
        }
      }
    }
  }

  void im2col(const float* x, int64_t rows) {
    const int64_t c = s_.in_channels;
    const auto run = static_cast<size_t>(c) * sizeof(float);
    for (int64_t r = 0; r < rows; ++r) {
      const float* row = x + r * s_.in_length * c;
      for (int64_t t = 0; t < s_.out_length; ++t) {
        float* col = cols_.data() + (r * s_.out_length + t) * taps_;
        for (int64_t k = 0; k < s_.kernel; ++k) {
          const int64_t p = source(t, k);
          if (p >= 0 && p < s_.in_length) {
            std::memcpy(col + k * c, row + p * c, run);
          } else {
            std::memset(col + k * c, 0, run);
          }
        }
      }
    }
  }

  void col2im(float* dx, int64_t rows) {
    const int64_t c = s_.in_channels;
    std::fill(dx, dx + rows * in_size, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
      float* row = dx + r * s_.in_length * c;
      for (int64_t t = 0; t < s_.out_length; ++t) {
        const float* col = dcols_.data() + (r * s_.out_length + t) * taps_;
        for (int64_t k = 0; k < s_.kernel; ++k) {
          const int64_t p = source(t, k);
          if (p < 0 || p >= s_.in_length) continue;
          float* __restrict target = row + p * c;
          const float* __restrict from = col + k * c;
          for (int64_t j = 0; j < c; ++j) target[j] += from[j];
        }
      }
    }
  }

  torch::Tensor weight_;  // [out, in, kernel]
  torch::Tensor bias_;
  ConvShape s_;
  int64_t taps_;
  std::vector<float> packed_;       // [out, kernel, in]
  std::vector<float> packed_grad_;  // same layout
  std::vector<float> cols_;         // [rows * out_length, kernel * in], kept for the backward pass
  std::vector<float> dcols_;
  std::vector<float> sums_;
};

enum class Activation { Relu, LeakyRelu, Tanh, Sigmoid };

class ActivationOp final : public FusedOp {
 public:
  ActivationOp(Activation kind, double slope, int64_t size)
      : FusedOp(size, size), kind_(kind), slope_(static_cast<float>(slope)) {}

  // __restrict and select-style expressions let the compiler vectorise these loops (a branch per element costs
  // more than the GEMMs once the signs are random).
  void forward(const float* x, float* y, int64_t rows) override {
    const float* __restrict in = x;
    float* __restrict out = y;
    const int64_t n = rows * in_size;
    const float slope = slope_;
    switch (kind_) {
      case Activation::Relu:
        for (int64_t i = 0; i < n; ++i) {
          const float v = in[i];
          out[i] = v < 0.0f ? 0.0f : v;  // NaN stays NaN, as torch::relu
        }
        break;
      case Activation::LeakyRelu:
        for (int64_t i = 0; i < n; ++i) {
          const float v = in[i];
          out[i] = v > 0.0f ? v : v * slope;
        }
        break;
      case Activation::Tanh:
        for (int64_t i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
        break;
      case Activation::Sigmoid:
        for (int64_t i = 0; i < n; ++i) out[i] = 1.0f / (1.0f + std::exp(-in[i]));
        break;
    }
  }

  void backward(const float* x, const float* y, const float* dy, float* dx, int64_t rows) override {
    if (dx == nullptr) return;
    const float* __restrict in = x;
    const float* __restrict out = y;
    const float* __restrict g = dy;
    float* __restrict d = dx;
    const int64_t n = rows * in_size;
    const float slope = slope_;
    switch (kind_) {
      case Activation::Relu:
        for (int64_t i = 0; i < n; ++i) {
          const float v = g[i];  // loaded unconditionally, so the select becomes a vector blend
          d[i] = out[i] > 0.0f ? v : 0.0f;
        }
        break;
      case Activation::LeakyRelu:
        for (int64_t i = 0; i < n; ++i) {
          const float v = g[i];
          d[i] = in[i] > 0.0f ? v : v * slope;
        }
        break;
      case Activation::Tanh:
        for (int64_t i = 0; i < n; ++i) d[i] = g[i] * (1.0f - out[i] * out[i]);
        break;
      case Activation::Sigmoid:
        for (int64_t i = 0; i < n; ++i) d[i] = g[i] * out[i] * (1.0f - out[i]);
        break;
    }
  }

 private:
  Activation kind_;
  float slope_;
};

// [a, b] -> [b, a] per row: between the logical [channels, length] order and channels-last.
class TransposeOp final : public FusedOp {
 public:
  TransposeOp(int64_t a, int64_t b) : FusedOp(a * b, a * b), a_(a), b_(b) {}

  void forward(const float* x, float* y, int64_t rows) override { transpose(x, y, rows, a_, b_); }
  void backward(const float*, const float*, const float* dy, float* dx, int64_t rows) override {
    if (dx != nullptr) transpose(dy, dx, rows, b_, a_);
  }

 private:
  static void transpose(const float* x, float* y, int64_t rows, int64_t a, int64_t b) {
    for (int64_t r = 0; r < rows; ++r) {
      const float* in = x + r * a * b;
      float* out = y + r * a * b;
      for (int64_t i = 0; i < a; ++i) {
        for (int64_t j = 0; j < b; ++j) out[j * a + i] = in[i * b + j];
      }
    }
  }

  int64_t a_;
  int64_t b_;
};

// x + body(x).
class ResidualOp final : public FusedOp {
 public:
  explicit ResidualOp(std::unique_ptr<FusedProgram> body)
      : FusedOp(body->in_size(), body->out_size()), body_(std::move(body)) {}

  void set_training(bool training) override {
    FusedOp::set_training(training);
    body_->set_training(training);
  }

  void forward(const float* x, float* y, int64_t rows) override {
    const float* __restrict b = body_->forward(x, rows);
    const float* __restrict in = x;
    float* __restrict out = y;
    const int64_t n = rows * in_size;
    for (int64_t i = 0; i < n; ++i) out[i] = in[i] + b[i];
  }

  void backward(const float* x, const float*, const float* dy, float* dx, int64_t rows) override {
    const int64_t n = rows * in_size;
    body_grad_.resize(static_cast<size_t>(n));
    body_->backward(x, dy, body_grad_.data(), rows);
    if (dx == nullptr) return;
    const float* __restrict g = dy;
    const float* __restrict b = body_grad_.data();
    float* __restrict d = dx;
    for (int64_t i = 0; i < n; ++i) d[i] = g[i] + b[i];
  }

  int64_t parameter_count() const override { return body_->parameter_count(); }
  int64_t multiply_adds() const override { return body_->multiply_adds(); }
  int64_t multiply_adds_fused_gemm() const override { return body_->multiply_adds_fused_gemm(); }

 private:
  std::unique_ptr<FusedProgram> body_;
  std::vector<float> body_grad_;
};

// Thrown while compiling when a layer is not covered; caught by try_create.
struct NotCovered {
  std::string reason;
};

bool float_cpu(const torch::Tensor& t) {
  return !t.defined() || (t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.is_contiguous());
}

class Compiler {
 public:
  // Appends the ops of layers [from, to) of `net` (to < 0: to the end) to program, starting from layout; returns the
  // layout after them.
  Layout compile(const SequenceImpl& net, Layout layout, FusedProgram& program, int64_t from = 0, int64_t to = -1) {
    const auto& steps = net.steps();
    const auto n = static_cast<int64_t>(steps.size());
    if (to < 0 || to > n) to = n;
    for (int64_t i = from; i < to; ++i) {
      const auto& step = steps[static_cast<size_t>(i)];
      // Layers that keep no module in their step (conv2d, batch norm, dropout) are the sequence's child named by
      // their index, as torch.nn.Sequential names them.
      std::shared_ptr<torch::nn::Module> module = step.module;
      if (!module) {
        if (const auto* child = net.named_children().find(std::to_string(i))) module = *child;
      }
      layout = compile_step(step, module, std::move(layout), program);
    }
    return layout;
  }

  // Stores the values channels-last or not, adding a transpose when the order matters.
  static void store(Layout& layout, bool channels_last, FusedProgram& program) {
    if (layout.order_matters() && layout.channels_last != channels_last) {
      // channels-last storage is [positions, channels] of the logical [channels, positions...].
      const int64_t c = layout.channels(), l = layout.spatial();
      program.add(channels_last ? std::make_unique<TransposeOp>(c, l) : std::make_unique<TransposeOp>(l, c));
    }
    layout.channels_last = channels_last;
  }

 private:
  Layout compile_step(const SequenceImpl::Step& step, const std::shared_ptr<torch::nn::Module>& module, Layout layout,
                      FusedProgram& program) {
    const std::string& type = step.type;
    if (type == "conv2d") {
      auto m = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(module);
      if (!m || !float_cpu(m->weight) || !float_cpu(m->bias)) throw NotCovered{step.label + ": not a float32 CPU layer"};
      const auto& o = m->options;
      const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
      if (padding == nullptr || o.groups() != 1 || !c10::get_if<torch::enumtype::kZeros>(&o.padding_mode())) {
        throw NotCovered{step.label + ": padding mode or groups"};
      }
      if (layout.shape.size() != 3) throw NotCovered{step.label + ": input of rank " + std::to_string(layout.shape.size())};
      store(layout, true, program);
      fused::Conv2dShape s{o.in_channels(), o.out_channels(), (*o.kernel_size())[0], (*o.kernel_size())[1],
                           (*o.stride())[0], (*o.stride())[1], (**padding)[0], (**padding)[1], (*o.dilation())[0],
                           (*o.dilation())[1], layout.shape[1], layout.shape[2], 0, 0};
      s.out_h = (s.in_h + 2 * s.pad_h - s.dil_h * (s.kernel_h - 1) - 1) / s.stride_h + 1;
      s.out_w = (s.in_w + 2 * s.pad_w - s.dil_w * (s.kernel_w - 1) - 1) / s.stride_w + 1;
      if (layout.shape[0] != s.in_channels || s.out_h < 1 || s.out_w < 1) throw NotCovered{step.label + ": shapes do not fit"};
      program.add(fused::make_conv2d(m->weight, m->bias, s));
      return Layout{{s.out_channels, s.out_h, s.out_w}, true};
    }
    if (type == "batch_norm1d" || type == "batch_norm2d") {
      torch::Tensor weight, bias, mean, var, batches;
      double eps = 0, momentum = -1;
      bool affine = true, track = true;
      if (auto m = std::dynamic_pointer_cast<torch::nn::BatchNorm1dImpl>(module); m && type == "batch_norm1d") {
        weight = m->weight, bias = m->bias, mean = m->running_mean, var = m->running_var, batches = m->num_batches_tracked;
        eps = m->options.eps(), affine = m->options.affine(), track = m->options.track_running_stats();
        if (m->options.momentum()) momentum = *m->options.momentum();
        if (layout.shape.size() != 1) throw NotCovered{step.label + ": batch_norm1d of a rank-" + std::to_string(layout.shape.size()) + " input"};
      } else if (auto m2 = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(module); m2 && type == "batch_norm2d") {
        weight = m2->weight, bias = m2->bias, mean = m2->running_mean, var = m2->running_var, batches = m2->num_batches_tracked;
        eps = m2->options.eps(), affine = m2->options.affine(), track = m2->options.track_running_stats();
        if (m2->options.momentum()) momentum = *m2->options.momentum();
        if (layout.shape.size() != 3) throw NotCovered{step.label + ": batch_norm2d of a rank-" + std::to_string(layout.shape.size()) + " input"};
        store(layout, true, program);
      } else {
        throw NotCovered{step.label + ": no batch-norm module"};
      }
      if (!affine || !track) throw NotCovered{step.label + ": without affine parameters or running statistics"};
      for (const auto* t : {&weight, &bias, &mean, &var}) {
        if (!t->defined() || !float_cpu(*t)) throw NotCovered{step.label + ": not a float32 CPU layer"};
      }
      if (weight.numel() != layout.channels()) throw NotCovered{step.label + ": shapes do not fit"};
      auto* target = dynamic_cast<FoldTarget*>(program.last());
      if (target != nullptr && target->fold_channels() != layout.channels()) target = nullptr;
      program.add(fused::make_batch_norm(weight, bias, mean, var, batches, eps, momentum, layout.spatial(), target));
      return layout;
    }
    if (type == "dropout") {
      auto m = std::dynamic_pointer_cast<DropoutImpl>(module);
      if (!m) throw NotCovered{step.label + ": no dropout module"};
      if (m->options.inplace()) throw NotCovered{step.label + ": in-place dropout"};
      // The layer's generator is read at each step: a task may set it after the program is built.
      std::weak_ptr<DropoutImpl> layer = m;
      program.add(fused::make_dropout(m->options.p(), layout.size(), [layer]() -> c10::optional<at::Generator> {
        auto l = layer.lock();
        return l ? l->generator() : c10::nullopt;
      }));
      return layout;
    }
    if (type == "linear") {
      auto m = std::dynamic_pointer_cast<torch::nn::LinearImpl>(module);
      if (!m || !float_cpu(m->weight) || !float_cpu(m->bias)) throw NotCovered{step.label + ": not a float32 CPU layer"};
      if (layout.shape.size() != 1) throw NotCovered{step.label + ": input of rank " + std::to_string(layout.shape.size())};
      if (layout.shape[0] != m->weight.size(1)) throw NotCovered{step.label + ": shapes do not fit"};
      program.add(std::make_unique<LinearOp>(m->weight, m->bias));
      return Layout{{m->weight.size(0)}, false};
    }
    if (type == "conv1d") {
      auto m = std::dynamic_pointer_cast<torch::nn::Conv1dImpl>(module);
      if (!m || !float_cpu(m->weight) || !float_cpu(m->bias)) throw NotCovered{step.label + ": not a float32 CPU layer"};
      const auto& o = m->options;
      const auto* padding = c10::get_if<torch::ExpandingArray<1>>(&o.padding());
      if (padding == nullptr || o.groups() != 1 || !c10::get_if<torch::enumtype::kZeros>(&o.padding_mode())) {
        throw NotCovered{step.label + ": padding mode or groups"};
      }
      if (layout.shape.size() != 2) throw NotCovered{step.label + ": input of rank " + std::to_string(layout.shape.size())};
      store(layout, true, program);
      ConvShape s{o.in_channels(), o.out_channels(), (*o.kernel_size())[0], (*o.stride())[0], (**padding)[0],
                  (*o.dilation())[0], layout.shape[1], 0};
      s.out_length = (s.in_length + 2 * s.padding - s.dilation * (s.kernel - 1) - 1) / s.stride + 1;
      if (layout.shape[0] != s.in_channels || s.out_length < 1) throw NotCovered{step.label + ": shapes do not fit"};
      program.add(std::make_unique<Conv1dOp>(m->weight, m->bias, s));
      return Layout{{s.out_channels, s.out_length}, true};
    }
    if (type == "relu" || type == "leaky_relu" || type == "tanh" || type == "sigmoid") {
      Activation kind = type == "relu" ? Activation::Relu
                        : type == "leaky_relu" ? Activation::LeakyRelu
                        : type == "tanh" ? Activation::Tanh
                                         : Activation::Sigmoid;
      if (kind == Activation::Relu) {
        if (auto* fusable = dynamic_cast<ReluFusable*>(program.last())) {
          fusable->fuse_relu();
          return layout;
        }
      }
      program.add(std::make_unique<ActivationOp>(kind, step.negative_slope, layout.size()));
      return layout;
    }
    if (type == "flatten") {
      store(layout, false, program);
      return Layout{{layout.size()}, false};
    }
    if (type == "unsqueeze") {
      const auto rank = static_cast<int64_t>(layout.shape.size());
      const int64_t at = step.dim >= 0 ? step.dim : step.dim + rank + 1;
      if (rank != 1 || at < 0 || at > rank) throw NotCovered{step.label + ": unsqueeze of a rank-" + std::to_string(rank) + " input"};
      std::vector<int64_t> shape = layout.shape;
      shape.insert(shape.begin() + at, 1);
      return Layout{shape, false};
    }
    if (type == "reshape") {
      store(layout, false, program);
      std::vector<int64_t> shape = step.shape;
      int64_t known = 1;
      for (int64_t d : shape) known *= d > 0 ? d : 1;
      for (int64_t& d : shape) {
        if (d == -1) d = layout.size() / known;
      }
      if (shape.empty() || shape.size() > 2) throw NotCovered{step.label + ": reshape to rank " + std::to_string(shape.size())};
      return Layout{shape, false};
    }
    if (type == "residual") {
      auto body_module = std::dynamic_pointer_cast<SequenceImpl>(module);
      if (!body_module) throw NotCovered{step.label + ": no body"};
      auto body = std::make_unique<FusedProgram>(layout.size());
      Layout out = compile(*body_module, layout, *body);
      store(out, layout.channels_last, *body);
      if (out.shape != layout.shape) throw NotCovered{step.label + ": the body changes the shape"};
      program.add(std::make_unique<ResidualOp>(std::move(body)));
      return layout;
    }
    throw NotCovered{step.label + ": not covered by the fused CPU path"};
  }
};

}  // namespace

namespace {

// Evaluation chunks of at most this many rows keep the activations between layers in cache (a 1000-row chunk of
// the DTN writes 12 MB after its first conv); results do not depend on it.
constexpr int64_t kPredictRows = 128;

std::unique_ptr<FusedSequential> refuse(std::string* reason, const std::string& why) {
  if (reason != nullptr) *reason = why;
  return nullptr;
}

}  // namespace

std::unique_ptr<FusedSequential> FusedSequential::try_create(Model& model, std::string* reason) {
  return try_create_chain({&model}, reason);
}

std::unique_ptr<FusedSequential> FusedSequential::try_create_chain(const std::vector<Model*>& chain, std::string* reason) {
  std::vector<FusedStage> stages;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (i > 0 && chain[i - 1]->output_shape() != chain[i]->input_shape()) {
      return refuse(reason, "model " + std::to_string(i) + ": its input is not the previous output");
    }
    stages.push_back({chain[i], 0, -1});
  }
  std::unique_ptr<FusedSequential> fused = try_create_pipeline(stages, reason);
  if (!fused) return nullptr;
  // Training needs every parameter to be one the program computes a gradient for.
  int64_t parameters = 0;
  for (Model* m : chain) parameters += m->parameter_count();
  if (fused->program_->parameter_count() != parameters) return refuse(reason, "parameters outside the covered layers");
  return fused;
}

std::unique_ptr<FusedSequential> FusedSequential::try_create_pipeline(const std::vector<FusedStage>& stages, std::string* reason) {
  if (stages.empty()) return refuse(reason, "no model");
  for (const FusedStage& s : stages) {
    if (!s.model->device().is_cpu()) return refuse(reason, "a model is not on the CPU");
  }
  Model& first = *stages.front().model;
  if (stages.front().from != 0) return refuse(reason, "the first stage does not start at the input");
  if (first.input_shape().size() > 3) return refuse(reason, "input of rank " + std::to_string(first.input_shape().size()));
  Layout layout{first.input_shape(), false};
  auto program = std::make_unique<FusedProgram>(layout.size());
  try {
    Compiler compiler;
    for (size_t i = 0; i < stages.size(); ++i) {
      const FusedStage& s = stages[i];
      if (i > 0 && s.from == 0 && layout.shape != s.model->input_shape()) {
        // A stage that starts at a model's input takes the previous output reshaped to that input (pipeline-eval).
        if (layout.size() != s.model->input_size()) return refuse(reason, "stage " + std::to_string(i) + ": its input is not the previous output");
        Compiler::store(layout, false, *program);
        layout = Layout{s.model->input_shape(), false};
      }
      layout = compiler.compile(*s.model->net(), layout, *program, s.from, s.to);
    }
  } catch (const NotCovered& e) {
    return refuse(reason, e.reason);
  }
  if (layout.shape.size() != 1) return refuse(reason, "the output is not [rows, classes]");
  const int64_t classes = layout.shape[0];
  return std::unique_ptr<FusedSequential>(new FusedSequential(std::move(program), first.input_size(), classes));
}

FusedSequential::FusedSequential(std::unique_ptr<FusedProgram> program, int64_t input_size, int64_t classes)
    : program_(std::move(program)), input_size_(input_size), classes_(classes) {}

FusedSequential::~FusedSequential() = default;

int64_t FusedSequential::multiply_adds_per_row() const { return program_->multiply_adds(); }

int64_t FusedSequential::multiply_adds_fused_gemm_per_row() const { return program_->multiply_adds_fused_gemm(); }

// Cross-entropy as libtorch computes it: log_softmax = z - max - log(sum exp(z - max)); its gradient through the
// mean NLL is g - exp(log_softmax) * sum(g), with g = -1/rows at the label and 0 elsewhere.
BatchScore FusedSequential::score(const float* logits, const int64_t* y, int64_t rows, float* dlogits) {
  BatchScore s;
  const float g = -1.0f / static_cast<float>(rows);
  for (int64_t r = 0; r < rows; ++r) {
    const float* z = logits + r * classes_;
    const int64_t label = y[r];
    int64_t best = 0;
    float max = z[0];
    for (int64_t j = 1; j < classes_; ++j) {
      if (z[j] > max || std::isnan(z[j])) {
        max = z[j];
        best = j;
        if (std::isnan(max)) break;
      }
    }
    float sum = 0;
    for (int64_t j = 0; j < classes_; ++j) sum += std::exp(z[j] - max);
    const float log_sum = std::log(sum);
    s.loss_sum -= static_cast<double>(z[label] - max - log_sum);
    s.correct += best == label ? 1 : 0;
    if (dlogits != nullptr) {
      float* d = dlogits + r * classes_;
      for (int64_t j = 0; j < classes_; ++j) d[j] = (j == label ? g : 0.0f) - std::exp(z[j] - max - log_sum) * g;
    }
  }
  return s;
}

BatchScore FusedSequential::train_step(const float* x, const int64_t* y, int64_t rows) {
  program_->set_training(true);
  const float* logits = program_->forward(x, rows);
  dlogits_.resize(static_cast<size_t>(rows * classes_));
  BatchScore s = score(logits, y, rows, dlogits_.data());
  program_->backward(x, dlogits_.data(), nullptr, rows);
  return s;
}

BatchScore FusedSequential::evaluate(const float* x, const int64_t* y, int64_t rows, int64_t chunk,
                                     const std::function<void()>& check) {
  program_->set_training(false);
  chunk = std::min(chunk, kPredictRows);
  BatchScore total;
  for (int64_t start = 0; start < rows; start += chunk) {
    if (check) check();
    const int64_t n = std::min(chunk, rows - start);
    BatchScore s = score(program_->forward(x + start * input_size_, n), y + start, n, nullptr);
    total.loss_sum += s.loss_sum;
    total.correct += s.correct;
  }
  return total;
}

void FusedSequential::predict(const float* x, int64_t rows, int64_t chunk, const std::function<void()>& check, int64_t* labels) {
  program_->set_training(false);
  chunk = std::min(chunk, kPredictRows);
  for (int64_t start = 0; start < rows; start += chunk) {
    if (check) check();
    const int64_t n = std::min(chunk, rows - start);
    const float* logits = program_->forward(x + start * input_size_, n);
    for (int64_t r = 0; r < n; ++r) {
      // The first maximum, a NaN counting as the maximum (torch.argmax).
      const float* z = logits + r * classes_;
      int64_t best = 0;
      for (int64_t j = 1; j < classes_ && !std::isnan(z[best]); ++j) {
        if (z[j] > z[best] || std::isnan(z[j])) best = j;
      }
      labels[start + r] = best;
    }
  }
}

}  // namespace digitforge
