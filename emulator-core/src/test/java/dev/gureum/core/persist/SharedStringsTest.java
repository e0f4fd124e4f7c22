package dev.gureum.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedStringsTest {

    @Test
    void equalShortStringsAreOneInstance() {
        String a = new String("STANDARD-shared-test");
        String b = new String("STANDARD-shared-test");
        assertThat(SharedStrings.of(a)).isSameAs(SharedStrings.of(b)).isEqualTo("STANDARD-shared-test");
        assertThat(SharedStrings.of(null)).isNull();
    }

    @Test
    void longStringsAreKeptAsTheyAre() {
        String longer = "x".repeat(65);
        assertThat(SharedStrings.of(longer)).isSameAs(longer);
    }

    @Test
    void aRecordReadsSharedStrings() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        RecordOutput writer = new RecordOutput(bytes);
        writer.writeString("000000000000-shared-test");
        writer.writeString("000000000000-shared-test");
        writer.writeString(null);
        byte[] written = bytes.toByteArray();
        RecordInput in = new RecordInput(written, 0, written.length);
        String first = in.readSharedString();
        assertThat(in.readSharedString()).isSameAs(first).isEqualTo("000000000000-shared-test");
        assertThat(in.readSharedString()).isNull();
        assertThat(in.available()).isZero();
    }
}
