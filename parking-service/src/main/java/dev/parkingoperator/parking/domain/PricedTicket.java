package dev.parkingoperator.parking.domain;

/** A ticket with the fee it owes now: the final fee once exited, else a quote for leaving now. */
public record PricedTicket(Ticket ticket, long feeCents) {}
