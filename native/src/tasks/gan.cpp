// Task "gan": a GAN (DCGAN in ../shared/specs/gasten.md §2) with an optional frozen classifier in the generator's
// loss (GASTeN step 2: L_G = BCE(D(G(z)), 1) + classifier_weight * mean |0.5 - C(G(z))|, gradients through C).
//
// Models:  "generator" (trained): noise [rows, z_dim] -> images with the discriminator's input shape;
//          "discriminator" (trained): images -> one value per row (a probability for loss "ns" unless
//          "discriminator_output" is "logit"; a raw critic value for "wgan-gp");
//          "classifier" (optional, frozen): images -> one probability / logit per row, or logits of several classes
//          ("classifier_output" softmax, column "classifier_class").
// Inputs:  "train_x" float32 [rows, ...] real images (rows x the discriminator's input size, e.g. in [-1, 1]);
//          "fixed_noise" float32 [n, z_dim] (optional) for the sample grid, else "sample_count" rows drawn from
//          "sample_seed".
// Recipe:  "epochs" (required; 0 = only the untrained epoch-0 samples and checkpoint), "batch_size" (64),
//          "drop_last" (true), "batch_order" (shuffled), "seed" (42: batches, noise, dropout), "disc_iters" (1:
//          discriminator steps per generator step), "z_dim" (default: the generator's input size), "loss" ("ns" |
//          "wgan-gp"), "gp_lambda" (10), "optimizer" (adam 2e-4, betas [0.5, 0.999]; "g_optimizer" /
//          "d_optimizer" override it per model), "schedule" (over generator steps), "classifier_weight" (0),
//          "classifier_weight_mode" (constant | mgda: the min-norm convex combination of the two terms' generator
//          gradients, Sener & Koltun 2018, instead of classifier_weight | mgda:norm: the same with each gradient first
//          divided by its loss x its L2 norm, GASTeN's normalize=True), "classifier_output" (probability | logit |
//          softmax), "classifier_class" (1), "discriminator_output"
//          (probability | logit), "sample_count" (64), "sample_seed" (seed + 2), "sample_columns" (0 = square),
//          "threads", "output_dir" + "checkpoint_every" (epochs, default 1; epoch 0 and the last always),
//          "resume_from".
// Metrics: step = epoch, split "train": "d_loss", "g_loss" (epoch means of the per-iteration losses), "d_x" and
//          "d_g_z" (means of D on the real and the fake batches of the discriminator steps; probabilities for "ns"),
//          and with a classifier "g_adv_loss" (the adversarial part of g_loss) and "g_conf_dist" (mean |0.5 - C|);
//          with mgda "scale1" and "scale2" (epoch means of the two terms' scales);
//          "gp" for wgan-gp.
// Images:  "samples" at epoch 0 (before training) and after every epoch: the generator (evaluation mode) on the
//          fixed noise, tanh range [-1, 1] mapped to 0..255, tiled 8 x 8 for 64 samples.
// Artifacts: checkpoints <output_dir>/epoch-NNNN/{generator.pt, discriminator.pt, state.pt}; generator.pt and
//          discriminator.pt load alone with df_model_load (GASTeN's step 2 reloads them with fresh optimisers).
#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/utils.h>

#include <cmath>

#include "../scaffold/scaffold.h"

