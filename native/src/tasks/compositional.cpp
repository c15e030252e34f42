// The compositional-robustness methods (specs/sequences-corruptions.md B.6; "Modularity Trumps Invariance for
// Compositional Robustness"). Cross-entropy (ERM) on the union of the elementals is the "classifier" task itself;
// this file holds the other objectives, each registered as its own task:
//
// Task "contrastive": cross-entropy + a SimCLR-style multi-view contrastive loss on an inner layer.
//   Models:  "model" (trained): logits [rows, classes].
//   Inputs:  "train_x" float32, rows = groups x views, row g * views + v = view v of image g (the
//            compositional-benchmark generator's train layout: row i is elemental i mod 7 of source image i / 7);
//            "train_y" int64 per row.
//   Recipe:  "views" (>= 2), "embedding_layers" (the model's first N layers give the contrasted representation, the
//            penultimate layer), "temperature" (0.15), "contrastive_weight" (0.1), plus the common keys below.
//            A batch is "batch_size" images with all their views.
//   Metrics: per epoch (step = epoch, 1-based), split "train": "loss", "ce", "contrastive", "acc".
//
// Task "module": one small module inserted into a frozen backbone (AutoModules' step 2).
//   Models:  "backbone" (frozen): logits; "module" (trained): maps the backbone's activation after "level" layers to
//            the same shape.
//   Inputs:  "train_x" (corrupted images), "identity_x" (the same images uncorrupted, row for row), "train_y".
//   Recipe:  "level" (1 .. layers - 1), "embedding_layers" (> level), "temperature", "contrastive_weight" (the
//            contrastive term pulls the module path's embedding towards the frozen backbone's embedding of the
//            uncorrupted image), plus the common keys.
//   Metrics: as "contrastive".
//
// Task "autoencoder": an image-to-image model trained with mean squared error (ImgSpace's per-corruption autoencoder).
//   Models:  "model" (trained): output per row has as many values as the target's row.
//   Inputs:  "train_x" (corrupted), "target_x" (what it should become, row for row).
//   Metrics: per epoch, split "train": "loss" (the mean squared error per value).
//
// Task "pipeline-eval": accuracy of frozen models applied one after another (no training).
//   Models:  any roles named in the recipe, all frozen.
//   Inputs:  "x" float32 (rows of the first stage's input), "y" int64.
//   Recipe:  "pipeline": [{"role": "ae.swirl"}, {"role": "backbone", "from": 0, "to": 4}, {"role": "module.invert"},
//            {"role": "backbone", "from": 4}] ("from"/"to": a range of the model's layers, default all), or
//            "segments": [{"rows": 128, "pipeline": [...]}, ...] (consecutive runs of rows, each with its own
//            pipeline: one task for every composition of a block of test images); "batch_size" (1000), "threads",
//            "implementation" (auto: pipelines the fused CPU path covers run on it; torch: always the layers' forward).
//   Metrics: step 0, split "eval": "acc", "correct", "rows"; with segments also step i, split "segment": "correct".
//
// Common recipe keys of the training tasks: "epochs" (1), "batch_size" (256), "seed" (42: shuffling and dropout),
// "optimizer" (default sgd 1e-2, momentum 0.9, weight decay 5e-4: the reference's), "schedule" (e.g. cosine),
// "threads", "metric_split" ("train": the split the per-epoch metrics carry), "output_dir" + "checkpoint_every" (in epochs; 0: the last only), "resume_from".
#include <ATen/Parallel.h>
#include <ATen/core/Reduction.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/functional/normalization.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../fused_sequential.h"
#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;

// Layers [from, to) of a model's chain, with the errors naming the layer as Sequence::forward does.
torch::Tensor forward_range(Model& model, torch::Tensor x, int64_t from, int64_t to) {
  const auto& steps = model.net()->steps();
  const int64_t n = static_cast<int64_t>(steps.size());
  if (to < 0 || to > n) to = n;
  for (int64_t i = from; i < to; ++i) {
    const auto& step = steps[static_cast<size_t>(i)];
    try {
      x = step.run(x);
    } catch (const EngineError&) {
      throw;
    } catch (const c10::Error& e) {
      throw EngineError(DF_ERR_TORCH, step.label + ": " + e.what_without_backtrace());
    } catch (const std::exception& e) {
      throw EngineError(DF_ERR_TORCH, step.label + ": " + e.what());
    }
  }
  return x;
}

