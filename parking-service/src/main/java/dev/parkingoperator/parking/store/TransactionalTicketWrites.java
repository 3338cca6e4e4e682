package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Ticket;
import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Ticket writes that both H2 and PostgreSQL run: a conditional UPDATE of the lot's row, then the
 * ticket, in one transaction. The row stays locked from the UPDATE through the second statement and
 * the commit; on the embedded store those are in-process calls, so that costs little.
 */
final class TransactionalTicketWrites implements TicketWrites {

  private static final String TAKE_SPACE =
      "UPDATE lots SET occupied = occupied + 1 WHERE id = ? AND occupied < capacity";
  private static final String FREE_SPACE =
      "UPDATE lots SET occupied = occupied - 1 WHERE id = ? AND occupied > 0";

  private final Transactions transactions;

  TransactionalTicketWrites(Transactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public Ticket enter(Ticket ticket) {
    return transactions.inTransaction(
        connection -> {
          if (StoreRows.executeForLot(connection, TAKE_SPACE, ticket.lotId()) == 0) {
            throw StoreRows.whyNoSpace(connection, ticket);
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tickets (lot_id, ticket_id, plate, parked_plate, entered_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            StoreRows.park(insert, ticket);
          }
          return ticket;
        });
  }

  @Override
  public Ticket exit(Ticket parked, Instant exitedAt, long feeCents) {
    return transactions.inTransaction(
        connection -> {
          // Free the space first: that takes the lot's row, as every racing write does first.
          // Then close the ticket only if it is still parked; if it is not, the throw rolls the
          // freed space back. A parked ticket means occupied > 0, so the condition only guards
          // a ticket already gone.
          if (StoreRows.executeForLot(connection, FREE_SPACE, parked.lotId()) == 0) {
            throw ConflictException.alreadyExited(parked.ticketId());
          }
          try (PreparedStatement close =
              connection.prepareStatement(
                  "UPDATE tickets SET exited_at = ?, fee_cents = ?, parked_plate = NULL"
                      + " WHERE ticket_id = ? AND exited_at IS NULL")) {
            if (StoreRows.exit(close, parked, exitedAt, feeCents) == 0) {
              throw ConflictException.alreadyExited(parked.ticketId());
            }
          }
          return parked.exited(exitedAt, feeCents);
        });
  }
}
