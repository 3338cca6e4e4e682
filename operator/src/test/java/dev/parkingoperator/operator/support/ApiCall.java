package dev.parkingoperator.operator.support;

/** A request to the API server read as RBAC sees it: API group, resource[/subresource], verb. */
public record ApiCall(String apiGroup, String resource, String verb) {}
