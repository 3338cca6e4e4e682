package dev.parkingoperator.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.MockCluster;
import dev.parkingoperator.operator.support.RunningOperator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
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
 * The chart's configuration starts a working operator: its rendered objects applied to the mock API
 * server, and the operator run with the environment its Deployment gives (field references resolved
 * as the kubelet would; the metrics port made free and kept on loopback).
 */
class ChartInstallTest {

  @Test
  void theRenderedConfigurationStartsAWorkingOperator() throws Exception {
    List<HasMetadata> objects =
        Chart.render(
            "watchNamespaces: [team-a]\nleaderElection: {enabled: true, leaseSeconds: 5}\n");
    try (MockCluster cluster = MockCluster.start();
        KubernetesClient operatorClient = cluster.newOperatorClient()) {
      KubernetesClient client = cluster.client();
      for (String namespace : List.of(Chart.NAMESPACE, "team-a", "team-b")) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      for (HasMetadata object : objects) {
        if (object.getMetadata().getNamespace() == null
            && !(object instanceof ClusterRole)
            && !(object instanceof ClusterRoleBinding)) {
          object.getMetadata().setNamespace(Chart.NAMESPACE);
        }
        client.resource(object).create();
      }
      Deployment deployment = Chart.ofKind(objects, Deployment.class).get(0);
      OperatorConfig config = OperatorConfig.fromEnvironment(environmentOf(deployment));

      try (RunningOperator operator = RunningOperator.start(operatorClient, config)) {
        client.resource(Apps.app("team-a", "watched")).create();
        client.resource(Apps.app("team-b", "ignored")).create();

        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client.apps().deployments().inNamespace("team-a").withName("watched").get()
                        != null);
        assertThat(
                client
                    .leases()
                    .inNamespace(Chart.NAMESPACE)
                    .withName(Chart.RELEASE + "-parking-operator-leader")
                    .get())
            .as("the lease the chart named, in the release namespace")
            .isNotNull();
        Thread.sleep(1000);
        assertThat(client.apps().deployments().inNamespace("team-b").withName("ignored").get())
            .as("namespaces outside watchNamespaces are left alone")
            .isNull();
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
