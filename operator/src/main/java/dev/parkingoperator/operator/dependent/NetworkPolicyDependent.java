package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredNetworkPolicy;
import dev.parkingoperator.operator.model.Names;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Keeps a ParkingApp's NetworkPolicy as {@link DesiredNetworkPolicy} says, or removes it when
 * turned off.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class NetworkPolicyDependent extends OwnedDependent<NetworkPolicy> {

  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }

  @Override
  NetworkPolicy build(ParkingApp app, AppSettings settings, DesiredInputs inputs) {
    return DesiredNetworkPolicy.of(app, settings, inputs.operatorPeer());
  }

  /** spec.networkPolicy.enabled, true by default; when false the workflow deletes the policy. */
  public static final class Enabled implements Condition<NetworkPolicy, ParkingApp> {

    /** The rule itself, for callers without a reconciliation (render). */
    public static boolean holds(AppSettings settings) {
      return settings.network().enabled();
    }

    @Override
    public boolean isMet(
        DependentResource<NetworkPolicy, ParkingApp> dependent,
        ParkingApp app,
        Context<ParkingApp> context) {
      return holds(AppSettings.of(app));
    }
  }
}
