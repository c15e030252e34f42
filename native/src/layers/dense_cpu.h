// Hand-written CPU forward and backward for the mixed_effects task's small heads, which fused_sequential.h's public
// API cannot run: it trains one chain end to end against labels, while ME-MLP, ARMED and domain-adversarial need a
// chain's latent output, gradients flowing into it from several consumers (the head, the fixed-effects head, the
// adversary, reversed), and the random-effects layer between z and the mixed branch. With 4-unit layers a step is
// nearly all libtorch's fixed per-op cost through autograd, so these few GEMMs and loops are the whole step.
//
// Same maths as libtorch (the random-effects draws come from the same generator calls, torch::randn_like on the
// posterior means, so both paths draw the same eps); sums run in another order, so results agree to rounding, not bit
// for bit (engine tests compare both paths on every metric). Parameters and gradients stay the models' libtorch
// tensors, written in place (the flat optimisers' views).
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../model.h"
#include "random_effects.h"

namespace digitforge::cpu {

// A model that is a sequence of linear and relu layers, float32 on the CPU.
class DenseChain {
 public:
  // Null (and *reason, if given, says why) when the model has another layer type, is not float32 on the CPU.
  static std::unique_ptr<DenseChain> try_create(Model& model, std::string* reason);

  int64_t in_size() const { return in_size_; }
  int64_t out_size() const { return out_size_; }
  // Forward over rows of x (kept by pointer until backward); the output stays valid until the next forward.
  const float* forward(const float* x, int64_t rows);
  // The last forward's output.
  const float* forward_output() const { return acts_.empty() ? x_ : acts_.back().data(); }
  // After forward: dy is the gradient of the output. Overwrites every parameter's .grad() unless param_grads is
  // false; writes the input's gradient into dx unless it is null.
  void backward(const float* dy, float* dx, bool param_grads = true);

 private:
  struct Layer {
    bool relu = false;
    torch::Tensor weight;  // [out, in] (linear)
    torch::Tensor bias;    // [out] or undefined
    int64_t in = 0;
    int64_t out = 0;
  };
  std::vector<Layer> layers_;
  std::vector<std::vector<float>> acts_;  // acts_[i]: output of layer i
  std::vector<float> grad_a_;
  std::vector<float> grad_b_;
  const float* x_ = nullptr;
  int64_t rows_ = 0;
  int64_t in_size_ = 0;
  int64_t out_size_ = 0;
};

// A model that is one random_effects layer: rows' weights selected by cluster index (the one-hot z), drawn as
// mean + softplus(raw_sd) * eps in training.
class RandomEffectsCpu {
 public:
  static std::unique_ptr<RandomEffectsCpu> try_create(Model& model, std::string* reason);

  int64_t features() const { return layer_->options().features; }
  // Draws eps (normal_(0, 1) into a kept buffer: what torch::randn_like(mean), the autograd path's call, does, so the
  // same draws) and the weights.
  void draw();
  // out[r] = W[cluster[r]] (0 for cluster -1), after draw().
  void forward(const int64_t* cluster, int64_t rows, float* out) const;
  // Overwrites mean.grad and raw_sd.grad with the gradient of sum(dy * out) + the regulariser; returns the
  // regulariser's value (kl_weight * KL + l1_weight * sum |mean|).
  double backward(const int64_t* cluster, const float* dy, int64_t rows);

 private:
  explicit RandomEffectsCpu(RandomEffectsImpl* layer) : layer_(layer) {}
  RandomEffectsImpl* layer_;
  torch::Tensor eps_;
  std::vector<float> sd_;
  std::vector<float> w_;
};

// Mean cross-entropy of logits [rows, classes] against y as libtorch computes it; when dlogits is given, adds
// scale * its gradient there. Returns the mean loss.
double cross_entropy(const float* logits, const int64_t* y, int64_t rows, int64_t classes, float scale, float* dlogits);

}  // namespace digitforge::cpu
