// The training scaffold every task uses (native/src/tasks/<task>.cpp holds only a task's objective): models by
// role, named inputs, the shared recipe parts (optimiser, learning-rate schedule, batching, checkpoints, resume),
// seeded batching and shuffling, cancellation, the divergence check, metric/image/artifact reporting and the task
// registry behind df_task_run.
//
// A task registers itself with DF_REGISTER_TASK(name, function); the function gets a TaskContext, reads its recipe
// with a JsonObjectReader (unknown keys are errors naming the field), takes its models with roles() and its arrays
// with inputs(), and throws EngineError for anything wrong (api.cpp turns it into a status and a message).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/optim/optimizer.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/types.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../errors.h"
#include "../flat_optimizer.h"
#include "../json.h"
#include "../model.h"

namespace digitforge {

// ---- models by role ------------------------------------------------------------------------------------------------

struct RoleModel {
  std::string role;
  Model* model;
  bool frozen;
};

// The task's models by role. take() marks a role as used; finish() rejects roles the task does not know.
class Roles {
 public:
  explicit Roles(std::vector<RoleModel> models);
  // A model the task trains: it must be present and not frozen.
  Model& trained(const std::string& role);
  // A model the task only uses (evaluation mode, no optimiser): it must be frozen when present; null when absent.
  Model* frozen_optional(const std::string& role);
  void finish(const std::string& task, const std::vector<std::string>& known) const;

 private:
  const RoleModel* find(const std::string& role) const;
  std::vector<RoleModel> models_;
  std::vector<std::string> taken_;
};

// Keeps a frozen model in evaluation mode with requires_grad off for its lifetime (gradients still flow through it
// to its inputs), and restores both afterwards.
class FrozenGuard {
 public:
  explicit FrozenGuard(Model* model);
  ~FrozenGuard();
  FrozenGuard(const FrozenGuard&) = delete;
  FrozenGuard& operator=(const FrozenGuard&) = delete;

 private:
  Model* model_;
  bool was_training_ = false;
  std::vector<bool> requires_grad_;
};

// ---- named inputs --------------------------------------------------------------------------------------------------

struct InputArray {
  std::string name;
  int32_t dtype;
  std::vector<int64_t> shape;  // shape[0] = rows
  const void* data;
  int64_t rows() const { return shape[0]; }
  int64_t per_row() const;
};

class Inputs {
 public:
  Inputs(const df_array* arrays, int32_t count);  // checks names, dtypes, ranks, shapes, pointers
  bool has(const std::string& name) const;
  const InputArray* find(const std::string& name) const;
  const std::vector<InputArray>& all() const { return arrays_; }
  // float32 rows for a model: rows * prod(model input shape) floats (any row shape with that many values), no NaN;
  // a CPU view shaped [rows, input_shape...] over the caller's memory (no copy). what names the model in errors.
  torch::Tensor features(const std::string& name, const Model& model, const std::string& what);
  // float32 rows of `width` values each (e.g. noise), shaped [rows, width].
  torch::Tensor floats(const std::string& name, int64_t width, const std::string& what);
  // int64 labels [rows] in 0..classes-1.
  torch::Tensor labels(const std::string& name, int64_t rows, int64_t classes);
  void mark_used(const std::string& name);
  void finish(const std::string& task) const;  // rejects inputs the task did not read

