package dev.parkingoperator.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version and source revision of the running build, read from a properties file the build filters
 * ({@code version}, {@code revision}); "unknown" where the build could not tell.
 */
public record BuildInfo(String version, String revision) {

  public static BuildInfo fromClasspath(String resource) {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return new BuildInfo(
        known(properties.getProperty("version")), known(properties.getProperty("revision")));
  }

  /** An unfiltered placeholder such as ${git.commit.id.abbrev} means the build did not know. */
  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
