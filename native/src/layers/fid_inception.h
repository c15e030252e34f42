// pytorch-fid's Inception-v3 (pytorch_fid/inception.py, fid_inception_v3 + InceptionV3 with the pool3 block): the
// TF-FID graph ported to PyTorch, whose 2048-d pool3 features every published FID uses. Same module names as
// torchvision's inception_v3, so pytorch-fid's weight file (pt_inception-2015-12-05-6726825d.pth, a torch.save'd
// state dict) loads key for key. The FID variants differ from torchvision's blocks: InceptionA/C/E_1 average-pool
// with count_include_pad=False and E_2 max-pools its pool branch; BasicConv2d = conv (no bias) + BatchNorm
// (eps 0.001) + ReLU.
//
// JSON: {"type": "fid_inception_v3", "weights": "/path/pt_inception-2015-12-05-6726825d.pth",
//        "normalize_input": true, "resize_input": true, "batch_size": 50}
// Input [rows, 1 or 3, H, W]; one channel is repeated to three (as GASTeN does). resize_input: bilinear to 299x299
// (align_corners false); normalize_input: x -> 2x - 1 (pytorch-fid's default, for images in [0, 1]); GASTeN feeds
// [-1, 1] images with normalize_input false. Output [rows, 2048] (adaptive average pool, flattened). Rows run in
// chunks of batch_size so that the 299x299 activations stay small. The weights file is required; a file that is not
// a state dict, lacks a key or has a tensor of another shape fails with DF_ERR_IO naming the file and the key. fc.*,
// AuxLogits.* and num_batches_tracked entries are ignored (pytorch-fid's file carries the 1008-class fc layer).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <string>

#include "../json.h"

namespace digitforge {

struct FidInceptionOptions {
  std::string weights;
  bool normalize_input = true;
  bool resize_input = true;
  int64_t batch_size = 50;
};

// Reads the layer's keys (all but "type") from r.
FidInceptionOptions read_fid_inception(JsonObjectReader& r);

class FidInceptionV3Impl : public torch::nn::Module {
 public:
  // Builds the network and loads options.weights into it.
  explicit FidInceptionV3Impl(const FidInceptionOptions& options);
  // [rows, 1|3, H, W] -> [rows, 2048].
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::Tensor features(torch::Tensor x);
  void load_weights(const std::string& path);

  FidInceptionOptions options_;
  std::vector<std::shared_ptr<torch::nn::Module>> stem_;
  std::vector<std::shared_ptr<torch::nn::Module>> blocks_;
};
TORCH_MODULE(FidInceptionV3);

}  // namespace digitforge
