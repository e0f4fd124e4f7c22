package dev.gureum.lambda.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.lambda.domain.LambdaRecords.FunctionDeleted;
import dev.gureum.lambda.domain.LambdaRecords.FunctionSaved;
import dev.gureum.lambda.domain.LambdaRecords.LayerSaved;
import dev.gureum.lambda.domain.LambdaRecords.MappingDeleted;
import dev.gureum.lambda.domain.LambdaRecords.MappingSaved;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Lambda's records are written in its journal (tags 1 to 5, version 1; 6 to 8 in
 * {@link SettingsRecordTypes}). A deployment package is
 * kept as its content key, hashes and sizes: the archive and its extraction are files of the data
 * directory named by that key, found again through {@link CodeLocations}.
 */
public final class LambdaRecordTypes {

    /** Where the stored package of a content key lives. */
    @FunctionalInterface
    public interface CodeLocations {
        StoredCode code(String key, String sha256, long size, long unzippedSize);
    }

    private static final java.util.regex.Pattern PACKAGE_KEY = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final CodeLocations locations;

    private LambdaRecordTypes(CodeLocations locations) {
        this.locations = locations;
    }

    public static RecordTypes of(CodeLocations locations) {
        LambdaRecordTypes t = new LambdaRecordTypes(locations);
        List<RecordType<?>> types = new ArrayList<>(List.of(
                // version 2: a configuration ends with its container image
                RecordType.of(1, FunctionSaved.class, 2, t::writeFunction, t::readFunction),
                RecordType.of(2, FunctionDeleted.class, 1, (d, out) -> {
                    out.writeString(d.accountId());
                    out.writeString(d.region());
                    out.writeString(d.name());
                }, (in, v) -> new FunctionDeleted(in.readString(), in.readString(), in.readString())),
                RecordType.of(3, LayerSaved.class, 1, t::writeLayer, (in, v) -> t.readLayer(in)),
                RecordType.of(4, MappingSaved.class, 1, LambdaRecordTypes::writeMapping,
                        (in, v) -> readMapping(in)),
                RecordType.of(5, MappingDeleted.class, 1, (d, out) -> {
                    out.writeString(d.accountId());
                    out.writeString(d.region());
                    out.writeString(d.uuid());
                }, (in, v) -> new MappingDeleted(in.readString(), in.readString(), in.readString()))));
        types.addAll(SettingsRecordTypes.all());
        return RecordTypes.of(types);
    }

    // ---- functions ------------------------------------------------------------------------------

    private void writeFunction(FunctionSaved f, RecordOutput out) throws IOException {
        out.writeString(f.accountId());
        out.writeString(f.region());
        writeConfig(f.latest(), out);
        out.writeInt(f.versions().size());
        for (FunctionConfig c : f.versions()) {
            writeConfig(c, out);
        }
        out.writeLong(f.lastVersion());
        out.writeInt(f.aliases().size());
        for (Alias a : f.aliases()) {
            out.writeString(a.name());
            out.writeString(a.aliasArn());
            out.writeString(a.functionVersion());
            out.writeString(a.description());
            out.writeInt(a.additionalWeights().size());
            for (Map.Entry<String, Double> w : a.additionalWeights().entrySet()) {
                out.writeString(w.getKey());
                out.writeDouble(w.getValue());
            }
            out.writeString(a.revisionId());
        }
        out.writeInt(f.policies().size());
        for (Map.Entry<String, Map<String, String>> p : f.policies().entrySet()) {
            out.writeString(p.getKey());
            out.writeStringMap(p.getValue());
        }
        out.writeStringMap(f.policyRevisions());
        out.writeStringMap(f.tags());
        writeInteger(f.reservedConcurrency(), out);
        out.writeInt(f.urlConfigs().size());
        for (Map.Entry<String, UrlConfig> u : f.urlConfigs().entrySet()) {
            out.writeString(u.getKey());
            writeUrl(u.getValue(), out);
        }
    }

