package dev.parkingoperator.operator.telemetry;

import dev.parkingoperator.operator.reconciler.AppStatusListener;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code parking_operator_parkingapp_ready{parkingapp_namespace, parkingapp}}: 1 when a ParkingApp
 * is Ready, else 0 — what the "ParkingApp not Ready" alert watches. The labels avoid {@code
 * namespace}, which Prometheus sets to the operator's own pod namespace.
 */
public final class AppReadinessGauges implements AppStatusListener {

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> ready = new ConcurrentHashMap<>();
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

  public AppReadinessGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void readiness(String namespace, String name, boolean isReady) {
    String key = Cache.namespaceKeyFunc(namespace, name);
    ready.computeIfAbsent(key, k -> register(k, namespace, name)).set(isReady ? 1 : 0);
  }

  private AtomicInteger register(String key, String namespace, String name) {
    AtomicInteger value = new AtomicInteger();
    gauges.put(
        key,
        Gauge.builder("parking.operator.parkingapp.ready", value, AtomicInteger::get)
            .description("1 when the ParkingApp's Ready condition is True, else 0")
            .tags("parkingapp_namespace", namespace, "parkingapp", name)
            .register(registry));
    return value;
  }

  @Override
  public void retain(Set<String> existing) {
    for (String key : Set.copyOf(gauges.keySet())) {
      if (!existing.contains(key)) {
        registry.remove(gauges.remove(key));
        ready.remove(key);
      }
    }
  }
}
