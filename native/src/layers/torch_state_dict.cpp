#include "torch_state_dict.h"

#include <caffe2/serialize/inline_container.h>
#include <c10/util/Exception.h>

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>

#include "../errors.h"

namespace digitforge {

namespace {

[[noreturn]] void io_error(const std::string& path, const std::string& what) {
  throw EngineError(DF_ERR_IO, path + ": " + what);
}

// A storage as torch.save references it: one flat typed buffer that tensors view.
struct Storage {
  std::string key;
  torch::ScalarType dtype = torch::kFloat;
  int64_t numel = 0;
  torch::Tensor data;  // [numel] of dtype; filled when the bytes are read (at once for zip, after the pickle for legacy)
};

struct Value;
using ValuePtr = std::shared_ptr<Value>;

// The pickle values torch.save's state dicts need; everything else becomes an Object that only errors mention.
struct Value {
  enum class Kind { None, Bool, Int, BigInt, Float, String, Tuple, List, Dict, Global, Storage, Tensor, Object };
  Kind kind = Kind::None;
  int64_t integer = 0;
  double real = 0;
  std::string text;    // String; Global: "module.name"; BigInt: the little-endian bytes; Object: its class
  std::vector<ValuePtr> items;                            // Tuple, List
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;     // Dict (insertion order)
  std::shared_ptr<Storage> storage;                       // Storage, Tensor
  int64_t offset = 0;                                     // Storage: element offset of a view; Tensor: storage offset
  std::vector<int64_t> size, stride;                      // Tensor
};

ValuePtr make(Value::Kind kind) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  return v;
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return "a bool";
    case Value::Kind::Int: case Value::Kind::BigInt: return "an int";
    case Value::Kind::Float: return "a float";
    case Value::Kind::String: return "a string";
    case Value::Kind::Tuple: return "a tuple";
    case Value::Kind::List: return "a list";
    case Value::Kind::Dict: return "a dict";
    case Value::Kind::Global: return "a class or function";
    case Value::Kind::Storage: return "a storage";
    case Value::Kind::Tensor: return "a tensor";
    case Value::Kind::Object: return "an object";
  }
  return "a value";
}

std::string describe(const Value& v) {
  return v.kind == Value::Kind::Object ? "a " + v.text + " object" : kind_name(v.kind);
}

torch::ScalarType storage_dtype(const std::string& global) {
  static const std::map<std::string, torch::ScalarType> types{
      {"torch.FloatStorage", torch::kFloat},   {"torch.DoubleStorage", torch::kDouble},
      {"torch.HalfStorage", torch::kHalf},     {"torch.BFloat16Storage", torch::kBFloat16},
      {"torch.LongStorage", torch::kLong},     {"torch.IntStorage", torch::kInt},
      {"torch.ShortStorage", torch::kShort},   {"torch.CharStorage", torch::kChar},
      {"torch.ByteStorage", torch::kByte},     {"torch.BoolStorage", torch::kBool}};
  auto it = types.find(global);
  if (it == types.end()) throw std::runtime_error("unsupported storage type " + global);
  return it->second;
}

// One pickle program over bytes [begin, end). persistent_load turns a BINPERSID tuple into a storage.
class Unpickler {
 public:
  Unpickler(const char* begin, const char* end, std::function<ValuePtr(const Value&)> persistent_load)
      : p_(begin), begin_(begin), end_(end), persistent_load_(std::move(persistent_load)) {}

  const char* position() const { return p_; }

  ValuePtr run() {
    for (;;) {
      const size_t at = static_cast<size_t>(p_ - begin_);
      const auto op = static_cast<unsigned char>(byte());
      try {
        if (step(op)) return pop();
      } catch (const std::out_of_range& e) {
        throw std::runtime_error(std::string(e.what()) + " (opcode 0x" + hex(op) + " at byte " + std::to_string(at) + ")");
      }
    }
  }