    private FunctionSaved readFunction(RecordInput in, int recordVersion) throws IOException {
        String accountId = in.readString();
        String region = in.readString();
        FunctionConfig latest = readConfig(in, recordVersion);
        int count = in.readInt();
        List<FunctionConfig> versions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            versions.add(readConfig(in, recordVersion));
        }
        long lastVersion = in.readLong();
        count = in.readInt();
        List<Alias> aliases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            String arn = in.readString();
            String version = in.readString();
            String description = in.readString();
            int weights = in.readInt();
            Map<String, Double> additional = new LinkedHashMap<>();
            for (int w = 0; w < weights; w++) {
                additional.put(in.readString(), in.readDouble());
            }
            aliases.add(new Alias(name, arn, version, description, additional, in.readString()));
        }
        count = in.readInt();
        Map<String, Map<String, String>> policies = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            policies.put(in.readString(), in.readStringMap());
        }
        Map<String, String> revisions = in.readStringMap();
        Map<String, String> tags = in.readStringMap();
        Integer reserved = readInteger(in);
        count = in.readInt();
        Map<String, UrlConfig> urls = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            urls.put(in.readString(), readUrl(in));
        }
        return new FunctionSaved(accountId, region, latest, versions, lastVersion, aliases, policies, revisions, tags,
                reserved, urls);
    }

    private void writeConfig(FunctionConfig c, RecordOutput out) throws IOException {
        for (String s : new String[] {c.name, c.functionArn, c.version, c.accountId, c.region, c.runtime, c.role,
                c.handler, c.description}) {
            out.writeString(s);
        }
        out.writeInt(c.timeout);
        out.writeInt(c.memorySize);
        out.writeStringMap(c.environment);
        out.writeInt(c.layers.size());
        for (LayerRef l : c.layers) {
            out.writeString(l.arn());
            writeCode(l.code(), out);
        }
        writeCode(c.code, out);
        out.writeStringList(c.architectures);
        out.writeInt(c.ephemeralStorage);
        out.writeString(c.tracingMode);
        out.writeString(c.deadLetterTargetArn);
        out.writeString(c.kmsKeyArn);
        out.writeBoolean(c.vpcConfig != null);
        if (c.vpcConfig != null) {
            out.writeStringList(c.vpcConfig.subnetIds());
            out.writeStringList(c.vpcConfig.securityGroupIds());
            out.writeString(c.vpcConfig.vpcId());
            out.writeBoolean(c.vpcConfig.ipv6AllowedForDualStack());
        }
        for (String s : new String[] {c.logFormat, c.logGroup, c.applicationLogLevel, c.systemLogLevel,
                c.snapStartApplyOn}) {
            out.writeString(s);
        }
        out.writeInstant(c.lastModified);
        for (String s : new String[] {c.revisionId, c.state, c.stateReason, c.stateReasonCode, c.lastUpdateStatus,
                c.lastUpdateStatusReason, c.lastUpdateStatusReasonCode}) {
            out.writeString(s);
        }
        out.writeBoolean(c.image != null);
        if (c.image != null) {
            ContainerImage i = c.image;
            for (String s : new String[] {i.imageUri(), i.resolvedImageUri(), i.digest(), i.imageId()}) {
                out.writeString(s);
            }
            writeOptionalList(i.entryPoint(), out);
            writeOptionalList(i.command(), out);
            out.writeString(i.workingDirectory());
        }
    }

    private static void writeOptionalList(List<String> list, RecordOutput out) throws IOException {
        out.writeBoolean(list != null);
        if (list != null) {
            out.writeStringList(list);
        }
    }

    private static List<String> readOptionalList(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readStringList() : null;
    }

    private FunctionConfig readConfig(RecordInput in, int version) throws IOException {
        FunctionConfig.Builder b = new FunctionConfig.Builder();
        b.name = in.readString();
        b.functionArn = in.readString();
        b.version = in.readString();
        b.accountId = in.readString();
        b.region = in.readString();
        b.runtime = in.readString();
        b.role = in.readString();
        b.handler = in.readString();
        b.description = in.readString();
        b.timeout = in.readInt();
        b.memorySize = in.readInt();
        b.environment = in.readStringMap();
        int layers = in.readInt();
        b.layers = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            b.layers.add(new LayerRef(in.readString(), readCode(in)));
        }
        b.code = readCode(in);
        b.architectures = in.readStringList();
        b.ephemeralStorage = in.readInt();
        b.tracingMode = in.readString();
        b.deadLetterTargetArn = in.readString();
        b.kmsKeyArn = in.readString();
        if (in.readBoolean()) {
            b.vpcConfig = new VpcConfig(in.readStringList(), in.readStringList(), in.readString(), in.readBoolean());
        }
        b.logFormat = in.readString();
        b.logGroup = in.readString();
        b.applicationLogLevel = in.readString();
        b.systemLogLevel = in.readString();
        b.snapStartApplyOn = in.readString();
        b.lastModified = in.readInstant();
        b.revisionId = in.readString();
        b.state = in.readString();
        b.stateReason = in.readString();
        b.stateReasonCode = in.readString();
        b.lastUpdateStatus = in.readString();
        b.lastUpdateStatusReason = in.readString();
        b.lastUpdateStatusReasonCode = in.readString();
        if (version >= 2 && in.readBoolean()) {
            b.image = new ContainerImage(in.readString(), in.readString(), in.readString(), in.readString(),
                    readOptionalList(in), readOptionalList(in), in.readString());
        }
        return b.build();
    }

    private static void writeCode(StoredCode code, RecordOutput out) throws IOException {
        out.writeBoolean(code != null);
        if (code != null) {
            out.writeString(code.key());
            out.writeString(code.sha256());
            out.writeLong(code.size());
            out.writeLong(code.unzippedSize());
        }
    }

    private StoredCode readCode(RecordInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String key = in.readString();
        if (key == null || !PACKAGE_KEY.matcher(key).matches()) {
            throw new IOException("a package key is not a SHA-256 in hex");
        }
        return locations.code(key, in.readString(), in.readLong(), in.readLong());
    }

    private static void writeUrl(UrlConfig u, RecordOutput out) throws IOException {
        out.writeString(u.functionUrl());
        out.writeString(u.functionArn());
        out.writeString(u.authType());
        Cors cors = u.cors();
        out.writeBoolean(cors != null);
        if (cors != null) {
            out.writeByte(cors.allowCredentials() == null ? -1 : cors.allowCredentials() ? 1 : 0);
            out.writeStringList(cors.allowHeaders());
            out.writeStringList(cors.allowMethods());
            out.writeStringList(cors.allowOrigins());
            out.writeStringList(cors.exposeHeaders());
            writeInteger(cors.maxAge(), out);
        }
        out.writeString(u.invokeMode());
        out.writeInstant(u.creationTime());
        out.writeInstant(u.lastModifiedTime());
    }

    private static UrlConfig readUrl(RecordInput in) throws IOException {
        String url = in.readString();
        String arn = in.readString();
        String authType = in.readString();
        Cors cors = null;
        if (in.readBoolean()) {
            byte credentials = in.readByte();
            cors = new Cors(credentials < 0 ? null : credentials == 1, in.readStringList(), in.readStringList(),
                    in.readStringList(), in.readStringList(), readInteger(in));
        }
        return new UrlConfig(url, arn, authType, cors, in.readString(), in.readInstant(), in.readInstant());
    }

    // ---- layers ---------------------------------------------------------------------------------

    private void writeLayer(LayerSaved l, RecordOutput out) throws IOException {
        out.writeString(l.accountId());
        out.writeString(l.region());
        out.writeString(l.name());
        out.writeLong(l.lastVersion());
        out.writeInt(l.versions().size());
        for (LayerVersion v : l.versions()) {
            out.writeString(v.layerName());
            out.writeString(v.layerArn());
            out.writeLong(v.version());
            out.writeString(v.description());
            out.writeInstant(v.createdDate());
            out.writeStringList(v.compatibleRuntimes());
            out.writeStringList(v.compatibleArchitectures());
            out.writeString(v.licenseInfo());
            writeCode(v.code(), out);
        }
        out.writeInt(l.policies().size());
        for (Map.Entry<Long, Map<String, String>> p : l.policies().entrySet()) {
            out.writeLong(p.getKey());
            out.writeStringMap(p.getValue());
        }
        out.writeInt(l.policyRevisions().size());
        for (Map.Entry<Long, String> r : l.policyRevisions().entrySet()) {
            out.writeLong(r.getKey());
            out.writeString(r.getValue());
        }
    }

    private LayerSaved readLayer(RecordInput in) throws IOException {
        String accountId = in.readString();
        String region = in.readString();
        String name = in.readString();
        long lastVersion = in.readLong();
        int count = in.readInt();
        List<LayerVersion> versions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            versions.add(new LayerVersion(in.readString(), in.readString(), in.readLong(), in.readString(),
                    in.readInstant(), in.readStringList(), in.readStringList(), in.readString(), readCode(in)));
        }
        count = in.readInt();
        Map<Long, Map<String, String>> policies = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            policies.put(in.readLong(), in.readStringMap());
        }
        count = in.readInt();
        Map<Long, String> revisions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            revisions.put(in.readLong(), in.readString());
        }
        return new LayerSaved(accountId, region, name, lastVersion, versions, policies, revisions);
    }

    // ---- event source mappings ------------------------------------------------------------------

    private static void writeMapping(MappingSaved m, RecordOutput out) throws IOException {
        for (String s : new String[] {m.uuid(), m.arn(), m.accountId(), m.region(), m.eventSourceArn(),
                m.functionArn()}) {
            out.writeString(s);
        }
        out.writeInt(m.batchSize());
        out.writeInt(m.maximumBatchingWindowInSeconds());
        out.writeStringList(m.filterCriteria() == null ? null : m.filterCriteria().patterns());
        out.writeStringList(m.functionResponseTypes());
        writeInteger(m.maximumConcurrency(), out);
        out.writeString(m.state());
        out.writeString(m.stateTransitionReason());
        out.writeString(m.lastProcessingResult());
        out.writeInstant(m.lastModified());
        out.writeStringMap(m.tags());
    }

    private static MappingSaved readMapping(RecordInput in) throws IOException {
        String uuid = in.readString();
        String arn = in.readString();
        String accountId = in.readString();
        String region = in.readString();
        String source = in.readString();
        String function = in.readString();
        int batchSize = in.readInt();
        int window = in.readInt();
        List<String> patterns = in.readStringList();
        return new MappingSaved(uuid, arn, accountId, region, source, function, batchSize, window,
                patterns == null ? null : new FilterCriteria(patterns), in.readStringList(), readInteger(in),
                in.readString(), in.readString(), in.readString(), in.readInstant(), in.readStringMap());
    }

    static void writeInteger(Integer value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    static Integer readInteger(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}
