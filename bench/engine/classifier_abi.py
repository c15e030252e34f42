"""The MNIST-1D classifier benchmark straight on the engine's C ABI, for before/after comparisons of the engine
itself (no .NET in the loop): any number of builds of libdigitforge_engine.so, ABI 1 (df_train_classifier) or
ABI 2 (df_task_run "classifier"), run in alternation, each (engine, model) in a fresh process.

Usage:
  classifier_abi.py --engine before=/tmp/engine-before/libdigitforge_engine.so \
                    --engine after=native/build/lib/libdigitforge_engine.so \
                    [--models mlp,cnn] [--steps 6000] [--rounds 3] [--threads 1]
The recipe is the MNIST-1D reference's (Adam 1e-2, batch 100, sequential batches, steps 0..6000, evaluation of
train and test every 250 steps), the data the repository's NumPy port of the reference generator (as
mnist1d_torch.py). Each engine uses the OpenBLAS in blas/ beside it (one thread) when there is one. Prints one JSON
line per run and a Markdown table of medians: the engine's own training-loop seconds (wall and CPU, evaluations
included) and the final test accuracy.
"""
import argparse
import ctypes as C
import importlib.util
import json
import os
import statistics
import subprocess
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

MODELS = {
    "logistic": {"input_shape": [40], "layers": [{"type": "linear", "in_features": 40, "out_features": 10}]},
    "mlp": {"input_shape": [40], "layers": [
        {"type": "linear", "in_features": 40, "out_features": 100}, {"type": "relu"},
        {"type": "residual", "layers": [{"type": "linear", "in_features": 100, "out_features": 100}, {"type": "relu"}]},
        {"type": "linear", "in_features": 100, "out_features": 10}]},
    "cnn": {"input_shape": [40], "layers": [
        {"type": "unsqueeze", "dim": 0},
        {"type": "conv1d", "in_channels": 1, "out_channels": 25, "kernel_size": 5, "stride": 2, "padding": 1}, {"type": "relu"},
        {"type": "conv1d", "in_channels": 25, "out_channels": 25, "kernel_size": 3, "stride": 2, "padding": 1}, {"type": "relu"},
        {"type": "conv1d", "in_channels": 25, "out_channels": 25, "kernel_size": 3, "stride": 2, "padding": 1}, {"type": "relu"},
        {"type": "flatten"}, {"type": "linear", "in_features": 125, "out_features": 10}]},
    "gru": {"input_shape": [40], "layers": [
        {"type": "unsqueeze", "dim": -1}, {"type": "gru", "input_size": 1, "hidden_size": 6, "bidirectional": True},
        {"type": "flatten"}, {"type": "linear", "in_features": 480, "out_features": 10}]},
}