 private:
  static std::string hex(unsigned char c) {
    const char* digits = "0123456789abcdef";
    return std::string{digits[c >> 4], digits[c & 15]};
  }

  char byte() {
    if (p_ >= end_) throw std::runtime_error("the pickle ends before its STOP opcode");
    return *p_++;
  }
  const char* take(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) throw std::runtime_error("the pickle ends inside an opcode's argument");
    const char* at = p_;
    p_ += n;
    return at;
  }
  uint64_t little(size_t n) {
    const auto* b = reinterpret_cast<const unsigned char*>(take(n));
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(b[i]) << (8 * i);
    return v;
  }
  std::string line() {
    const char* start = p_;
    while (p_ < end_ && *p_ != '\n') ++p_;
    if (p_ >= end_) throw std::runtime_error("the pickle ends inside a GLOBAL name");
    std::string s(start, p_);
    ++p_;
    return s;
  }

  ValuePtr pop() {
    if (stack_.empty()) throw std::out_of_range("stack underflow");
    ValuePtr v = stack_.back();
    stack_.pop_back();
    return v;
  }
  ValuePtr& top() {
    if (stack_.empty()) throw std::out_of_range("stack underflow");
    return stack_.back();
  }
  std::vector<ValuePtr> pop_to_mark() {
    if (marks_.empty()) throw std::out_of_range("no MARK");
    size_t mark = marks_.back();
    marks_.pop_back();
    if (mark > stack_.size()) throw std::out_of_range("MARK beyond the stack");
    std::vector<ValuePtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }
  void push_string(size_t n, Value::Kind kind = Value::Kind::String) {
    auto v = make(kind);
    const char* s = take(n);
    v->text.assign(s, n);
    stack_.push_back(v);
  }
  void push_int(int64_t i) {
    auto v = make(Value::Kind::Int);
    v->integer = i;
    stack_.push_back(v);
  }
  void push_long(size_t n) {
    const auto* b = reinterpret_cast<const unsigned char*>(take(n));
    if (n > 8) {  // torch's legacy magic number is 10 bytes; kept as bytes, compared as bytes
      auto v = make(Value::Kind::BigInt);
      v->text.assign(reinterpret_cast<const char*>(b), n);
      stack_.push_back(v);
      return;
    }
    uint64_t u = 0;
    for (size_t i = 0; i < n; ++i) u |= static_cast<uint64_t>(b[i]) << (8 * i);
    if (n > 0 && n < 8 && (b[n - 1] & 0x80)) u |= ~uint64_t{0} << (8 * n);  // sign-extend
    push_int(static_cast<int64_t>(u));
  }
  void set_items(Value& dict, const std::vector<ValuePtr>& kv) {
    if (dict.kind != Value::Kind::Dict) throw std::runtime_error("SETITEM(S) on " + describe(dict));
    if (kv.size() % 2 != 0) throw std::runtime_error("SETITEMS with an odd number of values");
    for (size_t i = 0; i < kv.size(); i += 2) {
      if (kv[i]->kind == Value::Kind::String) {  // a later item with the same key wins, as in Python
        bool replaced = false;
        for (auto& e : dict.entries) {
          if (e.first->kind == Value::Kind::String && e.first->text == kv[i]->text) {
            e.second = kv[i + 1];
            replaced = true;
          }
        }
        if (replaced) continue;
      }
      dict.entries.emplace_back(kv[i], kv[i + 1]);
    }
  }

  static int64_t int_arg(const std::vector<ValuePtr>& args, size_t i, const char* what) {
    if (i >= args.size() || args[i]->kind != Value::Kind::Int) throw std::runtime_error(std::string(what) + ": not an int");
    return args[i]->integer;
  }
  static std::vector<int64_t> ints_arg(const std::vector<ValuePtr>& args, size_t i, const char* what) {
    if (i >= args.size() || args[i]->kind != Value::Kind::Tuple) throw std::runtime_error(std::string(what) + ": not a tuple");
    std::vector<int64_t> out;
    for (const auto& item : args[i]->items) {
      if (item->kind != Value::Kind::Int) throw std::runtime_error(std::string(what) + ": not a tuple of ints");
      out.push_back(item->integer);
    }
    return out;
  }

  // What calling a global with these arguments gives (REDUCE).
  ValuePtr reduce(const Value& callable, const std::vector<ValuePtr>& args) {
    if (callable.kind != Value::Kind::Global) throw std::runtime_error("REDUCE on " + describe(callable));
    const std::string& name = callable.text;
    if (name == "collections.OrderedDict" || name == "builtins.dict" || name == "__builtin__.dict") {
      auto dict = make(Value::Kind::Dict);
      if (!args.empty() && args[0]->kind == Value::Kind::List) {
        for (const auto& pair : args[0]->items) {
          if (pair->kind != Value::Kind::Tuple || pair->items.size() != 2) throw std::runtime_error(name + ": bad item");
          dict->entries.emplace_back(pair->items[0], pair->items[1]);
        }
      }
      return dict;
    }
    if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
      if (args.size() < 4 || args[0]->kind != Value::Kind::Storage) throw std::runtime_error(name + ": expected (storage, offset, size, stride, ...)");
      auto t = make(Value::Kind::Tensor);
      t->storage = args[0]->storage;
      t->offset = args[0]->offset + int_arg(args, 1, "storage_offset");
      t->size = ints_arg(args, 2, "size");
      t->stride = ints_arg(args, 3, "stride");
      return t;
    }
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
      if (args.empty() || args[0]->kind != Value::Kind::Tensor) throw std::runtime_error(name + ": expected a tensor");
      return args[0];
    }
    auto object = make(Value::Kind::Object);
    object->text = name;
    return object;
  }

  // Executes one opcode; true at STOP.
  bool step(unsigned char op) {
    switch (op) {
      case 0x80: take(1); return false;                     // PROTO
      case 0x95: take(8); return false;                     // FRAME
      case '.': return true;                                // STOP
      case '(': marks_.push_back(stack_.size()); return false;  // MARK
      case 'N': stack_.push_back(make(Value::Kind::None)); return false;
      case 0x88: case 0x89: {                               // NEWTRUE, NEWFALSE
        auto v = make(Value::Kind::Bool);
        v->integer = op == 0x88;
        stack_.push_back(v);
        return false;
      }
      case 'J': push_int(static_cast<int32_t>(little(4))); return false;  // BININT
      case 'K': push_int(static_cast<int64_t>(little(1))); return false;  // BININT1
      case 'M': push_int(static_cast<int64_t>(little(2))); return false;  // BININT2
      case 0x8a: push_long(little(1)); return false;        // LONG1
      case 0x8b: push_long(little(4)); return false;        // LONG4
      case 'G': {                                           // BINFLOAT (big-endian)
        const auto* b = reinterpret_cast<const unsigned char*>(take(8));
        uint64_t u = 0;
        for (int i = 0; i < 8; ++i) u = (u << 8) | b[i];
        auto v = make(Value::Kind::Float);
        std::memcpy(&v->real, &u, sizeof u);
        stack_.push_back(v);
        return false;
      }
      case 'X': case 'T': case 'B': push_string(little(4)); return false;  // BINUNICODE, BINSTRING, BINBYTES
      case 0x8c: case 'U': case 'C': push_string(little(1)); return false;  // SHORT_BINUNICODE, SHORT_BINSTRING, SHORT_BINBYTES
      case 0x8d: case 0x8e: push_string(little(8)); return false;  // BINUNICODE8, BINBYTES8
      case 'c': {                                           // GLOBAL
        auto v = make(Value::Kind::Global);
        std::string module = line();
        v->text = module + "." + line();
        stack_.push_back(v);
        return false;
      }
      case 0x93: {                                          // STACK_GLOBAL
        ValuePtr name = pop();
        ValuePtr module = pop();
        auto v = make(Value::Kind::Global);
        v->text = module->text + "." + name->text;
        stack_.push_back(v);
        return false;
      }
      case '}': stack_.push_back(make(Value::Kind::Dict)); return false;   // EMPTY_DICT
      case ']': stack_.push_back(make(Value::Kind::List)); return false;   // EMPTY_LIST
      case ')': stack_.push_back(make(Value::Kind::Tuple)); return false;  // EMPTY_TUPLE
      case 't': case 'l': {                                 // TUPLE, LIST
        auto v = make(op == 't' ? Value::Kind::Tuple : Value::Kind::List);
        v->items = pop_to_mark();
        stack_.push_back(v);
        return false;
      }
      case 0x85: case 0x86: case 0x87: {                    // TUPLE1..3
        size_t n = op - 0x84;
        if (stack_.size() < n) throw std::out_of_range("stack underflow");
        auto v = make(Value::Kind::Tuple);
        v->items.assign(stack_.end() - static_cast<std::ptrdiff_t>(n), stack_.end());
        stack_.resize(stack_.size() - n);
        stack_.push_back(v);
        return false;
      }
      case 'd': {                                           // DICT
        auto v = make(Value::Kind::Dict);
        set_items(*v, pop_to_mark());
        stack_.push_back(v);
        return false;
      }
      case 'a': {                                           // APPEND
        ValuePtr item = pop();
        if (top()->kind != Value::Kind::List) throw std::runtime_error("APPEND on " + describe(*top()));
        top()->items.push_back(item);
        return false;
      }
      case 'e': {                                           // APPENDS
        auto items = pop_to_mark();
        if (top()->kind != Value::Kind::List) throw std::runtime_error("APPENDS on " + describe(*top()));
        top()->items.insert(top()->items.end(), items.begin(), items.end());
        return false;
      }
      case 's': {                                           // SETITEM
        ValuePtr value = pop();
        ValuePtr key = pop();
        set_items(*top(), {key, value});
        return false;
      }
      case 'u': {                                           // SETITEMS
        auto kv = pop_to_mark();
        set_items(*top(), kv);
        return false;
      }
      case 'q': memo_[static_cast<uint32_t>(little(1))] = top(); return false;  // BINPUT
      case 'r': memo_[static_cast<uint32_t>(little(4))] = top(); return false;  // LONG_BINPUT
      case 0x94: memo_[static_cast<uint32_t>(memo_.size())] = top(); return false;  // MEMOIZE
      case 'h': case 'j': {                                 // BINGET, LONG_BINGET
        auto it = memo_.find(static_cast<uint32_t>(little(op == 'h' ? 1 : 4)));
        if (it == memo_.end()) throw std::out_of_range("memo key not found");
        stack_.push_back(it->second);
        return false;
      }
      case 'R': {                                           // REDUCE
        ValuePtr args = pop();
        ValuePtr callable = pop();
        if (args->kind != Value::Kind::Tuple) throw std::runtime_error("REDUCE arguments are " + describe(*args));
        stack_.push_back(reduce(*callable, args->items));
        return false;
      }
      case 0x81: {                                          // NEWOBJ
        ValuePtr args = pop();
        ValuePtr cls = pop();
        auto object = make(Value::Kind::Object);
        object->text = cls->text;
        stack_.push_back(object);
        return false;
      }
      case 'b': pop(); top(); return false;                 // BUILD: an OrderedDict's _metadata, an object's state
      case 'Q': {                                           // BINPERSID
        ValuePtr pid = pop();
        stack_.push_back(persistent_load_(*pid));
        return false;
      }
      case '0': pop(); return false;                        // POP
      case '2': stack_.push_back(top()); return false;      // DUP
      default:
        throw std::runtime_error("unsupported pickle opcode 0x" + hex(op) + " at byte " +
                                 std::to_string(p_ - 1 - begin_) + " (not something torch.save writes for tensors)");
    }
  }

  const char* p_;
  const char* begin_;
  const char* end_;
  std::function<ValuePtr(const Value&)> persistent_load_;
  std::vector<ValuePtr> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, ValuePtr> memo_;
};

