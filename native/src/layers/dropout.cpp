#include "dropout.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

namespace digitforge {

DropoutImpl::DropoutImpl(const torch::nn::DropoutOptions& options_) : options(options_) {
  TORCH_CHECK(options.p() >= 0. && options.p() <= 1., "dropout probability has to be between 0 and 1, but got ", options.p());
  TORCH_CHECK(!options.inplace(), "in-place dropout is not supported");  // the model never builds one
}

torch::Tensor DropoutImpl::forward(const torch::Tensor& x) {
  const double p = options.p();
  // Off the CPU, libtorch's fused kernel and that device's generator, as torch::nn::Dropout.
  if (!x.device().is_cpu()) return torch::dropout(x, p, is_training());
  // at::_dropout_impl<feature=false, alpha=false, inplace=false> on the CPU, step for step.
  if (p == 0 || !is_training() || x.numel() == 0) return x;
  if (p == 1) return x.mul(at::zeros({}, x.options()));
  torch::Tensor noise = at::empty_like(x, at::MemoryFormat::Contiguous);
  {
    torch::NoGradGuard no_grad;
    noise.bernoulli_(1 - p, generator_);
    noise.div_(1 - p);
  }
  return x.mul(noise);
}

void DropoutImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::Dropout(p=" << options.p() << ", inplace=" << options.inplace() << ")";
}

std::vector<DropoutImpl*> dropout_layers(torch::nn::Module& root) {
  std::vector<DropoutImpl*> found;
  for (const auto& m : root.modules(true)) {
    if (auto* d = dynamic_cast<DropoutImpl*>(m.get())) found.push_back(d);
  }
  return found;
}

}  // namespace digitforge
