#!/usr/bin/env python3
"""One leave-one-cluster-out fold of the ARMED spiral comparison in PyTorch (CPU), for timing against our engine.

A port of the spec's training loop (specs/morpho-mixed-effects.md §2.2) with the same models as
src/Application/Experiments/MixedEffects/MixedEffectsModels.cs and the same objective as
native/src/tasks/mixed_effects.cpp: Adam 1e-3, batch 32 shuffled per epoch, the last partial batch kept.
Data: a spirals bundle written by `digitforge dataset download` (npz with x, y, z, cluster); the fold's split is the
same shares as ours (80/20 stratified on class x cluster, then 12.5 % validation), drawn with numpy.

usage: torch_loco.py spirals.npz [--held-out 0] [--epochs 100] [--models conventional,cluster_input,me_mlp]
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class RandomEffects(nn.Module):
    def __init__(self, clusters, features, prior_sd=0.5, kl_weight=1 / 8000, l1_weight=1e-3):
        super().__init__()
        self.mean = nn.Parameter(torch.zeros(clusters, features))
        sd = torch.rand(clusters, features) * 0.1 + 0.1
        self.raw_sd = nn.Parameter(sd + torch.log(-torch.expm1(-sd)))
        self.prior_sd, self.kl_weight, self.l1_weight = prior_sd, kl_weight, l1_weight

    def forward(self, z):
        if not self.training:
            return z @ self.mean
        return z @ (self.mean + F.softplus(self.raw_sd) * torch.randn_like(self.mean))

    def regularizer(self):
        s, p = F.softplus(self.raw_sd), self.prior_sd
        kl = (np.log(p) - torch.log(s) + (s * s + self.mean ** 2) / (2 * p * p) - 0.5).sum()
        return self.kl_weight * kl + self.l1_weight * self.mean.abs().sum()


def mlp(inputs, layers):
    mods = []
    for i in range(layers):
        mods += [nn.Linear(inputs if i == 0 else 4, 4), nn.ReLU()]
    return nn.Sequential(*mods)


class Net(nn.Module):
    def __init__(self, model, features, clusters, classes):
        super().__init__()
        self.model = model
        self.fixed = mlp(features + (clusters if model == "cluster_input" else 0), 3)
        if model == "me_mlp":
            self.random = RandomEffects(clusters, features)
            self.mixed = mlp(features, 2)
            self.head = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, classes))
        else:
            self.head = nn.Linear(4, classes)

    def forward(self, x, z):
        if self.model == "cluster_input":
            return self.head(self.fixed(torch.cat([x, z], 1)))
        h = self.fixed(x)
        if self.model != "me_mlp":
            return self.head(h)
        return self.head(torch.cat([h, self.mixed(self.random(z) * x)], 1))


def split(rows, y, c, share, rng):
    small, large = [], []
    for key in sorted(set(zip(c[rows], y[rows]))):
        members = rows[(c[rows] == key[0]) & (y[rows] == key[1])]
        members = members[rng.permutation(len(members))]
        take = int(np.floor(len(members) * share + 0.5))
        small += list(members[:take])
        large += list(members[take:])
    return np.sort(large), np.sort(small)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("npz")
    ap.add_argument("--held-out", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--models", default="conventional,cluster_input,me_mlp")
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    torch.set_num_threads(1)
    d = np.load(a.npz)
    x = d["x_train"].astype(np.float32)
    y = d["y_train"].astype(np.int64)
    c = d["cluster_train"].astype(np.int64)
    clusters, classes = int(c.max()) + 1, int(y.max()) + 1
    rng = np.random.RandomState(a.seed)
    seen = np.where(c != a.held_out)[0]
    unseen = np.where(c == a.held_out)[0]
    train, test = split(seen, y, c, 0.2, rng)
    train, _ = split(train, y, c, 0.125, rng)

    def z_of(rows):
        z = np.zeros((len(rows), clusters - 1), np.float32)
        for i, r in enumerate(rows):
            if c[r] != a.held_out:
                z[i, c[r] if c[r] < a.held_out else c[r] - 1] = 1
        return torch.from_numpy(z)

    sets = {name: (torch.from_numpy(x[r]), torch.from_numpy(y[r]), z_of(r)) for name, r in
            [("train", train), ("test", test), ("unseen", unseen)]}
    xt, yt, zt = sets["train"]
    for model in a.models.split(","):
        torch.manual_seed(a.seed)
        net = Net(model, x.shape[1], clusters - 1, classes)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(a.epochs):
            perm = torch.randperm(len(yt))
            for b in range(0, len(yt), 32):
                idx = perm[b:b + 32]
                loss = F.cross_entropy(net(xt[idx], zt[idx]), yt[idx])
                if model == "me_mlp":
                    loss = loss + net.random.regularizer()
                opt.zero_grad()
                loss.backward()
                opt.step()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        net.eval()
        with torch.no_grad():
            acc = {k: (net(v[0], v[2]).argmax(1) == v[1]).float().mean().item() for k, v in sets.items()}
        print(f"{model}\t{seconds:.2f} s\t{cpu:.2f} s CPU\ttrain {acc['train']:.3f}\ttest {acc['test']:.3f}\tunseen {acc['unseen']:.3f}", flush=True)


if __name__ == "__main__":
    main()
