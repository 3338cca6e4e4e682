package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed, written only when it changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParkingAppStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pods the Deployment has.")
  private Integer replicas;

  @JsonPropertyDescription("Pods ready to serve.")
  private Integer readyReplicas;

  @JsonPropertyDescription(
      "Ready, Progressing, Degraded and, while metrics are on and the check runs,"
          + " MetricsReachable, in the metav1.Condition shape.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "In-cluster address a scraper can use: the Service's metrics port and path; absent when"
          + " metrics are disabled.")
  private String metricsEndpoint;

  /** How Prometheus can discover the pods. */
  public enum Discovery {
    /** The prometheus.io/* pod annotations. */
    Annotations,
    /** The annotations, and a Prometheus Operator PodMonitor. */
    AnnotationsAndPodMonitor
  }

  /** Where the service keeps its data. */
  public enum Storage {
    /** The embedded store on an emptyDir: lost with the pod. */
    EmbeddedEmptyDir,
    /** PostgreSQL, reached through status.databaseSecret. */
    PostgreSQL
  }

  @JsonPropertyDescription(
      "How Prometheus can discover the pods: Annotations, or AnnotationsAndPodMonitor; absent when"
          + " metrics are disabled.")
  private Discovery discovery;

  public Discovery getDiscovery() {
    return discovery;
  }

  public void setDiscovery(Discovery discovery) {
    this.discovery = discovery;
  }

  @JsonPropertyDescription(
      "Where the data lives: EmbeddedEmptyDir (lost with the pod) or PostgreSQL (through"
          + " databaseSecret).")
  private Storage storage;

  @JsonPropertyDescription("The Secret the database settings come from, with PostgreSQL storage.")
  private String databaseSecret;

  public String getDatabaseSecret() {
    return databaseSecret;
  }

  public void setDatabaseSecret(String databaseSecret) {
    this.databaseSecret = databaseSecret;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getMetricsEndpoint() {
    return metricsEndpoint;
  }

  public void setMetricsEndpoint(String metricsEndpoint) {
    this.metricsEndpoint = metricsEndpoint;
  }

  public Storage getStorage() {
    return storage;
  }

  public void setStorage(Storage storage) {
    this.storage = storage;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParkingAppStatus that
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(replicas, that.replicas)
        && Objects.equals(readyReplicas, that.readyReplicas)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(metricsEndpoint, that.metricsEndpoint)
        && Objects.equals(storage, that.storage)
        && Objects.equals(databaseSecret, that.databaseSecret)
        && Objects.equals(discovery, that.discovery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        replicas,
        readyReplicas,
        conditions,
        metricsEndpoint,
        storage,
        databaseSecret,
        discovery);
  }
}
