#include "flat_optimizer.h"

#include <torch/autograd.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace digitforge {

FlatOptimizer::FlatOptimizer(std::vector<torch::Tensor> parameters, OptimizerSettings settings)
    : settings_(std::move(settings)) {
  int64_t total = 0;
  for (const auto& p : parameters) total += p.numel();
  if (total == 0) return;
  torch::NoGradGuard no_grad;
  auto options = parameters[0].options();
  flat_ = torch::empty({total}, options);
  grad_ = torch::zeros({total}, options);
  int64_t offset = 0;
  for (auto& p : parameters) {
    const int64_t n = p.numel();
    torch::Tensor view = flat_.slice(0, offset, offset + n).view(p.sizes());
    view.copy_(p);
    p.set_data(view);
    // Backward accumulates into a defined gradient in place, so the gradients stay views into grad_.
    p.mutable_grad() = grad_.slice(0, offset, offset + n).view(p.sizes());
    offset += n;
  }
}

void FlatOptimizer::set_state(const State& state) {
  torch::NoGradGuard no_grad;
  auto fit = [&](const torch::Tensor& saved) {
    if (!saved.defined() || saved.numel() == 0) return torch::Tensor();
    if (!flat_.defined() || saved.numel() != flat_.numel()) {
      throw std::invalid_argument("the optimiser state has " + std::to_string(saved.numel()) + " values, the model " +
                                  std::to_string(flat_.defined() ? flat_.numel() : 0));
    }
    return saved.to(flat_.options()).reshape(flat_.sizes()).clone();
  };
  torch::Tensor avg = fit(state.exp_avg);
  torch::Tensor avg_sq = fit(state.exp_avg_sq);
  steps_ = state.steps;
  exp_avg_ = avg;
  exp_avg_sq_ = avg_sq;
}

void FlatOptimizer::zero_grad() {
  if (!grad_.defined()) return;
  if (host_float()) {
    std::fill_n(grad_.data_ptr<float>(), grad_.numel(), 0.0f);
    return;
  }
  grad_.zero_();
}

bool FlatOptimizer::host_float() const {
  return flat_.device().is_cpu() && flat_.scalar_type() == torch::kFloat32 && flat_.is_contiguous() &&
         grad_.is_contiguous() && (!exp_avg_.defined() || exp_avg_.is_contiguous()) &&
         (!exp_avg_sq_.defined() || exp_avg_sq_.is_contiguous());
}

void FlatOptimizer::step() {
  if (!flat_.defined()) return;
  if (host_float() && kernel_fma() != KernelFma::Mixed) {
    step_host(kernel_fma() == KernelFma::Fused);
    return;
  }
  torch::NoGradGuard no_grad;
  ++steps_;
  const double lr = settings_.learning_rate;
  const double wd = settings_.weight_decay;
  if (settings_.kind == "sgd") {
    torch::Tensor d_p = wd != 0 ? grad_.add(flat_, wd) : grad_;
    if (settings_.momentum != 0) {
      if (!exp_avg_.defined()) {
        exp_avg_ = d_p.clone();
      } else {
        exp_avg_.mul_(settings_.momentum).add_(d_p, 1);
      }
      d_p = exp_avg_;
    }
    flat_.add_(d_p, -lr);
    return;
  }
  if (!exp_avg_.defined()) {
    exp_avg_ = torch::zeros_like(flat_);
    exp_avg_sq_ = torch::zeros_like(flat_);
  }
  torch::Tensor grad = grad_;
  if (settings_.kind == "adamw") {
    if (wd != 0) flat_.mul_(1 - lr * wd);
  } else if (wd != 0) {
    grad = grad.add(flat_, wd);
  }
  const double bias_correction1 = 1 - std::pow(settings_.beta1, static_cast<double>(steps_));
  const double bias_correction2 = 1 - std::pow(settings_.beta2, static_cast<double>(steps_));
  exp_avg_.mul_(settings_.beta1).add_(grad, 1 - settings_.beta1);
  exp_avg_sq_.mul_(settings_.beta2).addcmul_(grad, grad, 1 - settings_.beta2);
  torch::Tensor denom = (exp_avg_sq_.sqrt() / std::sqrt(bias_correction2)).add_(settings_.eps);
  flat_.addcdiv_(exp_avg_, denom, -lr / bias_correction1);
}