 private:
  const InputArray& require(const std::string& name, int32_t dtype);
  std::vector<InputArray> arrays_;
  std::vector<std::string> used_;
};

void check_finite(const torch::Tensor& x, const std::string& what);

// ---- recipe parts --------------------------------------------------------------------------------------------------

struct OptimizerSpec {
  std::string type = "adam";  // adam | adamw | sgd
  double learning_rate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double momentum = 0;  // sgd
  double weight_decay = 0;
};

// Reads recipe."optimizer": an object {"type", "learning_rate", "betas", "eps", "momentum", "weight_decay"} or the
// older string form ("adam") with "learning_rate", "weight_decay" and "momentum" beside it in the recipe.
OptimizerSpec read_optimizer(JsonObjectReader& recipe, const std::string& key, OptimizerSpec defaults);

struct ScheduleSpec {
  std::string type = "constant";  // constant | cosine (from the optimiser's rate down to min_learning_rate)
  double min_learning_rate = 0;
  int64_t warmup_steps = 0;       // linear warm-up from 0 before the schedule
  double rate(double base, int64_t step, int64_t total) const;
};
ScheduleSpec read_schedule(JsonObjectReader& recipe);

struct CheckpointSpec {
  std::string output_dir;        // "" = no checkpoints
  int64_t every = 0;             // in the task's unit (classifier: optimiser steps, gan: epochs); 0 = only the last
  std::string resume_from;       // a checkpoint directory written by the same task
};
CheckpointSpec read_checkpoints(JsonObjectReader& recipe, int64_t default_every);

// Sets libtorch's intra-op threads for the caller's thread (recipe "threads", 0 = the process's setting).
int32_t apply_threads(int64_t threads);

// ---- optimiser -----------------------------------------------------------------------------------------------------

// One model's optimiser: on the CPU the flat-buffer one (flat_optimizer.h; libtorch's arithmetic, a few ops per
// step), on CUDA libtorch's own (cuDNN's RNN weights must keep their layout). Its state goes into checkpoints.
class TaskOptimizer {
 public:
  TaskOptimizer(Model& model, const OptimizerSpec& spec);
  ~TaskOptimizer();
  void zero_grad();
  void step();
  void set_learning_rate(double rate);
  double base_learning_rate() const { return spec_.learning_rate; }
  FlatOptimizer* flat() { return flat_.get(); }
  void save(torch::serialize::OutputArchive& archive) const;
  void load(torch::serialize::InputArchive& archive, const std::string& what);

 private:
  OptimizerSpec spec_;
  std::unique_ptr<FlatOptimizer> flat_;
  std::unique_ptr<torch::optim::Optimizer> torch_;
};

// ---- batching ------------------------------------------------------------------------------------------------------

// Mini-batches over `rows` rows. Epoch mode: ceil(rows / batch) batches a pass (rows / batch with drop_last);
// stream mode (the classifier's "steps"): update u starts at (u * batch) mod rows, the reference MNIST-1D loop.
// Shuffled: a new permutation per pass from a generator seeded by `seed`; its state is checkpointed so that a
// resumed run sees the same batches.
class Batcher {
 public:
  Batcher(int64_t rows, int64_t batch, bool shuffled, bool drop_last, bool stream, uint64_t seed);
  struct Batch {
    int64_t pass;
    int64_t start;
    int64_t rows;
    const int64_t* index;  // rows indices into the data when shuffled, else null (rows start..start+rows)
    torch::Tensor index_tensor;
  };
  // with_tensor false: index only (no index_tensor, one libtorch op less per step for callers that gather by hand).
  Batch at(int64_t update, bool with_tensor = true);
  int64_t per_pass() const { return per_pass_; }
  int64_t batch_size() const { return batch_; }
  // Gathers a batch of x (CPU or device tensor [rows, ...]) by the batch's rows.
  torch::Tensor take(const torch::Tensor& x, const Batch& b) const;
  void save(torch::serialize::OutputArchive& archive) const;
  void load(torch::serialize::InputArchive& archive);

