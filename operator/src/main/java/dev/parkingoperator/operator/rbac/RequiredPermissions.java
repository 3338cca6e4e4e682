package dev.parkingoperator.operator.rbac;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.config.OperatorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Exactly the API calls the operator makes, as RBAC rules. The chart renders its Roles from the
 * same list (a test compares them), and another test checks every request the operator sends to the
 * mock API server against it.
 */
public final class RequiredPermissions {

  /**
   * Owner references with blockOwnerDeletion need it where OwnerReferencesPermissionEnforcement
   * admission runs (OpenShift, hardened clusters); the API server checks it, no call uses it (no
   * finalizer is ever set).
   */
  public static final Permission OWNER_REFERENCES =
      new Permission(ParkingApp.GROUP, "parkingapps/finalizers", List.of("update"));

  /**
   * java-operator-sdk checks this with a SelfSubjectRulesReview before it elects a leader;
   * fabric8's LeaseLock renews with patch, so no call uses it.
   */
  public static final Permission LEASE_UPDATE =
      new Permission("coordination.k8s.io", "leases", List.of("update"));

  /**
   * Server-side apply creates with a patch request, and the API server then checks create too (seen
   * on a real one: 'cannot create resource' for an apply).
   */
  public static final List<Permission> APPLY_CREATES =
      List.of(
          new Permission("apps", "deployments", List.of("create")),
          new Permission("", "services", List.of("create")),
          new Permission("networking.k8s.io", "networkpolicies", List.of("create")),
          new Permission("policy", "poddisruptionbudgets", List.of("create")));

  private RequiredPermissions() {}

  /** The rights above that others check but no call of the operator's uses. */
  public static List<Permission> checkedNotCalled() {
    List<Permission> rules = new ArrayList<>(APPLY_CREATES);
    rules.add(OWNER_REFERENCES);
    rules.add(LEASE_UPDATE);
    return rules;
  }

  /** Rules in the watched namespaces (or cluster-wide when all are watched). */
  public static List<Permission> watched() {
    List<Permission> rules = new ArrayList<>();
    rules.add(new Permission(ParkingApp.GROUP, "parkingapps", List.of("list", "watch")));
    rules.add(new Permission(ParkingApp.GROUP, "parkingapps/status", List.of("patch")));
    rules.add(OWNER_REFERENCES);
    // No delete: owner references let Kubernetes' garbage collector remove what the operator made.
    // Server-side apply writes with patch, and creates with it too.
    rules.add(new Permission("apps", "deployments", List.of("list", "watch", "create", "patch")));
    rules.add(new Permission("", "services", List.of("list", "watch", "create", "patch")));
    // Delete too: these two are removed when turned off (networkPolicy.enabled=false, one replica).
    rules.add(
        new Permission(
            "networking.k8s.io",
            "networkpolicies",
            List.of("list", "watch", "create", "patch", "delete")));
    rules.add(
        new Permission(
            "policy",
            "poddisruptionbudgets",
            List.of("list", "watch", "create", "patch", "delete")));
    rules.add(new Permission("", "secrets", List.of("get")));
    // PodMonitors for the Prometheus Operator, when its CRD exists.
    rules.add(
        new Permission(
            "monitoring.coreos.com", "podmonitors", List.of("get", "create", "update", "delete")));
    // The scrape check finds one ready pod of the app to fetch its metrics endpoint.
    rules.add(new Permission("", "pods", List.of("list")));
    rules.add(new Permission("", "events", List.of("create")));
    return rules;
  }

  /** Cluster-scoped rules: whether the Prometheus Operator's PodMonitor CRD exists. */
  public static List<Permission> clusterScoped() {
    return List.of(
        new Permission("apiextensions.k8s.io", "customresourcedefinitions", List.of("get")));
  }

  /** Rules in the operator's own namespace, for its leader-election Lease. */
  public static List<Permission> leaderElection(OperatorConfig config) {
    // java-operator-sdk checks get, create and update with a SelfSubjectRulesReview at start;
    // fabric8's LeaseLock then renews the Lease with a patch (seen on a real API server).
    return config.leaderElection().isEmpty()
        ? List.of()
        : List.of(
            new Permission(
                "coordination.k8s.io", "leases", List.of("get", "create", "update", "patch")));
  }
}
