package dev.parkingoperator.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1 and a free port, with the ParkingApp CRD
 * applied from the file the build generates. It does no server-side apply, defaulting, admission or
 * garbage collection, so the operator itself runs on the real control plane (see
 * controlplane/ControlPlane); this serves unit-level tests of single calls.
 */
public final class MockCluster implements AutoCloseable {

  /**
   * The generated CRD inside the crds jar (CrdUpToDateTest keeps the committed copy equal to it).
   */
  public static final String CRD_RESOURCE =
      "/META-INF/fabric8/parkingapps.parkingoperator.dev-v1.yml";

  /**
   * The mock server logs every request at INFO through java.util.logging; kept as a field so the
   * level sticks.
   */
  private static final Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  public static MockCluster start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MockCluster cluster = new MockCluster(server);
    cluster.applyCrd();
    return cluster;
  }

  private void applyCrd() {
    try (InputStream in = MockCluster.class.getResourceAsStream(CRD_RESOURCE)) {
      CustomResourceDefinition crd =
          client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
