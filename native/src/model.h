// A model built from a JSON description: a sequence of layers (libtorch modules and plain functions), the
// per-row input shape, and the device it lives on. Parameter names follow torch.nn.Sequential ("0.weight",
// "2.body.0.bias", ...).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "json.h"

namespace digitforge {

class SequenceImpl : public torch::nn::Module {
 public:
  // init_preset: the model's "init" ("" = libtorch's defaults, "dcgan" = conv/conv-transpose weights N(0, 0.02),
  // batch-norm weights N(1, 0.02) and biases 0, linear layers as libtorch makes them); a layer's own "weight_init" /
  // "bias_init" ({"type": "normal", "mean": 0, "std": 0.02}, uniform low/high, constant value, zeros, ones,
  // xavier_uniform/xavier_normal gain, kaiming_uniform/kaiming_normal) win over the preset.
  SequenceImpl(const Json& layers, const std::string& path, const std::string& init_preset = "");

  // Runs the first `count` layers (all when count < 0). Errors name the layer ("layers[3] (linear)").
  torch::Tensor forward(torch::Tensor x, int64_t count = -1);
  int64_t size() const { return static_cast<int64_t>(steps_.size()); }

  // What a layer is, for code that runs the layers its own way (fused_sequential.h): its type as in the JSON, its
  // module (linear, conv1d, ..., the body of a residual; null for plain functions) and its settings.
  struct Step {
    std::string label;
    std::string type;
    std::shared_ptr<torch::nn::Module> module;
    double negative_slope = 0;       // leaky_relu
    int64_t dim = 0;                 // unsqueeze
    std::vector<int64_t> shape;      // reshape
    std::function<torch::Tensor(const torch::Tensor&)> run;
  };
  const std::vector<Step>& steps() const { return steps_; }

 private:
  Step make_step(const Json& spec, const std::string& path, const std::string& name);

  std::string init_preset_;

  std::vector<Step> steps_;
};
TORCH_MODULE(Sequence);

class Model {
 public:
  // Throws EngineError: INVALID_ARGUMENT for a bad description, TORCH when the layers do not fit together.
  static std::unique_ptr<Model> create(const std::string& description_json, uint64_t seed, torch::Device device);
  static std::unique_ptr<Model> load(const std::string& path, torch::Device device);
  void save(const std::string& path);

  // x: rows * input_size floats; returns a CPU float tensor view over it (no copy) shaped [rows, input_shape...].
  torch::Tensor wrap_input(const float* x, int64_t rows, const char* what) const;
  // Forward on the model's device in evaluation mode, in chunks, without gradients; result on the CPU [rows, width].
  torch::Tensor infer(const torch::Tensor& x_cpu, int64_t layer_count);
  int64_t output_size(int64_t layer_count);

  Sequence& net() { return net_; }
  torch::Device device() const { return device_; }
  const std::string& description() const { return description_; }
  const std::vector<int64_t>& input_shape() const { return input_shape_; }
  int64_t input_size() const { return input_size_; }
  // Full output per row: [classes] for a classifier.
  const std::vector<int64_t>& output_shape() const { return output_shape_; }
  int64_t parameter_count() const;
  // The generator of every layer that draws while training (dropout masks, layers/dropout.h; random-effects weights,
  // layers/random_effects.h): a training task's own, so that jobs training at once in this process do not share
  // libtorch's global generator.
  void set_generator(const at::Generator& generator);

 private:
  Model(const Json& description, torch::Device device);

  Sequence net_{nullptr};
  torch::Device device_;
  std::string description_;
  std::vector<int64_t> input_shape_;
  int64_t input_size_ = 0;
  std::vector<int64_t> output_shape_;
};

// Serialises code that touches libtorch's global random generator (seeding + weight initialisation).
std::mutex& global_rng_mutex();

// DF_DEVICE_* to a device; throws UNAVAILABLE when CUDA is asked for and absent.
torch::Device resolve_device(int32_t device);

}  // namespace digitforge
