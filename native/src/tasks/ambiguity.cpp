// Task "ambiguity-attribution": explanations of a frozen binary classifier's output C(x) for a few images (the
// prototypes of "Finding Patterns in Ambiguity", ../shared/specs/gasten.md §4 step 5). Nothing is trained.
//
// Models:  "classifier" (frozen): one value per row (GASTeN's sigmoid probability).
// Inputs:  "x" float32 [rows, ...] images in the classifier's input shape (pixels in [-1, 1]).
// Recipe:  "output_dir" (required), "steps" (50: integrated-gradient steps), "baseline" (-1: the all-black image),
//          "threads".
// Output:  two raw little-endian float32 files of the input's shape, reported as artifacts at step 0:
//          "saliency" = |dC/dx| (Captum's Saliency, abs=True) and "integrated_gradients" = (x − b) · mean over
//          α_k = (k − ½)/steps of dC/dx at b + α_k (x − b) (Sundararajan et al. 2017, midpoint Riemann sum; the
//          reference's second method is GradientSHAP with the same black baseline, which is integrated gradients
//          averaged over noisy baselines).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

void write_floats(const std::string& path, const torch::Tensor& t) {
  torch::Tensor c = t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
  std::ofstream out(path, std::ios::binary);
  if (!out) throw EngineError(DF_ERR_IO, "recipe.output_dir: cannot write " + path);
  out.write(reinterpret_cast<const char*>(c.data_ptr<float>()), static_cast<std::streamsize>(c.numel() * sizeof(float)));
  if (!out) throw EngineError(DF_ERR_IO, "recipe.output_dir: cannot write " + path);
}

void run_ambiguity_attribution(TaskContext& ctx) {
  JsonObjectReader r(ctx.recipe(), "recipe");
  const std::string output_dir = r.string("output_dir");
  const int64_t steps = r.integer_or("steps", 50, 1, 10000);
  const double baseline = r.number_or("baseline", -1.0, -1e6, 1e6);
  const int64_t threads = r.integer_or("threads", 0, 0, 1024);
  r.finish();

  Model* c = ctx.roles().frozen_optional("classifier");
  ctx.roles().finish(ctx.task(), {"classifier"});
  if (c == nullptr) invalid_argument("models.classifier: a frozen classifier is required");
  int64_t c_out = 1;
  for (int64_t v : c->output_shape()) c_out *= v;
  if (c_out != 1) invalid_argument("models.classifier: must output one value per row, not " + std::to_string(c_out));

  Inputs& inputs = ctx.inputs();
  torch::Tensor x = inputs.features("x", *c, "the classifier").to(c->device()).clone();
  inputs.finish(ctx.task());
  if (x.size(0) == 0) invalid_argument("inputs.x: no rows");
  ctx.result().threads = apply_threads(threads);
  FrozenGuard guard(c);

  // C is evaluated row by row in the sum, so one backward pass gives every row's own gradient.
  auto gradient = [&](const torch::Tensor& at) {
    torch::Tensor input = at.detach().clone().requires_grad_(true);
    torch::Tensor out = c->net()->forward(input).reshape({-1});
    out.sum().backward();
    return input.grad().detach();
  };

  ctx.check_cancel(0, "step");
  torch::Tensor saliency = gradient(x).abs();
  torch::Tensor base = torch::full_like(x, baseline);
  torch::Tensor total = torch::zeros_like(x);
  for (int64_t k = 0; k < steps; ++k) {
    ctx.check_cancel(0, "step");
    const double alpha = (static_cast<double>(k) + 0.5) / static_cast<double>(steps);
    total += gradient(base + alpha * (x - base));
  }
  torch::Tensor integrated = (x - base) * total / static_cast<double>(steps);

  std::error_code error;
  std::filesystem::create_directories(output_dir, error);
  if (error) throw EngineError(DF_ERR_IO, "recipe.output_dir: cannot create " + output_dir + ": " + error.message());
  const std::string saliency_path = (std::filesystem::path(output_dir) / "saliency.f32").string();
  const std::string integrated_path = (std::filesystem::path(output_dir) / "integrated_gradients.f32").string();
  write_floats(saliency_path, saliency);
  write_floats(integrated_path, integrated);
  ctx.reporter().artifact("saliency", 0, saliency_path);
  ctx.reporter().artifact("integrated_gradients", 0, integrated_path);
}

}  // namespace

DF_REGISTER_TASK("ambiguity-attribution", run_ambiguity_attribution);

}  // namespace digitforge
