package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String FIRST = """
            # HELP baedal_outbox_size rows waiting
            # TYPE baedal_outbox_size gauge
            baedal_outbox_size{application="baedal-engine"} 12.0
            baedal_outbox_size_total{application="baedal-engine"} 99.0
            jvm_memory_used_bytes{area="nonheap",id="CodeHeap 'non-nmethods'"} 1446528.0
            """ + eventAge(10, 18, 20, 20, 1.2);

    private static final String SECOND = eventAge(10, 68, 119, 120, 9.2);

    /** The read-model's event-age histogram in one scrape: cumulative counts up to 50 ms, 100 ms, 250 ms and all. */
    private static String eventAge(int upTo50Ms, int upTo100Ms, int upTo250Ms, int all, double sumSeconds) {
        return String.format(Locale.ROOT, """
                baedal_readmodel_event_age_seconds_bucket{application="baedal-read-model",le="0.05"} %d
                baedal_readmodel_event_age_seconds_bucket{application="baedal-read-model",le="0.1"} %d
                baedal_readmodel_event_age_seconds_bucket{application="baedal-read-model",le="0.25"} %d
                baedal_readmodel_event_age_seconds_bucket{application="baedal-read-model",le="+Inf"} %d
                baedal_readmodel_event_age_seconds_count{application="baedal-read-model"} %d
                baedal_readmodel_event_age_seconds_sum{application="baedal-read-model"} %s
                """, upTo50Ms, upTo100Ms, upTo250Ms, all, all, sumSeconds);
    }

    @Test
    void readsAGaugeButNotAMetricThatOnlySharesItsPrefix() {
        assertThat(PrometheusText.value(FIRST, "baedal_outbox_size")).hasValue(12.0);
        assertThat(PrometheusText.value(FIRST, "jvm_memory_used_bytes")).hasValue(1446528.0);
        assertThat(PrometheusText.value(FIRST, "baedal_missing")).isEmpty();
    }

    @Test
    void quantilesOfAHistogramBetweenTwoScrapesAreBucketBounds() {
        PrometheusText.Buckets before = PrometheusText.histogram(FIRST, "baedal_readmodel_event_age_seconds");
        PrometheusText.Buckets after = PrometheusText.histogram(SECOND, "baedal_readmodel_event_age_seconds");
        assertThat(before.count()).isEqualTo(20);
        PrometheusText.Quantiles delta = after.minus(before).quantiles();
        // between the scrapes: 0 at <=0.05, 50 in (0.05, 0.1], 49 in (0.1, 0.25], 1 above
        assertThat(delta.count()).isEqualTo(100);
        assertThat(delta.mean()).isCloseTo(0.08, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(delta.p50()).isEqualTo(0.1);
        assertThat(delta.p99()).isEqualTo(0.25);
        assertThat(after.quantile(0.999)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void emptyHistogramHasNoQuantile() {
        assertThat(PrometheusText.Buckets.EMPTY.quantile(0.5)).isNaN();
        assertThat(PrometheusText.histogram("", "x").cumulative()).isEmpty();
    }
}
