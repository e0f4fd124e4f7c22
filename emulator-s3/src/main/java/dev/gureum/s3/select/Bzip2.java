package dev.gureum.s3.select;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.IOException;
import java.io.InputStream;

/** BZIP2 input, decoded as it is read (several concatenated streams, as {@code pbzip2} writes, included). */
final class Bzip2 {

    private Bzip2() {
    }

    static InputStream open(InputStream in) throws IOException {
        return new BZip2CompressorInputStream(in, true);
    }
}
