"""One GASTeN step-2 epoch on the CPU (../shared/specs/gasten.md §2): the engine's "gan" task with a frozen classifier
(L_G = BCE(D(G(z)), 1) + alpha * mean |0.5 - C(G(z))|, gradients through C) against the same loop in PyTorch from
Python (Debian's python3-torch): the reference's DCGAN (filter dims 64, z 64), batch 64, Adam 2e-4 (0.5, 0.999), the
cnn classifier with nf 2, alpha 25, same data, same intra-op threads, same BLAS. Builds on gan_bench.py (models, data,
engine binding).

Usage: gasten_step2_bench.py [--rows 1758] [--threads 1] [--rounds 2] [--digits DIR] [--alpha 25] [--nf 2]
Each measurement runs in a fresh process, engine and PyTorch alternating; prints JSON lines and a Markdown table.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import gan_bench  # noqa: E402

ROOT = gan_bench.ROOT


def classifier(nf):
    return {"input_shape": [1, 28, 28], "layers": [
        {"type": "conv2d", "in_channels": 1, "out_channels": nf, "kernel_size": 3, "padding": 1},
        {"type": "max_pool2d", "kernel_size": 2},
        {"type": "conv2d", "in_channels": nf, "out_channels": 2 * nf, "kernel_size": 3, "padding": 1},
        {"type": "max_pool2d", "kernel_size": 2},
        {"type": "flatten"}, {"type": "linear", "in_features": 49 * 2 * nf, "out_features": 1}, {"type": "sigmoid"}]}


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

    x = gan_bench.images(args.rows, args.digits)
    handles = []
    for desc, seed in ((gan_bench.G, 1), (gan_bench.D, 2), (classifier(args.nf), 3)):
        h = C.c_void_p()
        if lib.df_model_create(json.dumps(desc).encode(), C.c_uint64(seed), 1, C.byref(h)):
            raise SystemExit(lib.df_last_error().decode())
        handles.append(h)
    models = (TaskModel * 3)(TaskModel(b"generator", handles[0], 0), TaskModel(b"discriminator", handles[1], 0), TaskModel(b"classifier", handles[2], 1))
    arrays = (Array * 1)()
    arrays[0].name, arrays[0].dtype, arrays[0].rank, arrays[0].data = b"train_x", 1, 4, x.ctypes.data
    for i, s in enumerate(x.shape):
        arrays[0].shape[i] = s
    recipe = {"epochs": 1, "batch_size": 64, "seed": 42, "threads": args.threads, "sample_count": 64, "classifier_weight": args.alpha}
    result = Result()
    if lib.df_task_run(b"gan", models, 3, arrays, 1, json.dumps(recipe).encode(), None, None, C.byref(result)):
        raise SystemExit(lib.df_last_error().decode())
    return {"side": "engine", "iterations": result.updates, "seconds": result.seconds, "cpu_seconds": result.cpu_seconds, "threads": result.threads}


def torch_run(args):
    import torch
    import torch.nn as nn
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    g = nn.Sequential(nn.Linear(64, 4096, bias=False), nn.BatchNorm1d(4096), nn.ReLU(), nn.Unflatten(1, (256, 4, 4)),
                      nn.ConvTranspose2d(256, 128, 5, 2, 2, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 5, 2, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 5, 2, 2, bias=False), nn.LeakyReLU(0.2),
                      nn.Conv2d(64, 128, 5, 2, 2, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
                      nn.Conv2d(128, 256, 5, 2, 2, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(4096, 1), nn.Sigmoid())
    nf = args.nf
    c = nn.Sequential(nn.Conv2d(1, nf, 3, padding="same"), nn.MaxPool2d(2), nn.Conv2d(nf, 2 * nf, 3, padding="same"), nn.MaxPool2d(2),
                      nn.Flatten(), nn.Linear(49 * 2 * nf, 1), nn.Sigmoid())
    c.eval()
    c.requires_grad_(False)
    x = torch.from_numpy(gan_bench.images(args.rows, args.digits))
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    fixed = torch.randn(64, 64)
    ones, zeros = torch.ones(64), torch.zeros(64)
    wall, cpu = time.perf_counter(), time.process_time()
    with torch.no_grad():
        g.eval(); g(fixed); g.train()
    order = torch.randperm(len(x))
    iterations = len(x) // 64
    for it in range(iterations):
        real = x[order[it * 64:(it + 1) * 64]]
        d.zero_grad()
        with torch.no_grad():
            fake = g(torch.randn(64, 64))
        loss_d = bce(d(real).squeeze(1), ones) + bce(d(fake).squeeze(1), zeros)
        loss_d.backward()
        opt_d.step()
        g.zero_grad()
        d.requires_grad_(False)
        fake = g(torch.randn(64, 64))
        loss_g = bce(d(fake).squeeze(1), ones) + args.alpha * (0.5 - c(fake).squeeze(1)).abs().mean()  # UpdateGeneratorGASTEN
        loss_g.backward()
        d.requires_grad_(True)
        opt_g.step()
    with torch.no_grad():
        g.eval(); g(fixed); g.train()
    return {"side": "torch", "iterations": iterations, "seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
            "threads": torch.get_num_threads(), "torch": torch.__version__}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default=os.path.join(ROOT, "native", "build", "lib", "libdigitforge_engine.so"))
    parser.add_argument("--rows", type=int, default=1758)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--digits", default="")
    parser.add_argument("--alpha", type=float, default=25)
    parser.add_argument("--nf", type=int, default=2)
    parser.add_argument("--one", choices=["engine", "torch"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.engine = os.path.abspath(args.engine)
    if args.one:
        print(json.dumps(engine_run(args) if args.one == "engine" else torch_run(args)))
        return
    blas = os.path.join(os.path.dirname(args.engine), "blas")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    runs = []
    for r in range(args.rounds):
        for side in ("engine", "torch"):
            load = open("/proc/loadavg").read().split()[0]
            cmd = [sys.executable, __file__, "--one", side, "--engine", args.engine, "--rows", str(args.rows), "--threads", str(args.threads),
                   "--digits", args.digits, "--alpha", str(args.alpha), "--nf", str(args.nf)]
            out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
            run = dict(json.loads(out.stdout.strip().splitlines()[-1]), round=r, load=float(load))
            print(json.dumps(run), flush=True)
            runs.append(run)
    print("\n| side | runs | iterations | epoch wall s | epoch CPU s | wall s / iteration | load avg at start |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for side in ("engine", "torch"):
        rs = [r for r in runs if r["side"] == side]
        w = statistics.median(r["seconds"] for r in rs)
        c = statistics.median(r["cpu_seconds"] for r in rs)
        n = rs[0]["iterations"]
        print(f"| {side} | {len(rs)} | {n} | {w:.2f} | {c:.2f} | {w / n:.3f} | {', '.join(str(r['load']) for r in rs)} |")


if __name__ == "__main__":
    main()
