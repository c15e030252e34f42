#include "scaffold.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

namespace digitforge {

namespace {

constexpr const char* kTaskKey = "digitforge_task";
constexpr int64_t kMaxCount = int64_t{1} << 40;

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& item : items) s += (s.empty() ? "" : ", ") + item;
  return s;
}

const char* dtype_name(int32_t dtype) {
  switch (dtype) {
    case DF_DTYPE_FLOAT32: return "float32";
    case DF_DTYPE_INT64: return "int64";
    case DF_DTYPE_UINT8: return "uint8";
    default: return "unknown";
  }
}

Json parse_recipe(const char* text) {
  try {
    return Json::parse(text != nullptr ? text : "{}");
  } catch (const EngineError& e) {
    invalid_argument(std::string("recipe: ") + e.what());
  }
}

}  // namespace

// ---- roles ---------------------------------------------------------------------------------------------------------

Roles::Roles(std::vector<RoleModel> models) : models_(std::move(models)) {
  std::set<std::string> seen;
  std::set<const Model*> handles;
  for (size_t i = 0; i < models_.size(); ++i) {
    const RoleModel& m = models_[i];
    const std::string where = "models[" + std::to_string(i) + "]";
    if (m.role.empty()) invalid_argument(where + ".role: required");
    if (m.model == nullptr) invalid_argument("models." + m.role + ": null model handle");
    if (!seen.insert(m.role).second) invalid_argument("models." + m.role + ": given twice");
    if (!handles.insert(m.model).second) invalid_argument("models." + m.role + ": the same model handle is given in two roles");
  }
}

const RoleModel* Roles::find(const std::string& role) const {
  for (const auto& m : models_) {
    if (m.role == role) return &m;
  }
  return nullptr;
}

Model& Roles::trained(const std::string& role) {
  taken_.push_back(role);
  const RoleModel* m = find(role);
  if (m == nullptr) invalid_argument("models." + role + ": required");
  if (m->frozen) invalid_argument("models." + role + ": this task trains it; it cannot be frozen");
  return *m->model;
}

Model* Roles::frozen_optional(const std::string& role) {
  taken_.push_back(role);
  const RoleModel* m = find(role);
  if (m == nullptr) return nullptr;
  if (!m->frozen) invalid_argument("models." + role + ": this task only uses it; pass it frozen");
  return m->model;
}

void Roles::finish(const std::string& task, const std::vector<std::string>& known) const {
  for (const auto& m : models_) {
    if (std::find(taken_.begin(), taken_.end(), m.role) == taken_.end()) {
      invalid_argument("models." + m.role + ": task " + task + " has no such role (roles: " + join(known) + ")");
    }
  }
}

FrozenGuard::FrozenGuard(Model* model) : model_(model) {
  if (model_ == nullptr) return;
  was_training_ = model_->net()->is_training();
  model_->net()->eval();
  for (auto& p : model_->net()->parameters()) {
    requires_grad_.push_back(p.requires_grad());
    p.requires_grad_(false);
  }
}

FrozenGuard::~FrozenGuard() {
  if (model_ == nullptr) return;
  try {
    auto parameters = model_->net()->parameters();
    for (size_t i = 0; i < parameters.size() && i < requires_grad_.size(); ++i) parameters[i].requires_grad_(requires_grad_[i]);
    if (was_training_) model_->net()->train();
  } catch (...) {  // a destructor must not throw; the flags are best effort
  }
}

// ---- inputs --------------------------------------------------------------------------------------------------------

int64_t InputArray::per_row() const {
  int64_t n = 1;
  for (size_t i = 1; i < shape.size(); ++i) n *= shape[i];
  return n;
}

