package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedParkingApiTest extends ParkingApiContract {

  @TempDir static Path dataDir;

  @Override
  protected DatabaseSettings database() {
    return TestDatabases.embedded(dataDir);
  }
}
