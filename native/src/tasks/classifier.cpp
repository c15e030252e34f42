// Task "classifier": cross-entropy on the logits of one model.
//
// Models:  "model" (trained): logits [rows, classes].
// Inputs:  "train_x" float32 [rows, ...] (rows x the model's input size), "train_y" int64 [rows] in 0..classes-1;
//          evaluation sets as pairs "<set>_x" / "<set>_y" (the recipe's "eval_sets" picks and orders them; the set
//          "train" is the training arrays themselves).
// Recipe:  "optimizer" ("adam" with "learning_rate"/"weight_decay"/"momentum" beside it, or an object, see
//          scaffold.h; default adam 1e-2), "schedule", "batch_size" (100), exactly one of "steps" (the MNIST-1D
//          reference loop: updates 0..steps, update u takes rows from (u * batch) mod N) and "epochs",
//          "batch_order" sequential|shuffled, "drop_last" (epochs only), "seed" (42: shuffling and dropout),
//          "eval_every" (0: only after the last update), "report_every", "eval_batch_size" (1000), "eval_sets",
//          "threads", "implementation" auto|torch, "output_dir" + "checkpoint_every" (in updates; 0: the last only),
//          "resume_from".
// Metrics: step = the optimiser step (0-based update index); split "batch" (the mean over the mini-batches since
//          the previous report) or the set's name; names "loss" and "acc".
// On the CPU, models the hand-written path covers (fused_sequential.h: dense, conv1d, conv2d, batch norm, dropout)
// train on it, the rest through autograd; "implementation": "torch" always uses autograd.
#include <ATen/Parallel.h>
#include <ATen/core/Reduction.h>
#include <torch/nn/functional/loss.h>
#include <torch/utils.h>

#include <cmath>
#include <limits>
#include <vector>

#include "../fused_gemm.h"
#include "../fused_sequential.h"
#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;
// Forward multiply-adds per batch up to which the single-threaded fused path beats libtorch on several threads
// (MNIST-1D's CNN: 3.2 M at batch 100).
constexpr int64_t kFusedMaxMultiplyAdds = int64_t{64} << 20;

struct Recipe {
  OptimizerSpec optimizer;
  ScheduleSpec schedule;
  CheckpointSpec checkpoints;
  int64_t batch_size = 100;
  int64_t steps = 0;
  int64_t epochs = 0;
  bool shuffled = false;
  bool drop_last = false;
  uint64_t seed = 42;
  int64_t eval_every = 0;
  int64_t report_every = 0;
  int64_t eval_batch_size = 1000;
  int64_t threads = 0;
  std::string implementation = "auto";
  bool eval_sets_given = false;
  std::vector<std::string> eval_sets;
};

Recipe parse(const Json& json) {
  JsonObjectReader r(json, "recipe");
  Recipe recipe;
  OptimizerSpec defaults;
  defaults.learning_rate = 1e-2;
  recipe.optimizer = read_optimizer(r, "optimizer", defaults);
  recipe.schedule = read_schedule(r);
  recipe.checkpoints = read_checkpoints(r, 0);
  recipe.batch_size = r.integer_or("batch_size", recipe.batch_size, 1, kMaxCount);
  recipe.steps = r.integer_or("steps", 0, 0, kMaxCount);
  recipe.epochs = r.integer_or("epochs", 0, 0, kMaxCount);
  if ((recipe.steps > 0) == (recipe.epochs > 0)) {
    invalid_argument("recipe: set exactly one of steps and epochs to a positive value");
  }
  std::string order = r.string_or("batch_order", "sequential");
  if (order != "sequential" && order != "shuffled") {
    invalid_argument("recipe.batch_order: \"" + order + "\" is not one of sequential, shuffled");
  }
  recipe.shuffled = order == "shuffled";
  recipe.drop_last = r.boolean_or("drop_last", false);
  if (recipe.drop_last && recipe.steps > 0) invalid_argument("recipe.drop_last: only with epochs (steps wrap around the data)");
  recipe.seed = r.unsigned_or("seed", recipe.seed);
  recipe.eval_every = r.integer_or("eval_every", 0, 0, kMaxCount);
  recipe.report_every = r.integer_or("report_every", 0, 0, kMaxCount);
  recipe.eval_batch_size = r.integer_or("eval_batch_size", recipe.eval_batch_size, 1, kMaxCount);
  recipe.threads = r.integer_or("threads", 0, 0, 1024);
  recipe.implementation = r.string_or("implementation", recipe.implementation);
  if (recipe.implementation != "auto" && recipe.implementation != "torch") {
    invalid_argument("recipe.implementation: \"" + recipe.implementation + "\" is not one of auto, torch");
  }
  if (const Json* sets = r.optional("eval_sets")) {
    if (sets->kind() != Json::Kind::Array) invalid_argument("recipe.eval_sets: expected an array of set names");
    recipe.eval_sets_given = true;
    for (const Json& s : sets->items()) {
      if (s.kind() != Json::Kind::String || s.as_string().empty() || s.as_string() == "batch") {
        invalid_argument("recipe.eval_sets: names must be non-empty strings other than \"batch\"");
      }
      recipe.eval_sets.push_back(s.as_string());
    }
  }
  r.finish();
  return recipe;
}

