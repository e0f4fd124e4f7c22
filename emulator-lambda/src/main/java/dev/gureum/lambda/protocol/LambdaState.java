package dev.gureum.lambda.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.spi.ObjectReader;
import dev.gureum.lambda.domain.Alias;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.StoredCode;
import dev.gureum.lambda.runtime.FunctionRunner;
import dev.gureum.lambda.runtime.Interpreters;
import dev.gureum.lambda.storage.CodeStore;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/** What Lambda's operations share: the store, the packages on disk, the runner, the clock. */
final class LambdaState {

    final EmulatorContext context;
    final Clock clock;
    final FunctionStore store = new FunctionStore();
    final CodeStore code;
    final FunctionRunner runner;
    final Interpreters interpreters;

    LambdaState(EmulatorContext context, CodeStore code, FunctionRunner runner, Interpreters interpreters) {
        this.context = context;
        this.clock = context.clock();
        this.code = code;
        this.runner = runner;
        this.interpreters = interpreters;
    }

    LambdaFunction function(FunctionRef ref) {
        LambdaFunction f = store.function(ref.accountId(), ref.region(), ref.name());
        if (f == null) {
            throw LambdaErrors.functionNotFound(ref.describedArn());
        }
        return f;
    }

    /** The configuration a qualifier names: {@code $LATEST} when none, a version, or an alias's version. */
    FunctionConfig config(LambdaFunction f, FunctionRef ref) {
        String q = ref.qualifier();
        if (q == null || q.equals(FunctionConfig.LATEST)) {
            return f.latest();
        }
        FunctionConfig version = f.version(q);
        if (version != null) {
            return version;
        }
        Alias alias = f.alias(q);
        if (alias != null) {
            FunctionConfig target = f.version(alias.functionVersion());
            if (target != null) {
                return target;
            }
        }
        throw LambdaErrors.functionNotFound(ref.describedArn());
    }

    /** For invocations: an alias with weights picks one of its versions at random, by weight. */
    FunctionConfig routedConfig(LambdaFunction f, FunctionRef ref) {
        Alias alias = ref.qualifier() == null ? null : f.alias(ref.qualifier());
        if (alias != null && !alias.additionalWeights().isEmpty()) {
            double pick = ThreadLocalRandom.current().nextDouble();
            double sum = 0;
            for (var e : alias.additionalWeights().entrySet()) {
                sum += e.getValue();
                if (pick < sum) {
                    FunctionConfig chosen = f.version(e.getKey());
                    if (chosen != null) {
                        return chosen;
                    }
                }
            }
        }
        return config(f, ref);
    }

    /** A deployment package from {@code ZipFile}, or from {@code S3Bucket}/{@code S3Key} in Gureum's S3. */
    StoredCode storeCode(Params p, String accountId, boolean required) {
        byte[] zip = p.blob("ZipFile");
        String bucket = p.string("S3Bucket");
        String key = p.string("S3Key");
        InputStream in;
        if (zip != null) {
            in = new ByteArrayInputStream(zip);
        } else if (bucket != null && key != null) {
            ObjectReader s3 = context.crossService().find(ObjectReader.class).orElseThrow(() -> LambdaErrors.invalid(
                    "S3 is not enabled on this server, so code cannot be read from S3Bucket/S3Key."));
            try {
                in = s3.open(accountId, bucket, key, p.string("S3ObjectVersion"));
            } catch (AwsException e) {
                throw LambdaErrors.invalid("Error occurred while GetObject. S3 Error Code: " + e.code()
                        + ". S3 Error Message: " + e.getMessage());
            }
        } else if (p.string("ImageUri") != null) {
            throw imageUnsupported();
        } else if (!required) {
            return null;
        } else {
            throw LambdaErrors.invalid("Please provide a source for function code.");
        }
        try {
            return code.store(in);
        } catch (CodeStore.InvalidPackageException e) {
            throw LambdaErrors.invalid(e.getMessage());
        }
    }

    static AwsException imageUnsupported() {
        return LambdaErrors.invalid("Gureum runs functions from .zip deployment packages only: container images "
                + "(PackageType Image) are not supported.");
    }

    /** Where GetFunction's {@code Code.Location} points: Gureum serves the archive itself. */
    static String codeLocation(RequestContext ctx, String path, String arn) {
        return ctx.baseUrl() + "/_gureum/lambda/" + path + "?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    /** Account-wide code size, for GetAccountSettings. */
    long totalCodeSize(String accountId, String region) {
        long total = 0;
        for (LambdaFunction f : store.functions(accountId, region)) {
            for (FunctionConfig c : f.allVersions()) {
                total += c.code.size();
            }
        }
        return total;
    }
}