// SimCLR's loss with several views per image (SupCon with the image as the label): z [n, d], group [n]; for each
// anchor, every other row of its group is a positive and every other row the denominator.
torch::Tensor multiview_contrastive(const torch::Tensor& embedding, const torch::Tensor& group, double temperature) {
  torch::Tensor z = torch::nn::functional::normalize(embedding.flatten(1), torch::nn::functional::NormalizeFuncOptions().dim(1));
  const int64_t n = z.size(0);
  torch::Tensor logits = torch::matmul(z, z.t()) / temperature;
  torch::Tensor self = torch::eye(n, torch::TensorOptions().dtype(torch::kBool).device(z.device()));
  logits = logits.masked_fill(self, -1e9);
  // Subtracting the row maximum changes nothing mathematically and keeps exp() finite.
  logits = logits - std::get<0>(logits.max(1, true)).detach();
  torch::Tensor log_prob = logits - torch::logsumexp(logits, 1, true);
  torch::Tensor positive = group.unsqueeze(0).eq(group.unsqueeze(1)).logical_and(self.logical_not()).to(z.scalar_type());
  torch::Tensor count = positive.sum(1).clamp_min(1);
  return -((positive * log_prob).sum(1) / count).mean();
}

struct Common {
  OptimizerSpec optimizer;
  ScheduleSpec schedule;
  CheckpointSpec checkpoints;
  int64_t epochs = 1;
  int64_t batch_size = 256;
  uint64_t seed = 42;
  int64_t threads = 0;
  std::string split = "train";  // the metrics' split, so that several runs can share one tracked run
};

Common read_common(JsonObjectReader& r) {
  Common c;
  OptimizerSpec defaults;
  defaults.type = "sgd";
  defaults.learning_rate = 1e-2;
  defaults.momentum = 0.9;
  defaults.weight_decay = 5e-4;
  c.optimizer = read_optimizer(r, "optimizer", defaults);
  c.schedule = read_schedule(r);
  c.checkpoints = read_checkpoints(r, 0);
  c.epochs = r.integer_or("epochs", c.epochs, 1, kMaxCount);
  c.batch_size = r.integer_or("batch_size", c.batch_size, 1, kMaxCount);
  c.seed = r.unsigned_or("seed", c.seed);
  c.threads = r.integer_or("threads", 0, 0, 1024);
  c.split = r.string_or("metric_split", c.split);
  if (c.split.empty() || c.split == "batch") invalid_argument("recipe.metric_split: a non-empty name other than \"batch\"");
  return c;
}

struct Contrast {
  int64_t embedding_layers = 0;
  double temperature = 0.15;
  double weight = 0.1;
};

Contrast read_contrast(JsonObjectReader& r, int64_t layers) {
  Contrast c;
  c.embedding_layers = r.integer("embedding_layers", 1, layers - 1);
  c.temperature = r.number_or("temperature", c.temperature, 1e-6, 1e6);
  c.weight = r.number_or("contrastive_weight", c.weight, 0, 1e6);
  return c;
}

// One step's losses (the first is optimised) and correct predictions.
struct StepResult {
  torch::Tensor loss;
  std::vector<torch::Tensor> parts;  // reported per epoch beside "loss"
  torch::Tensor correct;             // undefined when the task has no accuracy
  int64_t rows;
};

