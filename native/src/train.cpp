#include "train.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <ATen/core/Reduction.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include <chrono>
#include <ctime>
#include <cmath>
#include <limits>
#include <vector>

#include "errors.h"
#include "flat_optimizer.h"
#include "fused_sequential.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;
// Forward multiply-adds per batch up to which the single-threaded fused path beats libtorch on several threads
// (MNIST-1D's CNN: 3.2 M at batch 100).
constexpr int64_t kFusedMaxMultiplyAdds = int64_t{64} << 20;

bool cancel_requested(const volatile int32_t* flag) {
  return flag != nullptr && __atomic_load_n(flag, __ATOMIC_RELAXED) != 0;
}

void check_cancel(const volatile int32_t* cancel_flag, int64_t step) {
  if (cancel_requested(cancel_flag)) {
    throw EngineError(DF_ERR_CANCELLED, "training was cancelled at step " + std::to_string(step));
  }
}

struct Split {
  std::string name;
  torch::Tensor x;  // on the model's device
  torch::Tensor y;
};

void check_finite(const torch::Tensor& x, const std::string& what) {
  if (x.size(0) == 0) return;
  torch::Tensor bad = torch::logical_not(torch::isfinite(x).reshape({x.size(0), -1}).all(1));
  if (bad.any().item<bool>()) {
    int64_t row = bad.nonzero()[0][0].item<int64_t>();
    invalid_argument(what + ": row " + std::to_string(row) + " contains NaN or infinite values");
  }
}

torch::Tensor wrap_labels(const int64_t* y, int64_t rows, int64_t classes, const std::string& what) {
  if (rows > 0 && y == nullptr) invalid_argument(what + ": null label pointer");
  if (rows == 0) return torch::zeros({0}, torch::kInt64);
  torch::Tensor t = torch::from_blob(const_cast<int64_t*>(y), {rows}, torch::kInt64);
  torch::Tensor bad = torch::logical_or(t < 0, t >= classes);
  if (bad.any().item<bool>()) {
    int64_t row = bad.nonzero()[0][0].item<int64_t>();
    invalid_argument(what + ": label " + std::to_string(y[row]) + " at row " + std::to_string(row) +
                     " is outside 0.." + std::to_string(classes - 1) + " (the model has " + std::to_string(classes) +
                     " outputs)");
  }
  return t;
}

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

struct Score {
  double loss;
  double accuracy;
};

Score evaluate(Model& model, const Split& split, int64_t chunk, const volatile int32_t* cancel_flag, int64_t step) {
  int64_t rows = split.x.size(0);
  if (rows == 0) return {std::nan(""), std::nan("")};
  torch::NoGradGuard no_grad;
  EvalMode eval(model);
  double loss_sum = 0;
  int64_t correct = 0;
  for (int64_t start = 0; start < rows; start += chunk) {
    check_cancel(cancel_flag, step);
    int64_t end = std::min(rows, start + chunk);
    torch::Tensor y = split.y.slice(0, start, end);
    torch::Tensor logits = model.net()->forward(split.x.slice(0, start, end));
    loss_sum += torch::cross_entropy_loss(logits, y, {}, at::Reduction::Sum).item<double>();
    correct += logits.argmax(1).eq(y).sum().item<int64_t>();
  }
  return {loss_sum / static_cast<double>(rows), static_cast<double>(correct) / static_cast<double>(rows)};
}

Score evaluate_fused(FusedSequential& fused, const Split& split, int64_t chunk, const volatile int32_t* cancel_flag,
                     int64_t step) {
  const int64_t rows = split.x.size(0);
  if (rows == 0) return {std::nan(""), std::nan("")};
  BatchScore s = fused.evaluate(split.x.data_ptr<float>(), split.y.data_ptr<int64_t>(), rows, chunk,
                                [&] { check_cancel(cancel_flag, step); });
  return {s.loss_sum / static_cast<double>(rows), static_cast<double>(s.correct) / static_cast<double>(rows)};
}

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const ClassifierRecipe& r, std::vector<torch::Tensor> params) {
  if (r.optimizer == "adam") {
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(r.learning_rate).weight_decay(r.weight_decay));
  }
  if (r.optimizer == "adamw") {
    return std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(r.learning_rate).weight_decay(r.weight_decay));
  }
  return std::make_unique<torch::optim::SGD>(
      params, torch::optim::SGDOptions(r.learning_rate).momentum(r.momentum).weight_decay(r.weight_decay));
}

}  // namespace

