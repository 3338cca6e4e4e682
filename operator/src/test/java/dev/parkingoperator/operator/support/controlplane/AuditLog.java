package dev.parkingoperator.operator.support.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The API server's audit log: every write, who made it, to what. */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditLog() {}

  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  /** One request the API server answered. */
  public record Write(
      Instant at,
      String user,
      String verb,
      String apiGroup,
      String resource,
      String namespace,
      String name,
      int code) {

    @Override
    public String toString() {
      return at + " " + user + " " + verb + " " + resource + " " + namespace + "/" + name + " -> "
          + code;
    }
  }

  /** The writes {@code user} made after {@code since}, in order. */
  public static List<Write> writesBy(Path log, String user, Instant since) {
    return requestsBy(log, user, since).stream().filter(w -> WRITES.contains(w.verb())).toList();
  }

  /** Every request of {@code user} (a ServiceAccount: all of its requests are logged). */
  public static List<Write> requestsBy(Path log, String user, Instant since) {
    return requests(log).filter(w -> w.user().equals(user) && w.at().isAfter(since)).toList();
  }

  static Stream<Write> requests(Path log) {
    try {
      if (!Files.exists(log)) {
        return Stream.empty();
      }
      return Files.readAllLines(log).stream().filter(line -> !line.isBlank()).map(AuditLog::parse);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Write parse(String line) {
    try {
      JsonNode event = JSON.readTree(line);
      JsonNode object = event.path("objectRef");
      String resource = object.path("resource").asText();
      if (object.hasNonNull("subresource")) {
        resource += "/" + object.path("subresource").asText();
      }
      return new Write(
          Instant.parse(event.path("stageTimestamp").asText()),
          event.path("user").path("username").asText(),
          event.path("verb").asText(),
          object.path("apiGroup").asText(""),
          resource,
          object.path("namespace").asText(),
          object.path("name").asText(),
          event.path("responseStatus").path("code").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a ServiceAccount appears as a user. */
  public static String serviceAccountUser(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }
}