// The epoch loop shared by the training tasks: shuffled mini-batches over `units` (images or image groups), the
// optimiser and schedule, per-epoch means, checkpoints after epochs, resume.
void train_epochs(TaskContext& ctx, const Common& recipe, const std::string& role, Model& model, int64_t units, const std::vector<std::string>& part_names,
                  const std::function<StepResult(const torch::Tensor& index)>& step) {
  ctx.result().threads = apply_threads(recipe.threads);
  // Dropout draws from a generator of this task's own (scaffold.h: task_generator), not libtorch's global one.
  at::Generator rng = task_generator(recipe.seed);
  model.set_generator(rng);
  Batcher batcher(units, recipe.batch_size, true, false, false, recipe.seed);
  const int64_t per_pass = batcher.per_pass();
  const int64_t total = recipe.epochs * per_pass;
  TaskOptimizer optimizer(model, recipe.optimizer);
  std::vector<TrainedModel> trained{{role, &model, &optimizer}};
  int64_t first = 0;
  if (!recipe.checkpoints.resume_from.empty()) {
    CheckpointState state = load_checkpoint(ctx.task(), recipe.checkpoints.resume_from, trained,
                                            [&](torch::serialize::InputArchive& a) { batcher.load(a); });
    first = state.counters["updates"];
    if (first > total || first % per_pass != 0) {
      invalid_argument("recipe.resume_from: the checkpoint is at update " + std::to_string(first) +
                       ", not an epoch boundary within this recipe's " + std::to_string(total));
    }
    restore_task_generator(state, rng);
  }
  model.net()->train();
  const bool scheduled = recipe.schedule.type != "constant" || recipe.schedule.warmup_steps > 0;
  const torch::Device device = model.device();
  auto zeros = [&] { return torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device)); };
  torch::Tensor loss_sum = zeros();
  torch::Tensor correct_sum = zeros();
  std::vector<torch::Tensor> part_sums(part_names.size());
  for (auto& p : part_sums) p = zeros();
  int64_t rows_seen = 0;
  bool has_accuracy = false;
  ctx.result().updates = first;
  ctx.result().epochs = first / per_pass;
  for (int64_t u = first; u < total; ++u) {
    ctx.check_cancel(u);
    const Batcher::Batch b = batcher.at(u);
    if (scheduled) optimizer.set_learning_rate(recipe.schedule.rate(optimizer.base_learning_rate(), u, total));
    StepResult r = step(b.index_tensor.to(device));
    optimizer.zero_grad();
    r.loss.backward();
    optimizer.step();
    {
      torch::NoGradGuard no_grad;
      const double weight = static_cast<double>(r.rows);
      loss_sum.add_(r.loss.detach().to(torch::kFloat64), weight);
      for (size_t i = 0; i < part_sums.size(); ++i) part_sums[i].add_(r.parts[i].detach().to(torch::kFloat64), weight);
      if (r.correct.defined()) {
        has_accuracy = true;
        correct_sum.add_(r.correct.to(torch::kFloat64));
      }
    }
    rows_seen += r.rows;
    ctx.result().updates = u + 1;
    if ((u + 1) % per_pass != 0) continue;
    const int64_t epoch = (u + 1) / per_pass;
    ctx.result().epochs = epoch;
    const double seen = static_cast<double>(rows_seen);
    const double mean = loss_sum.item<double>() / seen;
    TaskContext::check_diverged(mean, "the training loss", epoch, "epoch");
    ctx.reporter().metric(epoch, recipe.split, "loss", mean);
    for (size_t i = 0; i < part_sums.size(); ++i) ctx.reporter().metric(epoch, recipe.split, part_names[i], part_sums[i].item<double>() / seen);
    if (has_accuracy) ctx.reporter().metric(epoch, recipe.split, "acc", correct_sum.item<double>() / seen);
    loss_sum.zero_();
    correct_sum.zero_();
    for (auto& p : part_sums) p.zero_();
    rows_seen = 0;
    if (!recipe.checkpoints.output_dir.empty() &&
        (epoch == recipe.epochs || (recipe.checkpoints.every > 0 && epoch % recipe.checkpoints.every == 0))) {
      CheckpointState state;
      state.counters["updates"] = u + 1;
      save_task_generator(state, rng);
      save_checkpoint(ctx.task(), recipe.checkpoints, "epoch", epoch, trained, state,
                      [&](torch::serialize::OutputArchive& a) { batcher.save(a); }, ctx.reporter());
    }
  }
}

// Rows g * views + v for every group g of the batch, group-major.
torch::Tensor view_rows(const torch::Tensor& groups, int64_t views) {
  torch::Tensor offsets = torch::arange(views, groups.options());
  return (groups.unsqueeze(1) * views + offsets.unsqueeze(0)).flatten();
}