ClassifierRecipe ClassifierRecipe::parse(const std::string& json) {
  Json value = Json::parse(json);
  JsonObjectReader r(value, "recipe");
  ClassifierRecipe recipe;
  recipe.optimizer = r.string_or("optimizer", recipe.optimizer);
  if (recipe.optimizer != "adam" && recipe.optimizer != "adamw" && recipe.optimizer != "sgd") {
    invalid_argument("recipe.optimizer: \"" + recipe.optimizer + "\" is not one of adam, adamw, sgd");
  }
  recipe.learning_rate = r.number_or("learning_rate", recipe.learning_rate, 0, 1e3);
  if (!(recipe.learning_rate > 0)) invalid_argument("recipe.learning_rate: must be positive");
  recipe.weight_decay = r.number_or("weight_decay", 0, 0, 1e3);
  recipe.momentum = r.number_or("momentum", 0, 0, 1);
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
  recipe.seed = r.unsigned_or("seed", recipe.seed);
  recipe.eval_every = r.integer_or("eval_every", 0, 0, kMaxCount);
  recipe.report_every = r.integer_or("report_every", 0, 0, kMaxCount);
  recipe.eval_batch_size = r.integer_or("eval_batch_size", recipe.eval_batch_size, 1, kMaxCount);
  recipe.threads = r.integer_or("threads", 0, 0, 1024);
  recipe.implementation = r.string_or("implementation", recipe.implementation);
  if (recipe.implementation != "auto" && recipe.implementation != "torch") {
    invalid_argument("recipe.implementation: \"" + recipe.implementation + "\" is not one of auto, torch");
  }
  r.finish();
  return recipe;
}

