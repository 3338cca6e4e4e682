package dev.parkingoperator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A parking service deployment whose pods Prometheus can find and scrape. */
@Group(ParkingApp.GROUP)
@Version(ParkingApp.VERSION)
@Kind("ParkingApp")
@Plural("parkingapps")
@Singular("parkingapp")
@ShortNames({"papp"})
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Metrics port",
    jsonPath = ".spec.metrics.port",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value =
        "self.metadata.name.matches('"
            + ParkingApp.NAME_PATTERN
            + "') && size(self.metadata.name) <= "
            + ParkingApp.MAX_NAME_LENGTH,
    message = ParkingApp.NAME_RULE,
    // No fieldPath: metadata is not part of the schema, so the API server refuses one into it.
    reason = "FieldValueInvalid")
public class ParkingApp extends CustomResource<ParkingAppSpec, ParkingAppStatus>
    implements Namespaced {

  public static final String GROUP = "parkingoperator.dev";
  public static final String VERSION = "v1alpha1";

  /**
   * The app's name becomes its Service's name and label values, so it must be a DNS-1035 label:
   * what the API server would refuse for them is refused on the ParkingApp itself.
   */
  public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  public static final int MAX_NAME_LENGTH = 63;
  public static final String NAME_RULE =
      "metadata.name must be a DNS-1035 label of at most 63 characters (lower-case letters, digits"
          + " and '-', starting with a letter), as it names the app's Service";
}
