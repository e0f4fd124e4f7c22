package dev.gureum.lambda.domain;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.RecordedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Lambda record written to a journal and read back, and a store rebuilt from its records. */
class LambdaRecordTypesTest {

    @TempDir
    Path dir;

    private final Path root = Path.of("data", "lambda");

    private StoredCode code(char c) {
        String key = String.valueOf(c).repeat(64);
        return new StoredCode(key, "c2hh" + c, 1234, root.resolve("zips").resolve(key + ".zip"),
                root.resolve("code").resolve(key), 5678);
    }

    private final LambdaRecordTypes.CodeLocations locations = (key, sha, size, unzipped) ->
            new StoredCode(key, sha, size, root.resolve("zips").resolve(key + ".zip"), root.resolve("code").resolve(key),
                    unzipped);

    private static final PackageArchives NO_ARCHIVES = new PackageArchives() {
        @Override
        public java.io.InputStream open(String key) throws java.io.IOException {
            throw new java.nio.file.NoSuchFileException(key);
        }

        @Override
        public void store(String key, java.io.InputStream zip) throws java.io.IOException {
            throw new java.io.IOException("no archives here");
        }
    };

    private FunctionConfig config(String version, boolean everything) {
        FunctionConfig.Builder b = new FunctionConfig.Builder();
        b.name = "fn";
        b.functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:fn";
        b.version = version;
        b.accountId = "123456789012";
        b.region = "eu-west-1";
        b.runtime = "python3.12";
        b.role = "arn:aws:iam::123456789012:role/r";
        b.handler = "app.handler";
        b.code = code('a');
        b.lastModified = Instant.parse("2026-01-02T03:04:05.123456789Z");
        b.revisionId = "rev-" + version;
        b.state = "Active";
        b.lastUpdateStatus = "Successful";
        if (everything) {
            b.description = "all of it";
            b.timeout = 30;
            b.memorySize = 1024;
            Map<String, String> env = new LinkedHashMap<>();
            env.put("Z", "last");
            env.put("A", "first");
            b.environment = env;
            b.layers = List.of(new LayerRef("arn:aws:lambda:eu-west-1:123456789012:layer:deps:2", code('b')));
            b.architectures = List.of("arm64");
            b.ephemeralStorage = 2048;
            b.tracingMode = "Active";
            b.deadLetterTargetArn = "arn:aws:sqs:eu-west-1:123456789012:dlq";
            b.kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/k";
            b.vpcConfig = new VpcConfig(List.of("subnet-1"), List.of("sg-1", "sg-2"), "vpc-1", true);
            b.logFormat = "JSON";
            b.logGroup = "/custom/fn";
            b.applicationLogLevel = "DEBUG";
            b.systemLogLevel = "WARN";
            b.stateReason = "reason";
            b.stateReasonCode = "Code";
            b.lastUpdateStatusReason = "update reason";
            b.lastUpdateStatusReasonCode = "UpdateCode";
        }
        return b.build();
    }

    /** A function of a container image: no package, no runtime, the image and its ImageConfig. */
    private static FunctionConfig image(FunctionConfig c, List<String> entryPoint, List<String> command,
                                        String workingDirectory) {
        FunctionConfig.Builder b = c.toBuilder();
        b.code = null;
        b.runtime = null;
        b.handler = null;
        b.image = new ContainerImage("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "d".repeat(64), "sha256:" + "d".repeat(64),
                "sha256:" + "e".repeat(64), entryPoint, command, workingDirectory);
        return b.build();
    }

    private static FunctionConfig renamed(FunctionConfig c, String name) {
        FunctionConfig.Builder b = c.toBuilder();
        b.name = name;
        b.functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:" + name;
        return b.build();
    }

