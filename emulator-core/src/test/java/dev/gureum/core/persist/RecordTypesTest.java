package dev.gureum.core.persist;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordTypesTest {

    record Everything(String text, String none, byte[] bytes, Instant at, Instant never, List<String> list,
                      Map<String, String> map, Map<String, String> noMap, int number, boolean flag) {
    }

    static final RecordType<Everything> EVERYTHING = RecordType.of(7, Everything.class, 1,
            (e, out) -> {
                out.writeString(e.text());
                out.writeString(e.none());
                out.writeByteArray(e.bytes());
                out.writeInstant(e.at());
                out.writeInstant(e.never());
                out.writeStringList(e.list());
                out.writeStringMap(e.map());
                out.writeStringMap(e.noMap());
                out.writeInt(e.number());
                out.writeBoolean(e.flag());
            },
            (in, version) -> new Everything(in.readString(), in.readString(), in.readByteArray(), in.readInstant(),
                    in.readInstant(), in.readStringList(), in.readStringMap(), in.readStringMap(), in.readInt(),
                    in.readBoolean()));

    private static final RecordTypes TYPES = RecordTypes.of(EVERYTHING);

    @Test
    void everyFieldShapeReadsBackAsWritten() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("z", "last written first");
        map.put("a", null);
        String long70k = "구름".repeat(35_000); // beyond writeUTF's 65,535 bytes
        Everything written = new Everything(long70k, null, new byte[] {0, 1, -1}, Instant.parse("2026-12-07T10:15:30.123456789Z"),
                null, Arrays.asList("a", null, ""), map, null, -42, true);

        byte[] bytes = TYPES.encode(written);
        Everything read = (Everything) TYPES.decode(bytes, 0, bytes.length, () -> "test");

        assertThat(read.text()).isEqualTo(long70k);
        assertThat(read.none()).isNull();
        assertThat(read.bytes()).containsExactly(0, 1, -1);
        assertThat(read.at()).isEqualTo(written.at());
        assertThat(read.never()).isNull();
        assertThat(read.list()).containsExactly("a", null, "");
        assertThat(read.map()).containsExactly(Map.entry("z", "last written first"), new java.util.AbstractMap.SimpleEntry<>("a", null));
        assertThat(read.noMap()).isNull();
        assertThat(read.number()).isEqualTo(-42);
        assertThat(read.flag()).isTrue();
    }

    @Test
    void theRecordStartsWithItsTagAndVersion() {
        byte[] bytes = TYPES.encode(new Everything("", "", null, null, null, null, null, null, 0, false));
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0, 7, 1);
    }

    @Test
    void anUnknownTagIsFromANewerGureum() {
        byte[] bytes = {0, 9, 1};
        assertThatThrownBy(() -> TYPES.decode(bytes, 0, bytes.length, () -> "The journal file j at byte 24"))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The journal file j at byte 24 holds a record of type 9, which this Gureum does not know:"
                        + " it was written by a newer Gureum. Start that version (or a newer one) on this directory.");
    }

    @Test
    void bytesTheReaderLeavesAreDamage() {
        byte[] bytes = TYPES.encode(new Everything("", "", null, null, null, null, null, null, 0, false));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> TYPES.decode(longer, 0, longer.length, () -> "The snapshot file s at byte 24"))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The snapshot file s at byte 24 is damaged: the Everything record has 2 bytes its reader"
                        + " left. Restore the data directory from a backup.");
    }

    @Test
    void tagsAndClassesAreRegisteredOnce() {
        RecordType<String> same = RecordType.of(7, String.class, 1, (s, out) -> { }, (in, v) -> "");
        assertThatThrownBy(() -> RecordTypes.of(EVERYTHING, same)).hasMessage("Record tag 7 is used twice");
        assertThatThrownBy(() -> RecordType.of(0, String.class, 1, (s, out) -> { }, (in, v) -> ""))
                .hasMessage("A record tag is 1 to 65535, not 0");
    }
}
