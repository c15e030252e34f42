#include "fused_sequential.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "cpu_gemm.h"

namespace digitforge {

namespace {

// A layer's per-row values: the logical (PyTorch) shape, rank 1 [features] or rank 2 [channels, length], and
// whether a rank-2 value is stored channels-last ([length, channels]), the layout conv1d works in here.
struct Layout {
  std::vector<int64_t> shape;
  bool channels_last = false;

  int64_t size() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
  // Both storage orders are the same memory when one of the two dimensions is 1.
  bool order_matters() const { return shape.size() == 2 && shape[0] > 1 && shape[1] > 1; }
};

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

}  // namespace

// One layer's forward and backward over `rows` rows of in_size floats in, out_size floats out.
class FusedOp {
 public:
  FusedOp(int64_t in_size, int64_t out_size) : in_size(in_size), out_size(out_size) {}
  virtual ~FusedOp() = default;
  FusedOp(const FusedOp&) = delete;
  FusedOp& operator=(const FusedOp&) = delete;

  virtual void forward(const float* x, float* y, int64_t rows) = 0;
  // x, y: this op's input and output of the last forward; dy: the gradient of y. Writes the parameters'
  // gradients, and the gradient of x into dx unless dx is null (nothing before needs it).
  virtual void backward(const float* x, const float* y, const float* dy, float* dx, int64_t rows) = 0;
  virtual int64_t parameter_count() const { return 0; }
  // Multiply-adds of one row's forward pass.
  virtual int64_t multiply_adds() const { return 0; }

  const int64_t in_size;
  const int64_t out_size;
};

// A sequence of ops and the values between them.
class FusedProgram {
 public:
  explicit FusedProgram(int64_t in_size) : in_size_(in_size), out_size_(in_size) {}

  void add(std::unique_ptr<FusedOp> op) {
    out_size_ = op->out_size;
    ops_.push_back(std::move(op));
    values_.emplace_back();
    grads_.emplace_back();
  }
  int64_t in_size() const { return in_size_; }
  int64_t out_size() const { return out_size_; }
  int64_t parameter_count() const {
    int64_t n = 0;
    for (const auto& op : ops_) n += op->parameter_count();
    return n;
  }
  int64_t multiply_adds() const {
    int64_t n = 0;
    for (const auto& op : ops_) n += op->multiply_adds();
    return n;
  }

  const float* forward(const float* x, int64_t rows) {
    reserve(rows);
    const float* in = x;
    for (size_t i = 0; i < ops_.size(); ++i) {
      ops_[i]->forward(in, values_[i].data(), rows);
      in = values_[i].data();
    }
    return in;
  }

  // After forward(x, rows): dy is the gradient of the output; dx (may be null) receives the input's.
  void backward(const float* x, const float* dy, float* dx, int64_t rows) {
    if (ops_.empty()) {
      if (dx != nullptr) std::memcpy(dx, dy, static_cast<size_t>(rows * in_size_) * sizeof(float));
      return;
    }
    for (size_t i = ops_.size(); i-- > 0;) {
      const float* in = i == 0 ? x : values_[i - 1].data();
      const float* dout = i + 1 == ops_.size() ? dy : grads_[i].data();
      float* din = i == 0 ? dx : grads_[i - 1].data();
      ops_[i]->backward(in, values_[i].data(), dout, din, rows);
    }
  }

 private:
  void reserve(int64_t rows) {
    if (rows <= capacity_) return;
    for (size_t i = 0; i < ops_.size(); ++i) {
      const auto n = static_cast<size_t>(rows * ops_[i]->out_size);
      values_[i].resize(n);
      grads_[i].resize(n);
    }
    capacity_ = rows;
  }

  int64_t in_size_;
  int64_t out_size_;
  std::vector<std::unique_ptr<FusedOp>> ops_;
  std::vector<std::vector<float>> values_;
  std::vector<std::vector<float>> grads_;
  int64_t capacity_ = 0;
};

namespace {

class LinearOp final : public FusedOp {
 public:
  LinearOp(torch::Tensor weight, torch::Tensor bias)
      : FusedOp(weight.size(1), weight.size(0)), weight_(std::move(weight)), bias_(std::move(bias)) {}