Inputs::Inputs(const df_array* arrays, int32_t count) {
  if (count < 0 || (count > 0 && arrays == nullptr)) invalid_argument("inputs: bad count or null pointer");
  std::set<std::string> seen;
  for (int32_t i = 0; i < count; ++i) {
    const df_array& a = arrays[i];
    if (a.name == nullptr || a.name[0] == '\0') invalid_argument("inputs[" + std::to_string(i) + "].name: required");
    InputArray in{a.name, a.dtype, {}, a.data};
    const std::string where = "inputs." + in.name;
    if (!seen.insert(in.name).second) invalid_argument(where + ": given twice");
    if (a.dtype != DF_DTYPE_FLOAT32 && a.dtype != DF_DTYPE_INT64 && a.dtype != DF_DTYPE_UINT8) {
      invalid_argument(where + ": unknown dtype " + std::to_string(a.dtype));
    }
    if (a.rank < 1 || a.rank > DF_MAX_RANK) invalid_argument(where + ": rank " + std::to_string(a.rank) + " is not 1..8");
    int64_t total = 1;
    for (int32_t d = 0; d < a.rank; ++d) {
      if (a.shape[d] < 0 || a.shape[d] > kMaxCount) invalid_argument(where + ": bad shape " + std::to_string(a.shape[d]));
      in.shape.push_back(a.shape[d]);
      total *= a.shape[d];
      if (total > kMaxCount) invalid_argument(where + ": too many values");
    }
    if (total > 0 && a.data == nullptr) invalid_argument(where + ": null data pointer");
    arrays_.push_back(std::move(in));
  }
}

bool Inputs::has(const std::string& name) const { return find(name) != nullptr; }

