package dev.gureum.s3.select;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3 Select's SQL over small inputs: what a query returns, and what S3 refuses with which code. */
class SelectTest {

    private static final String PEOPLE = """
            name,age,city,joined
            Alice,34,Seoul,2019-03-01T
            Bob,27,Busan,2021-07-15T
            "Carol, Jr.",45,Seoul,2015-11-30T
            dave,,Incheon,2023-01-02T
            """;

    /** One decoded event: its headers and payload. */
    record Message(Map<String, String> headers, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    static List<Message> decode(byte[] stream) {
        List<Message> messages = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.hasRemaining()) {
            int start = b.position();
            int total = b.getInt();
            int headersLength = b.getInt();
            int preludeCrc = b.getInt();
            CRC32 crc = new CRC32();
            crc.update(stream, start, 8);
            assertThat((int) crc.getValue()).isEqualTo(preludeCrc);
            Map<String, String> headers = new LinkedHashMap<>();
            int headersEnd = b.position() + headersLength;
            while (b.position() < headersEnd) {
                byte[] name = new byte[b.get()];
                b.get(name);
                assertThat(b.get()).isEqualTo((byte) 7);
                byte[] value = new byte[b.getShort()];
                b.get(value);
                headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            }
            byte[] payload = new byte[total - headersLength - 16];
            b.get(payload);
            crc.reset();
            crc.update(stream, start, total - 4);
            assertThat(b.getInt()).isEqualTo((int) crc.getValue());
            messages.add(new Message(headers, payload));
        }
        return messages;
    }

    static String csv(String input, String headerInfo, String sql) {
        return records(run(input, headerInfo, null, sql, RecordOutput.csv(',', "\n", '"', '"', false)));
    }