// ('storage', storage_type, key, location, numel[, view_metadata]) -> the storage (one object per key).
ValuePtr load_storage(const Value& pid, std::map<std::string, std::shared_ptr<Storage>>& storages,
                      const std::function<void(Storage&)>& fill) {
  if (pid.kind != Value::Kind::Tuple || pid.items.size() < 5 || pid.items[0]->kind != Value::Kind::String ||
      pid.items[0]->text != "storage" || pid.items[1]->kind != Value::Kind::Global ||
      pid.items[2]->kind != Value::Kind::String || pid.items[4]->kind != Value::Kind::Int) {
    throw std::runtime_error("a persistent id that is not torch.save's ('storage', type, key, location, size)");
  }
  const std::string& key = pid.items[2]->text;
  std::shared_ptr<Storage>& storage = storages[key];
  if (!storage) {
    storage = std::make_shared<Storage>();
    storage->key = key;
    storage->dtype = storage_dtype(pid.items[1]->text);
    storage->numel = pid.items[4]->integer;
    if (storage->numel < 0) throw std::runtime_error("storage " + key + " has a negative size");
    storage->data = torch::empty({storage->numel}, torch::TensorOptions().dtype(storage->dtype));
    fill(*storage);
  }
  auto v = make(Value::Kind::Storage);
  v->storage = storage;
  if (pid.items.size() > 5 && pid.items[5]->kind == Value::Kind::Tuple) {  // legacy view: (view_key, offset, size)
    const auto& view = pid.items[5]->items;
    if (view.size() < 2 || view[1]->kind != Value::Kind::Int) throw std::runtime_error("bad storage view metadata");
    v->offset = view[1]->integer;
  }
  return v;
}