const InputArray* Inputs::find(const std::string& name) const {
  for (const auto& a : arrays_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

void Inputs::mark_used(const std::string& name) { used_.push_back(name); }

const InputArray& Inputs::require(const std::string& name, int32_t dtype) {
  mark_used(name);
  const InputArray* a = find(name);
  if (a == nullptr) invalid_argument("inputs." + name + ": required");
  if (a->dtype != dtype) {
    invalid_argument("inputs." + name + ": expected " + dtype_name(dtype) + ", got " + dtype_name(a->dtype));
  }
  return *a;
}

torch::Tensor Inputs::features(const std::string& name, const Model& model, const std::string& what) {
  const InputArray& a = require(name, DF_DTYPE_FLOAT32);
  if (a.per_row() != model.input_size()) {
    invalid_argument("inputs." + name + ": " + std::to_string(a.per_row()) + " values per row (shape " + shape_text(a.shape) +
                     "), the " + what + " takes " + std::to_string(model.input_size()) + " " +
                     shape_text(model.input_shape()));
  }
  torch::Tensor x = model.wrap_input(static_cast<const float*>(a.data), a.rows(), name.c_str());
  check_finite(x, "inputs." + name);
  return x;
}

torch::Tensor Inputs::floats(const std::string& name, int64_t width, const std::string& what) {
  const InputArray& a = require(name, DF_DTYPE_FLOAT32);
  if (a.per_row() != width) {
    invalid_argument("inputs." + name + ": " + std::to_string(a.per_row()) + " values per row, " + what + " needs " +
                     std::to_string(width));
  }
  if (a.rows() == 0) return torch::zeros({0, width});
  torch::Tensor x = torch::from_blob(const_cast<void*>(a.data), {a.rows(), width}, torch::kFloat32);
  check_finite(x, "inputs." + name);
  return x;
}

torch::Tensor Inputs::labels(const std::string& name, int64_t rows, int64_t classes) {
  const InputArray& a = require(name, DF_DTYPE_INT64);
  if (a.per_row() != 1 || a.rows() != rows) {
    invalid_argument("inputs." + name + ": expected " + std::to_string(rows) + " labels (shape [" + std::to_string(rows) +
                     "]), got shape " + shape_text(a.shape));
  }
  if (rows == 0) return torch::zeros({0}, torch::kInt64);
  torch::Tensor t = torch::from_blob(const_cast<void*>(a.data), {rows}, torch::kInt64);
  torch::Tensor bad = torch::logical_or(t < 0, t >= classes);
  if (bad.any().item<bool>()) {
    int64_t row = bad.nonzero()[0][0].item<int64_t>();
    invalid_argument("inputs." + name + ": label " + std::to_string(t[row].item<int64_t>()) + " at row " +
                     std::to_string(row) + " is outside 0.." + std::to_string(classes - 1) + " (the model has " +
                     std::to_string(classes) + " outputs)");
  }
  return t;
}

void Inputs::finish(const std::string& task) const {
  for (const auto& a : arrays_) {
    if (std::find(used_.begin(), used_.end(), a.name) == used_.end()) {
      invalid_argument("inputs." + a.name + ": task " + task + " does not use this input");
    }
  }
}

void check_finite(const torch::Tensor& x, const std::string& what) {
  if (x.size(0) == 0) return;
  torch::Tensor bad = torch::logical_not(torch::isfinite(x).reshape({x.size(0), -1}).all(1));
  if (bad.any().item<bool>()) {
    int64_t row = bad.nonzero()[0][0].item<int64_t>();
    invalid_argument(what + ": row " + std::to_string(row) + " contains NaN or infinite values");
  }
}

// ---- recipe parts --------------------------------------------------------------------------------------------------

OptimizerSpec read_optimizer(JsonObjectReader& recipe, const std::string& key, OptimizerSpec spec) {
  const Json* value = recipe.optional(key);
  auto check_type = [&](const std::string& where) {
    if (spec.type != "adam" && spec.type != "adamw" && spec.type != "sgd") {
      invalid_argument(where + ": \"" + spec.type + "\" is not one of adam, adamw, sgd");
    }
  };
  auto read_numbers = [&](JsonObjectReader& r) {
    spec.learning_rate = r.number_or("learning_rate", spec.learning_rate, 0, 1e3);
    if (!(spec.learning_rate > 0)) invalid_argument(r.field("learning_rate") + ": must be positive");
    spec.weight_decay = r.number_or("weight_decay", spec.weight_decay, 0, 1e3);
    spec.momentum = r.number_or("momentum", spec.momentum, 0, 1);
  };
  if (value == nullptr || value->kind() == Json::Kind::String) {
    if (value != nullptr) spec.type = value->as_string();
    check_type(recipe.field(key));
    read_numbers(recipe);  // the older flat form: the numbers sit in the recipe itself
    return spec;
  }
  if (value->kind() != Json::Kind::Object) {
    invalid_argument(recipe.field(key) + ": expected an object {\"type\": \"adam\", ...} or a name");
  }
  JsonObjectReader r(*value, recipe.field(key));
  spec.type = r.string_or("type", spec.type);
  check_type(r.field("type"));
  read_numbers(r);
  if (const Json* betas = r.optional("betas")) {
    if (betas->kind() != Json::Kind::Array || betas->items().size() != 2 ||
        betas->items()[0].kind() != Json::Kind::Number || betas->items()[1].kind() != Json::Kind::Number) {
      invalid_argument(r.field("betas") + ": expected two numbers [beta1, beta2]");
    }
    spec.beta1 = betas->items()[0].as_number();
    spec.beta2 = betas->items()[1].as_number();
    if (!(spec.beta1 >= 0 && spec.beta1 < 1 && spec.beta2 >= 0 && spec.beta2 < 1)) {
      invalid_argument(r.field("betas") + ": each must be in [0, 1)");
    }
  }
  spec.eps = r.number_or("eps", spec.eps, 0, 1);
  r.finish();
  return spec;
}

double ScheduleSpec::rate(double base, int64_t step, int64_t total) const {
  if (warmup_steps > 0 && step < warmup_steps) return base * static_cast<double>(step + 1) / static_cast<double>(warmup_steps);
  if (type == "constant") return base;
  const int64_t span = std::max<int64_t>(1, total - warmup_steps);
  const double t = std::min(1.0, static_cast<double>(step - warmup_steps) / static_cast<double>(span));
  return min_learning_rate + (base - min_learning_rate) * 0.5 * (1 + std::cos(M_PI * t));
}

ScheduleSpec read_schedule(JsonObjectReader& recipe) {
  ScheduleSpec spec;
  const Json* value = recipe.optional("schedule");
  if (value == nullptr) return spec;
  if (value->kind() == Json::Kind::String) {
    spec.type = value->as_string();
  } else if (value->kind() == Json::Kind::Object) {
    JsonObjectReader r(*value, recipe.field("schedule"));
    spec.type = r.string_or("type", spec.type);
    spec.min_learning_rate = r.number_or("min_learning_rate", 0, 0, 1e3);
    spec.warmup_steps = r.integer_or("warmup_steps", 0, 0, kMaxCount);
    r.finish();
  } else {
    invalid_argument(recipe.field("schedule") + ": expected an object {\"type\": \"cosine\"} or a name");
  }
  if (spec.type != "constant" && spec.type != "cosine") {
    invalid_argument(recipe.field("schedule") + ".type: \"" + spec.type + "\" is not one of constant, cosine");
  }
  return spec;
}

CheckpointSpec read_checkpoints(JsonObjectReader& recipe, int64_t default_every) {
  CheckpointSpec spec;
  spec.output_dir = recipe.string_or("output_dir", "");
  spec.every = recipe.integer_or("checkpoint_every", default_every, 0, kMaxCount);
  spec.resume_from = recipe.string_or("resume_from", "");
  if (!spec.resume_from.empty() && !std::filesystem::is_directory(spec.resume_from)) {
    invalid_argument(recipe.field("resume_from") + ": " + spec.resume_from + " is not a checkpoint directory");
  }
  return spec;
}

int32_t apply_threads(int64_t threads) {
  // The caller's thread may be new to libtorch: give it the process's intra-op setting (what PyTorch does for its
  // own threads), or the recipe's.
  at::init_num_threads();
  if (threads > 0) at::set_num_threads(static_cast<int>(threads));
  return at::get_num_threads();
}

// ---- optimiser -----------------------------------------------------------------------------------------------------

TaskOptimizer::TaskOptimizer(Model& model, const OptimizerSpec& spec) : spec_(spec) {
  std::vector<torch::Tensor> parameters = model.net()->parameters();
  if (model.device().is_cpu()) {
    OptimizerSettings settings;
    settings.kind = spec.type;
    settings.learning_rate = spec.learning_rate;
    settings.weight_decay = spec.weight_decay;
    settings.momentum = spec.momentum;
    settings.beta1 = spec.beta1;
    settings.beta2 = spec.beta2;
    settings.eps = spec.eps;
    flat_ = std::make_unique<FlatOptimizer>(parameters, settings);
  } else if (spec.type == "adam") {
    torch_ = std::make_unique<torch::optim::Adam>(
        parameters, torch::optim::AdamOptions(spec.learning_rate).betas({spec.beta1, spec.beta2}).eps(spec.eps).weight_decay(spec.weight_decay));
  } else if (spec.type == "adamw") {
    torch_ = std::make_unique<torch::optim::AdamW>(
        parameters, torch::optim::AdamWOptions(spec.learning_rate).betas({spec.beta1, spec.beta2}).eps(spec.eps).weight_decay(spec.weight_decay));
  } else {
    torch_ = std::make_unique<torch::optim::SGD>(
        parameters, torch::optim::SGDOptions(spec.learning_rate).momentum(spec.momentum).weight_decay(spec.weight_decay));
  }
}

TaskOptimizer::~TaskOptimizer() = default;

void TaskOptimizer::zero_grad() {
  if (flat_) {
    flat_->zero_grad();
  } else {
    torch_->zero_grad();
  }
}

void TaskOptimizer::step() {
  if (flat_) {
    flat_->step();
  } else {
    torch_->step();
  }
}

void TaskOptimizer::set_learning_rate(double rate) {
  if (flat_) {
    flat_->set_learning_rate(rate);
    return;
  }
  for (auto& group : torch_->param_groups()) group.options().set_lr(rate);
}

void TaskOptimizer::save(torch::serialize::OutputArchive& archive) const {
  if (flat_) {
    FlatOptimizer::State s = flat_->state();
    archive.write("kind", c10::IValue(std::string("flat")));
    archive.write("steps", c10::IValue(s.steps));
    archive.write("exp_avg", s.exp_avg.defined() ? s.exp_avg.to(torch::kCPU) : torch::zeros({0}));
    archive.write("exp_avg_sq", s.exp_avg_sq.defined() ? s.exp_avg_sq.to(torch::kCPU) : torch::zeros({0}));
  } else {
    archive.write("kind", c10::IValue(std::string("torch")));
    torch_->save(archive);
  }
}

void TaskOptimizer::load(torch::serialize::InputArchive& archive, const std::string& what) {
  c10::IValue kind;
  if (!archive.try_read("kind", kind) || !kind.isString()) throw EngineError(DF_ERR_IO, what + ": no optimiser state");
  const std::string saved = kind.toStringRef();
  if (saved != (flat_ ? "flat" : "torch")) {
    throw EngineError(DF_ERR_IO, what + ": the optimiser state was written on another device (" + saved +
                                     " optimiser); resume on the device it was written on");
  }
  try {
    if (flat_) {
      c10::IValue steps;
      torch::Tensor exp_avg;
      torch::Tensor exp_avg_sq;
      if (!archive.try_read("steps", steps) || !steps.isInt()) throw EngineError(DF_ERR_IO, what + ": no step count");
      archive.read("exp_avg", exp_avg);
      archive.read("exp_avg_sq", exp_avg_sq);
      flat_->set_state({steps.toInt(), exp_avg, exp_avg_sq});
    } else {
      torch_->load(archive);
    }
  } catch (const EngineError&) {
    throw;
  } catch (const std::exception& e) {
    throw EngineError(DF_ERR_IO, what + ": the optimiser state does not fit the model: " + e.what());
  }
}

// ---- batching ------------------------------------------------------------------------------------------------------

Batcher::Batcher(int64_t rows, int64_t batch, bool shuffled, bool drop_last, bool stream, uint64_t seed)
    : rows_(rows), batch_(stream ? batch : std::min(batch, rows)), shuffled_(shuffled), stream_(stream),
      generator_(at::make_generator<at::CPUGeneratorImpl>(seed)) {
  if (rows <= 0) invalid_argument("no training rows");
  per_pass_ = drop_last && !stream ? rows_ / batch_ : (rows_ + batch_ - 1) / batch_;
  if (drop_last && batch > rows) per_pass_ = 0;
  if (per_pass_ == 0) {
    invalid_argument("recipe.batch_size: " + std::to_string(batch) + " is more than the " + std::to_string(rows) +
                     " training rows and drop_last is set: no full batch");
  }
}

void Batcher::draw(int64_t pass) {
  pass_start_state_ = generator_state(generator_);
  permutation_ = torch::randperm(rows_, generator_, torch::kInt64);
  pass_ = pass;
}

Batcher::Batch Batcher::at(int64_t update, bool with_tensor) {
  Batch b{};
  if (stream_) {
    b.pass = (update * batch_) / rows_;
    b.start = (update * batch_) % rows_;
  } else {
    b.pass = update / per_pass_;
    b.start = (update % per_pass_) * batch_;
  }
  b.rows = std::min(b.start + batch_, rows_) - b.start;
  if (shuffled_) {
    if (b.pass != pass_) draw(b.pass);
    if (with_tensor) b.index_tensor = permutation_.slice(0, b.start, b.start + b.rows);
    b.index = permutation_.data_ptr<int64_t>() + b.start;
  }
  return b;
}

torch::Tensor Batcher::take(const torch::Tensor& x, const Batch& b) const {
  if (!shuffled_) return x.slice(0, b.start, b.start + b.rows);
  return x.index_select(0, b.index_tensor.to(x.device()));
}

void Batcher::save(torch::serialize::OutputArchive& archive) const {
  archive.write("batcher.pass", c10::IValue(pass_));
  archive.write("batcher.state", pass_ >= 0 ? pass_start_state_ : generator_state(const_cast<at::Generator&>(generator_)));
}

void Batcher::load(torch::serialize::InputArchive& archive) {
  c10::IValue pass;
  torch::Tensor state;
  if (!archive.try_read("batcher.pass", pass) || !pass.isInt()) throw EngineError(DF_ERR_IO, "state.pt: no batcher state");
  archive.read("batcher.state", state);
  set_generator_state(generator_, state);
  pass_ = -1;
  // Redraw the pass that was running, so the generator stands where the uninterrupted run's did.
  if (pass.toInt() >= 0) draw(pass.toInt());
}

// ---- checkpoints ---------------------------------------------------------------------------------------------------

torch::Tensor generator_state(at::Generator& generator) {
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void set_generator_state(at::Generator& generator, const torch::Tensor& state) {
  std::lock_guard<std::mutex> lock(generator.mutex());
  try {
    generator.set_state(state);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, std::string("state.pt: bad generator state: ") + e.what_without_backtrace());
  }
}

at::Generator task_generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

void save_task_generator(CheckpointState& state, at::Generator& generator) {
  state.tensors["task_rng"] = generator_state(generator);
}

void restore_task_generator(CheckpointState& state, at::Generator& generator) {
  if (state.tensors.count("task_rng") != 0) {
    set_generator_state(generator, state.tensors["task_rng"]);
  } else if (state.tensors.count("global_rng") != 0) {
    set_generator_state(generator, state.tensors["global_rng"]);
  }
}

std::string save_checkpoint(const std::string& task, const CheckpointSpec& spec, const std::string& unit, int64_t step,
                            const std::vector<TrainedModel>& models, const CheckpointState& state,
                            const std::function<void(torch::serialize::OutputArchive&)>& extra, const Reporter& reporter) {
  char name[64];
  std::snprintf(name, sizeof name, "%s-%04lld", unit.c_str(), static_cast<long long>(step));
  const std::filesystem::path dir = std::filesystem::path(spec.output_dir) / name;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw EngineError(DF_ERR_IO, "recipe.output_dir: cannot create " + dir.string() + ": " + error.message());
  std::vector<std::pair<std::string, std::string>> written;
  for (const auto& m : models) {
    const std::string path = (dir / (m.role + ".pt")).string();
    m.model->save(path);
    written.emplace_back("checkpoint/" + m.role, path);
  }
  const std::string state_path = (dir / "state.pt").string();
  try {
    torch::serialize::OutputArchive archive;
    archive.write(kTaskKey, c10::IValue(task));
    std::string counters;
    for (const auto& [key, value] : state.counters) {
      archive.write("counter." + key, c10::IValue(value));
      counters += (counters.empty() ? "" : ",") + key;
    }
    archive.write("counters", c10::IValue(counters));
    std::string tensors;
    for (const auto& [key, value] : state.tensors) {
      archive.write("tensor." + key, value.to(torch::kCPU));
      tensors += (tensors.empty() ? "" : ",") + key;
    }
    archive.write("tensors", c10::IValue(tensors));
    for (const auto& m : models) {
      torch::serialize::OutputArchive optimizer;
      m.optimizer->save(optimizer);
      archive.write("optimizer." + m.role, optimizer);
    }
    if (extra) extra(archive);
    archive.save_to(state_path);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, "cannot write the checkpoint " + state_path + ": " + e.what_without_backtrace());
  }
  written.emplace_back("checkpoint/state", state_path);
  for (const auto& [artifact, path] : written) reporter.artifact(artifact, step, path);
  return dir.string();
}

namespace {

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    names.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

}  // namespace

CheckpointState load_checkpoint(const std::string& task, const std::string& dir, const std::vector<TrainedModel>& models,
                                const std::function<void(torch::serialize::InputArchive&)>& extra) {
  const std::filesystem::path root(dir);
  const std::string state_path = (root / "state.pt").string();
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(state_path, torch::kCPU);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, "recipe.resume_from: cannot read " + state_path + ": " + e.what_without_backtrace());
  }
  c10::IValue written_by;
  if (!archive.try_read(kTaskKey, written_by) || !written_by.isString()) {
    throw EngineError(DF_ERR_IO, "recipe.resume_from: " + state_path + " is not a DigitForge task checkpoint");
  }
  if (written_by.toStringRef() != task) {
    invalid_argument("recipe.resume_from: the checkpoint was written by task " + written_by.toStringRef() + ", not " + task);
  }
  for (const auto& m : models) {
    const std::string path = (root / (m.role + ".pt")).string();
    std::unique_ptr<Model> saved = Model::load(path, torch::kCPU);
    if (saved->description() != m.model->description()) {
      invalid_argument("recipe.resume_from: the checkpoint's " + m.role + " (" + path +
                       ") has another description than models." + m.role);
    }
    torch::NoGradGuard no_grad;
    auto target_parameters = m.model->net()->named_parameters(true);
    for (const auto& p : saved->net()->named_parameters(true)) target_parameters[p.key()].copy_(p.value());
    auto target_buffers = m.model->net()->named_buffers(true);
    for (const auto& b : saved->net()->named_buffers(true)) target_buffers[b.key()].copy_(b.value());
    torch::serialize::InputArchive optimizer;
    if (!archive.try_read("optimizer." + m.role, optimizer)) {
      throw EngineError(DF_ERR_IO, "recipe.resume_from: " + state_path + " has no optimiser state for " + m.role);
    }
    m.optimizer->load(optimizer, "recipe.resume_from: " + state_path + " (" + m.role + ")");
  }
  CheckpointState state;
  c10::IValue names;
  if (archive.try_read("counters", names) && names.isString()) {
    for (const auto& key : split_names(names.toStringRef())) {
      c10::IValue value;
      if (archive.try_read("counter." + key, value) && value.isInt()) state.counters[key] = value.toInt();
    }
  }
  if (archive.try_read("tensors", names) && names.isString()) {
    for (const auto& key : split_names(names.toStringRef())) {
      torch::Tensor value;
      archive.read("tensor." + key, value);
      state.tensors[key] = value;
    }
  }
  try {
    if (extra) extra(archive);
  } catch (const c10::Error& e) {
    throw EngineError(DF_ERR_IO, "recipe.resume_from: " + state_path + ": " + e.what_without_backtrace());
  }
  return state;
}

