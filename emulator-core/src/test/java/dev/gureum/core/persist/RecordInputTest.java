package dev.gureum.core.persist;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordInputTest {

    @Test
    void readsBackWhatRecordOutputWrote() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, String> map = new LinkedHashMap<>();
        map.put("z", "last written first");
        map.put("a", null);
        try (RecordOutput out = new RecordOutput(bytes)) {
            out.writeString("ünïcödé ✓");
            out.writeString(null);
            out.writeByteArray(new byte[] {1, 2, 3});
            out.writeByteArray(null);
            out.writeInstant(Instant.parse("2026-12-07T13:45:01.123456789Z"));
            out.writeInstant(null);
            out.writeStringList(List.of("a", "", "c"));
            out.writeStringList(null);
            out.writeStringMap(map);
            out.writeBoolean(true);
            out.writeByte(-2);
            out.writeShort(-3);
            out.writeShort(65535);
            out.writeChar('한');
            out.writeInt(Integer.MIN_VALUE);
            out.writeLong(Long.MIN_VALUE + 7);
            out.writeFloat(1.5f);
            out.writeDouble(-0.25);
            out.writeUTF("modified ✓");
        }
        byte[] framed = new byte[bytes.size() + 5];
        System.arraycopy(bytes.toByteArray(), 0, framed, 3, bytes.size());
        RecordInput in = new RecordInput(framed, 3, bytes.size());

        assertThat(in.readString()).isEqualTo("ünïcödé ✓");
        assertThat(in.readString()).isNull();
        assertThat(in.readByteArray()).containsExactly(1, 2, 3);
        assertThat(in.readByteArray()).isNull();
        assertThat(in.readInstant()).isEqualTo(Instant.parse("2026-12-07T13:45:01.123456789Z"));
        assertThat(in.readInstant()).isNull();
        assertThat(in.readStringList()).containsExactly("a", "", "c");
        assertThat(in.readStringList()).isNull();
        assertThat(in.readStringMap()).containsExactly(Map.entry("z", "last written first"), entry("a"));
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readByte()).isEqualTo((byte) -2);
        assertThat(in.readShort()).isEqualTo((short) -3);
        assertThat(in.readUnsignedShort()).isEqualTo(65535);
        assertThat(in.readChar()).isEqualTo('한');
        assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE + 7);
        assertThat(in.readFloat()).isEqualTo(1.5f);
        assertThat(in.readDouble()).isEqualTo(-0.25);
        assertThat(in.readUTF()).isEqualTo("modified ✓");
        assertThat(in.available()).isZero();
        // the bytes after the record are not its own
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesLengthsBeyondTheRecord() {
        byte[] record = {0, 0, 0, 9, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'};
        assertThatThrownBy(() -> new RecordInput(record, 0, 8).readString())
                .isInstanceOf(EOFException.class).hasMessageContaining("length 9 is beyond the record");
        assertThatThrownBy(() -> new RecordInput(new byte[] {0, 0, 0, 100}, 0, 4).readStringList())
                .isInstanceOf(EOFException.class).hasMessageContaining("count 100");
        assertThatThrownBy(() -> new RecordInput(new byte[] {0, 0}, 0, 2).readInt()).isInstanceOf(EOFException.class);
    }

    private static Map.Entry<String, String> entry(String key) {
        return new java.util.AbstractMap.SimpleEntry<>(key, null);
    }
}
