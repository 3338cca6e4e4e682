#!/usr/bin/env python3
"""Start to first 200 of GET /api/lots, and RSS 3 s later, for parking-service image tars, run as
a container runtime would (layers unpacked, chroot, user 10001, the image's entrypoint), rounds
alternating between the images. With -XX:MaxRAM standing in for the container's memory limit.

Usage: bench/image-start.py ROUNDS MEMORY IMAGE.tar...   (as root; e.g. 5 256m a.tar b.tar)
"""
import os, socket, statistics, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "images"))
import imagetar  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))


def start_ms(root, config, memory):
    """(ms to the first 200, idle RSS in MiB 3 s later)"""
    api, metrics = free_port(), free_port()
    env = imagetar.environment(config, [f"PORT={api}", f"METRICS_PORT={metrics}", "HTTP_BIND=127.0.0.1",
                                        "METRICS_BIND=127.0.0.1", f"PARKING_DATA_DIR=/tmp/data-{api}",
                                        f"JAVA_TOOL_OPTIONS=-XX:MaxRAM={memory}"])
    started = time.monotonic()
    process = subprocess.Popen(imagetar.java_command(config["config"]["Entrypoint"]), env=env,
                               preexec_fn=imagetar.entering(root, config),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{api}/api/lots", timeout=1) as r:
                    if r.status == 200:
                        elapsed = (time.monotonic() - started) * 1000
                        time.sleep(3)
                        return elapsed, rss_mib(process.pid)
            except OSError:
                time.sleep(0.005)
    finally:
        process.terminate()
        process.wait(20)


def main():
    rounds, memory, images = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    results = {image: [] for image in images}
    roots = {}
    contexts = []
    for image in images:
        context = imagetar.unpacked(image)
        roots[image] = (context.__enter__(), imagetar.read(image)[1])
        contexts.append(context)
    try:
        for _ in range(rounds):
            for image in images:
                results[image].append(start_ms(*roots[image], memory))
    finally:
        for context in contexts:
            context.__exit__(None, None, None)
    for image, runs in results.items():
        ms, rss = [r[0] for r in runs], [r[1] for r in runs]
        print(f"{image}: start to first 200 {', '.join(f'{m:.0f}' for m in ms)} ms (median {statistics.median(ms):.0f});"
              f" idle RSS {', '.join(map(str, rss))} MiB (median {statistics.median(rss):.0f})")


main()
