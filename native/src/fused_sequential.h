// A hand-written forward and backward pass for small CPU classifiers: float32 sequences of linear, conv1d, conv2d,
// batch_norm1d/2d, dropout, relu, leaky_relu, tanh, sigmoid, flatten, unsqueeze, reshape and residual blocks of those
// (MNIST-1D's logistic, MLP and CNN; the compositional-robustness DTN and its AutoModules modules). Training mode
// (train_step) uses batch statistics and dropout, evaluation (evaluate, predict) running statistics folded into the
// layer before, no dropout; fused_op.h and fused_image_ops.cpp hold the pieces. A step is a few BLAS calls and plain loops over buffers allocated once, instead of ~30 libtorch ops through
// autograd whose fixed per-op cost is most of a step at these sizes (batch 100, 0.4-15k parameters); a conv1d is
// im2col on a channels-last layout plus one GEMM, where oneDNN's kernels reach a third of the BLAS's speed on such
// small shapes. Same maths as libtorch; sums run in another order, so results agree to rounding, not bit for bit
// (tests compare both paths). Parameters and their gradients stay libtorch tensors (the flat optimiser's views).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model.h"

namespace digitforge {

struct BatchScore {
  double loss_sum = 0;  // summed cross-entropy of the rows
  int64_t correct = 0;  // rows whose argmax is the label
};

class FusedProgram;

// Layers [from, to) of a model (to < 0: to its end), one stage of a pipeline of frozen models.
struct FusedStage {
  Model* model;
  int64_t from = 0;
  int64_t to = -1;
};

class FusedSequential {
 public:
  // Null when the model is not one the fused path covers (another layer type, not on the CPU, not float32, a
  // layer input of rank > 3); *reason (if given) then names what is not covered.
  static std::unique_ptr<FusedSequential> try_create(Model& model, std::string* reason);
  // One program over models applied in turn, each one's output the next one's input (e.g. a feature extractor and
  // its head, as the mixed_effects task's roles); null as above, or when the widths do not chain.
  static std::unique_ptr<FusedSequential> try_create_chain(const std::vector<Model*>& chain, std::string* reason);
  // Evaluation only: stages applied in turn, as the compositional pipeline-eval task runs them (a stage starting at a
  // model's input takes the previous output reshaped to it); the last stage must give [rows, classes].
  static std::unique_ptr<FusedSequential> try_create_pipeline(const std::vector<FusedStage>& stages, std::string* reason);
  ~FusedSequential();

  // Forward, mean cross-entropy against y, backward: every parameter's .grad() is overwritten (not accumulated).
  BatchScore train_step(const float* x, const int64_t* y, int64_t rows);
  // Forward only over rows, chunk rows at a time; check is called before each chunk (it may throw to stop).
  BatchScore evaluate(const float* x, const int64_t* y, int64_t rows, int64_t chunk, const std::function<void()>& check);
  // Evaluation mode: each row's predicted class (the first maximum of its logits) into labels[rows].
  void predict(const float* x, int64_t rows, int64_t chunk, const std::function<void()>& check, int64_t* labels);
  // Multiply-adds of one row's forward pass (the backward pass is about twice that).
  int64_t multiply_adds_per_row() const;
  // Those of them in layers whose products go through fused::gemm (conv2d), not the BLAS.
  int64_t multiply_adds_fused_gemm_per_row() const;

 private:
  FusedSequential(std::unique_ptr<FusedProgram> program, int64_t input_size, int64_t classes);
  BatchScore score(const float* logits, const int64_t* y, int64_t rows, float* dlogits);

  std::unique_ptr<FusedProgram> program_;
  int64_t input_size_;
  int64_t classes_;
  std::vector<float> dlogits_;
};

}  // namespace digitforge
