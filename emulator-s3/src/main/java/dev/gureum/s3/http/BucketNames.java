package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.protocol.S3Error;

import java.util.regex.Pattern;

/** S3's general-purpose bucket naming rules (S3 user guide, "Bucket naming rules"). */
final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    static void validate(String name) {
        if (!isValid(name)) {
            throw new AwsException(S3Error.INVALID_BUCKET_NAME, "The specified bucket is not valid.")
                    .detail("BucketName", name);
        }
    }

    static boolean isValid(String name) {
        return name != null && SHAPE.matcher(name).matches()
                && !name.contains("..") && !name.contains(".-") && !name.contains("-.")
                && !IP_ADDRESS.matcher(name).matches()
                && !name.startsWith("xn--") && !name.startsWith("sthree-") && !name.startsWith("amzn-s3-demo-")
                && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3") && !name.endsWith(".mrap")
                && !name.endsWith("--x-s3") && !name.endsWith("--table-s3");
    }
}
