package dev.parkingoperator.operator.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.chart.Chart;
import dev.parkingoperator.operator.model.Names;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.controlplane.AuditLog;
import dev.parkingoperator.operator.support.controlplane.ChartRbac;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test: the operator jar as its own process (configured by environment, as in
 * its image, authenticated as the chart's ServiceAccount) against the real control plane of the
 * test suite (ControlPlane: kube-apiserver, kube-controller-manager and etcd, started here).
 * Measures start to ready, ParkingApp creation to Deployment present (median of several), all
 * Deployments for N apps, writes while idle, and the operator's RSS. Run by
 * bench/operator-scale.sh.
 *
 * <p>Arguments: operator jar, number of apps, idle seconds.
 */
public final class OperatorScaleBench {

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int apps = Integer.parseInt(args[1]);
    int idleSeconds = Integer.parseInt(args[2]);
    int unrelated = Integer.parseInt(System.getenv().getOrDefault("UNRELATED_DEPLOYMENTS", "0"));
    ControlPlane plane = ControlPlane.shared();
    String serviceAccount = ChartRbac.install(plane, "");
    String operatorUser = AuditLog.serviceAccountUser(Chart.NAMESPACE, serviceAccount);
    Instant benchStart = Instant.now();
    try (KubernetesClient client = plane.adminClient()) {
      for (String namespace : namespaces()) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .createOr(existing -> existing.update());
      }
      if (unrelated > 0) {
        long start = System.nanoTime();
        createUnrelatedDeployments(client, unrelated);
        System.out.printf(
            "%d unrelated Deployments (not managed by the operator) created in %d ms%n",
            unrelated, (System.nanoTime() - start) / 1_000_000);
      }
      int metricsPort = freePort();
      Path log = Files.createTempFile("operator-", ".log");
      long t0 = System.nanoTime();
      Process operator =
          startOperator(
              jar, plane.url(), plane.token(Chart.NAMESPACE, serviceAccount), metricsPort, log);
      try {
        awaitReady(metricsPort, operator, log);
        System.out.printf(
            "operator start to ready: %d ms (log %s)%n", (System.nanoTime() - t0) / 1_000_000, log);

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          long start = System.nanoTime();
          client.resource(Apps.app("latency", "app-" + i)).create();
          while (client.apps().deployments().inNamespace("latency").withName("app-" + i).get()
              == null) {
            Thread.sleep(2);
          }
          latencies.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf(
            "create to Deployment present, 7 apps one by one: %s ms; median %d ms%n",
            latencies, median(latencies));

        long operatorCpuBefore = cpuMillis(operator);
        long harnessCpuBefore = processCpuNanos();
        long start = System.nanoTime();
        // An admin's kubectl apply of many files: 8 clients at once, like parallel applies.
        ExecutorService creators = Executors.newFixedThreadPool(8);
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
          ParkingApp app = Apps.app("team-" + (i % 10), "app-" + i);
          creates.add(creators.submit(() -> client.resource(app).create()));
        }
        for (Future<?> create : creates) {
          create.get();
        }
        creators.shutdown();
        long created = System.nanoTime();
        awaitDeployments(plane, operatorUser, benchStart, client, apps);
        System.out.printf(
            "%d apps in 10 namespaces: created in %d ms; every Deployment present %d ms after the"
                + " first create%n",
            apps, (created - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        System.out.printf(
            "CPU from the first create to the last Deployment: operator %d ms, this process"
                + " (clients) %d ms%n",
            cpuMillis(operator) - operatorCpuBefore,
            (processCpuNanos() - harnessCpuBefore) / 1_000_000);

        // Settled: the controllers have made every ReplicaSet and Pod (the controller manager
        // writes at 20 requests/s by default, so this trails the operator) and the operator has
        // written the statuses that follow from them (no write of its own for 5 s).
        long settleStart = System.nanoTime();
        while (!everyDeploymentHasItsPods(client)) {
          Thread.sleep(1000);
        }
        while (!AuditLog.writesBy(plane.auditLog(), operatorUser, Instant.now().minusSeconds(5))
            .isEmpty()) {
          Thread.sleep(1000);
        }
        System.out.printf(
            "settled %d ms after the last Deployment; per app: %.1f reconciliations; writes %s%n",
            (System.nanoTime() - settleStart) / 1_000_000,
            reconciliations(metricsPort) / apps,
            writesPerApp(AuditLog.writesBy(plane.auditLog(), operatorUser, benchStart), apps));
        Instant idleFrom = Instant.now();
        Thread.sleep(idleSeconds * 1000L);
        List<AuditLog.Write> idleWrites =
            AuditLog.writesBy(plane.auditLog(), operatorUser, idleFrom);
        System.out.printf(
            "writes during %d s idle: %d %s%n",
            idleSeconds, idleWrites.size(), writesPerApp(idleWrites, 1));
        System.out.printf("operator RSS: %s%n", rss(operator.pid()));
        System.out.printf("operator heap after full GC: %s%n", heapAfterGc(operator.pid()));
      } finally {
        operator.destroy();
        operator.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Waits for the Deployments the operator created (its applies answered 201, in the API server's
   * audit log), then confirms with one list per namespace. Listing every Deployment every few
   * hundred milliseconds instead made this process compete with the operator for the two cores.
   */
  static void awaitDeployments(
      ControlPlane plane, String operatorUser, Instant since, KubernetesClient client, int apps)
      throws InterruptedException {
    while (true) {
      while (deploymentCreates(plane, operatorUser, since) < apps) {
        Thread.sleep(500);
      }
      if (listedDeployments(client) >= apps) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static long deploymentCreates(ControlPlane plane, String operatorUser, Instant since) {
    return AuditLog.writesBy(plane.auditLog(), operatorUser, since).stream()
        .filter(
            write ->
                write.resource().equals("deployments")
                    && write.code() == 201
                    && write.namespace().startsWith("team-"))
        .count();
  }

  private static List<String> namespaces() {
    List<String> namespaces = new ArrayList<>(List.of("latency"));
    for (int n = 0; n < 10; n++) {
      namespaces.add("team-" + n);
      namespaces.add("other-" + n);
    }
    return namespaces;
  }

  private static boolean everyDeploymentHasItsPods(KubernetesClient client) {
    return managedDeployments(client).stream()
        .allMatch(
            deployment ->
                deployment.getStatus() != null
                    && deployment
                        .getSpec()
                        .getReplicas()
                        .equals(deployment.getStatus().getReplicas())
                    && deployment
                        .getMetadata()
                        .getGeneration()
                        .equals(deployment.getStatus().getObservedGeneration()));
  }

  private static int listedDeployments(KubernetesClient client) {
    return managedDeployments(client).size();
  }

  /** The Deployments the operator made in the apps' namespaces, one list per namespace. */
  private static List<Deployment> managedDeployments(KubernetesClient client) {
    List<Deployment> deployments = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      deployments.addAll(
          client
              .apps()
              .deployments()
              .inNamespace("team-" + n)
              .withLabel(Names.MANAGED_BY_LABEL, Names.MANAGED_BY)
              .list()
              .getItems());
    }
    return deployments;
  }

  /** The operator's started reconciliations, all controllers, from its own /metrics. */
  static double reconciliations(int metricsPort) throws Exception {
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
    String metrics =
        HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString()).body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("operator_sdk_reconciliations_started_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Write requests the operator made, by verb and resource, per app. */
  static Map<String, String> writesPerApp(List<AuditLog.Write> writes, int apps) {
    Map<String, Long> counts = new TreeMap<>();
    for (AuditLog.Write write : writes) {
      counts.merge(write.verb() + " " + write.resource(), 1L, Long::sum);
    }
    Map<String, String> perApp = new TreeMap<>();
    counts.forEach((key, count) -> perApp.put(key, String.format("%.2f", (double) count / apps)));
    return perApp;
  }

  static long cpuMillis(Process process) {
    return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }

  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Other teams' Deployments, in namespaces of their own and beside the apps: the informers must
   * skip them.
   */
  static void createUnrelatedDeployments(KubernetesClient client, int count) throws Exception {
    ExecutorService creators = Executors.newFixedThreadPool(8);
    List<Future<?>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String namespace = (i % 2 == 0 ? "other-" : "team-") + (i % 10);
      Deployment deployment =
          new DeploymentBuilder()
              .withNewMetadata()
              .withNamespace(namespace)
              .withName("other-" + i)
              .addToLabels("app.kubernetes.io/name", "other")
              .addToLabels("app.kubernetes.io/managed-by", "helm")
              .endMetadata()
              .withNewSpec()
              .withReplicas(2)
              .withNewSelector()
              .addToMatchLabels("app", "other-" + i)
              .endSelector()
              .withNewTemplate()
              .withNewMetadata()
              .addToLabels("app", "other-" + i)
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("web")
              .withImage("registry.example.com/other:1.0")
              .addNewEnv()
              .withName("MODE")
              .withValue("production")
              .endEnv()
              .addNewPort()
              .withName("http")
              .withContainerPort(8080)
              .endPort()
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build();
      creates.add(creators.submit(() -> client.resource(deployment).create()));
    }
    for (Future<?> create : creates) {
      create.get();
    }
    creators.shutdown();
  }

  static Process startOperator(Path jar, String masterUrl, String token, int metricsPort, Path log)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The operator image's JVM settings (operator/pom.xml), in a container limited to
                // 384 MiB.
                "-XX:MaxRAM=384m",
                "-XX:MaxRAMPercentage=75",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=96m",
                "-XX:CICompilerCount=1"));
    String extra = System.getenv().getOrDefault("OPERATOR_JAVA_OPTS", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    System.out.println("operator JVM: " + String.join(" ", command.subList(1, command.size() - 2)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBERNETES_MASTER", masterUrl);
    builder.environment().put("KUBERNETES_AUTH_TOKEN", token);
    builder.environment().put("KUBERNETES_TRUST_CERTIFICATES", "true");
    builder.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    builder.environment().put("KUBERNETES_NAMESPACE", "default");
    builder.environment().put("METRICS_PORT", Integer.toString(metricsPort));
    builder.environment().put("METRICS_BIND", "127.0.0.1");
    builder.environment().put("LOG_LEVEL", "warn");
    String threads = System.getenv("RECONCILE_THREADS");
    if (threads != null) {
      builder.environment().put("RECONCILE_THREADS", threads);
      System.out.println("operator RECONCILE_THREADS=" + threads);
    }
    return builder.start();
  }

  static void awaitReady(int port, Process operator, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    for (int i = 0; i < 6000; i++) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("operator exited: " + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("operator not ready; see " + log);
  }

  static String rss(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("VmRSS"))
        .findFirst()
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB")
        .orElse("?");
  }

  static String heapAfterGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
        .redirectErrorStream(true)
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    Process info =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String out = new String(info.getInputStream().readAllBytes());
    info.waitFor(30, TimeUnit.SECONDS);
    // Sum "used" over the generations (serial: def new + tenured; G1: one heap line).
    Matcher used = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K").matcher(out);
    long kib = 0;
    while (used.find()) {
      kib += Long.parseLong(used.group(1));
    }
    return kib / 1024 + " MiB";
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