namespace digitforge {

namespace {

constexpr int64_t kMaxCount = int64_t{1} << 40;

struct Recipe {
  int64_t epochs = 0;
  int64_t batch_size = 64;
  bool drop_last = true;
  bool shuffled = true;
  uint64_t seed = 42;
  int64_t disc_iters = 1;
  int64_t z_dim = 0;
  bool wgan = false;
  double gp_lambda = 10;
  OptimizerSpec g_optimizer;
  OptimizerSpec d_optimizer;
  ScheduleSpec schedule;
  double classifier_weight = 0;
  bool mgda = false;
  bool mgda_normalize = false;
  std::string classifier_output = "probability";
  int64_t classifier_class = 1;
  bool discriminator_logit = false;
  int64_t sample_count = 64;
  uint64_t sample_seed = 0;
  int64_t sample_columns = 0;
  int64_t threads = 0;
  CheckpointSpec checkpoints;
};

Recipe parse(const Json& json) {
  JsonObjectReader r(json, "recipe");
  Recipe recipe;
  recipe.epochs = r.integer("epochs", 0, kMaxCount);
  recipe.batch_size = r.integer_or("batch_size", recipe.batch_size, 1, kMaxCount);
  recipe.drop_last = r.boolean_or("drop_last", true);
  const std::string order = r.string_or("batch_order", "shuffled");
  if (order != "sequential" && order != "shuffled") {
    invalid_argument("recipe.batch_order: \"" + order + "\" is not one of sequential, shuffled");
  }
  recipe.shuffled = order == "shuffled";
  recipe.seed = r.unsigned_or("seed", recipe.seed);
  recipe.disc_iters = r.integer_or("disc_iters", 1, 1, 1000);
  recipe.z_dim = r.integer_or("z_dim", 0, 1, int64_t{1} << 24);
  const std::string loss = r.string_or("loss", "ns");
  if (loss != "ns" && loss != "wgan-gp") invalid_argument("recipe.loss: \"" + loss + "\" is not one of ns, wgan-gp");
  recipe.wgan = loss == "wgan-gp";
  recipe.gp_lambda = r.number_or("gp_lambda", recipe.gp_lambda, 0, 1e6);
  OptimizerSpec defaults;
  defaults.learning_rate = 2e-4;
  defaults.beta1 = 0.5;
  defaults.beta2 = 0.999;
  OptimizerSpec shared = read_optimizer(r, "optimizer", defaults);
  recipe.g_optimizer = r.has("g_optimizer") ? read_optimizer(r, "g_optimizer", shared) : shared;
  recipe.d_optimizer = r.has("d_optimizer") ? read_optimizer(r, "d_optimizer", shared) : shared;
  recipe.schedule = read_schedule(r);
  recipe.classifier_weight = r.number_or("classifier_weight", 0, 0, 1e6);
  const std::string weight_mode = r.string_or("classifier_weight_mode", "constant");
  if (weight_mode != "constant" && weight_mode != "mgda" && weight_mode != "mgda:norm") {
    invalid_argument("recipe.classifier_weight_mode: \"" + weight_mode + "\" is not one of constant, mgda, mgda:norm");
  }
  recipe.mgda = weight_mode != "constant";
  recipe.mgda_normalize = weight_mode == "mgda:norm";
  recipe.classifier_output = r.string_or("classifier_output", recipe.classifier_output);
  if (recipe.classifier_output != "probability" && recipe.classifier_output != "logit" && recipe.classifier_output != "softmax") {
    invalid_argument("recipe.classifier_output: \"" + recipe.classifier_output + "\" is not one of probability, logit, softmax");
  }
  recipe.classifier_class = r.integer_or("classifier_class", 1, 0, 1 << 20);
  const std::string d_output = r.string_or("discriminator_output", "probability");
  if (d_output != "probability" && d_output != "logit") {
    invalid_argument("recipe.discriminator_output: \"" + d_output + "\" is not one of probability, logit");
  }
  recipe.discriminator_logit = d_output == "logit";
  recipe.sample_count = r.integer_or("sample_count", 64, 0, 4096);
  recipe.sample_seed = r.unsigned_or("sample_seed", recipe.seed + 2);
  recipe.sample_columns = r.integer_or("sample_columns", 0, 0, 4096);
  recipe.threads = r.integer_or("threads", 0, 0, 1024);
  recipe.checkpoints = read_checkpoints(r, 1);
  r.finish();
  return recipe;
}

// [c, h, w] of the images the discriminator takes.
std::vector<int64_t> image_shape(const Model& d) {
  const auto& s = d.input_shape();
  if (s.size() == 3) return s;
  if (s.size() == 2) return {1, s[0], s[1]};
  if (s.size() == 1) {
    auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(s[0]))));
    if (side * side == s[0]) return {1, side, side};
  }
  invalid_argument("models.discriminator: input_shape must be [channels, height, width], [height, width] or a square "
                   "number of pixels to make sample images");
}