torch::Tensor materialise(const std::string& key, const Value& t) {
  const Storage& s = *t.storage;
  if (t.size.size() != t.stride.size()) throw std::runtime_error(key + ": size and stride differ in length");
  int64_t last = t.offset;
  for (size_t i = 0; i < t.size.size(); ++i) {
    if (t.size[i] < 0 || t.stride[i] < 0) throw std::runtime_error(key + ": negative size or stride");
    if (t.size[i] == 0) last = -1;
    if (last >= 0) last += (t.size[i] - 1) * t.stride[i];
  }
  if (t.offset < 0 || last >= s.numel) {
    throw std::runtime_error(key + ": the tensor reaches past its storage (" + std::to_string(s.numel) + " elements)");
  }
  return s.data.as_strided(t.size, t.stride, t.offset).clone(at::MemoryFormat::Contiguous);
}

std::vector<std::pair<std::string, torch::Tensor>> to_state_dict(const ValuePtr& root) {
  if (root->kind != Value::Kind::Dict) {
    throw std::runtime_error("it holds " + describe(*root) + ", not a state dict (a mapping of names to tensors)");
  }
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& [key, value] : root->entries) {
    if (key->kind != Value::Kind::String) throw std::runtime_error("a key is " + describe(*key) + ", not a string: not a state dict");
    if (value->kind != Value::Kind::Tensor) {
      throw std::runtime_error("the value of \"" + key->text + "\" is " + describe(*value) + ", not a tensor: not a state dict");
    }
    out.emplace_back(key->text, materialise(key->text, *value));
  }
  return out;
}