struct Split {
  std::string name;
  torch::Tensor x;  // on the model's device
  torch::Tensor y;
};

struct Score {
  double loss;
  double accuracy;
};

// Puts the network in evaluation mode for its lifetime.
class EvalMode {
 public:
  explicit EvalMode(Model& model) : model_(model) { model_.net()->eval(); }
  ~EvalMode() { model_.net()->train(); }
  EvalMode(const EvalMode&) = delete;
  EvalMode& operator=(const EvalMode&) = delete;

 private:
  Model& model_;
};

Score evaluate(Model& model, const Split& split, int64_t chunk, const TaskContext& ctx, int64_t step) {
  int64_t rows = split.x.size(0);
  if (rows == 0) return {std::nan(""), std::nan("")};
  torch::NoGradGuard no_grad;
  EvalMode eval(model);
  double loss_sum = 0;
  int64_t correct = 0;
  for (int64_t start = 0; start < rows; start += chunk) {
    ctx.check_cancel(step);
    int64_t end = std::min(rows, start + chunk);
    torch::Tensor y = split.y.slice(0, start, end);
    torch::Tensor logits = model.net()->forward(split.x.slice(0, start, end));
    loss_sum += torch::cross_entropy_loss(logits, y, {}, at::Reduction::Sum).item<double>();
    correct += logits.argmax(1).eq(y).sum().item<int64_t>();
  }
  return {loss_sum / static_cast<double>(rows), static_cast<double>(correct) / static_cast<double>(rows)};
}

Score evaluate_fused(FusedSequential& fused, const Split& split, int64_t chunk, const TaskContext& ctx, int64_t step) {
  const int64_t rows = split.x.size(0);
  if (rows == 0) return {std::nan(""), std::nan("")};
  BatchScore s = fused.evaluate(split.x.data_ptr<float>(), split.y.data_ptr<int64_t>(), rows, chunk,
                                [&] { ctx.check_cancel(step); });
  return {s.loss_sum / static_cast<double>(rows), static_cast<double>(s.correct) / static_cast<double>(rows)};
}

