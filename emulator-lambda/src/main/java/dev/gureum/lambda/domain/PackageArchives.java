package dev.gureum.lambda.domain;

import java.io.IOException;
import java.io.InputStream;

/**
 * The .zip archives of deployment packages by content key (the hex SHA-256 of the archive), as a state
 * file carries them: read for an export, kept and extracted when a state is loaded.
 */
public interface PackageArchives {

    /**
     * The archive's bytes.
     *
     * @throws java.nio.file.NoSuchFileException if no package of that key is stored (any more)
     */
    InputStream open(String key) throws IOException;

    /**
     * Keeps an archive under its key and extracts it, both forced to the disk before it returns.
     *
     * @throws IOException if the bytes are not those the key names, or not a package Lambda would take
     */
    void store(String key, InputStream zip) throws IOException;
}