    private List<Object> everyRecord() {
        Map<String, Map<String, String>> policies = new LinkedHashMap<>();
        policies.put("", Map.of("s1", "{\"Sid\":\"s1\"}"));
        policies.put("live", Map.of("s2", "{\"Sid\":\"s2\"}"));
        Map<String, UrlConfig> urls = new LinkedHashMap<>();
        urls.put("", new UrlConfig("http://x.lambda-url/", "arn:fn", "NONE",
                new Cors(true, List.of("x-h"), List.of("GET"), List.of("*"), List.of(), 60), "BUFFERED",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z")));
        urls.put("live", new UrlConfig("http://y.lambda-url/", "arn:fn:live", "AWS_IAM",
                new Cors(null, null, null, null, null, null), "RESPONSE_STREAM",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
        urls.put("2", new UrlConfig("http://z.lambda-url/", "arn:fn:2", "NONE", null, "BUFFERED",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
        return List.of(
                new LambdaRecords.FunctionSaved("123456789012", "eu-west-1", config("$LATEST", true),
                        List.of(config("1", false), config("3", true)), 3,
                        List.of(new Alias("live", "arn:fn:live", "1", "d", Map.of("3", 0.25), "r1"),
                                new Alias("plain", "arn:fn:plain", "$LATEST", null, null, "r2")),
                        policies, Map.of("", "p1", "live", "p2"), Map.of("team", "a", "env", ""), 7, urls),
                new LambdaRecords.FunctionSaved("123456789012", "eu-west-1", renamed(config("$LATEST", false), "bare"),
                        List.of(), 0,
                        List.of(), Map.of(), Map.of(), Map.of(), null, Map.of()),
                new LambdaRecords.FunctionDeleted("123456789012", "eu-west-1", "old"),
                new LambdaRecords.LayerSaved("123456789012", "eu-west-1", "deps", 4,
                        List.of(new LayerVersion("deps", "arn:layer:deps", 2, "two", Instant.parse("2026-01-01T00:00:00Z"),
                                List.of("python3.12", "python3.11"), List.of("x86_64"), "MIT", code('b')),
                                new LayerVersion("deps", "arn:layer:deps", 4, null, Instant.parse("2026-01-02T00:00:00Z"),
                                        null, null, null, code('c'))),
                        Map.of(2L, Map.of("all", "{\"Sid\":\"all\"}")), Map.of(2L, "lr")),
                new LambdaRecords.LayerSaved("123456789012", "eu-west-1", "emptied", 9, List.of(), Map.of(), Map.of()),
                new LambdaRecords.MappingSaved("u-1", "arn:esm:u-1", "123456789012", "eu-west-1", "arn:aws:sqs:q",
                        "arn:fn:live", 100, 5, new FilterCriteria(List.of("{\"body\":{\"a\":[1]}}")),
                        List.of("ReportBatchItemFailures"), 4, "Enabled", "USER_INITIATED", "OK",
                        Instant.parse("2026-01-03T00:00:00Z"), Map.of("k", "v")),
                new LambdaRecords.MappingSaved("u-2", "arn:esm:u-2", "123456789012", "eu-west-1", "arn:aws:sqs:q2",
                        "arn:fn", 10, 0, null, null, null, "Disabled", "USER_INITIATED", "No records processed", null,
                        Map.of()),
                new LambdaRecords.MappingDeleted("123456789012", "eu-west-1", "u-3"));
    }

    /** The records appended to a journal, as a new run reads them back. */
    private RecordedState writtenAndRead(List<Object> written) {
        JournalOptions journalOnly = JournalOptions.DEFAULTS.withSnapshotOnClose(false);
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            StateJournal journal = persistence.open(new RecordedState("lambda", LambdaRecordTypes.of(locations)));
            written.forEach(r -> journal.append(r).toCompletableFuture().join());
        }
        RecordedState read = new RecordedState("lambda", LambdaRecordTypes.of(locations));
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            persistence.open(read);
        }
        return read;
    }

    @Test
    void everyRecordTypeReadsBackAsWritten() {
        List<Object> written = everyRecord();
        RecordedState read = writtenAndRead(written);
        assertThat(read.records).hasSameSizeAs(written);
        assertThat(read.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(written);
        // packages are named by their content key, under the data directory of the run that reads them
        LambdaRecords.FunctionSaved f = (LambdaRecords.FunctionSaved) read.records.get(0);
        assertThat(f.latest().code.zip()).isEqualTo(root.resolve("zips").resolve("a".repeat(64) + ".zip"));
        assertThat(f.latest().environment.keySet()).containsExactly("Z", "A");
    }

    @Test
    void functionsOfContainerImagesReadBackWithTheirImageAndNoPackage() {
        List<Object> written = List.of(new LambdaRecords.FunctionSaved("123456789012", "eu-west-1",
                image(renamed(config("$LATEST", false), "image"), List.of("/entry"), List.of(), "/work"),
                List.of(image(renamed(config("1", false), "image"), null, null, null)), 1, List.of(), Map.of(),
                Map.of(), Map.of(), null, Map.of()));
        RecordedState read = writtenAndRead(written);
        assertThat(read.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(written);
        LambdaRecords.FunctionSaved f = (LambdaRecords.FunctionSaved) read.records.get(0);
        assertThat(f.latest().packageType()).isEqualTo("Image");
        assertThat(f.latest().codeSha256()).isEqualTo("d".repeat(64));
        assertThat(f.latest().image.command()).isEmpty();
        assertThat(f.versions().get(0).image.entryPoint()).isNull();
        assertThat(new LambdaDurableState(new FunctionStore(), locations, NO_ARCHIVES).attachments().of(f)).isEmpty();
    }

    @Test
    void aStoreIsRebuiltFromItsRecords() {
        FunctionStore store = new FunctionStore();
        LambdaDurableState state = new LambdaDurableState(store, locations, NO_ARCHIVES);
        everyRecord().forEach(state::apply);
        List<Object> records = new ArrayList<>();
        state.records().forEach(records::add);
        // the deletions named things that were not there; the rest is what the store holds
        assertThat(records).hasSize(6);

        FunctionStore copy = new FunctionStore();
        LambdaDurableState rebuilt = new LambdaDurableState(copy, locations, NO_ARCHIVES);
        records.forEach(rebuilt::apply);
        List<Object> again = new ArrayList<>();
        rebuilt.records().forEach(again::add);
        assertThat(again).usingRecursiveFieldByFieldElementComparator().isEqualTo(records);

        LambdaFunction f = copy.function("123456789012", "eu-west-1", "fn");
        assertThat(f.nextVersion()).isEqualTo(4);
        assertThat(f.alias("live").additionalWeights()).containsEntry("3", 0.25);
        assertThat(f.policy("live")).containsKey("s2");
        assertThat(f.reservedConcurrency()).isEqualTo(7);
        assertThat(copy.layer("123456789012", "eu-west-1", "emptied", false).lastVersion).isEqualTo(9);
        assertThat(copy.mapping("123456789012", "eu-west-1", "u-1").enabled()).isTrue();

        rebuilt.apply(new LambdaRecords.FunctionDeleted("123456789012", "eu-west-1", "fn"));
        rebuilt.apply(new LambdaRecords.MappingDeleted("123456789012", "eu-west-1", "u-1"));
        assertThat(copy.function("123456789012", "eu-west-1", "fn")).isNull();
        assertThat(copy.mapping("123456789012", "eu-west-1", "u-1")).isNull();
    }

    @Test
    void recordsNameThePackagesTheyUseByContentKey() {
        List<Object> records = everyRecord();
        var attachments = new LambdaDurableState(new FunctionStore(), locations, NO_ARCHIVES).attachments();
        // $LATEST and both versions run package a; version 3 and $LATEST use the layer version of package b
        assertThat(attachments.of(records.get(0))).containsExactly("a".repeat(64), "b".repeat(64));
        assertThat(attachments.of(records.get(1))).containsExactly("a".repeat(64));
        assertThat(attachments.of(records.get(2))).isEmpty();
        assertThat(attachments.of(records.get(3))).containsExactly("b".repeat(64), "c".repeat(64));
        assertThat(attachments.of(records.get(4))).isEmpty();
        assertThat(attachments.of(records.get(5))).isEmpty();
    }

    private static List<Object> settingsRecords() {
        Map<String, EventInvokeConfig> configs = new LinkedHashMap<>();
        configs.put("$LATEST", new EventInvokeConfig(1, 120, "arn:aws:sqs:eu-west-1:123456789012:ok",
                "arn:aws:sns:eu-west-1:123456789012:failed", Instant.parse("2026-01-04T00:00:00.5Z")));
        configs.put("live", new EventInvokeConfig(null, null, null, null, Instant.parse("2026-01-04T00:00:01Z")));
        Map<String, ProvisionedConcurrency> provisioned = Map.of("live", new ProvisionedConcurrency(5,
                Instant.parse("2026-01-04T00:00:00Z"), Instant.parse("2026-01-04T00:02:00Z")));
        return List.of(
                new LambdaRecords.SettingsSaved("123456789012", "eu-west-1", "fn", configs, provisioned,
                        "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0123456789abcdef0"),
                new LambdaRecords.SettingsSaved("123456789012", "eu-west-1", "bare", Map.of(), Map.of(), null),
                new LambdaRecords.CodeSigningConfigSaved(new CodeSigningConfig("123456789012", "eu-west-1",
                        "csc-0123456789abcdef0", "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:"
                        + "csc-0123456789abcdef0", "signed", List.of("arn:aws:signer:eu-west-1:123456789012:"
                        + "/signing-profiles/p/v1"), "Enforce", Instant.parse("2026-01-04T00:00:00Z"))),
                new LambdaRecords.CodeSigningConfigDeleted("123456789012", "eu-west-1", "csc-gone"));
    }

    @Test
    void settingsAndCodeSigningRecordsReadBackAndRebuildTheStore() {
        List<Object> written = settingsRecords();
        RecordedState read = writtenAndRead(written);
        assertThat(read.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(written);

        FunctionStore store = new FunctionStore();
        LambdaDurableState state = new LambdaDurableState(store, locations, NO_ARCHIVES);
        everyRecord().forEach(state::apply);
        written.forEach(state::apply);
        FunctionSettings settings = store.settings("123456789012", "eu-west-1", "fn", false);
        assertThat(settings.eventInvokeConfig("$LATEST").retryAttempts()).isEqualTo(1);
        assertThat(settings.eventInvokeConfig("live").retryAttempts()).isEqualTo(2);
        assertThat(settings.eventInvokeConfig("live").eventAgeSeconds()).isEqualTo(21600);
        assertThat(settings.provisioned("live").ready(Instant.parse("2026-01-04T00:01:59Z"))).isFalse();
        assertThat(settings.provisioned("live").ready(Instant.parse("2026-01-04T00:02:00Z"))).isTrue();
        assertThat(store.codeSigningConfigs("123456789012", "eu-west-1")).hasSize(1);

        List<Object> records = new ArrayList<>();
        state.records().forEach(records::add);
        FunctionStore copy = new FunctionStore();
        LambdaDurableState rebuilt = new LambdaDurableState(copy, locations, NO_ARCHIVES);
        records.forEach(rebuilt::apply);
        List<Object> again = new ArrayList<>();
        rebuilt.records().forEach(again::add);
        assertThat(again).usingRecursiveFieldByFieldElementComparator().isEqualTo(records);

        // a function's settings go with it
        rebuilt.apply(new LambdaRecords.FunctionDeleted("123456789012", "eu-west-1", "fn"));
        assertThat(copy.settings("123456789012", "eu-west-1", "fn", false)).isNull();
    }
}
