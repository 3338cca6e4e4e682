package dev.parkingoperator.operator;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.render.Render;
import dev.parkingoperator.telemetry.BuildInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the operator from environment variables and the in-cluster (or kubeconfig) client. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("render")) {
      System.exit(render(args));
      return;
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("parking-operator: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.logLevel());
    // A user agent of our own makes the operator's calls easy to find in API server audit logs.
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.autoConfigure(null))
                    .withUserAgent(
                        "parking-operator/"
                            + BuildInfo.fromClasspath(ParkingOperator.BUILD_INFO_RESOURCE)
                                .version())
                    .build())
            .build();
    ParkingOperator operator;
    try {
      operator = ParkingOperator.start(config, client);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("cannot start: {}", e.getMessage());
      client.close();
      System.exit(1);
      return;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    stop.await();
    operator.close();
    client.close();
    System.exit(0);
  }

  /** {@code render FILE}: print the manifests the operator would apply; no cluster needed. */
  private static int render(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -jar parking-operator.jar render PARKINGAPP.yaml");
      return 2;
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    return new Render(Optional.ofNullable(System.getenv("POD_NAMESPACE")))
        .run(Path.of(args[1]), System.out, System.err);
  }
}
