package dev.parkingoperator.parking.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests run for real (promtool, prometheus). Missing on a developer machine,
 * those tests are skipped with the package to install; under CI ({@code CI=true}) they fail.
 */
public final class RequiredTools {

  private RequiredTools() {}

  public static Path require(String command, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = command + " is not on PATH; install it with: apt-get install " + debianPackage;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI requires " + command + ": " + message);
    }
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }
}
