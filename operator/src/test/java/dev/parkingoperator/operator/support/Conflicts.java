package dev.parkingoperator.operator.support;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Retry on 409, as client-go's RetryOnConflict: a test's edit may race the operator's status write.
 */
public final class Conflicts {

  private Conflicts() {}

  public static void retry(Runnable edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
