package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Service in front of a ParkingApp's pods: the API port, and the metrics port named so a
 * ServiceMonitor can select it.
 */
public final class DesiredService {

  private DesiredService() {}

  public static Service of(ParkingApp app, AppSettings settings) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(port(Names.HTTP_PORT_NAME, settings.port()));
    if (settings.metrics().enabled()) {
      ports.add(port(Names.METRICS_PORT_NAME, settings.metrics().port()));
    }
    return new ServiceBuilder()
        .withMetadata(Names.metadata(app))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Names.selectorLabels(app))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static ServicePort port(String name, int number) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(number)
        .withTargetPort(new IntOrString(name))
        .withProtocol("TCP")
        .build();
  }
}
