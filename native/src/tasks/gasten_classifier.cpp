// Task "binary-classifier": GASTeN's classifier under test (../shared/specs/gasten.md §1): binary cross-entropy on a
// model's sigmoid output (or on a logit), early stopping on the validation loss, the best-validation weights kept.
//
// Models:  "model" (trained): one value per row, a probability in (0, 1) (recipe "output" probability) or a logit.
// Inputs:  "train_x" float32 [rows, ...] and "train_y" float32 [rows] with 1.0 for the positive class and 0.0 for the
//          negative one; "valid_x" / "valid_y" the same for early stopping; "test_x" / "test_y" (optional) evaluated
//          once with the best weights.
// Recipe:  "epochs" (required, >= 1), "batch_size" (64), "optimizer" (adam 1e-3), "seed" (42: shuffling), "patience"
//          (3: stop after this many epochs without a lower validation loss; 0 = never), "output" (probability |
//          logit), "eval_batch_size" (1000), "threads".
// Metrics: step = epoch; "train" loss/acc (means over the epoch's batches), "valid" loss/acc after every epoch;
//          after training, at step = the best epoch: "test" loss/acc and "best" epoch (split "train", name
//          "best_epoch"). The model ends with the best epoch's weights (the reference's checkpoint).
#include <torch/utils.h>

#include <limits>

#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;

struct Recipe {
  int64_t epochs = 1;
  int64_t batch_size = 64;
  OptimizerSpec optimizer;
  uint64_t seed = 42;
  int64_t patience = 3;
  bool logit = false;
  int64_t eval_batch_size = 1000;
  int64_t threads = 0;
};

Recipe parse(const Json& json) {
  JsonObjectReader r(json, "recipe");
  Recipe recipe;
  recipe.epochs = r.integer("epochs", 1, kMaxCount);
  recipe.batch_size = r.integer_or("batch_size", recipe.batch_size, 1, kMaxCount);
  OptimizerSpec defaults;
  defaults.learning_rate = 1e-3;
  recipe.optimizer = read_optimizer(r, "optimizer", defaults);
  recipe.seed = r.unsigned_or("seed", recipe.seed);
  recipe.patience = r.integer_or("patience", recipe.patience, 0, kMaxCount);
  const std::string output = r.string_or("output", "probability");
  if (output != "probability" && output != "logit") {
    invalid_argument("recipe.output: \"" + output + "\" is not one of probability, logit");
  }
  recipe.logit = output == "logit";
  recipe.eval_batch_size = r.integer_or("eval_batch_size", recipe.eval_batch_size, 1, kMaxCount);
  recipe.threads = r.integer_or("threads", 0, 0, 1024);
  r.finish();
  return recipe;
}

struct Split {
  torch::Tensor x;  // [rows, input...] on the model's device
  torch::Tensor y;  // [rows] floats 0/1
};

Split read_split(Inputs& inputs, const std::string& name, Model& model) {
  torch::Tensor x = inputs.features(name + "_x", model, "the model");
  torch::Tensor y = inputs.floats(name + "_y", 1, "one label per row").reshape({-1});
  if (y.size(0) != x.size(0)) {
    invalid_argument("inputs." + name + "_y: " + std::to_string(y.size(0)) + " labels for " + std::to_string(x.size(0)) +
                     " rows of " + name + "_x");
  }
  if (x.size(0) == 0) invalid_argument("inputs." + name + "_x: no rows");
  if (((y != 0) & (y != 1)).any().item<bool>()) invalid_argument("inputs." + name + "_y: labels must be 0.0 or 1.0");
  return {x.to(model.device()), y.to(model.device())};
}

struct Score {
  double loss;
  double accuracy;
};

