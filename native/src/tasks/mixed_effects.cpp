// Task "mixed_effects": the models ARMED compares on clustered data (specs/morpho-mixed-effects.md §2.2, §2.3), each a
// preset over the same chains-by-role. x = features, z = one-hot cluster membership (all zeros for an unseen cluster).
//
//   conventional        logits = head(fixed(x))
//   cluster_input       logits = head(fixed([x, z]))
//   mldg                conventional, trained by meta-learning domain generalisation (Li et al. 2018), FIRST-ORDER:
//                       per iteration one random meta-test cluster, `mldg_cluster_batch` rows of every seen cluster;
//                       theta' = theta - inner_lr * grad F(theta) (plain SGD), then the outer optimiser steps on
//                       grad F(theta) + grad G(theta') (the Hessian term of d G(theta')/d theta is dropped);
//                       with recipe "mldg_order": 2 SECOND-ORDER, as the paper: the outer step is on
//                       d/d theta [F(theta) + G(theta - inner_lr * grad F(theta))], differentiated through the inner
//                       step (create_graph); needs the trained models' parameters to live in linear layers (the MLP)
//   domain_adversarial  conventional + adversary(GradientReversal(fixed(x))) predicting the cluster; one optimiser step
//                       on CE(y) + CE(cluster) with the adversary's gradient reversed and scaled by adversary_weight
//                       into the fixed-effects branch (Ganin & Lempitsky)
//   me_mlp              h = fixed(x); s = random(z) (random slopes, one per feature of x); logits =
//                       head([h, mixed(s * x)]) (+ intercept(z) when that role is given); loss = CE + every
//                       random-effects layer's regulariser (KL weight * KL + L1 on the posterior means)
//   armed               me_mlp + fixed_head(h) (the fixed-effects-only prediction) + adversary(h) predicting the cluster.
//                       Per batch the adversary first takes a step on CE(adversary(h.detach()), cluster), then the
//                       model on fe_loss_weight * CE(fixed_head) + me_loss_weight * CE(mixed logits) -
//                       adversary_weight * CE(adversary(h), cluster) + regularisers.
//
// Models:  "fixed" (trained): x (or [x, z] for cluster_input) -> latent h [rows, width];
//          "head" (trained): h (or [h, mixed output]) -> logits [rows, classes];
//          "random" (me_mlp, armed; trained): z -> slopes [rows, x width], usually one random_effects layer;
//          "mixed" (me_mlp, armed; trained): s * x -> [rows, width'];
//          "intercept" (optional, me_mlp, armed): z -> [rows, classes] added to the logits;
//          "fixed_head" (armed): h -> logits; "adversary" (armed, domain_adversarial): h -> cluster logits [rows, K].
// Inputs:  "train_x" float32 [rows, d], "train_y" int64 [rows], "train_z" float32 [rows, K] (one-hot rows; the
//          mldg, armed and domain_adversarial presets need every training row in a cluster); evaluation sets
//          "<set>_x", "<set>_y", "<set>_z" (recipe "eval_sets", default "train" = the training rows, then every such
//          triple); prediction sets
//          "<set>_x", "<set>_z" (recipe "predict_sets").
// Recipe:  "model" (required, a preset above), "epochs" (required), "batch_size" (32), "seed" (42: shuffling and the
//          random-effects draws), "optimizer" (adam 1e-3; "adversary_optimizer" defaults to it), "eval_every" (epochs,
//          0: the last only), "eval_sets", "predict_sets" + "predictions_dir", "mldg_inner_learning_rate" (1e-3),
//          "mldg_cluster_batch" (4), "mldg_order" (1 | 2),
//          "effects_on" (input | latent: cluster_input concatenates z to fixed's output before the head, and the
//          random slopes multiply fixed's output instead of x, e.g. a CNN's penultimate features), "fe_loss_weight" (1), "me_loss_weight" (1), "adversary_weight" (0.5),
//          "threads", "output_dir" + "checkpoint_every" (epochs; 0: the last only), "resume_from", "fused" (true:
//          conventional, cluster_input on x and first-order mldg train on the CPU's hand-written path
//          (fused_sequential.h), domain_adversarial, me_mlp and armed with effects on x on layers/dense_cpu.h's, when
//          they cover the models (linear/relu chains, one random_effects layer per random role); false: always
//          libtorch autograd).
// Metrics: step = epoch (1-based, after it); split "epoch": "loss" (mean objective over the epoch's batches; for
//          mldg F + G), "adv_loss" (the adversary's cross-entropy, adversarial presets); split = the eval set:
//          "loss" (cross-entropy of the prediction), "acc", "balanced_acc" (mean per-class recall over the classes
//          present), "ref_balanced_acc" (medl's "balanced_accuracy": mean element-wise agreement of the
//          0.5-thresholded softmax with the one-hot labels).
// Artifacts: "predictions/<set>" = <predictions_dir>/predictions-<set>.f32, softmax probabilities float32
//          [rows, classes] row-major after the last epoch (evaluation mode: random effects at their posterior means);
//          checkpoints <output_dir>/epoch-NNNN/{<role>.pt..., state.pt}.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/nn/modules/linear.h>
#include <torch/utils.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "../fused_sequential.h"
#include "../layers/dense_cpu.h"
#include "../layers/random_effects.h"
#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;

enum class Preset { Conventional, ClusterInput, Mldg, DomainAdversarial, MeMlp, Armed };

struct Recipe {
  Preset preset = Preset::Conventional;
  std::string preset_name;
  int64_t epochs = 0;
  int64_t batch_size = 32;
  uint64_t seed = 42;
  OptimizerSpec optimizer;
  OptimizerSpec adversary_optimizer;
  int64_t eval_every = 0;
  bool eval_sets_given = false;
  std::vector<std::string> eval_sets;
  std::vector<std::string> predict_sets;
  std::string predictions_dir;
  double mldg_inner_lr = 1e-3;
  int64_t mldg_cluster_batch = 4;
  int64_t mldg_order = 1;
  bool effects_on_latent = false;
  double fe_loss_weight = 1;
  double me_loss_weight = 1;
  double adversary_weight = 0.5;
  int64_t threads = 0;
  bool fused = true;
  CheckpointSpec checkpoints;
};

std::vector<std::string> read_names(JsonObjectReader& r, const std::string& key, bool& given, bool train_allowed) {
  std::vector<std::string> names;
  given = false;
  if (const Json* sets = r.optional(key)) {
    if (sets->kind() != Json::Kind::Array) invalid_argument(r.field(key) + ": expected an array of set names");
    given = true;
    for (const Json& s : sets->items()) {
      if (s.kind() != Json::Kind::String || s.as_string().empty() || (!train_allowed && s.as_string() == "train")) {
        invalid_argument(r.field(key) + (train_allowed ? ": names must be non-empty strings" : ": names must be non-empty strings other than \"train\""));
      }
      names.push_back(s.as_string());
    }
  }
  return names;
}

