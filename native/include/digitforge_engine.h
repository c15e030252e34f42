/*
 * DigitForge training engine: a small, coarse C ABI over libtorch.
 *
 * Conventions
 * - Plain C types only. Every function returns a df_status (0 = DF_OK) unless it is a pure getter documented
 *   otherwise. On failure, df_last_error() returns the message (libtorch's text, without its C++ backtrace) of the
 *   last failed call on the calling thread; it stays valid until the next engine call on that thread.
 * - Models are created from a JSON description and trained by whole recipes (JSON) on arrays handed over once:
 *   features float32 row-major [rows, prod(input_shape)], labels int64 [rows]. The caller keeps those arrays alive
 *   (and unmoved) for the duration of the call.
 * - No call aborts the process: every entry point catches all C++ exceptions.
 * - A model handle must not be used by two calls at the same time; distinct models may be used concurrently.
 *
 * Versioning: DF_ABI_VERSION changes whenever a signature or a struct layout changes. Callers check
 * df_abi_version() against the value they were written for before any other call.
 */
#ifndef DIGITFORGE_ENGINE_H
#define DIGITFORGE_ENGINE_H

#include <stdint.h>

#if defined(_WIN32)
#define DF_API __declspec(dllexport)
#else
#define DF_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define DF_ABI_VERSION 1

typedef int32_t df_status;
enum {
  DF_OK = 0,
  DF_ERR_INVALID_ARGUMENT = 1, /* bad JSON, unknown layer, wrong sizes, NaN data, labels out of range */
  DF_ERR_TORCH = 2,            /* libtorch raised an error (shape mismatch inside a layer, ...) */
  DF_ERR_CANCELLED = 3,        /* the cancel flag was set */
  DF_ERR_IO = 4,               /* checkpoint file could not be read or written */
  DF_ERR_OUT_OF_MEMORY = 5,    /* host or device memory exhausted */
  DF_ERR_UNAVAILABLE = 6,      /* asked for CUDA where there is none */
  DF_ERR_DIVERGED = 7,         /* the training loss became NaN or infinite */
  DF_ERR_INTERNAL = 99
};

enum { DF_DEVICE_AUTO = 0, DF_DEVICE_CPU = 1, DF_DEVICE_CUDA = 2 };

typedef struct df_model df_model;

typedef struct df_device_info {
  int32_t cuda_available;    /* 1 when libtorch was built with CUDA and sees a device */
  int32_t cuda_device_count;
  int32_t cuda_index;        /* the device described below, -1 when none */
  int32_t cpu_threads;       /* libtorch's intra-op thread count */
  int64_t total_memory;      /* bytes of the CUDA device, -1 when unknown or no device */
  int64_t free_memory;       /* bytes, -1 when unknown */
  char cuda_name[256];       /* NUL-terminated, empty when no device */
  char cpu_name[128];        /* NUL-terminated, from /proc/cpuinfo, may be empty */
} df_device_info;

typedef struct df_model_info {
  int64_t parameter_count;
  int64_t input_size;        /* floats per row */
  int64_t output_size;       /* floats per row of the full model's output (logits) */
  int32_t layer_count;       /* top-level layers */
  int32_t device;            /* DF_DEVICE_CPU or DF_DEVICE_CUDA */
} df_model_info;

typedef struct df_eval_set {
  const char* name;          /* reported as the metric's split, e.g. "train", "test" */
  const float* x;
  const int64_t* y;
  int64_t rows;
} df_eval_set;

typedef struct df_train_result {
  int64_t updates;           /* optimiser steps taken */
  double seconds;            /* wall time inside the training loop, evaluations included */
  double cpu_seconds;        /* CPU time of the process over the same span (all threads) */
  int32_t threads;           /* libtorch intra-op threads the loop ran with */
  int32_t fused;             /* 1: the hand-written CPU forward/backward ran (recipe "implementation": "auto" and a
                                model of linear, conv1d, activation, view and residual layers); 0: libtorch autograd */
} df_train_result;

/* Called on the training thread. split is an eval set's name, or "batch" for the mean loss and accuracy of the
 * mini-batches since the previous report. The callback must not call back into the engine with the same model
 * and must return quickly; it must not throw or longjmp. */
typedef void (*df_metric_callback)(void* user_data, int64_t step, const char* split, double loss, double accuracy);

DF_API int32_t df_abi_version(void);
DF_API const char* df_engine_version(void); /* "1.0.0" */
DF_API const char* df_torch_version(void);  /* libtorch's version, e.g. "1.13.1" */
DF_API const char* df_last_error(void);     /* never NULL; "" after a successful call */

DF_API df_status df_device_query(int32_t cuda_index, df_device_info* out);

/* description_json: {"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":10}]}.
 * seed initialises the weights; device is DF_DEVICE_*. */
DF_API df_status df_model_create(const char* description_json, uint64_t seed, int32_t device, df_model** out);
DF_API df_status df_model_load(const char* path, int32_t device, df_model** out);
DF_API df_status df_model_save(df_model* model, const char* path);
DF_API void df_model_free(df_model* model); /* NULL is allowed */
DF_API df_status df_model_info_get(df_model* model, df_model_info* out);
/* The canonical description JSON (as parsed, defaults filled in); owned by the model. NULL for a NULL model. */
DF_API const char* df_model_description(df_model* model);

/* Output width per row after the first layer_count top-level layers (-1: all layers). */
DF_API df_status df_model_output_size(df_model* model, int32_t layer_count, int64_t* out_size);
/* Evaluation-mode forward of rows inputs through the first layer_count layers (-1: all, i.e. logits; fewer: an
 * embedding). out holds rows * output_size floats; out_capacity is its length in floats. */
DF_API df_status df_model_forward(df_model* model, const float* x, int64_t rows, int32_t layer_count, float* out,
                                  int64_t out_capacity);
/* argmax of the logits per row into labels[rows]. */
DF_API df_status df_model_predict(df_model* model, const float* x, int64_t rows, int64_t* labels);

/* Trains a classifier (cross-entropy on the logits) following recipe_json, e.g.
 * {"optimizer":"adam","learning_rate":0.01,"batch_size":100,"steps":6000,"batch_order":"sequential",
 *  "seed":42,"eval_every":250,"implementation":"auto"}. Runs on the calling thread; polls *cancel_flag (may be NULL) between steps and
 * returns DF_ERR_CANCELLED within one step once it is non-zero. result may be NULL. */
DF_API df_status df_train_classifier(df_model* model, const char* recipe_json, const float* train_x,
                                     const int64_t* train_y, int64_t train_rows, const df_eval_set* eval_sets,
                                     int32_t eval_count, df_metric_callback callback, void* user_data,
                                     const volatile int32_t* cancel_flag, df_train_result* result);

#ifdef __cplusplus
}
#endif

#endif /* DIGITFORGE_ENGINE_H */