void run_contrastive(TaskContext& ctx) {
  Model& model = ctx.roles().trained("model");
  ctx.roles().finish(ctx.task(), {"model"});
  if (model.output_shape().size() != 1) invalid_argument("models.model: needs logits of shape [rows, classes]");
  JsonObjectReader r(ctx.recipe(), "recipe");
  const Common common = read_common(r);
  const int64_t views = r.integer("views", 2, 1024);
  const Contrast contrast = read_contrast(r, model.net()->size());
  r.finish();
  Inputs& inputs = ctx.inputs();
  const torch::Device device = model.device();
  torch::Tensor x = inputs.features("train_x", model, "model");
  const int64_t n = x.size(0);
  if (n == 0 || n % views != 0) {
    invalid_argument("inputs.train_x: " + std::to_string(n) + " rows is not a positive multiple of recipe.views (" + std::to_string(views) + ")");
  }
  torch::Tensor y = inputs.labels("train_y", n, model.output_shape()[0]).to(device);
  x = x.to(device);
  inputs.finish(ctx.task());
  train_epochs(ctx, common, "model", model, n / views, {"ce", "contrastive"}, [&](const torch::Tensor& groups) {
    torch::Tensor rows = view_rows(groups, views);
    torch::Tensor yb = y.index_select(0, rows);
    torch::Tensor embedding = forward_range(model, x.index_select(0, rows), 0, contrast.embedding_layers);
    torch::Tensor logits = forward_range(model, embedding, contrast.embedding_layers, -1);
    torch::Tensor ce = torch::cross_entropy_loss(logits, yb);
    torch::Tensor group = rows.div(views, "floor");
    torch::Tensor con = multiview_contrastive(embedding, group, contrast.temperature);
    return StepResult{ce + contrast.weight * con, {ce, con}, logits.detach().argmax(1).eq(yb).sum(), rows.size(0)};
  });
}

void run_module(TaskContext& ctx) {
  Model* backbone = ctx.roles().frozen_optional("backbone");
  if (backbone == nullptr) invalid_argument("models.backbone: required (frozen)");
  Model& module = ctx.roles().trained("module");
  ctx.roles().finish(ctx.task(), {"backbone", "module"});
  JsonObjectReader r(ctx.recipe(), "recipe");
  const Common common = read_common(r);
  const int64_t layers = backbone->net()->size();
  const int64_t level = r.integer("level", 1, layers - 1);
  const Contrast contrast = read_contrast(r, layers);
  r.finish();
  if (contrast.embedding_layers <= level) {
    invalid_argument("recipe.embedding_layers: must be past recipe.level (" + std::to_string(level) + ")");
  }
  Inputs& inputs = ctx.inputs();
  const torch::Device device = backbone->device();
  torch::Tensor x = inputs.features("train_x", *backbone, "backbone");
  const int64_t n = x.size(0);
  if (n == 0) invalid_argument("inputs.train_x: no rows");
  torch::Tensor identity = inputs.features("identity_x", *backbone, "backbone");
  if (identity.size(0) != n) invalid_argument("inputs.identity_x: " + std::to_string(identity.size(0)) + " rows, train_x has " + std::to_string(n));
  torch::Tensor y = inputs.labels("train_y", n, backbone->output_shape()[0]).to(device);
  x = x.to(device);
  identity = identity.to(device);
  inputs.finish(ctx.task());
  FrozenGuard frozen(backbone);
  {
    // The module must map the activation at `level` to the same shape (it sits between two backbone layers).
    torch::NoGradGuard no_grad;
    torch::Tensor probe = forward_range(*backbone, x.slice(0, 0, 1), 0, level);
    std::vector<int64_t> shape(probe.sizes().begin() + 1, probe.sizes().end());
    if (shape != module.input_shape()) invalid_argument("models.module: its input_shape must be the backbone's activation after recipe.level layers");
    module.net()->eval();
    torch::Tensor out = module.net()->forward(probe);
    module.net()->train();
    if (out.sizes() != probe.sizes()) invalid_argument("models.module: must keep the shape of its input");
  }
  train_epochs(ctx, common, "module", module, n, {"ce", "contrastive"}, [&](const torch::Tensor& index) {
    torch::Tensor yb = y.index_select(0, index);
    torch::Tensor h = module.net()->forward(forward_range(*backbone, x.index_select(0, index), 0, level));
    torch::Tensor embedding = forward_range(*backbone, h, level, contrast.embedding_layers);
    torch::Tensor logits = forward_range(*backbone, embedding, contrast.embedding_layers, -1);
    torch::Tensor ce = torch::cross_entropy_loss(logits, yb);
    torch::Tensor target;
    {
      torch::NoGradGuard no_grad;
      target = forward_range(*backbone, identity.index_select(0, index), 0, contrast.embedding_layers);
    }
    const int64_t b = index.size(0);
    torch::Tensor group = torch::arange(b, index.options()).repeat({2});
    torch::Tensor con = multiview_contrastive(torch::cat({embedding.flatten(1), target.flatten(1)}), group, contrast.temperature);
    return StepResult{ce + contrast.weight * con, {ce, con}, logits.detach().argmax(1).eq(yb).sum(), b};
  });
}

