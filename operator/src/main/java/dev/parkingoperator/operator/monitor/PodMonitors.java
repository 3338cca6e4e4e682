package dev.parkingoperator.operator.monitor;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus.Discovery;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredPodMonitor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * PodMonitors for clusters that run the Prometheus Operator. Whether its CRD exists is looked up at
 * start and again at most every {@link #RECHECK}, so a CRD installed later is picked up; without it
 * nothing fails and discovery stays with the annotations. A PodMonitor is written only when it
 * differs from the one in the cluster.
 */
public final class PodMonitors {

  static final Duration RECHECK = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final Clock clock;
  private volatile Boolean crdPresent;
  private volatile Instant checkedAt = Instant.EPOCH;

  public PodMonitors(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Applies or removes the app's PodMonitor; returns how Prometheus can discover the pods. */
  public Discovery reconcile(ParkingApp app, AppSettings settings) {
    boolean wanted =
        settings.metrics().enabled()
            && (settings.monitor().mode() == MetricsSpec.Monitor.podMonitor
                || (settings.monitor().mode() == MetricsSpec.Monitor.auto && crdPresent()));
    var existing =
        client
            .genericKubernetesResources(DesiredPodMonitor.CONTEXT)
            .inNamespace(app.getMetadata().getNamespace());
    if (!wanted) {
      // Without the CRD no PodMonitor can exist, so no call is made for it.
      if (crdPresent() && existing.withName(app.getMetadata().getName()).get() != null) {
        existing.withName(app.getMetadata().getName()).delete();
      }
      return Discovery.Annotations;
    }
    GenericKubernetesResource desired = DesiredPodMonitor.of(app, settings);
    GenericKubernetesResource live = existing.withName(app.getMetadata().getName()).get();
    if (live == null) {
      existing.resource(desired).create();
    } else if (!Objects.equals(
            live.getAdditionalProperties().get("spec"),
            desired.getAdditionalProperties().get("spec"))
        || !Objects.equals(live.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
      desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      existing.resource(desired).update();
    }
    return Discovery.AnnotationsAndPodMonitor;
  }

  private boolean crdPresent() {
    Instant now = clock.instant();
    if (crdPresent == null || checkedAt.plus(RECHECK).isBefore(now)) {
      crdPresent =
          client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName(DesiredPodMonitor.CRD_NAME)
                  .get()
              != null;
      checkedAt = now;
    }
    return crdPresent;
  }
}
