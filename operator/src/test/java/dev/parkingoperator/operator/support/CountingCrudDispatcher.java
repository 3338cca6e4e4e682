package dev.parkingoperator.operator.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The mock API server's CRUD dispatcher, recording every write request it answers. */
public final class CountingCrudDispatcher extends KubernetesCrudDispatcher {

  private final List<String> writes = new CopyOnWriteArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    if (!method.equals("GET")) {
      writes.add(method + " " + request.getPath());
    }
    return super.dispatch(request);
  }

  /** Every write so far, as "METHOD path". */
  public List<String> writes() {
    return List.copyOf(writes);
  }
}