// ---- reporting -----------------------------------------------------------------------------------------------------

Reporter::Reporter(const df_task_callbacks* callbacks) {
  if (callbacks != nullptr) callbacks_ = *callbacks;
}

void Reporter::metric(int64_t step, const std::string& split, const std::string& name, double value) const {
  if (callbacks_.metric == nullptr) return;
  df_metric m{step, split.c_str(), name.c_str(), value};
  callbacks_.metric(callbacks_.user_data, &m);
}

void Reporter::image(const std::string& name, int64_t step, int32_t height, int32_t width, int32_t channels,
                     const uint8_t* pixels) const {
  if (callbacks_.image == nullptr) return;
  df_image image{name.c_str(), step, height, width, channels, pixels};
  callbacks_.image(callbacks_.user_data, &image);
}

void Reporter::image_grid(const std::string& name, int64_t step, const torch::Tensor& images, double low, double high,
                          int64_t columns, int64_t padding) const {
  if (callbacks_.image == nullptr) return;
  torch::Tensor x = images.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  if (x.dim() != 4) invalid_argument("image grid: expected [n, channels, height, width] images");
  const int64_t n = x.size(0);
  const int64_t c = x.size(1);
  const int64_t h = x.size(2);
  const int64_t w = x.size(3);
  if (n == 0) return;
  if (columns <= 0) columns = static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  columns = std::min(columns, n);
  const int64_t rows = (n + columns - 1) / columns;
  const int64_t height = rows * (h + padding) + padding;
  const int64_t width = columns * (w + padding) + padding;
  std::vector<uint8_t> pixels(static_cast<size_t>(height * width * c), 0);
  const float* data = x.data_ptr<float>();
  const double scale = 1.0 / std::max(high - low, 1e-12);
  for (int64_t k = 0; k < n; ++k) {
    const int64_t top = (k / columns) * (h + padding) + padding;
    const int64_t left = (k % columns) * (w + padding) + padding;
    for (int64_t ch = 0; ch < c; ++ch) {
      for (int64_t i = 0; i < h; ++i) {
        for (int64_t j = 0; j < w; ++j) {
          // torchvision's make_grid(normalize, value_range) + save_image: clamp to [0, 1], * 255 + 0.5, truncate.
          double v = (static_cast<double>(data[((k * c + ch) * h + i) * w + j]) - low) * scale;
          v = std::min(1.0, std::max(0.0, v));
          pixels[static_cast<size_t>(((top + i) * width + left + j) * c + ch)] = static_cast<uint8_t>(v * 255 + 0.5);
        }
      }
    }
  }
  image(name, step, static_cast<int32_t>(height), static_cast<int32_t>(width), static_cast<int32_t>(c), pixels.data());
}

