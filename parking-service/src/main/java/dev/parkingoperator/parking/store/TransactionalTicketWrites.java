package dev.parkingoperator.parking.store;

import static dev.parkingoperator.parking.store.StoreRows.setTimestamp;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Ticket writes that both H2 and PostgreSQL run: a conditional UPDATE of the lot's row, then the
 * ticket, in one transaction. The row stays locked from the UPDATE through the second statement
 * and the commit; on the embedded store those are in-process calls, so that costs little.
 */
final class TransactionalTicketWrites implements TicketWrites {

  private final Transactions transactions;

  TransactionalTicketWrites(Transactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public Ticket open(Ticket ticket) {
    return transactions.inTransaction(
        connection -> {
          if (changeOccupancy(connection, "occupied + 1 WHERE id = ? AND occupied < capacity", ticket.lotId()) == 0) {
            throw StoreRows.whyNoSpace(connection, ticket);
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tickets (ticket_id, lot_id, plate, parked_plate, entered_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, ticket.ticketId());
            insert.setString(2, ticket.lotId());
            insert.setString(3, ticket.plate().value());
            insert.setString(4, ticket.plate().value());
            setTimestamp(insert, 5, ticket.enteredAt());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (StoreErrors.isUniqueViolation(e)) {
              throw ConflictException.alreadyParked(ticket.plate(), ticket.lotId());
            }
            throw e;
          }
          return ticket;
        });
  }

  @Override
  public Ticket close(Ticket parked, Instant exitedAt, long feeCents) {
    return transactions.inTransaction(
        connection -> {
          // Free the space first: that takes the lot's row, as every racing write does first.
          // Then close the ticket only if it is still parked; if it is not, the throw rolls the
          // freed space back. A parked ticket means occupied > 0, so the condition only guards
          // a ticket already gone.
          if (changeOccupancy(connection, "occupied - 1 WHERE id = ? AND occupied > 0", parked.lotId()) == 0) {
            throw ConflictException.alreadyExited(parked.ticketId());
          }
          try (PreparedStatement close =
              connection.prepareStatement(
                  "UPDATE tickets SET exited_at = ?, fee_cents = ?, parked_plate = NULL"
                      + " WHERE ticket_id = ? AND exited_at IS NULL")) {
            setTimestamp(close, 1, exitedAt);
            close.setLong(2, feeCents);
            close.setObject(3, parked.ticketId());
            if (close.executeUpdate() == 0) {
              throw ConflictException.alreadyExited(parked.ticketId());
            }
          }
          return parked.exited(exitedAt, feeCents);
        });
  }

  /** {@code UPDATE lots SET occupied = <change>} for one lot; returns the rows it changed. */
  private static int changeOccupancy(Connection connection, String change, String lotId)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE lots SET occupied = " + change)) {
      update.setString(1, lotId);
      return update.executeUpdate();
    }
  }
}