namespace {

// Whether libtorch's add(b, alpha) and addcmul(b, c, value) round a * b + c once (a fused multiply-add: its AVX2 and
// AVX-512 kernels, vector body and scalar tail alike) or twice (the DEFAULT kernels, ATEN_CPU_CAPABILITY=default),
// probed once on values where the two differ: b * alpha = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11, so with a = -1 the
// fused result is 2^-11 + 2^-24 and the unfused 2^-11. Lengths 1 and 67 take the scalar and the vectorised loop.
KernelFma probe_kernel_fma() {
  torch::NoGradGuard no_grad;
  const float b = 1.0f + std::ldexp(1.0f, -12);
  const float fused = std::fma(b, b, -1.0f);
  int fused_count = 0;
  int plain_count = 0;
  for (int64_t n : {1, 67}) {
    torch::Tensor ones = torch::full({n}, b);
    torch::Tensor add = torch::full({n}, -1.0f).add_(ones, b);
    torch::Tensor addcmul = torch::full({n}, -1.0f).addcmul_(ones, ones, 1.0f);
    for (const torch::Tensor& t : {add, addcmul}) {
      const float* r = t.data_ptr<float>();
      for (int64_t i = 0; i < n; ++i) {
        if (r[i] == fused) {
          ++fused_count;
        } else {
          ++plain_count;
        }
      }
    }
  }
  if (plain_count == 0) return KernelFma::Fused;
  return fused_count == 0 ? KernelFma::Plain : KernelFma::Mixed;
}

// a * b + c rounded as libtorch's kernels do (see above); the build is ISO C++ (-ffp-contract=off), so the unfused
// form stays two roundings.
inline float madd(float a, float b, float c, bool fused) {
  if (fused) return std::fma(a, b, c);
  const float product = a * b;
  return product + c;
}

}  // namespace

KernelFma FlatOptimizer::kernel_fma() {
  static const KernelFma probed = probe_kernel_fma();
  return probed;
}

// The ops above as one loop over the buffers, element by element the same float arithmetic as libtorch 1.13's CPU
// kernels: a scalar argument is rounded to float first; add(b, alpha) and addcmul(b, c, value) are b * alpha + a
// and value * b * c + a, fused or not as the kernels are (kernel_fma); div by a scalar is a true division, addcdiv
// p + (value * m) / d. The per-op dispatch, TensorIterator set-up and temporaries (sqrt, the division) were ~70% of a
// step of the mixed-effects MLPs (60-parameter models; bench/README.md "Mixed-effects LOCO"). When the probe finds
// the kernels inconsistent (Mixed) step() keeps the ops.
void FlatOptimizer::step_host(bool fused) {
  ++steps_;
  const double lr = settings_.learning_rate;
  const double wd = settings_.weight_decay;
  const int64_t n = flat_.numel();
  float* __restrict p = flat_.data_ptr<float>();
  const float* __restrict g = grad_.data_ptr<float>();
  if (settings_.kind == "sgd") {
    const auto wd_f = static_cast<float>(wd);
    const auto neg_lr = static_cast<float>(-lr);
    const bool momentum = settings_.momentum != 0;
    if (momentum && !exp_avg_.defined()) {
      // The first step's buffer is d_p itself (clone).
      exp_avg_ = torch::empty_like(flat_);
      float* __restrict buf = exp_avg_.data_ptr<float>();
      for (int64_t i = 0; i < n; ++i) buf[i] = wd != 0 ? madd(p[i], wd_f, g[i], fused) : g[i];
    } else if (momentum) {
      const auto mom = static_cast<float>(settings_.momentum);
      float* __restrict buf = exp_avg_.data_ptr<float>();
      for (int64_t i = 0; i < n; ++i) {
        const float d_p = wd != 0 ? madd(p[i], wd_f, g[i], fused) : g[i];
        buf[i] = madd(d_p, 1.0f, buf[i] * mom, fused);
      }
    }
    const float* buf = momentum ? exp_avg_.data_ptr<float>() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      const float d_p = momentum ? buf[i] : (wd != 0 ? madd(p[i], wd_f, g[i], fused) : g[i]);
      p[i] = madd(d_p, neg_lr, p[i], fused);
    }
    return;
  }
  if (!exp_avg_.defined()) {
    exp_avg_ = torch::zeros_like(flat_);
    exp_avg_sq_ = torch::zeros_like(flat_);
  }
  float* __restrict m = exp_avg_.data_ptr<float>();
  float* __restrict v = exp_avg_sq_.data_ptr<float>();
  const bool adamw = settings_.kind == "adamw";
  const auto decay = static_cast<float>(1 - lr * wd);  // adamw
  const auto wd_f = static_cast<float>(wd);             // adam's L2 term
  const double bias_correction1 = 1 - std::pow(settings_.beta1, static_cast<double>(steps_));
  const double bias_correction2 = 1 - std::pow(settings_.beta2, static_cast<double>(steps_));
  const auto beta1 = static_cast<float>(settings_.beta1);
  const auto beta2 = static_cast<float>(settings_.beta2);
  const auto one_minus_beta1 = static_cast<float>(1 - settings_.beta1);
  const auto one_minus_beta2 = static_cast<float>(1 - settings_.beta2);
  const auto root_bc2 = static_cast<float>(std::sqrt(bias_correction2));
  const auto eps = static_cast<float>(settings_.eps);
  const auto step_size = static_cast<float>(-lr / bias_correction1);
  for (int64_t i = 0; i < n; ++i) {
    float gi = g[i];
    if (adamw) {
      if (wd != 0) p[i] = p[i] * decay;
    } else if (wd != 0) {
      gi = madd(p[i], wd_f, gi, fused);
    }
    m[i] = madd(gi, one_minus_beta1, m[i] * beta1, fused);
    v[i] = madd(one_minus_beta2 * gi, gi, v[i] * beta2, fused);
    const float denom = std::sqrt(v[i]) / root_bc2 + eps;
    p[i] = p[i] + (step_size * m[i]) / denom;
  }
}

}  // namespace digitforge
