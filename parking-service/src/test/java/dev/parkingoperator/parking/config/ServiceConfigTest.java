package dev.parkingoperator.parking.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.parking.store.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConfigTest {

  @Test
  void defaultsNeedNoVariables() {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.database().store()).isEqualTo(StoreKind.EMBEDDED);
    assertThat(config.database().dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.logLevel()).isEqualTo("info");
  }

  @Test
  void variablesOverrideDefaults() {
    ServiceConfig config =
        ServiceConfig.fromEnvironment(
            Map.of(
                "PORT", "9000",
                "HTTP_BIND", "127.0.0.1",
                "PARKING_DB_URL", "jdbc:postgresql://db:5432/parking",
                "PARKING_DB_USERNAME", "parking",
                "PARKING_DB_PASSWORD", "s3cret",
                "PARKING_DB_POOL_SIZE", "4",
                "SHUTDOWN_GRACE_SECONDS", "5",
                "LOG_LEVEL", "DEBUG"));

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.database().store()).isEqualTo(StoreKind.POSTGRESQL);
    assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/parking");
    assertThat(config.database().poolSize()).isEqualTo(4);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logLevel()).isEqualTo("debug");
  }

  @Test
  void neverPrintsTheDatabasePassword() {
    ServiceConfig config =
        ServiceConfig.fromEnvironment(
            Map.of(
                "PARKING_DB_URL", "jdbc:postgresql://db/parking?password=inurl",
                "PARKING_DB_PASSWORD", "s3cret"));

    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("inurl");
    assertThat(config.database().describe()).isEqualTo("jdbc:postgresql://db/parking");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PORT| abc| PORT must be an integer from 1 to 65535, got 'abc'",
        "PORT| 0| PORT must be an integer from 1 to 65535, got '0'",
        "PORT| 70000| PORT must be an integer from 1 to 65535, got '70000'",
        "HTTP_BIND| localhost| HTTP_BIND must be an IP address, got 'localhost'",
        "SHUTDOWN_GRACE_SECONDS| -1| SHUTDOWN_GRACE_SECONDS must be an integer from 0 to 3600, got"
            + " '-1'",
        "PARKING_DB_POOL_SIZE| 0| PARKING_DB_POOL_SIZE must be an integer from 1 to 200, got '0'",
        "LOG_LEVEL| loud| LOG_LEVEL must be one of debug, error, info, trace, warn, got 'loud'",
        "PARKING_DB_URL| jdbc:mysql://x/y| PARKING_DB_URL must be a jdbc:postgresql: URL",
        "PARKING_DB_URL| jdbc:h2:mem:x| PARKING_DB_URL must be a jdbc:postgresql: URL",
      })
  void aBadValueNamesItsVariable(String variable, String value, String message) {
    assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aRefusedDatabaseUrlIsNotRepeated() {
    assertThatThrownBy(
            () ->
                ServiceConfig.fromEnvironment(
                    Map.of("PARKING_DB_URL", "postgresql://parking:s3cret@db.internal/parking")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PARKING_DB_URL must be a jdbc:postgresql: URL")
        .hasMessageNotContainingAny("s3cret", "parking:", "postgresql://", "db.internal");
  }
}
