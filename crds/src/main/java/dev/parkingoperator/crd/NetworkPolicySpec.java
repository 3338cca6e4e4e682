package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/** The NetworkPolicy the operator keeps in front of the app's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

  public static final boolean DEFAULT_ENABLED = true;

  @Default("" + DEFAULT_ENABLED)
  @JsonPropertyDescription(
      "Keep a NetworkPolicy for the pods: the API port open to spec.networkPolicy.apiFrom (default:"
          + " anywhere), the metrics port only to spec.metrics.allowFrom. false removes it. Default"
          + " true.")
  private Boolean enabled;

  @JsonPropertyDescription(
      "Who may reach the API port, as NetworkPolicy peers. Unset or empty: anyone.")
  private List<NetworkPolicyPeer> apiFrom;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<NetworkPolicyPeer> getApiFrom() {
    return apiFrom;
  }

  public void setApiFrom(List<NetworkPolicyPeer> apiFrom) {
    this.apiFrom = apiFrom;
  }
}
