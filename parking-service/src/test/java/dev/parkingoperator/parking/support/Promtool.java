package dev.parkingoperator.parking.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool}, run for real on what the tests produce. */
public final class Promtool {

  /** What promtool said: its exit code and the lint problems it printed. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}

  /** {@code promtool check metrics}: exit 0 and no output when the exposition is clean. */
  public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = RequiredTools.require("promtool", "prometheus");
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish");
    }
    return new Result(process.exitValue(), output);
  }

  /**
   * {@code promtool check rules FILE}: exit 0 when every rule parses and its expression is valid
   * PromQL.
   */
  public static Result checkRules(Path file) throws IOException, InterruptedException {
    Path promtool = RequiredTools.require("promtool", "prometheus");
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