void run_autoencoder(TaskContext& ctx) {
  Model& model = ctx.roles().trained("model");
  ctx.roles().finish(ctx.task(), {"model"});
  JsonObjectReader r(ctx.recipe(), "recipe");
  const Common common = read_common(r);
  r.finish();
  Inputs& inputs = ctx.inputs();
  const torch::Device device = model.device();
  torch::Tensor x = inputs.features("train_x", model, "model");
  const int64_t n = x.size(0);
  if (n == 0) invalid_argument("inputs.train_x: no rows");
  int64_t width = 1;
  for (int64_t d : model.output_shape()) width *= d;
  torch::Tensor target = inputs.floats("target_x", width, "the model's output");
  if (target.size(0) != n) invalid_argument("inputs.target_x: " + std::to_string(target.size(0)) + " rows, train_x has " + std::to_string(n));
  x = x.to(device);
  target = target.to(device);
  inputs.finish(ctx.task());
  train_epochs(ctx, common, "model", model, n, {}, [&](const torch::Tensor& index) {
    torch::Tensor out = model.net()->forward(x.index_select(0, index)).flatten(1);
    torch::Tensor loss = torch::mse_loss(out, target.index_select(0, index));
    return StepResult{loss, {}, torch::Tensor(), index.size(0)};
  });
}

struct Stage {
  std::string role;
  int64_t from;
  int64_t to;
};

// A run of consecutive rows and the pipeline that evaluates them.
struct Segment {
  int64_t rows;
  std::vector<Stage> stages;
};

std::vector<Stage> read_pipeline(const Json& pipeline, const std::string& path, std::vector<std::string>& roles) {
  if (pipeline.kind() != Json::Kind::Array || pipeline.items().empty()) invalid_argument(path + ": expected a non-empty array of stages");
  std::vector<Stage> stages;
  for (size_t i = 0; i < pipeline.items().size(); ++i) {
    JsonObjectReader s(pipeline.items()[i], path + "[" + std::to_string(i) + "]");
    Stage stage{s.string("role"), s.integer_or("from", 0, 0, 1 << 20), s.integer_or("to", -1, -1, 1 << 20)};
    s.finish();
    if (std::find(roles.begin(), roles.end(), stage.role) == roles.end()) roles.push_back(stage.role);
    stages.push_back(stage);
  }
  if (stages.front().from != 0) invalid_argument(path + "[0].from: the first stage starts at the input (0)");
  return stages;
}

std::string pipeline_key(const std::vector<Stage>& stages) {
  std::string key;
  for (const Stage& s : stages) key += s.role + "/" + std::to_string(s.from) + "/" + std::to_string(s.to) + ";";
  return key;
}

