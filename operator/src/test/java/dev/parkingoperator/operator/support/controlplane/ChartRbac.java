package dev.parkingoperator.operator.support.controlplane;

import dev.parkingoperator.operator.chart.Chart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The chart's ServiceAccount and RBAC, rendered by helm and applied to the control plane, so the
 * operator runs with exactly the rights a cluster would give it.
 */
public final class ChartRbac {

  private ChartRbac() {}

  /**
   * Applies the ServiceAccount, Roles and bindings the chart renders for {@code values}, in the
   * chart's namespace; returns the ServiceAccount's name.
   */
  public static String install(ControlPlane plane, String valuesYaml) {
    List<HasMetadata> rbac = Chart.render(valuesYaml).stream().filter(ChartRbac::isRbac).toList();
    try (KubernetesClient admin = plane.adminClient()) {
      apply(admin, rbac);
    }
    return rbac.stream()
        .filter(ServiceAccount.class::isInstance)
        .map(account -> account.getMetadata().getName())
        .findFirst()
        .orElseThrow();
  }

  /**
   * Applies rendered chart objects as helm would install them: namespaced ones into the chart's
   * namespace (made when missing), the rest cluster-wide; objects already there are updated.
   */
  public static void apply(KubernetesClient admin, List<HasMetadata> objects) {
    if (admin.namespaces().withName(Chart.NAMESPACE).get() == null) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(Chart.NAMESPACE)
                  .endMetadata()
                  .build())
          .createOr(existing -> existing.update());
    }
    for (HasMetadata object : objects) {
      boolean clusterScoped = object instanceof ClusterRole || object instanceof ClusterRoleBinding;
      if (!clusterScoped && object.getMetadata().getNamespace() == null) {
        object.getMetadata().setNamespace(Chart.NAMESPACE);
      }
      admin.resource(object).createOr(existing -> existing.update());
    }
  }

  private static boolean isRbac(HasMetadata object) {
    return object instanceof ServiceAccount
        || object instanceof ClusterRole
        || object instanceof ClusterRoleBinding
        || object instanceof Role
        || object instanceof RoleBinding;
  }
}
