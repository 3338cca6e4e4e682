package dev.parkingoperator.parking;

import dev.parkingoperator.config.Launcher;
import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.runtime.ParkingApplication;
import java.time.Clock;

/** Starts the parking service from environment variables and stops it cleanly on SIGTERM. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Launcher.run(
        "parking-service",
        () -> ServiceConfig.fromEnvironment(System.getenv()),
        ServiceConfig::logLevel,
        config -> ParkingApplication.start(config, Clock.systemUTC()));
  }
}