Recipe parse(const Json& json) {
  JsonObjectReader r(json, "recipe");
  Recipe recipe;
  recipe.preset_name = r.string("model");
  static const std::vector<std::pair<std::string, Preset>> presets{
      {"conventional", Preset::Conventional}, {"cluster_input", Preset::ClusterInput},
      {"mldg", Preset::Mldg},                 {"domain_adversarial", Preset::DomainAdversarial},
      {"me_mlp", Preset::MeMlp},              {"armed", Preset::Armed}};
  auto found = std::find_if(presets.begin(), presets.end(), [&](const auto& p) { return p.first == recipe.preset_name; });
  if (found == presets.end()) {
    invalid_argument("recipe.model: \"" + recipe.preset_name +
                     "\" is not one of conventional, cluster_input, mldg, domain_adversarial, me_mlp, armed");
  }
  recipe.preset = found->second;
  recipe.epochs = r.integer("epochs", 0, kMaxCount);
  recipe.batch_size = r.integer_or("batch_size", recipe.batch_size, 1, kMaxCount);
  recipe.seed = r.unsigned_or("seed", recipe.seed);
  OptimizerSpec defaults;  // Keras' Adam: lr 1e-3, betas (0.9, 0.999); eps 1e-7 there, libtorch's 1e-8 here
  recipe.optimizer = read_optimizer(r, "optimizer", defaults);
  recipe.adversary_optimizer = r.has("adversary_optimizer") ? read_optimizer(r, "adversary_optimizer", recipe.optimizer)
                                                            : recipe.optimizer;
  recipe.eval_every = r.integer_or("eval_every", 0, 0, kMaxCount);
  recipe.eval_sets = read_names(r, "eval_sets", recipe.eval_sets_given, true);
  bool predict_given = false;
  recipe.predict_sets = read_names(r, "predict_sets", predict_given, false);
  recipe.predictions_dir = r.string_or("predictions_dir", "");
  if (!recipe.predict_sets.empty() && recipe.predictions_dir.empty()) {
    invalid_argument("recipe.predictions_dir: required with predict_sets");
  }
  recipe.mldg_inner_lr = r.number_or("mldg_inner_learning_rate", recipe.mldg_inner_lr, 0, 1e6);
  recipe.mldg_cluster_batch = r.integer_or("mldg_cluster_batch", recipe.mldg_cluster_batch, 1, kMaxCount);
  recipe.mldg_order = r.integer_or("mldg_order", recipe.mldg_order, 1, 2);
  const std::string effects_on = r.string_or("effects_on", "input");
  if (effects_on != "input" && effects_on != "latent") invalid_argument("recipe.effects_on: \"" + effects_on + "\" is not one of input, latent");
  recipe.effects_on_latent = effects_on == "latent";
  recipe.fe_loss_weight = r.number_or("fe_loss_weight", recipe.fe_loss_weight, 0, 1e6);
  recipe.me_loss_weight = r.number_or("me_loss_weight", recipe.me_loss_weight, 0, 1e6);
  recipe.adversary_weight = r.number_or("adversary_weight", recipe.adversary_weight, 0, 1e6);
  recipe.threads = r.integer_or("threads", 0, 0, 1024);
  recipe.checkpoints = read_checkpoints(r, 0);
  recipe.fused = r.boolean_or("fused", true);
  r.finish();
  return recipe;
}

// Reverses (and scales) the gradient flowing back into its input; the identity forward.
struct GradientReversal : public torch::autograd::Function<GradientReversal> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, double scale) {
    ctx->saved_data["scale"] = scale;
    return x.clone();
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    return {grads[0] * -ctx->saved_data["scale"].toDouble(), torch::Tensor()};
  }
};

struct Data {
  std::string name;
  torch::Tensor x;
  torch::Tensor y;        // undefined for prediction sets
  torch::Tensor z;
  torch::Tensor cluster;  // argmax of z, -1 for all-zero rows
};

// The preset's network over its roles.
class Network {
 public:
  Network(TaskContext& ctx, Preset preset, bool on_latent = false) : preset_(preset), on_latent_(on_latent) {
    Roles& roles = ctx.roles();
    fixed = &roles.trained("fixed");
    head = &roles.trained("head");
    std::vector<std::string> known{"fixed", "head"};
    if (mixed_effects()) {
      random = &roles.trained("random");
      mixed = &roles.trained("mixed");
      known.insert(known.end(), {"random", "mixed", "intercept"});
      intercept = optional_trained(roles, "intercept");
    }
    if (preset == Preset::Armed) {
      fixed_head = &roles.trained("fixed_head");
      known.push_back("fixed_head");
    }
    if (adversarial()) {
      adversary = &roles.trained("adversary");
      known.push_back("adversary");
    }
    roles.finish(ctx.task(), known);
  }

  bool mixed_effects() const { return preset_ == Preset::MeMlp || preset_ == Preset::Armed; }
  bool adversarial() const { return preset_ == Preset::Armed || preset_ == Preset::DomainAdversarial; }
  bool needs_clusters() const { return adversarial() || preset_ == Preset::Mldg; }

  // The trained models besides the adversary (which has its own optimiser in armed).
  std::vector<std::pair<std::string, Model*>> main_models() const {
    std::vector<std::pair<std::string, Model*>> m{{"fixed", fixed}, {"head", head}};
    if (random != nullptr) m.emplace_back("random", random);
    if (mixed != nullptr) m.emplace_back("mixed", mixed);
    if (intercept != nullptr) m.emplace_back("intercept", intercept);
    if (fixed_head != nullptr) m.emplace_back("fixed_head", fixed_head);
    if (adversary != nullptr && preset_ == Preset::DomainAdversarial) m.emplace_back("adversary", adversary);
    return m;
  }

