#!/usr/bin/env python3
"""Checks an image tar from `jib:buildTar` without a Docker engine: its config (non-root user,
entrypoint, exposed ports, heap as a share of the memory limit), then unpacks its layers and runs
the entrypoint in a chroot as that user, and waits for the health endpoint to answer.

Usage: images/check-image.py IMAGE.tar MAIN_CLASS HEALTH_PORT PORT... [-- ENV=VALUE...]
HEALTH_PORT "-" checks the config only (an image that needs a cluster to start).
"""
import json, os, subprocess, sys, tarfile, tempfile, time, urllib.request

def main():
    args = sys.argv[1:]
    env_args = args[args.index("--") + 1:] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    image, main_class, health_port, ports = args[0], args[1], args[2], args[3:]
    with tarfile.open(image) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = json.load(tar.extractfile(manifest["Config"]))["config"]
        failures = []
        if config.get("User") != "10001:10001":
            failures.append(f"user is {config.get('User')!r}, want 10001:10001")
        entrypoint = config.get("Entrypoint") or []
        if not entrypoint or entrypoint[0] != "java" or main_class not in entrypoint:
            failures.append(f"entrypoint {entrypoint} does not run java {main_class}")
        if "-XX:MaxRAMPercentage=75" not in entrypoint:
            failures.append("the JVM does not size its heap from the container's memory limit")
        exposed = sorted(p.split("/")[0] for p in (config.get("ExposedPorts") or {}))
        if exposed != sorted(ports):
            failures.append(f"exposed ports {exposed}, want {sorted(ports)}")
        if failures:
            sys.exit("image check failed: " + "; ".join(failures))
        print(f"config ok: user {config['User']}, ports {exposed}, entrypoint {' '.join(entrypoint[:4])} ... {main_class}")
        if health_port == "-":
            return
        with tempfile.TemporaryDirectory() as root:
            os.chmod(root, 0o755)  # the image root, traversable by its user
            for layer in manifest["Layers"]:
                with tarfile.open(fileobj=tar.extractfile(layer)) as layer_tar:
                    layer_tar.extractall(root, numeric_owner=True)
            run(root, config, entrypoint, health_port, env_args)

def run(root, config, entrypoint, health_port, env_args):
    # A container runtime gives the process /proc and /dev; so does this check, by bind mounts.
    mounts = []
    try:
        for fs in ("proc", "dev"):
            os.makedirs(os.path.join(root, fs), exist_ok=True)
            subprocess.run(["mount", "--bind", "/" + fs, os.path.join(root, fs)], check=True)
            mounts.append(os.path.join(root, fs))
        start(root, config, entrypoint, health_port, env_args)
    finally:
        for mount in reversed(mounts):
            subprocess.run(["umount", "-l", mount], check=False)

def start(root, config, entrypoint, health_port, env_args):
    env = dict(e.split("=", 1) for e in config.get("Env", []))
    env.update(dict(e.split("=", 1) for e in env_args))
    workdir = config.get("WorkingDir", "/")

    def enter_image():  # what a container runtime does, minus namespaces: root, cwd, user
        os.chroot(root)
        os.chdir(workdir)
        os.setgroups([])
        os.setgid(10001)
        os.setuid(10001)

    started = time.monotonic()
    java = "/opt/java/bin/java" if entrypoint[0] == "java" else entrypoint[0]
    process = subprocess.Popen([java] + entrypoint[1:], env=env, preexec_fn=enter_image,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{health_port}/health/live"
        while time.monotonic() - started < 60:
            if process.poll() is not None:
                sys.exit("the image's process exited:\n" + process.stdout.read().decode())
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if response.status == 200:
                        print(f"runs: {url} answered 200 after {time.monotonic() - started:.1f} s, as user 10001")
                        return
            except OSError:
                time.sleep(0.1)
        sys.exit("no answer from " + url)
    finally:
        process.terminate()
        process.wait(20)

main()
