package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An external PostgreSQL database, given as a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSpec {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @JsonPropertyDescription(
      "Name of a Secret in the same namespace with keys url (a jdbc:postgresql: URL), username and"
          + " password; injected as PARKING_DB_URL, PARKING_DB_USERNAME and PARKING_DB_PASSWORD"
          + " through secretKeyRef.")
  private String secretName;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }
}
