package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.support.TestDatabases;

class PostgresParkingApiTest extends ParkingApiContract {

  private DatabaseSettings database;

  @Override
  protected DatabaseSettings database() {
    database = TestDatabases.freshPostgresSchema();
    return database;
  }

  @Override
  protected void afterService() {
    if (database != null) {
      TestDatabases.dropSchemaOf(database);
    }
  }
}
