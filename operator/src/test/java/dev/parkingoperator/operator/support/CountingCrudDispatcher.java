package dev.parkingoperator.operator.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mock API server's CRUD dispatcher, recording every write request it answers, and failing
 * chosen writes on demand to stand in for a flaky API server.
 */
public final class CountingCrudDispatcher extends KubernetesCrudDispatcher {

  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final List<String> operatorRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile String failingPath = "";
  private volatile Faults faults = Faults.NONE;
  private final AtomicInteger injectedServerErrors = new AtomicInteger();
  private final AtomicInteger injectedConflicts = new AtomicInteger();

  /**
   * Random failures of the operator's writes: a share answered 500, and a share of its updates
   * answered 409 Conflict, as when another writer got there first.
   */
  public record Faults(double serverErrorShare, double conflictShare, Random random) {
    static final Faults NONE = new Faults(0, 0, new Random(0));

    synchronized double draw() {
      return random.nextDouble();
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    if (MockCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
      operatorRequests.add(method + " " + request.getPath());
    }
    if (request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return authorizerAllowingLeases();
    }
    if (!method.equals("GET")) {
      writes.add(method + " " + request.getPath());
      MockResponse injected = injectedFault(request);
      if (injected != null) {
        return injected;
      }
      if (request.getPath().contains(failingPath)
          && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new MockResponse()
            .setResponseCode(500)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"InternalError\",\"code\":500}");
      }
    }
    return super.dispatch(request);
  }

  /**
   * Stands in for the API server's authorizer, which the CRUD mock lacks: the SDK asks it before
   * leader election whether it may use Leases. RBAC itself is checked against the chart's rules.
   */
  private static MockResponse authorizerAllowingLeases() {
    return new MockResponse()
        .setResponseCode(201)
        .setBody(
            "{\"kind\":\"SelfSubjectRulesReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"metadata\":{},"
                + "\"spec\":{},\"status\":{\"incomplete\":false,\"nonResourceRules\":[],\"resourceRules\":["
                + "{\"verbs\":[\"get\",\"list\",\"watch\",\"create\",\"update\",\"patch\"],"
                + "\"apiGroups\":[\"coordination.k8s.io\"],\"resources\":[\"leases\"]}]}}");
  }

  private MockResponse injectedFault(RecordedRequest request) {
    Faults current = faults;
    if (current == Faults.NONE
        || !MockCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
      return null;
    }
    double draw = current.draw();
    if (draw < current.serverErrorShare()) {
      injectedServerErrors.incrementAndGet();
      return status(500, "InternalError", "injected fault");
    }
    boolean update = request.getMethod().equals("PUT") || request.getMethod().equals("PATCH");
    if (update && draw < current.serverErrorShare() + current.conflictShare()) {
      injectedConflicts.incrementAndGet();
      return status(
          409,
          "Conflict",
          "the object has been modified; please apply your changes to the latest version and try"
              + " again");
    }
    return null;
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
                + reason
                + "\",\"message\":\""
                + message
                + "\",\"code\":"
                + code
                + "}");
  }

  /**
   * From now on, fail the operator's writes at random as {@code plan} says; {@link Faults#NONE}
   * stops.
   */
  public void injectFaults(Faults plan) {
    faults = plan;
  }

  public void stopFaults() {
    faults = Faults.NONE;
  }

  public int injectedServerErrors() {
    return injectedServerErrors.get();
  }

  public int injectedConflicts() {
    return injectedConflicts.get();
  }

  /** The next {@code times} writes whose path contains {@code pathPart} answer 500. */
  public void failWrites(String pathPart, int times) {
    failingPath = pathPart;
    failuresLeft.set(times);
  }

  /** Every request the operator's client sent so far, as "METHOD path?query". */
  public List<String> operatorRequests() {
    return List.copyOf(operatorRequests);
  }

  /** Every write so far, as "METHOD path". */
  public List<String> writes() {
    return List.copyOf(writes);
  }
}
