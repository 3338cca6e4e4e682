package dev.parkingoperator.parking.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The series an SRE reads the write batches from, under the names the README gives. */
class WriteBatchMetricsTest {

  @Test
  void countsBatchesTheirTimeAndTheWritesTheyCarried() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WriteBatchMetrics metrics = new WriteBatchMetrics();
    metrics.bindTo(registry);

    metrics.batchWritten(3, TimeUnit.MILLISECONDS.toNanos(2));
    metrics.batchWritten(1, TimeUnit.MILLISECONDS.toNanos(4));

    String scrape = registry.scrape();
    assertThat(scrape).contains("parking_store_write_batches_seconds_count 2");
    assertThat(scrape).contains("parking_store_write_batches_seconds_sum 0.006");
    assertThat(scrape).contains("parking_store_write_batches_seconds_max 0.004");
    assertThat(scrape).contains("parking_store_batched_writes_total 4.0");
  }
}
