// The C entry points: argument checks, exception-to-status translation and the per-thread error message.
#include <ATen/Parallel.h>
#include <c10/util/Exception.h>
#include <torch/version.h>

#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "device_info.h"
#include "digitforge_engine.h"
#include "errors.h"
#include "model.h"
#include "scaffold/scaffold.h"

// The managed mirrors (src/Infrastructure/Training/NativeStructs.cs) assume these layouts.
static_assert(sizeof(df_device_info) == 416, "df_device_info layout");
static_assert(sizeof(df_model_info) == 32, "df_model_info layout");
static_assert(sizeof(df_array) == 88, "df_array layout");
static_assert(sizeof(df_task_model) == 24, "df_task_model layout");
static_assert(sizeof(df_metric) == 32, "df_metric layout");
static_assert(sizeof(df_image) == 40, "df_image layout");
static_assert(sizeof(df_artifact) == 24, "df_artifact layout");
static_assert(sizeof(df_task_callbacks) == 32, "df_task_callbacks layout");
static_assert(sizeof(df_task_result) == 40, "df_task_result layout");

struct df_model {
  std::unique_ptr<digitforge::Model> model;
};

namespace {

using digitforge::EngineError;
using digitforge::invalid_argument;

thread_local std::string t_last_error;

template <class Body>
df_status guarded(Body&& body) noexcept {
  try {
    try {
      body();
      t_last_error.clear();
      return DF_OK;
    } catch (const EngineError& e) {
      t_last_error = e.what();
      return e.code();
    } catch (const c10::OutOfMemoryError& e) {
      t_last_error = e.what_without_backtrace();
      return DF_ERR_OUT_OF_MEMORY;
    } catch (const c10::Error& e) {
      t_last_error = e.what_without_backtrace();
      return DF_ERR_TORCH;
    } catch (const std::bad_alloc&) {
      t_last_error = "out of memory";
      return DF_ERR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
      t_last_error = e.what();
      return DF_ERR_INTERNAL;
    } catch (...) {
      t_last_error = "unknown error";
      return DF_ERR_INTERNAL;
    }
  } catch (...) {
    return DF_ERR_INTERNAL;  // storing the message itself failed
  }
}

digitforge::Model& model_of(df_model* model) {
  if (model == nullptr || !model->model) invalid_argument("null model handle");
  return *model->model;
}

void require(const void* pointer, const char* what) {
  if (pointer == nullptr) invalid_argument(std::string(what) + ": null pointer");
}

void check_layer_count(digitforge::Model& model, int32_t layer_count) {
  if (layer_count == 0 || layer_count < -1 || layer_count > model.net()->size()) {
    invalid_argument("layer_count " + std::to_string(layer_count) + " is not -1 or 1.." +
                     std::to_string(model.net()->size()));
  }
}

}  // namespace

