"""Training steps of the compositional-robustness CrossEntropy method on the CPU (../shared/specs/sequences-corruptions.md
B.6): DigitForge's engine (`classifier` task over the DTN-style backbone as CompositionalModels.Backbone describes it,
driven by bench/Benchmarks' `compositional-step` mode) against the same network and loop in PyTorch from Python
(Debian's python3-torch): 4 blocks Conv2d(5x5, stride 2, padding 2) - BatchNorm2d - ReLU - Dropout (.1/.3/.5/.5) with
64/128/256/256 channels times `width`, Flatten - Linear(->512 x width) - BatchNorm1d - ReLU - Dropout(.5) - Linear(->10);
SGD momentum 0.9, weight decay 5e-4, cosine schedule, shuffled batches, cross-entropy. Random 28x28 images in [-1, 1].

Usage: compositional_step_bench.py [--width 0.25] [--batch 128] [--steps 20] [--rounds 3] [--threads 1]
(the cpu preset is width 0.25, batch 128; the paper preset width 1, batch 256). Both sides in their own processes with
OMP_NUM_THREADS=threads and the engine's OpenBLAS; prints JSON lines and a Markdown table of medians.
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
    widths = [max(4, round(c * args.width)) for c in (64, 128, 256, 256)]
    layers, cin, size = [], 1, 28
    for c, p in zip(widths, (0.1, 0.3, 0.5, 0.5)):
        layers += [nn.Conv2d(cin, c, 5, 2, 2), nn.BatchNorm2d(c), nn.ReLU(), nn.Dropout(p)]
        cin, size = c, (size - 1) // 2 + 1
    hidden = max(4, round(512 * args.width))
    layers += [nn.Flatten(), nn.Linear(cin * size * size, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, 10)]
    model = nn.Sequential(*layers).train()
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


def run_side(args, side, env):
    if side == "pytorch":
        cmd = [sys.executable, __file__, "--side", "pytorch"] + [f"--{k}={getattr(args, k)}" for k in ("width", "batch", "steps", "rounds", "threads")]
    else:
        dlls = glob.glob(os.path.join(ROOT, "bench", "Benchmarks", "bin", "Release", "*", "DigitForge.Benchmarks.dll"))
        if not dlls:
            raise SystemExit("bench/Benchmarks is not built: run scripts/build.sh")
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
    parser.add_argument("--side", choices=["pytorch"])
    args = parser.parse_args()
    if args.side == "pytorch":
        import torch
        torch.set_num_threads(max(1, args.threads))
        torch_side(args)
        return
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS="1")
    blas = os.path.join(ROOT, "native", "build", "lib", "blas")
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    results = {"engine": run_side(args, "engine", env), "pytorch": run_side(args, "pytorch", env)}
    print(f"\nwidth {args.width}, batch {args.batch}, {args.steps} steps x {args.rounds} rounds, {args.threads} thread(s), medians\n")
    print("| side | ms / step (wall) | CPU ms / step |")
    print("|---|---:|---:|")
    for side, rows in results.items():
        print(f"| {side} | {statistics.median(r['ms_per_step'] for r in rows):.1f} | {statistics.median(r['cpu_ms_per_step'] for r in rows):.1f} |")


if __name__ == "__main__":
    main()
