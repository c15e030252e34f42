#!/usr/bin/env bash
# Checks that FlatOptimizer's one-loop CPU update (native/src/flat_optimizer.cpp, step_host) gives the same bits as the
# libtorch op sequence it replaced: builds a small program against Debian's libtorch with both (the op version taken
# from git at REF, default dd309d0, the last commit before the loop), runs adam/adamw/sgd with and without weight
# decay and momentum for 300 steps on 3-4099 parameters, and compares parameters and moments bit for bit, under each
# of libtorch's CPU kernel sets (ATEN_CPU_CAPABILITY default, avx2, avx512: fused and unfused multiply-adds).
#   bench/engine/flat_optimizer_check.sh [REF]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REF="${1:-dd309d0}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
git -C "$ROOT" show "$REF:native/src/flat_optimizer.cpp" | sed 's/namespace digitforge {/namespace old_impl {/; s/#include "flat_optimizer.h"/#include "old_flat_optimizer.h"/' >"$WORK/old_flat_optimizer.cpp"
git -C "$ROOT" show "$REF:native/src/flat_optimizer.h" | sed 's/namespace digitforge {/namespace old_impl {/' >"$WORK/old_flat_optimizer.h"
cat >"$WORK/check.cpp" <<'CPP'
#include <torch/torch.h>
#include <cstdio>
#include <cstring>
#include "old_flat_optimizer.h"
#include "flat_optimizer.h"

int main() {
  int failures = 0;
  struct Case { const char* kind; double lr, wd, mom; };
  const Case cases[] = {{"adam", 1e-3, 0, 0}, {"adam", 3e-2, 1e-2, 0}, {"adamw", 1e-3, 1e-2, 0}, {"adamw", 1e-3, 0, 0},
                        {"sgd", 1e-2, 0, 0},  {"sgd", 1e-2, 1e-3, 0},  {"sgd", 1e-2, 0, 0.9},    {"sgd", 1e-2, 5e-4, 0.9}};
  for (int64_t n : {3, 10, 13, 16, 31, 52, 66, 100, 1000, 4099}) {
    for (const Case& c : cases) {
      torch::manual_seed(n);
      std::vector<torch::Tensor> a{torch::randn({n / 2 + 1}), torch::randn({std::max<int64_t>(1, n - n / 2 - 1)})};
      std::vector<torch::Tensor> b{a[0].clone(), a[1].clone()};
      old_impl::OptimizerSettings so;
      so.kind = c.kind, so.learning_rate = c.lr, so.weight_decay = c.wd, so.momentum = c.mom;
      digitforge::OptimizerSettings sn;
      sn.kind = c.kind, sn.learning_rate = c.lr, sn.weight_decay = c.wd, sn.momentum = c.mom;
      old_impl::FlatOptimizer o(a, so);
      digitforge::FlatOptimizer f(b, sn);
      for (int step = 0; step < 300; ++step) {
        o.zero_grad();
        f.zero_grad();
        for (size_t i = 0; i < a.size(); ++i) {
          torch::Tensor g = torch::randn(a[i].sizes()) * (step % 7 == 0 ? 1e-4 : 0.3);
          a[i].mutable_grad().copy_(g);
          b[i].mutable_grad().copy_(g);
        }
        o.step();
        f.step();
      }
      bool same = true;
      for (size_t i = 0; i < a.size(); ++i) {
        same = same && std::memcmp(a[i].data_ptr<float>(), b[i].data_ptr<float>(), a[i].numel() * sizeof(float)) == 0;
      }
      const auto so_state = o.state();
      const auto sn_state = f.state();
      if (so_state.exp_avg.defined()) same = same && torch::equal(so_state.exp_avg, sn_state.exp_avg);
      if (so_state.exp_avg_sq.defined()) same = same && torch::equal(so_state.exp_avg_sq, sn_state.exp_avg_sq);
      if (!same) {
        ++failures;
        std::printf("differs: %ld parameters, %s lr %g wd %g momentum %g\n", static_cast<long>(n), c.kind, c.lr, c.wd, c.mom);
      }
    }
  }
  std::printf("%s (%d of 80 cases differ)\n", failures == 0 ? "bit-identical" : "DIFFERENT", failures);
  return failures == 0 ? 0 : 1;
}
CPP
g++ -O3 -DNDEBUG -D_GLIBCXX_USE_CXX11_ABI=1 -std=c++17 -isystem /usr/include/torch/csrc/api/include -I"$ROOT/native/src" -I"$WORK" \
  "$WORK/check.cpp" "$WORK/old_flat_optimizer.cpp" "$ROOT/native/src/flat_optimizer.cpp" -o "$WORK/check" -ltorch -ltorch_cpu -lc10
status=0
for capability in default avx2 avx512; do
  printf '%s: ' "$capability"
  ATEN_CPU_CAPABILITY=$capability "$WORK/check" || status=1
done
exit $status
