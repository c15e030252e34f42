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

#define DF_ABI_VERSION 2

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

/* ---- Training tasks (ABI v2) -------------------------------------------------------------------------------
 * One entry point runs a named task ("classifier", "gan", ...) over one or more models, some of them frozen, on
 * named input arrays handed over once, following a recipe JSON. A task reports named scalar metrics, images
 * (uint8 pixels) and artifacts (files it wrote, e.g. checkpoints) through callbacks on the calling thread.
 * A task's required model roles, input names, recipe keys, metric names and artifacts are documented at the top of
 * its source file (native/src/tasks/<file>.cpp): "classifier" (role "model"), "gan" (roles "generator",
 * "discriminator", optional frozen "classifier"; GASTeN's step 2), "binary-classifier" (gasten_classifier.cpp),
 * "mixed_effects" (mixed_effects.cpp), "contrastive", "module", "autoencoder", "pipeline-eval"
 * (compositional.cpp), and "ambiguity-attribution" (role "classifier", frozen; saliency and integrated gradients,
 * ambiguity.cpp). df_task_names lists what a build has.
 *
 * Models that are not one chain: every model is one chain of layers (df_model_create's JSON; an inner layer's
 * output is the first layer_count layers, see df_model_forward), and a task that needs several networks takes them
 * as several models by role, e.g. a GAN's generator and discriminator, a frozen classifier inside a loss, later a
 * mixed-effects model's fixed-effects and random-effects branches ("fixed", "random") and its adversary. The task
 * combines the roles' outputs in its objective; each role's weights are saved as a file of their own
 * (df_model_load reads it alone).
 *
 * Initialisation: a description may set "init": "dcgan" (conv / transposed-conv weights N(0, 0.02), batch-norm
 * weights N(1, 0.02) and biases 0, linear layers as libtorch makes them); a layer's "weight_init" / "bias_init"
 * ({"type": "normal", "mean": 0, "std": 0.02}, uniform, constant, zeros, ones, xavier_*, kaiming_*) win over it. */

enum { DF_DTYPE_FLOAT32 = 1, DF_DTYPE_INT64 = 2, DF_DTYPE_UINT8 = 3 };
#define DF_MAX_RANK 8

typedef struct df_array {
  const char* name;          /* e.g. "train_x", "train_y", "test_x", "test_y", "fixed_noise" */
  int32_t dtype;             /* DF_DTYPE_* */
  int32_t rank;              /* 1..DF_MAX_RANK; shape[0] is the row count */
  int64_t shape[DF_MAX_RANK];
  const void* data;          /* row-major; the caller keeps it alive and unmoved for the duration of the call */
} df_array;

typedef struct df_task_model {
  const char* role;          /* the task's name for the model: "model", "generator", "discriminator", "classifier" */
  df_model* model;
  int32_t frozen;            /* 1: evaluation mode, in no optimiser, never saved (gradients may still flow through) */
} df_task_model;

typedef struct df_metric {
  int64_t step;              /* the unit the recipe reports in: epoch or optimiser step (see the task) */
  const char* split;         /* "batch", "train", "test", "epoch", ... */
  const char* name;          /* "loss", "acc", "g_loss", "d_loss", ... */
  double value;
} df_metric;

typedef struct df_image {
  const char* name;          /* e.g. "samples" */
  int64_t step;
  int32_t height;
  int32_t width;
  int32_t channels;          /* 1 (gray) or 3 (RGB) */
  const uint8_t* pixels;     /* height * width * channels bytes, row-major, channels last; valid during the call */
} df_image;

typedef struct df_artifact {
  const char* name;          /* e.g. "checkpoint" */
  int64_t step;
  const char* path;          /* a file the task wrote (under the recipe's "output_dir") */
} df_artifact;

/* All callbacks may be NULL. They run on the training thread, must return quickly, must not call back into the
 * engine with a model of the running task, and must not throw or longjmp. */
typedef struct df_task_callbacks {
  void* user_data;
  void (*metric)(void* user_data, const df_metric* metric);
  void (*image)(void* user_data, const df_image* image);
  void (*artifact)(void* user_data, const df_artifact* artifact);
} df_task_callbacks;

typedef struct df_task_result {
  int64_t updates;           /* optimiser steps taken (of the main optimiser: the generator's for a GAN) */
  int64_t epochs;            /* completed passes over the training data */
  double seconds;            /* wall time inside the task, evaluations included */
  double cpu_seconds;        /* CPU time of the process over the same span (all threads) */
  int32_t threads;           /* libtorch intra-op threads the task ran with */
  int32_t fused;             /* 1: a hand-written CPU path ran instead of libtorch autograd */
} df_task_result;

/* The registered task names, comma-separated, e.g. "classifier,gan". Never NULL. */
DF_API const char* df_task_names(void);

/* Runs task `task` on the calling thread. Polls *cancel_flag (may be NULL) between steps and returns
 * DF_ERR_CANCELLED within one step once it is non-zero. Bad roles, inputs or recipe keys fail with
 * DF_ERR_INVALID_ARGUMENT and a message naming the field ("recipe.learning_rate: ...", "inputs.train_x: ...",
 * "models.generator: ..."). result may be NULL. Every task accepts in its recipe at least: "seed", "epochs" or
 * "steps", "batch_size", "drop_last", "eval_every", "optimizer" {"type":"adam|adamw|sgd", "learning_rate", "betas",
 * "momentum", "weight_decay"}, "schedule" {"type":"constant|cosine"}, "output_dir" + "checkpoint_every" (a
 * checkpoint = the trained models' state + optimiser state + step, reported as an artifact) and "resume_from" (a
 * checkpoint path written by the same task: training continues from its step with the same outcome as an
 * uninterrupted run of the same seed). */
DF_API df_status df_task_run(const char* task, const df_task_model* models, int32_t model_count,
                             const df_array* inputs, int32_t input_count, const char* recipe_json,
                             const df_task_callbacks* callbacks, const volatile int32_t* cancel_flag,
                             df_task_result* result);

#ifdef __cplusplus
}
#endif

#endif /* DIGITFORGE_ENGINE_H */
