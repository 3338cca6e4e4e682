package dev.parkingoperator.operator.support.controlplane;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane on 127.0.0.1, from binaries built by {@code testenv/build.sh}:
 * etcd, kube-apiserver (RBAC, the admission plugins a hardened cluster enables, an audit log of
 * every write) and kube-controller-manager (garbage collector, Deployment, ReplicaSet, namespace
 * and service-account controllers). There is no kubelet or scheduler: Pods stay unbound unless a
 * test plays the kubelet. One control plane serves a whole test JVM and stops when it exits.
 */
public final class ControlPlane implements AutoCloseable {

  /** Who the tests act as: cluster admin, authenticated by a static token. */
  private static final String ADMIN = "admin";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String CRD_RESOURCE =
      "/META-INF/fabric8/parkingapps.parkingoperator.dev-v1.yml";
  private static ControlPlane shared;

  private final Path work;
  private final int apiPort;
  private final String adminToken;
  private final List<Process> processes = new ArrayList<>();

  private ControlPlane(Path work, int apiPort, String adminToken) {
    this.work = work;
    this.apiPort = apiPort;
    this.adminToken = adminToken;
  }

  /** The control plane of this JVM, started on first use. */
  public static synchronized ControlPlane shared() {
    if (shared == null) {
      shared = start(TestenvBinaries.locate());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "control-plane-stop"));
    }
    return shared;
  }

  static ControlPlane start(Path binaries) {
    try {
      Path work = Files.createTempDirectory("control-plane-");
      ControlPlane plane =
          new ControlPlane(work, freePort(), UUID.randomUUID().toString().replace("-", ""));
      try {
        plane.startAll(binaries);
      } catch (RuntimeException | IOException e) {
        plane.close();
        throw e;
      }
      return plane;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startAll(Path binaries) throws IOException {
    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    String kcmToken = UUID.randomUUID().toString().replace("-", "");
    Path tokens =
        write(
            "tokens.csv",
            adminToken
                + ","
                + ADMIN
                + ",admin,\"system:masters\"\n"
                // One identity for every controller (no per-controller service accounts here).
                + kcmToken
                + ",system:kube-controller-manager,kcm,\"system:masters\"\n");
    Path serviceAccountKey = write("sa.key", rsaPrivateKeyPem());
    Path auditPolicy = write("audit-policy.yaml", AUDIT_POLICY);
    Path admission = write("admission.yaml", ADMISSION_CONFIGURATION);

    launch(
        "etcd",
        binaries.resolve("etcd").toString(),
        "--data-dir=" + work.resolve("etcd"),
        "--listen-client-urls=http://127.0.0.1:" + etcdPort,
        "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
        "--listen-peer-urls=http://127.0.0.1:" + etcdPeerPort,
        "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeerPort,
        "--initial-cluster=default=http://127.0.0.1:" + etcdPeerPort,
        "--unsafe-no-fsync=true",
        "--log-level=warn");
    awaitHttp("http://127.0.0.1:" + etcdPort + "/health", null);

    launch(
        "kube-apiserver",
        binaries.resolve("kube-apiserver").toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        // The kubernetes Service cannot point at loopback; nothing in the tests needs it.
        "--endpoint-reconciler-type=none",
        "--secure-port=" + apiPort,
        "--cert-dir=" + work.resolve("certs"),
        "--token-auth-file=" + tokens,
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + serviceAccountKey,
        "--service-account-signing-key-file=" + serviceAccountKey,
        "--service-cluster-ip-range=10.96.0.0/16",
        "--enable-admission-plugins=OwnerReferencesPermissionEnforcement,PodSecurity,"
            + "NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,"
            + "ResourceQuota,NodeRestriction",
        "--admission-control-config-file=" + admission,
        "--audit-policy-file=" + auditPolicy,
        "--audit-log-path=" + auditLog(),
        "--audit-log-format=json",
        "--audit-log-mode=blocking",
        "--v=0");
    awaitHttp(url() + "/readyz", adminToken);
    // Before the controllers start: the garbage collector watches only the kinds it discovered,
    // and looks for new ones only every 30 s.
    installCrd();

    Path kubeconfig = write("kcm.kubeconfig", kubeconfig(kcmToken));
    launch(
        "kube-controller-manager",
        binaries.resolve("kube-controller-manager").toString(),
        "--kubeconfig=" + kubeconfig,
        "--controllers=garbage-collector-controller,deployment-controller,"
            + "replicaset-controller,namespace-controller,serviceaccount-controller",
        "--leader-elect=false",
        "--secure-port=0",
        "--use-service-account-credentials=false",
        "--concurrent-deployment-syncs=10",
        "--v=0");
    awaitDefaultServiceAccount();
  }

  /** The API server's address. */
  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** One JSON audit event per line, for every write anyone makes (see {@link AuditLog}). */
  public Path auditLog() {
    return work.resolve("audit.log");
  }

  /**
   * The ParkingApp CRD as the build generated it, applied once and waited for until the API server
   * serves it.
   */
  public synchronized void installCrd() {
    try (KubernetesClient admin = adminClient();
        InputStream in = ControlPlane.class.getResourceAsStream(CRD_RESOURCE)) {
      CustomResourceDefinition crd =
          admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      admin.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              k ->
                                  "Established".equals(k.getType())
                                      && "True".equals(k.getStatus())),
              30,
              TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new namespace whose name starts with {@code prefix}, so tests sharing the control plane never
   * see each other's objects; {@code labels} as an admin would set them (Pod Security, say).
   */
  public String newNamespace(String prefix, Map<String, String> labels) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    try (KubernetesClient admin = adminClient()) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .create();
    }
    return name;
  }

  /** A client with cluster-admin rights, for what the tests arrange and observe. */
  public KubernetesClient adminClient() {
    return client(adminToken);
  }

  /**
   * A client that authenticates as a ServiceAccount, with a token from the TokenRequest API: what a
   * pod of that account would hold, so the real authorizer decides what it may do.
   */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    return client(token(namespace, serviceAccount));
  }

  /** A bearer token of {@code namespace/serviceAccount}, valid for an hour. */
  public String token(String namespace, String serviceAccount) {
    try (KubernetesClient admin = adminClient()) {
      TokenRequest request =
          new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build();
      return admin
          .serviceAccounts()
          .inNamespace(namespace)
          .withName(serviceAccount)
          .tokenRequest(request)
          .getStatus()
          .getToken();
    }
  }

  /** The client settings for {@code token}; the API server's certificate is self-signed. */
  public Config config(String token) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withOauthToken(token)
        .withTrustCerts(true)
        .withRequestTimeout(10_000)
        .build();
  }

  private KubernetesClient client(String token) {
    return new KubernetesClientBuilder().withConfig(config(token)).build();
  }

  @Override
  public synchronized void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  private void launch(String name, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    processes.add(process);
  }

  private void awaitHttp(String url, String token) {
    HttpClient http = InsecureHttp.client();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      assertStillRunning();
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
        if (token != null) {
          request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pause();
    }
    throw new IllegalStateException(url + " did not answer 200 in " + START_TIMEOUT + ": " + last);
  }

  /** The service-account controller has made "default" in kube-system: the controllers run. */
  private void awaitDefaultServiceAccount() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (KubernetesClient admin = adminClient()) {
      while (Instant.now().isBefore(deadline)) {
        assertStillRunning();
        if (admin.serviceAccounts().inNamespace("default").withName("default").get() != null) {
          return;
        }
        pause();
      }
    }
    throw new IllegalStateException(
        "kube-controller-manager made no default ServiceAccount in " + START_TIMEOUT);
  }

  private void assertStillRunning() {
    for (Process process : processes) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "a control-plane process exited with " + process.exitValue() + "; logs in " + work);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(work.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String kubeconfig(String token) {
    return """
    apiVersion: v1
    kind: Config
    clusters:
    - name: test
      cluster: {server: "%s", insecure-skip-tls-verify: true}
    users:
    - name: kcm
      user: {token: "%s"}
    contexts:
    - name: test
      context: {cluster: test, user: kcm}
    current-context: test
    """
        .formatted(url(), token);
  }

  private static String rsaPrivateKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Every request of a ServiceAccount (the operator's) and every write, at metadata level. */
  private static final String AUDIT_POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
      - level: Metadata
        userGroups: ["system:serviceaccounts"]
      - level: Metadata
        verbs: ["create", "update", "patch", "delete", "deletecollection"]
      - level: None
      """;

  /**
   * Pod Security admission: nothing enforced by default, so each test namespace chooses with the
   * pod-security.kubernetes.io/enforce label, as an admin does.
   */
  private static final String ADMISSION_CONFIGURATION =
      """
      apiVersion: apiserver.config.k8s.io/v1
      kind: AdmissionConfiguration
      plugins:
      - name: PodSecurity
        configuration:
          apiVersion: pod-security.admission.config.k8s.io/v1
          kind: PodSecurityConfiguration
          defaults:
            enforce: privileged
            enforce-version: latest
          exemptions: {}
      """;
}
