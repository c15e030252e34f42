"""pytorch-fid's Inception-v3 in PyTorch, for cross-checking the engine's fid_inception_v3 layer (and timing it).

The architecture is pytorch-fid's (pytorch_fid/inception.py): torchvision's inception_v3 (num_classes=1008,
aux_logits=False, transform_input=False) with Mixed_5b-d, 6b-e, 7b, 7c replaced by the FID blocks (average pools
with count_include_pad=False; Mixed_7c's pool branch is a max pool), and pytorch-fid's InceptionV3 forward up to pool3
(resize bilinear to 299, optional 2x - 1, blocks, adaptive average pool). No weights are downloaded: `write` makes a
randomly initialised state dict in pytorch-fid's file format (torch.save of state_dict(), fc included).

  write OUT.pth SEED [--legacy] [--drop KEY] [--reshape KEY] [--not-a-state-dict]
  features WEIGHTS.pth IN.f32 OUT.f32 NORMALIZE(0|1) C H W   (raw little-endian float32 rows in and out)
  time WEIGHTS.pth ROWS ROUNDS THREADS      (FID feature pass over ROWS 1x28x28 images in [-1, 1], CPU seconds)
"""
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.models import inception as tv


class FIDInceptionA(tv.InceptionA):
    def forward(self, x):
        branch1x1 = self.branch1x1(x)
        branch5x5 = self.branch5x5_2(self.branch5x5_1(x))
        branch3x3dbl = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        branch_pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        branch_pool = self.branch_pool(branch_pool)
        return torch.cat([branch1x1, branch5x5, branch3x3dbl, branch_pool], 1)


class FIDInceptionC(tv.InceptionC):
    def forward(self, x):
        branch1x1 = self.branch1x1(x)
        branch7x7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d = x
        for layer in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4, self.branch7x7dbl_5):
            d = layer(d)
        branch_pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        branch_pool = self.branch_pool(branch_pool)
        return torch.cat([branch1x1, branch7x7, d, branch_pool], 1)


class FIDInceptionE(tv.InceptionE):
    def __init__(self, in_channels, max_pool):
        super().__init__(in_channels)
        self.max_pool = max_pool

    def forward(self, x):
        branch1x1 = self.branch1x1(x)
        b3 = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
        d = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        d = torch.cat([self.branch3x3dbl_3a(d), self.branch3x3dbl_3b(d)], 1)
        if self.max_pool:  # FIDInceptionE_2
            pool = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)
        else:  # FIDInceptionE_1
            pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([branch1x1, b3, d, self.branch_pool(pool)], 1)


def fid_inception_v3():
    net = tv.Inception3(num_classes=1008, aux_logits=False, transform_input=False, init_weights=False)
    net.Mixed_5b = FIDInceptionA(192, pool_features=32)
    net.Mixed_5c = FIDInceptionA(256, pool_features=64)
    net.Mixed_5d = FIDInceptionA(288, pool_features=64)
    net.Mixed_6b = FIDInceptionC(768, channels_7x7=128)
    net.Mixed_6c = FIDInceptionC(768, channels_7x7=160)
    net.Mixed_6d = FIDInceptionC(768, channels_7x7=160)
    net.Mixed_6e = FIDInceptionC(768, channels_7x7=192)
    net.Mixed_7b = FIDInceptionE(1280, max_pool=False)
    net.Mixed_7c = FIDInceptionE(2048, max_pool=True)
    return net.eval()


def pool3(net, x, normalize):
    """pytorch-fid's InceptionV3(output_blocks=[3]).forward, with GASTeN's repeat of one channel to three."""
    if x.shape[1] == 1:
        x = x.repeat(1, 3, 1, 1)
    x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
    if normalize:
        x = 2 * x - 1
    for name in ("Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3"):
        x = getattr(net, name)(x)
    x = F.max_pool2d(x, kernel_size=3, stride=2)
    x = net.Conv2d_4a_3x3(net.Conv2d_3b_1x1(x))
    x = F.max_pool2d(x, kernel_size=3, stride=2)
    for name in ("Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e",
                 "Mixed_7a", "Mixed_7b", "Mixed_7c"):
        x = getattr(net, name)(x)
    return F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)


def features(net, x, normalize, batch=50):
    with torch.no_grad():
        return torch.cat([pool3(net, x[i:i + batch], normalize) for i in range(0, x.shape[0], batch)], 0)


def random_net(seed):
    """He-scaled conv weights and non-trivial batch-norm statistics, so that every block changes the features."""
    torch.manual_seed(seed)
    net = fid_inception_v3()
    with torch.no_grad():
        for module in net.modules():
            if isinstance(module, torch.nn.Conv2d):
                fan_in = module.weight[0].numel()
                module.weight.normal_(0, (2.0 / fan_in) ** 0.5)
            elif isinstance(module, torch.nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.normal_(0, 0.1)
                module.running_mean.normal_(0, 0.1)
                module.running_var.uniform_(0.5, 2.0)
            elif isinstance(module, torch.nn.Linear):
                module.weight.normal_(0, 0.01)
                module.bias.zero_()
    return net


def load(path):
    net = fid_inception_v3()
    net.load_state_dict(torch.load(path, map_location="cpu"))
    return net


def main(argv):
    command = argv[0]
    if command == "write":
        out, seed = argv[1], int(argv[2])
        options = argv[3:]
        if "--not-a-state-dict" in options:
            torch.save([1, 2, {"weight": torch.zeros(3)}], out)
            return
        state = random_net(seed).state_dict()  # an OrderedDict with _metadata, as pytorch-fid's file
        if "--drop" in options:
            del state[options[options.index("--drop") + 1]]
        if "--reshape" in options:
            key = options[options.index("--reshape") + 1]
            state[key] = torch.zeros(state[key].shape[0] + 1, *state[key].shape[1:])
        torch.save(state, out, _use_new_zipfile_serialization="--legacy" not in options)
    elif command == "features":
        c, h, w = (int(v) for v in argv[5:8])
        x = torch.from_numpy(np.fromfile(argv[2], dtype="<f4").reshape(-1, c, h, w))
        features(load(argv[1]), x, argv[4] == "1").numpy().astype("<f4").tofile(argv[3])
    elif command == "time":
        rows, rounds, threads = int(argv[2]), int(argv[3]), int(argv[4])
        torch.set_num_threads(threads)
        net = load(argv[1])
        x = torch.rand(rows, 1, 28, 28) * 2 - 1
        for _ in range(rounds):
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            f = features(net, x, False)
            print(f"{time.perf_counter() - start_wall:.3f} {time.process_time() - start_cpu:.3f} {f.shape[1]}", flush=True)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
