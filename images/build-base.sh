#!/usr/bin/env bash
# Builds the base image both images start from, without a Docker engine or a registry:
# a jlink Java 17 runtime of just the modules the two jars need, plus glibc, libgcc, libstdc++ and
# zlib unpacked from Debian's packages, a non-root user 10001 and a 1777 /tmp. Written in Docker's
# `docker save` layout (manifest.json, config, one layer), which Jib accepts as `tar://` base.
# Deterministic: sorted entries, mtime 0, numeric owners.
# Usage: images/build-base.sh OUTPUT.tar   (does nothing when OUTPUT is newer than this script)
set -euo pipefail
out=$(realpath -m "$1")
if [[ -f $out && $out -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs" "$(dirname "$out")"

# What both jars need, from `jdeps --print-module-deps --ignore-missing-deps --multi-release 17
# parking-service/target/parking-service.jar operator/target/parking-operator.jar`, plus modules
# used only at run time: DNS lookups, TLS elliptic curves, zip file systems, jcmd for diagnostics.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.scripting
modules=$modules,java.security.jgss,java.security.sasl,java.sql,jdk.management,jdk.net,jdk.unsupported
modules=$modules,jdk.naming.dns,jdk.crypto.ec,jdk.zipfs,jdk.jcmd,jdk.attach
# --generate-cds-archive: the JDK classes archive that an application archive is layered on.
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
  --output "$rootfs/opt/java" >/dev/null

chmod 777 "$work" # apt downloads as its own user
download() { (cd "$work" && apt-get download -qq libc6 libgcc-s1 libstdc++6 zlib1g >/dev/null 2>&1); }
download || { apt-get update -qq && download; }
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale" "$rootfs/usr/lib/x86_64-linux-gnu/gconv"

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/data" "$rootfs/app"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/app:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' >"$rootfs/etc/group"
printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"

python3 - "$rootfs" "$out" "$modules" <<'PY'
import hashlib, io, json, os, sys, tarfile
rootfs, out, modules = sys.argv[1], sys.argv[2], sys.argv[3]

def layer_bytes():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(rootfs):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                info = tar.gettarinfo(path, arcname=os.path.relpath(path, rootfs))
                info.mtime = 0
                info.uid = info.gid = 10001 if info.name in ("data", "app") else 0
                info.uname = info.gname = ""
                if info.isfile():
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return buf.getvalue()

layer = layer_bytes()
diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
config = {
    "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z",
    "config": {
        "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
        "User": "10001:10001", "WorkingDir": "/app",
        "Labels": {"org.opencontainers.image.description": "jlink Java 17 (" + modules + ") on Debian glibc"},
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "images/build-base.sh"}],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = json.dumps([{"Config": config_name, "RepoTags": ["parking-base:17"], "Layers": ["layer.tar"]}]).encode()
with tarfile.open(out, "w") as tar:
    for name, data in (("manifest.json", manifest), (config_name, config_bytes), ("layer.tar", layer)):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 0
        tar.addfile(info, io.BytesIO(data))
print(f"{out}: {len(layer) // (1024 * 1024)} MiB layer, modules {modules}")
PY