    static List<Message> run(String input, String headerInfo, String jsonType, String sql, RecordOutput output) {
        CsvFormat format = jsonType != null ? null : new CsvFormat(',', "\n", '"', '"', "#", false);
        Select.Request request = Select.request(sql, format, headerInfo, jsonType, Select.Compression.NONE, output,
                false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Select.run(request, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new EventStream(() -> out));
        return decode(out.toByteArray());
    }

    static String records(List<Message> messages) {
        StringBuilder text = new StringBuilder();
        for (Message m : messages) {
            if ("Records".equals(m.headers().get(":event-type"))) {
                text.append(m.text());
            }
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT * FROM S3Object | Alice,34,Seoul,2019-03-01T;Bob,27,Busan,2021-07-15T;\"Carol, Jr.\",45,Seoul,2015-11-30T;dave,,Incheon,2023-01-02T",
            "SELECT s._1 FROM S3Object s | Alice;Bob;\"Carol, Jr.\";dave",
            "SELECT s.name, s.city FROM S3Object s WHERE s.city = 'Seoul' | Alice,Seoul;\"Carol, Jr.\",Seoul",
            "SELECT name FROM S3Object WHERE age <> '' AND CAST(age AS INT) > 30 | Alice;\"Carol, Jr.\"",
            "SELECT s.\"name\" FROM S3Object s WHERE s.age < 30 | Bob",
            "SELECT s.NAME FROM s3object AS s WHERE s.age BETWEEN 27 AND 34 | Alice;Bob",
            "SELECT s.name FROM S3Object s WHERE s.age NOT BETWEEN 27 AND 34 | \"Carol, Jr.\"",
            "SELECT s.name FROM S3Object s WHERE s.city IN ('Busan', 'Incheon') | Bob;dave",
            "SELECT s.name FROM S3Object s WHERE s.name LIKE '%o%' | Bob;\"Carol, Jr.\"",
            "SELECT s.name FROM S3Object s WHERE s.name LIKE 'A_ice' OR s.name LIKE 'd%' | Alice;dave",
            "SELECT s.name FROM S3Object s WHERE NOT s.city = 'Seoul' AND s.age <> '' | Bob",
            "SELECT s.name FROM S3Object s WHERE s.age = '' | dave",
            "SELECT s.name FROM S3Object s WHERE NULLIF(s.age, '') IS NULL | dave",
            "SELECT COALESCE(NULLIF(s.age, ''), 'unknown') FROM S3Object s WHERE s.name = 'dave' | unknown",
            "SELECT UPPER(s.name), LOWER(s.city), CHAR_LENGTH(s.city) FROM S3Object s LIMIT 1 | ALICE,seoul,5",
            "SELECT CHARACTER_LENGTH(s.name) FROM S3Object s WHERE s.name = 'Bob' | 3",
            "SELECT SUBSTRING(s.name, 2, 3), SUBSTRING(s.name FROM 3) FROM S3Object s LIMIT 1 | lic,ice",
            "SELECT SUBSTRING(s.name, 0, 2) FROM S3Object s LIMIT 1 | A",
            "SELECT TRIM('  x  '), TRIM(LEADING 'A' FROM s.name), TRIM(BOTH 'e' FROM 'eee') FROM S3Object s LIMIT 1 | x,lice,",
            "SELECT CAST(s.age AS INT) + 1, s.age * 2, CAST(s.age AS FLOAT) / 4 FROM S3Object s LIMIT 1 | 35,68,8.5",
            "SELECT CAST('3.7' AS DECIMAL) * 2, 7 / 2, 7 % 4, -s.age FROM S3Object s LIMIT 1 | 7.4,3,3,-34",
            "SELECT CAST(s.joined AS TIMESTAMP) FROM S3Object s WHERE CAST(s.joined AS TIMESTAMP) < CAST('2016T' AS TIMESTAMP) | 2015-11-30T00:00:00Z",
            "SELECT CAST('TRUE' AS BOOL), CAST(0 AS BOOLEAN), CAST(12 AS STRING) FROM S3Object s LIMIT 1 | true,false,12",
            "SELECT COUNT(*) FROM S3Object | 4",
            "SELECT COUNT(*) FROM S3Object s WHERE s.city = 'Seoul' | 2",
            "SELECT COUNT(s.age), SUM(CAST(NULLIF(s.age, '') AS INT)), MIN(s.age), MAX(s.age), AVG(s.age) FROM S3Object s | 4,106,27,45,35.33333333333333333333333333333333",
            "SELECT AVG(CAST(s.age AS INT)) FROM S3Object s WHERE s.age IN (27, 45) | 36",
            "SELECT COUNT(*), SUM(s.age) FROM S3Object s WHERE s.city = 'Nowhere' | 0,",
            "SELECT s.name FROM S3Object s LIMIT 2 | Alice;Bob",
            "SELECT s.name FROM S3Object s LIMIT 0 | ``",
            "SELECT s.name AS who, s._2 FROM S3Object s WHERE s._3 = 'Busan' | Bob,27",
            "SELECT s._1 FROM S3Object s WHERE s._9 IS MISSING LIMIT 1 | Alice",
            "SELECT s._4 FROM S3Object s WHERE s._4 IS NOT MISSING AND s.name = 'Bob' | 2021-07-15T",
    })
    void csvWithHeaders(String sql, String expected) {
        assertThat(csv(PEOPLE, "USE", sql)).isEqualTo(expected.isEmpty() ? "" : expected.replace(";", "\n") + "\n");
    }

    @Test
    void headerLineIgnoredOrRead() {
        assertThat(csv(PEOPLE, "IGNORE", "SELECT s._1 FROM S3Object s LIMIT 1")).isEqualTo("Alice\n");
        assertThat(csv(PEOPLE, "NONE", "SELECT s._1 FROM S3Object s LIMIT 1")).isEqualTo("name\n");
        assertThat(csv("# a comment\na,b\n", "NONE", "SELECT * FROM S3Object")).isEqualTo("a,b\n");
        assertThat(csv("\"say \"\"hi\"\"\",x\n", "NONE", "SELECT s._1 FROM S3Object s")).isEqualTo("\"say \"\"hi\"\"\"\n");
    }

    @Test
    void jsonLinesAndDocuments() {
        String lines = """
                {"id": 1, "name": "a", "tags": ["x", "y"], "address": {"city": "Seoul", "zip": "04524"}}
                {"id": 2, "name": "b", "tags": [], "address": {"city": "Busan"}, "score": 1.5}
                {"id": 3, "name": null}
                """;
        RecordOutput json = RecordOutput.json("\n");
        assertThat(records(run(lines, null, "LINES", "SELECT s.id, s.address.city FROM S3Object s", json)))
                .isEqualTo("{\"id\":1,\"city\":\"Seoul\"}\n{\"id\":2,\"city\":\"Busan\"}\n{\"id\":3}\n");
        assertThat(records(run(lines, null, "LINES", "SELECT s.tags[1] AS t FROM S3Object s WHERE s.id = 1", json)))
                .isEqualTo("{\"t\":\"y\"}\n");
        assertThat(records(run(lines, null, "LINES", "SELECT * FROM S3Object s WHERE s.score > 1", json)))
                .isEqualTo("{\"id\":2,\"name\":\"b\",\"tags\":[],\"address\":{\"city\":\"Busan\"},\"score\":1.5}\n");
        assertThat(records(run(lines, null, "LINES", "SELECT s.id FROM S3Object s WHERE s.name IS NULL", json)))
                .isEqualTo("{\"id\":3}\n");
        assertThat(records(run(lines, null, "LINES", "SELECT s.id FROM S3Object s WHERE s.address.zip IS MISSING",
                json))).isEqualTo("{\"id\":2}\n{\"id\":3}\n");
        assertThat(records(run(lines, null, "LINES", "SELECT COUNT(*), SUM(s.id), MAX(s.name) FROM S3Object s", json)))
                .isEqualTo("{\"_1\":3,\"_2\":6,\"_3\":\"b\"}\n");
        String document = """
                {"rows": [{"n": 1}, {"n": 2}, {"n": 3}]}
                """;
        assertThat(records(run(document, null, "DOCUMENT", "SELECT r.n FROM S3Object[*].rows[*] r WHERE r.n >= 2",
                RecordOutput.csv(',', "\n", '"', '"', false)))).isEqualTo("2\n3\n");
    }

    @Test
    void eventsEndWithStatsAndEnd() {
        List<Message> messages = run(PEOPLE, "USE", null, "SELECT s.name FROM S3Object s",
                RecordOutput.csv(',', "\n", '"', '"', false));
        assertThat(messages).extracting(m -> m.headers().get(":event-type")).containsExactly("Records", "Stats", "End");
        assertThat(messages.get(1).text()).contains("<BytesScanned>" + PEOPLE.length() + "</BytesScanned>",
                "<BytesProcessed>" + PEOPLE.length() + "</BytesProcessed>", "<BytesReturned>28</BytesReturned>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELEC * FROM S3Object | ParseUnexpectedToken",
            "SELECT * FROM S3Object WHERE | ParseExpectedExpression",
            "SELECT s.name FROM S3Object s WHERE s.age > | ParseExpectedExpression",
            "SELECT s.name S3Object s | ParseSelectMissingFrom",
            "SELECT FROM S3Object | ParseEmptySelect",
            "SELECT s.name | ParseSelectMissingFrom",
            "SELECT * FROM Table1 | InvalidDataSource",
            "SELECT s._0 FROM S3Object s | InvalidColumnIndex",
            "SELECT s.name, COUNT(*) FROM S3Object s | UnsupportedSqlStructure",
            "SELECT SUM(*) FROM S3Object s | ParseUnsupportedCallWithStar",
            "SELECT CAST(s.age AS WHATEVER) FROM S3Object s | ParseInvalidTypeParam",
            "SELECT FOO(s.age) FROM S3Object s | UnsupportedFunction",
            "SELECT UPPER(s.age, 1) FROM S3Object s | EvaluatorInvalidArguments",
            "SELECT * FROM S3Object LIMIT -1 | EvaluatorNegativeLimit",
            "SELECT * FROM S3Object s WHERE s.name = 'x | LexerInvalidLiteral",
            "SELECT * FROM S3Object s WHERE s.name = @ | LexerInvalidChar",
            "SELECT * FROM S3Object s ORDER BY s.name | ParseUnExpectedKeyword",
    })
    void refusedQueries(String sql, String code) {
        assertThatThrownBy(() -> csv(PEOPLE, "USE", sql)).isInstanceOf(SelectException.class)
                .extracting(e -> ((SelectException) e).code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT CAST(s.name AS INT) FROM S3Object s | CastFailed",
            "SELECT s.nope FROM S3Object s | MissingHeaders",
            "SELECT s.name FROM S3Object s WHERE s.name LIKE 'a' ESCAPE 'xy' | EvaluatorLikePatternInvalidEscapeSequence",
            "SELECT 1 / 0 FROM S3Object s | EvaluatorDivisionByZero",
            "SELECT UPPER(CAST(s.age AS INT)) FROM S3Object s | IncorrectSqlFunctionArgumentType",
    })
    void refusedWhileEvaluating(String sql, String code) {
        refusedQueries(sql, code);
    }

    /** The records a scan range of "a\nbb\nccc\ndddd\n" (records at 0, 2, 5 and 9) lets through. */
    private static String scanned(Long start, Long end) throws Exception {
        byte[] bytes = "a\nbb\nccc\ndddd\n".getBytes(StandardCharsets.UTF_8);
        Select.Request request = Select.request("SELECT * FROM S3Object", new CsvFormat(',', "\n", '"', '"', null,
                false), "NONE", null, Select.Compression.NONE, RecordOutput.csv(',', "\n", '"', '"', false), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Select.run(request, ScanRange.of(start, end, request).open(bytes.length,
                (first, length) -> new ByteArrayInputStream(bytes, (int) first, (int) length)), new EventStream(() -> out));
        return records(decode(out.toByteArray())).replace("\n", " ").trim();
    }

    @Test
    void scanRangesTakeTheRecordsThatStartInThem() throws Exception {
        assertThat(scanned(null, null)).isEqualTo("a bb ccc dddd");
        assertThat(scanned(0L, 0L)).isEqualTo("a");
        assertThat(scanned(1L, 2L)).isEqualTo("bb");
        assertThat(scanned(2L, 5L)).isEqualTo("bb ccc");
        assertThat(scanned(3L, 8L)).isEqualTo("ccc");
        assertThat(scanned(6L, null)).isEqualTo("dddd");
        assertThat(scanned(null, 5L)).isEqualTo("dddd");
        assertThat(scanned(null, 10L)).isEqualTo("ccc dddd");
        assertThat(scanned(100L, null)).isEmpty();
        assertThatThrownBy(() -> scanned(5L, 2L)).isInstanceOf(SelectException.class);
    }

    @Test
    void longScansWithoutRecordsKeepTheConnectionAlive() {
        String rows = "x\n".repeat(5 * 1024 * 1024);
        List<Message> messages = run(rows, "NONE", null, "SELECT * FROM S3Object s WHERE s._1 = 'y'",
                RecordOutput.csv(',', "\n", '"', '"', false));
        assertThat(messages).extracting(m -> m.headers().get(":event-type")).contains("Cont")
                .doesNotContain("Records").endsWith("Stats", "End");
    }

    @Test
    void concatenation() {
        assertThat(csv(PEOPLE, "USE", "SELECT s.name || '/' || s.city FROM S3Object s LIMIT 1")).isEqualTo("Alice/Seoul\n");
    }

    @Test
    void likeWithEscape() {
        assertThat(csv("100%,a\n100x,b\n", "NONE", "SELECT s._2 FROM S3Object s WHERE s._1 LIKE '100!%' ESCAPE '!'"))
                .isEqualTo("a\n");
    }
}
