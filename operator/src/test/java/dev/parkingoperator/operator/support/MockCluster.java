package dev.parkingoperator.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
 * applied from the file the build generates and commits. It does not emulate server-side apply,
 * defaulting, admission or garbage collection (see README); tests account for each.
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
  private final CountingCrudDispatcher dispatcher;
  private final KubernetesClient client;

  private MockCluster(KubernetesMockServer server, CountingCrudDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = server.createClient();
  }

  public static MockCluster start() {
    CountingCrudDispatcher dispatcher = new CountingCrudDispatcher();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MockCluster cluster = new MockCluster(server, dispatcher);
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

  public CountingCrudDispatcher dispatcher() {
    return dispatcher;
  }

  /** The user agent of clients given to the operator, so its requests can be told apart. */
  public static final String OPERATOR_USER_AGENT = "parking-operator-under-test";

  /** A client of its own for an operator, as a second process would have. */
  public KubernetesClient newClient() {
    return operatorClient(Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT);
  }

  private KubernetesClient operatorClient(int retries) {
    return operatorClient(retries, Config.DEFAULT_REQUEST_RETRY_BACKOFFINTERVAL);
  }

  private KubernetesClient operatorClient(int retries, int firstRetryAfterMillis) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(client.getConfiguration())
                .withUserAgent(OPERATOR_USER_AGENT)
                .withRequestRetryBackoffLimit(retries)
                .withRequestRetryBackoffInterval(firstRetryAfterMillis)
                .build())
        .build();
  }

  /**
   * An operator client with fabric8's default number of retries, starting 5 ms apart instead of 100
   * ms: a test can exhaust them in about a second instead of ~19 s.
   */
  public KubernetesClient newOperatorClientWithQuickRetries() {
    return operatorClient(Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT, 5);
  }

  /** An operator client that does not retry failed requests itself, so the SDK's retry shows. */
  public KubernetesClient newClientWithoutRetries() {
    return operatorClient(0);
  }

  /** An operator client with fabric8's default retries, as in production. */
  public KubernetesClient newOperatorClient() {
    return operatorClient(Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
