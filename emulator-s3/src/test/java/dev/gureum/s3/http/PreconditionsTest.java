package dev.gureum.s3.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.Preconditions;
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PreconditionsTest {

    private static final String ETAG = "9a0364b9e99bb480dd25e1f0284c8555";
    /** Stored with milliseconds; HTTP dates have whole seconds. */
    private static final Instant MODIFIED = Instant.parse("2026-03-01T12:00:00.500Z");
    private static final String AT = "Sun, 01 Mar 2026 12:00:00 GMT";
    private static final String BEFORE = "Sun, 01 Mar 2026 11:59:59 GMT";
    private static final String AFTER = "Sun, 01 Mar 2026 12:00:01 GMT";

    private static final S3Object OBJECT = new S3Object("key", "null", false, ETAG, 7, MODIFIED, Map.of(), Map.of(),
            Map.of(), null, List.of(), Map.of(), "STANDARD", "000000000000", null);
    private static final S3Object DELETE_MARKER = S3Object.deleteMarker("key", "v1", MODIFIED, "000000000000");

    private static S3Request request(String... headers) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getRequestHeaders().add(HttpString.tryFromString(headers[i]), headers[i + 1]);
        }
        return new S3Request(exchange, new RequestContext("req", Clock.systemUTC()), "bucket", "key", Map.of());
    }

    private static boolean checkRead(S3Request request, S3Object object) {
        return Preconditions.notModified(ConditionHeaders.of(request), object);
    }

    private static void checkWrite(S3Request request, S3Object current) {
        Preconditions.checkWrite(ConditionHeaders.of(request), request.key(), current);
    }

    private static void checkCopySource(S3Request request, S3Object source) {
        Preconditions.checkCopySource(ConditionHeaders.copySource(request), source);
    }

    /** What S3 answers for the refusal the check throws. */
    private static AwsException answer(Runnable check) {
        Refusal refusal = catchThrowableOfType(Refusal.class, check::run);
        assertThat(refusal).isNotNull();
        return S3Refusals.toAws(refusal, "GET");
    }

    private static String failedCondition(Runnable check) {
        AwsException e = answer(check);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("PreconditionFailed");
        assertThat(e.status()).isEqualTo(412);
        return e.details().get("Condition");
    }

    @Test
    void noConditionsServe() {
        assertThat(checkRead(request(), OBJECT)).isFalse();
    }

    @Test
    void ifMatch() {
        assertThat(checkRead(request("If-Match", "\"" + ETAG + "\""), OBJECT)).isFalse();
        assertThat(checkRead(request("If-Match", ETAG), OBJECT)).isFalse();
        assertThat(checkRead(request("If-Match", "\"other\", \"" + ETAG + "\""), OBJECT)).isFalse();
        assertThat(checkRead(request("If-Match", "*"), OBJECT)).isFalse();
        assertThat(failedCondition(() -> checkRead(request("If-Match", "\"other\""), OBJECT)))
                .isEqualTo("If-Match");
    }

    @Test
    void ifNoneMatchIsNotModified() {
        assertThat(checkRead(request("If-None-Match", "\"" + ETAG + "\""), OBJECT)).isTrue();
        assertThat(checkRead(request("If-None-Match", "W/\"" + ETAG + "\""), OBJECT)).isTrue();
        assertThat(checkRead(request("If-None-Match", "*"), OBJECT)).isTrue();
        assertThat(checkRead(request("If-None-Match", "\"other\""), OBJECT)).isFalse();
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        assertThat(checkRead(request("If-Modified-Since", AT), OBJECT)).isTrue();
        assertThat(checkRead(request("If-Modified-Since", AFTER), OBJECT)).isTrue();
        assertThat(checkRead(request("If-Modified-Since", BEFORE), OBJECT)).isFalse();
    }

    @Test
    void ifUnmodifiedSince() {
        assertThat(checkRead(request("If-Unmodified-Since", AT), OBJECT)).isFalse();
        assertThat(failedCondition(() -> checkRead(request("If-Unmodified-Since", BEFORE), OBJECT)))
                .isEqualTo("If-Unmodified-Since");
    }

    @Test
    void etagConditionsWinOverDates() {
        // a matching If-Match makes If-Unmodified-Since irrelevant
        assertThat(checkRead(request("If-Match", ETAG, "If-Unmodified-Since", BEFORE), OBJECT)).isFalse();
        // a non-matching If-None-Match serves even if the date says not modified
        assertThat(checkRead(request("If-None-Match", "\"other\"", "If-Modified-Since", AFTER), OBJECT))
                .isFalse();
        // a failing If-Match fails before anything else
        assertThat(failedCondition(() -> checkRead(request("If-Match", "\"other\"",
                "If-None-Match", ETAG), OBJECT))).isEqualTo("If-Match");
    }

    @Test
    void datesInOtherFormatsAndUnreadableDates() {
        assertThat(checkRead(request("If-Modified-Since", "2026-03-01T12:00:00Z"), OBJECT)).isTrue();
        // S3 ignores a date it cannot read
        assertThat(checkRead(request("If-Modified-Since", "yesterday"), OBJECT)).isFalse();
        assertThatCode(() -> checkRead(request("If-Unmodified-Since", "garbage"), OBJECT))
                .doesNotThrowAnyException();
        assertThat(ConditionHeaders.date(null)).isNull();
        assertThat(ConditionHeaders.date(AT)).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void ifNoneMatchStarOnWriteCreatesOnly() {
        assertThatCode(() -> checkWrite(request("If-None-Match", "*"), null)).doesNotThrowAnyException();
        assertThatCode(() -> checkWrite(request("If-None-Match", "*"), DELETE_MARKER))
                .doesNotThrowAnyException();
        assertThat(failedCondition(() -> checkWrite(request("If-None-Match", "*"), OBJECT)))
                .isEqualTo("If-None-Match");
        AwsException etag = answer(
                () -> checkWrite(request("If-None-Match", "\"" + ETAG + "\""), null));
        assertThat(etag.code()).isEqualTo("NotImplemented");
    }

    @Test
    void ifMatchOnWriteReplacesOnlyThatVersion() {
        assertThatCode(() -> checkWrite(request("If-Match", "\"" + ETAG + "\""), OBJECT))
                .doesNotThrowAnyException();
        assertThat(failedCondition(() -> checkWrite(request("If-Match", "\"other\""), OBJECT)))
                .isEqualTo("If-Match");
        AwsException missing = answer(
                () -> checkWrite(request("If-Match", ETAG), null));
        assertThat(missing.code()).isEqualTo("NoSuchKey");
    }

    @Test
    void copySourceConditions() {
        assertThatCode(() -> checkCopySource(request("x-amz-copy-source-if-match", ETAG), OBJECT))
                .doesNotThrowAnyException();
        assertThat(failedCondition(() -> checkCopySource(
                request("x-amz-copy-source-if-none-match", ETAG), OBJECT))).isEqualTo("x-amz-copy-source-If-None-Match");
        assertThat(failedCondition(() -> checkCopySource(
                request("x-amz-copy-source-if-unmodified-since", BEFORE), OBJECT)))
                .isEqualTo("x-amz-copy-source-If-Unmodified-Since");
        assertThat(failedCondition(() -> checkCopySource(
                request("x-amz-copy-source-if-modified-since", AT), OBJECT)))
                .isEqualTo("x-amz-copy-source-If-Modified-Since");
        // a matching if-match overrides a failing if-unmodified-since, as S3 documents
        assertThatCode(() -> checkCopySource(request("x-amz-copy-source-if-match", ETAG,
                "x-amz-copy-source-if-unmodified-since", BEFORE), OBJECT)).doesNotThrowAnyException();
    }
}
