package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Optional;

/**
 * Keeps a ParkingApp's NetworkPolicy as {@link DesiredNetworkPolicy} says, or removes it when
 * turned off.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class NetworkPolicyDependent extends OwnedDependent<NetworkPolicy> {

  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }

  /** Where the reconciler puts the operator's own peer, when its scrape check is on. */
  public static final String OPERATOR_PEER = "operator-peer";

  @Override
  protected NetworkPolicy desired(ParkingApp app, Context<ParkingApp> context) {
    return stamped(
        app,
        context
            .managedWorkflowAndDependentResourceContext()
            .get(OPERATOR_PEER, NetworkPolicyPeer.class));
  }

  /** The NetworkPolicy as applied, intent hash included; also what {@code render} prints. */
  public static NetworkPolicy stamped(ParkingApp app, Optional<NetworkPolicyPeer> operator) {
    NetworkPolicy desired = DesiredNetworkPolicy.of(app, AppSettings.of(app), operator);
    return DriftMatcher.stamped(desired);
  }

  /** spec.networkPolicy.enabled, true by default; when false the workflow deletes the policy. */
  public static final class Enabled implements Condition<NetworkPolicy, ParkingApp> {
    @Override
    public boolean isMet(
        DependentResource<NetworkPolicy, ParkingApp> dependent,
        ParkingApp app,
        Context<ParkingApp> context) {
      return AppSettings.of(app).networkPolicyEnabled();
    }
  }
}