// Turns requires_grad off for the given parameters for its lifetime (the discriminator during a generator step).
class NoParameterGrad {
 public:
  explicit NoParameterGrad(std::vector<torch::Tensor>& parameters) : parameters_(parameters) {
    for (auto& p : parameters_) p.requires_grad_(false);
  }
  ~NoParameterGrad() {
    for (auto& p : parameters_) p.requires_grad_(true);
  }
  NoParameterGrad(const NoParameterGrad&) = delete;
  NoParameterGrad& operator=(const NoParameterGrad&) = delete;

 private:
  std::vector<torch::Tensor>& parameters_;
};

// MGDA for two objectives (Sener & Koltun 2018, MinNormSolver._min_norm_element_from2; with two tasks the solver
// returns this planar solution): the scales (gamma, 1 - gamma) of the two losses whose combined gradient over
// `parameters` has the smallest norm, gamma clamped to [0.001, 0.999] at the ends as the reference. With `normalize`
// (mgda:norm) each gradient is first divided by loss x its L2 norm (GASTeN's gradient_normalizers); a zero divisor
// leaves that gradient as it is (the reference would divide by zero). The scales then weight the raw losses.
std::pair<double, double> min_norm_scales(const torch::Tensor& first, const torch::Tensor& second,
                                          const std::vector<torch::Tensor>& parameters, bool normalize) {
  auto flat = [&](const torch::Tensor& loss) {
    std::vector<torch::Tensor> grads = torch::autograd::grad({loss}, parameters, {}, true, false, true);
    std::vector<torch::Tensor> parts;
    for (size_t i = 0; i < grads.size(); ++i) {
      parts.push_back(grads[i].defined() ? grads[i].reshape({-1}) : torch::zeros({parameters[i].numel()}, parameters[i].options()));
    }
    return torch::cat(parts).to(torch::kFloat64);
  };
  auto normalised = [&](const torch::Tensor& loss) {
    torch::Tensor g = flat(loss);
    if (!normalize) return g;
    const double divisor = loss.item<double>() * g.norm().item<double>();
    return divisor != 0 && std::isfinite(divisor) ? g / divisor : g;
  };
  const torch::Tensor g1 = normalised(first);
  const torch::Tensor g2 = normalised(second);
  const double v11 = g1.dot(g1).item<double>();
  const double v12 = g1.dot(g2).item<double>();
  const double v22 = g2.dot(g2).item<double>();
  double gamma;
  if (v12 >= v11) {
    gamma = 0.999;
  } else if (v12 >= v22) {
    gamma = 0.001;
  } else {
    gamma = -1.0 * ((v12 - v22) / (v11 + v22 - 2 * v12));
  }
  return {gamma, 1.0 - gamma};
}

std::vector<int64_t> batched(int64_t rows, const std::vector<int64_t>& shape) {
  std::vector<int64_t> full{rows};
  full.insert(full.end(), shape.begin(), shape.end());
  return full;
}

