package dev.parkingoperator.config;

import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How both programs run as a process: configuration read first (a bad value stops the start with
 * one line and exit code 2), the log level set before the first logger exists, a failed start
 * logged on one line with exit code 1, and SIGTERM or SIGINT stopping the program cleanly with exit
 * code 0.
 */
public final class Launcher {

  public static final int EXIT_STOPPED = 0;
  public static final int EXIT_START_FAILED = 1;
  public static final int EXIT_INVALID_CONFIGURATION = 2;

  /** Starts the configured program; what it returns is closed on SIGTERM or SIGINT. */
  @FunctionalInterface
  public interface Program<C> {
    AutoCloseable start(C config);
  }

  private Launcher() {}

  /** Runs {@code program} until a stop signal, then exits the JVM; never returns. */
  public static <C> void run(
      String name, Supplier<C> configuration, Function<C, String> logLevel, Program<C> program)
      throws Exception {
    C config;
    try {
      config = configuration.get();
    } catch (ConfigException e) {
      System.err.println(name + ": invalid configuration: " + e.getMessage());
      System.exit(EXIT_INVALID_CONFIGURATION);
      return;
    }
    configureLogging(logLevel.apply(config));
    AutoCloseable running;
    try {
      running = program.start(config);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Launcher.class).error("cannot start: {}", rootMessage(e));
      System.exit(EXIT_START_FAILED);
      return;
    }
    awaitStopSignal();
    running.close();
    System.exit(EXIT_STOPPED);
  }

  /** Set before the first logger exists; simplelogger reads these once. */
  public static void configureLogging(String level) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }

  /** Blocks until SIGTERM or SIGINT; handling them ourselves lets the process exit 0. */
  private static void awaitStopSignal() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    stop.await();
  }

  /** One line: the failure, and its root cause when there is a deeper one. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
