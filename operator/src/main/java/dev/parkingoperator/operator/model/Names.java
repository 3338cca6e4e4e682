package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of what the operator makes, as functions of the ParkingApp, so tests compute
 * what they expect with the same code.
 */
public final class Names {

  /** The operator's name: its pods' name label, the managed-by label, its Events' source. */
  public static final String OPERATOR_NAME = "parking-operator";

  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = OPERATOR_NAME;

  /** The informers' selector: only objects this operator made are cached. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String APP_NAME = "parking-service";
  public static final String CONTAINER = "parking-service";
  public static final String HTTP_PORT_NAME = "http";
  public static final String METRICS_PORT_NAME = "metrics";

  private Names() {}

  /** Deployment and Service share the ParkingApp's name. */
  public static String workloadName(ParkingApp app) {
    return app.getMetadata().getName();
  }

  /**
   * What selects this app's pods: stable for the life of the Deployment (selectors are immutable).
   */
  public static Map<String, String> selectorLabels(ParkingApp app) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, APP_NAME);
    labels.put(INSTANCE_LABEL, app.getMetadata().getName());
    return labels;
  }

  /** Name, namespace and labels every object made for the app carries. */
  public static ObjectMeta metadata(ParkingApp app) {
    return new ObjectMetaBuilder()
        .withName(workloadName(app))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(labels(app))
        .build();
  }

  public static Map<String, String> labels(ParkingApp app) {
    Map<String, String> labels = selectorLabels(app);
    labels.put(COMPONENT_LABEL, "api");
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }
}