  // Checks every role's widths against the data's and names the role that does not fit.
  void check_shapes(int64_t x_width, int64_t z_width, int64_t& classes) {
    auto flat_output = [](Model* m, const std::string& role) {
      if (m->output_shape().size() != 1) invalid_argument("models." + role + ": its output per row must be a vector");
      return m->output_shape()[0];
    };
    auto expect_input = [](Model* m, const std::string& role, int64_t width, const std::string& what) {
      if (m->input_size() != width) {
        invalid_argument("models." + role + ": takes " + std::to_string(m->input_size()) + " floats per row, but " + what +
                         " has " + std::to_string(width));
      }
    };
    const bool cluster_input = preset_ == Preset::ClusterInput && !on_latent_;
    expect_input(fixed, "fixed", cluster_input ? x_width + z_width : x_width, cluster_input ? "[x, z]" : "x");
    const int64_t h = flat_output(fixed, "fixed");
    int64_t head_in = preset_ == Preset::ClusterInput && on_latent_ ? h + z_width : h;
    if (mixed_effects()) {
      const int64_t sloped = on_latent_ ? h : x_width;
      const std::string what = on_latent_ ? "fixed's output" : "x";
      expect_input(random, "random", z_width, "z");
      if (flat_output(random, "random") != sloped) {
        invalid_argument("models.random: gives " + std::to_string(random->output_shape()[0]) +
                         " slopes per row; it must give one per feature of " + what + " (" + std::to_string(sloped) + ")");
      }
      expect_input(mixed, "mixed", sloped, "random(z) * " + what);
      head_in += flat_output(mixed, "mixed");
    }
    expect_input(head, "head", head_in,
                 mixed_effects() ? "[fixed, mixed]" : (preset_ == Preset::ClusterInput && on_latent_ ? "[fixed, z]" : "fixed's output"));
    classes = flat_output(head, "head");
    if (classes < 2) invalid_argument("models.head: needs at least 2 classes");
    if (intercept != nullptr) {
      expect_input(intercept, "intercept", z_width, "z");
      if (flat_output(intercept, "intercept") != classes) invalid_argument("models.intercept: must give one value per class");
    }
    if (fixed_head != nullptr) {
      expect_input(fixed_head, "fixed_head", h, "fixed's output");
      if (flat_output(fixed_head, "fixed_head") != classes) invalid_argument("models.fixed_head: must give one logit per class");
    }
    if (adversary != nullptr) {
      expect_input(adversary, "adversary", h, "fixed's output");
      if (flat_output(adversary, "adversary") != z_width) {
        invalid_argument("models.adversary: must give one logit per cluster (" + std::to_string(z_width) + ")");
      }
    }
  }

  struct Out {
    torch::Tensor logits;
    torch::Tensor latent;
    torch::Tensor fe_logits;  // armed
  };

  Out forward(const torch::Tensor& x, const torch::Tensor& z) const {
    Out out;
    const bool cluster_input = preset_ == Preset::ClusterInput;
    out.latent = fixed->net()->forward(cluster_input && !on_latent_ ? torch::cat({x, z}, 1) : x);
    if (!mixed_effects()) {
      out.logits = head->net()->forward(cluster_input && on_latent_ ? torch::cat({out.latent, z}, 1) : out.latent);
      return out;
    }
    torch::Tensor slopes = random->net()->forward(z);
    torch::Tensor re = mixed->net()->forward(slopes * (on_latent_ ? out.latent : x));
    out.logits = head->net()->forward(torch::cat({out.latent, re}, 1));
    if (intercept != nullptr) out.logits = out.logits + intercept->net()->forward(z);
    if (fixed_head != nullptr) out.fe_logits = fixed_head->net()->forward(out.latent);
    return out;
  }

  // One generator shared by every random-effects and dropout layer, so that they draw in turn from one stream, as from
  // the global one before.
  void set_generator(const at::Generator& generator) {
    for (Model* m : {fixed, head, random, mixed, intercept, fixed_head, adversary}) {
      if (m == nullptr) continue;
      m->set_generator(generator);
    }
  }

  torch::Tensor regularizer() const {
    torch::Tensor total;
    for (Model* m : {fixed, head, random, mixed, intercept, fixed_head}) {
      if (m == nullptr) continue;
      for (RandomEffectsImpl* re : random_effects_layers(*m->net())) {
        total = total.defined() ? total + re->regularizer() : re->regularizer();
      }
    }
    return total;
  }

  void set_training(bool training) {
    for (Model* m : {fixed, head, random, mixed, intercept, fixed_head, adversary}) {
      if (m != nullptr) m->net()->train(training);
    }
  }

  Model* fixed = nullptr;
  Model* head = nullptr;
  Model* random = nullptr;
  Model* mixed = nullptr;
  Model* intercept = nullptr;
  Model* fixed_head = nullptr;
  Model* adversary = nullptr;

 private:
  static Model* optional_trained(Roles& roles, const std::string& role) {
    // An optional trained role: present only when the caller passed it.
    try {
      return &roles.trained(role);
    } catch (const EngineError&) {
      return nullptr;
    }
  }
  Preset preset_;
  bool on_latent_;
};

class EvalGuard {
 public:
  explicit EvalGuard(Network& net) : net_(net) { net_.set_training(false); }
  ~EvalGuard() { net_.set_training(true); }
  EvalGuard(const EvalGuard&) = delete;
  EvalGuard& operator=(const EvalGuard&) = delete;

 private:
  Network& net_;
};

torch::Tensor clusters_of(const torch::Tensor& z) {
  torch::Tensor any = z.abs().sum(1) > 0;
  return torch::where(any, z.argmax(1), torch::full_like(any, -1, torch::kInt64));
}

struct Scores {
  double loss, acc, balanced, reference;
};

Scores score(const torch::Tensor& logits, const torch::Tensor& y, int64_t classes) {
  torch::Tensor pred = logits.argmax(1);
  const double loss = torch::cross_entropy_loss(logits, y).item<double>();
  const double acc = pred.eq(y).to(torch::kFloat64).mean().item<double>();
  double recall_sum = 0;
  int64_t present = 0;
  for (int64_t c = 0; c < classes; ++c) {
    torch::Tensor of_c = y.eq(c);
    const int64_t count = of_c.sum().item<int64_t>();
    if (count == 0) continue;
    recall_sum += static_cast<double>(pred.eq(c).logical_and(of_c).sum().item<int64_t>()) / static_cast<double>(count);
    ++present;
  }
  torch::Tensor thresholded = torch::softmax(logits, 1).gt(0.5);
  torch::Tensor onehot = torch::one_hot(y, classes).to(torch::kBool);
  const double reference = thresholded.eq(onehot).to(torch::kFloat64).mean().item<double>();
  return {loss, acc, present > 0 ? recall_sum / static_cast<double>(present) : std::nan(""), reference};
}


// Second-order MLDG needs the trained models' forward pass at theta' = theta - lr * grad F(theta) with theta' still a
// function of theta. The MLP's parameters all live in linear layers, whose forward reads their weight/bias members, so
// the step swaps those members for theta' and back (the registered parameters are untouched). Refuses models with
// parameters elsewhere (random effects, convolutions), naming the preset rule.
std::vector<torch::nn::LinearImpl*> linear_layers_of(const Network& net, const std::vector<torch::Tensor>& parameters) {
  std::vector<torch::nn::LinearImpl*> linears;
  size_t covered = 0;
  for (const auto& [role, model] : net.main_models()) {
    for (const auto& module : model->net()->modules(/*include_self=*/false)) {
      if (auto* linear = module->as<torch::nn::Linear>()) {
        linears.push_back(linear);
        covered += linear->bias.defined() ? 2 : 1;
      }
    }
  }
  if (covered != parameters.size()) {
    invalid_argument("recipe.mldg_order: second-order MLDG needs every trained parameter in a linear layer (" +
                     std::to_string(covered) + " of " + std::to_string(parameters.size()) + " are)");
  }
  return linears;
}

