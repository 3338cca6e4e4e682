package dev.parkingoperator.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.RunningOperator;
import dev.parkingoperator.operator.support.controlplane.ChartRbac;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart installs a working operator on a real API server: its rendered objects applied, and the
 * operator run as the chart's ServiceAccount (a token from the TokenRequest API), with the
 * environment its Deployment gives (field references resolved as the kubelet would; the metrics
 * port made free and kept on loopback). RBAC, owner-reference admission and garbage collection are
 * the real ones, so a permission the chart lacks fails here.
 */
class ChartInstallTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theRenderedConfigurationStartsAWorkingOperator() throws Exception {
    ControlPlane plane = ControlPlane.shared();
    String watched = plane.newNamespace("team-a", Map.of());
    String ignored = plane.newNamespace("team-b", Map.of());
    List<HasMetadata> objects =
        Chart.render(
            "watchNamespaces: ["
                + watched
                + "]\nleaderElection: {enabled: true, leaseSeconds: 5}\n");
    try (KubernetesClient client = plane.adminClient()) {
      ChartRbac.apply(client, objects);
      Deployment deployment = Chart.ofKind(objects, Deployment.class).get(0);
      OperatorConfig config = OperatorConfig.fromEnvironment(environmentOf(deployment));
      String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();

      try (KubernetesClient operatorClient = plane.clientAs(Chart.NAMESPACE, serviceAccount);
          RunningOperator operator = RunningOperator.start(operatorClient, config)) {
        client.resource(Apps.app(watched, "watched")).create();
        client.resource(Apps.app(ignored, "ignored")).create();

        await("the Deployment, made through the real authorizer and admission")
            .atMost(WAIT)
            .until(
                () ->
                    client.apps().deployments().inNamespace(watched).withName("watched").get()
                        != null);
        await("the Service beside it")
            .atMost(WAIT)
            .until(() -> client.services().inNamespace(watched).withName("watched").get() != null);
        assertThat(
                client
                    .leases()
                    .inNamespace(Chart.NAMESPACE)
                    .withName(Chart.RELEASE + "-parking-operator-leader")
                    .get())
            .as("the lease the chart named, in the release namespace")
            .isNotNull();
        Thread.sleep(1000);
        assertThat(client.apps().deployments().inNamespace(ignored).withName("ignored").get())
            .as("namespaces outside watchNamespaces are left alone")
            .isNull();

        client.resources(ParkingApp.class).inNamespace(watched).withName("watched").delete();
        await("the garbage collector removes what the ParkingApp owned")
            .atMost(WAIT)
            .until(
                () ->
                    client.apps().deployments().inNamespace(watched).withName("watched").get()
                            == null
                        && client.services().inNamespace(watched).withName("watched").get()
                            == null);
      }
    }
  }

  /**
   * The container's env as the kubelet would give it: values, and the pod's own name and namespace.
   */
  private static Map<String, String> environmentOf(Deployment deployment) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      } else if ("metadata.name".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
        env.put(variable.getName(), Chart.RELEASE + "-parking-operator-5d8c7-abcde");
      } else if ("metadata.namespace"
          .equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
        env.put(variable.getName(), Chart.NAMESPACE);
      }
    }
    try (ServerSocket free = new ServerSocket(0)) {
      env.put("METRICS_PORT", Integer.toString(free.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("METRICS_BIND", "127.0.0.1");
    return env;
  }
}
