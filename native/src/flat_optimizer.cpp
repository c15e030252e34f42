#include "flat_optimizer.h"

#include <torch/autograd.h>

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
  if (grad_.defined()) grad_.zero_();
}

void FlatOptimizer::step() {
  if (!flat_.defined()) return;
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

}  // namespace digitforge
