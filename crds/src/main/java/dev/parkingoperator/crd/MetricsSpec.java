package dev.parkingoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.parkingoperator.config.TelemetryEndpointRules;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** The telemetry endpoint of the parking service, on its own port, and its scrape annotations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricsSpec {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_PORT = 9568;
  public static final String DEFAULT_PATH = "/metrics";
  private static final String DEFAULT_SCHEME_NAME = "http";
  public static final Scheme DEFAULT_SCHEME = Scheme.valueOf(DEFAULT_SCHEME_NAME);
  private static final String DEFAULT_MONITOR_NAME = "auto";
  public static final Monitor DEFAULT_MONITOR = Monitor.valueOf(DEFAULT_MONITOR_NAME);
  public static final String DEFAULT_INTERVAL = "30s";

  @Default("" + DEFAULT_ENABLED)
  @JsonPropertyDescription(
      "Serve /metrics and annotate the pods for Prometheus (prometheus.io/scrape, port, path,"
          + " scheme). false removes the annotations and the named metrics port; health probes"
          + " stay. Default true.")
  private Boolean enabled;

  @Min(1)
  @Max(65535)
  @Default("" + DEFAULT_PORT)
  @JsonPropertyDescription(
      "Telemetry port in the container (named metrics). Must differ from spec.port. Default 9568.")
  private Integer port;

  @Pattern(TelemetryEndpointRules.PATH_PATTERN)
  @Default(DEFAULT_PATH)
  @JsonPropertyDescription("Path of the Prometheus endpoint. Default /metrics.")
  private String path;

  @Default(DEFAULT_SCHEME_NAME)
  @JsonPropertyDescription(
      "Scheme Prometheus uses to scrape. Only http is served today. Default http.")
  private Scheme scheme;

  @JsonPropertyDescription(
      "Who may reach the metrics port through the NetworkPolicy. Default: pods labelled"
          + " app.kubernetes.io/name=prometheus in any namespace.")
  private ScraperSelector allowFrom;

  public ScraperSelector getAllowFrom() {
    return allowFrom;
  }

  public void setAllowFrom(ScraperSelector allowFrom) {
    this.allowFrom = allowFrom;
  }

  @Default(DEFAULT_MONITOR_NAME)
  @JsonPropertyDescription(
      "Prometheus Operator discovery: auto (a PodMonitor when the monitoring.coreos.com PodMonitor"
          + " CRD exists), podMonitor (always; Degraded without the CRD), or none. The"
          + " prometheus.io/* annotations stay either way. Default auto.")
  private Monitor monitor;

  @Pattern("^[0-9]+(ms|s|m|h)$")
  @Default(DEFAULT_INTERVAL)
  @JsonPropertyDescription("Scrape interval written into the PodMonitor. Default 30s.")
  private String interval;

  @JsonPropertyDescription(
      "Extra labels on the PodMonitor, e.g. the one your Prometheus' podMonitorSelector matches.")
  private Map<String, String> monitorLabels;

  /** How Prometheus Operator users discover the pods. */
  public enum Monitor {
    auto,
    podMonitor,
    none
  }

  public Monitor getMonitor() {
    return monitor;
  }

  public void setMonitor(Monitor monitor) {
    this.monitor = monitor;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public Map<String, String> getMonitorLabels() {
    return monitorLabels;
  }

  public void setMonitorLabels(Map<String, String> monitorLabels) {
    this.monitorLabels = monitorLabels;
  }

  /** Scrape schemes. */
  public enum Scheme {
    http
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Scheme getScheme() {
    return scheme;
  }

  public void setScheme(Scheme scheme) {
    this.scheme = scheme;
  }
}