void run_binary_classifier(TaskContext& ctx) {
  const Recipe recipe = parse(ctx.recipe());
  Model& model = ctx.roles().trained("model");
  ctx.roles().finish(ctx.task(), {"model"});
  int64_t outputs = 1;
  for (int64_t v : model.output_shape()) outputs *= v;
  if (outputs != 1) invalid_argument("models.model: must output one value per row, not " + std::to_string(outputs));

  Inputs& inputs = ctx.inputs();
  const Split train = read_split(inputs, "train", model);
  const Split valid = read_split(inputs, "valid", model);
  const bool has_test = inputs.has("test_x");
  Split test;
  if (has_test) test = read_split(inputs, "test", model);
  inputs.finish(ctx.task());

  ctx.result().threads = apply_threads(recipe.threads);
  // Dropout draws from a generator of this task's own (scaffold.h: task_generator), not libtorch's global one.
  at::Generator rng = task_generator(recipe.seed);
  model.set_generator(rng);
  Batcher batcher(train.x.size(0), recipe.batch_size, true, false, false, recipe.seed);
  TaskOptimizer optimizer(model, recipe.optimizer);
  const Reporter& report = ctx.reporter();

  // BCE on probabilities clamps the log at -100 as torch.nn.BCELoss (the reference's loss).
  auto loss_of = [&](const torch::Tensor& out, const torch::Tensor& y) {
    return recipe.logit ? torch::binary_cross_entropy_with_logits(out, y) : torch::binary_cross_entropy(out, y);
  };
  auto predicted = [&](const torch::Tensor& out) { return recipe.logit ? out > 0 : out > 0.5; };
  auto evaluate = [&](const Split& split, int64_t step) {
    torch::NoGradGuard no_grad;
    model.net()->eval();
    const int64_t rows = split.x.size(0);
    double loss = 0;
    int64_t correct = 0;
    for (int64_t start = 0; start < rows; start += recipe.eval_batch_size) {
      ctx.check_cancel(step, "epoch");
      const int64_t end = std::min(rows, start + recipe.eval_batch_size);
      torch::Tensor out = model.net()->forward(split.x.slice(0, start, end)).reshape({-1});
      torch::Tensor y = split.y.slice(0, start, end);
      loss += loss_of(out, y).item<double>() * static_cast<double>(end - start);
      correct += (predicted(out) == (y > 0.5)).sum().item<int64_t>();
    }
    model.net()->train();
    return Score{loss / static_cast<double>(rows), static_cast<double>(correct) / static_cast<double>(rows)};
  };

  // The best epoch's weights and buffers, kept in memory (the reference saves a checkpoint when the loss improves).
  std::vector<torch::Tensor> best_state;
  auto state_tensors = [&] {
    std::vector<torch::Tensor> all = model.net()->parameters();
    for (auto& b : model.net()->buffers()) all.push_back(b);
    return all;
  };
  auto keep_best = [&] {
    torch::NoGradGuard no_grad;
    best_state.clear();
    for (auto& t : state_tensors()) best_state.push_back(t.detach().clone());
  };

  double best_loss = std::numeric_limits<double>::infinity();
  int64_t best_epoch = 0;
  int64_t since_best = 0;
  int64_t updates = 0;
  model.net()->train();
  const int64_t per_epoch = batcher.per_pass();
  for (int64_t epoch = 1; epoch <= recipe.epochs; ++epoch) {
    double loss_sum = 0;
    int64_t correct = 0;
    int64_t seen = 0;
    for (int64_t it = 0; it < per_epoch; ++it) {
      ctx.check_cancel(epoch, "epoch");
      const Batcher::Batch b = batcher.at((epoch - 1) * per_epoch + it);
      torch::Tensor x = batcher.take(train.x, b);
      torch::Tensor y = batcher.take(train.y, b);
      optimizer.zero_grad();
      torch::Tensor out = model.net()->forward(x).reshape({-1});
      torch::Tensor loss = loss_of(out, y);
      loss.backward();
      optimizer.step();
      ++updates;
      torch::NoGradGuard no_grad;
      loss_sum += loss.item<double>() * static_cast<double>(b.rows);
      correct += (predicted(out) == (y > 0.5)).sum().item<int64_t>();
      seen += b.rows;
    }
    ctx.result().epochs = epoch;
    ctx.result().updates = updates;
    const double train_loss = loss_sum / static_cast<double>(seen);
    TaskContext::check_diverged(train_loss, "the training loss", epoch, "epoch");
    report.metric(epoch, "train", "loss", train_loss);
    report.metric(epoch, "train", "acc", static_cast<double>(correct) / static_cast<double>(seen));
    const Score v = evaluate(valid, epoch);
    report.metric(epoch, "valid", "loss", v.loss);
    report.metric(epoch, "valid", "acc", v.accuracy);
    if (v.loss < best_loss) {
      best_loss = v.loss;
      best_epoch = epoch;
      since_best = 0;
      keep_best();
    } else if (recipe.patience > 0 && ++since_best >= recipe.patience) {
      break;  // early stopping: `patience` epochs without a lower validation loss
    }
  }

  {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> current = state_tensors();
    for (size_t i = 0; i < current.size() && i < best_state.size(); ++i) current[i].copy_(best_state[i]);
  }
  model.net()->eval();
  report.metric(best_epoch, "train", "best_epoch", static_cast<double>(best_epoch));
  if (has_test) {
    const Score t = evaluate(test, best_epoch);
    report.metric(best_epoch, "test", "loss", t.loss);
    report.metric(best_epoch, "test", "acc", t.accuracy);
  }
  model.net()->eval();
}

}  // namespace

DF_REGISTER_TASK("binary-classifier", run_binary_classifier);

}  // namespace digitforge
