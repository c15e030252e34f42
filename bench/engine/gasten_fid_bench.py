"""One GASTeN FID evaluation on the CPU (../shared/specs/gasten.md §3): DigitForge's gasten kind (GastenEvaluator:
engine forward passes + C# Gaussian statistics + Fréchet distance by two symmetric eigendecompositions) against the
same work in PyTorch from Python (Debian's python3-torch) with pytorch-fid's calculate_frechet_distance (scipy sqrtm):
the reference's DCGAN generator (z 64, filter dims 64) on 2048 test-noise rows, the 64-d digit feature network
(digitforge-digit-features-v1, the FID network offline), statistics against reference statistics. Then the whole
per-epoch evaluation of step 2 (FID + FOCD in a cnn nf 2 classifier's embedding + ACD). Random weights: timing only.

Usage: gasten_fid_bench.py [--rounds 5] [--samples 2048] [--threads 1] [--inception WEIGHTS.pth]
--inception: FID in pytorch-fid's Inception-v3 (2048-d pool3, batches of 50) on both sides instead of the digit
network, weights from a torch.save'd state dict (tests/EngineTests/Gasten/fid_inception_reference.py write makes a
random one); reference statistics from 256 rows, no warm-up round and FID only (each pass is minutes on a CPU).
Needs bench/Benchmarks built (scripts/build.sh). Each side runs in its own process with OMP_NUM_THREADS=threads and
the engine's OpenBLAS for both. Prints JSON lines and a Markdown table (medians).
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
    import numpy as np
    import torch
    import torch.nn as nn
    from scipy import linalg
    torch.manual_seed(0)

    generator = nn.Sequential(
        nn.Linear(64, 4096, bias=False), nn.BatchNorm1d(4096), nn.ReLU(), nn.Unflatten(1, (256, 4, 4)),
        nn.ConvTranspose2d(256, 128, 5, 2, 2, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 5, 2, 2, 1, bias=False), nn.Tanh()).eval()
    features = nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU()).eval()
    nf = 2
    embedding = nn.Sequential(
        nn.Conv2d(1, nf, 3, padding=1), nn.MaxPool2d(2), nn.Conv2d(nf, 2 * nf, 3, padding=1), nn.MaxPool2d(2),
        nn.Flatten()).eval()
    head = nn.Sequential(nn.Linear(49 * 2 * nf, 1), nn.Sigmoid()).eval()

    def stats(x):
        x = x.double().numpy()
        return x.mean(0), np.cov(x, rowvar=False)

    def frechet(mu1, s1, mu2, s2, eps=1e-6):  # pytorch-fid's calculate_frechet_distance, as GASTeN uses it
        diff = mu1 - mu2
        covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
        if not np.isfinite(covmean).all():
            offset = np.eye(s1.shape[0]) * eps
            covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
        if np.iscomplexobj(covmean):
            covmean = covmean.real
        return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)

    if args.inception:
        import importlib.util
        spec = importlib.util.spec_from_file_location(
            "fid_inception_reference", os.path.join(ROOT, "tests", "EngineTests", "Gasten", "fid_inception_reference.py"))
        reference_module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(reference_module)
        inception = reference_module.load(args.inception)

        def features(x):  # GASTeN feeds [-1, 1] images with normalize_input=False
            return reference_module.features(inception, x, False)

    n = args.samples
    reference = torch.rand(n, 1, 28, 28) * 2 - 1
    noise = torch.rand(n, 64) - 0.5
    with torch.no_grad():
        fid_ref = stats(features(reference[:256] if args.inception else reference))
        focd_ref = stats(embedding(reference))

        def fid_only():
            images = generator(noise)
            return frechet(*fid_ref, *stats(features(images)))

        def everything():
            images = generator(noise)
            fid = frechet(*fid_ref, *stats(features(images)))
            e = embedding(images)
            p = head(e).reshape(-1)
            frechet(*focd_ref, *stats(e))
            (0.5 - p).abs().mean().item()
            ((p >= 0.4) & (p <= 0.6)).sum().item()
            torch.histc(p, 20, 0, 1)
            return fid

        if not args.inception:
            fid_only()
        for _ in range(args.rounds):
            out = {"side": "pytorch", "network": "pytorch-fid-inception-v3" if args.inception else "digit", "samples": n,
                   "all_wall_s": 0, "all_cpu_s": 0}
            for key, work in (("fid", fid_only),) + ((("all", everything),) if not args.inception else ()):
                wall, cpu = time.perf_counter(), time.process_time()
                value = work()
                out[f"{key}_wall_s"] = round(time.perf_counter() - wall, 4)
                out[f"{key}_cpu_s"] = round(time.process_time() - cpu, 4)
            out["fid"] = round(float(value), 3)
            print(json.dumps(out), flush=True)


def run_side(args, side, env):
    if side == "pytorch":
        cmd = [sys.executable, __file__, "--side", "pytorch", "--rounds", str(args.rounds), "--samples", str(args.samples)]
        cmd += ["--inception", args.inception] if args.inception else []
    else:
        dlls = glob.glob(os.path.join(ROOT, "bench", "Benchmarks", "bin", "Release", "*", "DigitForge.Benchmarks.dll"))
        if not dlls:
            raise SystemExit("bench/Benchmarks is not built: run scripts/build.sh")
        cmd = ["dotnet", dlls[0], "gasten-fid", str(args.rounds), str(args.samples)] + ([args.inception] if args.inception else [])
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    for row in rows:
        print(json.dumps(row), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=2048)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--side", choices=["pytorch"])
    parser.add_argument("--inception", help="pytorch-fid Inception-v3 weights (torch.save'd state dict)")
    args = parser.parse_args()
    if args.side == "pytorch":
        import torch
        torch.set_num_threads(max(args.threads, 1) if "OMP_NUM_THREADS" not in os.environ else int(os.environ["OMP_NUM_THREADS"]))
        torch_side(args)
        return
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS="1")
    blas = os.path.join(ROOT, "native", "build", "lib", "blas")
    if os.path.isdir(blas):
        env["LD_LIBRARY_PATH"] = blas + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    results = {"engine": run_side(args, "engine", env), "pytorch": run_side(args, "pytorch", env)}
    print(f"\n{args.samples} samples, {args.threads} thread(s), {args.rounds} rounds, medians\n")
    print("| side | FID wall s | FID CPU s | FID+FOCD+ACD wall s | FID+FOCD+ACD CPU s |")
    print("|---|---:|---:|---:|---:|")
    for side, rows in results.items():
        m = {k: statistics.median(r[k] for r in rows) for k in ("fid_wall_s", "fid_cpu_s", "all_wall_s", "all_cpu_s")}
        print(f"| {side} | {m['fid_wall_s']:.3f} | {m['fid_cpu_s']:.3f} | {m['all_wall_s']:.3f} | {m['all_cpu_s']:.3f} |")


if __name__ == "__main__":
    main()