void run_pipeline_eval(TaskContext& ctx) {
  JsonObjectReader r(ctx.recipe(), "recipe");
  const int64_t batch = r.integer_or("batch_size", 1000, 1, kMaxCount);
  const int64_t threads = r.integer_or("threads", 0, 0, 1024);
  const std::string implementation = r.string_or("implementation", "auto");
  if (implementation != "auto" && implementation != "torch") {
    invalid_argument("recipe.implementation: \"" + implementation + "\" is not one of auto, torch");
  }
  std::vector<std::string> roles;
  std::vector<Segment> segments;
  const Json* pipeline = r.optional("pipeline");
  const Json* listed = r.optional("segments");
  if ((pipeline == nullptr) == (listed == nullptr)) invalid_argument("recipe: give exactly one of pipeline and segments");
  if (pipeline != nullptr) {
    segments.push_back({-1, read_pipeline(*pipeline, "recipe.pipeline", roles)});
  } else {
    if (listed->kind() != Json::Kind::Array || listed->items().empty()) invalid_argument("recipe.segments: expected a non-empty array");
    for (size_t i = 0; i < listed->items().size(); ++i) {
      const std::string path = "recipe.segments[" + std::to_string(i) + "]";
      JsonObjectReader s(listed->items()[i], path);
      const int64_t rows = s.integer("rows", 0, kMaxCount);
      segments.push_back({rows, read_pipeline(s.require("pipeline"), path + ".pipeline", roles)});
      s.finish();
    }
  }
  r.finish();
  std::map<std::string, Model*> models;
  for (const auto& role : roles) {
    Model* m = ctx.roles().frozen_optional(role);
    if (m == nullptr) invalid_argument("models." + role + ": named in recipe.pipeline but not given (frozen)");
    models[role] = m;
  }
  ctx.roles().finish(ctx.task(), roles);
  Model& first = *models[segments.front().stages.front().role];
  for (const Segment& seg : segments) {
    if (models[seg.stages.front().role]->input_shape() != first.input_shape()) {
      invalid_argument("recipe.segments: every pipeline's first model takes the same input shape");
    }
  }
  Inputs& inputs = ctx.inputs();
  torch::Tensor x = inputs.features("x", first, "the first stage");
  const int64_t n = x.size(0);
  if (segments.size() == 1 && segments.front().rows < 0) segments.front().rows = n;
  int64_t listed_rows = 0;
  for (const Segment& seg : segments) listed_rows += seg.rows;
  if (listed_rows != n) invalid_argument("recipe.segments: " + std::to_string(listed_rows) + " rows listed, inputs.x has " + std::to_string(n));
  Model& last = *models[segments.front().stages.back().role];
  torch::Tensor y = inputs.labels("y", n, last.output_shape().empty() ? 1 : last.output_shape()[0]);
  inputs.finish(ctx.task());
  ctx.result().threads = apply_threads(threads);
  std::vector<std::unique_ptr<FrozenGuard>> guards;
  for (auto& [role, m] : models) guards.push_back(std::make_unique<FrozenGuard>(m));
  torch::NoGradGuard no_grad;
  const torch::Device device = first.device();

  // On the CPU, pipelines the hand-written path covers run on it (one program per distinct pipeline, evaluation
  // mode: running statistics folded into the layers before, no dropout); the rest through the layers' forward.
  // The rows are independent: one program per intra-op thread (each has its own buffers), chunks spread over them.
  const int threads_used = at::get_num_threads();
  std::map<std::string, std::vector<std::unique_ptr<FusedSequential>>> programs;
  auto fused_for = [&](const std::vector<Stage>& stages) -> std::vector<std::unique_ptr<FusedSequential>>* {
    if (implementation != "auto" || !x.device().is_cpu() || x.scalar_type() != torch::kFloat32) return nullptr;
    const std::string key = pipeline_key(stages);
    auto it = programs.find(key);
    if (it == programs.end()) {
      std::vector<FusedStage> fused_stages;
      for (const Stage& s : stages) fused_stages.push_back({models[s.role], s.from, s.to});
      std::vector<std::unique_ptr<FusedSequential>> copies;
      for (int t = 0; t < threads_used; ++t) {
        auto program = FusedSequential::try_create_pipeline(fused_stages, nullptr);
        if (!program) break;
        copies.push_back(std::move(program));
      }
      it = programs.emplace(key, std::move(copies)).first;
    }
    return it->second.empty() ? nullptr : &it->second;
  };
  x = x.contiguous();
  const float* xs = x.data_ptr<float>();
  const int64_t* ys = y.data_ptr<int64_t>();
  const int64_t width = first.input_size();
  std::vector<int64_t> predicted;
  std::vector<int64_t> correct_per_segment(segments.size(), 0);
  int64_t offset = 0;
  bool all_fused = true;
  for (size_t si = 0; si < segments.size(); ++si) {
    const Segment& seg = segments[si];
    int64_t correct = 0;
    if (auto* fused = fused_for(seg.stages)) {
      // One pass over this segment and the following ones with the same pipeline (a monolithic method's whole
      // block), in chunks of batch_size rows, then the counts per segment.
      size_t last = si;
      int64_t rows = seg.rows;
      const std::string key = pipeline_key(seg.stages);
      while (last + 1 < segments.size() && pipeline_key(segments[last + 1].stages) == key) rows += segments[++last].rows;
      predicted.resize(static_cast<size_t>(rows));
      const int64_t chunk = std::min<int64_t>(batch, 128);
      const int64_t chunks = (rows + chunk - 1) / chunk;
      constexpr int64_t kChunksBetweenChecks = 64;
      for (int64_t first_chunk = 0; first_chunk < chunks; first_chunk += kChunksBetweenChecks) {
        ctx.check_cancel(0);
        const int64_t end_chunk = std::min(chunks, first_chunk + kChunksBetweenChecks);
        // Partition p's chunks (p, p + parts, ...) go through program p only, so no two threads ever share one
        // program's buffers, whatever thread numbers the pool hands out.
        const int64_t parts = std::min<int64_t>(static_cast<int64_t>(fused->size()), end_chunk - first_chunk);
        at::parallel_for(0, parts, 1, [&](int64_t pb, int64_t pe) {
          for (int64_t p = pb; p < pe; ++p) {
            FusedSequential& program = *(*fused)[static_cast<size_t>(p)];
            for (int64_t c = first_chunk + p; c < end_chunk; c += parts) {
              const int64_t start = c * chunk;
              const int64_t stop = std::min(rows, (c + 1) * chunk);
              program.predict(xs + (offset + start) * width, stop - start, chunk, nullptr, predicted.data() + start);
            }
          }
        });
      }
      int64_t at = 0;
      for (size_t sj = si; sj <= last; ++sj) {
        int64_t c = 0;
        for (int64_t i = 0; i < segments[sj].rows; ++i, ++at) c += predicted[static_cast<size_t>(at)] == ys[offset + at] ? 1 : 0;
        correct_per_segment[sj] = c;
      }
      offset += rows;
      si = last;
      continue;
    } else {
      all_fused = false;
      for (int64_t start = offset; start < offset + seg.rows; start += batch) {
        ctx.check_cancel(0);
        const int64_t end = std::min(offset + seg.rows, start + batch);
        torch::Tensor h = x.slice(0, start, end).to(device);
        for (const Stage& s : seg.stages) {
          Model& m = *models[s.role];
          if (s.from == 0 && h.dim() - 1 != static_cast<int64_t>(m.input_shape().size())) {
            // A stage that starts at a model's input takes the previous output reshaped to that model's input shape.
            std::vector<int64_t> shape{h.size(0)};
            shape.insert(shape.end(), m.input_shape().begin(), m.input_shape().end());
            h = h.reshape(shape);
          }
          h = forward_range(m, h, s.from, s.to);
        }
        correct += h.argmax(1).cpu().eq(y.slice(0, start, end)).sum().item<int64_t>();
      }
    }
    correct_per_segment[si] = correct;
    offset += seg.rows;
  }
  ctx.result().fused = all_fused && !programs.empty() ? 1 : 0;
  int64_t correct = 0;
  for (int64_t c : correct_per_segment) correct += c;
  ctx.reporter().metric(0, "eval", "acc", n == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(n));
  ctx.reporter().metric(0, "eval", "correct", static_cast<double>(correct));
  ctx.reporter().metric(0, "eval", "rows", static_cast<double>(n));
  if (pipeline == nullptr) {
    for (size_t si = 0; si < segments.size(); ++si) {
      ctx.reporter().metric(static_cast<int64_t>(si), "segment", "correct", static_cast<double>(correct_per_segment[si]));
    }
  }
}

}  // namespace

DF_REGISTER_TASK("contrastive", run_contrastive);
DF_REGISTER_TASK("module", run_module);
DF_REGISTER_TASK("autoencoder", run_autoencoder);
DF_REGISTER_TASK("pipeline-eval", run_pipeline_eval);

}  // namespace digitforge
