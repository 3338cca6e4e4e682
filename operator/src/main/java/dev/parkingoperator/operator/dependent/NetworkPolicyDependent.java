package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.HashMap;

/** Keeps a ParkingApp's NetworkPolicy as {@link DesiredNetworkPolicy} says, or removes it when turned off. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, ParkingApp> {

  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(ParkingApp app, Context<ParkingApp> context) {
    return stamped(app);
  }

  /** The NetworkPolicy as applied, intent hash included; also what {@code render} prints. */
  public static NetworkPolicy stamped(ParkingApp app) {
    NetworkPolicy desired = DesiredNetworkPolicy.of(app, AppSettings.of(app));
    desired.getMetadata().setAnnotations(new HashMap<>());
    return DriftMatcher.stamped(desired, p -> p);
  }

  @Override
  public Matcher.Result<NetworkPolicy> match(NetworkPolicy actual, NetworkPolicy desired, ParkingApp app, Context<ParkingApp> context) {
    return DriftMatcher.match(actual, desired, context);
  }

  @Override
  protected void addReferenceHandlingMetadata(NetworkPolicy owned, ParkingApp app) {
    ControllerReference.set(owned, app);
  }

  /** spec.networkPolicy.enabled, true by default; when false the workflow deletes the policy. */
  public static final class Enabled implements Condition<NetworkPolicy, ParkingApp> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ParkingApp> dependent, ParkingApp app, Context<ParkingApp> context) {
      return AppSettings.of(app).networkPolicyEnabled();
    }
  }
}