// One second-order MLDG objective: F on the meta-train rows, then G on the meta-test rows at theta' (with the graph
// through the inner step), returned for the caller's backward.
std::pair<torch::Tensor, torch::Tensor> mldg_second_order_step(const Network& net, const Data& train, const torch::Tensor& tr,
                                                               const torch::Tensor& meta_test,
                                                               const std::vector<torch::Tensor>& parameters,
                                                               const std::vector<torch::nn::LinearImpl*>& linears, double inner_lr) {
  torch::Tensor f = torch::cross_entropy_loss(net.forward(train.x.index_select(0, tr), train.z.index_select(0, tr)).logits,
                                              train.y.index_select(0, tr));
  std::vector<torch::Tensor> grads = torch::autograd::grad({f}, parameters, {}, /*retain_graph=*/true, /*create_graph=*/true,
                                                           /*allow_unused=*/true);
  std::map<const c10::TensorImpl*, torch::Tensor> stepped;
  for (size_t i = 0; i < parameters.size(); ++i) {
    stepped[parameters[i].unsafeGetTensorImpl()] = grads[i].defined() ? parameters[i] - inner_lr * grads[i] : parameters[i];
  }
  std::vector<std::pair<torch::Tensor, torch::Tensor>> originals;
  for (auto* linear : linears) {
    originals.emplace_back(linear->weight, linear->bias);
    linear->weight = stepped.at(linear->weight.unsafeGetTensorImpl());
    if (linear->bias.defined()) linear->bias = stepped.at(linear->bias.unsafeGetTensorImpl());
  }
  torch::Tensor gl;
  try {
    gl = torch::cross_entropy_loss(net.forward(train.x.index_select(0, meta_test), train.z.index_select(0, meta_test)).logits,
                                   train.y.index_select(0, meta_test));
  } catch (...) {
    for (size_t i = 0; i < linears.size(); ++i) std::tie(linears[i]->weight, linears[i]->bias) = originals[i];
    throw;
  }
  for (size_t i = 0; i < linears.size(); ++i) std::tie(linears[i]->weight, linears[i]->bias) = originals[i];
  return {f, gl};
}


// ME-MLP, ARMED and domain-adversarial on the hand-written CPU path (layers/dense_cpu.h): each role's linear/relu chain
// and the random-effects layers forward and backward by hand, the gradients into the shared latent summed there (the
// head's share, the fixed-effects head's, the adversary's reversed or negated), then the same optimisers. The
// random-effects draws are the autograd path's calls (randn_like on the posterior means, random slopes then
// intercepts), so both paths draw the same weights; results agree to float rounding (engine tests compare them).
class FusedHeads {
 public:
  static std::unique_ptr<FusedHeads> try_create(const Network& net, Preset preset, bool on_latent, std::string* reason) {
    if (on_latent) {
      if (reason != nullptr) *reason = "effects on the latent (a CNN backbone)";
      return nullptr;
    }
    auto f = std::unique_ptr<FusedHeads>(new FusedHeads(preset));
    auto chain = [&](Model* m, std::unique_ptr<cpu::DenseChain>& out) {
      if (m == nullptr) return true;
      out = cpu::DenseChain::try_create(*m, reason);
      return out != nullptr;
    };
    auto effects = [&](Model* m, std::unique_ptr<cpu::RandomEffectsCpu>& out) {
      if (m == nullptr) return true;
      out = cpu::RandomEffectsCpu::try_create(*m, reason);
      return out != nullptr;
    };
    if (!chain(net.fixed, f->fixed_) || !chain(net.head, f->head_) || !chain(net.mixed, f->mixed_) ||
        !chain(net.fixed_head, f->fixed_head_) || !chain(net.adversary, f->adversary_) || !effects(net.random, f->random_) ||
        !effects(net.intercept, f->intercept_)) {
      return nullptr;
    }
    return f;
  }

  // The training rows, once (contiguous on the CPU).
  void bind(const Data& train) {
    train_x_ = train.x.contiguous();
    train_y_ = train.y.contiguous();
    train_c_ = train.cluster.contiguous();
  }

  // Gathers the batch's rows (index null: rows start.. in order).
  void gather(const int64_t* index, int64_t start, int64_t rows) {
    const int64_t d = train_x_.size(1);
    x_.resize(static_cast<size_t>(rows * d));
    y_.resize(static_cast<size_t>(rows));
    c_.resize(static_cast<size_t>(rows));
    const float* x = train_x_.data_ptr<float>();
    const int64_t* y = train_y_.data_ptr<int64_t>();
    const int64_t* c = train_c_.data_ptr<int64_t>();
    for (int64_t i = 0; i < rows; ++i) {
      const int64_t row = index != nullptr ? index[i] : start + i;
      std::copy_n(x + row * d, d, x_.data() + i * d);
      y_[static_cast<size_t>(i)] = y[row];
      c_[static_cast<size_t>(i)] = c[row];
    }
    rows_ = rows;
    width_ = d;
  }

  // ARMED's first step: the adversary's cross-entropy on the latent (no gradient into fixed); writes the adversary's
  // gradients for its own optimiser and returns the loss.
  double adversary_step() {
    const float* h = fixed_->forward(x_.data(), rows_);
    const int64_t k = adversary_->out_size();
    const float* a = adversary_->forward(h, rows_);
    d_adv_.assign(static_cast<size_t>(rows_ * k), 0.0f);
    const double adv = cpu::cross_entropy(a, c_.data(), rows_, k, 1.0f, d_adv_.data());
    adversary_->backward(d_adv_.data(), nullptr, true);
    fixed_fresh_ = true;  // fixed's forward is this batch's (its weights do not change until the main step)
    return adv;
  }