def dataset():
    cache = os.path.join(os.environ.get("TMPDIR", "/tmp"), "digitforge-mnist1d-reference.npz")
    if os.path.exists(cache):
        d = np.load(cache)
        return d["x"], d["y"], d["x_test"], d["y_test"]
    path = os.path.join(ROOT, "tests", "UnitTests", "Mnist1D", "reference", "mnist1d_reference.py")
    spec = importlib.util.spec_from_file_location("mnist1d_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    d = module.make_dataset(module.get_dataset_args())
    f = lambda a: np.ascontiguousarray(np.asarray(a, dtype=np.float32))
    i = lambda a: np.ascontiguousarray(np.asarray(a, dtype=np.int64))
    data = f(d["x"]), i(d["y"]), f(d["x_test"]), i(d["y_test"])
    np.savez(cache + ".tmp.npz", x=data[0], y=data[1], x_test=data[2], y_test=data[3])
    os.replace(cache + ".tmp.npz", cache)
    return data


class EvalSet(C.Structure):  # ABI 1
    _fields_ = [("name", C.c_char_p), ("x", C.c_void_p), ("y", C.c_void_p), ("rows", C.c_int64)]


class TrainResult(C.Structure):  # ABI 1
    _fields_ = [("updates", C.c_int64), ("seconds", C.c_double), ("cpu_seconds", C.c_double), ("threads", C.c_int32), ("fused", C.c_int32)]


class Array(C.Structure):  # ABI 2
    _fields_ = [("name", C.c_char_p), ("dtype", C.c_int32), ("rank", C.c_int32), ("shape", C.c_int64 * 8), ("data", C.c_void_p)]


class TaskModel(C.Structure):
    _fields_ = [("role", C.c_char_p), ("model", C.c_void_p), ("frozen", C.c_int32)]


class Metric(C.Structure):
    _fields_ = [("step", C.c_int64), ("split", C.c_char_p), ("name", C.c_char_p), ("value", C.c_double)]


METRIC = C.CFUNCTYPE(None, C.c_void_p, C.POINTER(Metric))


class Callbacks(C.Structure):
    _fields_ = [("user", C.c_void_p), ("metric", METRIC), ("image", C.c_void_p), ("artifact", C.c_void_p)]


class TaskResult(C.Structure):
    _fields_ = [("updates", C.c_int64), ("epochs", C.c_int64), ("seconds", C.c_double), ("cpu_seconds", C.c_double), ("threads", C.c_int32), ("fused", C.c_int32)]


def one(engine, model, steps, threads):
    blas = os.path.join(os.path.dirname(engine), "blas", "libblas.so.3")
    if os.path.exists(blas):
        C.CDLL(blas, mode=C.RTLD_GLOBAL)
    lib = C.CDLL(engine)
    lib.df_last_error.restype = C.c_char_p
    abi = lib.df_abi_version()
    x, y, xt, yt = dataset()
    handle = C.c_void_p()
    if lib.df_model_create(json.dumps(MODELS[model]).encode(), C.c_uint64(42), 1, C.byref(handle)):
        raise SystemExit(lib.df_last_error().decode())
    recipe = {"optimizer": "adam", "learning_rate": 1e-2, "batch_size": 100, "steps": steps, "batch_order": "sequential",
              "seed": 42, "eval_every": 250, "threads": threads}
    last = {}
    if abi == 1:
        CB = C.CFUNCTYPE(None, C.c_void_p, C.c_int64, C.c_char_p, C.c_double, C.c_double)
        def on(_, step, split, loss, acc):
            last[split.decode()] = (loss, acc)
        callback = CB(on)
        sets = (EvalSet * 2)(EvalSet(b"train", x.ctypes.data, y.ctypes.data, len(y)), EvalSet(b"test", xt.ctypes.data, yt.ctypes.data, len(yt)))
        result = TrainResult()
        lib.df_train_classifier.argtypes = [C.c_void_p, C.c_char_p, C.c_void_p, C.c_void_p, C.c_int64, C.c_void_p, C.c_int32,
                                            CB, C.c_void_p, C.c_void_p, C.c_void_p]
        status = lib.df_train_classifier(handle, json.dumps(recipe).encode(), x.ctypes.data, y.ctypes.data, len(y), sets, 2,
                                         callback, None, None, C.byref(result))
    else:
        partial = {}
        def on(_, m):
            split, name = m[0].split.decode(), m[0].name.decode()
            partial[(split, name)] = m[0].value
            if name == "acc":
                last[split] = (partial[(split, "loss")], m[0].value)
        callbacks = Callbacks(None, METRIC(on), None, None)
        arrays = (Array * 4)()
        for k, (name, a) in enumerate([("train_x", x), ("train_y", y), ("test_x", xt), ("test_y", yt)]):
            arrays[k].name = name.encode()
            arrays[k].dtype = 1 if a.dtype == np.float32 else 2
            arrays[k].rank = a.ndim
            for d, s in enumerate(a.shape):
                arrays[k].shape[d] = s
            arrays[k].data = a.ctypes.data
        recipe["eval_sets"] = ["train", "test"]
        models = (TaskModel * 1)(TaskModel(b"model", handle, 0))
        result = TaskResult()
        status = lib.df_task_run(b"classifier", models, 1, arrays, 4, json.dumps(recipe).encode(), C.byref(callbacks), None, C.byref(result))
    if status:
        raise SystemExit(lib.df_last_error().decode())
    print(json.dumps({"abi": abi, "model": model, "updates": result.updates, "seconds": result.seconds,
                      "cpu_seconds": result.cpu_seconds, "threads": result.threads, "fused": result.fused,
                      "test_acc": last["test"][1], "test_loss": last["test"][0], "train_loss": last["train"][0]}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", action="append", default=[], help="label=path (repeat)")
    parser.add_argument("--models", default="mlp,cnn")
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], args.one[1], args.steps, args.threads)
        return
    engines = [e.split("=", 1) for e in args.engine]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    runs = []
    for r in range(args.rounds):
        for model in args.models.split(","):
            for label, path in engines:
                load = open("/proc/loadavg").read().split()[0]
                # libtorch binds libblas.so.3 to whichever is loaded first, and NumPy loads one before the engine: point
                # the loader at the engine's OpenBLAS so that both get it.
                blas = os.path.join(os.path.dirname(os.path.abspath(path)), "blas")
                run_env = dict(env, LD_LIBRARY_PATH=blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")) if os.path.isdir(blas) else env
                out = subprocess.run([sys.executable, __file__, "--one", os.path.abspath(path), model, "--steps", str(args.steps),
                                      "--threads", str(args.threads)], capture_output=True, text=True, env=run_env, check=True)
                run = dict(json.loads(out.stdout.strip().splitlines()[-1]), engine=label, round=r, load=float(load))
                print(json.dumps(run), flush=True)
                runs.append(run)
    print("\n| model | engine | ABI | path | runs | wall s (median, min-max) | CPU s (median, min-max) | test acc | load avg at start |")
    print("|---|---|---:|---|---:|---:|---:|---:|---|")
    for model in args.models.split(","):
        for label, _ in engines:
            rs = [r for r in runs if r["model"] == model and r["engine"] == label]
            w = [r["seconds"] for r in rs]
            c = [r["cpu_seconds"] for r in rs]
            print(f"| {model} | {label} | {rs[0]['abi']} | {'fused' if rs[0]['fused'] else 'torch'} | {len(rs)} | "
                  f"{statistics.median(w):.2f} ({min(w):.2f}-{max(w):.2f}) | {statistics.median(c):.2f} ({min(c):.2f}-{max(c):.2f}) | "
                  f"{100 * rs[0]['test_acc']:.1f} % | {', '.join(str(r['load']) for r in rs)} |")


if __name__ == "__main__":
    main()
