// Reads a PyTorch state dict written by Python's torch.save (a dict or collections.OrderedDict of parameter name ->
// tensor), in both of torch.save's formats: the zip archive (PyTorch >= 1.6: data.pkl + data/<key> records) and the
// legacy stream (magic number, protocol, sys info, the pickle, the storage keys, then the raw storages). libtorch's
// own torch::pickle_load cannot do this: its unpickler turns collections.OrderedDict into None (it only expects one
// as a tensor's empty backward-hook table), and every state_dict() is an OrderedDict. So this is a small pickle
// machine of its own that knows exactly the opcodes and globals torch.save emits for tensors, and refuses anything else
// with a message naming the file.
#pragma once

#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

namespace digitforge {

// Name -> tensor (CPU, contiguous, owning its memory) in the file's order. Throws EngineError(DF_ERR_IO) naming the
// file when it cannot be read, is neither of torch.save's formats, or holds something other than a flat mapping of
// string keys to tensors (a whole pickled module, a checkpoint dict of dicts, ...).
std::vector<std::pair<std::string, torch::Tensor>> read_torch_state_dict(const std::string& path);

}  // namespace digitforge
