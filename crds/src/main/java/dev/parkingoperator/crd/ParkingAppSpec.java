package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/** What the cluster admin asks for. Everything but the image is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.metrics) || !has(self.metrics.port) || !has(self.port)"
            + " || self.metrics.port != self.port",
    message = "spec.metrics.port must differ from spec.port: telemetry has its own port",
    reason = "FieldValueInvalid",
    fieldPath = ".metrics.port")
public class ParkingAppSpec {

  public static final int DEFAULT_PORT = 8080;

  @Required
  @Pattern("^\\S+$")
  @JsonPropertyDescription(
      "Container image of the parking service, e.g. registry.example.com/parking-service:0.1.0.")
  private String image;

  @JsonPropertyDescription(
      "When the kubelet pulls the image: Always, IfNotPresent or Never. Default: Kubernetes' own"
          + " (IfNotPresent unless the tag is latest).")
  private PullPolicy imagePullPolicy;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "Number of pods, 0..100. When unset the operator leaves the count to others (an autoscaler,"
          + " kubectl scale); a new Deployment starts with 1.")
  private Integer replicas;

  @Min(1)
  @Max(65535)
  @Default("" + DEFAULT_PORT)
  @JsonPropertyDescription("Port of the parking API in the container (named http). Default 8080.")
  private Integer port;

  @JsonPropertyDescription("The service's own telemetry endpoint and how Prometheus finds it.")
  private MetricsSpec metrics;

  @JsonPropertyDescription("CPU and memory requests and limits of the parking-service container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Extra environment variables for the container. Variables the operator sets (PORT, METRICS_*,"
          + " POD_*, PARKING_*) cannot be overridden here.")
  private List<EnvVar> env;

  @JsonPropertyDescription(
      "Extra labels on the pods. The app.kubernetes.io/* labels the operator sets win over these.")
  private Map<String, String> podLabels;

  @JsonPropertyDescription(
      "Extra annotations on the pods. prometheus.io/* annotations are the operator's and are"
          + " refused here.")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription(
      "Where the service keeps its data. Unset: the embedded store on an emptyDir (lost with the"
          + " pod).")
  private DatabaseSpec database;

  @JsonPropertyDescription("The NetworkPolicy in front of the pods; on by default.")
  private NetworkPolicySpec networkPolicy;

  public NetworkPolicySpec getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  /** Pull policies Kubernetes knows. */
  public enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public MetricsSpec getMetrics() {
    return metrics;
  }

  public void setMetrics(MetricsSpec metrics) {
    this.metrics = metrics;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }
}
