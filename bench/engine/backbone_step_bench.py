"""Training steps of the compositional-robustness backbones built from the engine's `branches` layer on the CPU:
CIFAR-10's ResNet-18 (CIFAR form, 3x32x32, 10 classes) and FaceScrub's Inception-v3 (torchvision's, no aux logits,
3x100x100, 388 classes), at a width multiplier. Ours: bench/Benchmarks' `backbone-step` mode (the engine's
`classifier` task). PyTorch (Debian's python3-torch): the same network, built in torch.nn from the description the
engine side prints (`backbone-step describe`), with the layer builder of tests/EngineTests/Layers/branch_layers_reference.py
(nn.Conv2d, nn.BatchNorm2d, ..., a ModuleList whose outputs are torch.cat'ed or summed), and the same loop: SGD lr 0.1
momentum 0.9 weight decay 5e-4, cosine schedule, shuffled batches, cross-entropy. Random images in [-1, 1].

Usage: backbone_step_bench.py --backbone resnet18|inception [--width 0.25] [--batch 128] [--steps 5] [--rounds 3]
[--threads 1]. Both sides in their own processes with OMP_NUM_THREADS=threads and the engine's OpenBLAS; prints JSON
lines and a Markdown table of medians (wall and CPU ms per step).
"""
import argparse
import glob
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def benchmarks_dll():
    dlls = glob.glob(os.path.join(ROOT, "bench", "Benchmarks", "bin", "Release", "*", "DigitForge.Benchmarks.dll"))
    if not dlls:
        raise SystemExit("bench/Benchmarks is not built: dotnet build -c Release bench/Benchmarks")
    return dlls[0]


def torch_side(args):
    import torch
    import torch.nn as nn
    spec = importlib.util.spec_from_file_location("reference", os.path.join(ROOT, "tests", "EngineTests", "Layers", "branch_layers_reference.py"))
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    description = json.loads(subprocess.run(["dotnet", benchmarks_dll(), "backbone-step", "describe", args.backbone, str(args.width)],
                                            check=True, capture_output=True, text=True).stdout)
    torch.manual_seed(0)
    model = nn.Sequential(*[reference.build(l) for l in description["layers"]]).train()
    classes = 388 if args.backbone == "inception" else 10
    rows = args.batch * args.steps
    x = torch.rand([rows] + description["input_shape"]) * 2 - 1
    y = torch.randint(0, classes, (rows,))

    def run(steps):
        opt = torch.optim.SGD(model.parameters(), lr=1e-1, momentum=0.9, weight_decay=5e-4)
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
        print(json.dumps({"side": "pytorch", "backbone": args.backbone, "width": args.width, "batch": args.batch, "steps": args.steps,
                          "wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "ms_per_step": round(1000 * wall / args.steps, 2),
                          "cpu_ms_per_step": round(1000 * cpu / args.steps, 2)}), flush=True)


def run_side(args, side, env):
    if side == "pytorch":
        cmd = [sys.executable, __file__, "--side", "pytorch"] + [f"--{k}={getattr(args, k)}" for k in ("backbone", "width", "batch", "steps", "rounds", "threads")]
    else:
        cmd = ["dotnet", benchmarks_dll(), "backbone-step", args.backbone, str(args.width), str(args.batch), str(args.steps), str(args.rounds), str(args.threads)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    for row in rows:
        print(json.dumps(row), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backbone", choices=["resnet18", "inception"], default="resnet18")
    parser.add_argument("--width", type=float, default=0.25)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=5)
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
    print(f"\n{args.backbone}, width {args.width}, batch {args.batch}, {args.steps} steps x {args.rounds} rounds, {args.threads} thread(s), medians\n")
    print("| side | ms / step (wall) | CPU ms / step |")
    print("|---|---:|---:|")
    for side, rows in results.items():
        print(f"| {side} | {statistics.median(r['ms_per_step'] for r in rows):.1f} | {statistics.median(r['cpu_ms_per_step'] for r in rows):.1f} |")


if __name__ == "__main__":
    main()