void Reporter::artifact(const std::string& name, int64_t step, const std::string& path) const {
  if (callbacks_.artifact == nullptr) return;
  df_artifact a{name.c_str(), step, path.c_str()};
  callbacks_.artifact(callbacks_.user_data, &a);
}

// ---- the running task ----------------------------------------------------------------------------------------------

TaskContext::TaskContext(std::string task, std::vector<RoleModel> models, const df_array* inputs, int32_t input_count,
                         const char* recipe_json, const df_task_callbacks* callbacks, const volatile int32_t* cancel,
                         df_task_result* result)
    : task_(std::move(task)), roles_(std::move(models)), inputs_(inputs, input_count),
      recipe_(parse_recipe(recipe_json)), reporter_(callbacks), cancel_(cancel), out_(result),
      started_(std::chrono::steady_clock::now()), cpu_started_(std::clock()) {
  if (recipe_.kind() != Json::Kind::Object) invalid_argument("recipe: expected a JSON object");
  if (out_ != nullptr) *out_ = result_;
}

void TaskContext::check_cancel(int64_t step, const char* unit) const {
  if (cancel_ != nullptr && __atomic_load_n(cancel_, __ATOMIC_RELAXED) != 0) {
    throw EngineError(DF_ERR_CANCELLED, "training was cancelled at " + std::string(unit) + " " + std::to_string(step));
  }
}

