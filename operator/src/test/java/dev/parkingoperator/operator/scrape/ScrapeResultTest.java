package dev.parkingoperator.operator.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ScrapeResultTest {

  private static final String URL = "http://10.0.0.5:9568/metrics";
  private static final String EXPOSITION =
      "# HELP up_total x\n# TYPE up_total counter\nup_total 1.0\n";

  @Test
  void prometheusTextIsScraped() {
    ScrapeResult result =
        ScrapeResult.ofResponse(URL, 200, "text/plain; version=0.0.4; charset=utf-8", EXPOSITION);

    assertThat(result.reachable()).isTrue();
    assertThat(result.reason()).isEqualTo("Scraped");
    assertThat(result.message()).isEqualTo("GET " + URL + " answered 200 with 1 samples.");
  }

  @Test
  void namesWhatWentWrong() {
    assertThat(ScrapeResult.ofResponse(URL, 404, "application/json", "{}").reason())
        .isEqualTo("HttpStatus404");
    assertThat(ScrapeResult.ofResponse(URL, 200, "text/html", "<html></html>").reason())
        .isEqualTo("NotPrometheusFormat");
    assertThat(ScrapeResult.ofResponse(URL, 200, "text/plain", "hello").reason())
        .isEqualTo("NotPrometheusFormat");
    assertThat(ScrapeResult.ofFailure(URL, new ConnectException("refused")).reason())
        .isEqualTo("ConnectionRefused");
    assertThat(ScrapeResult.ofFailure(URL, new HttpTimeoutException("slow")).reason())
        .isEqualTo("Timeout");
    assertThat(ScrapeResult.noReadyPod().reason()).isEqualTo("NoReadyPod");
  }
}
