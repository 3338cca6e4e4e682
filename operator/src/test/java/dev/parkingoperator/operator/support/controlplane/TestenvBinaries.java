package dev.parkingoperator.operator.support.controlplane;

import static org.junit.jupiter.api.Assertions.fail;

import dev.parkingoperator.operator.support.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the control plane's binaries are: {@code TESTENV_BIN} if set, else what {@code
 * testenv/build.sh} prints (it builds them from Go modules once and then reuses them; {@code
 * .ci/run} builds them before the tests). Without Go the tests that need them are skipped on a
 * developer machine and fail under CI ({@code CI=true}).
 */
final class TestenvBinaries {

  private static final long BUILD_MINUTES = 40;

  private TestenvBinaries() {}

  static Path locate() {
    String given = System.getenv("TESTENV_BIN");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Path script = RepositoryFiles.resolve("testenv/build.sh");
    try {
      Process build =
          new ProcessBuilder("bash", script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES) || build.exitValue() != 0) {
        return unavailable("testenv/build.sh failed (exit " + exitOf(build) + ")");
      }
      return Path.of(out.strip().lines().reduce((first, second) -> second).orElseThrow());
    } catch (IOException e) {
      return unavailable("cannot run testenv/build.sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the control plane", e);
    }
  }

  private static String exitOf(Process process) {
    return process.isAlive() ? "none, timed out" : Integer.toString(process.exitValue());
  }

  private static Path unavailable(String reason) {
    String message = "the test control plane is unavailable: " + reason + " (needs Go 1.26)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI requires it: " + message);
    }
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }
}
