package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** The pods allowed to scrape the metrics port: those matching both selectors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScraperSelector {

  @JsonPropertyDescription("Namespaces the scrapers run in. Unset: every namespace.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription(
      "The scraper pods. Unset: pods labelled app.kubernetes.io/name=prometheus.")
  private LabelSelector podSelector;

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }
}
