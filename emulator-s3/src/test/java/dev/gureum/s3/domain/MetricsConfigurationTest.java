package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConfigurationTest {

    private static final Map<String, String> BLUE = Map.of("team", "blue", "env", "prod");

    @Test
    void withoutAFilterEveryRequestCounts() {
        MetricsConfiguration all = new MetricsConfiguration("EntireBucket", null, Map.of(), null);
        assertThat(all.wholeBucket()).isTrue();
        assertThat(all.counts("any/key", null)).isTrue();
        assertThat(all.counts(null, null)).as("a request on the bucket itself").isTrue();
    }

    @Test
    void aFilterCountsTheObjectsThatPassEachOfItsConditions() {
        MetricsConfiguration docs = new MetricsConfiguration("docs", "docs/", Map.of(), null);
        assertThat(docs.counts("docs/a", null)).isTrue();
        assertThat(docs.counts("images/a", null)).isFalse();
        assertThat(docs.counts(null, null)).as("a listing names no object").isFalse();

        MetricsConfiguration tagged = new MetricsConfiguration("blue", null, Map.of("team", "blue"), null);
        assertThat(tagged.counts("k", BLUE)).isTrue();
        assertThat(tagged.counts("k", Map.of("team", "red"))).isFalse();
        assertThat(tagged.counts("k", null)).isFalse();

        MetricsConfiguration both = new MetricsConfiguration("both", "docs/", Map.of("team", "blue"), null);
        assertThat(both.counts("docs/a", BLUE)).isTrue();
        assertThat(both.counts("other", BLUE)).isFalse();
        assertThat(both.counts("docs/a", Map.of())).isFalse();
    }

    @Test
    void anAccessPointFilterCountsNothingWithoutAccessPoints() {
        MetricsConfiguration ap = new MetricsConfiguration("ap", null, Map.of(),
                "arn:aws:s3:us-east-1:000000000000:accesspoint/reports");
        assertThat(ap.wholeBucket()).isFalse();
        assertThat(ap.counts("k", BLUE)).isFalse();
    }

    @Test
    void idsAreUpTo64LettersDigitsPeriodsHyphensAndUnderscores() {
        assertThat(MetricsConfiguration.validId("EntireBucket")).isTrue();
        assertThat(MetricsConfiguration.validId("a.b-c_d")).isTrue();
        assertThat(MetricsConfiguration.validId("x".repeat(64))).isTrue();
        assertThat(MetricsConfiguration.validId("x".repeat(65))).isFalse();
        assertThat(MetricsConfiguration.validId("with space")).isFalse();
        assertThat(MetricsConfiguration.validId("")).isFalse();
        assertThat(MetricsConfiguration.validId(null)).isFalse();
    }

    @Test
    void storageClassesAreTheirStorageTypes() {
        assertThat(StorageMetrics.storageType(null)).isEqualTo("StandardStorage");
        assertThat(StorageMetrics.storageType("STANDARD")).isEqualTo("StandardStorage");
        assertThat(StorageMetrics.storageType("STANDARD_IA")).isEqualTo("StandardIAStorage");
        assertThat(StorageMetrics.storageType("GLACIER_IR")).isEqualTo("GlacierInstantRetrievalStorage");
        assertThat(StorageMetrics.storageType("DEEP_ARCHIVE")).isEqualTo("DeepArchiveStorage");
    }
}
