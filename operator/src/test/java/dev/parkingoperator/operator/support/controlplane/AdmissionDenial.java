package dev.parkingoperator.operator.support.controlplane;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;

/**
 * A write the API server refuses on purpose, for as long as a test needs it: a
 * ValidatingAdmissionPolicy that denies creating and changing Deployments in one namespace, the way
 * an admission webhook or a policy engine refuses a write in a real cluster.
 */
public final class AdmissionDenial implements AutoCloseable {

  private static final String MESSAGE = "refused by a test's admission policy";

  private final KubernetesClient admin;
  private final ValidatingAdmissionPolicy policy;
  private final ValidatingAdmissionPolicyBinding binding;

  private AdmissionDenial(
      KubernetesClient admin,
      ValidatingAdmissionPolicy policy,
      ValidatingAdmissionPolicyBinding binding) {
    this.admin = admin;
    this.policy = policy;
    this.binding = binding;
  }

  /** Denies creating and changing Deployments in {@code namespace} until closed. */
  public static AdmissionDenial denyDeployments(KubernetesClient admin, String namespace) {
    String group = "apps";
    String resource = "deployments";
    String name = "deny-" + resource + "-" + namespace;
    ValidatingAdmissionPolicy policy =
        new ValidatingAdmissionPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withFailurePolicy("Fail")
            .withNewMatchConstraints()
            .addNewResourceRule()
            .withApiGroups(group)
            .withApiVersions("*")
            .withResources(resource)
            .withOperations("CREATE", "UPDATE")
            .endResourceRule()
            .endMatchConstraints()
            .addNewValidation()
            .withExpression("false")
            .withMessage(MESSAGE)
            .endValidation()
            .endSpec()
            .build();
    ValidatingAdmissionPolicyBinding binding =
        new ValidatingAdmissionPolicyBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withPolicyName(name)
            .withValidationActions("Deny")
            .withNewMatchResources()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", namespace))
            .endNamespaceSelector()
            .endMatchResources()
            .endSpec()
            .build();
    AdmissionDenial denial =
        new AdmissionDenial(
            admin, admin.resource(policy).create(), admin.resource(binding).create());
    denial.awaitInForce(namespace);
    return denial;
  }

  /**
   * The API server loads policies asynchronously: wait until a dry-run write of a valid Deployment
   * (object validation runs before validating admission) is refused by the policy.
   */
  private void awaitInForce(String namespace) {
    Map<String, String> labels = Map.of("probe", "admission");
    Deployment probe =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("admission-probe")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("probe")
            .withImage("probe")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    await("the admission policy is in force")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              try {
                admin.resource(probe).dryRun().create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getMessage().contains(MESSAGE);
              }
            });
  }

  @Override
  public void close() {
    admin.resource(binding).delete();
    admin.resource(policy).delete();
  }
}