  // The main objective's forward and backward: every main model's gradients overwritten. Returns the objective
  // (with the regularisers) and, for domain-adversarial, the adversary's cross-entropy in *adv.
  double main_step(const Recipe& recipe, double* adv_out) {
    const int64_t rows = rows_;
    const float* h = fixed_fresh_ ? fixed_->forward_output() : fixed_->forward(x_.data(), rows);
    fixed_fresh_ = false;
    const int64_t hw = fixed_->out_size();
    dh_.assign(static_cast<size_t>(rows * hw), 0.0f);
    double loss = 0;
    double reg = 0;
    if (preset_ == Preset::DomainAdversarial) {
      const int64_t classes = head_->out_size();
      const float* logits = head_->forward(h, rows);
      d_logits_.assign(static_cast<size_t>(rows * classes), 0.0f);
      loss += cpu::cross_entropy(logits, y_.data(), rows, classes, 1.0f, d_logits_.data());
      head_->backward(d_logits_.data(), dh_.data());
      const int64_t k = adversary_->out_size();
      const float* a = adversary_->forward(h, rows);
      d_adv_.assign(static_cast<size_t>(rows * k), 0.0f);
      const double adv = cpu::cross_entropy(a, c_.data(), rows, k, 1.0f, d_adv_.data());
      scratch_.resize(static_cast<size_t>(rows * hw));
      adversary_->backward(d_adv_.data(), scratch_.data(), true);
      const auto reverse = static_cast<float>(-recipe.adversary_weight);  // the gradient reversal
      for (size_t i = 0; i < dh_.size(); ++i) dh_[i] += reverse * scratch_[i];
      loss += adv;
      *adv_out = adv;
    } else {
      // h = fixed(x); s = random(z); logits = head([h, mixed(s * x)]) (+ intercept(z)).
      const int64_t d = width_;
      random_->draw();
      slopes_.resize(static_cast<size_t>(rows * d));
      random_->forward(c_.data(), rows, slopes_.data());
      sloped_.resize(slopes_.size());
      for (size_t i = 0; i < slopes_.size(); ++i) sloped_[i] = slopes_[i] * x_[i];
      const float* mo = mixed_->forward(sloped_.data(), rows);
      const int64_t mw = mixed_->out_size();
      const int64_t cw = hw + mw;
      concat_.resize(static_cast<size_t>(rows * cw));
      for (int64_t r = 0; r < rows; ++r) {
        std::copy_n(h + r * hw, hw, concat_.data() + r * cw);
        std::copy_n(mo + r * mw, mw, concat_.data() + r * cw + hw);
      }
      const int64_t classes = head_->out_size();
      const float* head_out = head_->forward(concat_.data(), rows);
      logits_.assign(head_out, head_out + rows * classes);
      if (intercept_) {
        intercept_->draw();
        scratch_.resize(static_cast<size_t>(rows * classes));
        intercept_->forward(c_.data(), rows, scratch_.data());
        for (size_t i = 0; i < logits_.size(); ++i) logits_[i] += scratch_[i];
      }
      const double me_weight = preset_ == Preset::Armed ? recipe.me_loss_weight : 1.0;
      d_logits_.assign(logits_.size(), 0.0f);
      loss += me_weight * cpu::cross_entropy(logits_.data(), y_.data(), rows, classes, static_cast<float>(me_weight), d_logits_.data());
      d_concat_.resize(concat_.size());
      head_->backward(d_logits_.data(), d_concat_.data());
      d_mixed_.resize(static_cast<size_t>(rows * mw));
      for (int64_t r = 0; r < rows; ++r) {
        std::copy_n(d_concat_.data() + r * cw, hw, dh_.data() + r * hw);
        std::copy_n(d_concat_.data() + r * cw + hw, mw, d_mixed_.data() + r * mw);
      }
      d_sloped_.resize(sloped_.size());
      mixed_->backward(d_mixed_.data(), d_sloped_.data());
      for (size_t i = 0; i < d_sloped_.size(); ++i) d_sloped_[i] *= x_[i];  // d slopes
      reg += random_->backward(c_.data(), d_sloped_.data(), rows);
      if (intercept_) reg += intercept_->backward(c_.data(), d_logits_.data(), rows);
      if (preset_ == Preset::Armed) {
        // + fe_loss_weight * CE(fixed_head(h)) - adversary_weight * CE(adversary(h), cluster).
        const float* fe = fixed_head_->forward(h, rows);
        d_fe_.assign(static_cast<size_t>(rows * classes), 0.0f);
        loss += recipe.fe_loss_weight *
                cpu::cross_entropy(fe, y_.data(), rows, classes, static_cast<float>(recipe.fe_loss_weight), d_fe_.data());
        scratch_.resize(static_cast<size_t>(rows * hw));
        fixed_head_->backward(d_fe_.data(), scratch_.data());
        for (size_t i = 0; i < dh_.size(); ++i) dh_[i] += scratch_[i];
        const int64_t k = adversary_->out_size();
        const float* a = adversary_->forward(h, rows);
        d_adv_.assign(static_cast<size_t>(rows * k), 0.0f);
        loss -= recipe.adversary_weight *
                cpu::cross_entropy(a, c_.data(), rows, k, static_cast<float>(-recipe.adversary_weight), d_adv_.data());
        adversary_->backward(d_adv_.data(), scratch_.data(), false);  // the adversary's own gradients are not the model's
        for (size_t i = 0; i < dh_.size(); ++i) dh_[i] += scratch_[i];
      }
    }
    fixed_->backward(dh_.data(), nullptr);
    return loss + reg;
  }

 private:
  explicit FusedHeads(Preset preset) : preset_(preset) {}
  Preset preset_;
  std::unique_ptr<cpu::DenseChain> fixed_, head_, mixed_, fixed_head_, adversary_;
  std::unique_ptr<cpu::RandomEffectsCpu> random_, intercept_;
  torch::Tensor train_x_, train_y_, train_c_;
  std::vector<float> x_;
  std::vector<int64_t> y_, c_;
  int64_t rows_ = 0;
  int64_t width_ = 0;
  bool fixed_fresh_ = false;
  std::vector<float> dh_, d_logits_, d_adv_, d_fe_, scratch_, slopes_, sloped_, concat_, logits_, d_concat_, d_mixed_,
      d_sloped_;
};