std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) io_error(path, "cannot open the file");
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) io_error(path, "cannot read the file");
  return bytes;
}

std::vector<std::pair<std::string, torch::Tensor>> read_zip(const std::string& path) {
  caffe2::serialize::PyTorchStreamReader reader(path);
  if (!reader.hasRecord("data.pkl")) throw std::runtime_error("a zip archive without data.pkl: not written by torch.save");
  auto [pickle, pickle_size] = reader.getRecord("data.pkl");
  const char* bytes = static_cast<const char*>(pickle.get());
  std::map<std::string, std::shared_ptr<Storage>> storages;
  Unpickler unpickler(bytes, bytes + pickle_size, [&](const Value& pid) {
    return load_storage(pid, storages, [&](Storage& s) {
      const std::string record = "data/" + s.key;
      if (!reader.hasRecord(record)) throw std::runtime_error("the archive has no record " + record);
      auto [data, size] = reader.getRecord(record);
      const size_t need = static_cast<size_t>(s.numel) * s.data.element_size();
      if (size < need) throw std::runtime_error("record " + record + " holds " + std::to_string(size) + " bytes, the storage needs " + std::to_string(need));
      if (need > 0) std::memcpy(s.data.data_ptr(), data.get(), need);
    });
  });
  return to_state_dict(unpickler.run());
}

