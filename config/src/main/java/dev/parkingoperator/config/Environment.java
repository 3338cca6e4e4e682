package dev.parkingoperator.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Typed reads of environment variables with defaults; a bad value names its variable. */
public final class Environment {

  /** The levels LOG_LEVEL accepts, SLF4J's names. */
  public static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  private final Map<String, String> variables;

  public Environment(Map<String, String> variables) {
    this.variables = variables;
  }

  /** The value, or {@code null} when unset or blank. */
  public String optional(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String string(String name, String defaultValue) {
    String value = optional(name);
    return value == null ? defaultValue : value;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(
        name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
  }

  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 1, 65535);
  }

  public boolean bool(String name, boolean defaultValue) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
    };
  }

  public String oneOf(String name, String defaultValue, Set<String> allowed) {
    String value = string(name, defaultValue).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException(
          name
              + " must be one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ", got '"
              + value
              + "'");
    }
    return value;
  }

  /** LOG_LEVEL, {@code info} by default. */
  public String logLevel() {
    return oneOf("LOG_LEVEL", "info", LOG_LEVELS);
  }

  /** An IP address to bind to; host names are refused so start-up never waits on DNS. */
  public String bindAddress(String name, String defaultValue) {
    String value = string(name, defaultValue);
    if (!value.matches("[0-9a-fA-F:.]+")) {
      throw new ConfigException(name + " must be an IP address, got '" + value + "'");
    }
    try {
      InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new ConfigException(name + " must be an IP address, got '" + value + "'");
    }
    return value;
  }
}
