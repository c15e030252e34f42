#include "fid_inception.h"

#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <map>

#include "../errors.h"
#include "torch_state_dict.h"

namespace digitforge {

namespace {

namespace F = torch::nn::functional;

using Kernel = std::array<int64_t, 2>;

// Conv (no bias) + BatchNorm(eps 0.001) + ReLU; parameters "conv.weight", "bn.weight|bias|running_mean|running_var".
class BasicConv2dImpl : public torch::nn::Module {
 public:
  BasicConv2dImpl(int64_t in, int64_t out, Kernel kernel, Kernel stride = {1, 1}, Kernel padding = {0, 0})
      : conv(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, {kernel[0], kernel[1]})
                                                           .stride({stride[0], stride[1]})
                                                           .padding({padding[0], padding[1]})
                                                           .bias(false)))),
        bn(register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(0.001)))) {}
  torch::Tensor forward(const torch::Tensor& x) { return torch::relu(bn->forward(conv->forward(x))); }

  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d bn;
};
TORCH_MODULE(BasicConv2d);

BasicConv2d basic(torch::nn::Module& parent, const char* name, int64_t in, int64_t out, Kernel kernel,
                  Kernel stride = {1, 1}, Kernel padding = {0, 0}) {
  return parent.register_module(name, BasicConv2d(in, out, kernel, stride, padding));
}

// pytorch-fid's pool branches: 3x3 stride-1 average pooling that does not count the padding.
torch::Tensor fid_avg_pool(const torch::Tensor& x) {
  return F::avg_pool2d(x, F::AvgPool2dFuncOptions(3).stride(1).padding(1).count_include_pad(false));
}

torch::Tensor max_pool_3s2(const torch::Tensor& x) { return F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2)); }

class Block : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& x) = 0;
};

class FidInceptionA : public Block {
 public:
  FidInceptionA(int64_t in, int64_t pool_features)
      : b1(basic(*this, "branch1x1", in, 64, {1, 1})),
        b5_1(basic(*this, "branch5x5_1", in, 48, {1, 1})),
        b5_2(basic(*this, "branch5x5_2", 48, 64, {5, 5}, {1, 1}, {2, 2})),
        d1(basic(*this, "branch3x3dbl_1", in, 64, {1, 1})),
        d2(basic(*this, "branch3x3dbl_2", 64, 96, {3, 3}, {1, 1}, {1, 1})),
        d3(basic(*this, "branch3x3dbl_3", 96, 96, {3, 3}, {1, 1}, {1, 1})),
        pool(basic(*this, "branch_pool", in, pool_features, {1, 1})) {}
  torch::Tensor forward(const torch::Tensor& x) override {
    return torch::cat({b1(x), b5_2(b5_1(x)), d3(d2(d1(x))), pool(fid_avg_pool(x))}, 1);
  }
  BasicConv2d b1, b5_1, b5_2, d1, d2, d3, pool;
};

class InceptionB : public Block {
 public:
  explicit InceptionB(int64_t in)
      : b3(basic(*this, "branch3x3", in, 384, {3, 3}, {2, 2})),
        d1(basic(*this, "branch3x3dbl_1", in, 64, {1, 1})),
        d2(basic(*this, "branch3x3dbl_2", 64, 96, {3, 3}, {1, 1}, {1, 1})),
        d3(basic(*this, "branch3x3dbl_3", 96, 96, {3, 3}, {2, 2})) {}
  torch::Tensor forward(const torch::Tensor& x) override { return torch::cat({b3(x), d3(d2(d1(x))), max_pool_3s2(x)}, 1); }
  BasicConv2d b3, d1, d2, d3;
};

class FidInceptionC : public Block {
 public:
  FidInceptionC(int64_t in, int64_t c7)
      : b1(basic(*this, "branch1x1", in, 192, {1, 1})),
        s1(basic(*this, "branch7x7_1", in, c7, {1, 1})),
        s2(basic(*this, "branch7x7_2", c7, c7, {1, 7}, {1, 1}, {0, 3})),
        s3(basic(*this, "branch7x7_3", c7, 192, {7, 1}, {1, 1}, {3, 0})),
        d1(basic(*this, "branch7x7dbl_1", in, c7, {1, 1})),
        d2(basic(*this, "branch7x7dbl_2", c7, c7, {7, 1}, {1, 1}, {3, 0})),
        d3(basic(*this, "branch7x7dbl_3", c7, c7, {1, 7}, {1, 1}, {0, 3})),
        d4(basic(*this, "branch7x7dbl_4", c7, c7, {7, 1}, {1, 1}, {3, 0})),
        d5(basic(*this, "branch7x7dbl_5", c7, 192, {1, 7}, {1, 1}, {0, 3})),
        pool(basic(*this, "branch_pool", in, 192, {1, 1})) {}
  torch::Tensor forward(const torch::Tensor& x) override {
    return torch::cat({b1(x), s3(s2(s1(x))), d5(d4(d3(d2(d1(x))))), pool(fid_avg_pool(x))}, 1);
  }
  BasicConv2d b1, s1, s2, s3, d1, d2, d3, d4, d5, pool;
};

