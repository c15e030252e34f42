#!/usr/bin/env python3
"""One leave-one-cluster-out fold of the ARMED spiral comparison in PyTorch (CPU), for timing against our engine.

A port of the spec's training loop (specs/morpho-mixed-effects.md §2.2) with the same models as
src/Application/Experiments/MixedEffects/MixedEffectsModels.cs and the same objective as
native/src/tasks/mixed_effects.cpp: Adam 1e-3, batch 32 shuffled per epoch, the last partial batch kept.
Data: a spirals bundle written by `digitforge dataset download` (npz with x, y, z, cluster); the fold's split is the
same shares as ours (80/20 stratified on class x cluster, then 12.5 % validation), drawn with numpy.

Models: conventional, cluster_input, me_mlp (the notebook's three) and mldg (first-order), domain_adversarial, armed
(the engine's other presets, same objectives as mixed_effects.cpp). Adam as Keras' (lr 1e-3, eps 1e-7), as ours.

usage: torch_loco.py spirals.npz [--held-out 0] [--epochs 100] [--models conventional,cluster_input,me_mlp,...]
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class RandomEffects(nn.Module):
    def __init__(self, clusters, features, prior_sd=0.5, kl_weight=1 / 8000, l1_weight=1e-3):  # noqa: D107
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
        r = self.kl_weight * kl
        return r + self.l1_weight * self.mean.abs().sum() if self.l1_weight > 0 else r


def mlp(inputs, layers):
    mods = []
    for i in range(layers):
        mods += [nn.Linear(inputs if i == 0 else 4, 4), nn.ReLU()]
    return nn.Sequential(*mods)


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return -ctx.scale * grad, None


class Net(nn.Module):
    def __init__(self, model, features, clusters, classes):
        super().__init__()
        self.model = model
        self.fixed = mlp(features + (clusters if model == "cluster_input" else 0), 3)
        self.intercept = None
        self.fixed_head = None
        self.adversary = None
        if model in ("me_mlp", "armed"):
            armed = model == "armed"
            self.random = RandomEffects(clusters, features, prior_sd=0.3 if armed else 0.5, kl_weight=1e-5 if armed else 1 / 8000)
            self.mixed = mlp(features, 2)
            self.head = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, classes))
            if armed:
                self.intercept = RandomEffects(clusters, classes, prior_sd=0.1, kl_weight=1e-5, l1_weight=0)
                self.fixed_head = nn.Linear(4, classes)
        else:
            self.head = nn.Linear(4, classes)
        if model in ("armed", "domain_adversarial"):
            self.adversary = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, clusters))

    def main_parameters(self):
        return [p for name, p in self.named_parameters() if not (self.model == "armed" and name.startswith("adversary."))]

    def regularizer(self):
        r = self.random.regularizer()
        return r + self.intercept.regularizer() if self.intercept is not None else r

    def forward(self, x, z, latent=False):
        if self.model == "cluster_input":
            return self.head(self.fixed(torch.cat([x, z], 1)))
        h = self.fixed(x)
        if self.model not in ("me_mlp", "armed"):
            return (self.head(h), h) if latent else self.head(h)
        logits = self.head(torch.cat([h, self.mixed(self.random(z) * x)], 1))
        if self.intercept is not None:
            logits = logits + self.intercept(z)
        return (logits, h) if latent else logits


def train_epoch(model, net, opt, adv_opt, xt, yt, zt, ct, cluster_rows, rng):
    """One epoch of the engine's objective for `model` (native/src/tasks/mixed_effects.cpp)."""
    if model == "mldg":
        k = len(cluster_rows)
        params = net.main_parameters()
        for _ in range(-(-len(yt) // (4 * k))):
            test_cluster = int(torch.randint(k, (1,), generator=rng))
            picks = [rows[torch.randint(len(rows), (4,), generator=rng)] for rows in cluster_rows]
            tr = torch.cat([p for c, p in enumerate(picks) if c != test_cluster])
            te = picks[test_cluster]
            opt.zero_grad()
            f = F.cross_entropy(net(xt[tr], zt[tr]), yt[tr])
            f.backward()
            with torch.no_grad():
                saved = [p.detach().clone() for p in params]
                grad_f = [p.grad.detach().clone() for p in params]
                for p, g in zip(params, grad_f):
                    p.sub_(g * 1e-3)  # the inner SGD step
            opt.zero_grad()
            g_loss = F.cross_entropy(net(xt[te], zt[te]), yt[te])
            g_loss.backward()
            with torch.no_grad():
                for p, s0, g in zip(params, saved, grad_f):
                    p.copy_(s0)
                    p.grad.add_(g)
            opt.step()
        return
    perm = torch.randperm(len(yt))
    for b in range(0, len(yt), 32):
        idx = perm[b:b + 32]
        xb, yb, zb = xt[idx], yt[idx], zt[idx]
        if model == "armed":
            cb = ct[idx]
            with torch.no_grad():
                latent = net.fixed(xb)
            adv_opt.zero_grad()
            F.cross_entropy(net.adversary(latent), cb).backward()
            adv_opt.step()
            logits, h = net(xb, zb, latent=True)
            loss = (F.cross_entropy(net.fixed_head(h), yb) + F.cross_entropy(logits, yb)
                    - 0.5 * F.cross_entropy(net.adversary(h), cb))
        elif model == "domain_adversarial":
            logits, h = net(xb, zb, latent=True)
            loss = F.cross_entropy(logits, yb) + F.cross_entropy(net.adversary(GradientReversal.apply(h, 0.5)), ct[idx])
        else:
            loss = F.cross_entropy(net(xb, zb), yb)
        if model in ("me_mlp", "armed"):
            loss = loss + net.regularizer()
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()  # the engine reads every batch's loss too (the epoch mean it logs)


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
    ap.add_argument("--evaluate-test", action="store_true", help="train on all 80 %% (no 12.5 %% validation split)")
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
    if not a.evaluate_test:
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
    ct = torch.from_numpy(np.array([cc if cc < a.held_out else cc - 1 for cc in c[train]], np.int64))
    cluster_rows = [torch.nonzero(ct == k).flatten() for k in range(clusters - 1)]
    for model in a.models.split(","):
        torch.manual_seed(a.seed)
        net = Net(model, x.shape[1], clusters - 1, classes)
        opt = torch.optim.Adam(net.main_parameters(), lr=1e-3, eps=1e-7)
        adv_opt = torch.optim.Adam(net.adversary.parameters(), lr=1e-3, eps=1e-7) if model == "armed" else None
        rng = torch.Generator().manual_seed(a.seed)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(a.epochs):
            train_epoch(model, net, opt, adv_opt, xt, yt, zt, ct, cluster_rows, rng)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        net.eval()
        with torch.no_grad():
            acc = {k: (net(v[0], v[2]).argmax(1) == v[1]).float().mean().item() for k, v in sets.items()}
        print(f"{model}\t{seconds:.2f} s\t{cpu:.2f} s CPU\ttrain {acc['train']:.3f}\ttest {acc['test']:.3f}\tunseen {acc['unseen']:.3f}", flush=True)


if __name__ == "__main__":
    main()
