#include "dense_cpu.h"

#include <torch/nn/modules/linear.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../cpu_gemm.h"

namespace digitforge::cpu {

namespace {

float* grad_of(torch::Tensor& parameter) {
  if (!parameter.grad().defined()) parameter.mutable_grad() = torch::zeros_like(parameter);
  return parameter.mutable_grad().data_ptr<float>();
}

bool usable(const torch::Tensor& t) {
  return t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.is_contiguous();
}

std::nullptr_t refuse(std::string* reason, const std::string& why) {
  if (reason != nullptr) *reason = why;
  return nullptr;
}

}  // namespace

std::unique_ptr<DenseChain> DenseChain::try_create(Model& model, std::string* reason) {
  if (!model.device().is_cpu()) return refuse(reason, "not on the CPU");
  if (model.input_shape().size() != 1) return refuse(reason, "input is not a vector per row");
  auto chain = std::unique_ptr<DenseChain>(new DenseChain());
  int64_t width = model.input_size();
  chain->in_size_ = width;
  for (const auto& step : model.net()->steps()) {
    Layer layer;
    if (step.type == "relu") {
      layer.relu = true;
      layer.in = layer.out = width;
    } else if (step.type == "linear") {
      auto* linear = step.module ? step.module->as<torch::nn::Linear>() : nullptr;
      if (linear == nullptr) return refuse(reason, step.label + ": not a linear module");
      layer.weight = linear->weight;
      layer.bias = linear->bias;
      if (!usable(layer.weight) || (layer.bias.defined() && !usable(layer.bias))) {
        return refuse(reason, step.label + ": not float32 on the CPU");
      }
      layer.in = layer.weight.size(1);
      layer.out = layer.weight.size(0);
      if (layer.in != width) return refuse(reason, step.label + ": widths do not chain");
    } else {
      return refuse(reason, step.label + ": " + step.type + " is not covered");
    }
    width = layer.out;
    chain->layers_.push_back(layer);
  }
  chain->out_size_ = width;
  chain->acts_.resize(chain->layers_.size());
  return chain;
}

const float* DenseChain::forward(const float* x, int64_t rows) {
  x_ = x;
  rows_ = rows;
  const float* in = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    Layer& l = layers_[i];
    std::vector<float>& y = acts_[i];
    y.resize(static_cast<size_t>(rows * l.out));
    if (l.relu) {
      for (size_t j = 0; j < y.size(); ++j) {
        const float v = in[j];
        y[j] = v > 0 ? v : (std::isnan(v) ? v : 0.0f);
      }
    } else {
      float beta = 0;
      if (l.bias.defined()) {
        const float* b = l.bias.data_ptr<float>();
        for (int64_t r = 0; r < rows; ++r) std::memcpy(y.data() + r * l.out, b, static_cast<size_t>(l.out) * sizeof(float));
        beta = 1;
      }
      gemm(false, true, rows, l.out, l.in, 1, in, l.in, l.weight.data_ptr<float>(), l.in, beta, y.data(), l.out);
    }
    in = y.data();
  }
  return in;
}

void DenseChain::backward(const float* dy, float* dx, bool param_grads) {
  const int64_t rows = rows_;
  const float* dout = dy;  // the gradient of layer k's output
  for (size_t k = layers_.size(); k-- > 0;) {
    Layer& l = layers_[k];
    const float* in = k == 0 ? x_ : acts_[k - 1].data();
    float* din = nullptr;  // the gradient of layer k's input, when anything before needs it
    if (k == 0) {
      din = dx;
    } else {
      // grad_a_ and grad_b_ alternate (dy, the caller's, is neither).
      std::vector<float>& next = dout == grad_a_.data() ? grad_b_ : grad_a_;
      next.resize(static_cast<size_t>(rows * l.in));
      din = next.data();
    }
    if (l.relu) {
      if (din != nullptr) {
        const float* y = acts_[k].data();
        for (int64_t j = 0; j < rows * l.in; ++j) {
          const float g = dout[j];  // loaded unconditionally, so the select becomes a vector blend (no branch per value)
          din[j] = y[j] > 0 ? g : 0.0f;
        }
      }
    } else {
      if (param_grads) {
        gemm(true, false, l.out, l.in, rows, 1, dout, l.out, in, l.in, 0, grad_of(l.weight), l.in);
        if (l.bias.defined()) {
          float* gb = grad_of(l.bias);
          std::fill_n(gb, l.out, 0.0f);
          for (int64_t r = 0; r < rows; ++r) {
            for (int64_t o = 0; o < l.out; ++o) gb[o] += dout[r * l.out + o];
          }
        }
      }
      if (din != nullptr) gemm(false, false, rows, l.in, l.out, 1, dout, l.out, l.weight.data_ptr<float>(), l.in, 0, din, l.in);
    }
    if (din == nullptr) break;
    dout = din;
  }
}