class InceptionD : public Block {
 public:
  explicit InceptionD(int64_t in)
      : t1(basic(*this, "branch3x3_1", in, 192, {1, 1})),
        t2(basic(*this, "branch3x3_2", 192, 320, {3, 3}, {2, 2})),
        s1(basic(*this, "branch7x7x3_1", in, 192, {1, 1})),
        s2(basic(*this, "branch7x7x3_2", 192, 192, {1, 7}, {1, 1}, {0, 3})),
        s3(basic(*this, "branch7x7x3_3", 192, 192, {7, 1}, {1, 1}, {3, 0})),
        s4(basic(*this, "branch7x7x3_4", 192, 192, {3, 3}, {2, 2})) {}
  torch::Tensor forward(const torch::Tensor& x) override {
    return torch::cat({t2(t1(x)), s4(s3(s2(s1(x)))), max_pool_3s2(x)}, 1);
  }
  BasicConv2d t1, t2, s1, s2, s3, s4;
};

// E_1 (Mixed_7b) average-pools without counting the padding; E_2 (Mixed_7c) max-pools: the TF graph's bug that
// pytorch-fid keeps so that its features match TF-FID's.
class FidInceptionE : public Block {
 public:
  FidInceptionE(int64_t in, bool max_pool)
      : max_pool_(max_pool),
        b1(basic(*this, "branch1x1", in, 320, {1, 1})),
        t1(basic(*this, "branch3x3_1", in, 384, {1, 1})),
        t2a(basic(*this, "branch3x3_2a", 384, 384, {1, 3}, {1, 1}, {0, 1})),
        t2b(basic(*this, "branch3x3_2b", 384, 384, {3, 1}, {1, 1}, {1, 0})),
        d1(basic(*this, "branch3x3dbl_1", in, 448, {1, 1})),
        d2(basic(*this, "branch3x3dbl_2", 448, 384, {3, 3}, {1, 1}, {1, 1})),
        d3a(basic(*this, "branch3x3dbl_3a", 384, 384, {1, 3}, {1, 1}, {0, 1})),
        d3b(basic(*this, "branch3x3dbl_3b", 384, 384, {3, 1}, {1, 1}, {1, 0})),
        pool(basic(*this, "branch_pool", in, 192, {1, 1})) {}
  torch::Tensor forward(const torch::Tensor& x) override {
    torch::Tensor t = t1(x);
    torch::Tensor d = d2(d1(x));
    torch::Tensor pooled = max_pool_ ? F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(1).padding(1)) : fid_avg_pool(x);
    return torch::cat({b1(x), torch::cat({t2a(t), t2b(t)}, 1), torch::cat({d3a(d), d3b(d)}, 1), pool(pooled)}, 1);
  }

 private:
  bool max_pool_;

 public:
  BasicConv2d b1, t1, t2a, t2b, d1, d2, d3a, d3b, pool;
};

std::string shape_text(c10::IntArrayRef shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

bool ignored_key(const std::string& key) {
  auto ends_with = [&](const std::string& tail) {
    return key.size() >= tail.size() && key.compare(key.size() - tail.size(), tail.size(), tail) == 0;
  };
  return key.rfind("fc.", 0) == 0 || key.rfind("AuxLogits.", 0) == 0 || ends_with("num_batches_tracked");
}

}  // namespace

FidInceptionOptions read_fid_inception(JsonObjectReader& r) {
  FidInceptionOptions o;
  o.weights = r.string("weights");
  if (o.weights.empty()) invalid_argument(r.field("weights") + ": the path of pytorch-fid's Inception weight file is required");
  o.normalize_input = r.boolean_or("normalize_input", true);
  o.resize_input = r.boolean_or("resize_input", true);
  o.batch_size = r.integer_or("batch_size", 50, 1, 4096);
  return o;
}