void TaskContext::check_diverged(double value, const std::string& what, int64_t step, const char* unit) {
  if (!std::isfinite(value)) {
    throw EngineError(DF_ERR_DIVERGED, "training diverged: " + what + " is " + std::to_string(value) + " at " + unit + " " +
                                           std::to_string(step) + " (try a lower learning rate)");
  }
}

void TaskContext::finish() {
  result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  result_.cpu_seconds = static_cast<double>(std::clock() - cpu_started_) / CLOCKS_PER_SEC;
  if (out_ != nullptr) *out_ = result_;
}

// ---- registry ------------------------------------------------------------------------------------------------------

namespace {

std::map<std::string, TaskFunction>& registry() {
  static std::map<std::string, TaskFunction> tasks;
  return tasks;
}

}  // namespace

TaskRegistration::TaskRegistration(const char* name, TaskFunction function) { registry()[name] = function; }

TaskFunction find_task(const std::string& name) {
  auto it = registry().find(name);
  if (it == registry().end()) invalid_argument("task: \"" + name + "\" is not one of " + task_names());
  return it->second;
}

const std::string& task_names() {
  static const std::string names = [] {
    std::string s;
    for (const auto& [name, function] : registry()) s += (s.empty() ? "" : ",") + name;
    return s;
  }();
  return names;
}

}  // namespace digitforge
