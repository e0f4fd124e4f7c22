package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;

import java.nio.file.Path;
import java.time.Clock;

/** A server keeping S3's state in a directory, run in a child JVM that {@link CrashIT} kills. */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(Path.of(args[0]), Clock.systemUTC(), new S3Module());
        System.out.println("ready " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