void run_gan(TaskContext& ctx) {
  const Recipe recipe = parse(ctx.recipe());
  Model& g = ctx.roles().trained("generator");
  Model& d = ctx.roles().trained("discriminator");
  Model* c = ctx.roles().frozen_optional("classifier");
  ctx.roles().finish(ctx.task(), {"generator", "discriminator", "classifier"});
  if (g.device() != d.device() || (c != nullptr && c->device() != g.device())) {
    invalid_argument("models: the generator, discriminator and classifier must live on the same device");
  }
  const torch::Device device = g.device();
  const int64_t z_dim = g.input_size();
  if (g.input_shape().size() != 1) invalid_argument("models.generator: input_shape must be [z_dim]");
  if (recipe.z_dim > 0 && recipe.z_dim != z_dim) {
    invalid_argument("recipe.z_dim: " + std::to_string(recipe.z_dim) + ", but the generator takes " + std::to_string(z_dim));
  }
  int64_t g_out = 1;
  for (int64_t v : g.output_shape()) g_out *= v;
  if (g_out != d.input_size()) {
    invalid_argument("models.generator: makes " + std::to_string(g_out) + " values per row, the discriminator takes " +
                     std::to_string(d.input_size()));
  }
  int64_t d_out = 1;
  for (int64_t v : d.output_shape()) d_out *= v;
  if (d_out != 1) invalid_argument("models.discriminator: must output one value per row, not " + std::to_string(d_out));
  if (c != nullptr) {
    if (c->input_size() != d.input_size()) {
      invalid_argument("models.classifier: takes " + std::to_string(c->input_size()) + " values per row, the images have " +
                       std::to_string(d.input_size()));
    }
    int64_t c_out = 1;
    for (int64_t v : c->output_shape()) c_out *= v;
    if (recipe.classifier_output == "softmax" ? recipe.classifier_class >= c_out : c_out != 1) {
      invalid_argument("models.classifier: outputs " + std::to_string(c_out) + " values per row; recipe.classifier_output " +
                       recipe.classifier_output + (recipe.classifier_output == "softmax" ? " needs class " +
                       std::to_string(recipe.classifier_class) : std::string(" needs one")));
    }
  } else if (recipe.classifier_weight != 0 || recipe.mgda) {
    invalid_argument(std::string(recipe.mgda ? "recipe.classifier_weight_mode" : "recipe.classifier_weight") +
                     ": needs a frozen model in the role classifier");
  }
  const std::vector<int64_t> image = image_shape(d);

  Inputs& inputs = ctx.inputs();
  torch::Tensor x = inputs.features("train_x", d, "discriminator").to(device);
  const int64_t n = x.size(0);
  if (n == 0) invalid_argument("inputs.train_x: no rows");
  torch::Tensor fixed_noise;
  if (inputs.has("fixed_noise")) {
    fixed_noise = inputs.floats("fixed_noise", z_dim, "the generator").clone();
  } else {
    at::Generator sample_generator = at::make_generator<at::CPUGeneratorImpl>(recipe.sample_seed);
    fixed_noise = torch::randn({recipe.sample_count, z_dim}, sample_generator);
  }
  inputs.finish(ctx.task());

  ctx.result().threads = apply_threads(recipe.threads);
  // Dropout draws from a generator of this task's own (scaffold.h: task_generator), not libtorch's global one; the
  // generator and discriminator share it, one stream as the global generator was.
  at::Generator rng = task_generator(recipe.seed);
  g.set_generator(rng);
  d.set_generator(rng);
  Batcher batcher(n, recipe.batch_size, recipe.shuffled, recipe.drop_last, false, recipe.seed);
  at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(recipe.seed + 1);
  TaskOptimizer g_optimizer(g, recipe.g_optimizer);
  TaskOptimizer d_optimizer(d, recipe.d_optimizer);
  FrozenGuard frozen(c);
  g.net()->train();
  d.net()->train();
  std::vector<TrainedModel> trained{{"generator", &g, &g_optimizer}, {"discriminator", &d, &d_optimizer}};
  const int64_t per_epoch = batcher.per_pass();
  const int64_t total_g_steps = recipe.epochs * per_epoch / recipe.disc_iters;

  int64_t epoch = 0;
  int64_t d_steps = 0;
  int64_t g_steps = 0;
  if (!recipe.checkpoints.resume_from.empty()) {
    CheckpointState state = load_checkpoint(ctx.task(), recipe.checkpoints.resume_from, trained,
                                            [&](torch::serialize::InputArchive& a) { batcher.load(a); });
    epoch = state.counters["epoch"];
    d_steps = state.counters["d_steps"];
    g_steps = state.counters["g_steps"];
    if (epoch > recipe.epochs) {
      invalid_argument("recipe.resume_from: the checkpoint is at epoch " + std::to_string(epoch) + ", past recipe.epochs " +
                       std::to_string(recipe.epochs));
    }
    if (state.tensors.count("noise_rng") != 0) set_generator_state(noise, state.tensors["noise_rng"]);
    restore_task_generator(state, rng);
  }
  ctx.result().epochs = epoch;
  ctx.result().updates = g_steps;

  const Reporter& report = ctx.reporter();
  auto samples = [&](int64_t at_epoch) {
    torch::NoGradGuard no_grad;
    g.net()->eval();
    torch::Tensor images = g.net()->forward(fixed_noise.to(device)).reshape(batched(fixed_noise.size(0), image));
    g.net()->train();
    report.image_grid("samples", at_epoch, images, -1, 1, recipe.sample_columns);
  };
  auto checkpoint = [&](int64_t at_epoch) {
    CheckpointState state;
    state.counters["epoch"] = at_epoch;
    state.counters["d_steps"] = d_steps;
    state.counters["g_steps"] = g_steps;
    state.tensors["noise_rng"] = generator_state(noise);
    save_task_generator(state, rng);
    save_checkpoint(ctx.task(), recipe.checkpoints, "epoch", at_epoch, trained, state,
                    [&](torch::serialize::OutputArchive& a) { batcher.save(a); }, report);
  };
  const bool checkpoints = !recipe.checkpoints.output_dir.empty();
  if (epoch == 0) {
    samples(0);
    if (checkpoints) checkpoint(0);
  }

  // D's output per row as a flat vector; for "ns" with probabilities, BCE on them (log clamped at -100, as
  // torch.nn.BCELoss), with logits BCE-with-logits.
  auto discriminate = [&](const torch::Tensor& images) { return d.net()->forward(images).reshape({-1}); };
  auto bce = [&](const torch::Tensor& out, double target) {
    torch::Tensor t = torch::full_like(out, target);
    return recipe.discriminator_logit ? torch::binary_cross_entropy_with_logits(out, t) : torch::binary_cross_entropy(out, t);
  };
  auto as_probability = [&](const torch::Tensor& out) {
    return recipe.discriminator_logit && !recipe.wgan ? torch::sigmoid(out) : out;
  };
  auto noise_batch = [&](int64_t rows) { return torch::randn({rows, z_dim}, noise).to(device); };
  std::vector<torch::Tensor> d_parameters = d.net()->parameters();
  std::vector<torch::Tensor> g_parameters = g.net()->parameters();
  const bool scheduled = recipe.schedule.type != "constant" || recipe.schedule.warmup_steps > 0;

  auto scalar = [&] { return torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device)); };
  while (epoch < recipe.epochs) {
    const int64_t current = epoch + 1;
    torch::Tensor d_loss_sum = scalar(), g_loss_sum = scalar(), d_x_sum = scalar(), d_gz_sum = scalar();
    torch::Tensor g_adv_sum = scalar(), g_conf_sum = scalar(), gp_sum = scalar();
    double scale1_sum = 0, scale2_sum = 0;
    int64_t d_count = 0;
    int64_t g_count = 0;
    for (int64_t it = 0; it < per_epoch; ++it) {
      ctx.check_cancel(current, "epoch");
      const Batcher::Batch b = batcher.at(epoch * per_epoch + it);
      const int64_t rows = b.rows;
      torch::Tensor real = batcher.take(x, b);

      // Discriminator step: real batch + fresh fakes made without gradients.
      torch::Tensor fake;
      {
        torch::NoGradGuard no_grad;
        fake = g.net()->forward(noise_batch(rows)).reshape(real.sizes());
      }
      d_optimizer.zero_grad();
      torch::Tensor d_real = discriminate(real);
      torch::Tensor d_fake = discriminate(fake);
      torch::Tensor d_loss;
      if (recipe.wgan) {
        std::vector<int64_t> eps_shape(static_cast<size_t>(real.dim()), 1);
        eps_shape[0] = rows;
        torch::Tensor eps = torch::rand(eps_shape, noise).to(device);
        torch::Tensor mixed = (eps * real + (1 - eps) * fake).requires_grad_(true);
        torch::Tensor grads = torch::autograd::grad({discriminate(mixed).sum()}, {mixed}, {}, true, true)[0];
        torch::Tensor gp = (grads.reshape({rows, -1}).norm(2, 1) - 1).pow(2).mean();
        d_loss = d_fake.mean() - d_real.mean() + recipe.gp_lambda * gp;
        gp_sum.add_(gp.detach().to(torch::kFloat64));
      } else {
        d_loss = bce(d_real, 1) + bce(d_fake, 0);
      }
      d_loss.backward();
      d_optimizer.step();
      ++d_steps;
      ++d_count;
      {
        torch::NoGradGuard no_grad;
        d_loss_sum.add_(d_loss.detach().to(torch::kFloat64));
        d_x_sum.add_(as_probability(d_real.detach()).mean().to(torch::kFloat64));
        d_gz_sum.add_(as_probability(d_fake.detach()).mean().to(torch::kFloat64));
      }
      if (d_steps % recipe.disc_iters != 0) continue;

      // Generator step on new noise; D takes no gradient of its own here (it is stepped only above).
      if (scheduled) {
        g_optimizer.set_learning_rate(recipe.schedule.rate(g_optimizer.base_learning_rate(), g_steps, total_g_steps));
        d_optimizer.set_learning_rate(recipe.schedule.rate(d_optimizer.base_learning_rate(), g_steps, total_g_steps));
      }
      g_optimizer.zero_grad();
      NoParameterGrad d_frozen(d_parameters);
      torch::Tensor generated = g.net()->forward(noise_batch(rows)).reshape(real.sizes());
      torch::Tensor out = discriminate(generated);
      torch::Tensor adversarial = recipe.wgan ? -out.mean() : bce(out, 1);
      torch::Tensor g_loss = adversarial;
      if (c != nullptr) {
        torch::Tensor logits = c->net()->forward(generated.reshape(batched(rows, c->input_shape())));
        torch::Tensor p;
        if (recipe.classifier_output == "softmax") {
          p = torch::softmax(logits.reshape({rows, -1}), 1).select(1, recipe.classifier_class);
        } else {
          p = logits.reshape({-1});
          if (recipe.classifier_output == "logit") p = torch::sigmoid(p);
        }
        torch::Tensor confusion = (0.5 - p).abs().mean();
        if (recipe.mgda) {
          const auto [scale1, scale2] = min_norm_scales(adversarial, confusion, g_parameters, recipe.mgda_normalize);
          g_loss = scale1 * adversarial + scale2 * confusion;
          scale1_sum += scale1;
          scale2_sum += scale2;
        } else if (recipe.classifier_weight != 0) {
          g_loss = adversarial + recipe.classifier_weight * confusion;
        }
        g_conf_sum.add_(confusion.detach().to(torch::kFloat64));
        g_adv_sum.add_(adversarial.detach().to(torch::kFloat64));
      }
      g_loss.backward();
      g_optimizer.step();
      ++g_steps;
      ++g_count;
      g_loss_sum.add_(g_loss.detach().to(torch::kFloat64));
      ctx.result().updates = g_steps;
    }
    epoch = current;
    ctx.result().epochs = epoch;

    const double dn = static_cast<double>(std::max<int64_t>(d_count, 1));
    const double gn = static_cast<double>(std::max<int64_t>(g_count, 1));
    const double d_loss = d_loss_sum.item<double>() / dn;
    const double g_loss = g_count > 0 ? g_loss_sum.item<double>() / gn : std::nan("");
    TaskContext::check_diverged(d_loss, "the discriminator's loss", epoch, "epoch");
    if (g_count > 0) TaskContext::check_diverged(g_loss, "the generator's loss", epoch, "epoch");
    report.metric(epoch, "train", "d_loss", d_loss);
    report.metric(epoch, "train", "g_loss", g_loss);
    report.metric(epoch, "train", "d_x", d_x_sum.item<double>() / dn);
    report.metric(epoch, "train", "d_g_z", d_gz_sum.item<double>() / dn);
    if (c != nullptr) {
      report.metric(epoch, "train", "g_adv_loss", g_adv_sum.item<double>() / gn);
      report.metric(epoch, "train", "g_conf_dist", g_conf_sum.item<double>() / gn);
    }
    if (recipe.wgan) report.metric(epoch, "train", "gp", gp_sum.item<double>() / dn);
    if (recipe.mgda) {
      report.metric(epoch, "train", "scale1", scale1_sum / gn);
      report.metric(epoch, "train", "scale2", scale2_sum / gn);
    }
    samples(epoch);
    if (checkpoints && (epoch == recipe.epochs || (recipe.checkpoints.every > 0 && epoch % recipe.checkpoints.every == 0))) {
      checkpoint(epoch);
    }
  }
}

}  // namespace

DF_REGISTER_TASK("gan", run_gan);

}  // namespace digitforge
