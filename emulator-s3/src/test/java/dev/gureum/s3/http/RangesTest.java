package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RangesTest {

    private static AwsException unsatisfiable(String header, long size) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> Ranges.parse(header, size));
        assertThat(e).as(header).isNotNull();
        return e;
    }

    @Test
    void firstToLast() {
        assertThat(Ranges.parse("bytes=0-9", 100)).containsExactly(0, 9);
        assertThat(Ranges.parse("bytes=10-10", 100)).containsExactly(10, 10);
        assertThat(Ranges.parse(" bytes=5 - 7 ", 100)).containsExactly(5, 7);
    }

    @Test
    void aLastBeyondTheEndIsCut() {
        assertThat(Ranges.parse("bytes=90-500", 100)).containsExactly(90, 99);
    }

    @Test
    void openEnded() {
        assertThat(Ranges.parse("bytes=95-", 100)).containsExactly(95, 99);
        assertThat(Ranges.parse("bytes=0-", 1)).containsExactly(0, 0);
    }

    @Test
    void suffix() {
        assertThat(Ranges.parse("bytes=-10", 100)).containsExactly(90, 99);
        assertThat(Ranges.parse("bytes=-500", 100)).containsExactly(0, 99);
    }

    @Test
    void startingAtOrPastTheEndIsUnsatisfiable() {
        AwsException e = unsatisfiable("bytes=100-", 100);
        assertThat(e.code()).isEqualTo("InvalidRange");
        assertThat(e.status()).isEqualTo(416);
        assertThat(e.getMessage()).isEqualTo("The requested range is not satisfiable");
        assertThat(e.details()).containsEntry("RangeRequested", "bytes=100-").containsEntry("ActualObjectSize", "100");
        assertThat(e.headers()).containsEntry("Content-Range", "bytes */100");
        unsatisfiable("bytes=100-200", 100);
        unsatisfiable("bytes=0-", 0);
        unsatisfiable("bytes=0-0", 0);
        unsatisfiable("bytes=-5", 0);
        unsatisfiable("bytes=-0", 100);
    }

    @Test
    void whatS3IgnoresServesTheWholeObject() {
        assertThat(Ranges.parse(null, 100)).isNull();
        assertThat(Ranges.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(Ranges.parse("items=0-5", 100)).isNull();
        assertThat(Ranges.parse("bytes=9-3", 100)).isNull();
        assertThat(Ranges.parse("bytes=a-b", 100)).isNull();
        assertThat(Ranges.parse("bytes=5", 100)).isNull();
        assertThat(Ranges.parse("bytes=-", 100)).isNull();
        assertThat(Ranges.parse("bytes=99999999999999999999-", 100)).isNull();
    }
}