void run_mixed_effects(TaskContext& ctx) {
  const Recipe recipe = parse(ctx.recipe());
  Network net(ctx, recipe.preset, recipe.effects_on_latent);
  Inputs& inputs = ctx.inputs();
  const InputArray* tx = inputs.find("train_x");
  const InputArray* tz = inputs.find("train_z");
  if (tx == nullptr) invalid_argument("inputs.train_x: missing");
  if (tz == nullptr) invalid_argument("inputs.train_z: missing (one-hot cluster membership [rows, clusters])");
  if (tx->shape.size() != 2) invalid_argument("inputs.train_x: expected [rows, features]");
  if (tz->shape.size() != 2) invalid_argument("inputs.train_z: expected [rows, clusters]");
  const int64_t x_width = tx->shape[1];
  const int64_t z_width = tz->shape[1];
  int64_t classes = 0;
  net.check_shapes(x_width, z_width, classes);

  const torch::Device device = net.fixed->device();
  auto load = [&](const std::string& set, bool labelled) {
    Data d;
    d.name = set;
    d.x = inputs.floats(set + "_x", x_width, "x");
    if (!inputs.has(set + "_z")) invalid_argument("inputs." + set + "_z: missing (the set " + set + " has an _x)");
    d.z = inputs.floats(set + "_z", z_width, "z");
    if (d.z.size(0) != d.x.size(0)) {
      invalid_argument("inputs." + set + "_z: " + std::to_string(d.z.size(0)) + " rows, but " + set + "_x has " +
                       std::to_string(d.x.size(0)));
    }
    torch::Tensor nonbinary = d.z.ne(0).logical_and(d.z.ne(1));
    if (nonbinary.any().item<bool>() || (d.z.sum(1) > 1).any().item<bool>()) {
      invalid_argument("inputs." + set + "_z: rows must be one-hot (or all zeros for an unseen cluster)");
    }
    if (labelled) d.y = inputs.labels(set + "_y", d.x.size(0), classes).to(device);
    d.cluster = clusters_of(d.z).to(device);
    d.x = d.x.to(device);
    d.z = d.z.to(device);
    return d;
  };
  Data train = load("train", true);
  if (train.x.size(0) == 0) invalid_argument("inputs.train_x: no rows");
  if (net.needs_clusters() && train.cluster.lt(0).any().item<bool>()) {
    invalid_argument("inputs.train_z: the " + recipe.preset_name + " model needs every training row in a cluster (one-hot)");
  }
  std::vector<std::string> eval_names = recipe.eval_sets;
  if (!recipe.eval_sets_given) {
    eval_names.push_back("train");
    for (const auto& a : inputs.all()) {
      const std::string& n = a.name;
      if (n.size() > 2 && n.compare(n.size() - 2, 2, "_y") == 0 && n != "train_y") eval_names.push_back(n.substr(0, n.size() - 2));
    }
  }
  std::vector<Data> evals;
  for (const auto& name : eval_names) {
    if (name == "train") {
      evals.push_back(train);  // the training rows themselves
      continue;
    }
    if (!inputs.has(name + "_x")) invalid_argument("recipe.eval_sets: no input " + name + "_x for the set " + name);
    evals.push_back(load(name, true));
  }
  std::vector<Data> predicts;
  for (const auto& name : recipe.predict_sets) {
    if (!inputs.has(name + "_x")) invalid_argument("recipe.predict_sets: no input " + name + "_x for the set " + name);
    predicts.push_back(load(name, false));
  }
  inputs.finish(ctx.task());

  ctx.result().threads = apply_threads(recipe.threads);
  // The random-effects draws come from a generator of this task's own, seeded as libtorch's global one was before
  // (the same numbers): jobs training at once in this process (a grid's configurations) must not share a stream.
  at::Generator rng = task_generator(recipe.seed);
  net.set_generator(rng);
  const int64_t n = train.x.size(0);
  Batcher batcher(n, recipe.batch_size, true, false, false, recipe.seed);
  std::vector<std::unique_ptr<TaskOptimizer>> optimizers;
  std::vector<TrainedModel> trained;
  for (const auto& [role, model] : net.main_models()) {
    optimizers.push_back(std::make_unique<TaskOptimizer>(*model, recipe.optimizer));
    trained.push_back({role, model, optimizers.back().get()});
  }
  std::unique_ptr<TaskOptimizer> adversary_optimizer;
  if (recipe.preset == Preset::Armed) {
    adversary_optimizer = std::make_unique<TaskOptimizer>(*net.adversary, recipe.adversary_optimizer);
    trained.push_back({"adversary", net.adversary, adversary_optimizer.get()});
  }
  net.set_training(true);

  // MLDG: the rows of each seen cluster.
  std::vector<torch::Tensor> cluster_rows;
  int64_t mldg_per_epoch = 0;
  if (recipe.preset == Preset::Mldg) {
    for (int64_t c = 0; c < z_width; ++c) {
      torch::Tensor rows = train.cluster.eq(c).nonzero().flatten();
      if (rows.numel() > 0) cluster_rows.push_back(rows);
    }
    if (cluster_rows.size() < 2) invalid_argument("inputs.train_z: mldg needs at least two seen clusters (one meta-test, the rest meta-train)");
    const int64_t per_iteration = recipe.mldg_cluster_batch * static_cast<int64_t>(cluster_rows.size());
    mldg_per_epoch = std::max<int64_t>(1, (n + per_iteration - 1) / per_iteration);
  }

  int64_t epoch = 0;
  int64_t updates = 0;
  if (!recipe.checkpoints.resume_from.empty()) {
    CheckpointState state = load_checkpoint(ctx.task(), recipe.checkpoints.resume_from, trained,
                                            [&](torch::serialize::InputArchive& a) { batcher.load(a); });
    epoch = state.counters["epoch"];
    updates = state.counters["updates"];
    if (epoch > recipe.epochs) {
      invalid_argument("recipe.resume_from: the checkpoint is at epoch " + std::to_string(epoch) + ", past recipe.epochs " +
                       std::to_string(recipe.epochs));
    }
    restore_task_generator(state, rng);
  }
  ctx.result().epochs = epoch;
  ctx.result().updates = updates;
  const Reporter& report = ctx.reporter();
  auto checkpoint = [&](int64_t at_epoch) {
    CheckpointState state;
    state.counters["epoch"] = at_epoch;
    state.counters["updates"] = updates;
    save_task_generator(state, rng);
    save_checkpoint(ctx.task(), recipe.checkpoints, "epoch", at_epoch, trained, state,
                    [&](torch::serialize::OutputArchive& a) { batcher.save(a); }, report);
  };
  auto zero_all = [&] {
    for (auto& o : optimizers) o->zero_grad();
  };
  auto step_all = [&] {
    for (auto& o : optimizers) o->step();
  };
  std::vector<torch::Tensor> main_parameters;
  for (const auto& [role, model] : net.main_models()) {
    for (auto& p : model->net()->parameters()) main_parameters.push_back(p);
  }
  std::vector<torch::nn::LinearImpl*> linears;
  if (recipe.preset == Preset::Mldg && recipe.mldg_order == 2) linears = linear_layers_of(net, main_parameters);

  // The presets that are one MLP without random effects or an adversary (conventional, cluster input on x,
  // first-order MLDG) train on the hand-written CPU path (fused_sequential.h): forward, cross-entropy and backward
  // through fixed then head in a few small GEMMs, instead of ~40 libtorch ops through autograd whose fixed per-op cost
  // is nearly all of a step with 4-unit layers. Same maths, sums in another order: results agree to rounding, not bit
  // for bit (engine tests compare both paths). The optimisers, batches and draws are the autograd path's.
  std::unique_ptr<FusedSequential> fused;
  if (recipe.fused && (recipe.preset == Preset::Conventional || (recipe.preset == Preset::Mldg && recipe.mldg_order == 1) ||
                       (recipe.preset == Preset::ClusterInput && !recipe.effects_on_latent))) {
    fused = FusedSequential::try_create_chain({net.fixed, net.head}, nullptr);
  }
  std::unique_ptr<FusedHeads> heads;
  if (recipe.fused && (recipe.preset == Preset::MeMlp || recipe.preset == Preset::Armed || recipe.preset == Preset::DomainAdversarial)) {
    heads = FusedHeads::try_create(net, recipe.preset, recipe.effects_on_latent, nullptr);
    if (heads) heads->bind(train);
  }
  ctx.result().fused = fused || heads ? 1 : 0;
  torch::Tensor fused_x;
  torch::Tensor fused_y;
  if (fused) {
    fused_x = (recipe.preset == Preset::ClusterInput ? torch::cat({train.x, train.z}, 1) : train.x).contiguous();
    fused_y = train.y.contiguous();
  }
  const int64_t fused_width = fused ? fused_x.size(1) : 0;
  std::vector<float> gathered_x;
  std::vector<int64_t> gathered_y;
  auto gather = [&](const int64_t* index, int64_t start, int64_t rows) {
    gathered_x.resize(static_cast<size_t>(rows * fused_width));
    gathered_y.resize(static_cast<size_t>(rows));
    const float* x = fused_x.data_ptr<float>();
    const int64_t* y = fused_y.data_ptr<int64_t>();
    for (int64_t i = 0; i < rows; ++i) {
      const int64_t row = index != nullptr ? index[i] : start + i;
      std::copy_n(x + row * fused_width, fused_width, gathered_x.data() + i * fused_width);
      gathered_y[static_cast<size_t>(i)] = y[row];
    }
  };
  // First-order MLDG on the fused path: each seen cluster's rows on the host, and the parameters' saved values and
  // grad F between the two passes.
  std::vector<std::vector<int64_t>> host_cluster_rows;
  if (fused && recipe.preset == Preset::Mldg) {
    for (const auto& rows : cluster_rows) {
      torch::Tensor r = rows.contiguous().to(torch::kCPU);
      host_cluster_rows.emplace_back(r.data_ptr<int64_t>(), r.data_ptr<int64_t>() + r.numel());
    }
  }
  std::vector<std::vector<float>> saved_values(main_parameters.size());
  std::vector<std::vector<float>> saved_grads(main_parameters.size());
  std::vector<int64_t> meta_train_rows;
  std::vector<int64_t> meta_test_rows;

  for (; epoch < recipe.epochs; ++epoch) {
    double loss_sum = 0;
    double adv_sum = 0;
    int64_t batches = 0;
    if (recipe.preset == Preset::Mldg) {
      // Per epoch a generator keyed by (seed, epoch): a resumed run draws the same meta-splits.
      at::Generator g = at::make_generator<at::CPUGeneratorImpl>(recipe.seed * 1000003ULL + static_cast<uint64_t>(epoch) + 1);
      const int64_t k = static_cast<int64_t>(cluster_rows.size());
      for (int64_t it = 0; it < mldg_per_epoch; ++it) {
        ctx.check_cancel(updates);
        if (fused) {
          // The draws torch::randint makes below, straight from the generator: random() % range (ATen's
          // uniform_int_from_to_distribution for ranges under 2^32), in the same order.
          auto* gen = at::check_generator<at::CPUGeneratorImpl>(g);
          const int64_t k_clusters = static_cast<int64_t>(host_cluster_rows.size());
          const auto test_cluster = static_cast<int64_t>(gen->random() % static_cast<uint64_t>(k_clusters));
          meta_train_rows.clear();
          meta_test_rows.clear();
          for (int64_t c = 0; c < k_clusters; ++c) {
            const std::vector<int64_t>& rows = host_cluster_rows[static_cast<size_t>(c)];
            for (int64_t j = 0; j < recipe.mldg_cluster_batch; ++j) {
              const int64_t row = rows[static_cast<size_t>(gen->random() % static_cast<uint64_t>(rows.size()))];
              (c == test_cluster ? meta_test_rows : meta_train_rows).push_back(row);
            }
          }
          const auto n_train = static_cast<int64_t>(meta_train_rows.size());
          const auto n_test = static_cast<int64_t>(meta_test_rows.size());
          gather(meta_train_rows.data(), 0, n_train);
          const BatchScore f = fused->train_step(gathered_x.data(), gathered_y.data(), n_train);
          const auto inner_lr = static_cast<float>(recipe.mldg_inner_lr);
          for (size_t i = 0; i < main_parameters.size(); ++i) {
            float* w = main_parameters[i].data_ptr<float>();
            const float* gr = main_parameters[i].grad().data_ptr<float>();
            const auto n_values = static_cast<size_t>(main_parameters[i].numel());
            saved_values[i].assign(w, w + n_values);
            saved_grads[i].assign(gr, gr + n_values);
            for (size_t j = 0; j < n_values; ++j) w[j] -= gr[j] * inner_lr;  // the inner SGD step
          }
          gather(meta_test_rows.data(), 0, n_test);
          const BatchScore gl = fused->train_step(gathered_x.data(), gathered_y.data(), n_test);  // grads = grad G(theta')
          for (size_t i = 0; i < main_parameters.size(); ++i) {
            float* w = main_parameters[i].data_ptr<float>();
            float* gr = main_parameters[i].mutable_grad().data_ptr<float>();
            std::copy(saved_values[i].begin(), saved_values[i].end(), w);
            for (size_t j = 0; j < saved_grads[i].size(); ++j) gr[j] += saved_grads[i][j];
          }
          step_all();
          loss_sum += f.loss_sum / static_cast<double>(n_train) + gl.loss_sum / static_cast<double>(n_test);
          ++batches;
          ++updates;
          continue;
        }
        const int64_t test_cluster = torch::randint(k, {1}, g, torch::kInt64).item<int64_t>();
        std::vector<torch::Tensor> meta_train;
        torch::Tensor meta_test;
        for (int64_t c = 0; c < k; ++c) {
          const torch::Tensor& rows = cluster_rows[static_cast<size_t>(c)];
          torch::Tensor pick = rows.index_select(0, torch::randint(rows.numel(), {recipe.mldg_cluster_batch}, g, torch::kInt64));
          if (c == test_cluster) {
            meta_test = pick;
          } else {
            meta_train.push_back(pick);
          }
        }
        torch::Tensor tr = torch::cat(meta_train);
        if (recipe.mldg_order == 2) {
          const auto [f, gl] = mldg_second_order_step(net, train, tr, meta_test, main_parameters, linears, recipe.mldg_inner_lr);
          zero_all();
          (f + gl).backward();
          step_all();
          loss_sum += f.item<double>() + gl.item<double>();
          ++batches;
          ++updates;
          continue;
        }
        zero_all();
        torch::Tensor f = torch::cross_entropy_loss(net.forward(train.x.index_select(0, tr), train.z.index_select(0, tr)).logits,
                                                    train.y.index_select(0, tr));
        f.backward();
        std::vector<torch::Tensor> saved;
        std::vector<torch::Tensor> grad_f;
        {
          torch::NoGradGuard no_grad;
          for (auto& p : main_parameters) {
            saved.push_back(p.detach().clone());
            grad_f.push_back(p.grad().defined() ? p.grad().detach().clone() : torch::zeros_like(p));
            p.sub_(grad_f.back() * recipe.mldg_inner_lr);  // the inner SGD step
          }
        }
        zero_all();
        torch::Tensor gl = torch::cross_entropy_loss(
            net.forward(train.x.index_select(0, meta_test), train.z.index_select(0, meta_test)).logits,
            train.y.index_select(0, meta_test));
        gl.backward();
        {
          torch::NoGradGuard no_grad;
          for (size_t i = 0; i < main_parameters.size(); ++i) {
            main_parameters[i].copy_(saved[i]);
            if (main_parameters[i].grad().defined()) main_parameters[i].mutable_grad().add_(grad_f[i]);
          }
        }
        step_all();
        loss_sum += f.item<double>() + gl.item<double>();
        ++batches;
        ++updates;
      }
    } else {
      for (int64_t b = 0; b < batcher.per_pass(); ++b) {
        ctx.check_cancel(updates);
        // The hand-written paths gather by the index pointer; only autograd needs the index as a tensor.
        const Batcher::Batch batch = batcher.at(epoch * batcher.per_pass() + b, !fused && !heads);
        if (fused) {
          gather(batch.index, batch.start, batch.rows);
          const BatchScore s = fused->train_step(gathered_x.data(), gathered_y.data(), batch.rows);  // grads overwritten
          step_all();
          loss_sum += s.loss_sum / static_cast<double>(batch.rows);
          ++batches;
          ++updates;
          continue;
        }
        if (heads) {
          heads->gather(batch.index, batch.start, batch.rows);
          if (recipe.preset == Preset::Armed) {
            adv_sum += heads->adversary_step();  // the adversary's gradients overwritten
            adversary_optimizer->step();
          }
          double adv = 0;
          loss_sum += heads->main_step(recipe, &adv);  // every main model's gradients overwritten
          if (recipe.preset == Preset::DomainAdversarial) adv_sum += adv;
          step_all();
          ++batches;
          ++updates;
          continue;
        }
        torch::Tensor xb = batcher.take(train.x, batch);
        torch::Tensor zb = batcher.take(train.z, batch);
        torch::Tensor yb = batcher.take(train.y, batch);
        torch::Tensor loss;
        if (recipe.preset == Preset::Armed) {
          torch::Tensor cb = batcher.take(train.cluster, batch);
          // 1. the adversary on the detached latent.
          torch::Tensor latent;
          {
            torch::NoGradGuard no_grad;
            latent = net.fixed->net()->forward(xb);
          }
          adversary_optimizer->zero_grad();
          torch::Tensor adv = torch::cross_entropy_loss(net.adversary->net()->forward(latent), cb);
          adv.backward();
          adversary_optimizer->step();
          adv_sum += adv.item<double>();
          // 2. the model: both predictions, against the adversary.
          Network::Out out = net.forward(xb, zb);
          torch::Tensor fooled = torch::cross_entropy_loss(net.adversary->net()->forward(out.latent), cb);
          loss = torch::cross_entropy_loss(out.fe_logits, yb) * recipe.fe_loss_weight +
                 torch::cross_entropy_loss(out.logits, yb) * recipe.me_loss_weight - fooled * recipe.adversary_weight;
        } else if (recipe.preset == Preset::DomainAdversarial) {
          torch::Tensor cb = batcher.take(train.cluster, batch);
          Network::Out out = net.forward(xb, zb);
          torch::Tensor reversed = GradientReversal::apply(out.latent, recipe.adversary_weight);
          torch::Tensor adv = torch::cross_entropy_loss(net.adversary->net()->forward(reversed), cb);
          loss = torch::cross_entropy_loss(out.logits, yb) + adv;
          adv_sum += adv.item<double>();
        } else {
          loss = torch::cross_entropy_loss(net.forward(xb, zb).logits, yb);
        }
        if (net.mixed_effects()) {
          torch::Tensor reg = net.regularizer();
          if (reg.defined()) loss = loss + reg;
        }
        zero_all();
        loss.backward();
        step_all();
        loss_sum += loss.item<double>();
        ++batches;
        ++updates;
      }
    }
    const double mean_loss = loss_sum / static_cast<double>(std::max<int64_t>(batches, 1));
    TaskContext::check_diverged(mean_loss, "the training loss", epoch + 1, "epoch");
    report.metric(epoch + 1, "epoch", "loss", mean_loss);
    if (net.adversarial()) report.metric(epoch + 1, "epoch", "adv_loss", adv_sum / static_cast<double>(std::max<int64_t>(batches, 1)));
    ctx.result().epochs = epoch + 1;
    ctx.result().updates = updates;
    const bool last = epoch + 1 == recipe.epochs;
    if (last || (recipe.eval_every > 0 && (epoch + 1) % recipe.eval_every == 0)) {
      torch::NoGradGuard no_grad;
      EvalGuard eval(net);
      for (const Data& d : evals) {
        if (d.x.size(0) == 0) continue;
        Scores s = score(net.forward(d.x, d.z).logits, d.y, classes);
        report.metric(epoch + 1, d.name, "loss", s.loss);
        report.metric(epoch + 1, d.name, "acc", s.acc);
        report.metric(epoch + 1, d.name, "balanced_acc", s.balanced);
        report.metric(epoch + 1, d.name, "ref_balanced_acc", s.reference);
      }
    }
    if (!recipe.checkpoints.output_dir.empty() &&
        (last || (recipe.checkpoints.every > 0 && (epoch + 1) % recipe.checkpoints.every == 0))) {
      checkpoint(epoch + 1);
    }
  }

  if (!predicts.empty()) {
    torch::NoGradGuard no_grad;
    EvalGuard eval(net);
    for (const Data& d : predicts) {
      torch::Tensor probs = torch::softmax(net.forward(d.x, d.z).logits, 1).contiguous().to(torch::kCPU);
      const std::string path = recipe.predictions_dir + "/predictions-" + d.name + ".f32";
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(probs.data_ptr<float>()), static_cast<std::streamsize>(probs.numel() * sizeof(float)));
      if (!out) throw EngineError(DF_ERR_IO, "recipe.predictions_dir: cannot write " + path);
      report.artifact("predictions/" + d.name, recipe.epochs, path);
    }
  }
}

}  // namespace

DF_REGISTER_TASK("mixed_effects", run_mixed_effects);

}  // namespace digitforge
