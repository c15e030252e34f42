// The variational random-effects layer of ARMED (specs/morpho-mixed-effects.md §2.2, medl's RandomEffects): a
// one-hot cluster membership Z [rows, clusters] selects one row of a weight matrix W [clusters, features] that has a
// factorised Gaussian posterior N(mean, sd²) and a prior N(0, prior_sd²). Training draws W = mean + sd * eps per
// forward (reparameterisation, eps from the task's generator: set_generator); evaluation uses the
// posterior means, so an unseen cluster (Z = 0) gets exactly 0. Used as random slopes (features = the width it
// multiplies) or random intercepts (features = classes).
//
// JSON: {"type": "random_effects", "clusters": K, "features": d, "prior_sd": 0.5, "posterior_sd_init": [0.1, 0.2],
//        "mean_init_scale": 0, "kl_weight": 0.000125, "l1_weight": 0.001}
// The layer does not add its regulariser to any loss itself: a task that trains it asks every random-effects layer
// of its models for regularizer() = kl_weight * KL(posterior || prior) + l1_weight * sum |mean| (one term per
// mini-batch, as Keras' add_loss) and adds it to its objective.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <vector>

#include "../json.h"

namespace digitforge {

struct RandomEffectsOptions {
  int64_t clusters = 1;
  int64_t features = 1;
  double prior_sd = 0.5;
  double posterior_sd_low = 0.1;
  double posterior_sd_high = 0.2;
  double mean_init_scale = 0;  // posterior means ~ N(0, scale²); 0 = all zeros
  double kl_weight = 1.0 / 8000;
  double l1_weight = 0.001;
};

// Reads the layer's keys (all but "type") from r.
RandomEffectsOptions read_random_effects(JsonObjectReader& r);

class RandomEffectsImpl : public torch::nn::Module {
 public:
  explicit RandomEffectsImpl(const RandomEffectsOptions& options);
  // z: [rows, clusters] -> [rows, features].
  torch::Tensor forward(const torch::Tensor& z);
  // Posterior standard deviations [clusters, features] (softplus of the raw parameter, always positive).
  torch::Tensor posterior_sd() const;
  // KL(N(mean, sd²) || N(0, prior_sd²)) summed over all weights.
  torch::Tensor kl() const;
  // kl_weight * kl() + l1_weight * sum |mean|.
  torch::Tensor regularizer() const;
  const RandomEffectsOptions& options() const { return options_; }
  // The generator of the training draws. A task sets its own, so that jobs training at once in one process cannot
  // interleave their draws (libtorch's global generator is process-wide); unset, the global one.
  void set_generator(at::Generator generator) { generator_ = std::move(generator); }
  const c10::optional<at::Generator>& generator() const { return generator_; }

  torch::Tensor mean;    // parameter "mean"
  torch::Tensor raw_sd;  // parameter "raw_sd": sd = softplus(raw_sd)

 private:
  RandomEffectsOptions options_;
  c10::optional<at::Generator> generator_;
};
TORCH_MODULE(RandomEffects);

// Every random-effects layer inside a module tree (in registration order).
std::vector<RandomEffectsImpl*> random_effects_layers(torch::nn::Module& root);

}  // namespace digitforge