  void forward(const float* x, float* y, int64_t rows) override {
    const float* w = weight_.data_ptr<float>();
    float beta = 0;
    if (bias_.defined()) {
      fill_rows(y, rows, bias_.data_ptr<float>(), out_size);
      beta = 1;
    }
    cpu::gemm(false, true, rows, out_size, in_size, 1, x, in_size, w, in_size, beta, y, out_size);
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
  // Appends the ops of `steps` to program, starting from layout; returns the layout after them.
  Layout compile(const std::vector<SequenceImpl::Step>& steps, Layout layout, FusedProgram& program) {
    for (const auto& step : steps) layout = compile_step(step, std::move(layout), program);
    return layout;
  }

 private:
  static void store(Layout& layout, bool channels_last, FusedProgram& program) {
    if (layout.order_matters() && layout.channels_last != channels_last) {
      // channels-last storage is [length, channels] of the logical [channels, length].
      const int64_t c = layout.shape[0], l = layout.shape[1];
      program.add(channels_last ? std::make_unique<TransposeOp>(c, l) : std::make_unique<TransposeOp>(l, c));
    }
    layout.channels_last = channels_last;
  }

  Layout compile_step(const SequenceImpl::Step& step, Layout layout, FusedProgram& program) {
    const std::string& type = step.type;
    if (type == "linear") {
      auto m = std::dynamic_pointer_cast<torch::nn::LinearImpl>(step.module);
      if (!m || !float_cpu(m->weight) || !float_cpu(m->bias)) throw NotCovered{step.label + ": not a float32 CPU layer"};
      if (layout.shape.size() != 1) throw NotCovered{step.label + ": input of rank " + std::to_string(layout.shape.size())};
      if (layout.shape[0] != m->weight.size(1)) throw NotCovered{step.label + ": shapes do not fit"};
      program.add(std::make_unique<LinearOp>(m->weight, m->bias));
      return Layout{{m->weight.size(0)}, false};
    }
    if (type == "conv1d") {
      auto m = std::dynamic_pointer_cast<torch::nn::Conv1dImpl>(step.module);
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
      auto body_module = std::dynamic_pointer_cast<SequenceImpl>(step.module);
      if (!body_module) throw NotCovered{step.label + ": no body"};
      auto body = std::make_unique<FusedProgram>(layout.size());
      Layout out = compile(body_module->steps(), layout, *body);
      store(out, layout.channels_last, *body);
      if (out.shape != layout.shape) throw NotCovered{step.label + ": the body changes the shape"};
      program.add(std::make_unique<ResidualOp>(std::move(body)));
      return layout;
    }
    throw NotCovered{step.label + ": not covered by the fused CPU path"};
  }
};

}  // namespace

std::unique_ptr<FusedSequential> FusedSequential::try_create(Model& model, std::string* reason) {
  auto refuse = [reason](const std::string& why) -> std::unique_ptr<FusedSequential> {
    if (reason != nullptr) *reason = why;
    return nullptr;
  };
  if (!model.device().is_cpu()) return refuse("the model is not on the CPU");
  if (model.input_shape().size() > 2) return refuse("input of rank " + std::to_string(model.input_shape().size()));
  if (model.output_shape().size() != 1) return refuse("the output is not [rows, classes]");
  Layout input{model.input_shape(), false};
  auto program = std::make_unique<FusedProgram>(input.size());
  Layout out;
  try {
    out = Compiler().compile(model.net()->steps(), input, *program);
  } catch (const NotCovered& e) {
    return refuse(e.reason);
  }
  if (out.shape.size() != 1 || out.shape[0] != model.output_shape()[0]) return refuse("the output is not [rows, classes]");
  // Every parameter must be one the program computes a gradient for.
  if (program->parameter_count() != model.parameter_count()) return refuse("parameters outside the covered layers");
  return std::unique_ptr<FusedSequential>(new FusedSequential(std::move(program), input.size(), out.shape[0]));
}

std::unique_ptr<FusedSequential> FusedSequential::try_create_chain(const std::vector<Model*>& chain, std::string* reason) {
  auto refuse = [reason](const std::string& why) -> std::unique_ptr<FusedSequential> {
    if (reason != nullptr) *reason = why;
    return nullptr;
  };
  if (chain.empty()) return refuse("no model");
  for (Model* m : chain) {
    if (!m->device().is_cpu()) return refuse("a model is not on the CPU");
  }
  if (chain.front()->input_shape().size() > 2) return refuse("input of rank " + std::to_string(chain.front()->input_shape().size()));
  Layout layout{chain.front()->input_shape(), false};
  auto program = std::make_unique<FusedProgram>(layout.size());
  int64_t parameters = 0;
  try {
    for (size_t i = 0; i < chain.size(); ++i) {
      if (i > 0 && layout.shape != chain[i]->input_shape()) return refuse("model " + std::to_string(i) + ": its input is not the previous output");
      layout = Compiler().compile(chain[i]->net()->steps(), layout, *program);
      parameters += chain[i]->parameter_count();
    }
  } catch (const NotCovered& e) {
    return refuse(e.reason);
  }
  const auto& out = chain.back()->output_shape();
  if (layout.shape.size() != 1 || out.size() != 1 || layout.shape[0] != out[0]) return refuse("the output is not [rows, classes]");
  if (program->parameter_count() != parameters) return refuse("parameters outside the covered layers");
  return std::unique_ptr<FusedSequential>(new FusedSequential(std::move(program), chain.front()->input_size(), out[0]));
}

FusedSequential::FusedSequential(std::unique_ptr<FusedProgram> program, int64_t input_size, int64_t classes)
    : program_(std::move(program)), input_size_(input_size), classes_(classes) {}

FusedSequential::~FusedSequential() = default;

int64_t FusedSequential::multiply_adds_per_row() const { return program_->multiply_adds(); }

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
  const float* logits = program_->forward(x, rows);
  dlogits_.resize(static_cast<size_t>(rows * classes_));
  BatchScore s = score(logits, y, rows, dlogits_.data());
  program_->backward(x, dlogits_.data(), nullptr, rows);
  return s;
}

BatchScore FusedSequential::evaluate(const float* x, const int64_t* y, int64_t rows, int64_t chunk,
                                     const std::function<void()>& check) {
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

}  // namespace digitforge
