package dev.parkingoperator.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredDeployment;
import dev.parkingoperator.operator.support.Apps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentDependentTest {

  private static Deployment desired(ParkingApp app, Integer current) {
    return DesiredDeployment.of(app, AppSettings.of(app), current);
  }

  private static Deployment stamped(ParkingApp app, Integer current) {
    return new DeploymentDependent()
        .desired(app, new DesiredInputs(Optional.ofNullable(current), Optional.empty()));
  }

  @Test
  void isTheSameForTheSameInput() {
    ParkingApp app = Apps.app("ns", "shop");
    app.getSpec().setPodAnnotations(Map.of("b", "2", "a", "1"));

    assertThat(DriftMatcher.hash(desired(app, null), List.of()))
        .isEqualTo(DriftMatcher.hash(desired(app, null), List.of()));
  }

  @Test
  void intentHashLeavesOutACarriedOverReplicaCount() {
    ParkingApp app = Apps.app("ns", "shop");
    Deployment withThree = stamped(app, 3);
    Deployment withFive = stamped(app, 5);

    assertThat(withThree.getSpec().getReplicas()).as("the live count is kept").isEqualTo(3);
    assertThat(intent(withThree)).isEqualTo(intent(withFive));
    // The hash of the Deployment without a replica count, as before: live objects keep their stamp.
    Deployment withoutReplicas =
        new DeploymentBuilder(desired(app, 3)).editSpec().withReplicas(null).endSpec().build();
    assertThat(intent(withThree)).isEqualTo(DriftMatcher.hash(withoutReplicas, List.of()));

    app.getSpec().setReplicas(4);
    assertThat(intent(stamped(app, 3)))
        .as("a replica count in the spec is intent")
        .isNotEqualTo(intent(withThree));
  }

  private static String intent(Deployment deployment) {
    return deployment.getMetadata().getAnnotations().get(DriftMatcher.INTENT_ANNOTATION);
  }
}