void train_classifier(Model& model, const ClassifierRecipe& recipe, const TrainData& train, const df_eval_set* eval_sets,
                      int32_t eval_count, df_metric_callback callback, void* user_data,
                      const volatile int32_t* cancel_flag, df_train_result* result) {
  auto started = std::chrono::steady_clock::now();
  std::clock_t cpu_started = std::clock();
  if (result != nullptr) *result = df_train_result{0, 0, 0, 0, 0};
  if (model.output_shape().size() != 1) {
    invalid_argument("a classifier needs logits of shape [rows, classes]; this model's output per row has " +
                     std::to_string(model.output_shape().size()) + " dimensions (add a flatten and a linear layer)");
  }
  const int64_t classes = model.output_shape()[0];
  const int64_t n = train.rows;
  if (n <= 0) invalid_argument("train: no rows");
  if (eval_count < 0 || (eval_count > 0 && eval_sets == nullptr)) invalid_argument("eval sets: bad count or pointer");
  // The caller's thread may be new to libtorch: give it the process's intra-op setting (what PyTorch does for its
  // own threads), or the recipe's.
  at::init_num_threads();
  if (recipe.threads > 0) at::set_num_threads(static_cast<int>(recipe.threads));
  if (result != nullptr) result->threads = at::get_num_threads();

  const torch::Device device = model.device();
  torch::Tensor x_cpu = model.wrap_input(train.x, n, "train_x");
  check_finite(x_cpu, "train_x");
  torch::Tensor y_cpu = wrap_labels(train.y, n, classes, "train_y");
  torch::Tensor x = x_cpu.to(device);
  torch::Tensor y = y_cpu.to(device);

  std::vector<Split> splits;
  for (int32_t i = 0; i < eval_count; ++i) {
    const df_eval_set& set = eval_sets[i];
    if (set.name == nullptr || set.name[0] == '\0') invalid_argument("eval set " + std::to_string(i) + ": no name");
    std::string name = set.name;
    if (set.x == train.x && set.y == train.y && set.rows == n) {
      splits.push_back({name, x, y});  // the training set itself: no second copy
      continue;
    }
    torch::Tensor ex = model.wrap_input(set.x, set.rows, (name + "_x").c_str());
    check_finite(ex, name + "_x");
    torch::Tensor ey = wrap_labels(set.y, set.rows, classes, name + "_y");
    splits.push_back({name, ex.to(device), ey.to(device)});
  }

  {
    std::lock_guard<std::mutex> lock(global_rng_mutex());
    torch::manual_seed(recipe.seed);  // dropout draws from the global generator
  }
  at::Generator shuffle_generator = at::make_generator<at::CPUGeneratorImpl>(recipe.seed);

  const int64_t batch = std::min(recipe.batch_size, n);
  const int64_t per_pass = (n + batch - 1) / batch;
  const int64_t total = recipe.steps > 0 ? recipe.steps + 1 : recipe.epochs * per_pass;
  // On the CPU a flat-buffer optimiser (same arithmetic, a few ops per step instead of a few per parameter); on
  // CUDA libtorch's own, which keeps cuDNN's RNN weight layout intact.
  std::unique_ptr<FlatOptimizer> flat;
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  if (device.is_cpu()) {
    OptimizerSettings settings;
    settings.kind = recipe.optimizer;
    settings.learning_rate = recipe.learning_rate;
    settings.weight_decay = recipe.weight_decay;
    settings.momentum = recipe.momentum;
    flat = std::make_unique<FlatOptimizer>(model.net()->parameters(), settings);
  } else {
    optimizer = make_optimizer(recipe, model.net()->parameters());
  }
  model.net()->train();
  // Needs the flat optimiser's gradient views, which it overwrites each step (so no zero_grad on that path).
  // It runs on one thread: with more intra-op threads, a batch worth more than kFusedMaxMultiplyAdds goes to libtorch,
  // whose kernels use them.
  std::unique_ptr<FusedSequential> fused;
  if (flat && recipe.implementation == "auto") {
    fused = FusedSequential::try_create(model, nullptr);
    if (fused && at::get_num_threads() > 1 && fused->multiply_adds_per_row() * batch > kFusedMaxMultiplyAdds) fused.reset();
  }
  if (result != nullptr) result->fused = fused ? 1 : 0;

  torch::Tensor permutation;
  int64_t permutation_pass = -1;
  // Mini-batch metrics since the last report: on the autograd path as tensors (no sync per step), on the fused
  // path as plain numbers.
  torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device));
  torch::Tensor correct_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kInt64).device(device));
  BatchScore fused_sum;
  int64_t rows_seen = 0;
  std::vector<float> gathered_x;
  std::vector<int64_t> gathered_y;
  const int64_t width = model.input_size();

  for (int64_t u = 0; u < total; ++u) {
    check_cancel(cancel_flag, u);
    int64_t pass;
    int64_t start;
    if (recipe.steps > 0) {
      pass = (u * recipe.batch_size) / n;
      start = (u * recipe.batch_size) % n;
    } else {
      pass = u / per_pass;
      start = (u % per_pass) * batch;
    }
    const int64_t end = std::min(start + recipe.batch_size, n);
    const int64_t rows = end - start;
    if (recipe.shuffled && pass != permutation_pass) {
      permutation = torch::randperm(n, shuffle_generator, torch::kInt64).to(device);
      permutation_pass = pass;
    }

    if (fused) {
      const float* xb = x.data_ptr<float>() + start * width;
      const int64_t* yb = y.data_ptr<int64_t>() + start;
      if (recipe.shuffled) {
        const int64_t* index = permutation.data_ptr<int64_t>() + start;
        gathered_x.resize(static_cast<size_t>(rows * width));
        gathered_y.resize(static_cast<size_t>(rows));
        for (int64_t i = 0; i < rows; ++i) {
          std::copy_n(x.data_ptr<float>() + index[i] * width, width, gathered_x.data() + i * width);
          gathered_y[static_cast<size_t>(i)] = y.data_ptr<int64_t>()[index[i]];
        }
        xb = gathered_x.data();
        yb = gathered_y.data();
      }
      BatchScore step_score = fused->train_step(xb, yb, rows);
      flat->step();
      fused_sum.loss_sum += step_score.loss_sum;
      fused_sum.correct += step_score.correct;
    } else {
      torch::Tensor xb;
      torch::Tensor yb;
      if (recipe.shuffled) {
        torch::Tensor index = permutation.slice(0, start, end);
        xb = x.index_select(0, index);
        yb = y.index_select(0, index);
      } else {
        xb = x.slice(0, start, end);
        yb = y.slice(0, start, end);
      }
      torch::Tensor logits = model.net()->forward(xb);
      torch::Tensor loss = torch::cross_entropy_loss(logits, yb);
      if (flat) {
        flat->zero_grad();
        loss.backward();
        flat->step();
      } else {
        optimizer->zero_grad();
        loss.backward();
        optimizer->step();
      }
      torch::NoGradGuard no_grad;
      loss_sum.add_(loss.detach().to(torch::kFloat64), static_cast<double>(rows));
      correct_sum.add_(logits.detach().argmax(1).eq(yb).sum());
    }
    rows_seen += rows;
    if (result != nullptr) result->updates = u + 1;

    const bool last = u == total - 1;
    const bool eval_now = last || (recipe.eval_every > 0 && u % recipe.eval_every == 0);
    const bool report_now = eval_now || (recipe.report_every > 0 && u % recipe.report_every == 0);
    if (!report_now) continue;

    const double seen = static_cast<double>(rows_seen);
    const double mean_loss = (fused ? fused_sum.loss_sum : loss_sum.item<double>()) / seen;
    if (!std::isfinite(mean_loss)) {
      throw EngineError(DF_ERR_DIVERGED, "training diverged: the mini-batch loss is " + std::to_string(mean_loss) +
                                             " at step " + std::to_string(u) + " (try a lower learning rate)");
    }
    if (callback != nullptr) {
      const int64_t correct = fused ? fused_sum.correct : correct_sum.item<int64_t>();
      callback(user_data, u, "batch", mean_loss, static_cast<double>(correct) / seen);
    }
    loss_sum.zero_();
    correct_sum.zero_();
    fused_sum = BatchScore{};
    rows_seen = 0;
    if (!eval_now) continue;
    for (const Split& split : splits) {
      Score score = fused ? evaluate_fused(*fused, split, recipe.eval_batch_size, cancel_flag, u)
                          : evaluate(model, split, recipe.eval_batch_size, cancel_flag, u);
      if (callback != nullptr) callback(user_data, u, split.name.c_str(), score.loss, score.accuracy);
    }
  }
  if (result != nullptr) {
    result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result->cpu_seconds = static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC;
  }
}

}  // namespace digitforge
