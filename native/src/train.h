// The classifier training recipe: cross-entropy on the logits, Adam or SGD, mini-batches in the reference's
// sequential order or shuffled, evaluation of named sets every N steps, metrics through a callback.
#pragma once

#include <cstdint>
#include <string>

#include "digitforge_engine.h"
#include "model.h"

namespace digitforge {

struct ClassifierRecipe {
  std::string optimizer = "adam";  // adam | sgd
  double learning_rate = 1e-2;
  double weight_decay = 0;
  double momentum = 0;              // sgd only
  int64_t batch_size = 100;
  // Reference semantics: steps = total_steps, the loop runs steps 0..total_steps inclusive (total_steps + 1
  // updates) and update u takes rows from (u * batch_size) mod N. epochs instead: ceil(N / batch) updates a pass.
  int64_t steps = 0;
  int64_t epochs = 0;
  bool shuffled = false;            // batch_order: sequential | shuffled (a new permutation each pass)
  uint64_t seed = 42;               // shuffling and dropout
  int64_t eval_every = 0;           // 0: only after the last update
  int64_t report_every = 0;         // "batch" reports; 0: with the evaluations
  int64_t eval_batch_size = 1000;
  int64_t threads = 0;              // > 0: libtorch intra-op threads (process-wide)
  // "auto": models the fused CPU path covers (fused_sequential.h) train on it, the rest through autograd;
  // "torch": always libtorch's autograd (the reference the fused path is tested against).
  std::string implementation = "auto";

  static ClassifierRecipe parse(const std::string& json);
};

struct TrainData {
  const float* x;
  const int64_t* y;
  int64_t rows;
};

void train_classifier(Model& model, const ClassifierRecipe& recipe, const TrainData& train, const df_eval_set* eval_sets,
                      int32_t eval_count, df_metric_callback callback, void* user_data,
                      const volatile int32_t* cancel_flag, df_train_result* result);

}  // namespace digitforge