FidInceptionV3Impl::FidInceptionV3Impl(const FidInceptionOptions& options) : options_(options) {
  stem_ = {basic(*this, "Conv2d_1a_3x3", 3, 32, {3, 3}, {2, 2}).ptr(), basic(*this, "Conv2d_2a_3x3", 32, 32, {3, 3}).ptr(),
           basic(*this, "Conv2d_2b_3x3", 32, 64, {3, 3}, {1, 1}, {1, 1}).ptr(), nullptr,  // max pool
           basic(*this, "Conv2d_3b_1x1", 64, 80, {1, 1}).ptr(), basic(*this, "Conv2d_4a_3x3", 80, 192, {3, 3}).ptr(),
           nullptr};  // max pool
  blocks_ = {register_module("Mixed_5b", std::make_shared<FidInceptionA>(192, 32)),
             register_module("Mixed_5c", std::make_shared<FidInceptionA>(256, 64)),
             register_module("Mixed_5d", std::make_shared<FidInceptionA>(288, 64)),
             register_module("Mixed_6a", std::make_shared<InceptionB>(288)),
             register_module("Mixed_6b", std::make_shared<FidInceptionC>(768, 128)),
             register_module("Mixed_6c", std::make_shared<FidInceptionC>(768, 160)),
             register_module("Mixed_6d", std::make_shared<FidInceptionC>(768, 160)),
             register_module("Mixed_6e", std::make_shared<FidInceptionC>(768, 192)),
             register_module("Mixed_7a", std::make_shared<InceptionD>(768)),
             register_module("Mixed_7b", std::make_shared<FidInceptionE>(1280, false)),
             register_module("Mixed_7c", std::make_shared<FidInceptionE>(2048, true))};
  load_weights(options_.weights);
}

void FidInceptionV3Impl::load_weights(const std::string& path) {
  std::map<std::string, torch::Tensor> file;
  for (auto& [key, tensor] : read_torch_state_dict(path)) file.emplace(key, std::move(tensor));
  std::map<std::string, torch::Tensor> ours;
  for (const auto& item : named_parameters(true)) ours.emplace(item.key(), item.value());
  for (const auto& item : named_buffers(true)) {
    if (!ignored_key(item.key())) ours.emplace(item.key(), item.value());
  }
  for (const auto& [key, tensor] : file) {
    if (!ignored_key(key) && ours.find(key) == ours.end()) {
      throw EngineError(DF_ERR_IO, path + ": unexpected key \"" + key + "\" (not in pytorch-fid's Inception-v3)");
    }
  }
  torch::NoGradGuard no_grad;
  for (auto& [key, target] : ours) {
    auto it = file.find(key);
    if (it == file.end()) {
      throw EngineError(DF_ERR_IO, path + ": missing key \"" + key + "\" (" + std::to_string(ours.size()) +
                                       " tensors of pytorch-fid's Inception-v3 expected, the file has " +
                                       std::to_string(file.size()) + " entries)");
    }
    if (it->second.sizes() != target.sizes()) {
      throw EngineError(DF_ERR_IO, path + ": \"" + key + "\" has shape " + shape_text(it->second.sizes()) +
                                       ", pytorch-fid's Inception-v3 has " + shape_text(target.sizes()));
    }
    if (!it->second.is_floating_point()) {
      throw EngineError(DF_ERR_IO, path + ": \"" + key + "\" is not a floating-point tensor");
    }
    target.copy_(it->second);
  }
}

torch::Tensor FidInceptionV3Impl::features(torch::Tensor x) {
  if (x.size(1) == 1) x = x.repeat({1, 3, 1, 1});
  if (options_.resize_input) {
    x = F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{299, 299})
                              .mode(torch::kBilinear)
                              .align_corners(false));
  }
  if (options_.normalize_input) x = 2 * x - 1;
  for (const auto& module : stem_) {
    x = module ? static_cast<BasicConv2dImpl&>(*module).forward(x) : max_pool_3s2(x);
  }
  for (const auto& block : blocks_) x = static_cast<Block&>(*block).forward(x);
  return F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1)).flatten(1);
}

torch::Tensor FidInceptionV3Impl::forward(const torch::Tensor& x) {
  if (x.dim() != 4 || (x.size(1) != 1 && x.size(1) != 3)) {
    throw std::invalid_argument("fid_inception_v3 expects [rows, 1 or 3, height, width], got " + shape_text(x.sizes()));
  }
  if (x.size(0) <= options_.batch_size) return features(x);
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < x.size(0); start += options_.batch_size) {
    parts.push_back(features(x.slice(0, start, std::min(x.size(0), start + options_.batch_size))));
  }
  return torch::cat(parts, 0);
}

}  // namespace digitforge
