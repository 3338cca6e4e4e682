package dev.parkingoperator.operator.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository, found from wherever the JVM runs: a module directory (tests) or the
 * repository root (bench scripts).
 */
public final class RepositoryFiles {

  private RepositoryFiles() {}

  /** {@code relative} resolved against the repository root, the directory holding .ci/run. */
  public static Path resolve(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".ci/run"))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
