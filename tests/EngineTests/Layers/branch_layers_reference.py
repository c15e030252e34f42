"""PyTorch side of BranchLayersTests.cs: the engine's branches / avg_pool2d / adaptive_avg_pool2d layers against PyTorch.

usage: branch_layers_reference.py MODEL BEFORE AFTER X Y ENGINE_OUT LR
  MODEL      a model description JSON file (built here layer for layer, parameters named as the engine names them),
             or "torchvision:resnet18-cifar:CLASSES:C,H,W" / "torchvision:inception_v3:CLASSES:C,H,W" (torchvision's own
             modules; the engine's weights are copied in parameter order, shapes checked)
  BEFORE     the engine's checkpoint before one training step, AFTER the one after it (read with torch.jit.load)
  X          float32 inputs [rows, ...], Y int64 labels, ENGINE_OUT the engine's evaluation-mode logits (float32)
  LR         the SGD step's learning rate (no momentum, no weight decay, mean cross-entropy over the one batch)

Prints JSON: the largest |difference| of the evaluation-mode logits and of the parameter updates (after - before,
against float64 PyTorch), beside the largest |logit| and |update| and how far PyTorch's own float32 update is from the
float64 one (update_noise), so the caller can judge them relative to the scale and to float32's rounding.
"""
import copy
import json
import sys

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class Residual(nn.Sequential):
    def forward(self, x):
        return x + super().forward(x)


class Branches(nn.ModuleList):
    def __init__(self, branches, merge):
        super().__init__(branches)
        self.merge = merge

    def forward(self, x):
        outputs = [b(x) for b in self]
        if self.merge == "concat":
            return torch.cat(outputs, 1)
        return torch.stack(outputs).sum(0)


def pair(v):
    return tuple(v) if isinstance(v, list) else (v, v)


def build(layer):
    t = layer["type"]
    if t == "conv2d":
        return nn.Conv2d(layer["in_channels"], layer["out_channels"], pair(layer["kernel_size"]), stride=pair(layer["stride"]),
                         padding=pair(layer["padding"]), dilation=pair(layer["dilation"]), bias=layer["bias"])
    if t == "batch_norm2d":
        return nn.BatchNorm2d(layer["num_features"], eps=layer.get("eps", 1e-5), momentum=layer.get("momentum", 0.1))
    if t == "linear":
        return nn.Linear(layer["in_features"], layer["out_features"], bias=layer["bias"])
    if t == "relu":
        return nn.ReLU()
    if t == "flatten":
        return nn.Flatten()
    if t == "dropout":
        return nn.Dropout(layer.get("p", 0.5))
    if t == "max_pool2d":
        return nn.MaxPool2d(layer["kernel_size"], layer["stride"], layer.get("padding", 0))
    if t == "avg_pool2d":
        return nn.AvgPool2d(layer["kernel_size"], layer["stride"], layer.get("padding", 0), ceil_mode=layer.get("ceil_mode", False),
                            count_include_pad=layer.get("count_include_pad", True))
    if t == "adaptive_avg_pool2d":
        return nn.AdaptiveAvgPool2d(pair(layer["output_size"]))
    if t == "residual":
        return Residual(*[build(l) for l in layer["layers"]])
    if t == "branches":
        return Branches([nn.Sequential(*[build(l) for l in b]) for b in layer["branches"]], layer.get("merge", "concat"))
    raise ValueError(f"no reference for layer type {t}")


def torchvision_model(arch, classes):
    import torchvision
    if arch == "resnet18-cifar":
        m = torchvision.models.resnet18(num_classes=classes)
        m.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)  # the CIFAR form: 3x3 stem, no max-pool
        m.maxpool = nn.Identity()
        return m
    if arch == "inception_v3":
        # Dropout's draws differ between the libraries: the caller's engine model has none, so neither has this one.
        return torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False, num_classes=classes, dropout=0.0)
    raise ValueError(arch)


