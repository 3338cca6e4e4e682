package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * What the desired objects depend on besides the ParkingApp: read from the reconciliation's context
 * by the dependents, or given by {@code render}, which has no cluster.
 *
 * @param currentReplicas the live Deployment's replica count (an autoscaler's when the spec leaves
 *     it unset), for whether a PodDisruptionBudget is wanted; empty when there is no Deployment
 * @param operatorPeer the operator's own pods, let through to the metrics port while its scrape
 *     check is on
 */
public record DesiredInputs(
    Optional<Integer> currentReplicas, Optional<NetworkPolicyPeer> operatorPeer) {

  /** Where the reconciler puts the operator's peer for this reconciliation. */
  static final String OPERATOR_PEER = "operator-peer";

  static DesiredInputs from(Context<ParkingApp> context) {
    return new DesiredInputs(
        context.getSecondaryResource(Deployment.class).map(d -> d.getSpec().getReplicas()),
        context
            .managedWorkflowAndDependentResourceContext()
            .get(OPERATOR_PEER, NetworkPolicyPeer.class));
  }

  /** Hands the operator's peer to this reconciliation's dependents. */
  public static void putOperatorPeer(Context<ParkingApp> context, NetworkPolicyPeer peer) {
    context.managedWorkflowAndDependentResourceContext().put(OPERATOR_PEER, peer);
  }
}