std::unique_ptr<RandomEffectsCpu> RandomEffectsCpu::try_create(Model& model, std::string* reason) {
  if (!model.device().is_cpu()) return refuse(reason, "not on the CPU");
  const auto& steps = model.net()->steps();
  if (steps.size() != 1 || steps[0].type != "random_effects" || !steps[0].module) {
    return refuse(reason, "not one random_effects layer");
  }
  auto* layer = steps[0].module->as<RandomEffectsImpl>();
  if (layer == nullptr || !usable(layer->mean) || !usable(layer->raw_sd)) return refuse(reason, "not float32 on the CPU");
  return std::unique_ptr<RandomEffectsCpu>(new RandomEffectsCpu(layer));
}

void RandomEffectsCpu::draw() {
  {
    // The autograd path's draw, in the same order: empty_like(mean).normal_(0, 1) from the layer's generator, so
    // normal_ into a buffer kept between steps draws the same numbers without the allocation.
    torch::NoGradGuard no_grad;
    if (!eps_.defined() || eps_.sizes() != layer_->mean.sizes()) eps_ = torch::empty_like(layer_->mean, at::MemoryFormat::Contiguous);
    eps_.normal_(0, 1, layer_->generator());
  }
  const auto n = static_cast<size_t>(layer_->mean.numel());
  sd_.resize(n);
  w_.resize(n);
  const float* m = layer_->mean.data_ptr<float>();
  const float* raw = layer_->raw_sd.data_ptr<float>();
  const float* e = eps_.data_ptr<float>();
  for (size_t i = 0; i < n; ++i) {
    sd_[i] = raw[i] > 20.0f ? raw[i] : std::log1p(std::exp(raw[i]));  // torch::softplus (beta 1, threshold 20)
    w_[i] = m[i] + sd_[i] * e[i];
  }
}

void RandomEffectsCpu::forward(const int64_t* cluster, int64_t rows, float* out) const {
  const int64_t d = features();
  for (int64_t r = 0; r < rows; ++r) {
    if (cluster[r] < 0) {
      std::fill_n(out + r * d, d, 0.0f);
    } else {
      std::copy_n(w_.data() + cluster[r] * d, d, out + r * d);
    }
  }
}

double RandomEffectsCpu::backward(const int64_t* cluster, const float* dy, int64_t rows) {
  const RandomEffectsOptions& o = layer_->options();
  const int64_t d = o.features;
  const auto n = static_cast<size_t>(layer_->mean.numel());
  float* gm = grad_of(layer_->mean);
  float* gs = grad_of(layer_->raw_sd);
  std::fill_n(gm, n, 0.0f);
  for (int64_t r = 0; r < rows; ++r) {
    if (cluster[r] < 0) continue;
    float* g = gm + cluster[r] * d;
    for (int64_t j = 0; j < d; ++j) g[j] += dy[r * d + j];
  }
  // d W / d mean = 1, d W / d raw_sd = eps * sigmoid(raw_sd); the regulariser
  // kl_weight * sum[log p - log s + (s² + m²) / (2p²) - 1/2] + l1_weight * sum |m|.
  const float* m = layer_->mean.data_ptr<float>();
  const float* raw = layer_->raw_sd.data_ptr<float>();
  const float* e = eps_.data_ptr<float>();
  const double p = o.prior_sd;
  const auto kl_w = static_cast<float>(o.kl_weight);
  const auto l1_w = static_cast<float>(o.l1_weight);
  const auto inv_p2 = static_cast<float>(1.0 / (p * p));
  double kl = 0;
  double l1 = 0;
  for (size_t i = 0; i < n; ++i) {
    const float s = sd_[i];
    const float sig = 1.0f / (1.0f + std::exp(-raw[i]));
    const float dsd = gm[i] * e[i] + kl_w * (s * inv_p2 - 1.0f / s);
    gs[i] = dsd * sig;
    const float sign = m[i] > 0 ? 1.0f : (m[i] < 0 ? -1.0f : 0.0f);
    gm[i] += kl_w * m[i] * inv_p2 + l1_w * sign;
    kl += std::log(p) - std::log(static_cast<double>(s)) + (static_cast<double>(s) * s + static_cast<double>(m[i]) * m[i]) / (2 * p * p) - 0.5;
    l1 += std::fabs(static_cast<double>(m[i]));
  }
  return o.kl_weight * kl + (o.l1_weight > 0 ? o.l1_weight * l1 : 0.0);
}

double cross_entropy(const float* logits, const int64_t* y, int64_t rows, int64_t classes, float scale, float* dlogits) {
  double loss = 0;
  const float g = -scale / static_cast<float>(rows);
  for (int64_t r = 0; r < rows; ++r) {
    const float* z = logits + r * classes;
    float max = z[0];
    for (int64_t j = 1; j < classes; ++j) max = std::max(max, z[j]);
    float sum = 0;
    for (int64_t j = 0; j < classes; ++j) sum += std::exp(z[j] - max);
    const float log_sum = std::log(sum);
    loss -= static_cast<double>(z[y[r]] - max - log_sum);
    if (dlogits != nullptr) {
      float* d = dlogits + r * classes;
      for (int64_t j = 0; j < classes; ++j) d[j] += (j == y[r] ? g : 0.0f) - std::exp(z[j] - max - log_sum) * g;
    }
  }
  return loss / static_cast<double>(rows);
}

}  // namespace digitforge::cpu