def tensors(module):
    return list(module.named_parameters()) + [(n, b) for n, b in module.named_buffers()]


def copy_in(reference, engine, by_name):
    ours = dict(tensors(engine))
    with torch.no_grad():
        if by_name:
            state = {n: ours[n] for n, _ in reference.state_dict().items()}
            reference.load_state_dict(state, strict=True)
            return
        theirs_p = list(reference.parameters())
        ours_p = list(engine.parameters())
        theirs_b = [b for _, b in reference.named_buffers()]
        ours_b = [b for _, b in engine.named_buffers()]
        assert len(theirs_p) == len(ours_p), f"{len(theirs_p)} reference parameters, {len(ours_p)} in the engine"
        assert len(theirs_b) == len(ours_b), f"{len(theirs_b)} reference buffers, {len(ours_b)} in the engine"
        for t, o in zip(theirs_p + theirs_b, ours_p + ours_b):
            assert t.shape == o.shape, f"shape {tuple(t.shape)} vs the engine's {tuple(o.shape)}"
            t.copy_(o)


def sgd_update(model, x, y, lr):
    """One SGD step (no momentum, no weight decay) on mean cross-entropy in training mode: after - before per parameter."""
    start = [p.detach().clone() for p in model.parameters()]
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    F.cross_entropy(model(x), y).backward()
    optimizer.step()
    return [p.detach() - s for p, s in zip(model.parameters(), start)]


def main(argv):
    spec, before_path, after_path, x_path, y_path, out_path, lr = argv[1:8]
    torch.set_num_threads(1)
    if spec.startswith("torchvision:"):
        _, arch, classes, shape = spec.split(":")
        reference, by_name = torchvision_model(arch, int(classes)), False
        input_shape = [int(d) for d in shape.split(",")]
    else:
        description = json.load(open(spec))
        reference, by_name = nn.Sequential(*[build(l) for l in description["layers"]]), True
        input_shape = description["input_shape"]
    before = torch.jit.load(before_path)
    after = torch.jit.load(after_path)
    copy_in(reference, before, by_name)
    y = torch.from_numpy(np.fromfile(y_path, dtype=np.int64))
    x = torch.from_numpy(np.fromfile(x_path, dtype=np.float32))
    x = x.reshape([len(y)] + input_shape)
    engine_out = torch.from_numpy(np.fromfile(out_path, dtype=np.float32)).reshape(len(y), -1)

    reference.eval()
    with torch.no_grad():
        logits = reference(x)
    forward_diff = float((logits - engine_out).abs().max())

    # The step in float64 (the exact update, near enough) and in float32 (PyTorch's own rounding): a deep network's
    # gradient in training mode can be ill-conditioned (Inception-v3 at batch 8: float32 is ~2 % off float64 in the
    # stem's weights), so the engine is judged against float64 beside how far PyTorch's float32 is from it.
    exact = copy.deepcopy(reference).double()
    expected = sgd_update(exact, x.double(), y, float(lr))
    rounded = sgd_update(reference, x, y, float(lr))
    noise = max(float((e - r.double()).abs().max()) for e, r in zip(expected, rounded))
    ours_before = list(before.parameters())
    ours_after = list(after.parameters())
    if by_name:
        names = [n for n, _ in reference.named_parameters()]
        ours_before = [dict(before.named_parameters())[n] for n in names]
        ours_after = [dict(after.named_parameters())[n] for n in names]
    actual = [a.detach().double() - b.detach().double() for a, b in zip(ours_after, ours_before)]
    update_diff = max(float((e - a).abs().max()) for e, a in zip(expected, actual))
    print(json.dumps({
        "forward_diff": forward_diff, "forward_scale": float(logits.abs().max()),
        "update_diff": update_diff, "update_scale": max(float(e.abs().max()) for e in expected), "update_noise": noise,
        "parameters": len(expected),
    }))


if __name__ == "__main__":
    main(sys.argv)
