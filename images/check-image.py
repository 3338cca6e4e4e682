#!/usr/bin/env python3
"""Checks an image tar from `jib:buildTar` without a Docker engine: its config (non-root user,
entrypoint, exposed ports, heap as a share of the memory limit), then unpacks its layers and runs
the entrypoint in a chroot as that user, and waits for the health endpoint to answer. An image
whose entrypoint names an AppCDS archive runs with -Xshare:on, so an archive that does not map
fails the check instead of being skipped quietly.

Usage: images/check-image.py IMAGE.tar MAIN_CLASS HEALTH_PORT PORT... [-- ENV=VALUE...]
HEALTH_PORT "-" checks the config only (an image that needs a cluster to start).
"""
import subprocess, sys, time, urllib.request

import imagetar


def main():
    args = sys.argv[1:]
    env_args = args[args.index("--") + 1:] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    image, main_class, health_port, ports = args[0], args[1], args[2], args[3:]
    _, config = imagetar.read(image)
    entrypoint = config["config"].get("Entrypoint") or []
    failures = []
    if config["config"].get("User") != f"{imagetar.IMAGE_USER}:{imagetar.IMAGE_USER}":
        failures.append(f"user is {config['config'].get('User')!r}, want 10001:10001")
    if not entrypoint or entrypoint[0] != "java" or main_class not in entrypoint:
        failures.append(f"entrypoint {entrypoint} does not run java {main_class}")
    if "-XX:MaxRAMPercentage=75" not in entrypoint:
        failures.append("the JVM does not size its heap from the container's memory limit")
    exposed = sorted(p.split("/")[0] for p in (config["config"].get("ExposedPorts") or {}))
    if exposed != sorted(ports):
        failures.append(f"exposed ports {exposed}, want {sorted(ports)}")
    if failures:
        sys.exit("image check failed: " + "; ".join(failures))
    print(f"config ok: user {config['config']['User']}, ports {exposed}, entrypoint {' '.join(entrypoint[:4])} ... {main_class}")
    if health_port == "-":
        return
    if any(a.startswith("-XX:SharedArchiveFile=") for a in entrypoint):
        env_args = env_args + ["JAVA_TOOL_OPTIONS=-Xshare:on"]
    with imagetar.unpacked(image) as root:
        start(root, config, entrypoint, health_port, env_args)


def start(root, config, entrypoint, health_port, env_args):
    started = time.monotonic()
    process = subprocess.Popen(imagetar.java_command(entrypoint), env=imagetar.environment(config, env_args),
                               preexec_fn=imagetar.entering(root, config),
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