 private:
  void draw(int64_t pass);
  int64_t rows_;
  int64_t batch_;
  bool shuffled_;
  bool stream_;
  int64_t per_pass_;
  at::Generator generator_;
  torch::Tensor pass_start_state_;  // the generator's state before the current pass's permutation
  torch::Tensor permutation_;
  int64_t pass_ = -1;
};

// ---- checkpoints ---------------------------------------------------------------------------------------------------

// A checkpoint is a directory <output_dir>/<unit>-<step as 4+ digits>/ holding <role>.pt per trained model (the
// df_model_save format, so df_model_load reads it alone) and state.pt (task name, counters, optimiser states,
// generator states).
struct CheckpointState {
  std::map<std::string, int64_t> counters;        // "step", "epoch", ... (task-defined)
  std::map<std::string, torch::Tensor> tensors;   // generator states, ...
};

struct TrainedModel {
  std::string role;
  Model* model;
  TaskOptimizer* optimizer;
};

class Reporter;

// Writes the checkpoint and reports each file as an artifact "checkpoint/<role>" and "checkpoint/state".
std::string save_checkpoint(const std::string& task, const CheckpointSpec& spec, const std::string& unit, int64_t step,
                            const std::vector<TrainedModel>& models, const CheckpointState& state,
                            const std::function<void(torch::serialize::OutputArchive&)>& extra, const Reporter& reporter);
// Restores the models' weights and buffers (in place: the caller's handles keep their tensors) and returns the state;
// `extra` reads what save_checkpoint's `extra` wrote. Optimiser states are restored into the given optimisers.
CheckpointState load_checkpoint(const std::string& task, const std::string& dir, const std::vector<TrainedModel>& models,
                                const std::function<void(torch::serialize::InputArchive&)>& extra);
torch::Tensor generator_state(at::Generator& generator);
void set_generator_state(at::Generator& generator, const torch::Tensor& state);
// A training task's own generator for its dropout (and random-effects) draws: libtorch's global CPU generator is
// process-wide, so trainings running at once in one process (a worker's slots, a sweep's points) would interleave
// their draws. Seeded as torch::manual_seed(seed) seeded the global one before, so a run alone draws the same numbers.
at::Generator task_generator(uint64_t seed);
// The task generator's state in a checkpoint ("task_rng"). Checkpoints from before it held the global generator's
// state ("global_rng"), which was the same stream: restore reads that one when "task_rng" is absent.
void save_task_generator(CheckpointState& state, at::Generator& generator);
void restore_task_generator(CheckpointState& state, at::Generator& generator);

// ---- reporting -----------------------------------------------------------------------------------------------------

class Reporter {
 public:
  explicit Reporter(const df_task_callbacks* callbacks);
  void metric(int64_t step, const std::string& split, const std::string& name, double value) const;
  void image(const std::string& name, int64_t step, int32_t height, int32_t width, int32_t channels,
             const uint8_t* pixels) const;
  // images: [n, channels, h, w] floats in [low, high], tiled `columns` per row (0: ceil(sqrt(n))) with `padding`
  // black pixels between and around them (torchvision's make_grid), mapped to 0..255.
  void image_grid(const std::string& name, int64_t step, const torch::Tensor& images, double low, double high,
                  int64_t columns = 0, int64_t padding = 2) const;
  void artifact(const std::string& name, int64_t step, const std::string& path) const;

 private:
  df_task_callbacks callbacks_{};
};

// ---- the running task ----------------------------------------------------------------------------------------------

class TaskContext {
 public:
  TaskContext(std::string task, std::vector<RoleModel> models, const df_array* inputs, int32_t input_count,
              const char* recipe_json, const df_task_callbacks* callbacks, const volatile int32_t* cancel,
              df_task_result* result);

  const std::string& task() const { return task_; }
  Roles& roles() { return roles_; }
  Inputs& inputs() { return inputs_; }
  const Json& recipe() const { return recipe_; }
  Reporter& reporter() { return reporter_; }
  df_task_result& result() { return result_; }

  // Throws DF_ERR_CANCELLED when the caller set the flag.
  void check_cancel(int64_t step, const char* unit = "step") const;
  // Throws DF_ERR_DIVERGED when value is NaN or infinite.
  static void check_diverged(double value, const std::string& what, int64_t step, const char* unit = "step");
  // Fills the result's seconds and CPU seconds and copies it out.
  void finish();

 private:
  std::string task_;
  Roles roles_;
  Inputs inputs_;
  Json recipe_;
  Reporter reporter_;
  const volatile int32_t* cancel_;
  df_task_result result_{};
  df_task_result* out_;
  std::chrono::steady_clock::time_point started_;
  std::clock_t cpu_started_;
};

// ---- registry ------------------------------------------------------------------------------------------------------

using TaskFunction = void (*)(TaskContext&);

struct TaskRegistration {
  TaskRegistration(const char* name, TaskFunction function);
};
TaskFunction find_task(const std::string& name);
const std::string& task_names();  // "classifier,gan"

#define DF_REGISTER_TASK(name, function) \
  static const ::digitforge::TaskRegistration df_task_registration_##function(name, &function)

}  // namespace digitforge
