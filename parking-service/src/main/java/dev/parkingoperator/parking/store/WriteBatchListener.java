package dev.parkingoperator.parking.store;

/**
 * Told of every batch of ticket writes the store ran in one transaction (PostgreSQL): how many
 * writes it carried and how long it took, commit included. The store's telemetry hook, as Hikari's
 * metrics tracker is the pool's.
 */
@FunctionalInterface
public interface WriteBatchListener {

  WriteBatchListener NONE = (writes, nanos) -> {};

  void batchWritten(int writes, long nanos);
}
