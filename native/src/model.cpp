#include "model.h"

#include <torch/cuda.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/modules/pooling.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>
#include <torch/version.h>

#include <algorithm>

#include "errors.h"
#include "gru_cpu.h"
#include "layers/dropout.h"
#include "layers/fid_inception.h"
#include "layers/random_effects.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxWidth = int64_t{1} << 24;
constexpr int64_t kFormatVersion = 1;
constexpr const char* kFormatKey = "digitforge_format";
constexpr const char* kDescriptionKey = "digitforge_model";
constexpr int64_t kInferChunk = 4096;

std::string shape_text(const c10::IntArrayRef& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

torch::ExpandingArray<2> pair(const std::vector<int64_t>& v) { return torch::ExpandingArray<2>({v[0], v[1]}); }

// Per-row dimension index -> batched tensor dimension index.
int64_t batched_dim(int64_t dim, int64_t rank) { return dim >= 0 ? dim + 1 : dim + rank; }

// Fills `tensor` as a {"type": ...} init object says (a layer's "weight_init" / "bias_init").
void apply_init(torch::Tensor tensor, const Json& spec, const std::string& path) {
  if (!tensor.defined()) invalid_argument(path + ": this layer has no such tensor (bias: false?)");
  JsonObjectReader r(spec, path);
  const std::string type = r.string("type");
  torch::NoGradGuard no_grad;
  if (type == "normal") {
    double mean = r.number_or("mean", 0, -1e6, 1e6);
    torch::nn::init::normal_(tensor, mean, r.number_or("std", 1, 0, 1e6));
  } else if (type == "uniform") {
    double low = r.number_or("low", 0, -1e6, 1e6);
    torch::nn::init::uniform_(tensor, low, r.number_or("high", 1, low, 1e6));
  } else if (type == "constant") {
    torch::nn::init::constant_(tensor, r.number_or("value", 0, -1e6, 1e6));
  } else if (type == "zeros") {
    torch::nn::init::zeros_(tensor);
  } else if (type == "ones") {
    torch::nn::init::ones_(tensor);
  } else if (type == "xavier_uniform" || type == "xavier_normal") {
    if (tensor.dim() < 2) invalid_argument(path + ": " + type + " needs a weight of at least 2 dimensions");
    double gain = r.number_or("gain", 1, 0, 1e6);
    if (type == "xavier_uniform") {
      torch::nn::init::xavier_uniform_(tensor, gain);
    } else {
      torch::nn::init::xavier_normal_(tensor, gain);
    }
  } else if (type == "kaiming_uniform" || type == "kaiming_normal") {
    if (tensor.dim() < 2) invalid_argument(path + ": " + type + " needs a weight of at least 2 dimensions");
    double a = r.number_or("a", 0, 0, 1e6);
    if (type == "kaiming_uniform") {
      torch::nn::init::kaiming_uniform_(tensor, a);
    } else {
      torch::nn::init::kaiming_normal_(tensor, a);
    }
  } else {
    invalid_argument(r.field("type") + ": \"" + type + "\" is not one of normal, uniform, constant, zeros, ones, "
                     "xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal");
  }
  r.finish();
}

}  // namespace

std::mutex& global_rng_mutex() {
  static std::mutex mutex;
  return mutex;
}

torch::Device resolve_device(int32_t device) {
  switch (device) {
    case DF_DEVICE_CPU: return torch::kCPU;
    case DF_DEVICE_AUTO: return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    case DF_DEVICE_CUDA:
      if (!torch::cuda::is_available()) {
        throw EngineError(DF_ERR_UNAVAILABLE,
                          "CUDA was requested but libtorch sees no CUDA device (this engine is built against libtorch " +
                              std::string(TORCH_VERSION) + "; a CPU-only libtorch never sees one)");
      }
      return torch::Device(torch::kCUDA, 0);
    default: invalid_argument("unknown device " + std::to_string(device) + " (0 auto, 1 cpu, 2 cuda)");
  }
}

SequenceImpl::SequenceImpl(const Json& layers, const std::string& path, const std::string& init_preset)
    : init_preset_(init_preset) {
  if (layers.kind() != Json::Kind::Array || layers.items().empty()) {
    invalid_argument(path + ": expected a non-empty array of layers");
  }
  for (size_t i = 0; i < layers.items().size(); ++i) {
    steps_.push_back(make_step(layers.items()[i], path + "[" + std::to_string(i) + "]", std::to_string(i)));
  }
}