void run_classifier(TaskContext& ctx) {
  const Recipe recipe = parse(ctx.recipe());
  Model& model = ctx.roles().trained("model");
  ctx.roles().finish(ctx.task(), {"model"});
  if (model.output_shape().size() != 1) {
    invalid_argument("models.model: a classifier needs logits of shape [rows, classes]; this model's output per row has " +
                     std::to_string(model.output_shape().size()) + " dimensions (add a flatten and a linear layer)");
  }
  const int64_t classes = model.output_shape()[0];
  Inputs& inputs = ctx.inputs();
  torch::Tensor x_cpu = inputs.features("train_x", model, "model");
  const int64_t n = x_cpu.size(0);
  if (n <= 0) invalid_argument("inputs.train_x: no rows");
  torch::Tensor y_cpu = inputs.labels("train_y", n, classes);
  const torch::Device device = model.device();
  torch::Tensor x = x_cpu.to(device);
  torch::Tensor y = y_cpu.to(device);

  std::vector<std::string> set_names = recipe.eval_sets;
  if (!recipe.eval_sets_given) {
    for (const auto& a : inputs.all()) {
      const std::string& name = a.name;
      if (name.size() > 2 && name.compare(name.size() - 2, 2, "_x") == 0 && name != "train_x") {
        set_names.push_back(name.substr(0, name.size() - 2));
      }
    }
  }
  std::vector<Split> splits;
  for (const auto& name : set_names) {
    if (name == "train") {
      splits.push_back({name, x, y});  // the training set itself: no second copy
      continue;
    }
    if (!inputs.has(name + "_x")) invalid_argument("recipe.eval_sets: no input " + name + "_x for the set " + name);
    torch::Tensor ex = inputs.features(name + "_x", model, "model");
    torch::Tensor ey = inputs.labels(name + "_y", ex.size(0), classes);
    splits.push_back({name, ex.to(device), ey.to(device)});
  }
  inputs.finish(ctx.task());

  ctx.result().threads = apply_threads(recipe.threads);
  // Dropout draws from a generator of this task's own (scaffold.h: task_generator), not libtorch's global one.
  at::Generator rng = task_generator(recipe.seed);
  model.set_generator(rng);
  const bool stream = recipe.steps > 0;
  Batcher batcher(n, recipe.batch_size, recipe.shuffled, recipe.drop_last, stream, recipe.seed);
  const int64_t total = stream ? recipe.steps + 1 : recipe.epochs * batcher.per_pass();
  TaskOptimizer optimizer(model, recipe.optimizer);
  model.net()->train();

  std::vector<TrainedModel> trained{{"model", &model, &optimizer}};
  int64_t first = 0;
  if (!recipe.checkpoints.resume_from.empty()) {
    CheckpointState state = load_checkpoint(ctx.task(), recipe.checkpoints.resume_from, trained,
                                            [&](torch::serialize::InputArchive& a) { batcher.load(a); });
    first = state.counters["updates"];
    if (first > total) {
      invalid_argument("recipe.resume_from: the checkpoint is at update " + std::to_string(first) + ", past this recipe's " +
                       std::to_string(total));
    }
    restore_task_generator(state, rng);
  }
  auto checkpoint = [&](int64_t updates) {
    CheckpointState state;
    state.counters["updates"] = updates;
    save_task_generator(state, rng);
    save_checkpoint(ctx.task(), recipe.checkpoints, "step", updates, trained, state,
                    [&](torch::serialize::OutputArchive& a) { batcher.save(a); }, ctx.reporter());
  };

  // Needs the flat optimiser's gradient views, which it overwrites each step (so no zero_grad on that path).
  // It runs on one thread: with more intra-op threads, a batch worth more than kFusedMaxMultiplyAdds goes to libtorch,
  // whose kernels use them, unless most of the work is the fused path's AVX-512 kernel's (fused_gemm.h: conv2d's
  // products, where the CPU has AVX-512): the compositional DTN's batch of 128 (256 M multiply-adds) trained in
  // 11.5 ms of one core that way against libtorch's 26 ms of CPU (36 ms wall) on two, on the loaded 2-core VM
  // (bench/README.md, compositional section).
  std::unique_ptr<FusedSequential> fused;
  if (optimizer.flat() != nullptr && recipe.implementation == "auto") {
    fused = FusedSequential::try_create(model, nullptr);
    const bool fast = std::string(fused::gemm_kernel()) == "avx512" && fused &&
                      2 * fused->multiply_adds_fused_gemm_per_row() >= fused->multiply_adds_per_row();
    if (fused && at::get_num_threads() > 1 && !fast &&
        fused->multiply_adds_per_row() * batcher.batch_size() > kFusedMaxMultiplyAdds) {
      fused.reset();
    }
  }
  ctx.result().fused = fused ? 1 : 0;

  // Mini-batch metrics since the last report: on the autograd path as tensors (no sync per step), on the fused
  // path as plain numbers.
  torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device));
  torch::Tensor correct_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kInt64).device(device));
  BatchScore fused_sum;
  int64_t rows_seen = 0;
  std::vector<float> gathered_x;
  std::vector<int64_t> gathered_y;
  const int64_t width = model.input_size();
  const bool scheduled = recipe.schedule.type != "constant" || recipe.schedule.warmup_steps > 0;
  const Reporter& report = ctx.reporter();
  ctx.result().updates = first;
  ctx.result().epochs = first / batcher.per_pass();

  for (int64_t u = first; u < total; ++u) {
    ctx.check_cancel(u);
    const Batcher::Batch b = batcher.at(u);
    if (scheduled) optimizer.set_learning_rate(recipe.schedule.rate(optimizer.base_learning_rate(), u, total));

    if (fused) {
      const float* xb = x.data_ptr<float>() + b.start * width;
      const int64_t* yb = y.data_ptr<int64_t>() + b.start;
      if (b.index != nullptr) {
        gathered_x.resize(static_cast<size_t>(b.rows * width));
        gathered_y.resize(static_cast<size_t>(b.rows));
        for (int64_t i = 0; i < b.rows; ++i) {
          std::copy_n(x.data_ptr<float>() + b.index[i] * width, width, gathered_x.data() + i * width);
          gathered_y[static_cast<size_t>(i)] = y.data_ptr<int64_t>()[b.index[i]];
        }
        xb = gathered_x.data();
        yb = gathered_y.data();
      }
      BatchScore step_score = fused->train_step(xb, yb, b.rows);
      optimizer.step();
      fused_sum.loss_sum += step_score.loss_sum;
      fused_sum.correct += step_score.correct;
    } else {
      torch::Tensor xb = batcher.take(x, b);
      torch::Tensor yb = batcher.take(y, b);
      torch::Tensor logits = model.net()->forward(xb);
      torch::Tensor loss = torch::cross_entropy_loss(logits, yb);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      torch::NoGradGuard no_grad;
      loss_sum.add_(loss.detach().to(torch::kFloat64), static_cast<double>(b.rows));
      correct_sum.add_(logits.detach().argmax(1).eq(yb).sum());
    }
    rows_seen += b.rows;
    ctx.result().updates = u + 1;
    ctx.result().epochs = (u + 1) / batcher.per_pass();

    const bool last = u == total - 1;
    const bool eval_now = last || (recipe.eval_every > 0 && u % recipe.eval_every == 0);
    const bool report_now = eval_now || (recipe.report_every > 0 && u % recipe.report_every == 0);
    if (report_now) {
      const double seen = static_cast<double>(rows_seen);
      const double mean_loss = (fused ? fused_sum.loss_sum : loss_sum.item<double>()) / seen;
      TaskContext::check_diverged(mean_loss, "the mini-batch loss", u);
      const int64_t correct = fused ? fused_sum.correct : correct_sum.item<int64_t>();
      report.metric(u, "batch", "loss", mean_loss);
      report.metric(u, "batch", "acc", static_cast<double>(correct) / seen);
      loss_sum.zero_();
      correct_sum.zero_();
      fused_sum = BatchScore{};
      rows_seen = 0;
      if (eval_now) {
        for (const Split& split : splits) {
          Score score = fused ? evaluate_fused(*fused, split, recipe.eval_batch_size, ctx, u)
                              : evaluate(model, split, recipe.eval_batch_size, ctx, u);
          report.metric(u, split.name, "loss", score.loss);
          report.metric(u, split.name, "acc", score.accuracy);
        }
      }
    }
    if (!recipe.checkpoints.output_dir.empty() &&
        (last || (recipe.checkpoints.every > 0 && (u + 1) % recipe.checkpoints.every == 0))) {
      checkpoint(u + 1);
    }
  }
}

}  // namespace

DF_REGISTER_TASK("classifier", run_classifier);

}  // namespace digitforge
