package dev.parkingoperator.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.rbac.Permission;
import dev.parkingoperator.operator.rbac.RequiredPermissions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChartTest {

  private static final String SAMPLE_VALUES =
      """
      replicaCount: 2
      leaderElection:
        enabled: true
        leaseSeconds: 20
      watchNamespaces: [team-a, team-b]
      logLevel: debug
      image:
        repository: registry.example.com/parking-operator
        tag: "0.1.0"
      imagePullSecrets: [{name: regcred}]
      podAnnotations: {team: parking}
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{key: dedicated, operator: Equal, value: operators, effect: NoSchedule}]
      """;

  @Test
  void lintsClean() {
    var result = new Helm(Chart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void everyRenderedDocumentIsATypedKubernetesObject() {
    for (String values : List.of("", SAMPLE_VALUES)) {
      List<HasMetadata> objects = Chart.render(values);
      assertThat(objects).isNotEmpty().noneMatch(GenericKubernetesResource.class::isInstance);
      assertThat(Chart.ofKind(objects, Deployment.class)).hasSize(1);
      assertThat(Chart.ofKind(objects, ServiceAccount.class)).hasSize(1);
    }
  }

  @Test
  void theOperatorPodIsScrapedLikeTheAppsItManages() {
    Deployment deployment = Chart.ofKind(Chart.render(""), Deployment.class).get(0);
    var pod = deployment.getSpec().getTemplate();
    Container container = pod.getSpec().getContainers().get(0);

    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8081")
        .containsEntry("prometheus.io/path", "/metrics");
    assertThat(container.getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("metrics=8081");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(container.getImage())
        .isEqualTo("registry.example.com/parking-operator:" + appVersion());
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
  }

  @Test
  void sampleValuesReachTheDeployment() {
    Deployment deployment = Chart.ofKind(Chart.render(SAMPLE_VALUES), Deployment.class).get(0);
    Map<String, String> env = env(deployment);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(env)
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("LEADER_ELECTION_ENABLED", "true")
        .containsEntry("LEADER_ELECTION_LEASE_SECONDS", "20")
        .containsEntry("LOG_LEVEL", "debug");
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .extracting(s -> s.getName())
        .containsExactly("regcred");
    assertThat(deployment.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("kubernetes.io/os", "linux");
    assertThat(deployment.getSpec().getTemplate().getSpec().getTolerations()).hasSize(1);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("team", "parking");
  }

  @Test
  void grantsExactlyWhatTheOperatorUsesClusterWide() {
    List<HasMetadata> objects = Chart.render("");

    assertThat(clusterRules(objects, "")).isEqualTo(rules(RequiredPermissions.watched()));
    assertThat(clusterRules(objects, "-discovery"))
        .isEqualTo(rules(RequiredPermissions.clusterScoped()));
    assertThat(Chart.ofKind(objects, ClusterRoleBinding.class))
        .hasSize(2)
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects().get(0).getName())
                    .isEqualTo(serviceAccountName(objects)));
    assertThat(Chart.ofKind(objects, Role.class))
        .as("no lease Role without leader election")
        .isEmpty();
  }

  @Test
  void grantsPerNamespaceWhenAListIsGivenAndLeasesForLeaderElection() {
    List<HasMetadata> objects = Chart.render(SAMPLE_VALUES);
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of("LEADER_ELECTION_ENABLED", "true", "POD_NAMESPACE", Chart.NAMESPACE));

    assertThat(Chart.ofKind(objects, ClusterRole.class))
        .as("only the cluster-scoped discovery rule")
        .singleElement()
        .satisfies(
            role ->
                assertThat(rules(role.getRules()))
                    .isEqualTo(rules(RequiredPermissions.clusterScoped())));
    List<Role> roles = Chart.ofKind(objects, Role.class);
    Map<String, List<Role>> byNamespace =
        roles.stream().collect(Collectors.groupingBy(r -> r.getMetadata().getNamespace()));
    assertThat(byNamespace.keySet()).containsExactlyInAnyOrder("team-a", "team-b", Chart.NAMESPACE);
    for (String namespace : List.of("team-a", "team-b")) {
      assertThat(rules(byNamespace.get(namespace).get(0).getRules()))
          .isEqualTo(rules(RequiredPermissions.watched()));
    }
    assertThat(rules(byNamespace.get(Chart.NAMESPACE).get(0).getRules()))
        .isEqualTo(rules(RequiredPermissions.leaderElection(config)));
    assertThat(Chart.ofKind(objects, RoleBinding.class))
        .hasSize(3)
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo(Chart.NAMESPACE));
  }

  @Test
  void refusesValuesTheSchemaForbids() {
    assertThatThrownBy(() -> Chart.template("replicaCount: two"))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> Chart.template("metrics: {port: 70000}")).hasMessageContaining("port");
    assertThatThrownBy(() -> Chart.template("logLevel: loud")).hasMessageContaining("logLevel");
    assertThatThrownBy(() -> Chart.template("watchNamespaces: [Team_A]"))
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> Chart.template("colour: red")).hasMessageContaining("colour");
  }

  @Test
  void refusesSeveralReplicasWithoutLeaderElection() {
    assertThatThrownBy(() -> Chart.template("replicaCount: 2"))
        .hasMessageContaining("leaderElection.enabled");
  }

  @Test
  void carriesTheGeneratedCrdUnchanged() throws Exception {
    String name = "parkingapps.parkingoperator.dev-v1.yml";
    assertThat(Files.readString(Chart.DIR.resolve("crds").resolve(name)))
        .as(
            "helm/parking-operator/crds/%s must equal crds/%s: run ./mvnw -B -pl crds package"
                + " -DskipTests",
            name, name)
        .isEqualTo(Files.readString(Path.of("..", "crds", name)));
  }

  @Test
  void theAppVersionIsTheProjectVersion() {
    assertThat(appVersion())
        .isEqualTo(System.getProperty("project.version").replace("-SNAPSHOT", ""));
  }

  private static String appVersion() {
    try {
      return Files.readAllLines(Chart.DIR.resolve("Chart.yaml")).stream()
          .filter(line -> line.startsWith("appVersion:"))
          .map(line -> line.substring("appVersion:".length()).strip().replace("\"", ""))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> clusterRules(List<HasMetadata> objects, String suffix) {
    return Chart.ofKind(objects, ClusterRole.class).stream()
        .filter(
            role ->
                role.getMetadata().getName().equals(Chart.RELEASE + "-parking-operator" + suffix))
        .findFirst()
        .map(role -> rules(role.getRules()))
        .orElseThrow();
  }

  private static String serviceAccountName(List<HasMetadata> objects) {
    return Chart.ofKind(objects, ServiceAccount.class).get(0).getMetadata().getName();
  }

  private static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
  }

  /** Rules as comparable text: "group resource verbs", sorted. */
  private static List<String> rules(List<?> rules) {
    return rules.stream()
        .flatMap(
            rule -> {
              if (rule instanceof Permission p) {
                return Stream.of(p.apiGroup() + " " + p.resource() + " " + p.verbs());
              }
              PolicyRule r = (PolicyRule) rule;
              return r.getApiGroups().stream()
                  .flatMap(
                      g ->
                          r.getResources().stream()
                              .map(
                                  res ->
                                      g
                                          + " "
                                          + res
                                          + " "
                                          + r.getVerbs().stream().sorted().toList()));
            })
        .sorted()
        .toList();
  }

  @Test
  void rendersTheProductionExampleValues() throws Exception {
    String values = Files.readString(Path.of("..", "examples", "helm-values-production.yaml"));

    Deployment deployment = Chart.ofKind(Chart.render(values), Deployment.class).get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(env(deployment))
        .containsEntry("LEADER_ELECTION_ENABLED", "true")
        .containsEntry("WATCH_NAMESPACES", "parking,parking-staging");
  }

  @Test
  void shipsTheDashboardsForGrafanasSidecar() throws Exception {
    List<ConfigMap> maps = Chart.ofKind(Chart.render(""), ConfigMap.class);

    assertThat(maps)
        .hasSize(2)
        .allSatisfy(
            map ->
                assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1"));
    for (String name : List.of("parking-service.json", "parking-operator.json")) {
      String shipped =
          maps.stream()
              .filter(m -> m.getData().containsKey(name))
              .findFirst()
              .orElseThrow()
              .getData()
              .get(name);
      assertThat(shipped.strip())
          .isEqualTo(Files.readString(Chart.DIR.resolve("dashboards").resolve(name)).strip());
    }
    assertThat(Chart.ofKind(Chart.render("dashboards: {enabled: false}"), ConfigMap.class))
        .isEmpty();
  }

  @Test
  void installsTheAlertRulesOnlyWhenAsked() throws Exception {
    assertThat(Chart.template(""))
        .as("auto: no Prometheus Operator CRD here")
        .doesNotContain("kind: PrometheusRule");

    String rendered =
        Chart.template("prometheusRule: {enabled: true, labels: {release: kube-prometheus-stack}}");

    assertThat(rendered)
        .contains("kind: PrometheusRule")
        .contains("release: kube-prometheus-stack")
        .contains("alert: ParkingServiceTargetDown")
        .contains("{{ $labels.namespace }}");
    assertThat(Files.readString(Chart.DIR.resolve("rules").resolve("parking.rules.yaml")))
        .as("examples/prometheus-rules.yaml is the same file")
        .isEqualTo(Files.readString(Path.of("..", "examples", "prometheus-rules.yaml")));
  }
}
