package dev.parkingoperator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
public class ParkingApp extends CustomResource<ParkingAppSpec, ParkingAppStatus>
    implements Namespaced {

  public static final String GROUP = "parkingoperator.dev";
  public static final String VERSION = "v1alpha1";
}