std::vector<std::pair<std::string, torch::Tensor>> read_legacy(const std::vector<char>& bytes) {
  // torch/serialization.py _legacy_save: magic number, protocol version, sys info, the object, the sorted storage
  // keys, then per key an int64 element count and the raw little-endian elements.
  static const unsigned char magic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  auto no_storage = [](const Value&) -> ValuePtr { throw std::runtime_error("a storage in the file header"); };
  Unpickler head(p, end, no_storage);
  ValuePtr number = head.run();
  if (number->kind != Value::Kind::BigInt || number->text != std::string(reinterpret_cast<const char*>(magic), sizeof magic)) {
    throw std::runtime_error("neither a zip archive nor a legacy torch.save file (no magic number)");
  }
  Unpickler version(head.position(), end, no_storage);
  ValuePtr protocol = version.run();
  if (protocol->kind != Value::Kind::Int || protocol->integer != 1001) throw std::runtime_error("legacy torch.save protocol is not 1001");
  Unpickler info(version.position(), end, no_storage);
  info.run();
  std::map<std::string, std::shared_ptr<Storage>> storages;
  Unpickler body(info.position(), end, [&](const Value& pid) { return load_storage(pid, storages, [](Storage&) {}); });
  ValuePtr root = body.run();
  Unpickler keys(body.position(), end, no_storage);
  ValuePtr key_list = keys.run();
  if (key_list->kind != Value::Kind::List) throw std::runtime_error("the storage key list is missing");
  p = keys.position();
  for (const auto& key : key_list->items) {
    auto it = storages.find(key->text);
    if (key->kind != Value::Kind::String || it == storages.end()) throw std::runtime_error("storage key list names an unknown storage");
    Storage& s = *it->second;
    if (end - p < 8) throw std::runtime_error("the file ends before storage " + s.key);
    int64_t count = 0;
    std::memcpy(&count, p, 8);
    p += 8;
    const int64_t need = s.numel * static_cast<int64_t>(s.data.element_size());
    if (count != s.numel || end - p < need) throw std::runtime_error("storage " + s.key + " is truncated or has the wrong size");
    if (need > 0) std::memcpy(s.data.data_ptr(), p, static_cast<size_t>(need));
    p += need;
  }
  return to_state_dict(root);
}

}  // namespace

std::vector<std::pair<std::string, torch::Tensor>> read_torch_state_dict(const std::string& path) {
  char head[4] = {0, 0, 0, 0};
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) io_error(path, "cannot open the file");
    in.read(head, 4);
  }
  try {
    if (std::memcmp(head, "PK\x03\x04", 4) == 0) return read_zip(path);
    return read_legacy(read_file(path));
  } catch (const EngineError&) {
    throw;
  } catch (const c10::Error& e) {
    io_error(path, std::string("not a PyTorch state dict file (torch.save): ") + e.what_without_backtrace());
  } catch (const std::exception& e) {
    io_error(path, std::string("not a PyTorch state dict file (torch.save): ") + e.what());
  }
}

}  // namespace digitforge
