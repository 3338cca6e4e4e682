package dev.parkingoperator.operator;

import dev.parkingoperator.config.Launcher;
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

/** Starts the operator from environment variables and the in-cluster (or kubeconfig) client. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("render")) {
      System.exit(render(args));
      return;
    }
    Launcher.run(
        "parking-operator",
        () -> OperatorConfig.fromEnvironment(System.getenv()),
        OperatorConfig::logLevel,
        Main::start);
  }

  /** The operator and its client, closed together on SIGTERM. */
  private static AutoCloseable start(OperatorConfig config) {
    KubernetesClient client = client();
    try {
      ParkingOperator operator = ParkingOperator.start(config, client);
      return () -> {
        operator.close();
        client.close();
      };
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** A user agent of our own makes the operator's calls easy to find in API server audit logs. */
  private static KubernetesClient client() {
    String version = BuildInfo.fromClasspath(ParkingOperator.BUILD_INFO_RESOURCE).version();
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.autoConfigure(null))
                .withUserAgent("parking-operator/" + version)
                .build())
        .build();
  }

  /** {@code render FILE}: print the manifests the operator would apply; no cluster needed. */
  private static int render(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -jar parking-operator.jar render PARKINGAPP.yaml");
      return Launcher.EXIT_INVALID_CONFIGURATION;
    }
    Launcher.configureLogging("warn");
    return new Render(Optional.ofNullable(System.getenv("POD_NAMESPACE")))
        .run(Path.of(args[1]), System.out, System.err);
  }
}
