package dev.parkingoperator.parking;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.runtime.ParkingApplication;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the parking service from environment variables and stops it cleanly on SIGTERM. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceConfig config;
    try {
      config = ServiceConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("parking-service: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    configureLogging(config.logLevel());

    ParkingApplication app;
    try {
      app = ParkingApplication.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("cannot start: {}", rootMessage(e));
      System.exit(1);
      return;
    }
    awaitStopSignal();
    app.close();
    System.exit(0);
  }

  /** Set before the first logger exists; simplelogger reads these once. */
  static void configureLogging(String level) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }

  /**
   * Blocks until SIGTERM or SIGINT; handling them ourselves lets the process exit 0 after draining.
   */
  private static void awaitStopSignal() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    stop.await();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