SequenceImpl::Step SequenceImpl::make_step(const Json& spec, const std::string& path, const std::string& name) {
  JsonObjectReader r(spec, path);
  const std::string type = r.string("type");
  const std::string label = path + " (" + type + ")";
  Step step;
  step.label = label;
  step.type = type;

  auto bias = [&] { return r.boolean_or("bias", true); };
  auto count = [&](const char* key) { return r.integer(key, 1, kMaxWidth); };

  if (type == "linear") {
    auto options = torch::nn::LinearOptions(count("in_features"), count("out_features")).bias(bias());
    auto m = register_module(name, torch::nn::Linear(options));
    step.module = m;
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "conv1d") {
    auto options = torch::nn::Conv1dOptions(count("in_channels"), count("out_channels"), r.integer("kernel_size", 1, 4096))
                       .stride(r.integer_or("stride", 1, 1, 4096))
                       .padding(r.integer_or("padding", 0, 0, 4096))
                       .dilation(r.integer_or("dilation", 1, 1, 4096))
                       .bias(bias());
    auto m = register_module(name, torch::nn::Conv1d(options));
    step.module = m;
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "conv2d") {
    auto options = torch::nn::Conv2dOptions(count("in_channels"), count("out_channels"), pair(r.integers("kernel_size", 2, 1, 4096)))
                       .stride(pair(r.integers_or("stride", 2, 1, 1, 4096)))
                       .padding(pair(r.integers_or("padding", 2, 0, 0, 4096)))
                       .dilation(pair(r.integers_or("dilation", 2, 1, 1, 4096)))
                       .bias(bias());
    auto m = register_module(name, torch::nn::Conv2d(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "conv_transpose2d") {
    auto options =
        torch::nn::ConvTranspose2dOptions(count("in_channels"), count("out_channels"), pair(r.integers("kernel_size", 2, 1, 4096)))
            .stride(pair(r.integers_or("stride", 2, 1, 1, 4096)))
            .padding(pair(r.integers_or("padding", 2, 0, 0, 4096)))
            .output_padding(pair(r.integers_or("output_padding", 2, 0, 0, 4096)))
            .dilation(pair(r.integers_or("dilation", 2, 1, 1, 4096)))
            .bias(bias());
    auto m = register_module(name, torch::nn::ConvTranspose2d(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "batch_norm1d" || type == "batch_norm2d") {
    int64_t features = count("num_features");
    double eps = r.number_or("eps", 1e-5, 0, 1);
    double momentum = r.number_or("momentum", 0.1, 0, 1);
    if (type == "batch_norm1d") {
      auto m = register_module(name, torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(features).eps(eps).momentum(momentum)));
      step.run = [m](const torch::Tensor& x) { return m->forward(x); };
    } else {
      auto m = register_module(name, torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(features).eps(eps).momentum(momentum)));
      step.run = [m](const torch::Tensor& x) { return m->forward(x); };
    }
  } else if (type == "gru") {
    // batch_first: [rows, time, features] -> [rows, time, hidden * directions]; h0 = 0.
    auto options = torch::nn::GRUOptions(count("input_size"), count("hidden_size"))
                       .num_layers(r.integer_or("num_layers", 1, 1, 64))
                       .bidirectional(r.boolean_or("bidirectional", false))
                       .dropout(r.number_or("dropout", 0, 0, 0.999))
                       .bias(bias())
                       .batch_first(true);
    // implementation: "auto" runs one-layer GRUs on float32 CPU tensors through the fused kernel (gru_cpu.h),
    // "torch" always through libtorch's GRU (the reference the fused one is tested against).
    std::string implementation = r.string_or("implementation", "auto");
    if (implementation != "auto" && implementation != "torch") {
      invalid_argument(r.field("implementation") + ": \"" + implementation + "\" is not one of auto, torch");
    }
    auto m = register_module(name, torch::nn::GRU(options));
    step.module = m;
    const bool fusable = implementation == "auto" && options.num_layers() == 1 && options.bias();
    step.run = [m, fusable](const torch::Tensor& x) {
      if (fusable && x.device().is_cpu() && x.scalar_type() == torch::kFloat32 && x.dim() == 3) {
        auto p = m->named_parameters(false);
        std::vector<GruWeights> directions{{p["weight_ih_l0"], p["weight_hh_l0"], p["bias_ih_l0"], p["bias_hh_l0"]}};
        if (m->options.bidirectional()) {
          directions.push_back({p["weight_ih_l0_reverse"], p["weight_hh_l0_reverse"], p["bias_ih_l0_reverse"],
                                p["bias_hh_l0_reverse"]});
        }
        return fused_gru(x, directions);
      }
      return std::get<0>(m->forward(x));
    };
  } else if (type == "layer_norm") {
    // Over the last dimensions of each row: normalized_shape is the per-row shape they cover (e.g. [256, 4, 4]).
    std::vector<int64_t> shape = r.integer_list("normalized_shape", 1, kMaxWidth);
    auto options = torch::nn::LayerNormOptions(shape)
                       .eps(r.number_or("eps", 1e-5, 0, 1))
                       .elementwise_affine(r.boolean_or("elementwise_affine", true));
    auto m = register_module(name, torch::nn::LayerNorm(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "max_pool2d") {
    std::vector<int64_t> kernel = r.integers("kernel_size", 2, 1, 4096);
    auto options = torch::nn::MaxPool2dOptions(pair(kernel))
                       .stride(pair(r.has("stride") && r.optional("stride") != nullptr ? r.integers("stride", 2, 1, 4096) : kernel))
                       .padding(pair(r.integers_or("padding", 2, 0, 0, 4096)))
                       .ceil_mode(r.boolean_or("ceil_mode", false));
    auto m = register_module(name, torch::nn::MaxPool2d(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "avg_pool2d") {
    // torch.nn.AvgPool2d; count_include_pad true (torch's default and torchvision Inception's F.avg_pool2d) divides
    // by the whole window, zeros of the padding included.
    std::vector<int64_t> kernel = r.integers("kernel_size", 2, 1, 4096);
    auto options = torch::nn::AvgPool2dOptions(pair(kernel))
                       .stride(pair(r.has("stride") && r.optional("stride") != nullptr ? r.integers("stride", 2, 1, 4096) : kernel))
                       .padding(pair(r.integers_or("padding", 2, 0, 0, 4096)))
                       .ceil_mode(r.boolean_or("ceil_mode", false))
                       .count_include_pad(r.boolean_or("count_include_pad", true));
    const auto padding = *options.padding();
    if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
      invalid_argument(r.field("padding") + ": at most half the kernel size (as torch requires)");
    }
    auto m = register_module(name, torch::nn::AvgPool2d(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "adaptive_avg_pool2d") {
    // torch.nn.AdaptiveAvgPool2d: [rows, c, h, w] -> [rows, c, output_size]; [1, 1] is global average pooling.
    std::vector<int64_t> size = r.integers("output_size", 2, 1, 4096);
    auto options = torch::nn::AdaptiveAvgPool2dOptions({size[0], size[1]});
    auto m = register_module(name, torch::nn::AdaptiveAvgPool2d(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "embedding") {
    // Rows of integer ids held as floats ([rows] or [rows, n]) -> [rows, (n,) embedding_dim].
    auto options = torch::nn::EmbeddingOptions(count("num_embeddings"), count("embedding_dim"));
    auto m = register_module(name, torch::nn::Embedding(options));
    step.run = [m](const torch::Tensor& x) { return m->forward(x.to(torch::kInt64)); };
  } else if (type == "random_effects") {
    // Variational per-cluster weights on a one-hot Z (layers/random_effects.h).
    auto m = register_module(name, RandomEffects(read_random_effects(r)));
    step.module = m;
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "fid_inception_v3") {
    // pytorch-fid's Inception-v3 with its weight file: FID's 2048-d pool3 features (layers/fid_inception.h).
    auto m = register_module(name, FidInceptionV3(read_fid_inception(r)));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "one_hot") {
    // Integer class ids held as floats ([rows] or [rows, n]) -> one-hot floats [rows, (n,) num_classes].
    int64_t classes = count("num_classes");
    step.run = [classes](const torch::Tensor& x) {
      return torch::one_hot(x.to(torch::kInt64), classes).to(x.scalar_type());
    };
  } else if (type == "relu") {
    step.run = [](const torch::Tensor& x) { return torch::relu(x); };
  } else if (type == "leaky_relu") {
    double slope = r.number_or("negative_slope", 0.01, -1e6, 1e6);
    step.negative_slope = slope;
    step.run = [slope](const torch::Tensor& x) { return torch::leaky_relu(x, slope); };
  } else if (type == "tanh") {
    step.run = [](const torch::Tensor& x) { return torch::tanh(x); };
  } else if (type == "sigmoid") {
    step.run = [](const torch::Tensor& x) { return torch::sigmoid(x); };
  } else if (type == "dropout") {
    auto m = register_module(name, Dropout(torch::nn::DropoutOptions(r.number_or("p", 0.5, 0, 0.999999))));
    step.run = [m](const torch::Tensor& x) { return m->forward(x); };
  } else if (type == "flatten") {
    step.run = [](const torch::Tensor& x) { return x.flatten(1); };
  } else if (type == "residual") {
    // x + body(x): the body must keep the shape.
    auto body = register_module(name, Sequence(r.require("layers"), path + ".layers", init_preset_));
    step.module = body;
    step.run = [body](const torch::Tensor& x) {
      torch::Tensor y = body->forward(x);
      if (y.sizes() != x.sizes()) {
        throw std::invalid_argument("the residual body maps " + shape_text(x.sizes()) + " to " + shape_text(y.sizes()) +
                                    "; it must keep the shape");
      }
      return x + y;
    };
  } else if (type == "branches") {
    // Parallel sub-sequences on the same input, merged: "concat" along the channel dimension (dim 1 of the batch,
    // Inception's blocks) or "sum" (same shapes; a residual block with a projection shortcut). Parameters are
    // named <layer>.<branch>.<index>.<name>, as an nn.ModuleList of nn.Sequential would name them.
    const Json& specs = r.require("branches");
    if (specs.kind() != Json::Kind::Array || specs.items().size() < 2) {
      invalid_argument(r.field("branches") + ": expected an array of at least two branches (each an array of layers)");
    }
    const std::string merge = r.string_or("merge", "concat");
    if (merge != "concat" && merge != "sum") invalid_argument(r.field("merge") + ": \"" + merge + "\" is not one of concat, sum");
    auto list = register_module(name, torch::nn::ModuleList());
    std::vector<Sequence> branches;
    for (size_t b = 0; b < specs.items().size(); ++b) {
      branches.push_back(Sequence(specs.items()[b], r.field("branches") + "[" + std::to_string(b) + "]", init_preset_));
      list->push_back(branches.back());
    }
    step.module = list;
    const bool concat = merge == "concat";
    step.run = [branches, concat](const torch::Tensor& x) mutable {
      std::vector<torch::Tensor> outputs;
      outputs.reserve(branches.size());
      for (auto& branch : branches) outputs.push_back(branch->forward(x));
      const torch::Tensor& first = outputs[0];
      for (size_t b = 1; b < outputs.size(); ++b) {
        const torch::Tensor& y = outputs[b];
        bool fits = y.dim() == first.dim() && (concat ? first.dim() >= 2 : true);
        for (int64_t d = 0; fits && d < first.dim(); ++d) fits = (concat && d == 1) || y.size(d) == first.size(d);
        if (!fits) {
          throw std::invalid_argument("branch 0 gives " + shape_text(first.sizes()) + " and branch " + std::to_string(b) +
                                      " gives " + shape_text(y.sizes()) +
                                      (concat ? "; concat needs the same shape but for dimension 1" : "; sum needs the same shape"));
        }
      }
      if (concat) return torch::cat(outputs, 1);
      torch::Tensor sum = outputs[0];
      for (size_t b = 1; b < outputs.size(); ++b) sum = sum + outputs[b];
      return sum;
    };
  } else if (type == "reshape") {
    // Per-row target shape; one entry may be -1.
    std::vector<int64_t> shape = r.integer_list("shape", -1, kMaxWidth);
    if (std::count(shape.begin(), shape.end(), 0) > 0 || std::count(shape.begin(), shape.end(), -1) > 1) {
      invalid_argument(r.field("shape") + ": sizes must be positive, with at most one -1");
    }
    step.shape = shape;
    step.run = [shape](const torch::Tensor& x) {
      std::vector<int64_t> full{x.size(0)};
      full.insert(full.end(), shape.begin(), shape.end());
      return x.reshape(full);
    };
  } else if (type == "unsqueeze") {
    // Per-row dimension: 0 makes [rows, 40] into [rows, 1, 40]; 1 or -1 into [rows, 40, 1].
    int64_t dim = r.integer("dim", -8, 8);
    step.dim = dim;
    step.run = [dim](const torch::Tensor& x) { return x.unsqueeze(batched_dim(dim, x.dim() + 1)); };
  } else {
    invalid_argument(label + ": unknown layer type; expected one of linear, conv1d, conv2d, conv_transpose2d, "
                             "batch_norm1d, batch_norm2d, layer_norm, max_pool2d, embedding, one_hot, gru, relu, "
                             "leaky_relu, tanh, sigmoid, dropout, flatten, residual, branches, avg_pool2d, adaptive_avg_pool2d, "
                             "reshape, unsqueeze, random_effects, fid_inception_v3");
  }
  // Initialisation: the layer's own weight_init / bias_init, else the model's preset.
  const Json* weight_init = r.optional("weight_init");
  const Json* bias_init = r.optional("bias_init");
  if (weight_init != nullptr || bias_init != nullptr || !init_preset_.empty()) {
    std::shared_ptr<torch::nn::Module> module = step.module;
    if (!module && !children().empty() && named_children().contains(name)) module = named_children()[name];
    torch::Tensor weight;
    torch::Tensor bias;
    if (module) {
      auto parameters = module->named_parameters(false);
      if (parameters.contains("weight")) weight = parameters["weight"];
      if (parameters.contains("bias")) bias = parameters["bias"];
    }
    if (weight_init != nullptr) apply_init(weight, *weight_init, r.field("weight_init"));
    if (bias_init != nullptr) apply_init(bias, *bias_init, r.field("bias_init"));
    if (init_preset_ == "dcgan" && module) {
      torch::NoGradGuard no_grad;
      const bool conv = type == "conv1d" || type == "conv2d" || type == "conv_transpose2d";
      const bool norm = type == "batch_norm1d" || type == "batch_norm2d";
      if (conv && weight_init == nullptr) torch::nn::init::normal_(weight, 0, 0.02);
      if (norm && weight_init == nullptr) torch::nn::init::normal_(weight, 1, 0.02);
      if (norm && bias_init == nullptr) torch::nn::init::zeros_(bias);
    }
    if (init_preset_ == "keras" && module && (type == "linear" || type == "conv1d" || type == "conv2d")) {
      // Keras' defaults (the ARMED reference): glorot_uniform kernels, zero biases.
      torch::NoGradGuard no_grad;
      if (weight_init == nullptr) torch::nn::init::xavier_uniform_(weight);
      if (bias.defined() && bias_init == nullptr) torch::nn::init::zeros_(bias);
    }
  }
  r.finish();
  return step;
}

torch::Tensor SequenceImpl::forward(torch::Tensor x, int64_t count) {
  int64_t n = count < 0 ? size() : std::min(count, size());
  for (int64_t i = 0; i < n; ++i) {
    const Step& step = steps_[static_cast<size_t>(i)];
    try {
      x = step.run(x);
    } catch (const EngineError&) {
      throw;
    } catch (const c10::OutOfMemoryError& e) {
      throw EngineError(DF_ERR_OUT_OF_MEMORY, step.label + ": " + e.what_without_backtrace());
    } catch (const c10::Error& e) {
      throw EngineError(DF_ERR_TORCH, step.label + ": " + e.what_without_backtrace());
    } catch (const std::exception& e) {
      throw EngineError(DF_ERR_TORCH, step.label + ": " + e.what());
    }
  }
  return x;
}

Model::Model(const Json& description, torch::Device device) : device_(device) {
  JsonObjectReader r(description, "");
  input_shape_ = r.integer_list("input_shape", 1, kMaxWidth);
  if (input_shape_.size() > 4) invalid_argument("input_shape: at most 4 dimensions");
  input_size_ = 1;
  for (int64_t d : input_shape_) input_size_ *= d;
  if (input_size_ > kMaxWidth) invalid_argument("input_shape: more than 2^24 values per row");
  std::string init = r.string_or("init", "");
  if (!init.empty() && init != "default" && init != "dcgan" && init != "keras") {
    invalid_argument("init: \"" + init + "\" is not one of default, dcgan, keras");
  }
  net_ = Sequence(r.require("layers"), "layers", init == "default" ? "" : init);
  r.finish();
  description_ = description.dump();
}

std::unique_ptr<Model> Model::create(const std::string& description_json, uint64_t seed, torch::Device device) {
  Json description = Json::parse(description_json);
  std::unique_ptr<Model> model;
  {
    std::lock_guard<std::mutex> lock(global_rng_mutex());
    torch::manual_seed(seed);
    model.reset(new Model(description, device));
  }
  model->net_->to(device);
  model->output_shape_.clear();
  // A dry run on two zero rows checks that the layers fit together and gives the output shape.
  torch::Tensor probe = torch::zeros({2, model->input_size_});
  torch::Tensor y = model->infer(probe, -1);
  (void)y;
  return model;
}

torch::Tensor Model::wrap_input(const float* x, int64_t rows, const char* what) const {
  if (rows < 0) invalid_argument(std::string(what) + ": negative row count");
  if (rows > 0 && x == nullptr) invalid_argument(std::string(what) + ": null data pointer");
  std::vector<int64_t> shape{rows};
  shape.insert(shape.end(), input_shape_.begin(), input_shape_.end());
  if (rows == 0) return torch::zeros(shape);
  return torch::from_blob(const_cast<float*>(x), shape, torch::kFloat32);
}

torch::Tensor Model::infer(const torch::Tensor& x_cpu, int64_t layer_count) {
  int64_t rows = x_cpu.size(0);
  if (rows == 0) return torch::zeros({0, output_size(layer_count)});
  torch::NoGradGuard no_grad;
  bool was_training = net_->is_training();
  net_->eval();
  std::vector<torch::Tensor> parts;
  try {
    for (int64_t start = 0; start < rows; start += kInferChunk) {
      int64_t end = std::min(rows, start + kInferChunk);
      std::vector<int64_t> shape{end - start};
      shape.insert(shape.end(), input_shape_.begin(), input_shape_.end());
      torch::Tensor chunk = x_cpu.slice(0, start, end).reshape(shape).to(device_);
      torch::Tensor y = net_->forward(chunk, layer_count);
      if (layer_count < 0 && output_shape_.empty()) {
        if (y.dim() < 2) invalid_argument("the model's output has shape " + shape_text(y.sizes()) + ": no row dimension");
        output_shape_.assign(y.sizes().begin() + 1, y.sizes().end());
      }
      parts.push_back(y.reshape({y.size(0), -1}).to(torch::kCPU));
    }
  } catch (...) {
    if (was_training) net_->train();
    throw;
  }
  if (was_training) net_->train();
  return parts.size() == 1 ? parts[0] : torch::cat(parts, 0);
}

int64_t Model::output_size(int64_t layer_count) {
  torch::Tensor y = infer(torch::zeros({2, input_size_}), layer_count);
  return y.size(1);
}

void Model::set_generator(const at::Generator& generator) {
  for (DropoutImpl* d : dropout_layers(*net_)) d->set_generator(generator);
  for (RandomEffectsImpl* re : random_effects_layers(*net_)) re->set_generator(generator);
}

int64_t Model::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : net_->parameters()) n += p.numel();
  return n;
}

void Model::save(const std::string& path) {
  try {
    torch::serialize::OutputArchive archive;
    archive.write(kFormatKey, c10::IValue(kFormatVersion));
    archive.write(kDescriptionKey, c10::IValue(description_));
    net_->save(archive);
    archive.save_to(path);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, "cannot write the checkpoint " + path + ": " + e.what_without_backtrace());
  }
}

std::unique_ptr<Model> Model::load(const std::string& path, torch::Device device) {
  torch::serialize::InputArchive archive;
  c10::IValue format;
  c10::IValue description;
  try {
    archive.load_from(path, torch::kCPU);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, "cannot read the checkpoint " + path + ": " + e.what_without_backtrace());
  }
  if (!archive.try_read(kFormatKey, format) || !format.isInt() || !archive.try_read(kDescriptionKey, description) ||
      !description.isString()) {
    throw EngineError(DF_ERR_IO, path + " is not a DigitForge checkpoint");
  }
  if (format.toInt() != kFormatVersion) {
    throw EngineError(DF_ERR_IO, path + ": checkpoint format " + std::to_string(format.toInt()) +
                                     " is not supported (this engine reads format " + std::to_string(kFormatVersion) + ")");
  }
  std::unique_ptr<Model> model = create(description.toStringRef(), 0, torch::kCPU);
  try {
    model->net_->load(archive);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, path + ": the weights do not match the description: " + e.what_without_backtrace());
  }
  model->net_->to(device);
  model->device_ = device;
  return model;
}

}  // namespace digitforge
