package dev.parkingoperator.operator.support;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** What "the operator caught up" means in tests: every ParkingApp applied once, status current. */
public final class Convergence {

  private Convergence() {}

  /**
   * ParkingApps whose status reports their current generation without Degraded=True, and whose
   * Deployment and Service exist.
   */
  public static long convergedApps(KubernetesClient client, Collection<String> namespaces) {
    return apps(client, namespaces)
        .filter(
            app ->
                app.getStatus() != null
                    && app.getMetadata()
                        .getGeneration()
                        .equals(app.getStatus().getObservedGeneration())
                    && app.getStatus().getConditions().stream()
                        .noneMatch(
                            c -> c.getType().equals("Degraded") && c.getStatus().equals("True"))
                    && deployment(client, app) != null
                    && client
                            .services()
                            .inNamespace(app.getMetadata().getNamespace())
                            .withName(app.getMetadata().getName())
                            .get()
                        != null)
        .count();
  }

  /** Deployments and Services in the namespaces: one each per app means nothing was made twice. */
  public static List<HasMetadata> ownedObjects(
      KubernetesClient client, Collection<String> namespaces) {
    return namespaces.stream()
        .flatMap(
            ns ->
                Stream.<HasMetadata>concat(
                    client.apps().deployments().inNamespace(ns).list().getItems().stream(),
                    client.services().inNamespace(ns).list().getItems().stream()))
        .toList();
  }

  /** The single controller reference an owned object must carry. */
  public static List<OwnerReference> controllers(HasMetadata owned) {
    return owned.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .toList();
  }

  private static Stream<ParkingApp> apps(KubernetesClient client, Collection<String> namespaces) {
    return namespaces.stream()
        .flatMap(
            ns -> client.resources(ParkingApp.class).inNamespace(ns).list().getItems().stream());
  }

  private static Object deployment(KubernetesClient client, ParkingApp app) {
    return client
        .apps()
        .deployments()
        .inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName())
        .get();
  }
}
