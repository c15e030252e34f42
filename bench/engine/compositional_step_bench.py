"""Training steps of the compositional-robustness CrossEntropy method on the CPU (../shared/specs/sequences-corruptions.md
B.6): DigitForge's engine (`classifier` task over the DTN-style backbone as CompositionalModels.Backbone describes it,
driven by bench/Benchmarks' `compositional-step` mode) against the same network and loop in PyTorch from Python
(Debian's python3-torch): 4 blocks Conv2d(5x5, stride 2, padding 2) - BatchNorm2d - ReLU - Dropout (.1/.3/.5/.5) with
64/128/256/256 channels times `width`, Flatten - Linear(->512 x width) - BatchNorm1d - ReLU - Dropout(.5) - Linear(->10);
SGD momentum 0.9, weight decay 5e-4, cosine schedule, shuffled batches, cross-entropy. Random 28x28 images in [-1, 1].

Usage: compositional_step_bench.py [--width 0.25] [--batch 128] [--steps 20] [--rounds 3] [--threads 1]
                                   [--epoch-rows 14000] [--eval-images 300]
(the cpu preset is width 0.25, batch 128; the paper preset width 1, batch 256). Both sides in their own processes with
OMP_NUM_THREADS=threads and the engine's OpenBLAS; prints JSON lines and a Markdown table of medians.

--epoch-rows N adds one full epoch over N rows per round (the cpu preset's CrossEntropy epoch: 2,000 images x 7
elementals = 14,000 rows, 110 steps, the last one short), same loop on both sides.
--eval-images N adds the test on all 167 compositions of N source test images (the cpu preset: 300, 50,100 rows).
Ours: bench/Benchmarks' `compositional-eval` mode, the kind's own CompositionalEvaluator (compositions built on the
fly in C# from synthetic digits, one pipeline-eval task per block of images); its CPU seconds are given for the whole
evaluation and for the engine tasks alone. PyTorch: the same network in eval mode under torch.no_grad() on exactly the
rows our engine received (dumped by the C# side: normalised float32 composed images and labels), batches of 1000 as
the evaluator's recipe; that is the forward pass only, the comparison for "engine CPU s".
The two sides' weights are each library's own random initialisation; the images of the step and epoch timings are
random in [-1, 1] on both sides (different draws; the values do not change the work).
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def torch_side(args):
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    model = dtn(args).train()
    rows = args.batch * args.steps
    x = torch.rand(rows, 1, 28, 28) * 2 - 1
    y = torch.randint(0, 10, (rows,))

    def run(steps):
        opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9, weight_decay=5e-4)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
        order = torch.randperm(steps * args.batch)
        for s in range(steps):
            idx = order[s * args.batch:(s + 1) * args.batch]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
        return loss.item()

    run(2)
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        run(args.steps)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(json.dumps({"side": "pytorch", "width": args.width, "batch": args.batch, "steps": args.steps, "wall_s": round(wall, 4),
                          "cpu_s": round(cpu, 4), "ms_per_step": round(1000 * wall / args.steps, 2), "cpu_ms_per_step": round(1000 * cpu / args.steps, 2)}), flush=True)


def dtn(args):
    import torch.nn as nn
    widths = [max(4, round(c * args.width)) for c in (64, 128, 256, 256)]
    layers, cin, size = [], 1, 28
    for c, p in zip(widths, (0.1, 0.3, 0.5, 0.5)):
        layers += [nn.Conv2d(cin, c, 5, 2, 2), nn.BatchNorm2d(c), nn.ReLU(), nn.Dropout(p)]
        cin, size = c, (size - 1) // 2 + 1
    hidden = max(4, round(512 * args.width))
    layers += [nn.Flatten(), nn.Linear(cin * size * size, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, 10)]
    return nn.Sequential(*layers)


def torch_epoch(args):
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    model = dtn(args).train()
    rows = args.epoch_rows
    x = torch.rand(rows, 1, 28, 28) * 2 - 1
    y = torch.randint(0, 10, (rows,))
    steps = (rows + args.batch - 1) // args.batch

    def run():
        opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9, weight_decay=5e-4)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
        order = torch.randperm(rows)
        for s in range(steps):
            idx = order[s * args.batch:(s + 1) * args.batch]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
        return loss.item()

    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(json.dumps({"side": "pytorch", "what": "epoch", "width": args.width, "batch": args.batch, "rows": rows, "steps": steps,
                          "wall_s": round(wall, 4), "cpu_s": round(cpu, 4)}), flush=True)


def torch_eval(args):
    import numpy as np
    import torch
    torch.manual_seed(0)
    model = dtn(args).eval()
    x = torch.from_numpy(np.fromfile(args.dump + ".x.f32", dtype=np.float32).reshape(-1, 1, 28, 28))
    y = torch.from_numpy(np.fromfile(args.dump + ".y.i64", dtype=np.int64))

    def run():
        correct = 0
        with torch.no_grad():
            for start in range(0, x.shape[0], 1000):
                correct += int((model(x[start:start + 1000]).argmax(1) == y[start:start + 1000]).sum())
        return correct

    run()
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        correct = run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(json.dumps({"side": "pytorch", "what": "eval167", "width": args.width, "rows": int(x.shape[0]), "wall_s": round(wall, 4),
                          "cpu_s": round(cpu, 4), "engine_cpu_s": round(cpu, 4), "acc": round(correct / x.shape[0], 4)}), flush=True)


def run_side(args, side, env):
    common = [f"--{k}={getattr(args, k.replace('-', '_'))}" for k in ("width", "batch", "steps", "rounds", "threads", "epoch-rows", "eval-images", "dump")]
    dlls = glob.glob(os.path.join(ROOT, "bench", "Benchmarks", "bin", "Release", "*", "DigitForge.Benchmarks.dll"))
    if side != "pytorch" and not dlls:
        raise SystemExit("bench/Benchmarks is not built: run scripts/build.sh")
    if side == "pytorch":
        cmd = [sys.executable, __file__, "--side", "pytorch"] + common
    elif side == "pytorch-epoch":
        cmd = [sys.executable, __file__, "--side", "pytorch-epoch"] + common
    elif side == "pytorch-eval":
        cmd = [sys.executable, __file__, "--side", "pytorch-eval"] + common
    elif side == "engine-epoch":
        cmd = ["dotnet", dlls[0], "compositional-step", str(args.width), str(args.batch), str(args.steps), str(args.rounds), str(args.threads), str(args.epoch_rows)]
    elif side == "engine-eval":
        cmd = ["dotnet", dlls[0], "compositional-eval", str(args.width), str(args.eval_images), str(args.rounds), str(args.threads), args.dump]
    else:
        cmd = ["dotnet", dlls[0], "compositional-step", str(args.width), str(args.batch), str(args.steps), str(args.rounds), str(args.threads)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    for row in rows:
        print(json.dumps(row), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=float, default=0.25)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epoch-rows", type=int, default=0)
    parser.add_argument("--eval-images", type=int, default=0)
    parser.add_argument("--dump", default="/tmp/compositional_eval_rows")
    parser.add_argument("--side", choices=["pytorch", "pytorch-epoch", "pytorch-eval"])
    args = parser.parse_args()
    if args.side is not None:
        import torch
        torch.set_num_threads(max(1, args.threads))
        {"pytorch": torch_side, "pytorch-epoch": torch_epoch, "pytorch-eval": torch_eval}[args.side](args)
        return
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS="1")
    blas = os.path.join(ROOT, "native", "build", "lib", "blas")
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    print("load average before:", " ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)
    results = {"engine": run_side(args, "engine", env), "pytorch": run_side(args, "pytorch", env)}
    if args.epoch_rows > 0:
        results["engine-epoch"] = run_side(args, "engine-epoch", env)
        results["pytorch-epoch"] = run_side(args, "pytorch-epoch", env)
    if args.eval_images > 0:
        results["engine-eval"] = run_side(args, "engine-eval", env)
        results["pytorch-eval"] = run_side(args, "pytorch-eval", env)
        for suffix in (".x.f32", ".y.i64"):  # the dumped rows (157 MB for 300 images) are not kept
            if os.path.exists(args.dump + suffix):
                os.remove(args.dump + suffix)
    print("load average after:", " ".join(f"{v:.2f}" for v in os.getloadavg()))
    med = lambda rows, key: statistics.median(r[key] for r in rows)
    print(f"\nwidth {args.width}, batch {args.batch}, {args.steps} steps x {args.rounds} rounds, {args.threads} thread(s), medians\n")
    print("| side | ms / step (wall) | CPU ms / step |")
    print("|---|---:|---:|")
    for side in ("engine", "pytorch"):
        rows = results[side]
        print(f"| {side} | {med(rows, 'ms_per_step'):.1f} | {med(rows, 'cpu_ms_per_step'):.1f} |")
    if args.epoch_rows > 0:
        e, p = results["engine-epoch"], results["pytorch-epoch"]
        print(f"\none epoch of {args.epoch_rows} rows: engine {med(e, 'wall_s'):.2f} s wall / {med(e, 'cpu_s'):.2f} s CPU; "
              f"pytorch {med(p, 'wall_s'):.2f} s wall / {med(p, 'cpu_s'):.2f} s CPU; speed-up (CPU) {med(p, 'cpu_s') / med(e, 'cpu_s'):.2f}x")
    if args.eval_images > 0:
        e, p = results["engine-eval"], results["pytorch-eval"]
        print(f"\n167 compositions x {args.eval_images} images ({e[0]['rows']} rows): engine {med(e, 'cpu_s'):.2f} s CPU in all "
              f"({med(e, 'engine_cpu_s'):.2f} s in the engine tasks, {e[0]['tasks']} tasks, fused {e[0]['fused']}), {med(e, 'wall_s'):.2f} s wall; "
              f"pytorch forward {med(p, 'cpu_s'):.2f} s CPU, {med(p, 'wall_s'):.2f} s wall; speed-up (CPU, engine tasks) "
              f"{med(p, 'cpu_s') / med(e, 'engine_cpu_s'):.2f}x, (CPU, whole evaluation incl. composing) {med(p, 'cpu_s') / med(e, 'cpu_s'):.2f}x")


if __name__ == "__main__":
    main()
