package dev.parkingoperator.parking.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the service should get traffic: not while starting, not while its database is away, not
 * while shutting down. Probes read it; the lifecycle and the database watch write it.
 */
public final class Readiness {

  /** Where the process is in its life. */
  public enum Phase {
    STARTING,
    SERVING,
    STOPPING
  }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);
  private volatile boolean databaseReachable = true;

  public void serving() {
    phase.compareAndSet(Phase.STARTING, Phase.SERVING);
  }

  public void stopping() {
    phase.set(Phase.STOPPING);
  }

  void databaseReachable(boolean reachable) {
    databaseReachable = reachable;
  }

  public Phase phase() {
    return phase.get();
  }

  public boolean isDatabaseReachable() {
    return databaseReachable;
  }

  public boolean isReady() {
    return phase.get() == Phase.SERVING && databaseReachable;
  }
}
