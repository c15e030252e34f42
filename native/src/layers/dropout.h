// The model's "dropout" layer: torch::nn::Dropout's behaviour, drawing its mask from a generator the task gives it.
// libtorch's global CPU generator is process-wide, so two trainings running at once in one process (a worker's
// slots, a sweep's points) would interleave their dropout draws and neither would be reproducible; each training task
// sets a generator of its own (seeded from the recipe's seed as the global one was, so a run alone draws the same
// numbers as before). Unset, the global generator, as torch::nn::Dropout.
//
// On the CPU, training does what libtorch 1.13's at::dropout does there (aten/src/ATen/native/Dropout.cpp,
// _dropout_impl, the non-fused case): noise = empty_like(x).bernoulli_(1 - p, generator); noise.div_(1 - p); x * noise;
// p == 0, evaluation or an empty input return x itself, p == 1 returns x * 0. On other devices libtorch's fused
// kernel and that device's global generator (torch::dropout), as before.
//
// No parameters or buffers: the state_dict is unchanged (a dropout has no keys).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/dropout.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <ostream>
#include <vector>

namespace digitforge {

class DropoutImpl : public torch::nn::Cloneable<DropoutImpl> {
 public:
  explicit DropoutImpl(const torch::nn::DropoutOptions& options_ = {});

  void reset() override {}
  torch::Tensor forward(const torch::Tensor& x);
  void pretty_print(std::ostream& stream) const override;

  // The generator of the training masks (the fused CPU path's per-step seed too: fused_image_ops.cpp).
  void set_generator(at::Generator generator) { generator_ = std::move(generator); }
  const c10::optional<at::Generator>& generator() const { return generator_; }

  torch::nn::DropoutOptions options;

 private:
  c10::optional<at::Generator> generator_;
};
TORCH_MODULE(Dropout);

// Every dropout layer under root (root included), in module order.
std::vector<DropoutImpl*> dropout_layers(torch::nn::Module& root);

}  // namespace digitforge
