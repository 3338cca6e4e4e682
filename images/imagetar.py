"""An image tar from `jib:buildTar` (docker-save layout) read, unpacked and run without a Docker
engine: what images/check-image.py and images/add-cds-layer.py share."""
import contextlib, json, os, subprocess, tarfile, tempfile

IMAGE_USER = 10001


def read(image):
    """(manifest entry, full config JSON) of an image tar."""
    with tarfile.open(image) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        return manifest, json.load(tar.extractfile(manifest["Config"]))


@contextlib.contextmanager
def unpacked(image):
    """The image's layers unpacked into a temporary root, with /proc and /dev bound into it as a
    container runtime provides them."""
    manifest, _ = read(image)
    with tempfile.TemporaryDirectory() as root:
        os.chmod(root, 0o755)  # the image root, traversable by its user
        with tarfile.open(image) as tar:
            for layer in manifest["Layers"]:
                with tarfile.open(fileobj=tar.extractfile(layer)) as layer_tar:
                    layer_tar.extractall(root, numeric_owner=True)
        mounts = []
        try:
            for fs in ("proc", "dev"):
                os.makedirs(os.path.join(root, fs), exist_ok=True)
                subprocess.run(["mount", "--bind", "/" + fs, os.path.join(root, fs)], check=True)
                mounts.append(os.path.join(root, fs))
            yield root
        finally:
            for mount in reversed(mounts):
                subprocess.run(["umount", "-l", mount], check=False)


def environment(config, extra=()):
    """The image's environment, with ENV=VALUE strings on top."""
    env = dict(e.split("=", 1) for e in config["config"].get("Env", []))
    env.update(dict(e.split("=", 1) for e in extra))
    return env


def entering(root, config):
    """What a container runtime does before exec, minus namespaces: root, working dir, user."""
    workdir = config["config"].get("WorkingDir", "/")

    def enter():
        os.chroot(root)
        os.chdir(workdir)
        os.setgroups([])
        os.setgid(IMAGE_USER)
        os.setuid(IMAGE_USER)

    return enter


def java_command(entrypoint):
    """The entrypoint with the image's own java binary (PATH is not searched inside a chroot)."""
    return (["/opt/java/bin/java"] if entrypoint[0] == "java" else [entrypoint[0]]) + entrypoint[1:]
