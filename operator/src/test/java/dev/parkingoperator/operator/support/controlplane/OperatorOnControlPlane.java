package dev.parkingoperator.operator.support.controlplane;

import dev.parkingoperator.operator.chart.Chart;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.support.RunningOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;

/**
 * The operator in this JVM against the shared control plane, as the chart's ServiceAccount with
 * exactly the RBAC the chart renders (default values: all namespaces, leader election as the values
 * say); with an admin client for the test's own arranging and observing.
 */
public final class OperatorOnControlPlane implements AutoCloseable {

  private final ControlPlane plane;
  private final KubernetesClient admin;
  private final KubernetesClient operatorClient;
  private final OperatorConfig config;
  private RunningOperator operator;
  private final String user;

  private OperatorOnControlPlane(
      ControlPlane plane,
      KubernetesClient admin,
      KubernetesClient operatorClient,
      OperatorConfig config,
      String user) {
    this.plane = plane;
    this.admin = admin;
    this.operatorClient = operatorClient;
    this.config = config;
    this.operator = RunningOperator.start(operatorClient, config);
    this.user = user;
  }

  public static OperatorOnControlPlane start() {
    return start("", RunningOperator.config(Set.of()));
  }

  /**
   * With the chart rendered for {@code valuesYaml} and the operator configured by {@code config}.
   */
  public static OperatorOnControlPlane start(String valuesYaml, OperatorConfig config) {
    ControlPlane plane = ControlPlane.shared();
    String serviceAccount = ChartRbac.install(plane, valuesYaml);
    KubernetesClient operatorClient = plane.clientAs(Chart.NAMESPACE, serviceAccount);
    return new OperatorOnControlPlane(
        plane,
        plane.adminClient(),
        operatorClient,
        config,
        AuditLog.serviceAccountUser(Chart.NAMESPACE, serviceAccount));
  }

  public ControlPlane plane() {
    return plane;
  }

  /** Cluster admin, for what the test arranges and observes. */
  public KubernetesClient client() {
    return admin;
  }

  public RunningOperator operator() {
    return operator;
  }

  /**
   * Stops the operator and starts it again, as a new pod of it would: every app reconciled anew.
   */
  public void restart() {
    operator.close();
    operator = RunningOperator.start(operatorClient, config);
  }

  /** The operator's user name in the audit log. */
  public String user() {
    return user;
  }

  @Override
  public void close() {
    operator.close();
    operatorClient.close();
    admin.close();
  }
}
