#include "random_effects.h"

#include <torch/nn/functional/activation.h>

#include <cmath>

#include "../errors.h"

namespace digitforge {

RandomEffectsOptions read_random_effects(JsonObjectReader& r) {
  RandomEffectsOptions o;
  o.clusters = r.integer("clusters", 1, int64_t{1} << 24);
  o.features = r.integer("features", 1, int64_t{1} << 24);
  o.prior_sd = r.number_or("prior_sd", o.prior_sd, 1e-12, 1e12);
  if (const Json* init = r.optional("posterior_sd_init")) {
    if (init->kind() != Json::Kind::Array || init->items().size() != 2 || init->items()[0].kind() != Json::Kind::Number ||
        init->items()[1].kind() != Json::Kind::Number) {
      invalid_argument(r.field("posterior_sd_init") + ": expected [low, high]");
    }
    o.posterior_sd_low = init->items()[0].as_number();
    o.posterior_sd_high = init->items()[1].as_number();
    if (!(o.posterior_sd_low > 0) || !(o.posterior_sd_high >= o.posterior_sd_low) || !std::isfinite(o.posterior_sd_high)) {
      invalid_argument(r.field("posterior_sd_init") + ": need 0 < low <= high");
    }
  }
  o.mean_init_scale = r.number_or("mean_init_scale", o.mean_init_scale, 0, 1e6);
  o.kl_weight = r.number_or("kl_weight", o.kl_weight, 0, 1e12);
  o.l1_weight = r.number_or("l1_weight", o.l1_weight, 0, 1e12);
  return o;
}

namespace {
// softplus^-1(y) = log(exp(y) - 1), stable for the small s.d. used here.
torch::Tensor inverse_softplus(const torch::Tensor& y) { return y + torch::log(-torch::expm1(-y)); }
}  // namespace

RandomEffectsImpl::RandomEffectsImpl(const RandomEffectsOptions& options) : options_(options) {
  torch::NoGradGuard no_grad;
  torch::Tensor m = options.mean_init_scale > 0 ? torch::randn({options.clusters, options.features}) * options.mean_init_scale
                                                : torch::zeros({options.clusters, options.features});
  torch::Tensor sd = torch::rand({options.clusters, options.features}) * (options.posterior_sd_high - options.posterior_sd_low) +
                     options.posterior_sd_low;
  mean = register_parameter("mean", m);
  raw_sd = register_parameter("raw_sd", inverse_softplus(sd));
}

torch::Tensor RandomEffectsImpl::posterior_sd() const { return torch::softplus(raw_sd); }

torch::Tensor RandomEffectsImpl::forward(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != options_.clusters) {
    throw std::invalid_argument("random_effects expects one-hot clusters [rows, " + std::to_string(options_.clusters) +
                                "]");
  }
  if (!is_training()) return z.matmul(mean);
  // randn_like(mean) is empty_like(mean).normal_(0, 1): the same draws, from this layer's generator when it has one.
  torch::Tensor eps = torch::empty_like(mean);
  {
    torch::NoGradGuard no_grad;
    eps.normal_(0, 1, generator_);
  }
  torch::Tensor w = mean + posterior_sd() * eps;
  return z.matmul(w);
}

torch::Tensor RandomEffectsImpl::kl() const {
  // KL(N(m, s²) || N(0, p²)) = log(p/s) + (s² + m²) / (2p²) - 1/2.
  const double p = options_.prior_sd;
  torch::Tensor s = posterior_sd();
  return (std::log(p) - torch::log(s) + (s * s + mean * mean) / (2 * p * p) - 0.5).sum();
}

torch::Tensor RandomEffectsImpl::regularizer() const {
  torch::Tensor r = kl() * options_.kl_weight;
  if (options_.l1_weight > 0) r = r + mean.abs().sum() * options_.l1_weight;
  return r;
}

std::vector<RandomEffectsImpl*> random_effects_layers(torch::nn::Module& root) {
  std::vector<RandomEffectsImpl*> found;
  if (auto* self = dynamic_cast<RandomEffectsImpl*>(&root)) found.push_back(self);
  for (const auto& child : root.modules(/*include_self=*/false)) {
    if (auto* re = dynamic_cast<RandomEffectsImpl*>(child.get())) found.push_back(re);
  }
  return found;
}

}  // namespace digitforge
