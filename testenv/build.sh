#!/usr/bin/env bash
# Builds the test control plane from Go modules: kube-apiserver and kube-controller-manager from
# k8s.io/kubernetes (the release go.mod pins) and etcd at the version that release requires.
# Built once into a cache directory keyed by go.mod and go.sum, then reused; prints that directory.
#   testenv/build.sh            -> e.g. ~/.cache/parking-operator/testenv/<key>
# TESTENV_CACHE overrides the cache root.
set -euo pipefail
cd "$(dirname "$0")"
key=$(cat go.mod go.sum build.sh | sha256sum | cut -c1-16)
dir="${TESTENV_CACHE:-$HOME/.cache/parking-operator/testenv}/$key"
binaries=(kube-apiserver kube-controller-manager etcd)
if [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi
mkdir -p "$dir"
release=$(awk '$1 == "k8s.io/kubernetes" { print $2 }' go.mod | head -n 1)
minor=$(echo "$release" | cut -d. -f2)
version_flags="-X k8s.io/component-base/version.gitVersion=$release"
version_flags+=" -X k8s.io/component-base/version.gitMajor=1"
version_flags+=" -X k8s.io/component-base/version.gitMinor=$minor"
version_flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
started=$(date +%s)
echo "testenv: building ${binaries[*]} at Kubernetes $release into $dir" >&2
go build -trimpath -ldflags "-s -w $version_flags" -o "$dir/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager ./cmd/etcd
for binary in "${binaries[@]}"; do
  [ -x "$dir/$binary" ] || { echo "testenv: $binary was not built" >&2; exit 1; }
done
echo "$release" > "$dir/.complete"
echo "testenv: built in $(( $(date +%s) - started )) s" >&2
echo "$dir"
