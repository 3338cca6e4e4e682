#!/usr/bin/env python3
"""Adds an AppCDS archive to an image tar from `jib:buildTar`, as its last layer.

An archive only maps on the class path it was dumped with: the same jars at the same paths with
the same sizes and times. So it is dumped inside the built image itself: its layers unpacked, the
training class run in a chroot as the image's user with the entrypoint's JVM flags and class path,
and the archive written where the entrypoint's -XX:SharedArchiveFile looks for it.

Usage: images/add-cds-layer.py IMAGE.tar TRAINING_MAIN_CLASS
"""
import gzip, hashlib, io, json, os, shutil, subprocess, sys, tarfile, tempfile

import imagetar

ARCHIVE_FLAG = "-XX:SharedArchiveFile="


def main():
    image, training_class = sys.argv[1], sys.argv[2]
    manifest, config = imagetar.read(image)
    entrypoint = config["config"]["Entrypoint"]
    archive_path = next(a[len(ARCHIVE_FLAG):] for a in entrypoint if a.startswith(ARCHIVE_FLAG))
    archive = dump(image, config, entrypoint, training_class)
    add_layer(image, manifest, config, archive_path, archive)
    print(f"{image}: AppCDS archive {archive_path} ({len(archive) // (1 << 20)} MiB) added as a layer")


def dump(image, config, entrypoint, training_class):
    """Runs the training class inside the image; returns the archive it wrote."""
    classpath_at = entrypoint.index("-cp")
    flags = [a for a in entrypoint[1:classpath_at] if not a.startswith(ARCHIVE_FLAG)]
    with imagetar.unpacked(image) as root:
        command = imagetar.java_command(entrypoint[:1]) + flags + [
            "-XX:ArchiveClassesAtExit=/tmp/app.jsa", "-Xlog:cds=error,cds+dynamic=error",
            "-cp", entrypoint[classpath_at + 1], training_class]
        result = subprocess.run(command, env=imagetar.environment(config),
                                preexec_fn=imagetar.entering(root, config),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        dumped = os.path.join(root, "tmp", "app.jsa")
        if result.returncode != 0 or not os.path.exists(dumped):
            sys.exit("training run failed:\n" + result.stdout.decode())
        with open(dumped, "rb") as f:
            return f.read()


def add_layer(image, manifest, config, archive_path, archive):
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(archive_path.lstrip("/"))
        info.size, info.mode, info.mtime = len(archive), 0o444, 1  # read-only, reproducible
        tar.addfile(info, io.BytesIO(archive))
    uncompressed = layer.getvalue()
    compressed = gzip.compress(uncompressed, mtime=0)
    layer_name = hashlib.sha256(compressed).hexdigest() + ".tar.gz"
    config["rootfs"]["diff_ids"].append("sha256:" + hashlib.sha256(uncompressed).hexdigest())
    config.setdefault("history", []).append({
        "created": "1970-01-01T00:00:00Z",
        "created_by": "images/add-cds-layer.py: AppCDS archive from a training run in this image"})
    manifest["Layers"].append(layer_name)

    rewritten = image + ".new"
    with tarfile.open(image) as old, tarfile.open(rewritten, "w") as new:
        for member in old.getmembers():
            if member.name not in ("manifest.json", manifest["Config"]):
                new.addfile(member, old.extractfile(member))
        add_bytes(new, layer_name, compressed)
        add_bytes(new, manifest["Config"], json.dumps(config).encode())
        add_bytes(new, "manifest.json", json.dumps([manifest]).encode())
    shutil.move(rewritten, image)


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o644
    tar.addfile(info, io.BytesIO(data))


main()