extern "C" {

int32_t df_abi_version(void) { return DF_ABI_VERSION; }

const char* df_engine_version(void) { return "1.0.0"; }

const char* df_torch_version(void) { return TORCH_VERSION; }

const char* df_last_error(void) { return t_last_error.c_str(); }

df_status df_device_query(int32_t cuda_index, df_device_info* out) {
  return guarded([&] {
    require(out, "out");
    digitforge::query_device(cuda_index, *out);
  });
}

df_status df_model_create(const char* description_json, uint64_t seed, int32_t device, df_model** out) {
  return guarded([&] {
    require(description_json, "description_json");
    require(out, "out");
    *out = nullptr;
    auto handle = std::make_unique<df_model>();
    handle->model = digitforge::Model::create(description_json, seed, digitforge::resolve_device(device));
    *out = handle.release();
  });
}

df_status df_model_load(const char* path, int32_t device, df_model** out) {
  return guarded([&] {
    require(path, "path");
    require(out, "out");
    *out = nullptr;
    auto handle = std::make_unique<df_model>();
    handle->model = digitforge::Model::load(path, digitforge::resolve_device(device));
    *out = handle.release();
  });
}

df_status df_model_save(df_model* model, const char* path) {
  return guarded([&] {
    require(path, "path");
    model_of(model).save(path);
  });
}

void df_model_free(df_model* model) {
  try {
    delete model;
  } catch (...) {  // destructors of libtorch modules do not throw; never let anything cross the boundary
  }
}

df_status df_model_info_get(df_model* model, df_model_info* out) {
  return guarded([&] {
    require(out, "out");
    digitforge::Model& m = model_of(model);
    int64_t output = 1;
    for (int64_t d : m.output_shape()) output *= d;
    *out = df_model_info{m.parameter_count(), m.input_size(), output, static_cast<int32_t>(m.net()->size()),
                         m.device().is_cuda() ? DF_DEVICE_CUDA : DF_DEVICE_CPU};
  });
}

const char* df_model_description(df_model* model) {
  return model != nullptr && model->model ? model->model->description().c_str() : nullptr;
}

df_status df_model_output_size(df_model* model, int32_t layer_count, int64_t* out_size) {
  return guarded([&] {
    require(out_size, "out_size");
    digitforge::Model& m = model_of(model);
    check_layer_count(m, layer_count);
    *out_size = m.output_size(layer_count);
  });
}

df_status df_model_forward(df_model* model, const float* x, int64_t rows, int32_t layer_count, float* out,
                           int64_t out_capacity) {
  return guarded([&] {
    digitforge::Model& m = model_of(model);
    check_layer_count(m, layer_count);
    torch::Tensor y = m.infer(m.wrap_input(x, rows, "x"), layer_count);
    if (y.numel() > out_capacity || (y.numel() > 0 && out == nullptr)) {
      invalid_argument("out: room for " + std::to_string(out_capacity) + " floats, the output has " +
                       std::to_string(y.numel()) + " (" + std::to_string(rows) + " rows x " +
                       std::to_string(y.size(1)) + ")");
    }
    y = y.contiguous();
    if (y.numel() > 0) std::memcpy(out, y.data_ptr<float>(), static_cast<size_t>(y.numel()) * sizeof(float));
  });
}

df_status df_model_predict(df_model* model, const float* x, int64_t rows, int64_t* labels) {
  return guarded([&] {
    digitforge::Model& m = model_of(model);
    if (rows > 0) require(labels, "labels");
    torch::Tensor y = m.infer(m.wrap_input(x, rows, "x"), -1);
    if (rows == 0) return;
    torch::Tensor predicted = y.argmax(1).contiguous();
    std::memcpy(labels, predicted.data_ptr<int64_t>(), static_cast<size_t>(rows) * sizeof(int64_t));
  });
}

const char* df_task_names(void) { return digitforge::task_names().c_str(); }

df_status df_task_run(const char* task, const df_task_model* models, int32_t model_count, const df_array* inputs,
                      int32_t input_count, const char* recipe_json, const df_task_callbacks* callbacks,
                      const volatile int32_t* cancel_flag, df_task_result* result) {
  if (result != nullptr) *result = df_task_result{};
  return guarded([&] {
    require(task, "task");
    require(recipe_json, "recipe_json");
    if (model_count < 0 || (model_count > 0 && models == nullptr)) invalid_argument("models: bad count or null pointer");
    digitforge::TaskFunction run = digitforge::find_task(task);
    std::vector<digitforge::RoleModel> roles;
    for (int32_t i = 0; i < model_count; ++i) {
      const df_task_model& m = models[i];
      if (m.role == nullptr) invalid_argument("models[" + std::to_string(i) + "].role: required");
      if (m.model == nullptr || !m.model->model) invalid_argument(std::string("models.") + m.role + ": null model handle");
      roles.push_back({m.role, m.model->model.get(), m.frozen != 0});
    }
    digitforge::TaskContext context(task, std::move(roles), inputs, input_count, recipe_json, callbacks, cancel_flag,
                                    result);
    try {
      run(context);
    } catch (...) {
      context.finish();  // what was done before the failure (updates, time) still reaches the caller
      throw;
    }
    context.finish();
  });
}

}  // extern "C"
