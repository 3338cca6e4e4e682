package dev.parkingoperator.operator.reconciler;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.Names;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warning Events on a ParkingApp, as {@code kubectl describe} shows them. */
public final class WarningEvents {

  private static final Logger LOG = LoggerFactory.getLogger(WarningEvents.class);
  static final String SOURCE = Names.OPERATOR_NAME;

  private final KubernetesClient client;
  private final Clock clock;

  public WarningEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Best effort: an Event that cannot be written is logged, never fails the reconciliation. */
  void warn(ParkingApp app, String reason, String message) {
    String now = clock.instant().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(app.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .withUid(app.getMetadata().getUid())
            .withResourceVersion(app.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType("Warning")
            .withReason(reason)
            .withMessage(message)
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(SOURCE)
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "{}: cannot record event {}: {}",
          Cache.metaNamespaceKeyFunc(app),
          reason,
          e.getMessage());
    }
  }
}
