#!/usr/bin/env bash
# Prints the Debian packages that hold the shared libraries the given binaries link to directly (libtorch's runtime
# package, libgomp, libgfortran for the bundled OpenBLAS, ...), one per line: what the runtime image installs instead
# of libtorch-dev and the compilers (apt brings their own dependencies). Run in the build stage of deploy/Dockerfile,
# on the same distribution as the runtime stage; scripts/check-deploy.sh runs it on this machine's engine. Fails when
# a library belongs to no package or to a -dev package (a build-only package must never be where a runtime library
# comes from).
#   deploy/runtime-packages.sh /app/libdigitforge_engine.so [/app/blas/*.so*] > runtime-packages.txt
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: runtime-packages.sh BINARY..." >&2; exit 2; }
declare -A packages=()
inputs=" $(for f in "$@"; do realpath "$f"; done | tr '\n' ' ')"
# The libraries the inputs name themselves (NEEDED), resolved as the loader does: apt brings their own dependencies.
direct_libraries() {
  local binary soname
  for binary in "$@"; do
    for soname in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      ldd "$binary" | awk -v so="$soname" '$1 == so && $2 == "=>" && $3 ~ /^\// { print $3 }'
    done
  done | sort -u
}
status=0
while read -r library; do
  real="$(realpath "$library")"
  case "$inputs" in *" $real "*) continue ;; esac    # one of the inputs (the bundled OpenBLAS)
  owner="$(dpkg -S "$library" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)"
  if [ -z "$owner" ]; then
    echo "runtime-packages: $library ($real) belongs to no Debian package" >&2
    status=1
    continue
  fi
  for package in $(echo "${owner%%: *}" | tr ',' ' '); do
    package="${package%%:*}"
    case "$package" in
      *-dev) echo "runtime-packages: $library comes from the build-only package $package" >&2; status=1 ;;
      *) packages[$package]=1 ;;
    esac
  done
done < <(direct_libraries "$@")
[ "$status" -eq 0 ] || exit "$status"
printf '%s\n' "${!packages[@]}" | sort
