// The pieces of the hand-written CPU path (fused_sequential.h) shared by its op files: one layer's forward and
// backward over plain float buffers, a sequence of them, and the helpers the ops share.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace digitforge {

// One layer's forward and backward over `rows` rows of in_size floats in, out_size floats out.
class FusedOp {
 public:
  FusedOp(int64_t in_size, int64_t out_size) : in_size(in_size), out_size(out_size) {}
  virtual ~FusedOp() = default;
  FusedOp(const FusedOp&) = delete;
  FusedOp& operator=(const FusedOp&) = delete;

  // Training (batch statistics, dropout) or evaluation (running statistics, no dropout).
  virtual void set_training(bool training) { training_ = training; }
  // Called once before each forward pass over a batch or an evaluation chunk, in program order: packs weights (they
  // change between steps) and, in evaluation, folds a batch norm into the layer before it.
  virtual void prepare() {}
  // In evaluation, an op whose output is its input (dropout, a batch norm folded into the previous layer) is skipped.
  virtual bool skipped_in_eval() const { return false; }
  virtual void forward(const float* x, float* y, int64_t rows) = 0;
  // x, y: this op's input and output of the last forward; dy: the gradient of y. Writes the parameters'
  // gradients, and the gradient of x into dx unless dx is null (nothing before needs it).
  virtual void backward(const float* x, const float* y, const float* dy, float* dx, int64_t rows) = 0;
  virtual int64_t parameter_count() const { return 0; }
  // Multiply-adds of one row's forward pass, and those of them done by fused::gemm (the AVX-512 kernel where the CPU
  // has one) rather than the BLAS.
  virtual int64_t multiply_adds() const { return 0; }
  virtual int64_t multiply_adds_fused_gemm() const { return 0; }

  const int64_t in_size;
  const int64_t out_size;

 protected:
  bool training_ = true;
};

// A layer whose per-channel output a following evaluation-mode batch norm can be folded into:
// out[c] -> out[c] * scale[c] + shift[c], by scaling its weights and bias, then max(0, .) when relu (from the next
// prepare() on).
class FoldTarget {
 public:
  virtual ~FoldTarget() = default;
  virtual int64_t fold_channels() const = 0;
  virtual void fold(const float* scale, const float* shift, bool relu) = 0;
};

// An op that can take a following ReLU into its own output (a batch norm: one pass less each way).
class ReluFusable {
 public:
  virtual ~ReluFusable() = default;
  virtual void fuse_relu() = 0;
};

namespace fused {
// max(0, v) over n values in place.
void relu_in_place(float* v, int64_t n);
}  // namespace fused

// Scratch floats that are written before they are read: unlike std::vector, growing does not zero them (for a
// training program's ~40 MB of activations and gradients that pass cost more than a step), and keeps nothing.
class FloatBuffer {
 public:
  void grow(size_t n) {
    if (n <= size_) return;
    data_.reset(new float[n]);
    size_ = n;
  }
  float* data() { return data_.get(); }

 private:
  std::unique_ptr<float[]> data_;
  size_t size_ = 0;
};

// A sequence of ops and the values between them.
class FusedProgram {
 public:
  explicit FusedProgram(int64_t in_size) : in_size_(in_size), out_size_(in_size) {}
  ~FusedProgram();
  FusedProgram(const FusedProgram&) = delete;
  FusedProgram& operator=(const FusedProgram&) = delete;

  void add(std::unique_ptr<FusedOp> op);
  FusedOp* last() { return ops_.empty() ? nullptr : ops_.back().get(); }
  int64_t in_size() const { return in_size_; }
  int64_t out_size() const { return out_size_; }
  int64_t parameter_count() const;
  int64_t multiply_adds() const;
  int64_t multiply_adds_fused_gemm() const;
  void set_training(bool training);
  void prepare();
  // prepare() (in evaluation only on the first forward since training) then every op; returns the output (the program's own buffer, or x itself when every op is skipped).
  const float* forward(const float* x, int64_t rows);
  // After forward(x, rows) in training: dy is the gradient of the output; dx (may be null) receives the input's.
  void backward(const float* x, const float* dy, float* dx, int64_t rows);

 private:
  void reserve(int64_t rows);

  int64_t in_size_;
  int64_t out_size_;
  bool training_ = true;
  bool prepared_ = false;
  std::vector<std::unique_ptr<FusedOp>> ops_;
  std::vector<FloatBuffer> values_;
  std::vector<FloatBuffer> grads_;
  int64_t capacity_ = 0;
  std::vector<std::array<double, 2>> profile_;  // CPU seconds forward, backward per op (DIGITFORGE_FUSED_PROFILE=1)
};

namespace fused {

// The gradient buffer of a parameter (created as zeros when it has none).
float* grad_of(torch::Tensor& parameter);
// Column sums of a [rows, width] matrix into out[width], in libtorch's cascade-sum order.
void column_sums(const float* m, int64_t rows, int64_t width, float* out, std::vector<float>& scratch);
// Every row of y[rows, width] = row.
void fill_rows(float* y, int64_t rows, const float* row, int64_t width);

struct Conv2dShape {
  int64_t in_channels, out_channels, kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w, dil_h, dil_w;
  int64_t in_h, in_w, out_h, out_w;
};

// Conv2d on channels-last values ([h, w, channels] per row). weight [out, in, kh, kw], bias [out] or undefined.
std::unique_ptr<FusedOp> make_conv2d(torch::Tensor weight, torch::Tensor bias, const Conv2dShape& shape);
// Batch norm over `channels` channels-last values per row ([spatial, channels]; spatial 1 for batch_norm1d) of a
// torch BatchNorm module's parameters and buffers. momentum < 0: the cumulative average (PyTorch's momentum=None).
// fold_into: the layer before it, when the batch norm can be folded into it in evaluation (else null).
std::unique_ptr<FusedOp> make_batch_norm(torch::Tensor weight, torch::Tensor bias, torch::Tensor running_mean,
                                         torch::Tensor running_var, torch::Tensor batches, double eps, double momentum,
                                         int64_t spatial, FoldTarget* fold_into);
// Element-wise dropout with probability p over `size` values per row; each training step's seed comes from the
// generator `generator` returns (the layer's, a task's own), libtorch's default CPU generator when it returns none.
std::unique_ptr<FusedOp> make_dropout(double p, int64_t size, std::function<c10::optional<at::Generator>()> generator);

}  // namespace fused

}  // namespace digitforge
