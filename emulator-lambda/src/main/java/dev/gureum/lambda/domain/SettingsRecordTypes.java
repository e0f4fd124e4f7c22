package dev.gureum.lambda.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.lambda.domain.LambdaRecords.CodeSigningConfigDeleted;
import dev.gureum.lambda.domain.LambdaRecords.CodeSigningConfigSaved;
import dev.gureum.lambda.domain.LambdaRecords.SettingsSaved;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the records of a function's settings (event invoke configurations, provisioned concurrency, its code
 * signing configuration) and of code signing configurations are written in Lambda's journal (tags 6 to 8,
 * version 1).
 */
final class SettingsRecordTypes {

    private SettingsRecordTypes() {
    }

    static List<RecordType<?>> all() {
        return List.of(
                RecordType.of(6, SettingsSaved.class, 1, SettingsRecordTypes::writeSettings,
                        (in, v) -> readSettings(in)),
                RecordType.of(7, CodeSigningConfigSaved.class, 1, (c, out) -> writeCodeSigning(c.config(), out),
                        (in, v) -> new CodeSigningConfigSaved(readCodeSigning(in))),
                RecordType.of(8, CodeSigningConfigDeleted.class, 1, (d, out) -> {
                    out.writeString(d.accountId());
                    out.writeString(d.region());
                    out.writeString(d.id());
                }, (in, v) -> new CodeSigningConfigDeleted(in.readString(), in.readString(), in.readString())));
    }

    private static void writeSettings(SettingsSaved s, RecordOutput out) throws IOException {
        out.writeString(s.accountId());
        out.writeString(s.region());
        out.writeString(s.functionName());
        out.writeInt(s.eventInvokeConfigs().size());
        for (Map.Entry<String, EventInvokeConfig> e : s.eventInvokeConfigs().entrySet()) {
            EventInvokeConfig c = e.getValue();
            out.writeString(e.getKey());
            LambdaRecordTypes.writeInteger(c.maximumRetryAttempts(), out);
            LambdaRecordTypes.writeInteger(c.maximumEventAgeInSeconds(), out);
            out.writeString(c.onSuccess());
            out.writeString(c.onFailure());
            out.writeInstant(c.lastModified());
        }
        out.writeInt(s.provisioned().size());
        for (Map.Entry<String, ProvisionedConcurrency> e : s.provisioned().entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue().requested());
            out.writeInstant(e.getValue().lastModified());
            out.writeInstant(e.getValue().readyAt());
        }
        out.writeString(s.codeSigningConfigArn());
    }

    private static SettingsSaved readSettings(RecordInput in) throws IOException {
        String accountId = in.readString();
        String region = in.readString();
        String name = in.readString();
        int count = in.readInt();
        Map<String, EventInvokeConfig> configs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            configs.put(in.readString(), new EventInvokeConfig(LambdaRecordTypes.readInteger(in),
                    LambdaRecordTypes.readInteger(in), in.readString(), in.readString(), in.readInstant()));
        }
        count = in.readInt();
        Map<String, ProvisionedConcurrency> provisioned = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            provisioned.put(in.readString(), new ProvisionedConcurrency(in.readInt(), in.readInstant(),
                    in.readInstant()));
        }
        return new SettingsSaved(accountId, region, name, configs, provisioned, in.readString());
    }

    private static void writeCodeSigning(CodeSigningConfig c, RecordOutput out) throws IOException {
        out.writeString(c.accountId());
        out.writeString(c.region());
        out.writeString(c.id());
        out.writeString(c.arn());
        out.writeString(c.description());
        out.writeStringList(c.signingProfileVersionArns());
        out.writeString(c.untrustedArtifactOnDeployment());
        out.writeInstant(c.lastModified());
    }

    private static CodeSigningConfig readCodeSigning(RecordInput in) throws IOException {
        return new CodeSigningConfig(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readStringList(), in.readString(), in.readInstant());
    }
}
