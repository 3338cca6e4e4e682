package dev.parkingoperator.operator.scrape;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, after the pods are ready, that one ready pod's metrics endpoint really answers in the
 * Prometheus format: at most once per rollout (generation) and then every {@code interval}.
 */
public final class ScrapeCheck {

  private final KubernetesClient client;
  private final MetricsProbe probe;
  private final Clock clock;
  private final Duration interval;
  private final Map<String, Checked> last = new ConcurrentHashMap<>();

  private record Checked(long generation, Instant at) {}

  public ScrapeCheck(KubernetesClient client, MetricsProbe probe, Clock clock, Duration interval) {
    this.client = client;
    this.probe = probe;
    this.clock = clock;
    this.interval = interval;
  }

  public Duration interval() {
    return interval;
  }

  /** A fresh result when a check is due, else empty (the last condition stays). */
  public Optional<ScrapeResult> checkIfDue(ParkingApp app, AppSettings settings) {
    String key = Cache.metaNamespaceKeyFunc(app);
    long generation =
        app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
    Checked previous = last.get(key);
    Instant now = clock.instant();
    if (previous != null
        && previous.generation() == generation
        && previous.at().plus(interval).isAfter(now)) {
      return Optional.empty();
    }
    last.put(key, new Checked(generation, now));
    return Optional.of(
        readyPodIp(app)
            .map(ip -> probe.scrape(url(ip, settings)))
            .orElseGet(ScrapeResult::noReadyPod));
  }

  private Optional<String> readyPodIp(ParkingApp app) {
    return client
        .pods()
        .inNamespace(app.getMetadata().getNamespace())
        .withLabels(Names.selectorLabels(app))
        .list()
        .getItems()
        .stream()
        .filter(ScrapeCheck::isReady)
        .map(pod -> pod.getStatus().getPodIP())
        .findFirst();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getPodIP() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String url(String ip, AppSettings settings) {
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    return settings.metrics().scheme()
        + "://"
        + host
        + ":"
        + settings.metrics().port()
        + settings.metrics().path();
  }

  /** Forgets every app not in {@code existing} ("namespace/name" keys): deleted ones. */
  public void retain(Set<String> existing) {
    last.keySet().retainAll(existing);
  }
}
